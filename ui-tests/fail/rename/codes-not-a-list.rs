use errbook::{ApiError, Rejection};

#[derive(Debug, ApiError)]
enum AppError {
    #[api(transparent, codes = "app:bad_json")]
    Rejected(Rejection),
}

fn main() {}
