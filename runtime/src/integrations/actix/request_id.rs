//! The request-id middleware [`RequestIds`].

use core::fmt;
use core::task::{Context, Poll};

use actix_web::Error;
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::error::InternalError;
use actix_web::http::header::{HeaderName, HeaderValue};

use super::Boxed;
use crate::integrations::request_id::{DEFAULT_HEADER, IncomingId, UNREPRESENTABLE};

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
/// 2. runs the rest of the app inside a
///    [`RequestContext`](crate::request::RequestContext) with that id and
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
/// [`RequestContext::current()`](crate::request::RequestContext::current)`.id()`, or from
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
            header: HeaderName::from_static(DEFAULT_HEADER),
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
        let id = IncomingId::settle(incoming, self.development);
        let value = HeaderValue::from_str(id.id())
            .unwrap_or_else(|_| HeaderValue::from_static(UNREPRESENTABLE));
        if id.replaced() {
            // The request is not shared yet (routing needs it unshared too).
            request
                .headers_mut()
                .insert(self.header.clone(), value.clone());
        }
        let context = id.into_context();
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
