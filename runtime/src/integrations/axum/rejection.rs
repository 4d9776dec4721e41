//! axum's rejections as [`Rejection`]s: `From` for each extractor's.

use std::error::Error as StdError;

use ::axum::extract::rejection::{
    BytesRejection, ExtensionRejection, FailedToBufferBody, JsonRejection, PathRejection,
    QueryRejection,
};
use http::StatusCode;
use serde_json::error::Category;

use crate::Rejection;
use crate::integrations::rejection::json;

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
            // axum has classified serde_json's error already (syntax and
            // end of input apart from data) and boxed it out of reach.
            JsonRejection::JsonSyntaxError(error) => json(Category::Syntax, reason(&error)),
            JsonRejection::JsonDataError(error) => json(Category::Data, reason(&error)),
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
