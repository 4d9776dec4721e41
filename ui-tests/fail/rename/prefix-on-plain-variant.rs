use errbook::ApiError;

#[derive(Debug, ApiError)]
enum BookmarkError {
    #[api(prefix = "bookmark:", status = 404)]
    NotFound,
}

fn main() {}
