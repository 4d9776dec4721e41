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
//!   [`Query<T, E>`](Query) work like axum's, with `E` as their rejection;
//! - [`not_found`] and [`method_not_allowed`] are the router's fallbacks;
//! - `From<JsonRejection>`, `From<PathRejection>`, `From<QueryRejection>`,
//!   `From<BytesRejection>` and `From<ExtensionRejection>` for
//!   [`Rejection`] serve extractors of your own.
//!
//! `E` needs `From<Rejection>` and `IntoResponse`; nesting [`Rejection`] in
//! your enum with `#[api(transparent)]` gives both, lists the rejections'
//! codes in your catalog, and checks them against yours for duplicates.
//!
//! | axum answers | errbook answers |
//! |---|---|
//! | `Json`: `JsonSyntaxError` (not JSON, or it ends too soon) | `MALFORMED_JSON` 400, `reason` |
//! | `Json`: `JsonDataError` (a missing field, a wrong type) | `INVALID_BODY` 422, `reason` |
//! | `Json`: `MissingJsonContentType` | `UNSUPPORTED_MEDIA_TYPE` 415 |
//! | `Json`: the body is over the limit ([`DefaultBodyLimit`](::axum::extract::DefaultBodyLimit), 2 MB by default) | `PAYLOAD_TOO_LARGE` 413 |
//! | `Json`: the body could not be read | `BODY_UNREADABLE` 400 |
//! | `Path`: a parameter does not parse | `INVALID_PATH` 400, `reason` |
//! | `Path`: the route has no such parameters (a server bug) | `INTERNAL_ERROR` 500, cause logged, never sent |
//! | `Query`: the query string does not parse | `INVALID_QUERY` 400, `reason` |
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
//! impl From<Rejection> for AppError {
//!     fn from(rejection: Rejection) -> Self {
//!         AppError::Rejected(rejection)
//!     }
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
//!     r#"{"error":{"code":"INVALID_BODY","message":"The request body does not have the expected shape.","reason":"name: invalid type: integer `7`, expected a string at line 1 column 10","request_id":"req-1"}}"#,
//! );
//!
//! // GET /users/abc:
//! # let (status, _, body) = send(request("GET", "/users/abc", ""));
//! assert_eq!(status, 400);
//! assert_eq!(
//!     body,
//!     r#"{"error":{"code":"INVALID_PATH","message":"A path parameter is invalid.","reason":"Cannot parse `abc` to a `u64`","request_id":"req-1"}}"#,
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

use core::fmt;
use core::future::Future;
use core::marker::PhantomData;
use core::ops::{Deref, DerefMut};
use core::pin::Pin;
use core::task::{Context, Poll, ready};
use std::error::Error as StdError;

use ::axum::body::Body;
use ::axum::extract::rejection::{
    BytesRejection, ExtensionRejection, FailedToBufferBody, JsonRejection, PathRejection,
    QueryRejection,
};
use ::axum::extract::{
    FromRequest, FromRequestParts, OptionalFromRequest, OptionalFromRequestParts, Request,
};
use ::axum::middleware::Next;
use ::axum::response::{IntoResponse, Response};
use http::header::CONTENT_TYPE;
use http::request::Parts;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::request::{RequestContext, Scope};
use crate::{ApiError, Rejection};

/// The response for `error`: what every derived type's `IntoResponse` returns.
pub fn into_response<E: ApiError + ?Sized>(error: &E) -> Response {
    error.to_response().map(Body::from)
}

// ---------------------------------------------------------------------------
// Extractors
// ---------------------------------------------------------------------------

/// What the three extractors share: a constructor, `into_inner`, `Deref`,
/// `From<T>`, `Debug`, `Clone`, `Copy`, `Default`.
macro_rules! wrapper {
    ($name:ident) => {
        impl<T, E> $name<T, E> {
            /// Wraps `value`.
            pub const fn new(value: T) -> Self {
                $name(value, PhantomData)
            }

            /// The extracted value.
            pub fn into_inner(self) -> T {
                self.0
            }
        }

        impl<T, E> Deref for $name<T, E> {
            type Target = T;

            fn deref(&self) -> &T {
                &self.0
            }
        }

        impl<T, E> DerefMut for $name<T, E> {
            fn deref_mut(&mut self) -> &mut T {
                &mut self.0
            }
        }

        impl<T, E> From<T> for $name<T, E> {
            fn from(value: T) -> Self {
                $name::new(value)
            }
        }

        impl<T: fmt::Debug, E> fmt::Debug for $name<T, E> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_tuple(stringify!($name)).field(&self.0).finish()
            }
        }

        impl<T: Clone, E> Clone for $name<T, E> {
            fn clone(&self) -> Self {
                $name::new(self.0.clone())
            }
        }

        impl<T: Copy, E> Copy for $name<T, E> {}

        impl<T: Default, E> Default for $name<T, E> {
            fn default() -> Self {
                $name::new(T::default())
            }
        }
    };
}

