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
//! impl From<Rejection> for AppError {
//!     fn from(rejection: Rejection) -> Self {
//!         AppError::Rejected(rejection)
//!     }
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
//! #     assert_eq!(body, r#"{"error":{"code":"INVALID_PATH","message":"A path parameter is invalid.","reason":"can not parse \"abc\" to a u64","request_id":"req-1"}}"#);
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
//! {"error":{"code":"INVALID_PATH","message":"A path parameter is invalid.","reason":"can not parse \"abc\" to a u64","request_id":"req-1"}}
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

use core::fmt;
use core::future::Future;
use core::marker::PhantomData;
use core::pin::Pin;
use core::task::{Context, Poll};

use actix_web::body::{BodySize, EitherBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::error::{
    InternalError, JsonPayloadError, PathError, PayloadError, QueryPayloadError,
};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::web::{self, JsonConfig, PathConfig, QueryConfig, ServiceConfig};
use actix_web::{Error, HttpRequest, HttpResponse, ResponseError, Route};

use crate::request::RequestContext;
use crate::{ApiError, Rejection};

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
pub fn error_response<E: ApiError + ?Sized>(error: &E) -> HttpResponse {
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

// ---------------------------------------------------------------------------
// Extractor rejections
// ---------------------------------------------------------------------------

/// `web::Json`'s failures: the `content-type` ([`UnsupportedMediaType`]),
/// the size ([`PayloadTooLarge`]), the JSON itself ([`MalformedJson`] for a
/// syntax error or a body that ends too soon, [`InvalidBody`] for JSON of the
/// wrong shape, with `serde_json`'s explanation as the `reason`) and reading
/// the body ([`BodyUnreadable`]; [`PayloadTooLarge`] when the body outgrows
/// the limit while being read).
///
/// [`UnsupportedMediaType`]: Rejection::UnsupportedMediaType
/// [`PayloadTooLarge`]: Rejection::PayloadTooLarge
/// [`MalformedJson`]: Rejection::MalformedJson
/// [`InvalidBody`]: Rejection::InvalidBody
/// [`BodyUnreadable`]: Rejection::BodyUnreadable
///
/// ```
/// use actix_web::error::JsonPayloadError;
/// use errbook::{ApiError, Rejection};
///
/// let error = serde_json::from_str::<serde_json::Value>("{\"content\":").unwrap_err();
/// let rejection = Rejection::from(JsonPayloadError::Deserialize(error));
/// assert_eq!(rejection.code(), "MALFORMED_JSON");
/// assert_eq!(Rejection::from(JsonPayloadError::ContentType).code(), "UNSUPPORTED_MEDIA_TYPE");
/// ```
impl From<JsonPayloadError> for Rejection {
    fn from(error: JsonPayloadError) -> Self {
        match error {
            JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
                Rejection::PayloadTooLarge
            }
            JsonPayloadError::ContentType => Rejection::UnsupportedMediaType,
            JsonPayloadError::Deserialize(error) => json_rejection(&error),
            JsonPayloadError::Payload(error) => Rejection::from(error),
            // `Serialize` (a response, not a request) and variants of later
            // actix-web versions: the server's business, not the client's.
            // The message, not the error: whether `PayloadError` is `Sync`
            // depends on actix-web's features.
            other => Rejection::internal(other.to_string()),
        }
    }
}

fn json_rejection(error: &serde_json::Error) -> Rejection {
    use serde_json::error::Category;
    match error.classify() {
        Category::Syntax | Category::Eof => Rejection::MalformedJson {
            reason: error.to_string(),
        },
        Category::Data => Rejection::InvalidBody {
            reason: error.to_string(),
        },
        Category::Io => Rejection::BodyUnreadable,
    }
}

/// A request body that could not be read: [`PayloadTooLarge`] when it
/// outgrew a limit, [`BodyUnreadable`] otherwise (cut short, a corrupt
/// `content-encoding`, an I/O error).
///
/// [`PayloadTooLarge`]: Rejection::PayloadTooLarge
/// [`BodyUnreadable`]: Rejection::BodyUnreadable
impl From<PayloadError> for Rejection {
    fn from(error: PayloadError) -> Self {
        match error {
            PayloadError::Overflow => Rejection::PayloadTooLarge,
            _ => Rejection::BodyUnreadable,
        }
    }
}

/// `web::Path`'s failures: [`InvalidPath`](Rejection::InvalidPath) with
/// the parser's explanation (`can not parse "abc" to a u64`) when the
/// client's path segment does not parse; [`Internal`](Rejection::Internal)
/// when the extractor does not fit the route (`wrong number of parameters`,
/// a struct field the pattern does not name, an unsupported type), which no
/// request could fix.
///
/// ```
/// use actix_web::error::PathError;
/// use errbook::{ApiError, Rejection};
/// use serde::de::Error as _;
///
/// let bad_segment = serde::de::value::Error::custom("can not parse \"abc\" to a u64");
/// assert_eq!(Rejection::from(PathError::Deserialize(bad_segment)).code(), "INVALID_PATH");
/// let no_parameter = serde::de::value::Error::custom("wrong number of parameters: 0 expected 1");
/// assert_eq!(Rejection::from(PathError::Deserialize(no_parameter)).code(), "INTERNAL_ERROR");
/// ```
impl From<PathError> for Rejection {
    fn from(error: PathError) -> Self {
        match error {
            PathError::Deserialize(error) => {
                let reason = error.to_string();
                if describes_route(&reason) {
                    Rejection::internal(error)
                } else {
                    Rejection::InvalidPath { reason }
                }
            }
            other => Rejection::internal(other),
        }
    }
}

/// Whether a path deserializer's message is about the route and the
/// extractor's type rather than the client's path: actix-router's own
/// messages for a mismatch, and serde's for a struct the pattern does not
/// fill.
fn describes_route(reason: &str) -> bool {
    const PREFIXES: [&str; 6] = [
        "wrong number of parameters",
        "unsupported type",
        "expected at least one parameter",
        "missing field",
        "unknown field",
        "duplicate field",
    ];
    const WHOLE: [&str; 3] = ["not supported", "unexpected item", "Unexpected"];
    PREFIXES.iter().any(|prefix| reason.starts_with(prefix)) || WHOLE.contains(&reason)
}

/// `web::Query`'s failures: [`InvalidQuery`](Rejection::InvalidQuery) with
/// the parser's explanation (`invalid digit found in string`, ``missing
/// field `limit` ``).
impl From<QueryPayloadError> for Rejection {
    fn from(error: QueryPayloadError) -> Self {
        match error {
            QueryPayloadError::Deserialize(error) => Rejection::InvalidQuery {
                reason: error.to_string(),
            },
            other => Rejection::internal(other),
        }
    }
}

/// The error handler [`json_config`] installs: `error` as a [`Rejection`],
/// then as an `E`.
///
/// For a `JsonConfig` of your own:
/// `web::JsonConfig::default().limit(4096).error_handler(errbook::actix::json_error::<AppError>)`.
pub fn json_error<E>(error: JsonPayloadError, request: &HttpRequest) -> Error
where
    E: From<Rejection> + ResponseError + 'static,
{
    let _ = request;
    E::from(Rejection::from(error)).into()
}

/// The error handler [`path_config`] installs: `error` as a [`Rejection`],
/// then as an `E`.
pub fn path_error<E>(error: PathError, request: &HttpRequest) -> Error
where
    E: From<Rejection> + ResponseError + 'static,
{
    let _ = request;
    E::from(Rejection::from(error)).into()
}

/// The error handler [`query_config`] installs: `error` as a [`Rejection`],
/// then as an `E`.
pub fn query_error<E>(error: QueryPayloadError, request: &HttpRequest) -> Error
where
    E: From<Rejection> + ResponseError + 'static,
{
    let _ = request;
    E::from(Rejection::from(error)).into()
}

/// A `web::JsonConfig` whose failures reach clients as `E`, mapped by
/// [`Rejection`]'s `From<JsonPayloadError>`.
///
/// Its other settings are actix-web's defaults (a 2 MiB limit, a JSON
/// `content-type` required); change them on the returned config:
///
/// ```
/// use actix_web::App;
/// # use errbook::{ApiError, Rejection};
/// # #[derive(Debug, ApiError)]
/// # #[api(display)]
/// # enum AppError { #[api(transparent)] Rejected(Rejection) }
/// # impl From<Rejection> for AppError { fn from(r: Rejection) -> Self { AppError::Rejected(r) } }
///
/// let app = App::new().app_data(errbook::actix::json_config::<AppError>().limit(64 * 1024));
/// ```
pub fn json_config<E>() -> JsonConfig
where
    E: From<Rejection> + ResponseError + 'static,
{
    JsonConfig::default().error_handler(json_error::<E>)
}

/// A `web::PathConfig` whose failures reach clients as `E`:
/// `INVALID_PATH`, with the parser's explanation as `reason`.
pub fn path_config<E>() -> PathConfig
where
    E: From<Rejection> + ResponseError + 'static,
{
    PathConfig::default().error_handler(path_error::<E>)
}

/// A `web::QueryConfig` whose failures reach clients as `E`:
/// `INVALID_QUERY`, with the parser's explanation as `reason`.
pub fn query_config<E>() -> QueryConfig
where
    E: From<Rejection> + ResponseError + 'static,
{
    QueryConfig::default().error_handler(query_error::<E>)
}

// ---------------------------------------------------------------------------
// Unknown routes and wrong methods
// ---------------------------------------------------------------------------

/// A route answering `ROUTE_NOT_FOUND` (404) as `E`: the default service of
/// an app (`App::default_service(errbook::actix::not_found::<AppError>())`)
/// or of a `web::scope`. [`configure`] installs it.
pub fn not_found<E>() -> Route
where
    E: From<Rejection> + ResponseError + 'static,
{
    web::to(reject::<E, RouteNotFound>)
}

/// A route answering `METHOD_NOT_ALLOWED` (405) as `E`, for one resource:
/// `web::resource("/users/{id}").default_service(errbook::actix::method_not_allowed::<AppError>())`.
///
/// actix-web's own 405 lists the resource's methods in `Allow`, which a
/// default service cannot see; the [`Fallback`] middleware keeps it and
/// covers every resource at once, so prefer it.
pub fn method_not_allowed<E>() -> Route
where
    E: From<Rejection> + ResponseError + 'static,
{
    web::to(reject::<E, MethodNotAllowed>)
}

/// Picks a payload-free rejection at compile time, so that [`reject`] is a
/// plain `fn` item (a `Handler` that is `Clone` and `'static`).
trait Fixed {
    fn rejection() -> Rejection;
}

struct RouteNotFound;

impl Fixed for RouteNotFound {
    fn rejection() -> Rejection {
        Rejection::RouteNotFound
    }
}

struct MethodNotAllowed;

impl Fixed for MethodNotAllowed {
    fn rejection() -> Rejection {
        Rejection::MethodNotAllowed
    }
}

async fn reject<E: From<Rejection>, R: Fixed>() -> Result<HttpResponse, E> {
    Err(E::from(R::rejection()))
}

/// Installs [`json_config`], [`path_config`] and [`query_config`] for `E`
/// and [`not_found`] as the default service:
/// `App::new().configure(errbook::actix::configure::<AppError>)`.
///
/// A config set after it (`.app_data(errbook::actix::json_config::<AppError>().limit(…))`)
/// replaces the one it installed.
pub fn configure<E>(config: &mut ServiceConfig)
where
    E: From<Rejection> + ResponseError + 'static,
{
    config
        .app_data(json_config::<E>())
        .app_data(path_config::<E>())
        .app_data(query_config::<E>())
        .default_service(not_found::<E>());
}

/// Middleware turning the router's own empty answers into `E`: a 405
/// (a resource matched, none of its routes for this method) into
/// `METHOD_NOT_ALLOWED` with actix-web's `Allow` header kept, a 404 (no
/// resource matched, no default service) into `ROUTE_NOT_FOUND`.
///
/// A resource does not inherit the app's default service, so without it
/// every resource would need
/// [`default_service(method_not_allowed())`](method_not_allowed). It
/// rewrites only a 404 or 405 with an empty body and no error attached,
/// which is what actix-web's router sends; any response with a body, or
/// made from an error, passes through untouched.
///
/// Wrap it before [`RequestIds`] (actix-web runs the last `wrap` first), so
/// that it renders inside the request's scope:
/// `.wrap(Fallback::<AppError>::new()).wrap(RequestIds::new())`.
pub struct Fallback<E> {
    error: PhantomData<fn() -> E>,
}

impl<E> Fallback<E> {
    /// The middleware, rendering as `E`.
    pub const fn new() -> Self {
        Fallback { error: PhantomData }
    }
}

impl<E> Default for Fallback<E> {
    fn default() -> Self {
        Fallback::new()
    }
}

impl<E> Clone for Fallback<E> {
    fn clone(&self) -> Self {
        Fallback::new()
    }
}

impl<E> fmt::Debug for Fallback<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fallback")
            .field("error", &core::any::type_name::<E>())
            .finish()
    }
}

