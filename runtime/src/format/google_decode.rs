//! Reading a Google (AIP-193) error body back: the `ErrorInfo`'s `reason`
//! as the code and its `metadata` as the members, or the status name when
//! there is no `ErrorInfo`.
//!
//! A body is read in one pass over its text: the error object, its
//! `details` and the first `ErrorInfo`'s `metadata` are read where they
//! stand, as serde reads a struct of nested structs. That pass reads the
//! bodies errbook and Google write; anything unusual in a body (a value of
//! an unexpected type where the pass wants an object or an array, a value
//! the strict reading of a code or message refuses, a missing member, a
//! member of the wrong type, text that is not JSON) ends it, and the body
//! is read again by [`by_parts`], one object at a time, which is the
//! reference: whatever the one pass reads, it reads as `by_parts` does.

use core::fmt;

use serde::Deserializer as _;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::{Format, Google};
use crate::decode::{
    DecodeErrorKind, Found, Key, Layout, Members, Parts, ReadScalar, Scalar, Unread, body_text,
    read_code, read_message, sort, sort_with,
};

const EXPECTED: &str = r#"{"error": {"code": …, "message": …, "status": …, "details": […]}}"#;
/// The body: its `error` object, kept raw, so that the whole body is known
/// to be JSON before the object's shape is judged.
const BODY: Layout<'static> = Layout::new(Google::NAME, EXPECTED);
/// The error object: the status name, the message and the details.
const ERROR: Layout<'static> = Layout::new(Google::NAME, EXPECTED)
    .code("status")
    .message("message");
/// An entry of `details`: its `@type` (in the message's place), its
/// `reason` and its `metadata`.
const ENTRY: Layout<'static> = Layout::new(Google::NAME, EXPECTED)
    .code("reason")
    .message("@type");
/// The `metadata` object: every member.
const METADATA: Layout<'static> = Layout::new(Google::NAME, EXPECTED);

/// Whether an entry's `@type` names a `google.rpc.ErrorInfo`.
#[inline]
fn is_error_info(kind: &str) -> bool {
    kind.ends_with("google.rpc.ErrorInfo")
}

/// Reads `body` into `parts`, which holds no parts yet.
#[inline]
pub(super) fn read<'a>(body: &'a [u8], parts: &mut Parts<'a>) -> Result<(), Unread> {
    let json = body_text(body)?;
    if one_pass(json, parts).is_some() {
        return Ok(());
    }
    *parts = Parts::default();
    let mut outer = Found::default();
    sort_with(json, &BODY, Some("error"), None, &mut outer)?;
    // The whole body is JSON: what is wrong from here on is its shape.
    by_parts(outer.extra, parts).map_err(|kind| Unread { kind, json: true })
}

/// The reference reading: the body with its error object kept raw (`error`,
/// the body's first `error` member), then the error object, then each entry
/// of `details` until the first `ErrorInfo`, then its `metadata`, each a
/// pass of its own.
#[cold]
fn by_parts<'a>(error: Option<&'a RawValue>, parts: &mut Parts<'a>) -> Result<(), DecodeErrorKind> {
    let object = error.ok_or_else(|| BODY.shape())?;
    let mut error = Found::default();
    sort_with(object.get(), &ERROR, Some("details"), None, &mut error)?;
    parts.message = read_message(error.message, "message")?;
    let info = match error.extra {
        Some(details) => serde_json::Deserializer::from_str(details.get())
            .deserialize_seq(FindErrorInfo(|entry: &'a RawValue| {
                let mut found = Found::default();
                sort_with(entry.get(), &ENTRY, Some("metadata"), None, &mut found).ok()?;
                let kind = found.message.as_ref()?.text()?;
                is_error_info(&kind).then_some(found)
            }))
            .map_err(|_| ERROR.shape())?,
        None => None,
    };
    match info {
        Some(info) => {
            parts.code = Some(read_code(info.code, Google::NAME, "reason")?);
            if let Some(metadata) = info.extra {
                sort(
                    metadata.get(),
                    &METADATA,
                    &mut parts.members,
                    &mut Found::default(),
                )?;
            }
        }
        None => parts.code = Some(read_code(error.code, Google::NAME, "status")?),
    }
    Ok(())
}

/// The visitor of `details`: an array, whose first entry `F` accepts is the
/// `ErrorInfo`.
struct FindErrorInfo<F>(F);

impl<'a, T, F: FnMut(&'a RawValue) -> Option<T>> Visitor<'a> for FindErrorInfo<F> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: SeqAccess<'a>>(mut self, mut seq: A) -> Result<Option<T>, A::Error> {
        let mut info = None;
        while let Some(entry) = seq.next_element::<&'a RawValue>()? {
            if info.is_none() {
                info = (self.0)(entry);
            }
        }
        Ok(info)
    }
}

