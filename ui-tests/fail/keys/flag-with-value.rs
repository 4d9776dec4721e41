use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(status = 401)]
enum SessionError {
    Expired,
}

#[derive(Debug, ApiError)]
enum AppError {
    #[api(transparent = true)]
    Session(SessionError),
}

fn main() {}
