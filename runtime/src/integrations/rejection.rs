//! What the web frameworks' extractors share: how a body `serde_json`
//! could not read, a path parameter or a query string becomes a
//! [`Rejection`] with its violations.

use serde_json::error::Category;

use crate::violations::{Location, Pointer, codes};
use crate::{Rejection, Violation, Violations};

/// A JSON request body `serde_json` failed on, by its error category:
/// `MALFORMED_JSON` for a syntax error or a body that ends too soon,
/// `INVALID_BODY` for JSON of the wrong shape (each with `reason`, the
/// parser's explanation of the client's input, and one violation at the
/// body itself: the parser does not say which member), `BODY_UNREADABLE`
/// when reading failed.
pub(crate) fn json(category: Category, reason: String) -> Rejection {
    match category {
        Category::Syntax | Category::Eof => Rejection::malformed_json(reason),
        Category::Data => {
            let violation = Violation::body(Pointer::root(), codes::VALUE_ERROR, reason.clone());
            Rejection::InvalidBody {
                reason,
                violations: Violations::new().with(violation),
            }
        }
        Category::Io => Rejection::BodyUnreadable,
    }
}

/// pydantic's code and message for a parameter that does not parse into
/// a type named `type_name` (`u64`, `f32`, `bool`), if it has one.
fn parse_error_of_type(type_name: &str) -> Option<(&'static str, &'static str)> {
    let short = type_name.rsplit("::").next().unwrap_or(type_name);
    match short {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64" | "i128"
        | "isize" => Some(INT_PARSING),
        "f32" | "f64" => Some(FLOAT_PARSING),
        "bool" => Some(BOOL_PARSING),
        _ => None,
    }
}

/// pydantic's code and message for a parameter that does not parse as an
/// integer, a number or a boolean.
const INT_PARSING: (&str, &str) = (
    "int_parsing",
    "Input should be a valid integer, unable to parse string as an integer",
);
const FLOAT_PARSING: (&str, &str) = (
    "float_parsing",
    "Input should be a valid number, unable to parse string as a number",
);
const BOOL_PARSING: (&str, &str) = (
    "bool_parsing",
    "Input should be a valid boolean, unable to interpret input",
);

/// The code and message of a parameter's violation, from the type it
/// should have been (when known) or the parser's message: pydantic's for
/// an integer, a number or a boolean that does not parse and for a
/// missing parameter, `value_error` with the parser's message otherwise.
fn parameter_violation(location: Location, type_name: Option<&str>, message: &str) -> Violation {
    let known = type_name.and_then(parse_error_of_type).or_else(|| {
        Some(match message {
            "invalid digit found in string"
            | "cannot parse integer from empty string"
            | "number too large to fit in target type"
            | "number too small to fit in target type" => INT_PARSING,
            "invalid float literal" => FLOAT_PARSING,
            "provided string was not `true` or `false`" => BOOL_PARSING,
            _ if message.starts_with("missing field `") => codes::MISSING,
            _ => return None,
        })
    });
    match known {
        Some((code, text)) => Violation::new(location, code, text),
        None => Violation::new(location, codes::VALUE_ERROR, message),
    }
}

/// `INVALID_PATH` for the parameter `name` (when known) that failed with
/// `reason`, expected of type `type_name` (when known).
pub(crate) fn invalid_path(
    name: Option<&str>,
    type_name: Option<&str>,
    reason: String,
) -> Rejection {
    let violations = match name {
        Some(name) => Violations::new().with(parameter_violation(
            Location::Path(name.to_owned()),
            type_name,
            &reason,
        )),
        None => Violations::new(),
    };
    Rejection::InvalidPath { reason, violations }
}

/// `INVALID_QUERY` for the parameter `name` (when known), whose parser
/// said `message`; `reason` is the whole explanation.
pub(crate) fn invalid_query(name: Option<&str>, message: &str, reason: String) -> Rejection {
    let name = name
        .filter(|name| !name.is_empty())
        .or_else(|| named_in(message));
    let violations = match name {
        Some(name) => Violations::new().with(parameter_violation(
            Location::Query(name.to_owned()),
            None,
            message,
        )),
        None => Violations::new(),
    };
    Rejection::InvalidQuery { reason, violations }
}

