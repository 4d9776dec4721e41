//! actix-web's extractor errors as [`Rejection`]s: `From` for each.

use actix_web::error::{JsonPayloadError, PathError, PayloadError, QueryPayloadError};

use crate::Rejection;
use crate::integrations::rejection::{invalid_path, invalid_query, json};

/// `web::Json`'s failures: the `content-type` ([`UnsupportedMediaType`]),
/// the size ([`PayloadTooLarge`]), the JSON itself ([`MalformedJson`] for a
/// syntax error or a body that ends too soon, [`InvalidBody`] for JSON of the
/// wrong shape, with `serde_json`'s explanation as the `reason`) and reading
/// the body ([`BodyUnreadable`]; [`PayloadTooLarge`] when the body outgrows
/// the limit while being read).
///
/// [`UnsupportedMediaType`]: Rejection::UnsupportedMediaType
/// [`PayloadTooLarge`]: Rejection::PayloadTooLarge
/// [`MalformedJson`]: Rejection::MalformedJson
/// [`InvalidBody`]: Rejection::InvalidBody
/// [`BodyUnreadable`]: Rejection::BodyUnreadable
///
/// ```
/// use actix_web::error::JsonPayloadError;
/// use errbook::{ApiError, Rejection};
///
/// let error = serde_json::from_str::<serde_json::Value>("{\"content\":").unwrap_err();
/// let rejection = Rejection::from(JsonPayloadError::Deserialize(error));
/// assert_eq!(rejection.code(), "MALFORMED_JSON");
/// assert_eq!(Rejection::from(JsonPayloadError::ContentType).code(), "UNSUPPORTED_MEDIA_TYPE");
/// ```
impl From<JsonPayloadError> for Rejection {
    fn from(error: JsonPayloadError) -> Self {
        match error {
            JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
                Rejection::PayloadTooLarge
            }
            JsonPayloadError::ContentType => Rejection::UnsupportedMediaType,
            JsonPayloadError::Deserialize(error) => json(error.classify(), error.to_string()),
            JsonPayloadError::Payload(error) => Rejection::from(error),
            // `Serialize` (a response, not a request) and variants of later
            // actix-web versions: the server's business, not the client's.
            // The message, not the error: whether `PayloadError` is `Sync`
            // depends on actix-web's features.
            other => Rejection::internal(other.to_string()),
        }
    }
}

/// A request body that could not be read: [`PayloadTooLarge`] when it
/// outgrew a limit, [`BodyUnreadable`] otherwise (cut short, a corrupt
/// `content-encoding`, an I/O error).
///
/// [`PayloadTooLarge`]: Rejection::PayloadTooLarge
/// [`BodyUnreadable`]: Rejection::BodyUnreadable
impl From<PayloadError> for Rejection {
    fn from(error: PayloadError) -> Self {
        match error {
            PayloadError::Overflow => Rejection::PayloadTooLarge,
            _ => Rejection::BodyUnreadable,
        }
    }
}

/// `web::Path`'s failures: [`InvalidPath`](Rejection::InvalidPath) with
/// the parser's explanation (`can not parse "abc" to a u64`) when the
/// client's path segment does not parse (the error does not name the
/// parameter; [`path_error`](super::path_error), which sees the request,
/// does); [`Internal`](Rejection::Internal)
/// when the extractor does not fit the route (`wrong number of parameters`,
/// a struct field the pattern does not name, an unsupported type), which no
/// request could fix.
///
/// ```
/// use actix_web::error::PathError;
/// use errbook::{ApiError, Rejection};
/// use serde::de::Error as _;
///
/// let bad_segment = serde::de::value::Error::custom("can not parse \"abc\" to a u64");
/// assert_eq!(Rejection::from(PathError::Deserialize(bad_segment)).code(), "INVALID_PATH");
/// let no_parameter = serde::de::value::Error::custom("wrong number of parameters: 0 expected 1");
/// assert_eq!(Rejection::from(PathError::Deserialize(no_parameter)).code(), "INTERNAL_ERROR");
/// ```
impl From<PathError> for Rejection {
    fn from(error: PathError) -> Self {
        match error {
            PathError::Deserialize(error) => {
                let reason = error.to_string();
                if describes_route(&reason) {
                    Rejection::internal(error)
                } else {
                    let type_name = parsed_into(&reason).map(|(_, type_name)| type_name);
                    invalid_path(None, type_name.as_deref(), reason)
                }
            }
            other => Rejection::internal(other),
        }
    }
}

