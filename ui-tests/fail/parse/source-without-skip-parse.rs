use errbook::ApiError;

#[derive(Debug)]
struct DbError;

impl std::fmt::Display for DbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection refused")
    }
}

impl std::error::Error for DbError {}

#[derive(Debug, ApiError)]
#[api(parse)]
enum SystemError {
    #[api(code = "system:database", status = 500, message = "Database error.")]
    Database(#[api(source)] DbError),
}

fn main() {}
