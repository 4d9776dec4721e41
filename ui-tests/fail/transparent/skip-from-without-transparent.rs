use errbook::ApiError;

#[derive(Debug, ApiError)]
enum AppError {
    #[api(status = 503, skip_from)]
    Unavailable(String),
}

fn main() {}
