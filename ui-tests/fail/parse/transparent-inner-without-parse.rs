use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(status = 401)]
enum SessionError {
    Expired,
}

#[derive(Debug, ApiError)]
#[api(parse)]
enum AppError {
    #[api(transparent)]
    Session(SessionError),
}

fn main() {}
