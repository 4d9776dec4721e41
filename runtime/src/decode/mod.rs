//! Reading an error response back into its parts, whatever the format: the
//! layer under the `#[api(parse)]` decoder.
//!
//! [`RawError::read`] takes a status, headers and body and returns the code,
//! message, extra members and `Retry-After` delay the body carries, or a
//! [`DecodeError`] that says what was wrong and keeps the raw body. It never
//! panics, whatever the bytes.
//!
//! ```
//! use errbook::decode::RawError;
//! use errbook::format::Matrix;
//! use errbook::http::{HeaderMap, StatusCode};
//!
//! let body = br#"{"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests","retry_after_ms":2000}"#;
//! let raw = RawError::read(Matrix, StatusCode::TOO_MANY_REQUESTS, &HeaderMap::new(), body).unwrap();
//! assert_eq!(raw.code().unwrap(), "M_LIMIT_EXCEEDED");
//! assert_eq!(raw.message(), Some("Too many requests"));
//! assert_eq!(raw.member::<u64>("retry_after_ms").unwrap(), 2000);
//! assert_eq!(raw.member_raw("retry_after_ms").unwrap().get(), "2000");
//!
//! let err = RawError::read(Matrix, StatusCode::BAD_GATEWAY, &HeaderMap::new(), b"<html>Bad gateway</html>").unwrap_err();
//! assert!(err.to_string().starts_with("the body is not JSON"));
//! assert_eq!(err.body(), b"<html>Bad gateway</html>");
//! ```
//!
//! A body is read in a single pass: the code and the message are borrowed
//! from it (copied only when they hold escapes), and every other member is
//! kept as its borrowed raw JSON text in [`Members`], read into a field's
//! type only when asked for.
//!
//! [`Received`] is a decoded error with what the server said beside it: the
//! response's request id and its message text, as received.

mod member;
mod members;
mod pass;
mod raw;
mod received;
mod scan;
mod type_uri;
pub(crate) mod typed;
mod unknown;

use core::fmt;
use core::time::Duration;
use std::borrow::Cow;
use std::time::SystemTime;

use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::catalog::Table;
use crate::{Code, Format};

pub use members::Members;
pub(crate) use pass::{
    Dynamic, Found, Key, Names, ReadScalar, Scalar, body_text, read_code, read_message, sort,
    sort_by, sort_with, unquote,
};
pub use raw::{Layout, Parts, RawCode};
pub use received::Received;
pub(crate) use type_uri::Split;
pub use type_uri::code_of_type;
pub use unknown::Unknown;

/// The largest body [`RawError::read`] parses: 1 MiB. An error body is a few
/// hundred bytes; anything larger is refused before parsing.
pub const MAX_BODY: usize = 1 << 20;

/// The most of a body a [`DecodeError`] keeps, for logs: its first 16 KiB.
pub const KEPT_BODY: usize = 16 << 10;

/// An error response read back: status, code, message, members and the
/// `Retry-After` header's delay. It borrows from the body: members are read
/// into field types only when asked for, each from its own slice.
#[derive(Clone, Debug)]
pub struct RawError<'a> {
    status: StatusCode,
    parts: Parts<'a>,
    retry_after: Option<Duration>,
    read: Option<ReadBody<'a>>,
    /// The table and index of the first entry that answers to the code,
    /// when a search for a type URI's code found it already.
    entry: Option<(&'static Table, usize)>,
}

/// The body a raw error was read from, for [`Unknown`] to keep.
#[derive(Clone, Copy, Debug)]
struct ReadBody<'a> {
    /// The format's name.
    format: &'static str,
    body: &'a [u8],
    /// Whether the body is JSON.
    json: bool,
}

