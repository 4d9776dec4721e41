//! The extractors [`Json`], [`ValidJson`], [`Path`] and [`Query`]: axum's,
//! rejecting with your error type, every problem of a request at its
//! member's pointer or under its parameter's name.

use core::marker::PhantomData;

use ::axum::body::{Body, Bytes};
use ::axum::extract::{
    FromRequest, FromRequestParts, OptionalFromRequest, OptionalFromRequestParts, RawPathParams,
    Request,
};
use ::axum::response::{IntoResponse, Response};
use http::header::CONTENT_TYPE;
use http::request::Parts;
use http::{HeaderMap, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::rejection::path_rejection;
use crate::bounds::FromRejection;
use crate::violations::json::Reader;
use crate::{Rejection, Validate};

/// axum's [`Json`](::axum::Json) extractor, rejecting with your error type
/// `E` in its envelope (`MALFORMED_JSON`, `INVALID_BODY`,
/// `UNSUPPORTED_MEDIA_TYPE`, `PAYLOAD_TOO_LARGE`, `BODY_UNREADABLE`).
///
/// A body of the wrong shape is `INVALID_BODY` with every problem found
/// in it, each a violation at its member's RFC 6901 pointer
/// ([`violations::json`](crate::violations::json)); a body that is not
/// JSON is `MALFORMED_JSON` with one violation at the body itself. A good
/// body is read by `serde_json` alone, without keeping track of where it
/// is (axum's own `Json` does, for every body; see BENCHMARKS.md).
/// [`ValidJson`] also runs the type's [`Validate`] check.
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
pub struct Json<T, E: FromRejection = Rejection>(
    /// The body.
    pub T,
    /// Names the rejection type.
    pub PhantomData<fn() -> E>,
);

wrapper!(Json);

impl<T, E, S> FromRequest<S> for Json<T, E>
where
    T: DeserializeOwned,
    E: FromRejection + IntoResponse,
    S: Send + Sync,
{
    type Rejection = E;

    async fn from_request(request: Request, state: &S) -> Result<Self, E> {
        let body = json_body(request, state).await?;
        match Reader::new().read(&body) {
            Ok(value) => Ok(Json::new(value)),
            Err(error) => Err(E::from(Rejection::from(error))),
        }
    }
}

impl<T, E, S> OptionalFromRequest<S> for Json<T, E>
where
    T: DeserializeOwned,
    E: FromRejection + IntoResponse,
    S: Send + Sync,
{
    type Rejection = E;

    async fn from_request(request: Request, state: &S) -> Result<Option<Self>, E> {
        if request.headers().contains_key(CONTENT_TYPE) {
            <Self as FromRequest<S>>::from_request(request, state)
                .await
                .map(Some)
        } else {
            Ok(None)
        }
    }
}

/// The body of a request with a JSON `content-type`, as axum's `Json`
/// reads it: within the [`DefaultBodyLimit`](::axum::extract::DefaultBodyLimit).
async fn json_body<E: FromRejection, S: Send + Sync>(
    request: Request,
    state: &S,
) -> Result<Bytes, E> {
    if !json_content_type(request.headers()) {
        return Err(E::from(Rejection::UnsupportedMediaType));
    }
    Bytes::from_request(request, state)
        .await
        .map_err(|rejection| E::from(Rejection::from(rejection)))
}

/// Whether the `content-type` is JSON, as axum's `Json` decides it:
/// `application/json`, or `application/…+json`, parameters allowed.
fn json_content_type(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
    else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or_default().trim();
    let Some((kind, subtype)) = essence.split_once('/') else {
        return false;
    };
    let subtype = subtype.to_ascii_lowercase();
    kind.eq_ignore_ascii_case("application")
        && (subtype == "json" || (subtype.len() > "+json".len() && subtype.ends_with("+json")))
}

/// [`Json`] that also runs the type's [`Validate`] check: a body of the
/// wrong shape, or one the check refuses, is `INVALID_BODY` with every
/// problem found, the reading's and the check's, in one rejection (see
/// [`Reader::read_valid`](crate::violations::json::Reader::read_valid)).
///
/// Match the second field with `_`: `ValidJson(user, _): ValidJson<NewUser, AppError>`.
///
/// ```
/// use errbook::axum::ValidJson;
/// use errbook::violations::{Pointer, Validate, Violations};
/// use errbook::{ApiError, Rejection};
///
/// #[derive(Debug, ApiError)]
/// #[api(format = problem)]
/// enum AppError {
///     #[api(transparent)]
///     Rejected(Rejection),
/// }
///
/// #[derive(serde::Deserialize)]
/// struct NewUser {
///     name: String,
/// }
///
/// impl Validate for NewUser {
///     fn validate(&self) -> Result<(), Violations> {
///         if self.name.is_empty() {
///             return Err(Violations::new().body(Pointer::root().field("name"), "too_short", "must not be empty"));
///         }
///         Ok(())
///     }
/// }
///
/// async fn create_user(ValidJson(user, _): ValidJson<NewUser, AppError>) -> String {
///     user.name
/// }
/// # let _: axum::Router = axum::Router::new().route("/", axum::routing::post(create_user));
/// ```
#[must_use]
pub struct ValidJson<T, E: FromRejection = Rejection>(
    /// The body, read and checked.
    pub T,
    /// Names the rejection type.
    pub PhantomData<fn() -> E>,
);

wrapper!(ValidJson);

impl<T, E, S> FromRequest<S> for ValidJson<T, E>
where
    T: DeserializeOwned + Validate,
    E: FromRejection + IntoResponse,
    S: Send + Sync,
{
    type Rejection = E;

    async fn from_request(request: Request, state: &S) -> Result<Self, E> {
        let body = json_body(request, state).await?;
        match Reader::new().read_valid(&body) {
            Ok(value) => Ok(ValidJson::new(value)),
            Err(error) => Err(E::from(Rejection::from(error))),
        }
    }
}

impl<T, E> IntoResponse for Json<T, E>
where
    T: Serialize,
    E: FromRejection + IntoResponse,
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
/// not parse, with a violation naming it (from the route, for a single
/// value or a tuple), `INTERNAL_ERROR` for a route without the parameters
/// asked for (a bug of the server; the cause is logged, never sent).
///
/// Match the second field with `_`: `Path(id, _): Path<u64, AppError>`.
/// `Option<Path<T, E>>` is `None` on a route without parameters, as with
/// axum.
#[must_use]
pub struct Path<T, E: FromRejection = Rejection>(
    /// The path parameters.
    pub T,
    /// Names the rejection type.
    pub PhantomData<fn() -> E>,
);

wrapper!(Path);

impl<T, E, S> FromRequestParts<S> for Path<T, E>
where
    T: DeserializeOwned + Send,
    E: FromRejection + IntoResponse,
    S: Send + Sync,
{
    type Rejection = E;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, E> {
        match <::axum::extract::Path<T> as FromRequestParts<S>>::from_request_parts(parts, state)
            .await
        {
            Ok(::axum::extract::Path(value)) => Ok(Path::new(value)),
            Err(rejection) => Err(E::from(named(rejection, parts, state).await)),
        }
    }
}

/// `rejection`, naming the parameter from the route when axum does not.
async fn named<S: Send + Sync>(
    rejection: ::axum::extract::rejection::PathRejection,
    parts: &mut Parts,
    state: &S,
) -> Rejection {
    let raw = RawPathParams::from_request_parts(parts, state).await.ok();
    let params: Vec<(&str, &str)> = raw.iter().flat_map(RawPathParams::iter).collect();
    path_rejection(rejection, &params)
}

impl<T, E, S> OptionalFromRequestParts<S> for Path<T, E>
where
    T: DeserializeOwned + Send + 'static,
    E: FromRejection + IntoResponse,
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
            Err(rejection) => Err(E::from(named(rejection, parts, state).await)),
        }
    }
}

/// axum's [`Query`](::axum::extract::Query) extractor, rejecting with your
/// error type `E` in its envelope: `INVALID_QUERY` for a query string that
/// does not parse, with a violation naming the parameter.
///
/// Match the second field with `_`: `Query(params, _): Query<Page, AppError>`.
#[must_use]
pub struct Query<T, E: FromRejection = Rejection>(
    /// The query parameters.
    pub T,
    /// Names the rejection type.
    pub PhantomData<fn() -> E>,
);

wrapper!(Query);

impl<T, E, S> FromRequestParts<S> for Query<T, E>
where
    T: DeserializeOwned,
    E: FromRejection + IntoResponse,
    S: Send + Sync,
{
    type Rejection = E;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, E> {
        let query = parts.uri.query().unwrap_or_default();
        match crate::integrations::rejection::query(query) {
            Ok(value) => Ok(Query::new(value)),
            Err(rejection) => Err(E::from(rejection)),
        }
    }
}