impl<S, B, E> Transform<S, ServiceRequest> for Fallback<E>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    S::Future: 'static,
    B: MessageBody + 'static,
    E: From<Rejection> + ResponseError + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Transform = FallbackMiddleware<S, E>;
    type InitError = ();
    type Future = core::future::Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        core::future::ready(Ok(FallbackMiddleware {
            service,
            error: PhantomData,
        }))
    }
}

/// The service [`Fallback`] wraps around the app's.
pub struct FallbackMiddleware<S, E> {
    service: S,
    error: PhantomData<fn() -> E>,
}

impl<S, E> fmt::Debug for FallbackMiddleware<S, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FallbackMiddleware").finish_non_exhaustive()
    }
}

/// The boxed future of the middleware services here.
type Boxed<T> = Pin<Box<dyn Future<Output = Result<T, Error>>>>;

impl<S, B, E> Service<ServiceRequest> for FallbackMiddleware<S, E>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    S::Future: 'static,
    B: MessageBody + 'static,
    E: From<Rejection> + ResponseError + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Future = Boxed<Self::Response>;

    fn poll_ready(&self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.service.poll_ready(cx)
    }

    fn call(&self, request: ServiceRequest) -> Self::Future {
        let future = self.service.call(request);
        Box::pin(async move { future.await.map(fallback::<B, E>) })
    }
}

