//! The extractors [`Json`], [`ValidJson`] and [`Query`]: actix-web's,
//! rejecting with your error type, every problem of a request at its
//! member's pointer or under its parameter's name.

use core::future::{Ready, ready};
use core::marker::PhantomData;

use actix_web::dev::Payload;
use actix_web::{Error, FromRequest, HttpRequest, ResponseError, web};
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::Boxed;
use crate::bounds::FromRejection;
use crate::violations::json::Reader;
use crate::{Rejection, Validate};

/// actix-web's [`web::Json`] extractor, rejecting a body of the wrong
/// shape with your error type `E`: `INVALID_BODY` with every problem
/// found in it, each a violation at its member's RFC 6901 pointer
/// ([`violations::json`](crate::violations::json)). `web::Json` stops at
/// the first problem and says where by line and column only.
///
/// The body is read as `web::Json` reads it, under the app's
/// `web::JsonConfig` (its limit, its `content-type` rule, and its error
/// handler for a body over the limit, without a JSON `content-type` or
/// not JSON at all: install [`json_config::<E>`](super::json_config) or
/// [`configure::<E>`](super::configure) so that those are `E` too).
///
/// The second field only names `E`; match it with `_`:
/// `Json(body, _): Json<NewUser, AppError>`.
///
/// ```
/// use actix_web::{App, HttpResponse, web};
/// use errbook::actix::Json;
/// use errbook::{ApiError, Rejection};
///
/// #[derive(Debug, ApiError)]
/// #[api(display)]
/// enum AppError {
///     #[api(transparent)]
///     Rejected(Rejection),
/// }
///
/// #[derive(serde::Deserialize)]
/// struct NewUser {
///     name: String,
///     age: u8,
/// }
///
/// async fn create_user(Json(user, _): Json<NewUser, AppError>) -> HttpResponse {
///     HttpResponse::Created().body(user.name)
/// }
///
/// let app = App::new()
///     .configure(errbook::actix::configure::<AppError>)
///     .route("/users", web::post().to(create_user));
/// # actix_web::rt::System::new().block_on(async {
/// #     use actix_web::test;
/// #     let app = test::init_service(app).await;
/// #     let request = test::TestRequest::post().uri("/users").set_payload(r#"{"name": 7, "age": "x"}"#)
/// #         .insert_header(("content-type", "application/json")).to_request();
/// #     let body = test::call_and_read_body(&app, request).await;
/// #     assert_eq!(body, r#"{"error":{"code":"INVALID_BODY","message":"The request body does not have the expected shape.","reason":"invalid type: integer `7`, expected a string at line 1 column 10","violations":[{"pointer":"/name","code":"string_type","message":"Input should be a valid string"},{"pointer":"/age","code":"int_type","message":"Input should be a valid integer"}]}}"#);
/// # });
/// ```
#[must_use]
pub struct Json<T, E: FromRejection = Rejection>(
    /// The body.
    pub T,
    /// Names the rejection type.
    pub PhantomData<fn() -> E>,
);

wrapper!(Json);

impl<T, E> FromRequest for Json<T, E>
where
    T: DeserializeOwned + 'static,
    E: FromRejection + ResponseError + 'static,
{
    type Error = Error;
    type Future = Boxed<Self>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        read_body::<T, E, Self>(request, payload, |body| Reader::new().read(body), Json::new)
    }
}

/// [`Json`] that also runs the type's [`Validate`] check: a body of the
/// wrong shape, or one the check refuses, is `INVALID_BODY` with every
/// problem found, the reading's and the check's, in one rejection (see
/// [`Reader::read_valid`](crate::violations::json::Reader::read_valid)).
///
/// Match the second field with `_`: `ValidJson(user, _): ValidJson<NewUser, AppError>`.
#[must_use]
pub struct ValidJson<T, E: FromRejection = Rejection>(
    /// The body, read and checked.
    pub T,
    /// Names the rejection type.
    pub PhantomData<fn() -> E>,
);

wrapper!(ValidJson);

impl<T, E> FromRequest for ValidJson<T, E>
where
    T: DeserializeOwned + Validate + 'static,
    E: FromRejection + ResponseError + 'static,
{
    type Error = Error;
    type Future = Boxed<Self>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        read_body::<T, E, Self>(
            request,
            payload,
            |body| Reader::new().read_valid(body),
            ValidJson::new,
        )
    }
}

/// The body as `web::Json` reads it (under the app's `JsonConfig`), then
/// read into a `T` by `read`, and wrapped by `wrap`; a body `read` refuses
/// is `E`'s rejection, with every problem found.
fn read_body<T, E, W>(
    request: &HttpRequest,
    payload: &mut Payload,
    read: fn(&[u8]) -> Result<T, crate::violations::json::JsonError>,
    wrap: fn(T) -> W,
) -> Boxed<W>
where
    T: 'static,
    E: FromRejection + ResponseError + 'static,
    W: 'static,
{
    let body = web::Json::<Box<RawValue>>::from_request(request, payload);
    Box::pin(async move {
        let web::Json(body) = body.await?;
        match read(body.get().as_bytes()) {
            Ok(value) => Ok(wrap(value)),
            Err(error) => Err(E::from(Rejection::from(error)).into()),
        }
    })
}

/// actix-web's [`web::Query`] extractor, rejecting with your error type
/// `E`: `INVALID_QUERY` with a violation naming the parameter that does
/// not parse (`web::Query`'s error does not name it).
///
/// Match the second field with `_`: `Query(page, _): Query<Page, AppError>`.
#[must_use]
pub struct Query<T, E: FromRejection = Rejection>(
    /// The query parameters.
    pub T,
    /// Names the rejection type.
    pub PhantomData<fn() -> E>,
);

wrapper!(Query);

impl<T, E> FromRequest for Query<T, E>
where
    T: DeserializeOwned,
    E: FromRejection + ResponseError + 'static,
{
    type Error = Error;
    type Future = Ready<Result<Self, Error>>;

    fn from_request(request: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        ready(
            match crate::integrations::rejection::query(request.query_string()) {
                Ok(value) => Ok(Query::new(value)),
                Err(rejection) => Err(E::from(rejection).into()),
            },
        )
    }
}
