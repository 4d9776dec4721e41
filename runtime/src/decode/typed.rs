//! A response into a [`Parse`] type: the body read in its format, a code
//! that is a documentation URL taken back to its code, and whatever the
//! format cannot read handed to the type's `other` variant.

use http::{HeaderMap, StatusCode};

use super::{DecodeError, DecodeErrorKind, RawError, code_of_type};
use crate::{Format, Parse};

/// What [`Parse::from_parts_as`] does.
#[inline]
pub(crate) fn from_parts_as<T: Parse, F: Format + ?Sized>(
    format: &F,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<T, DecodeError> {
    // The raw error is borrowed where `read` left it: it is a few hundred
    // bytes, not worth a move.
    match RawError::read(format, status, headers, body) {
        Ok(ref raw) => match T::from_raw(raw) {
            Ok(Some(value)) if value.unknown().is_none() => Ok(value),
            Ok(found) => unknown_code(raw, found, body),
            Err(kind) => Err(DecodeError::new(kind, status, body)),
        },
        Err(err) => unreadable::<T>(err, F::NAME, status, body),
    }
}

/// A code that is none of the type's: the code whose documentation URL it
/// is, or `found` (the `other` variant, or an unknown-code error).
#[cold]
fn unknown_code<T: Parse>(
    raw: &RawError<'_>,
    found: Option<T>,
    body: &[u8],
) -> Result<T, DecodeError> {
    let status = raw.status();
    let code = raw.code();
    if let Some(code) = code
        .and_then(|code| code.as_str().map(|uri| code_of_type(T::catalog(), uri)))
        .flatten()
    {
        match T::from_raw(&raw.with_code(code)) {
            Ok(Some(value)) => return Ok(value),
            Ok(None) => {}
            Err(kind) => return Err(DecodeError::new(kind, status, body)),
        }
    }
    found.ok_or_else(|| {
        DecodeError::new(
            DecodeErrorKind::UnknownCode {
                code: code.map(|c| c.to_string()).unwrap_or_default(),
            },
            status,
            body,
        )
    })
}

/// A body the format cannot read: the `other` variant keeping it (its JSON,
/// or its text when it is not JSON), or `err`. A body too large to read
/// and a format that cannot decode stay errors.
#[cold]
fn unreadable<T: Parse>(
    err: DecodeError,
    format: &'static str,
    status: StatusCode,
    body: &[u8],
) -> Result<T, DecodeError> {
    let json = match err.kind() {
        DecodeErrorKind::TooLarge { .. } | DecodeErrorKind::Unsupported { .. } => return Err(err),
        DecodeErrorKind::NotJson { .. } => false,
        _ => true,
    };
    match T::from_raw(&RawError::unreadable(format, status, body, json)) {
        Ok(Some(value)) => Ok(value),
        Ok(None) | Err(_) => Err(err),
    }
}
