use errbook::{ApiError, Rejection};

#[derive(Debug, ApiError)]
enum AppError {
    #[api(code = "bookmark:not_found", status = 404)]
    NotFound,
    #[api(transparent, prefix = "app:", codes(MalformdJson = "app:bad_json"))]
    Rejected(Rejection),
}

fn main() {}
