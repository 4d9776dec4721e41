use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(status = 401)]
enum SessionError {
    Expired,
}

#[derive(Debug, ApiError)]
enum AppError {
    #[api(transparent)]
    Session(SessionError),
}

// The derive writes this impl; `skip_from` on the variant keeps this one.
impl From<SessionError> for AppError {
    fn from(error: SessionError) -> Self {
        AppError::Session(error)
    }
}

fn main() {}
