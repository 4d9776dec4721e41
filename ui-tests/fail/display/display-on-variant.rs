use errbook::ApiError;

#[derive(Debug, ApiError)]
enum AppError {
    #[api(status = 404, display)]
    NotFound,
}

fn main() {}
