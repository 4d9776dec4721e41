//! The built-in formats' direct writers: JSON bytes pushed into the output
//! buffer, without a serde `Serializer` in between.
//!
//! A body is mostly static: member names, the code, the template's literal
//! runs. The derive stores the code and those runs already escaped for a
//! JSON string (in the [`Entry`]), so they are copied as they are; only what
//! is known at run time (placeholders, the request id, titles) is escaped
//! here, exactly as `serde_json` escapes it. What is simplest through serde
//! (an extra member's value, the development `details`) still goes through
//! `serde_json::to_writer`, into the same buffer.

use core::fmt;

use serde::Serialize;

use super::envelope::DevDetails;
use super::{Context, Format, NoneAs};
use crate::catalog::{Entry, Part};
use crate::erased::Field;
use crate::error::defaults::Slot;
use crate::violations::render::{List, Shape};
use crate::{ApiError, FieldVisitor};

/// The serde path into `out`: what [`Format::write_json`] does by default,
/// and what the built-in formats fall back to for an error with no entry.
pub(crate) fn via_serde<F, E>(
    format: &F,
    error: &E,
    context: &Context<'_>,
    out: &mut Vec<u8>,
) -> Result<(), serde_json::Error>
where
    F: Format + ?Sized,
    E: ApiError + ?Sized,
{
    format.serialize(error, context, &mut serde_json::Serializer::new(out))
}

/// For each byte, how `serde_json` escapes it in a string: 0 for as it is,
/// `u` for `\u00XX`, else the letter after the backslash.
static ESCAPE: [u8; 256] = {
    let mut table = [0_u8; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = b'u';
        byte += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Pushes `text` escaped as the inside of a JSON string, as `serde_json`
/// escapes it: `"`, `\`, the short escapes for `\b \f \n \r \t`, `\u00XX`
/// (lowercase) for the other control characters, nothing else.
#[inline]
pub(crate) fn escape(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        let escape = ESCAPE[usize::from(byte)];
        if escape == 0 {
            continue;
        }
        out.extend_from_slice(&bytes[start..at]);
        start = at + 1;
        if escape == b'u' {
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xf)],
            ]);
        } else {
            out.extend_from_slice(&[b'\\', escape]);
        }
    }
    out.extend_from_slice(&bytes[start..]);
}

/// Pushes `text` as a JSON string, quotes included.
#[inline]
pub(crate) fn string(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    escape(out, text);
    out.push(b'"');
}

/// A `fmt::Write` that escapes what it is given into a JSON string.
struct Escaper<'o>(&'o mut Vec<u8>);

impl fmt::Write for Escaper<'_> {
    #[inline]
    fn write_str(&mut self, text: &str) -> fmt::Result {
        escape(self.0, text);
        Ok(())
    }
}

/// Pushes `value`'s `Display` as a JSON string. The buffer never fails, so
/// an error is the `Display`'s own.
pub(crate) fn display(out: &mut Vec<u8>, value: impl fmt::Display) -> fmt::Result {
    out.push(b'"');
    fmt::write(&mut Escaper(out), format_args!("{value}"))?;
    out.push(b'"');
    Ok(())
}

/// The error a failing placeholder `Display` becomes: the serde path reports
/// the same failure (see [`Message`](crate::Message)'s `Serialize`).
fn display_failed() -> serde_json::Error {
    serde::ser::Error::custom("a field's Display returned an error while rendering the message")
}

/// Pushes the public message as a JSON string: the template's literal runs
/// copied as the derive escaped them, each placeholder's value escaped as it
/// is written; or the status's reason phrase.
#[inline]
pub(crate) fn message<E: ApiError + ?Sized>(
    out: &mut Vec<u8>,
    error: &E,
    entry: Entry,
) -> Result<(), serde_json::Error> {
    let Some(template) = entry.template() else {
        string(out, crate::__private::reason(error.status()));
        return Ok(());
    };
    out.push(b'"');
    for part in template.parts() {
        match part {
            Part::Text { json, .. } => out.extend_from_slice(json.as_bytes()),
            Part::Arg { slot, .. } => {
                // A fresh `{}` per placeholder, as `fmt_message` writes it.
                fmt::write(&mut Escaper(out), format_args!("{}", Slot { error, slot }))
                    .map_err(|_| display_failed())?;
            }
        }
    }
    out.push(b'"');
    Ok(())
}

/// Pushes `"name":` after a comma.
#[inline]
fn key(out: &mut Vec<u8>, name: &str) {
    out.extend_from_slice(b",\"");
    escape(out, name);
    out.extend_from_slice(b"\":");
}

/// Pushes the error's extra members, `,"name":value` each, less the names in
/// `reserved`; returns whether a member is called `probe` (reserved or not),
/// which is what [`Context::write_instance`] asks before writing the
/// request id, found in the same visit.
#[inline]
pub(crate) fn members<E: ApiError + ?Sized>(
    out: &mut Vec<u8>,
    error: &E,
    reserved: &'static [&'static str],
    none: NoneAs,
    probe: &str,
) -> Result<bool, serde_json::Error> {
    let mut writer = Members {
        out,
        reserved,
        none,
        probe,
        found: false,
    };
    error.visit_fields(&mut writer)?;
    Ok(writer.found)
}

struct Members<'o, 'p> {
    out: &'o mut Vec<u8>,
    reserved: &'static [&'static str],
    none: NoneAs,
    probe: &'p str,
    found: bool,
}

