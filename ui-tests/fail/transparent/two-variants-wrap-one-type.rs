use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(status = 503)]
enum DbError {
    Unavailable,
}

#[derive(Debug, ApiError)]
enum AppError {
    #[api(transparent)]
    Primary(DbError),
    #[api(transparent)]
    Replica(DbError),
}

fn read() -> Result<(), AppError> {
    Err(DbError::Unavailable)?
}

fn main() {
    let _ = read();
}
