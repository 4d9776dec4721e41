use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 404, title = 404)]
    NotFound,
}

fn main() {}
