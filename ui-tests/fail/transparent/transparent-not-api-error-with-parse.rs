//! A transparent variant around a type that is not an error, in a type
//! with `parse` and every integration: one error, that it is not an
//! `ApiError`.

use errbook::ApiError;

#[derive(Debug)]
struct SessionError;

#[derive(Debug, ApiError)]
#[api(parse, display)]
enum AppError {
    #[api(code = "NOT_FOUND", status = 404, message = "Not found.")]
    NotFound,
    #[api(transparent)]
    Session(SessionError),
}

fn main() {
    let _ = AppError::NotFound.to_response();
}