/// axum's [`Json`](::axum::Json) extractor, rejecting with your error type
/// `E` in its envelope (`MALFORMED_JSON`, `INVALID_BODY`,
/// `UNSUPPORTED_MEDIA_TYPE`, `PAYLOAD_TOO_LARGE`, `BODY_UNREADABLE`).
///
/// The second field only names `E`; match it with `_`:
/// `Json(body, _): Json<NewMessage, AppError>`. (A type alias such as
/// `type Json<T> = errbook::axum::Json<T, AppError>` works too, but Rust
/// does not destructure a tuple struct through an alias: take `.0` or
/// [`into_inner`](Json::into_inner) then.) `Option<Json<T, E>>` is `None`
/// for a request without a `content-type`, as with axum.
///
/// It is also a response, like axum's: the value as JSON with
/// `content-type: application/json`, or, should serializing fail, `E`'s
/// `INTERNAL_ERROR` (the cause logged, never sent).
///
/// ```
/// use axum::http::StatusCode;
/// use errbook::axum::Json;
/// use errbook::{ApiError, Rejection};
///
/// #[derive(Debug, ApiError)]
/// #[api(format = problem)]
/// enum AppError {
///     #[api(transparent)]
///     Rejected(Rejection),
/// }
///
/// impl From<Rejection> for AppError {
///     fn from(rejection: Rejection) -> Self {
///         AppError::Rejected(rejection)
///     }
/// }
///
/// #[derive(serde::Deserialize, serde::Serialize)]
/// struct Message {
///     content: String,
/// }
///
/// async fn post_message(
///     Json(message, _): Json<Message, AppError>,
/// ) -> (StatusCode, Json<Message, AppError>) {
///     (StatusCode::CREATED, Json::new(message))
/// }
/// # let _: axum::Router = axum::Router::new().route("/", axum::routing::post(post_message));
/// ```
#[must_use]
pub struct Json<T, E = Rejection>(
    /// The body.
    pub T,
    /// Names the rejection type.
    pub PhantomData<fn() -> E>,
);

wrapper!(Json);

impl<T, E, S> FromRequest<S> for Json<T, E>
where
    T: DeserializeOwned,
    E: From<Rejection> + IntoResponse,
    S: Send + Sync,
{
    type Rejection = E;

    async fn from_request(request: Request, state: &S) -> Result<Self, E> {
        match <::axum::Json<T> as FromRequest<S>>::from_request(request, state).await {
            Ok(::axum::Json(value)) => Ok(Json::new(value)),
            Err(rejection) => Err(E::from(Rejection::from(rejection))),
        }
    }
}

impl<T, E, S> OptionalFromRequest<S> for Json<T, E>
where
    T: DeserializeOwned,
    E: From<Rejection> + IntoResponse,
    S: Send + Sync,
{
    type Rejection = E;

    async fn from_request(request: Request, state: &S) -> Result<Option<Self>, E> {
        match <::axum::Json<T> as OptionalFromRequest<S>>::from_request(request, state).await {
            Ok(value) => Ok(value.map(|::axum::Json(value)| Json::new(value))),
            Err(rejection) => Err(E::from(Rejection::from(rejection))),
        }
    }
}

impl<T, E> IntoResponse for Json<T, E>
where
    T: Serialize,
    E: From<Rejection> + IntoResponse,
{
    fn into_response(self) -> Response {
        match serde_json::to_vec(&self.0) {
            Ok(body) => {
                let mut response = Response::new(Body::from(body));
                response
                    .headers_mut()
                    .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                response
            }
            Err(error) => E::from(Rejection::internal(error)).into_response(),
        }
    }
}

/// axum's [`Path`](::axum::extract::Path) extractor, rejecting with your
/// error type `E` in its envelope: `INVALID_PATH` for a parameter that does
/// not parse, `INTERNAL_ERROR` for a route without the parameters asked for
/// (a bug of the server; the cause is logged, never sent).
///
/// Match the second field with `_`: `Path(id, _): Path<u64, AppError>`.
/// `Option<Path<T, E>>` is `None` on a route without parameters, as with
/// axum.
#[must_use]
pub struct Path<T, E = Rejection>(
    /// The path parameters.
    pub T,
    /// Names the rejection type.
    pub PhantomData<fn() -> E>,
);

