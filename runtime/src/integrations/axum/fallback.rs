//! The router's fallbacks: unknown routes and wrong methods in your envelope.

use crate::Rejection;
use crate::bounds::FromRejection;

/// A handler answering `ROUTE_NOT_FOUND` (404) in `E`'s envelope, for
/// [`Router::fallback`](::axum::Router::fallback):
/// `.fallback(not_found::<AppError>)`.
#[allow(clippy::unused_async, reason = "axum's handlers are async functions")]
pub async fn not_found<E: FromRejection>() -> E {
    E::from(Rejection::RouteNotFound)
}

/// A handler answering `METHOD_NOT_ALLOWED` (405) in `E`'s envelope, for
/// [`Router::method_not_allowed_fallback`](::axum::Router::method_not_allowed_fallback):
/// `.method_not_allowed_fallback(method_not_allowed::<AppError>)`, after
/// the routes (it applies to the routes added before it). axum still adds
/// the `Allow` header listing the path's methods.
#[allow(clippy::unused_async, reason = "axum's handlers are async functions")]
pub async fn method_not_allowed<E: FromRejection>() -> E {
    E::from(Rejection::MethodNotAllowed)
}