/// Whether a path deserializer's message is about the route and the
/// extractor's type rather than the client's path: actix-router's own
/// messages for a mismatch, and serde's for a struct the pattern does not
/// fill.
fn describes_route(reason: &str) -> bool {
    const PREFIXES: [&str; 6] = [
        "wrong number of parameters",
        "unsupported type",
        "expected at least one parameter",
        "missing field",
        "unknown field",
        "duplicate field",
    ];
    const WHOLE: [&str; 3] = ["not supported", "unexpected item", "Unexpected"];
    PREFIXES.iter().any(|prefix| reason.starts_with(prefix)) || WHOLE.contains(&reason)
}

/// The value and the type of actix-router's ``can not parse "abc" to a u64``.
pub(super) fn parsed_into(reason: &str) -> Option<(String, String)> {
    let rest = reason.strip_prefix("can not parse ")?;
    let (quoted, type_name) = rest.rsplit_once(" to a ")?;
    // The value as `{:?}` writes it: quoted, `"` and `\` escaped.
    let value = serde_json::from_str::<String>(quoted).ok()?;
    Some((value, type_name.to_owned()))
}

/// `web::Query`'s failures: [`InvalidQuery`](Rejection::InvalidQuery) with
/// the parser's explanation (`invalid digit found in string`, ``missing
/// field `limit` ``), and a violation naming the parameter when the
/// explanation does (a missing one); errbook's [`Query`](super::Query)
/// names it always.
impl From<QueryPayloadError> for Rejection {
    fn from(error: QueryPayloadError) -> Self {
        match error {
            QueryPayloadError::Deserialize(error) => {
                let reason = error.to_string();
                invalid_query(None, &reason, reason.clone())
            }
            other => Rejection::internal(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ApiError as _;

    #[test]
    fn route_mismatches_are_internal() {
        assert!(describes_route("wrong number of parameters: 0 expected 1"));
        assert!(describes_route("missing field `id`"));
        assert!(describes_route("unsupported type: tuple"));
        assert!(describes_route("Unexpected"));
        assert!(!describes_route("can not parse \"abc\" to a u64"));
        assert!(!describes_route("unknown variant `x`, expected `a` or `b`"));
    }

    #[test]
    fn parse_errors_name_their_value_and_type() {
        assert_eq!(
            parsed_into(r#"can not parse "a \"b\"" to a u64"#),
            Some((r#"a "b""#.to_owned(), "u64".to_owned()))
        );
        assert_eq!(parsed_into("unsupported type: tuple"), None);
    }

    #[test]
    fn payload_errors() {
        assert_eq!(
            Rejection::from(PayloadError::Overflow).code(),
            "PAYLOAD_TOO_LARGE"
        );
        assert_eq!(
            Rejection::from(PayloadError::EncodingCorrupted).code(),
            "BODY_UNREADABLE"
        );
        assert_eq!(
            Rejection::from(JsonPayloadError::Overflow { limit: 1 }).code(),
            "PAYLOAD_TOO_LARGE"
        );
        let wrong_shape = serde_json::from_str::<(u8,)>("[\"x\"]").unwrap_err();
        assert_eq!(
            Rejection::from(JsonPayloadError::Deserialize(wrong_shape)).code(),
            "INVALID_BODY"
        );
    }
}
