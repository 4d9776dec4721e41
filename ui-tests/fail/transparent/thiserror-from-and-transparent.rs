use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(status = 503, error)]
enum DbError {
    Unavailable,
}

#[derive(Debug, thiserror::Error, ApiError)]
enum AppError {
    #[error(transparent)]
    #[api(transparent)]
    Primary(#[from] DbError),
    #[error("replica")]
    #[api(transparent)]
    Replica(DbError),
}

fn main() {}