wrapper!(Path);

impl<T, E, S> FromRequestParts<S> for Path<T, E>
where
    T: DeserializeOwned + Send,
    E: From<Rejection> + IntoResponse,
    S: Send + Sync,
{
    type Rejection = E;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, E> {
        match <::axum::extract::Path<T> as FromRequestParts<S>>::from_request_parts(parts, state)
            .await
        {
            Ok(::axum::extract::Path(value)) => Ok(Path::new(value)),
            Err(rejection) => Err(E::from(Rejection::from(rejection))),
        }
    }
}

impl<T, E, S> OptionalFromRequestParts<S> for Path<T, E>
where
    T: DeserializeOwned + Send + 'static,
    E: From<Rejection> + IntoResponse,
    S: Send + Sync,
{
    type Rejection = E;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Option<Self>, E> {
        match <::axum::extract::Path<T> as OptionalFromRequestParts<S>>::from_request_parts(
            parts, state,
        )
        .await
        {
            Ok(value) => Ok(value.map(|::axum::extract::Path(value)| Path::new(value))),
            Err(rejection) => Err(E::from(Rejection::from(rejection))),
        }
    }
}

/// axum's [`Query`](::axum::extract::Query) extractor, rejecting with your
/// error type `E` in its envelope: `INVALID_QUERY` for a query string that
/// does not parse.
///
/// Match the second field with `_`: `Query(params, _): Query<Page, AppError>`.
#[must_use]
pub struct Query<T, E = Rejection>(
    /// The query parameters.
    pub T,
    /// Names the rejection type.
    pub PhantomData<fn() -> E>,
);

wrapper!(Query);

impl<T, E, S> FromRequestParts<S> for Query<T, E>
where
    T: DeserializeOwned,
    E: From<Rejection> + IntoResponse,
    S: Send + Sync,
{
    type Rejection = E;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, E> {
        match <::axum::extract::Query<T> as FromRequestParts<S>>::from_request_parts(parts, state)
            .await
        {
            Ok(::axum::extract::Query(value)) => Ok(Query::new(value)),
            Err(rejection) => Err(E::from(Rejection::from(rejection))),
        }
    }
}

// ---------------------------------------------------------------------------
// axum's rejections into `Rejection`
// ---------------------------------------------------------------------------

/// The parser's own explanation, without axum's generic prefix ("Failed to
/// parse the request body as JSON: ").
fn reason(error: &dyn StdError) -> String {
    error
        .source()
        .map_or_else(|| error.to_string(), ToString::to_string)
}

/// A rejection axum may add in a later version: by its status.
fn by_status<R>(status: StatusCode, rejection: R, client: impl FnOnce(R) -> Rejection) -> Rejection
where
    R: StdError + Send + Sync + 'static,
{
    match status {
        StatusCode::PAYLOAD_TOO_LARGE => Rejection::PayloadTooLarge,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => Rejection::UnsupportedMediaType,
        StatusCode::NOT_FOUND => Rejection::RouteNotFound,
        StatusCode::METHOD_NOT_ALLOWED => Rejection::MethodNotAllowed,
        status if status.is_client_error() => client(rejection),
        _ => Rejection::internal(rejection),
    }
}

/// `Json`'s rejections: `MALFORMED_JSON` for a syntax error or a body that
/// ends too soon, `INVALID_BODY` for JSON of the wrong shape,
/// `UNSUPPORTED_MEDIA_TYPE` for a missing or non-JSON `content-type`, and
/// the body's own (see `From<BytesRejection>`).
///
/// ```
/// use errbook::{ApiError, Rejection};
///
/// let rejection = axum::Json::<Vec<u32>>::from_bytes(br#"[1, "two"]"#).unwrap_err();
/// let rejection = Rejection::from(rejection);
/// assert_eq!(rejection.code(), "INVALID_BODY");
/// assert!(matches!(
///     &rejection,
///     Rejection::InvalidBody { reason } if reason.starts_with("[1]: invalid type: string")
/// ));
/// ```
impl From<JsonRejection> for Rejection {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            JsonRejection::JsonSyntaxError(error) => Rejection::MalformedJson {
                reason: reason(&error),
            },
            JsonRejection::JsonDataError(error) => Rejection::InvalidBody {
                reason: reason(&error),
            },
            JsonRejection::MissingJsonContentType(_) => Rejection::UnsupportedMediaType,
            JsonRejection::BytesRejection(rejection) => Rejection::from(rejection),
            other => by_status(other.status(), other, |_| Rejection::BodyUnreadable),
        }
    }
}

