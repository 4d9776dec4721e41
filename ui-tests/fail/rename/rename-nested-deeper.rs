use errbook::{ApiError, Rejection};

#[derive(Debug, ApiError)]
enum FrameworkError {
    #[api(code = "TIMEOUT", status = 504)]
    Timeout,
    #[api(transparent)]
    Rejected(Rejection),
}

#[derive(Debug, ApiError)]
enum AppError {
    #[api(transparent, rename_all = "snake_case")]
    Framework(FrameworkError),
}

fn main() {}
