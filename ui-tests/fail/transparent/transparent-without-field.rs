use errbook::ApiError;

#[derive(Debug, ApiError)]
enum AppError {
    #[api(transparent)]
    Session,
}

fn main() {}