impl<'a> RawError<'a> {
    /// Reads `body` in `format`. The body is refused above [`MAX_BODY`];
    /// anything that is not a body of the format is a [`DecodeError`] that
    /// keeps the bytes.
    pub fn read<F: Format>(
        format: F,
        status: StatusCode,
        headers: &HeaderMap,
        body: &'a [u8],
    ) -> Result<RawError<'a>, DecodeError> {
        let mut raw = RawError::unreadable(F::NAME, status, body, true);
        match raw.read_body(&format, headers, body) {
            Ok(()) => Ok(raw),
            Err(unread) => Err(DecodeError::new(unread.kind, status, body)),
        }
    }

    /// Reads `body` into the parts of a raw error made with
    /// [`unreadable`](RawError::unreadable) for it (`json` true), and the
    /// `Retry-After` header's delay: [`read`](RawError::read) in place.
    #[inline]
    pub(crate) fn read_body<F: Format + ?Sized>(
        &mut self,
        format: &F,
        headers: &HeaderMap,
        body: &'a [u8],
    ) -> Result<(), Unread> {
        if body.len() > MAX_BODY {
            return Err(Unread::from(DecodeErrorKind::TooLarge {
                len: body.len(),
                limit: MAX_BODY,
            }));
        }
        format.decode_into(body, &mut self.parts)?;
        if !headers.is_empty() && headers.contains_key(http::header::RETRY_AFTER) {
            self.retry_after = retry_after(headers, SystemTime::now());
        }
        Ok(())
    }

    /// A raw error made of its parts, as a format of your own or a test
    /// builds one.
    pub fn new(status: StatusCode, parts: Parts<'a>, retry_after: Option<Duration>) -> Self {
        RawError {
            status,
            parts,
            retry_after,
            read: None,
            entry: None,
        }
    }

    /// A body the format `format` (its name) could not read: no parts,
    /// the body kept for [`Unknown`]; `json` when it is JSON of another
    /// shape.
    #[inline]
    pub(crate) fn unreadable(
        format: &'static str,
        status: StatusCode,
        body: &'a [u8],
        json: bool,
    ) -> Self {
        RawError {
            status,
            parts: Parts::default(),
            retry_after: None,
            read: Some(ReadBody { format, body, json }),
            entry: None,
        }
    }

    /// Replaces the code (and forgets where its entry was found).
    pub(crate) fn set_code(&mut self, code: Code<'static>) {
        self.parts.code = Some(RawCode::from(code));
        self.entry = None;
    }

    /// Replaces the code (a type URI) with the code it documents, and
    /// keeps where its entry was found.
    #[allow(clippy::inline_always)]
    #[inline(always)]
    pub(crate) fn set_documented(&mut self, documented: type_uri::Documented) {
        let type_uri::Documented { code, entry } = documented;
        // The URI's text is the entry's code: borrowed from the body, as
        // the URI is (unless it has escapes).
        if let type_uri::Known::Text(range) = &code
            && let Some(RawCode::Str(Cow::Borrowed(uri))) = &mut self.parts.code
            && let Some(text) = uri.get(range.clone())
        {
            *uri = text;
            self.entry = entry;
            return;
        }
        let code = match code {
            type_uri::Known::Code(code) => Some(code),
            type_uri::Known::Text(_) => entry
                .and_then(|(table, index)| crate::catalog::table_entry(table, index))
                .map(crate::catalog::Entry::code),
        };
        if let Some(code) = code {
            self.set_code(code);
            self.entry = entry;
        }
    }

    /// The index in `table` of the first entry that answers to the code,
    /// when it was found already.
    #[inline]
    pub(crate) fn entry_in(&self, table: &Table) -> Option<usize> {
        let (found, index) = self.entry?;
        found.same_codes(table).then_some(index)
    }

    /// The format's name, the body and whether it is JSON, when the raw
    /// error was read from a body.
    pub(crate) fn received(&self) -> Option<(&'static str, &'a [u8], bool)> {
        self.read
            .map(|received| (received.format, received.body, received.json))
    }

    /// The response's status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The code, when the format carries one.
    pub fn code(&self) -> Option<Code<'_>> {
        self.parts.code.as_ref().map(RawCode::as_code)
    }

    /// The message, when the body has one.
    pub fn message(&self) -> Option<&str> {
        self.parts.message.as_deref()
    }

    /// The members that are not the format's own, in the body's order.
    pub fn members(&self) -> impl Iterator<Item = (&str, &'a RawValue)> {
        self.parts.members.iter()
    }

    /// The raw JSON of the member `name`.
    pub fn member_raw(&self, name: &str) -> Option<&'a RawValue> {
        self.parts.members.get(name)
    }

    /// The parts read from the body.
    pub fn parts(&self) -> &Parts<'a> {
        &self.parts
    }

    /// The delay of the `Retry-After` header (seconds or an HTTP-date).
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// The member `name` as a `T`. A missing member reads as `null`, so an
    /// `Option` field is `None`. A member sent as a string whose text is
    /// JSON (Google's `metadata` values are all strings) is read from that
    /// text when the string itself does not fit `T`.
    pub fn member<T: DeserializeOwned>(&self, name: &str) -> Result<T, DecodeErrorKind> {
        let Some(raw) = self.member_raw(name) else {
            return serde_json::from_str("null").map_err(|_| DecodeErrorKind::MissingMember {
                name: name.to_owned(),
            });
        };
        member::read(raw.get()).map_err(|reason| DecodeErrorKind::Member {
            name: name.to_owned(),
            reason,
        })
    }

    /// The message as a `T` (for a field that is the whole message
    /// template); a missing message reads as an empty string.
    pub fn message_as<T: DeserializeOwned>(&self) -> Result<T, DecodeErrorKind> {
        let text = self.message().unwrap_or_default();
        T::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(text))
            .map_err(|err| DecodeErrorKind::Member {
                name: "message".to_owned(),
                reason: err.to_string(),
            })
    }
}

/// A body a format could not read, as the decoders see it: what was
/// wrong, and whether the whole body had been read as JSON when that was
/// found (a body of another shape then goes to `other` without being
/// parsed again to know it is JSON). What
/// [`Format::decode_into`](crate::Format::decode_into) returns.
#[doc(hidden)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unread {
    /// What was wrong.
    pub kind: DecodeErrorKind,
    /// Whether the whole body is known to be JSON.
    pub json: bool,
}

