//! The framework's own errors, with stable codes.

use std::error::Error;

use crate::violations::{Pointer, codes, json};
use crate::{ApiError, Violation, Violations};

/// Requests the web framework rejects before a handler runs.
///
/// A malformed JSON body, a bad path parameter or query string, an unknown
/// route, a wrong method: each has a stable code, documented here and in
/// the catalog of every type that nests it.
///
/// The framework integrations (`errbook::axum`, `errbook::actix`) turn the
/// framework's rejections into a `Rejection`, then into your error type
/// with `From`, so they reach clients in your envelope. The shortest way is
/// to nest it in a `transparent` variant, which implements that `From`,
/// documents its codes in your catalog and checks them against yours for
/// duplicates:
///
/// ```
/// use errbook::{ApiError, Rejection};
///
/// #[derive(Debug, ApiError)]
/// #[api(format = problem)]
/// enum AppError {
///     #[api(code = "USER_NOT_FOUND", status = 404, message = "User not found.")]
///     UserNotFound,
///     #[api(transparent)]
///     Rejected(Rejection),
/// }
///
/// let err = AppError::from(Rejection::malformed_json("EOF while parsing an object at line 1 column 9"));
/// assert_eq!(err.code(), "MALFORMED_JSON");
/// assert_eq!(err.status(), 400);
/// assert!(AppError::catalog().iter().any(|entry| entry.code() == "METHOD_NOT_ALLOWED"));
/// ```
///
/// | code | status | when |
/// |---|---|---|
/// | `MALFORMED_JSON` | 400 | the body is not JSON (a syntax error, or it ends too soon) |
/// | `INVALID_BODY` | 422 | the body is JSON of the wrong shape (a missing field, a wrong type) |
/// | `UNSUPPORTED_MEDIA_TYPE` | 415 | the `content-type` is missing or not JSON |
/// | `PAYLOAD_TOO_LARGE` | 413 | the body is larger than the server accepts |
/// | `BODY_UNREADABLE` | 400 | the body could not be read |
/// | `INVALID_PATH` | 400 | a path parameter could not be parsed |
/// | `INVALID_QUERY` | 400 | the query string could not be parsed |
/// | `ROUTE_NOT_FOUND` | 404 | no route matches the path |
/// | `METHOD_NOT_ALLOWED` | 405 | the route exists, not for this method |
/// | `INTERNAL_ERROR` | 500 | the server is misconfigured (a missing extension, a path extractor on a route without parameters); the cause is logged, never sent |
///
/// These are errbook's codes. An API with codes of another style gives them
/// its own where it nests `Rejection`: `prefix` and `rename_all` on the
/// `transparent` variant rename every code (re-cased from its words, then
/// prefixed), `codes(…)` names the code of a variant outright. The renamed
/// codes are the type's only ones: in its bodies, its catalog, its OpenAPI
/// document, its uniqueness check and its decoder, which reads them back
/// into these variants.
///
/// ```
/// use errbook::{ApiError, Rejection};
///
/// #[derive(Debug, ApiError)]
/// #[api(prefix = "bookmark:", rename_all = "snake_case", parse)]
/// enum BookmarkError {
///     #[api(status = 404)]
///     NotFound,
///     #[api(transparent, prefix = "app:", rename_all = "snake_case", codes(RouteNotFound = "app:no_such_route"))]
///     Rejected(Rejection),
/// }
///
/// let err = BookmarkError::Rejected(Rejection::PayloadTooLarge);
/// assert_eq!(err.code(), "app:payload_too_large");
/// assert_eq!(err.status(), 413);
/// assert_eq!(BookmarkError::Rejected(Rejection::RouteNotFound).code(), "app:no_such_route");
/// let back = BookmarkError::from_response(&err.to_response()).unwrap();
/// assert!(matches!(back, BookmarkError::Rejected(Rejection::PayloadTooLarge)));
/// ```
///
/// `Rejection` is `Display` (its public message) and `std::error::Error`, so
/// it can also be the rejection type itself, in the nested format.
///
/// `reason` is the parser's own explanation (`missing field `name` at line
/// 1 column 2`): it describes the client's input, so it is public.
///
/// `MALFORMED_JSON`, `INVALID_BODY`, `INVALID_PATH` and `INVALID_QUERY`
/// also carry [`Violations`]: what was wrong, member by member (each at
/// its RFC 6901 pointer in the body) or parameter by parameter (by name),
/// which every format writes in its own shape (problem+json's `errors`,
/// FastAPI's `detail` list, Google's `BadRequest`, a `violations` member).
/// The extractors of `errbook::axum` and `errbook::actix` report every
/// problem of a body they can find in one rejection; see
/// [`violations::json`](crate::violations::json).
#[derive(Debug, ApiError)]
#[api(parse, display)]
#[non_exhaustive]
pub enum Rejection {
    /// The request body is not valid JSON.
    #[api(
        code = "MALFORMED_JSON",
        status = 400,
        message = "The request body is not valid JSON."
    )]
    MalformedJson {
        /// What the JSON parser found.
        #[api(field)]
        reason: String,
        /// One violation at the body itself (`json_invalid`), with the
        /// parser's explanation.
        #[api(violations)]
        violations: Violations,
    },
    /// The request body is JSON, but not of the expected shape.
    #[api(
        code = "INVALID_BODY",
        status = 422,
        message = "The request body does not have the expected shape."
    )]
    InvalidBody {
        /// The first missing field or wrong type, as the parser explains it.
        #[api(field)]
        reason: String,
        /// Every problem found, each at its member's pointer.
        #[api(violations)]
        violations: Violations,
    },
    /// The request has no JSON `content-type`.
    #[api(
        code = "UNSUPPORTED_MEDIA_TYPE",
        status = 415,
        message = "Expected a request with `Content-Type: application/json`."
    )]
    UnsupportedMediaType,
    /// The request body is larger than the server accepts.
    #[api(
        code = "PAYLOAD_TOO_LARGE",
        status = 413,
        message = "The request body is too large."
    )]
    PayloadTooLarge,
    /// The request body could not be read.
    #[api(
        code = "BODY_UNREADABLE",
        status = 400,
        message = "The request body could not be read."
    )]
    BodyUnreadable,
    /// A path parameter could not be parsed.
    #[api(
        code = "INVALID_PATH",
        status = 400,
        message = "A path parameter is invalid."
    )]
    InvalidPath {
        /// Which parameter, and why.
        #[api(field)]
        reason: String,
        /// The parameter, by name, when the framework tells it.
        #[api(violations)]
        violations: Violations,
    },
    /// The query string could not be parsed.
    #[api(
        code = "INVALID_QUERY",
        status = 400,
        message = "The query string is invalid."
    )]
    InvalidQuery {
        /// Which parameter, and why.
        #[api(field)]
        reason: String,
        /// The parameter, by name, when the parser tells it.
        #[api(violations)]
        violations: Violations,
    },
    /// No route matches the request's path.
    #[api(
        code = "ROUTE_NOT_FOUND",
        status = 404,
        message = "No route matches this path."
    )]
    RouteNotFound,
    /// A route matches the path, but not the request's method.
    #[api(
        code = "METHOD_NOT_ALLOWED",
        status = 405,
        message = "This method is not allowed on this path."
    )]
    MethodNotAllowed,
    /// The server is misconfigured for this request.
    #[api(
        code = "INTERNAL_ERROR",
        status = 500,
        message = "Internal server error.",
        skip_parse
    )]
    Internal {
        /// The framework's explanation; logged, never sent.
        #[api(source)]
        source: Box<dyn Error + Send + Sync>,
    },
}

