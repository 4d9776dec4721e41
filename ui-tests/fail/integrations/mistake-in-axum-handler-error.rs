//! One mistake in a type used as an axum handler's error: one error, on the
//! mistake, and nothing from axum.

use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(display, parse)]
enum AppError {
    #[api(code = "NOT_FOUND", status = 404, mesage = "Not found.")]
    NotFound,
}

async fn handler() -> Result<String, AppError> {
    Err(AppError::NotFound)
}

fn main() {
    let _app: axum::Router = axum::Router::new().route("/", axum::routing::get(handler));
    let _ = AppError::from_parts(
        errbook::http::StatusCode::NOT_FOUND,
        &errbook::http::HeaderMap::new(),
        b"{}",
    );
    println!("{}", AppError::NotFound);
}
