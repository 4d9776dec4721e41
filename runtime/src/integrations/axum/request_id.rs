//! The request-id layer [`RequestIds`] and its function form [`request_id`].

use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use ::axum::extract::Request;
use ::axum::middleware::Next;
use ::axum::response::Response;
use http::{HeaderMap, HeaderName, HeaderValue};

use crate::integrations::request_id::{DEFAULT_HEADER, IncomingId, UNREPRESENTABLE};
use crate::request::{RequestContext, Scope};

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
            header: HeaderName::from_static(DEFAULT_HEADER),
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
        let id = IncomingId::settle(incoming, self.development);
        let value = HeaderValue::from_str(id.id())
            .unwrap_or_else(|_| HeaderValue::from_static(UNREPRESENTABLE));
        if id.replaced() {
            headers.insert(self.header.clone(), value.clone());
        }
        (id.into_context(), value)
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
