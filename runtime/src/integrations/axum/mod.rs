//! axum 0.8 (feature `axum`): your errors as responses, axum's own
//! rejections and fallbacks in your envelope, and request ids.
//!
//! # Your errors as responses
//!
//! With the feature on, every type deriving [`ApiError`] implements
//! [`IntoResponse`]: a handler returns it (or a `Result` with it) as it is,
//! and the client receives the type's status, headers and envelope.
//!
//! ```
//! use axum::Router;
//! use axum::routing::get;
//! use errbook::ApiError;
//!
//! #[derive(Debug, ApiError)]
//! #[api(format = problem)]
//! enum AppError {
//!     #[api(code = "USER_NOT_FOUND", status = 404, message = "User not found.")]
//!     UserNotFound,
//! }
//!
//! async fn user() -> Result<String, AppError> {
//!     Err(AppError::UserNotFound)
//! }
//!
//! let app: Router = Router::new().route("/users/me", get(user));
//! ```
//!
//! # axum's own rejections, in your envelope
//!
//! Before a handler runs, axum rejects requests on its own: a body that is
//! not JSON, a path parameter that does not parse, an unknown route, a
//! wrong method. Out of the box these answer in plain text. This module
//! turns each into a [`Rejection`], with a stable code, and then into your
//! error type with `From<Rejection>`, so they reach clients in your
//! envelope like every other error:
//!
//! - the extractors [`Json<T, E>`](Json), [`Path<T, E>`](Path) and
//!   [`Query<T, E>`](Query) work like axum's, with `E` as their rejection,
//!   every problem of a body reported at its member's pointer and a bad
//!   parameter by name; [`ValidJson<T, E>`](ValidJson) also runs the
//!   type's [`Validate`](crate::Validate) check, in the same rejection;
//! - [`not_found`] and [`method_not_allowed`] are the router's fallbacks;
//! - `From<JsonRejection>`, `From<PathRejection>`, `From<QueryRejection>`,
//!   `From<BytesRejection>` and `From<ExtensionRejection>` for
//!   [`Rejection`] serve extractors of your own.
//!
//! `E` needs `From<Rejection>` (the bound reads
//! [`FromRejection`](crate::bounds::FromRejection), which every such type
//! has, so that a type without it is an error saying so) and
//! `IntoResponse`; nesting [`Rejection`] in your enum with
//! `#[api(transparent)]` gives both, lists the rejections' codes in your
//! catalog, and checks them against yours for duplicates.
//!
//! | axum answers | errbook answers |
//! |---|---|
//! | `Json`: `JsonSyntaxError` (not JSON, or it ends too soon) | `MALFORMED_JSON` 400, `reason` |
//! | `Json`: `JsonDataError` (a missing field, a wrong type) | `INVALID_BODY` 422, `reason`, a violation per problem at its pointer |
//! | `Json`: `MissingJsonContentType` | `UNSUPPORTED_MEDIA_TYPE` 415 |
//! | `Json`: the body is over the limit ([`DefaultBodyLimit`](::axum::extract::DefaultBodyLimit), 2 MB by default) | `PAYLOAD_TOO_LARGE` 413 |
//! | `Json`: the body could not be read | `BODY_UNREADABLE` 400 |
//! | `Path`: a parameter does not parse | `INVALID_PATH` 400, `reason`, a violation naming it |
//! | `Path`: the route has no such parameters (a server bug) | `INTERNAL_ERROR` 500, cause logged, never sent |
//! | `Query`: the query string does not parse | `INVALID_QUERY` 400, `reason`, a violation naming it |
//! | no route matches the path ([`not_found`]) | `ROUTE_NOT_FOUND` 404 |
//! | the path has no route for the method ([`method_not_allowed`]) | `METHOD_NOT_ALLOWED` 405, axum's `Allow` header kept |
//!
//! `reason` is the parser's explanation of the client's input (``missing
//! field `content` at line 1 column 2``, ``Cannot parse `abc` to a `u64` ``,
//! `limit: invalid digit found in string`), without axum's generic prefix.
//!
//! # Request ids
//!
//! [`RequestIds`] is a layer that takes the request's `x-request-id` (or
//! makes one), runs the request inside a
//! [`RequestContext`] scope so every error rendered for it carries the id
//! (`instance` for problem+json, a `request_id` member for nested, matrix
//! and detail), and echoes the header on the response, success or error.
//! It also chooses development mode per router. [`request_id`] is the same
//! as a function for `axum::middleware::from_fn`.
//!
//! # Putting it together
//!
//! ```
//! use axum::Router;
//! use axum::http::StatusCode;
//! use axum::routing::{get, post};
//! use errbook::axum::{Json, Path, RequestIds, method_not_allowed, not_found};
//! use errbook::{ApiError, Rejection};
//! # use errbook::axum::Query;
//!
//! #[derive(Debug, ApiError)]
//! enum AppError {
//!     #[api(code = "USER_NOT_FOUND", status = 404, message = "User not found.")]
//!     UserNotFound,
//!     #[api(transparent)]
//!     Rejected(Rejection),
//! }
//!
//! #[derive(serde::Deserialize)]
//! struct NewUser {
//!     name: String,
//! }
//!
//! async fn get_user(Path(id, _): Path<u64, AppError>) -> Result<String, AppError> {
//!     if id == 1 { Ok("ada".to_owned()) } else { Err(AppError::UserNotFound) }
//! }
//!
//! async fn create_user(Json(user, _): Json<NewUser, AppError>) -> (StatusCode, String) {
//!     (StatusCode::CREATED, user.name)
//! }
//!
//! let app: Router = Router::new()
//!     .route("/users/{id}", get(get_user))
//!     .route("/users", post(create_user))
//!     // After the routes: the 405 fallback applies to the routes added so far.
//!     .fallback(not_found::<AppError>)
//!     .method_not_allowed_fallback(method_not_allowed::<AppError>)
//!     // Last: the layer wraps the routes and fallbacks added before it.
//!     .layer(RequestIds::new());
//! # use tower_service::Service;
//! # fn ready<F: std::future::Future>(future: F) -> F::Output {
//! #     let mut future = std::pin::pin!(future);
//! #     let waker = std::task::Waker::noop();
//! #     match future.as_mut().poll(&mut std::task::Context::from_waker(&waker)) {
//! #         std::task::Poll::Ready(output) => output,
//! #         std::task::Poll::Pending => panic!("pending"),
//! #     }
//! # }
//! # let mut app = app;
//! # let request = |method: &str, uri: &str, body: &'static str| {
//! #     axum::http::Request::builder()
//! #         .method(method)
//! #         .uri(uri)
//! #         .header("content-type", "application/json")
//! #         .header("x-request-id", "req-1")
//! #         .body(axum::body::Body::from(body))
//! #         .unwrap()
//! # };
//! # let mut send = |request: axum::http::Request<axum::body::Body>| {
//! #     let response = ready(Service::<axum::http::Request<axum::body::Body>>::call(&mut app, request)).unwrap();
//! #     let (parts, body) = response.into_parts();
//! #     let body = ready(axum::body::to_bytes(body, usize::MAX)).unwrap();
//! #     (parts.status.as_u16(), parts.headers, String::from_utf8(body.to_vec()).unwrap())
//! # };
//!
//! // POST /users with `{"name": 7}`:
//! # let (status, _, body) = send(request("POST", "/users", r#"{"name": 7}"#));
//! assert_eq!(status, 422);
//! assert_eq!(
//!     body,
//!     r#"{"error":{"code":"INVALID_BODY","message":"The request body does not have the expected shape.","reason":"invalid type: integer `7`, expected a string at line 1 column 10","violations":[{"pointer":"/name","code":"string_type","message":"Input should be a valid string"}],"request_id":"req-1"}}"#,
//! );
//!
//! // GET /users/abc:
//! # let (status, _, body) = send(request("GET", "/users/abc", ""));
//! assert_eq!(status, 400);
//! assert_eq!(
//!     body,
//!     r#"{"error":{"code":"INVALID_PATH","message":"A path parameter is invalid.","reason":"Cannot parse `abc` to a `u64`","violations":[{"parameter":"id","in":"path","code":"int_parsing","message":"Input should be a valid integer, unable to parse string as an integer"}],"request_id":"req-1"}}"#,
//! );
//!
//! // DELETE /users/1:
//! # let (status, headers, body) = send(request("DELETE", "/users/1", ""));
//! assert_eq!(status, 405);
//! assert_eq!(headers["allow"], "GET,HEAD");
//! assert_eq!(headers["x-request-id"], "req-1");
//! assert_eq!(
//!     body,
//!     r#"{"error":{"code":"METHOD_NOT_ALLOWED","message":"This method is not allowed on this path.","request_id":"req-1"}}"#,
//! );
//! ```
//!
//! # Limits
//!
//! - A body over the limit is only detected by an extractor that reads it:
//!   the limit is [`DefaultBodyLimit`](::axum::extract::DefaultBodyLimit),
//!   which this module's [`Json`] honours.
//! - Requests hyper rejects before axum sees them (a malformed request
//!   line, headers too large) are answered by hyper, not in your envelope.
//! - [`Router::method_not_allowed_fallback`](::axum::Router::method_not_allowed_fallback)
//!   applies to the routes added before it, and
//!   [`Router::layer`](::axum::Router::layer) to the routes and fallbacks
//!   added before it: call them after the routes, the layer last.
//!
//! [`IntoResponse`]: ::axum::response::IntoResponse
//! [`Rejection`]: crate::Rejection
//! [`RequestContext`]: crate::request::RequestContext

mod extract;
mod fallback;
mod rejection;
mod request_id;

use ::axum::body::Body;
use ::axum::response::Response;

use crate::ApiError;

pub use extract::{Json, Path, Query, ValidJson};
pub use fallback::{method_not_allowed, not_found};
pub use request_id::{RequestIdFuture, RequestIdService, RequestIds, request_id};

/// The response for `error`: what every derived type's `IntoResponse` returns.
pub fn into_response<E: ApiError>(error: &E) -> Response {
    error.to_response().map(Body::from)
}
