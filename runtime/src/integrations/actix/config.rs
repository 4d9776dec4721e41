//! The extractor configs whose error handlers answer in your envelope, and
//! [`configure`], which installs them with the default service.

use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::web::{JsonConfig, PathConfig, QueryConfig, ServiceConfig};
use actix_web::{Error, HttpRequest, ResponseError};

use super::not_found;
use super::rejection::parsed_into;
use crate::Rejection;
use crate::bounds::FromRejection;
use crate::integrations::rejection::invalid_path;

/// The error handler [`json_config`] installs: `error` as a [`Rejection`],
/// then as an `E`.
///
/// For a `JsonConfig` of your own:
/// `web::JsonConfig::default().limit(4096).error_handler(errbook::actix::json_error::<AppError>)`.
pub fn json_error<E>(error: JsonPayloadError, request: &HttpRequest) -> Error
where
    E: FromRejection + ResponseError + 'static,
{
    let _ = request;
    E::from(Rejection::from(error)).into()
}

/// The error handler [`path_config`] installs: `error` as a [`Rejection`],
/// then as an `E`. An `INVALID_PATH` names the parameter in a violation:
/// the route's only one, or the one holding the value that did not
/// parse.
pub fn path_error<E>(error: PathError, request: &HttpRequest) -> Error
where
    E: FromRejection + ResponseError + 'static,
{
    let rejection = match Rejection::from(error) {
        Rejection::InvalidPath { reason, .. } => {
            let parsed = parsed_into(&reason);
            let params: Vec<(&str, &str)> = request.match_info().iter().collect();
            let mut holding = params
                .iter()
                .filter(|(_, value)| parsed.as_ref().is_some_and(|(parsed, _)| parsed == value));
            let name = match (params.as_slice(), holding.next(), holding.next()) {
                ([(only, _)], _, _) | (_, Some((only, _)), None) => Some(*only),
                _ => None,
            };
            let type_name = parsed.as_ref().map(|(_, type_name)| type_name.as_str());
            invalid_path(name, type_name, reason)
        }
        other => other,
    };
    E::from(rejection).into()
}

/// The error handler [`query_config`] installs: `error` as a [`Rejection`],
/// then as an `E`.
pub fn query_error<E>(error: QueryPayloadError, request: &HttpRequest) -> Error
where
    E: FromRejection + ResponseError + 'static,
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
///
/// let app = App::new().app_data(errbook::actix::json_config::<AppError>().limit(64 * 1024));
/// ```
pub fn json_config<E>() -> JsonConfig
where
    E: FromRejection + ResponseError + 'static,
{
    JsonConfig::default().error_handler(json_error::<E>)
}

/// A `web::PathConfig` whose failures reach clients as `E`:
/// `INVALID_PATH`, with the parser's explanation as `reason`.
pub fn path_config<E>() -> PathConfig
where
    E: FromRejection + ResponseError + 'static,
{
    PathConfig::default().error_handler(path_error::<E>)
}

/// A `web::QueryConfig` whose failures reach clients as `E`:
/// `INVALID_QUERY`, with the parser's explanation as `reason`.
pub fn query_config<E>() -> QueryConfig
where
    E: FromRejection + ResponseError + 'static,
{
    QueryConfig::default().error_handler(query_error::<E>)
}

/// Installs [`json_config`], [`path_config`] and [`query_config`] for `E`
/// and [`not_found`] as the default service:
/// `App::new().configure(errbook::actix::configure::<AppError>)`.
///
/// A config set after it (`.app_data(errbook::actix::json_config::<AppError>().limit(…))`)
/// replaces the one it installed.
pub fn configure<E>(config: &mut ServiceConfig)
where
    E: FromRejection + ResponseError + 'static,
{
    config
        .app_data(json_config::<E>())
        .app_data(path_config::<E>())
        .app_data(query_config::<E>())
        .default_service(not_found::<E>());
}
