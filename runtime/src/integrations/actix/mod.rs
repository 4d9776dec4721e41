//! actix-web 4 (feature `actix-web`): your envelope for every error an
//! actix-web app answers with.
//!
//! With the feature on, every derived type that also implements `Display`
//! is an [`actix_web::ResponseError`] (actix-web requires `Display` of an
//! error; `#[api(display)]` writes it as the public message, thiserror's
//! `#[error]` works too), so a handler returns it like any actix error.
//! The rest of this module puts the framework's own failures into the same
//! envelope, as an [`errbook::Rejection`](crate::Rejection) turned into your
//! type with `From`:
//!
//! | what fails | answered by actix-web with | here |
//! |---|---|---|
//! | `web::Json` | a plain-text 400 / 413 | [`json_config`]: `MALFORMED_JSON`, `INVALID_BODY`, `UNSUPPORTED_MEDIA_TYPE`, `PAYLOAD_TOO_LARGE`, `BODY_UNREADABLE` |
//! | `web::Path` | a plain-text 400 | [`path_config`]: `INVALID_PATH` (`INTERNAL_ERROR` for a path extractor the route cannot satisfy) |
//! | `web::Query` | a plain-text 400 | [`query_config`]: `INVALID_QUERY` |
//! | an unknown path | an empty 404 | [`not_found`] as the default service: `ROUTE_NOT_FOUND` |
//! | a known path, another method | an empty 405 with `Allow` | the [`Fallback`] middleware: `METHOD_NOT_ALLOWED`, `Allow` kept |
//!
//! errbook's own extractors [`Json`], [`ValidJson`] and [`Query`] report
//! every problem of a body at its member's pointer, in one rejection, and
//! name a query parameter that does not parse (`web::Json` and
//! `web::Query` do neither); [`ValidJson`] also runs the type's
//! [`Validate`](crate::Validate) check.
//!
//! [`configure`] installs the three extractor configs and the default
//! service in one call; [`RequestIds`] is the middleware that gives each
//! request an id (from `x-request-id`, or a new one), renders its errors
//! with that id in the body and echoes it in the response, and can switch
//! development mode per app.
//!
//! ```
//! use actix_web::{App, HttpResponse, web};
//! use errbook::{ApiError, Rejection};
//!
//! #[derive(Debug, ApiError)]
//! #[api(display)] // `Display` is the public message: actix-web needs one
//! enum AppError {
//!     #[api(code = "USER_NOT_FOUND", status = 404, message = "User not found.")]
//!     UserNotFound,
//!     #[api(transparent)]
//!     Rejected(Rejection),
//! }
//!
//! async fn get_user(id: web::Path<u64>) -> Result<HttpResponse, AppError> {
//!     match id.into_inner() {
//!         1 => Ok(HttpResponse::Ok().body("ada")),
//!         _ => Err(AppError::UserNotFound),
//!     }
//! }
//!
//! let app = App::new()
//!     .configure(errbook::actix::configure::<AppError>)
//!     .service(web::resource("/users/{id}").route(web::get().to(get_user)))
//!     // The last `wrap` is the outermost: `RequestIds` goes last, so
//!     // everything inside renders with the request's id.
//!     .wrap(errbook::actix::Fallback::<AppError>::new())
//!     .wrap(errbook::actix::RequestIds::new());
//! # actix_web::rt::System::new().block_on(async {
//! #     use actix_web::test;
//! #     let app = test::init_service(app).await;
//! #     let request = test::TestRequest::get().uri("/users/abc").insert_header(("x-request-id", "req-1")).to_request();
//! #     let response = test::call_service(&app, request).await;
//! #     assert_eq!(response.status(), 400);
//! #     assert_eq!(response.headers().get("x-request-id").unwrap(), "req-1");
//! #     let body = test::read_body(response).await;
//! #     assert_eq!(body, r#"{"error":{"code":"INVALID_PATH","message":"A path parameter is invalid.","reason":"can not parse \"abc\" to a u64","violations":[{"parameter":"id","in":"path","code":"int_parsing","message":"Input should be a valid integer, unable to parse string as an integer"}],"request_id":"req-1"}}"#);
//! #     let request = test::TestRequest::post().uri("/users/1").to_request();
//! #     let response = test::call_service(&app, request).await;
//! #     assert_eq!(response.status(), 405);
//! #     assert_eq!(response.headers().get("allow").unwrap(), "GET");
//! # });
//! ```
//!
//! A request to `/users/abc` is then answered with
//!
//! ```text
//! HTTP/1.1 400 Bad Request
//! content-type: application/json
//! x-request-id: req-1
//!
//! {"error":{"code":"INVALID_PATH","message":"A path parameter is invalid.","reason":"can not parse \"abc\" to a u64","violations":[{"parameter":"id","in":"path","code":"int_parsing","message":"Input should be a valid integer, unable to parse string as an integer"}],"request_id":"req-1"}}
//! ```
//!
//! # Where errors are rendered
//!
//! actix-web renders a handler's error, and an extractor's, as soon as the
//! handler's service returns, so inside [`RequestIds`]'s scope: the body has
//! the request's id and follows its development mode. An error a middleware
//! *returns* (rather than renders) is normally rendered later by the HTTP
//! dispatcher, outside every scope; [`RequestIds`] renders such errors from
//! the middleware inside it itself, so they carry the id too.
//!
//! What is answered outside [`RequestIds`] has no id: a response made by a
//! middleware wrapped after it, and the answers of actix-web's HTTP layer
//! before any app runs (a request that is not valid HTTP, headers too
//! large, a client too slow), which are actix-web's own and not in your
//! envelope. So are the errors of actix-web's own types that a handler
//! returns (`actix_web::error::ErrorBadRequest(…)`): only your type knows
//! the envelope.