/// What the one pass found in the error object.
#[derive(Default)]
struct Seen<'a> {
    /// The first `status`.
    status: Option<Scalar<'a>>,
    /// The first `message`.
    message: Option<Scalar<'a>>,
    /// Whether the first `details` was read.
    details: bool,
    /// Whether an `ErrorInfo` was found.
    info: bool,
    /// The first `ErrorInfo`'s first `reason`.
    reason: Option<Scalar<'a>>,
}

/// The one pass: `Some` with the parts read when the body is one it
/// reads, `None` to read it [`by_parts`].
#[inline]
fn one_pass<'a>(json: &'a str, parts: &mut Parts<'a>) -> Option<()> {
    let mut seen = Seen::default();
    let mut deserializer = serde_json::Deserializer::from_str(json);
    deserializer
        .deserialize_map(Body {
            seen: &mut seen,
            members: &mut parts.members,
        })
        .ok()?;
    deserializer.end().ok()?;
    parts.message = read_message(seen.message, "message").ok()?;
    parts.code = Some(
        if seen.info {
            read_code(seen.reason, Google::NAME, "reason")
        } else {
            read_code(seen.status, Google::NAME, "status")
        }
        .ok()?,
    );
    Some(())
}

/// Ends the one pass: the body is not one it reads.
fn stop<E: serde::de::Error>() -> E {
    E::custom("read by parts")
}

/// The body: its first `error` member, an object; every other member
/// skipped.
struct Body<'s, 'a> {
    seen: &'s mut Seen<'a>,
    members: &'s mut Members<'a>,
}