impl Error for Rejection {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.source_error()
    }
}

impl Rejection {
    /// A [`MalformedJson`](Rejection::MalformedJson) rejection: `reason`,
    /// and one violation at the body itself, code `json_invalid`, with
    /// `reason` as its message.
    pub fn malformed_json(reason: impl Into<String>) -> Self {
        let reason = reason.into();
        let violation = Violation::body(Pointer::root(), codes::JSON_INVALID, reason.clone());
        Rejection::MalformedJson {
            reason,
            violations: Violations::new().with(violation),
        }
    }

    /// A JSON `body` as a `T`, or the rejection of everything wrong with
    /// it: [`json::Reader::read`] with its defaults, as a `Rejection`.
    ///
    /// ```
    /// use errbook::{ApiError, Rejection};
    ///
    /// #[derive(Debug, serde::Deserialize)]
    /// struct NewUser { name: String, age: u8 }
    ///
    /// let rejection = Rejection::read_json::<NewUser>(br#"{"name": 7, "age": "x"}"#).unwrap_err();
    /// assert_eq!(rejection.code(), "INVALID_BODY");
    /// assert_eq!(rejection.violations().map(|v| v.len()), Some(2));
    /// ```
    pub fn read_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Self> {
        json::from_slice(body).map_err(Rejection::from)
    }

    /// The violations, taken out of a rejection that carries some
    /// (`MALFORMED_JSON`, `INVALID_BODY`, `INVALID_PATH` or `INVALID_QUERY`
    /// with at least one); the rejection itself otherwise. For a type that answers every
    /// problem of a request with a variant of its own: see the README's
    /// "Violations from the framework".
    pub fn into_violations(self) -> Result<Violations, Self> {
        match self {
            Rejection::MalformedJson { violations, .. }
            | Rejection::InvalidBody { violations, .. }
            | Rejection::InvalidPath { violations, .. }
            | Rejection::InvalidQuery { violations, .. }
                if !violations.is_empty() =>
            {
                Ok(violations)
            }
            other => Err(other),
        }
    }

    /// An [`Internal`](Rejection::Internal) rejection caused by `source`.
    pub fn internal(source: impl Into<Box<dyn Error + Send + Sync>>) -> Self {
        Rejection::Internal {
            source: source.into(),
        }
    }
}