/// Reading a body: `PAYLOAD_TOO_LARGE` over the
/// [`DefaultBodyLimit`](::axum::extract::DefaultBodyLimit) (or any
/// `http_body_util::Limited`), `BODY_UNREADABLE` otherwise.
impl From<BytesRejection> for Rejection {
    fn from(rejection: BytesRejection) -> Self {
        match rejection {
            BytesRejection::FailedToBufferBody(FailedToBufferBody::LengthLimitError(_)) => {
                Rejection::PayloadTooLarge
            }
            BytesRejection::FailedToBufferBody(FailedToBufferBody::UnknownBodyError(_)) => {
                Rejection::BodyUnreadable
            }
            other => by_status(other.status(), other, |_| Rejection::BodyUnreadable),
        }
    }
}

/// `Path`'s rejections: `INVALID_PATH` for a parameter that does not parse
/// (`reason`: ``Cannot parse `abc` to a `u64` ``), `INTERNAL_ERROR` when
/// the route does not have the parameters the extractor asks for.
impl From<PathRejection> for Rejection {
    fn from(rejection: PathRejection) -> Self {
        match rejection {
            PathRejection::FailedToDeserializePathParams(error)
                if error.status().is_client_error() =>
            {
                Rejection::InvalidPath {
                    reason: error.kind().to_string(),
                }
            }
            other => by_status(other.status(), other, |other| Rejection::InvalidPath {
                reason: other.body_text(),
            }),
        }
    }
}

/// `Query`'s rejection: `INVALID_QUERY` (`reason`: `limit: invalid digit
/// found in string`).
impl From<QueryRejection> for Rejection {
    fn from(rejection: QueryRejection) -> Self {
        match rejection {
            QueryRejection::FailedToDeserializeQueryString(error) => Rejection::InvalidQuery {
                reason: reason(&error),
            },
            other => by_status(other.status(), other, |other| Rejection::InvalidQuery {
                reason: other.body_text(),
            }),
        }
    }
}

/// `Extension`'s rejection: a missing extension is a bug of the server,
/// `INTERNAL_ERROR` (the cause logged, never sent).
impl From<ExtensionRejection> for Rejection {
    fn from(rejection: ExtensionRejection) -> Self {
        Rejection::internal(rejection)
    }
}

// ---------------------------------------------------------------------------
// Fallbacks
// ---------------------------------------------------------------------------

/// A handler answering `ROUTE_NOT_FOUND` (404) in `E`'s envelope, for
/// [`Router::fallback`](::axum::Router::fallback):
/// `.fallback(not_found::<AppError>)`.
#[allow(clippy::unused_async, reason = "axum's handlers are async functions")]
pub async fn not_found<E: From<Rejection>>() -> E {
    E::from(Rejection::RouteNotFound)
}

/// A handler answering `METHOD_NOT_ALLOWED` (405) in `E`'s envelope, for
/// [`Router::method_not_allowed_fallback`](::axum::Router::method_not_allowed_fallback):
/// `.method_not_allowed_fallback(method_not_allowed::<AppError>)`, after
/// the routes (it applies to the routes added before it). axum still adds
/// the `Allow` header listing the path's methods.
#[allow(clippy::unused_async, reason = "axum's handlers are async functions")]
pub async fn method_not_allowed<E: From<Rejection>>() -> E {
    E::from(Rejection::MethodNotAllowed)
}

// ---------------------------------------------------------------------------
// Request ids
// ---------------------------------------------------------------------------

/// A layer giving every request an id and, optionally, a development mode
/// of its own.
///
/// For each request it:
///
/// 1. takes the id from the `x-request-id` header (or the one set with
///    [`header`](RequestIds::header)) when it is 1 to 128 visible ASCII
///    characters without spaces, or else makes one, unique in the process
///    (`3f9a1c2e7b5d4a10-0000002a`), and sets it on the request, so
///    handlers and inner middleware see the id that is answered;
/// 2. runs the rest of the request inside a
///    [`RequestContext`] with that id and the
///    [`development`](RequestIds::development) choice, so every error
///    rendered for the request carries the id in its body (`instance` for
///    problem+json, `request_id` for nested, matrix and detail) and shows
///    `details` only in development;
/// 3. sets the header on the response (unless the handler set it).
///
/// Add it with [`Router::layer`](::axum::Router::layer) after the routes
/// and fallbacks: the layer wraps what was added before it.
///
/// ```
/// use axum::Router;
/// use axum::routing::get;
/// use errbook::axum::RequestIds;
///
/// async fn hello() -> &'static str {
///     "hello"
/// }
///
/// // Two routers of one process, one of them showing development details.
/// let public: Router = Router::new().route("/", get(hello)).layer(RequestIds::new());
/// let staging: Router = Router::new()
///     .route("/", get(hello))
///     .layer(RequestIds::new().development(true));
/// ```
#[derive(Clone, Debug)]
pub struct RequestIds {
    header: HeaderName,
    development: Option<bool>,
}

