//! [`Unknown`]: an error the client has no variant for, kept whole, and
//! rendered back as it was received.

use core::fmt;

use http::StatusCode;
use serde_json::{Map, Value};

use super::{RawCode, RawError};
use crate::{ApiError, Code, FieldVisitor};

/// An error whose code the client does not know, or a body it could not
/// read as its format: the `#[api(other)]` variant's field.
///
/// It keeps what the format could read, the code (string or integer), the
/// message, the status and every extra member, and the body itself: the
/// JSON as received ([`json`](Unknown::json)), or the text of a body that
/// is not JSON ([`text`](Unknown::text)).
///
/// Rendered in the format it was read in, an unknown error is that body
/// again, member for member: nothing added (no request id, no development
/// details), nothing substituted (a problem's `type` and `title` stay
/// theirs), nothing dropped; a body that was not JSON goes back as its
/// text, `text/plain`. Rendered in another format, or made with
/// [`Unknown::new`], it is that format's body of its code, message, status
/// and members.
///
/// ```
/// use errbook::{ApiError, Unknown};
/// use errbook::http::{HeaderMap, StatusCode};
///
/// #[derive(Debug, ApiError)]
/// #[api(parse, format = problem)]
/// enum AccountError {
///     #[api(code = "LOCKED", status = 423, message = "The account is locked.")]
///     Locked,
///     #[api(other)]
///     Other(Unknown),
/// }
///
/// // RFC 9457's validation error: no `code`, a `type` this client does not know.
/// let body = br##"{"type":"https://example.net/validation-error","title":"Your request is not valid.","errors":[{"detail":"must be a positive integer","pointer":"#/age"}]}"##;
/// let err = AccountError::from_parts(StatusCode::UNPROCESSABLE_ENTITY, &HeaderMap::new(), body).unwrap();
/// let AccountError::Other(unknown) = &err else { panic!("not a known code") };
/// assert_eq!(unknown.code(), "https://example.net/validation-error");
/// assert_eq!(unknown.members()["errors"][0]["pointer"], "#/age");
/// // Rendered back: the same members, the same bytes.
/// assert_eq!(err.to_response().body().as_slice(), body);
///
/// // A body that is not JSON at all keeps its text.
/// let err = AccountError::from_parts(StatusCode::INTERNAL_SERVER_ERROR, &HeaderMap::new(), b"Internal Server Error").unwrap();
/// assert_eq!(err.unknown().and_then(Unknown::text), Some("Internal Server Error"));
/// ```
#[derive(Clone, Debug)]
pub struct Unknown {
    code: Option<RawCode<'static>>,
    message: Option<String>,
    status: StatusCode,
    members: Map<String, Value>,
    /// Boxed: an error type holding an `Unknown` stays small.
    received: Option<Box<Received>>,
}

/// The body an unknown error was read from, and the format it was read in.
#[derive(Clone, Debug)]
struct Received {
    /// The format's [`NAME`](crate::Format::NAME).
    format: &'static str,
    body: Body,
}

#[derive(Clone, Debug)]
enum Body {
    /// The JSON value's exact text.
    Json(String),
    /// A body that is not JSON, as text.
    Text(String),
}

impl Unknown {
    /// The unknown error `raw` carries: its parts, and the body it was
    /// read from when [`RawError::read`] read it.
    pub fn from_raw(raw: &RawError<'_>) -> Self {
        let parts = raw.parts();
        // Every member kept as JSON: the one place the decoder builds
        // values, for codes the client does not know. Of a repeated name
        // the first counts (the first a `Value` holds: one past `f64`'s
        // range, such as `1e400`, is left out), as for the code, the
        // message and a known variant's fields.
        let mut members = Map::new();
        for (name, raw) in parts.members.iter() {
            if members.contains_key(name) {
                continue;
            }
            if let Ok(value) = serde_json::from_str::<Value>(raw.get()) {
                members.insert(name.to_owned(), value);
            }
        }
        let received = raw.received().map(|(format, body, json)| {
            Box::new(Received {
                format,
                body: match core::str::from_utf8(body) {
                    Ok(text) if json => {
                        Body::Json(text.trim_matches([' ', '\t', '\n', '\r']).to_owned())
                    }
                    Ok(text) => Body::Text(text.to_owned()),
                    Err(_) => Body::Text(String::from_utf8_lossy(body).into_owned()),
                },
            })
        });
        Unknown {
            code: parts.code.clone().map(RawCode::into_owned),
            message: parts.message.as_deref().map(str::to_owned),
            status: raw.status(),
            members,
            received,
        }
    }

