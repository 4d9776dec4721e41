use errbook::{ApiError, Rejection};

#[derive(Debug, ApiError)]
enum AppError {
    #[api(transparent, prefix = "app: ")]
    Rejected(Rejection),
}

fn main() {}