impl Members<'_, '_> {
    /// Notes the member and writes its key, unless its name is reserved.
    #[inline]
    fn take(&mut self, name: &str) -> bool {
        self.found |= name == self.probe;
        if self.reserved.contains(&name) {
            return false;
        }
        key(self.out, name);
        true
    }
}

impl FieldVisitor for Members<'_, '_> {
    type Error = serde_json::Error;

    #[inline]
    fn visit<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), Self::Error> {
        if self.take(name) {
            serde_json::to_writer(&mut *self.out, value)?;
        }
        Ok(())
    }

    #[inline]
    fn __visit_field(&mut self, name: &str, value: &dyn Field) -> Option<Result<(), Self::Error>> {
        Some(if self.take(name) {
            value.write(self.out)
        } else {
            Ok(())
        })
    }

    #[inline]
    fn visit_none(&mut self, name: &str, none: Option<NoneAs>) -> Result<(), Self::Error> {
        match none.unwrap_or(self.none) {
            NoneAs::Omit => Ok(()),
            NoneAs::Null => {
                self.found |= name == self.probe;
                if !self.reserved.contains(&name) {
                    key(self.out, name);
                    self.out.extend_from_slice(b"null");
                }
                Ok(())
            }
        }
    }
}

/// Pushes `,"<name>":[…]`, the error's violations in `shape`, when it has
/// some: through serde, as the `serialize` path writes them, so both
/// write the same bytes.
#[inline]
pub(crate) fn violations<E: ApiError + ?Sized>(
    out: &mut Vec<u8>,
    error: &E,
    name: &str,
    shape: Shape,
) -> Result<(), serde_json::Error> {
    if let Some(violations) = error.violations() {
        key(out, name);
        serde_json::to_writer(&mut *out, &List(violations, shape))?;
    }
    Ok(())
}

/// Whether `error` has an extra member called `name`.
pub(crate) fn has_field<E: ApiError + ?Sized>(error: &E, name: &str) -> bool {
    struct Probe<'n>(&'n str);

    impl FieldVisitor for Probe<'_> {
        type Error = ();

        fn visit<T: Serialize + ?Sized>(&mut self, name: &str, _: &T) -> Result<(), ()> {
            if name == self.0 { Err(()) } else { Ok(()) }
        }

        fn __visit_field(&mut self, name: &str, _: &dyn Field) -> Option<Result<(), ()>> {
            Some(if name == self.0 { Err(()) } else { Ok(()) })
        }
    }

    error.visit_fields(&mut Probe(name)).is_err()
}

/// Pushes `,"<key>":"<request id>"` when the context names one and the
/// error has no member of that name (`taken`).
#[inline]
pub(crate) fn instance(out: &mut Vec<u8>, context: &Context<'_>, key: &str, taken: bool) {
    if let Some(id) = context.instance()
        && !taken
    {
        self::key(out, key);
        string(out, id);
    }
}

/// Pushes the development `details` member, in development only.
#[inline]
pub(crate) fn details<E: ApiError + ?Sized>(
    out: &mut Vec<u8>,
    error: &E,
    context: &Context<'_>,
) -> Result<(), serde_json::Error> {
    if context.is_development() {
        key(out, "details");
        serde_json::to_writer(&mut *out, &DevDetails(error))?;
    }
    Ok(())
}

/// Pushes a status: three digits, as `StatusCode` holds 100 to 999.
#[inline]
pub(crate) fn status(out: &mut Vec<u8>, status: http::StatusCode) {
    const DIGITS: &[u8; 10] = b"0123456789";
    let code = usize::from(status.as_u16());
    out.extend_from_slice(&[
        DIGITS[code / 100 % 10],
        DIGITS[code / 10 % 10],
        DIGITS[code % 10],
    ]);
}

/// A capacity for a body of `error` that the direct writers fill without
/// growing the buffer in the common case: the fixed text of the widest
/// built-in format, plus what the entry says of the rest.
pub(crate) fn capacity<E: ApiError + ?Sized>(error: &E, context: &Context<'_>) -> usize {
    let mut capacity = 256;
    if let Some(entry) = error.entry() {
        capacity += 2 * entry.code_json().len();
        capacity += entry.template().map_or(0, |template| {
            // Room for each placeholder's value.
            template.raw().len() + 16 * template.parts().len()
        });
        capacity += entry.title().map_or(0, str::len);
        let catalog = entry.catalog();
        capacity += catalog.domain().map_or(0, str::len);
        capacity += catalog.docs().map_or(0, str::len);
        capacity += entry
            .fields()
            .iter()
            .map(|field| field.name().len() + 24)
            .sum::<usize>();
    }
    if let Some(id) = context.instance() {
        capacity += id.len() + 64;
    }
    if context.is_development() {
        capacity += 512;
    }
    capacity
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_as_serde_json_does() {
        let mut every = String::new();
        for c in (0_u32..0x80).chain([0xe9, 0x65e5, 0x1f389]) {
            every.push(char::from_u32(c).unwrap());
        }
        for text in [
            "",
            "plain",
            "a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}",
            &every,
        ] {
            let mut out = vec![b'"'];
            escape(&mut out, text);
            out.push(b'"');
            assert_eq!(out, serde_json::to_vec(text).unwrap(), "{text:?}");
        }
    }
}
