use errbook::ApiError;

#[derive(Debug, ApiError)]
enum AppError {
    #[api(status = 404, error)]
    NotFound,
}

fn main() {}
