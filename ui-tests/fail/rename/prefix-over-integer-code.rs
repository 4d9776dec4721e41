use errbook::ApiError;

#[derive(Debug, ApiError)]
enum LegacyError {
    #[api(code = 40401, status = 404)]
    NotFound,
}

#[derive(Debug, ApiError)]
enum AppError {
    #[api(transparent, prefix = "app:")]
    Legacy(LegacyError),
}

fn main() {}
