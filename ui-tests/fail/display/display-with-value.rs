use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(display = true)]
enum AppError {
    #[api(status = 404)]
    NotFound,
}

fn main() {}
