//! actix-web 4 (feature `actix-web`).

use actix_web::HttpResponse;
use actix_web::http::StatusCode;

use crate::ApiError;

/// The status of `error`, as actix-web's `StatusCode`.
pub fn status_code<E: ApiError + ?Sized>(error: &E) -> StatusCode {
    StatusCode::from_u16(error.status().as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The response for `error`: what every derived type's `ResponseError`
/// returns.
pub fn error_response<E: ApiError + ?Sized>(error: &E) -> HttpResponse {
    let response = error.to_response();
    let mut builder = HttpResponse::build(status_code(error));
    for (name, value) in response.headers() {
        builder.insert_header((name.as_str(), value.as_bytes()));
    }
    builder.body(response.into_body())
}