mod config;
mod extract;
mod fallback;
mod rejection;
mod request_id;

use core::future::Future;
use core::pin::Pin;

use actix_web::http::StatusCode;
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::{Error, HttpResponse};

use crate::ApiError;

pub use config::{
    configure, json_config, json_error, path_config, path_error, query_config, query_error,
};
pub use extract::{Json, Query, ValidJson};
pub use fallback::{Fallback, FallbackMiddleware, method_not_allowed, not_found};
pub use request_id::{RequestIdMiddleware, RequestIds};

/// The boxed future of the middleware services here.
type Boxed<T> = Pin<Box<dyn Future<Output = Result<T, Error>>>>;

/// The status of `error`, as actix-web's `StatusCode` (actix-web 4 uses
/// the `http` 0.2 types, errbook `http` 1): what every derived type's
/// `ResponseError::status_code` returns.
pub fn status_code<E: ApiError + ?Sized>(error: &E) -> StatusCode {
    convert_status(error.status())
}

fn convert_status(status: http::StatusCode) -> StatusCode {
    StatusCode::from_u16(status.as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The response for `error`: what every derived type's
/// `ResponseError::error_response` returns.
///
/// It is [`ApiError::to_response`] in actix-web's types: the same status,
/// every header (`content-type`, `Retry-After` …) and the same body, so it
/// also names the request's id inside a [`RequestIds`] scope.
///
/// ```
/// use errbook::ApiError;
///
/// #[derive(Debug, ApiError)]
/// #[api(code = "RATE_LIMITED", status = 429, message = "Slow down.")]
/// struct RateLimited {
///     #[api(field, retry_after = "ms")]
///     retry_after_ms: u64,
/// }
///
/// let response = errbook::actix::error_response(&RateLimited { retry_after_ms: 1500 });
/// assert_eq!(response.status(), 429);
/// assert_eq!(response.headers().get("retry-after").unwrap(), "2");
/// assert_eq!(response.headers().get("content-type").unwrap(), "application/json");
/// ```
pub fn error_response<E: ApiError>(error: &E) -> HttpResponse {
    let (parts, body) = error.to_response().into_parts();
    let mut response = HttpResponse::build(convert_status(parts.status)).body(body);
    let headers = response.headers_mut();
    for (name, value) in &parts.headers {
        // Both sides are valid header names and values; the conversion
        // between the two `http` versions cannot fail.
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_str().as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) {
            headers.append(name, value);
        }
    }
    response
}
