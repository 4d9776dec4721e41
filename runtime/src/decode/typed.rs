//! A response into a [`Parse`] type: the body read in its format, a code
//! that is a documentation URL taken back to its code, and whatever the
//! format cannot read handed to the type's `other` variant.

use http::{HeaderMap, StatusCode};

use super::{DecodeError, DecodeErrorKind, RawError, Unread};
use crate::{Format, Parse};

/// What [`Parse::from_parts_as`] does.
#[inline]
pub(crate) fn from_parts_as<T: Parse, F: Format + ?Sized>(
    format: &F,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<T, DecodeError> {
    if !may_be_json(body) && body.len() <= super::MAX_BODY {
        return not_json::<T, F>(format, status, headers, body);
    }
    // Read in place: the raw error is built once, where it is used.
    let mut raw = RawError::unreadable(F::NAME, status, body, true);
    if let Err(unread) = raw.read_body(format, headers, body) {
        return unreadable::<T>(unread, F::NAME, status, body);
    }
    if let Some(documented) = documented_code::<T>(&raw) {
        raw.set_documented(documented);
    }
    match T::from_raw(&raw) {
        Ok(Some(value)) => Ok(value),
        Ok(None) => Err(DecodeError::new(
            DecodeErrorKind::UnknownCode {
                code: raw.code().map(|c| c.to_string()).unwrap_or_default(),
            },
            status,
            body,
        )),
        Err(kind) => Err(DecodeError::new(kind, status, body)),
    }
}

/// Whether `body` may be JSON: its first byte after whitespace may start a
/// JSON value. A body that may not skips the parse (and the parser's
/// message) on its way to `other`.
#[inline]
fn may_be_json(body: &[u8]) -> bool {
    match body
        .iter()
        .find(|byte| !matches!(byte, b' ' | b'\t' | b'\n' | b'\r'))
    {
        Some(first) => matches!(
            first,
            b'{' | b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n'
        ),
        None => false,
    }
}

/// The code whose documentation URL the body's code is, when the body's
/// code looks like a URL (it has `://` or is an absolute path) and is none
/// of the type's own codes; `None` for every other code, at the cost of a
/// substring search.
#[inline]
fn documented_code<T: Parse>(raw: &RawError<'_>) -> Option<super::type_uri::Documented> {
    let Some(crate::Code::Str(uri)) = raw.code() else {
        return None;
    };
    if !looks_like_url(uri) {
        return None;
    }
    super::type_uri::documented(T::catalog(), uri)
}

/// Whether `code` has `://` or starts with `/`: a scan for a colon eight
/// bytes at a time, where `str::contains` sets up a substring searcher
/// for every code.
#[inline]
fn looks_like_url(code: &str) -> bool {
    let bytes = code.as_bytes();
    bytes.first() == Some(&b'/')
        || (has_colon(bytes)
            && bytes
                .windows(3)
                .any(|three| three[0] == b':' && three[1] == b'/' && three[2] == b'/'))
}

/// Whether `bytes` has a `:`.
#[inline]
fn has_colon(bytes: &[u8]) -> bool {
    super::type_uri::find_byte(bytes, b':').is_some()
}

/// A body that is not JSON: the `other` variant keeping its text, or the
/// decode error reading it makes.
#[cold]
fn not_json<T: Parse, F: Format + ?Sized>(
    format: &F,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<T, DecodeError> {
    match T::from_raw(&RawError::unreadable(F::NAME, status, body, false)) {
        Ok(Some(value)) => Ok(value),
        Ok(None) | Err(_) => match RawError::read(format, status, headers, body) {
            Err(err) => Err(err),
            // Not reached: a body that may not be JSON is not read.
            Ok(_) => Err(DecodeError::new(
                DecodeErrorKind::NotJson {
                    reason: "the body is not JSON".to_owned(),
                },
                status,
                body,
            )),
        },
    }
}

/// A body the format cannot read: the `other` variant keeping it (its JSON,
/// or its text when it is not JSON), or `err`. A body too large to read
/// and a format that cannot decode stay errors.
#[cold]
fn unreadable<T: Parse>(
    Unread { kind: err, json }: Unread,
    format: &'static str,
    status: StatusCode,
    body: &[u8],
) -> Result<T, DecodeError> {
    let json = match err {
        DecodeErrorKind::TooLarge { .. } | DecodeErrorKind::Unsupported { .. } => {
            return Err(DecodeError::new(err, status, body));
        }
        DecodeErrorKind::NotJson { .. } => false,
        // The wrong shape may be found before the whole body is read; the
        // built-in formats say when it was not.
        DecodeErrorKind::Shape { .. } => {
            json || serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok()
        }
        _ => true,
    };
    match T::from_raw(&RawError::unreadable(format, status, body, json)) {
        Ok(Some(value)) => Ok(value),
        Ok(None) | Err(_) => Err(DecodeError::new(err, status, body)),
    }
}

#[cfg(test)]
mod tests {
    use super::{has_colon, looks_like_url};

    #[test]
    fn finds_urls_and_colons_at_any_offset() {
        for len in 0..40 {
            for at in 0..len {
                let mut text = vec![b'x'; len];
                text[at] = b':';
                let text = String::from_utf8(text).unwrap();
                assert!(has_colon(text.as_bytes()), "{text}");
                assert!(!looks_like_url(&text), "{text}");
                let url = format!("{}://{}", &text[..at], &text[at + 1..]);
                assert!(looks_like_url(&url), "{url}");
            }
            let plain = "y".repeat(len);
            assert!(!has_colon(plain.as_bytes()));
            assert!(!looks_like_url(&plain));
        }
        for (code, url) in [
            ("/probs/x", true),
            ("https://example.com/probs/x", true),
            ("urn:x", false),
            ("a:/b", false),
            (":/", false),
            ("://", true),
            ("é://", true),
            ("", false),
            ("x/", false),
        ] {
            assert_eq!(looks_like_url(code), url, "{code}");
        }
    }
}
