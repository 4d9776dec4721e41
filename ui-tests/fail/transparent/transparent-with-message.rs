use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(status = 401)]
enum SessionError {
    Expired,
}

#[derive(Debug, ApiError)]
enum AppError {
    #[api(transparent, message = "Session error.")]
    Session(SessionError),
}

fn main() {}
