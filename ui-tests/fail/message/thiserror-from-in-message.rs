use errbook::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum UserError {
    #[error("database error")]
    #[api(status = 500, message = "Database error: {0}.")]
    Database(#[from] std::io::Error),
}

fn main() {}