/// The member serde's message names: ``missing field `limit` ``,
/// ``unknown field `x`, expected …``.
fn named_in(message: &str) -> Option<&str> {
    let rest = message
        .strip_prefix("missing field `")
        .or_else(|| message.strip_prefix("unknown field `"))?;
    rest.split_once('`').map(|(name, _)| name)
}

/// The query string `query` as a `T`, or `INVALID_QUERY` naming the
/// parameter that failed: serde's path to it, kept while reading.
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) fn query<T: serde::de::DeserializeOwned>(query: &str) -> Result<T, Rejection> {
    let deserializer =
        serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(deserializer).map_err(|error| query_error(&error))
}

/// `INVALID_QUERY` for a query string `serde_urlencoded` failed on at
/// `error.path()`.
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) fn query_error(
    error: &serde_path_to_error::Error<serde_urlencoded::de::Error>,
) -> Rejection {
    let name = error.path().iter().find_map(|segment| match segment {
        serde_path_to_error::Segment::Map { key } => Some(key.as_str()),
        _ => None,
    });
    invalid_query(name, &error.inner().to_string(), error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ApiError as _;

    #[test]
    fn categories() {
        for body in ["{\"content\":", "{\"content\" 1}"] {
            let error = serde_json::from_str::<serde_json::Value>(body).unwrap_err();
            let rejection = json(error.classify(), error.to_string());
            assert_eq!(rejection.code(), "MALFORMED_JSON", "{body}");
        }
        let error = serde_json::from_str::<(u8,)>("[\"x\"]").unwrap_err();
        let rejection = json(error.classify(), error.to_string());
        assert_eq!(rejection.code(), "INVALID_BODY");
        assert_eq!(json(Category::Io, String::new()).code(), "BODY_UNREADABLE");
    }

    #[test]
    fn parameters_are_named_with_pydantic_codes() {
        let violation = |rejection: &Rejection| {
            let v = rejection
                .violations()
                .and_then(|v| v.iter().next())
                .cloned();
            v.map(|v| {
                (
                    v.location().to_loc(),
                    v.code().to_owned(),
                    v.message().to_owned(),
                )
            })
        };
        let path = invalid_path(
            Some("id"),
            Some("u64"),
            "Cannot parse `abc` to a `u64`".into(),
        );
        assert_eq!(
            violation(&path),
            Some((
                vec!["path".into(), "id".into()],
                "int_parsing".into(),
                INT_PARSING.1.into()
            ))
        );
        let unnamed = invalid_path(None, Some("u64"), "Cannot parse".into());
        assert!(unnamed.violations().unwrap().is_empty());
        let missing = invalid_query(
            None,
            "missing field `limit`",
            "missing field `limit`".into(),
        );
        assert_eq!(
            violation(&missing),
            Some((
                vec!["query".into(), "limit".into()],
                "missing".into(),
                "Field required".into()
            ))
        );
        let custom = invalid_query(
            Some("sort"),
            "unknown variant `x`",
            "sort: unknown variant `x`".into(),
        );
        assert_eq!(violation(&custom).unwrap().1, "value_error");
        assert_eq!(
            parse_error_of_type("core::primitive::f32"),
            Some(FLOAT_PARSING)
        );
    }

    #[cfg(any(feature = "axum", feature = "actix-web"))]
    #[test]
    fn query_names_the_parameter() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Page {
            limit: u32,
            sort: Option<String>,
        }
        let rejection = query::<Page>("sort=name&limit=ten").unwrap_err();
        let Rejection::InvalidQuery { reason, violations } = &rejection else {
            panic!("{rejection:?}");
        };
        assert_eq!(reason, "limit: invalid digit found in string");
        let only = violations.iter().next().unwrap();
        assert_eq!(only.location(), &Location::Query("limit".into()));
        assert_eq!(only.code(), "int_parsing");
        let rejection = query::<Page>("sort=name").unwrap_err();
        let only = rejection
            .violations()
            .unwrap()
            .iter()
            .next()
            .unwrap()
            .clone();
        assert_eq!(only.location(), &Location::Query("limit".into()));
        assert_eq!(only.code(), "missing");
    }
}