impl Default for RequestIds {
    fn default() -> Self {
        RequestIds::new()
    }
}

impl RequestIds {
    /// The `x-request-id` header; development mode as
    /// [`set_development_mode`](crate::set_development_mode) set it.
    pub fn new() -> Self {
        RequestIds {
            header: HeaderName::from_static("x-request-id"),
            development: None,
        }
    }

    /// Development mode on or off for the requests of this router,
    /// whatever the process-wide setting.
    #[must_use]
    pub fn development(mut self, on: bool) -> Self {
        self.development = Some(on);
        self
    }

    /// Reads and writes the id in `name` instead of `x-request-id`
    /// (`x-correlation-id`, …).
    #[must_use]
    pub fn header(mut self, name: HeaderName) -> Self {
        self.header = name;
        self
    }

    /// The request's id (set on it if made here) and the context to run it in.
    fn prepare(&self, headers: &mut HeaderMap) -> (RequestContext, HeaderValue) {
        let incoming = headers
            .get(&self.header)
            .and_then(|value| value.to_str().ok());
        let context = RequestContext::for_incoming(incoming, self.development);
        let id = context.id().unwrap_or_default();
        let value =
            HeaderValue::from_str(id).unwrap_or_else(|_| HeaderValue::from_static("unknown"));
        if incoming != context.id() {
            headers.insert(self.header.clone(), value.clone());
        }
        (context, value)
    }
}

impl<S> tower_layer::Layer<S> for RequestIds {
    type Service = RequestIdService<S>;

    fn layer(&self, inner: S) -> RequestIdService<S> {
        RequestIdService {
            inner,
            ids: self.clone(),
        }
    }
}

/// The service [`RequestIds`] wraps around a router or route.
#[derive(Clone, Debug)]
pub struct RequestIdService<S> {
    inner: S,
    ids: RequestIds,
}

impl<S, B, ResBody> tower_service::Service<http::Request<B>> for RequestIdService<S>
where
    S: tower_service::Service<http::Request<B>, Response = http::Response<ResBody>>,
{
    type Response = http::Response<ResBody>;
    type Error = S::Error;
    type Future = RequestIdFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: http::Request<B>) -> Self::Future {
        let (context, id) = self.ids.prepare(request.headers_mut());
        let inner = &mut self.inner;
        let future = context.clone().run(|| inner.call(request));
        RequestIdFuture {
            inner: context.scope(future),
            header: self.ids.header.clone(),
            id,
        }
    }
}

/// The future of [`RequestIdService`]: the inner response, with the id's
/// header.
#[must_use = "futures do nothing unless polled"]
pub struct RequestIdFuture<F> {
    inner: Scope<F>,
    header: HeaderName,
    id: HeaderValue,
}

impl<F> fmt::Debug for RequestIdFuture<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestIdFuture")
            .field("header", &self.header)
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl<F, ResBody, Error> Future for RequestIdFuture<F>
where
    F: Future<Output = Result<http::Response<ResBody>, Error>>,
{
    type Output = Result<http::Response<ResBody>, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // `Scope` boxes its future, so this one is `Unpin`.
        let this = self.get_mut();
        let mut response = ready!(Pin::new(&mut this.inner).poll(cx))?;
        if !response.headers().contains_key(&this.header) {
            response
                .headers_mut()
                .insert(this.header.clone(), this.id.clone());
        }
        Poll::Ready(Ok(response))
    }
}

/// [`RequestIds::new`] as a function, for
/// `.layer(axum::middleware::from_fn(errbook::axum::request_id))`.
/// Development mode follows the process-wide setting; use [`RequestIds`]
/// to choose it per router or to read another header.
///
/// ```
/// use axum::Router;
/// use axum::routing::get;
///
/// async fn hello() -> &'static str {
///     "hello"
/// }
///
/// let app: Router = Router::new()
///     .route("/", get(hello))
///     .layer(axum::middleware::from_fn(errbook::axum::request_id));
/// ```
pub async fn request_id(mut request: Request, next: Next) -> Response {
    let ids = RequestIds::new();
    let (context, id) = ids.prepare(request.headers_mut());
    let mut response = context.scope(next.run(request)).await;
    response.headers_mut().entry(ids.header).or_insert(id);
    response
}
