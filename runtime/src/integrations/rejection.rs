//! What the web frameworks' JSON extractors share: how a body `serde_json`
//! could not read becomes a [`Rejection`].

use serde_json::error::Category;

use crate::Rejection;

/// A JSON request body `serde_json` failed on, by its error category:
/// `MALFORMED_JSON` for a syntax error or a body that ends too soon,
/// `INVALID_BODY` for JSON of the wrong shape (each with `reason`, the
/// parser's explanation of the client's input), `BODY_UNREADABLE` when
/// reading failed.
pub(crate) fn json(category: Category, reason: String) -> Rejection {
    match category {
        Category::Syntax | Category::Eof => Rejection::MalformedJson { reason },
        Category::Data => Rejection::InvalidBody { reason },
        Category::Io => Rejection::BodyUnreadable,
    }
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
}
