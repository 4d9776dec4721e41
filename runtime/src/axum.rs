//! axum 0.8 (feature `axum`).

use crate::ApiError;

/// The response for `error`: what every derived type's `IntoResponse` returns.
pub fn into_response<E: ApiError + ?Sized>(error: &E) -> ::axum::response::Response {
    error.to_response().map(::axum::body::Body::from)
}