fn fallback<B, E>(response: ServiceResponse<B>) -> ServiceResponse<EitherBody<B>>
where
    B: MessageBody,
    E: From<Rejection> + ResponseError + 'static,
{
    let rejection = match response.status() {
        StatusCode::NOT_FOUND => Rejection::RouteNotFound,
        StatusCode::METHOD_NOT_ALLOWED => Rejection::MethodNotAllowed,
        _ => return response.map_into_left_body(),
    };
    let empty = matches!(
        response.response().body().size(),
        BodySize::None | BodySize::Sized(0)
    );
    if !empty || response.response().error().is_some() {
        return response.map_into_left_body();
    }
    let allow = response.headers().get(header::ALLOW).cloned();
    let (request, _) = response.into_parts();
    let mut rendered = HttpResponse::from_error(E::from(rejection));
    if let Some(allow) = allow {
        rendered.headers_mut().insert(header::ALLOW, allow);
    }
    ServiceResponse::new(request, rendered).map_into_right_body()
}

// ---------------------------------------------------------------------------
// Request ids
// ---------------------------------------------------------------------------

/// Middleware giving every request an id and rendering its errors with it.
///
/// For each request it
///
/// 1. takes the id from the `x-request-id` header (or the one set with
///    [`header`](RequestIds::header)) when it is 1 to 128 visible ASCII
///    characters without spaces, or else makes one, unique in the process
///    (`3f9a1c2e7b5d4a10-0000002a`: a random prefix drawn once, and a
///    counter) and sets it on the request, so handlers and inner
///    middleware see the id that is answered;
/// 2. runs the rest of the app inside a [`RequestContext`] with that id and
///    the [`development`](RequestIds::development) choice (by default the
///    process-wide [`set_development_mode`](crate::set_development_mode)),
///    so every error rendered for the request carries the id in its body
///    (`request_id`, or `instance` for problem+json) and shows `details`
///    only in development;
/// 3. renders an error a middleware inside it *returns* right there, inside
///    the scope, rather than leaving it to actix-web's dispatcher, which
///    would render it without the id;
/// 4. sets the header on the response (unless the handler set it).
///
/// Wrap it last, so that it is outermost and covers everything else:
///
/// ```
/// use actix_web::App;
/// use errbook::actix::RequestIds;
///
/// // Two apps of one process, one of them showing development details.
/// let public = App::new().wrap(RequestIds::new());
/// let staging = App::new().wrap(RequestIds::new().development(true));
/// ```
///
/// Handlers read the id with
/// [`RequestContext::current()`](RequestContext::current)`.id()`, or from
/// the request's header.
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

    /// Development mode on or off for the requests of this app (`details`
    /// with the `Debug` output and the source chain), whatever the
    /// process-wide setting: one process can run a development and a
    /// production app side by side.
    #[must_use]
    pub fn development(mut self, on: bool) -> Self {
        self.development = Some(on);
        self
    }

    /// Reads and writes the id in `name` instead of `x-request-id`
    /// (`x-correlation-id`, …).
    ///
    /// ```
    /// use actix_web::http::header::HeaderName;
    /// use actix_web::{App, HttpResponse, test, web};
    /// use errbook::actix::RequestIds;
    /// use errbook::request::RequestContext;
    ///
    /// # actix_web::rt::System::new().block_on(async {
    /// let app = App::new()
    ///     .route("/", web::get().to(|| async {
    ///         HttpResponse::Ok().body(RequestContext::current().id().unwrap_or("").to_owned())
    ///     }))
    ///     .wrap(RequestIds::new().header(HeaderName::from_static("x-correlation-id")));
    /// let app = test::init_service(app).await;
    /// let request = test::TestRequest::get().insert_header(("x-correlation-id", "c-1")).to_request();
    /// let response = test::call_service(&app, request).await;
    /// assert_eq!(response.headers().get("x-correlation-id").unwrap(), "c-1");
    /// assert_eq!(test::read_body(response).await, "c-1");
    /// # });
    /// ```
    #[must_use]
    pub fn header(mut self, name: HeaderName) -> Self {
        self.header = name;
        self
    }
}

