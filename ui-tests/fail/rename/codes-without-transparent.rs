use errbook::ApiError;

#[derive(Debug, ApiError)]
enum BookmarkError {
    #[api(status = 404, codes(NotFound = "bookmark:not_found"))]
    NotFound,
}

fn main() {}
