//! OpenAPI with utoipa 6 (feature `utoipa`).

use std::collections::BTreeMap;

use ::utoipa::openapi::RefOr;
use ::utoipa::openapi::response::Response;

use crate::ApiError;

/// The OpenAPI responses of `E`, from its catalog: what every derived
/// type's `utoipa::IntoResponses` returns.
pub fn responses<E: ApiError>() -> BTreeMap<String, RefOr<Response>> {
    BTreeMap::new()
}