impl<S, B> Transform<S, ServiceRequest> for RequestIds
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    S::Future: 'static,
    B: 'static,
{
    type Response = ServiceResponse<B>;
    type Error = Error;
    type Transform = RequestIdMiddleware<S>;
    type InitError = ();
    type Future = core::future::Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        core::future::ready(Ok(RequestIdMiddleware {
            service,
            header: self.header.clone(),
            development: self.development,
        }))
    }
}

/// The service [`RequestIds`] wraps around the app's.
pub struct RequestIdMiddleware<S> {
    service: S,
    header: HeaderName,
    development: Option<bool>,
}

impl<S> fmt::Debug for RequestIdMiddleware<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestIdMiddleware")
            .field("header", &self.header)
            .field("development", &self.development)
            .finish_non_exhaustive()
    }
}

impl<S, B> Service<ServiceRequest> for RequestIdMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    S::Future: 'static,
    B: 'static,
{
    type Response = ServiceResponse<B>;
    type Error = Error;
    type Future = Boxed<Self::Response>;

    fn poll_ready(&self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.service.poll_ready(cx)
    }

    fn call(&self, mut request: ServiceRequest) -> Self::Future {
        let incoming = request
            .headers()
            .get(&self.header)
            .and_then(|value| value.to_str().ok());
        let context = RequestContext::for_incoming(incoming, self.development);
        let id = context.id().unwrap_or_default();
        // A kept id is a valid header already; a made one is hex digits and a dash.
        let value =
            HeaderValue::from_str(id).unwrap_or_else(|_| HeaderValue::from_static("unknown"));
        if incoming != context.id() {
            // The request is not shared yet (routing needs it unshared too).
            request
                .headers_mut()
                .insert(self.header.clone(), value.clone());
        }
        let header = self.header.clone();
        // Services may start work in `call`; that work is in the scope too.
        let future = context.clone().run(|| self.service.call(request));
        Box::pin(context.scope(async move {
            match future.await {
                Ok(mut response) => {
                    let headers = response.headers_mut();
                    if !headers.contains_key(&header) {
                        headers.insert(header, value);
                    }
                    Ok(response)
                }
                Err(error) => {
                    let mut rendered = error.error_response();
                    rendered.headers_mut().insert(header, value);
                    // The dispatcher sends this response as it is.
                    Err(InternalError::from_response(error, rendered).into())
                }
            }
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_mismatches_are_internal() {
        assert!(describes_route("wrong number of parameters: 0 expected 1"));
        assert!(describes_route("missing field `id`"));
        assert!(describes_route("unsupported type: tuple"));
        assert!(describes_route("Unexpected"));
        assert!(!describes_route("can not parse \"abc\" to a u64"));
        assert!(!describes_route("unknown variant `x`, expected `a` or `b`"));
    }

    #[test]
    fn incoming_ids() {
        assert!(crate::request::is_usable_id("req-7f3a"));
        assert!(!crate::request::is_usable_id(""));
        assert!(!crate::request::is_usable_id("two words"));
        assert!(!crate::request::is_usable_id("é"));
        assert!(!crate::request::is_usable_id(
            &"a".repeat(crate::request::MAX_ID_LEN + 1)
        ));
        assert!(crate::request::is_usable_id(
            &"a".repeat(crate::request::MAX_ID_LEN)
        ));
    }

    #[test]
    fn new_ids_are_unique_and_acceptable() {
        let (a, b) = (crate::request::new_id(), crate::request::new_id());
        assert_ne!(a, b);
        assert!(crate::request::is_usable_id(&a));
        assert_eq!(a.split('-').next(), b.split('-').next());
    }

    #[test]
    fn payload_errors() {
        assert_eq!(
            Rejection::from(PayloadError::Overflow).code(),
            "PAYLOAD_TOO_LARGE"
        );
        assert_eq!(
            Rejection::from(PayloadError::EncodingCorrupted).code(),
            "BODY_UNREADABLE"
        );
        assert_eq!(
            Rejection::from(JsonPayloadError::Overflow { limit: 1 }).code(),
            "PAYLOAD_TOO_LARGE"
        );
        let wrong_shape = serde_json::from_str::<(u8,)>("[\"x\"]").unwrap_err();
        assert_eq!(
            Rejection::from(JsonPayloadError::Deserialize(wrong_shape)).code(),
            "INVALID_BODY"
        );
    }
}