impl From<DecodeErrorKind> for Unread {
    #[inline]
    fn from(kind: DecodeErrorKind) -> Self {
        Unread { kind, json: false }
    }
}

/// What was wrong with a response that could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The body is larger than [`MAX_BODY`] (or the client's limit).
    TooLarge {
        /// The body's length: its `Content-Length`, or, for a body whose
        /// reading was stopped at the limit, the bytes read until then.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// The body is not JSON (an HTML page from a proxy, truncated bytes,
    /// nesting deeper than the parser allows).
    NotJson {
        /// The parser's message.
        reason: String,
    },
    /// The body is JSON but not in the expected format.
    Shape {
        /// The format's name.
        format: &'static str,
        /// What the format expects.
        expected: &'static str,
    },
    /// The body has no code where the format keeps it.
    MissingCode {
        /// The format's name.
        format: &'static str,
    },
    /// A member the variant needs is missing.
    MissingMember {
        /// The member's name.
        name: String,
    },
    /// A member has the wrong type.
    Member {
        /// The member's name.
        name: String,
        /// The deserializer's message.
        reason: String,
    },
    /// The code is not one of the type's, and the type has no `other`
    /// variant.
    UnknownCode {
        /// The code, as text (empty when the body had none).
        code: String,
    },
    /// The format cannot be read back.
    Unsupported {
        /// The format's name.
        format: &'static str,
    },
}

impl fmt::Display for DecodeErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeErrorKind::TooLarge { len, limit } => {
                write!(
                    f,
                    "the body is {len} bytes, more than the {limit} an error body may have"
                )
            }
            DecodeErrorKind::NotJson { reason } => write!(f, "the body is not JSON: {reason}"),
            DecodeErrorKind::Shape { format, expected } => {
                write!(f, "the body is not a {format} error: expected {expected}")
            }
            DecodeErrorKind::MissingCode { format } => {
                write!(f, "the {format} error body has no code")
            }
            DecodeErrorKind::MissingMember { name } => {
                write!(f, "the body has no member `{name}`")
            }
            DecodeErrorKind::Member { name, reason } => {
                write!(f, "member `{name}` has the wrong type: {reason}")
            }
            DecodeErrorKind::UnknownCode { code } => {
                write!(
                    f,
                    "unknown code `{code}` (the type has no `#[api(other)]` variant)"
                )
            }
            DecodeErrorKind::Unsupported { format } => {
                write!(f, "the {format} format cannot be decoded")
            }
        }
    }
}

/// A response that could not be decoded: what was wrong, the status, and the
/// start of the raw body (up to [`KEPT_BODY`] bytes), for logging.
#[derive(Clone, PartialEq, Eq)]
pub struct DecodeError {
    kind: DecodeErrorKind,
    status: StatusCode,
    body: Vec<u8>,
    body_len: usize,
}

impl DecodeError {
    /// `kind`, for a response of `status` with `body`, of which it keeps
    /// the first [`KEPT_BODY`] bytes.
    ///
    /// ```
    /// use errbook::decode::{DecodeError, DecodeErrorKind, KEPT_BODY};
    /// use errbook::http::StatusCode;
    ///
    /// let page = vec![b'x'; 3 * KEPT_BODY];
    /// let kind = DecodeErrorKind::NotJson { reason: "expected value".into() };
    /// let err = DecodeError::new(kind, StatusCode::BAD_GATEWAY, &page);
    /// assert_eq!(err.body(), &page[..KEPT_BODY]);
    /// assert_eq!(err.body_len(), 3 * KEPT_BODY);
    /// ```
    pub fn new(kind: DecodeErrorKind, status: StatusCode, body: &[u8]) -> Self {
        DecodeError {
            kind,
            status,
            body: body[..body.len().min(KEPT_BODY)].to_vec(),
            body_len: body.len(),
        }
    }

    /// What was wrong.
    pub fn kind(&self) -> &DecodeErrorKind {
        &self.kind
    }

    /// The response's status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The raw body as received, or its first [`KEPT_BODY`] bytes when it
    /// is longer.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The length of the body as received (for a client that stopped
    /// reading a body too large, what it read), of which
    /// [`body`](DecodeError::body) holds the start.
    pub fn body_len(&self) -> usize {
        self.body_len
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.kind, f)
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The body as text, cut, so a 1 MiB body does not flood a log line.
        let text = String::from_utf8_lossy(&self.body);
        let cut: String = text.chars().take(200).collect();
        f.debug_struct("DecodeError")
            .field("kind", &self.kind)
            .field("status", &self.status)
            .field("body", &cut)
            .field("body_len", &self.body_len)
            .finish()
    }
}

impl std::error::Error for DecodeError {}

/// The delay a `Retry-After` header asks for; see
/// [`retry_after::from_headers`](crate::retry_after::from_headers).
pub use crate::retry_after::from_headers as retry_after;
