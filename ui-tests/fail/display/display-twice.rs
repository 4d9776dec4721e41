use errbook::ApiError;

// `display` writes the `Display` impl that thiserror's `#[error]` also writes.
#[derive(Debug, ApiError)]
#[api(display)]
enum AppError {
    #[api(status = 404)]
    NotFound,
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not found")
    }
}

fn main() {}
