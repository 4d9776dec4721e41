use errbook::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum UserError {
    #[error("database error")]
    #[api(status = 500, message = "Database error: {cause}.")]
    Database {
        #[source]
        cause: std::io::Error,
    },
}

fn main() {}