    /// An unknown error made of its parts: rendered in any format, it is
    /// that format's body of these parts.
    pub fn new(
        code: Option<RawCode<'static>>,
        message: Option<String>,
        status: StatusCode,
        members: Map<String, Value>,
    ) -> Self {
        Unknown {
            code,
            message,
            status,
            members,
            received: None,
        }
    }

    /// The extra members (those that are not the format's own), as
    /// received. A body of another shape than its format's has none: its
    /// whole [`json`](Unknown::json) is kept instead.
    pub fn members(&self) -> &Map<String, Value> {
        &self.members
    }

    /// The message as received (`None` when the body had none).
    pub fn raw_message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The body it was read from, when that was JSON: the JSON value's
    /// exact text (without the whitespace around it), every member of
    /// every object in the order received. `None` for an unknown error
    /// made with [`Unknown::new`].
    pub fn json(&self) -> Option<&str> {
        match self.received.as_deref() {
            Some(Received {
                body: Body::Json(json),
                ..
            }) => Some(json),
            _ => None,
        }
    }

    /// The body it was read from, when that was not JSON (an HTML page
    /// from a proxy, a `text/plain` error), as text; invalid UTF-8 is
    /// replaced with U+FFFD.
    pub fn text(&self) -> Option<&str> {
        match self.received.as_deref() {
            Some(Received {
                body: Body::Text(text),
                ..
            }) => Some(text),
            _ => None,
        }
    }

    /// The name ([`Format::NAME`](crate::Format::NAME)) of the format its
    /// body was read in: rendered in that format, it is the body as
    /// received.
    pub fn read_in(&self) -> Option<&'static str> {
        self.received.as_ref().map(|received| received.format)
    }

    /// The JSON received, when rendering in the format `format` (its name).
    #[inline]
    pub(crate) fn json_in(&self, format: &str) -> Option<&str> {
        self.json().filter(|_| self.read_in() == Some(format))
    }

    /// The text received, when rendering in the format `format` (its name).
    #[inline]
    pub(crate) fn text_in(&self, format: &str) -> Option<&str> {
        self.text().filter(|_| self.read_in() == Some(format))
    }
}

/// Two unknown errors are equal when their code, message, status and
/// members are: the body each was read from is how it travelled, not what
/// it says, so an unknown error decoded from a body equals one made with
/// [`Unknown::new`] of the same parts.
impl PartialEq for Unknown {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
            && self.message == other.message
            && self.status == other.status
            && self.members == other.members
    }
}

impl ApiError for Unknown {
    type Format = crate::format::Nested;

    fn code(&self) -> Code<'_> {
        self.code.as_ref().map_or(Code::Str(""), RawCode::as_code)
    }

    /// The status as received when it is an error status; any other (a
    /// 1xx, 2xx or 3xx response decoded as an error) is 500, as for a
    /// `#[api(status)]` field, so an `Unknown` never renders as a success.
    /// [`Received::status`](crate::Received::status) keeps the status as
    /// received.
    fn status(&self) -> StatusCode {
        crate::__private::runtime_status(self.status)
    }

    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.message {
            Some(message) => f.write_str(message),
            None => f.write_str(crate::__private::reason(self.status)),
        }
    }

    fn visit_fields<V: FieldVisitor + ?Sized>(&self, visitor: &mut V) -> Result<(), V::Error> {
        for (name, value) in &self.members {
            visitor.visit(name, value)?;
        }
        Ok(())
    }

    fn unknown(&self) -> Option<&Unknown> {
        Some(self)
    }
}
