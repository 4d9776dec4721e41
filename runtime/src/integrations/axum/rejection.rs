//! axum's rejections as [`Rejection`]s: `From` for each extractor's.

use std::error::Error as StdError;

use ::axum::extract::path::ErrorKind;
use ::axum::extract::rejection::{
    BytesRejection, ExtensionRejection, FailedToBufferBody, JsonRejection, PathRejection,
    QueryRejection,
};
use http::StatusCode;
use serde_json::error::Category;

use crate::integrations::rejection::{invalid_path, invalid_query, json, query_error};
use crate::violations::{Pointer, codes};
use crate::{Rejection, Violation, Violations};

/// The parser's own explanation, without axum's generic prefix ("Failed to
/// parse the request body as JSON: ").
fn reason(error: &dyn StdError) -> String {
    error
        .source()
        .map_or_else(|| error.to_string(), ToString::to_string)
}

/// The error of type `T` in `error`'s chain of sources, itself included.
fn find<'a, T: StdError + 'static>(error: &'a (dyn StdError + 'static)) -> Option<&'a T> {
    let mut next = Some(error);
    while let Some(error) = next {
        if let Some(found) = error.downcast_ref::<T>() {
            return Some(found);
        }
        next = error.source();
    }
    None
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
/// ends too soon, `INVALID_BODY` for JSON of the wrong shape (with one
/// violation at the member that failed: axum's `Json` stops at the first
/// problem; errbook's [`Json`](super::Json) reports them all),
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
///     Rejection::InvalidBody { reason, .. } if reason.starts_with("[1]: invalid type: string")
/// ));
/// let violation = rejection.violations().unwrap().iter().next().unwrap();
/// assert_eq!(violation.location().to_loc(), [serde_json::json!("body"), serde_json::json!(1)]);
/// assert_eq!(violation.code(), "invalid_type");
/// assert_eq!(violation.message(), r#"invalid type: string "two", expected u32"#);
/// ```
impl From<JsonRejection> for Rejection {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            // axum has classified serde_json's error already (syntax and
            // end of input apart from data) and boxed it out of reach.
            JsonRejection::JsonSyntaxError(error) => json(Category::Syntax, reason(&error)),
            JsonRejection::JsonDataError(error) => {
                let tracked = find::<serde_path_to_error::Error<serde_json::Error>>(&error);
                match tracked {
                    Some(tracked) => Rejection::InvalidBody {
                        reason: reason(&error),
                        violations: Violations::new().with(tracked_violation(tracked)),
                    },
                    None => json(Category::Data, reason(&error)),
                }
            }
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
/// (`reason`: ``Cannot parse `abc` to a `u64` ``, with a violation naming
/// the parameter when axum does: a struct's or a map's member), and
/// `INTERNAL_ERROR` when the route does not have the parameters the
/// extractor asks for. errbook's [`Path`](super::Path) also names the
/// parameter of a single value or a tuple, from the route.
impl From<PathRejection> for Rejection {
    fn from(rejection: PathRejection) -> Self {
        path_rejection(rejection, &[])
    }
}

/// `rejection`, naming the parameter from the route's `params` (name,
/// value) when axum's error does not.
pub(super) fn path_rejection(rejection: PathRejection, params: &[(&str, &str)]) -> Rejection {
    match rejection {
        PathRejection::FailedToDeserializePathParams(error) if error.status().is_client_error() => {
            let reason = error.kind().to_string();
            let (name, type_name) = match error.kind() {
                ErrorKind::ParseErrorAtKey {
                    key, expected_type, ..
                } => (Some(key.as_str()), Some(*expected_type)),
                ErrorKind::ParseErrorAtIndex {
                    index,
                    expected_type,
                    ..
                } => (
                    params.get(*index).map(|(name, _)| *name),
                    Some(*expected_type),
                ),
                ErrorKind::ParseError {
                    value,
                    expected_type,
                } => {
                    let mut holding = params.iter().filter(|(_, v)| v == value);
                    let name = match (params, holding.next(), holding.next()) {
                        ([(only, _)], _, _) | (_, Some((only, _)), None) => Some(*only),
                        _ => None,
                    };
                    (name, Some(*expected_type))
                }
                ErrorKind::InvalidUtf8InPathParam { key }
                | ErrorKind::DeserializeError { key, .. } => (Some(key.as_str()), None),
                _ => (None, None),
            };
            invalid_path(name, type_name, reason)
        }
        other => by_status(other.status(), other, |other| {
            invalid_path(None, None, other.body_text())
        }),
    }
}

/// `Query`'s rejection: `INVALID_QUERY` (`reason`: `limit: invalid digit
/// found in string`), with a violation naming the parameter.
impl From<QueryRejection> for Rejection {
    fn from(rejection: QueryRejection) -> Self {
        match rejection {
            QueryRejection::FailedToDeserializeQueryString(error) => {
                let tracked =
                    find::<serde_path_to_error::Error<serde_urlencoded::de::Error>>(&error);
                match tracked {
                    Some(tracked) => query_error(tracked),
                    None => invalid_query(None, &reason(&error), reason(&error)),
                }
            }
            other => by_status(other.status(), other, |other| {
                let reason = other.body_text();
                invalid_query(None, &reason, reason.clone())
            }),
        }
    }
}

/// The violation of a JSON body `serde_path_to_error` found at its path:
/// at that member (at the member itself for a missing or unknown one),
/// with a code for the kind of problem and `serde_json`'s message without
/// its line and column.
fn tracked_violation(error: &serde_path_to_error::Error<serde_json::Error>) -> Violation {
    use serde_path_to_error::Segment;
    let mut pointer = Pointer::root();
    for segment in error.path() {
        pointer = match segment {
            Segment::Seq { index } => pointer.index(*index),
            Segment::Map { key } => pointer.field(key),
            Segment::Enum { variant } => pointer.field(variant),
            Segment::Unknown => break,
        };
    }
    let inner = error.inner();
    let text = inner.to_string();
    let suffix = format!(" at line {} column {}", inner.line(), inner.column());
    let message = text.strip_suffix(&suffix).unwrap_or(&text);
    let named = |prefix: &str| {
        message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split_once('`'))
            .map(|(name, _)| name.to_owned())
    };
    if let Some(name) = named("missing field `") {
        return Violation::body(pointer.field(&name), codes::MISSING.0, codes::MISSING.1);
    }
    if let Some(name) = named("unknown field `") {
        return Violation::body(pointer.field(&name), codes::EXTRA.0, codes::EXTRA.1);
    }
    let code = [
        ("invalid type:", codes::INVALID_TYPE),
        ("invalid value:", codes::INVALID_VALUE),
        ("invalid length", codes::INVALID_LENGTH),
        ("unknown variant", codes::ENUM),
    ]
    .iter()
    .find(|(prefix, _)| message.starts_with(prefix))
    .map_or(codes::VALUE_ERROR, |(_, code)| code);
    Violation::body(pointer, code, message)
}

/// `Extension`'s rejection: a missing extension is a bug of the server,
/// `INTERNAL_ERROR` (the cause logged, never sent).
impl From<ExtensionRejection> for Rejection {
    fn from(rejection: ExtensionRejection) -> Self {
        Rejection::internal(rejection)
    }
}
