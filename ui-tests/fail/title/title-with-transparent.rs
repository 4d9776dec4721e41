use errbook::ApiError;

#[derive(Debug, ApiError)]
enum SessionError {
    #[api(status = 401)]
    Expired,
}

#[derive(Debug, ApiError)]
enum UserError {
    #[api(transparent, title = "Session problem.")]
    Session(SessionError),
}

fn main() {}
