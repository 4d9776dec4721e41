//! errbook's fallback with an error type that cannot carry a `Rejection`:
//! errbook's words, naming the fix.

use errbook::ApiError;
use errbook::axum::not_found;

#[derive(Debug, ApiError)]
enum AppError {
    #[api(code = "NOT_FOUND", status = 404, message = "Not found.")]
    NotFound,
}

fn main() {
    let _app: axum::Router = axum::Router::new().fallback(not_found::<AppError>);
}
