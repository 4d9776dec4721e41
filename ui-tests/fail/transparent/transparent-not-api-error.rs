use errbook::ApiError;

#[derive(Debug)]
struct SessionError;

#[derive(Debug, ApiError)]
enum AppError {
    #[api(transparent)]
    Session(SessionError),
}

fn main() {}
