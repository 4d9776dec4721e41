//! Unknown routes and wrong methods in your envelope: the [`not_found`] and
//! [`method_not_allowed`] routes and the [`Fallback`] middleware.

use core::fmt;
use core::marker::PhantomData;
use core::task::{Context, Poll};

use actix_web::body::{BodySize, EitherBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::web;
use actix_web::{Error, HttpResponse, ResponseError, Route};

use super::Boxed;
use crate::Rejection;
use crate::bounds::FromRejection;

/// A route answering `ROUTE_NOT_FOUND` (404) as `E`: the default service of
/// an app (`App::default_service(errbook::actix::not_found::<AppError>())`)
/// or of a `web::scope`. [`configure`](super::configure) installs it.
pub fn not_found<E>() -> Route
where
    E: FromRejection + ResponseError + 'static,
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
    E: FromRejection + ResponseError + 'static,
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

async fn reject<E: FromRejection, R: Fixed>() -> Result<HttpResponse, E> {
    Err(E::from(R::rejection()))
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
/// Wrap it before [`RequestIds`](super::RequestIds) (actix-web runs the last `wrap` first), so
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
    E: FromRejection + ResponseError + 'static,
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
impl<S, B, E> Service<ServiceRequest> for FallbackMiddleware<S, E>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    S::Future: 'static,
    B: MessageBody + 'static,
    E: FromRejection + ResponseError + 'static,
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
    E: FromRejection + ResponseError + 'static,
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
