//! errbook's extractors with an error type that cannot carry a
//! `Rejection`: errbook's words under the extractor's type, naming the
//! fix, before axum's `Handler` error.

use errbook::ApiError;
use errbook::axum::Path;

#[derive(Debug, ApiError)]
enum AppError {
    #[api(code = "NOT_FOUND", status = 404, message = "Not found.")]
    NotFound,
}

async fn get_user(Path(id, _): Path<u64, AppError>) -> Result<String, AppError> {
    Ok(id.to_string())
}

fn main() {
    let _app: axum::Router = axum::Router::new().route("/users/{id}", axum::routing::get(get_user));
}