impl<'a> Visitor<'a> for Body<'_, 'a> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    #[inline]
    fn visit_map<M: MapAccess<'a>>(self, mut map: M) -> Result<(), M::Error> {
        let Body { seen, members } = self;
        let mut error = false;
        while let Some(Key(name)) = map.next_key()? {
            if !error && name == "error" {
                error = true;
                map.next_value_seed(Error {
                    seen: &mut *seen,
                    members: &mut *members,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        if error { Ok(()) } else { Err(stop()) }
    }
}

/// The error object: its first `status`, `message` and `details`.
struct Error<'s, 'a> {
    seen: &'s mut Seen<'a>,
    members: &'s mut Members<'a>,
}

impl<'a> DeserializeSeed<'a> for Error<'_, 'a> {
    type Value = ();

    #[inline]
    fn deserialize<D: serde::Deserializer<'a>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'a> Visitor<'a> for Error<'_, 'a> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an error object")
    }

    #[inline]
    fn visit_map<M: MapAccess<'a>>(self, mut map: M) -> Result<(), M::Error> {
        let Error { seen, members } = self;
        while let Some(Key(name)) = map.next_key()? {
            if seen.status.is_none() && name == "status" {
                seen.status = Some(map.next_value_seed(ReadScalar)?);
            } else if seen.message.is_none() && name == "message" {
                seen.message = Some(map.next_value_seed(ReadScalar)?);
            } else if !seen.details && name == "details" {
                seen.details = true;
                map.next_value_seed(Details {
                    seen: &mut *seen,
                    members: &mut *members,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// `details`: an array of objects.
struct Details<'s, 'a> {
    seen: &'s mut Seen<'a>,
    members: &'s mut Members<'a>,
}

impl<'a> DeserializeSeed<'a> for Details<'_, 'a> {
    type Value = ();

    #[inline]
    fn deserialize<D: serde::Deserializer<'a>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'a> Visitor<'a> for Details<'_, 'a> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    #[inline]
    fn visit_seq<S: SeqAccess<'a>>(self, mut seq: S) -> Result<(), S::Error> {
        let Details { seen, members } = self;
        while let Some(()) = seq.next_element_seed(Entry {
            seen: &mut *seen,
            members: &mut *members,
        })? {}
        Ok(())
    }
}

/// An entry of `details`: an object; its first `@type`, `reason` and
/// `metadata`. The first `ErrorInfo`'s `metadata` goes to the members, read
/// where it stands when the `@type` came before it.
struct Entry<'s, 'a> {
    seen: &'s mut Seen<'a>,
    members: &'s mut Members<'a>,
}

impl<'a> DeserializeSeed<'a> for Entry<'_, 'a> {
    type Value = ();

    #[inline]
    fn deserialize<D: serde::Deserializer<'a>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'a> Visitor<'a> for Entry<'_, 'a> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    #[inline]
    fn visit_map<M: MapAccess<'a>>(self, mut map: M) -> Result<(), M::Error> {
        let Entry { seen, members } = self;
        let mut reason = None;
        let mut kind: Option<Scalar<'a>> = None;
        // The first `metadata`: read into the members, or kept raw.
        let mut metadata = None;
        let mut read = false;
        let wanted = |kind: &Option<Scalar<'a>>| {
            kind.as_ref()
                .and_then(Scalar::text)
                .is_some_and(|kind| is_error_info(&kind))
        };
        while let Some(Key(name)) = map.next_key()? {
            if reason.is_none() && name == "reason" {
                reason = Some(map.next_value_seed(ReadScalar)?);
            } else if kind.is_none() && name == "@type" {
                kind = Some(map.next_value_seed(ReadScalar)?);
            } else if metadata.is_none() && !read && name == "metadata" {
                if !seen.info && wanted(&kind) {
                    read = true;
                    map.next_value_seed(Metadata(&mut *members))?;
                } else {
                    metadata = Some(map.next_value::<&'a RawValue>()?);
                }
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        if !seen.info && wanted(&kind) {
            seen.info = true;
            seen.reason = reason;
            if let Some(metadata) = metadata {
                sort(metadata.get(), &METADATA, members, &mut Found::default())
                    .map_err(|_| stop::<M::Error>())?;
            }
        }
        Ok(())
    }
}

/// The `ErrorInfo`'s `metadata`: an object, every member kept raw.
struct Metadata<'s, 'a>(&'s mut Members<'a>);

impl<'a> DeserializeSeed<'a> for Metadata<'_, 'a> {
    type Value = ();

    #[inline]
    fn deserialize<D: serde::Deserializer<'a>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'a> Visitor<'a> for Metadata<'_, 'a> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    #[inline]
    fn visit_map<M: MapAccess<'a>>(self, mut map: M) -> Result<(), M::Error> {
        while let Some(Key(name)) = map.next_key()? {
            self.0.push(name, map.next_value()?);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{BODY, Found, Parts, by_parts, one_pass, sort_with};

    /// Whatever the one pass reads, it reads as the reference does.
    #[test]
    fn the_one_pass_reads_what_the_reference_reads() {
        let info = r#""@type":"type.googleapis.com/google.rpc.ErrorInfo""#;
        let bodies = [
            format!(
                r#"{{"error":{{"code":403,"message":"No.","status":"PERMISSION_DENIED","details":[{{{info},"reason":"FORBIDDEN","domain":"d","metadata":{{"a":"1","b":"x"}}}}]}}}}"#
            ),
            format!(
                r#"{{"error":{{"details":[{{"metadata":{{"a":"1","a":"2"}},"reason":"R",{info}}}],"status":"S"}}}}"#
            ),
            format!(
                r#"{{"x":[1],"error":{{"status":"S","status":"T","message":null,"details":[{{"@type":"x","reason":"no","metadata":{{"z":1}}}},{{{info},"@type":"y","reason":"R1","reason":"R2","metadata":{{}},"metadata":{{"late":1}}}},{{{info},"reason":"second"}}]}},"error":7}}"#
            ),
            format!(r#"{{"error":{{"status":"S","details":[{{{info}}}]}}}}"#),
            format!(r#"{{"error":{{"message":"m","details":[{{{info},"reason":7}}]}}}}"#),
            format!(r#"{{"error":{{"details":[{{{info},"reason":"R","metadata":null}}]}}}}"#),
            format!(r#"{{"error":{{"details":[7,{{{info},"reason":"R"}}]}}}}"#),
            format!(r#"{{"error":{{"details":[{{{info},"reason":"\ud800"}}]}}}}"#),
            format!(
                r#"{{"error":{{"details":[{{"@type":"x","reason":"\ud800"}},{{{info},"reason":"R"}}]}}}}"#
            ),
            format!(
                r#"{{"error":{{"details":[{{"r\u0065ason":"R",{info}}}],"m\u0065ssage":"\u00e9"}}}}"#
            ),
            r#"{"error":{"status":"UNAVAILABLE","message":"Down."}}"#.to_owned(),
            r#"{"error":{"status":"UNAVAILABLE","details":null}}"#.to_owned(),
            r#"{"error":{"status":"UNAVAILABLE","details":{}}}"#.to_owned(),
            r#"{"error":{"status":1e999}}"#.to_owned(),
            r#"{"error":{"message":"\ud800","status":"S"}}"#.to_owned(),
            r#"{"error":{}}"#.to_owned(),
            r#"{"error":[]}"#.to_owned(),
            r#"{"errors":{}}"#.to_owned(),
            "[]".to_owned(),
            r#"{"error":{"status":"S"}"#.to_owned(),
            r#"{"error":{"status":"S"}} x"#.to_owned(),
        ];
        let mut read = 0;
        for body in &bodies {
            let mut reference = Parts::default();
            let mut outer = Found::default();
            let expected = sort_with(body, &BODY, Some("error"), None, &mut outer)
                .and_then(|()| by_parts(outer.extra, &mut reference))
                .map(|()| format!("{reference:?}"));
            let mut parts = Parts::default();
            if one_pass(body, &mut parts).is_some() {
                read += 1;
                assert_eq!(Ok(format!("{parts:?}")), expected, "{body}");
            }
        }
        assert!(read >= 5, "the one pass read {read} bodies");
    }
}
