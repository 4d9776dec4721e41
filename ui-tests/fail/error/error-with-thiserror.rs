use errbook::ApiError;

// `error` writes the `std::error::Error` impl that thiserror also writes.
#[derive(Debug, ApiError, thiserror::Error)]
#[api(error)]
enum AppError {
    #[error("not found")]
    #[api(status = 404)]
    NotFound,
}

fn main() {}
