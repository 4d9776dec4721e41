use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(parse, status = 401)]
enum SessionError {
    Expired,
}

#[derive(Debug, ApiError)]
#[api(parse)]
enum AppError {
    #[api(transparent, alias = "SESSION_EXPIRED")]
    Session(SessionError),
}

fn main() {}
