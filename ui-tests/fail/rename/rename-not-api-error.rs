use errbook::ApiError;

#[derive(Debug)]
struct SessionError;

#[derive(Debug, ApiError)]
enum AppError {
    #[api(transparent, prefix = "app:")]
    Session(SessionError),
}

fn main() {}
