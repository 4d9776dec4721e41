use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::{Context, Format, NoneAs, json};
use crate::decode::{DecodeErrorKind, Parts, Unread};
use crate::erased::{Field, Ref};
use crate::violations::render::BadRequest;
use crate::{ApiError, FieldVisitor};

/// Google's AIP-193 errors: `{"error": {"code": <status>, "message": …,
/// "status": <gRPC code name>, "details": [ErrorInfo]}}`.
///
/// The `ErrorInfo` carries the code as `reason`, the type's
/// `#[api(domain = "…")]` as `domain`, and the fields as `metadata`, each
/// value as a string (strings as they are, other values as their JSON text,
/// `null` left out), as `google.rpc.ErrorInfo` requires.
///
/// ```
/// use errbook::{ApiError, format::Google};
///
/// #[derive(Debug, ApiError)]
/// #[api(format = google, domain = "pubsub.googleapis.com")]
/// enum QuotaError {
///     #[api(code = "RATE_LIMIT_EXCEEDED", status = 429, message = "Quota exceeded.")]
///     RateLimited { #[api(field)] quota_limit_value: u32 },
/// }
///
/// let err = QuotaError::RateLimited { quota_limit_value: 100 };
/// assert_eq!(
///     serde_json::to_string(&err.envelope()).unwrap(),
///     concat!(
///         r#"{"error":{"code":429,"message":"Quota exceeded.","status":"RESOURCE_EXHAUSTED","#,
///         r#""details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED","#,
///         r#""domain":"pubsub.googleapis.com","metadata":{"quota_limit_value":"100"}}]}}"#,
///     ),
/// );
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Google;

impl Format for Google {
    super::respond_here!();

    const RESERVED: &'static [&'static str] = &[];
    const NAME: &'static str = "google";
    const NONE: NoneAs = NoneAs::Omit;

    /// The code is the `ErrorInfo`'s `reason` and the members its
    /// `metadata` (strings, read back into the fields' types); without an
    /// `ErrorInfo`, the canonical status name (`NOT_FOUND`) is the code.
    fn decode<'a>(&self, body: &'a [u8]) -> Result<Parts<'a>, DecodeErrorKind> {
        super::decode_fresh(self, body)
    }

    #[inline]
    fn decode_into<'a>(&self, body: &'a [u8], parts: &mut Parts<'a>) -> Result<(), Unread> {
        super::google_decode::read(body, parts)
    }

    /// `{"error":{"code":…,"message":…,"status":…,"details":[ErrorInfo,
    /// RequestInfo?, DebugInfo?]}}` written directly from the entry.
    fn write_json<E: ApiError + ?Sized>(
        &self,
        error: &E,
        context: &Context<'_>,
        out: &mut Vec<u8>,
    ) -> Result<(), serde_json::Error> {
        let Some(entry) = error.entry() else {
            return json::via_serde(self, error, context, out);
        };
        let status = error.status();
        out.extend_from_slice(br#"{"error":{"code":"#);
        json::status(out, status);
        out.extend_from_slice(br#","message":"#);
        json::message(out, error, entry)?;
        out.extend_from_slice(br#","status":"#);
        json::string(out, grpc_status_name(status));
        out.extend_from_slice(
            br#","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"#,
        );
        out.extend_from_slice(entry.code_json().as_bytes());
        if let Some(domain) = error.domain() {
            out.extend_from_slice(br#","domain":"#);
            json::string(out, domain);
        }
        out.extend_from_slice(br#","metadata":{"#);
        error.visit_fields(&mut MetadataWriter { out, first: true })?;
        out.extend_from_slice(b"}}");
        if let Some(violations) = error.violations() {
            out.push(b',');
            serde_json::to_writer(&mut *out, &BadRequest(violations))?;
        }
        if let Some(id) = context.instance() {
            out.extend_from_slice(
                br#",{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"#,
            );
            json::string(out, id);
            out.push(b'}');
        }
        if context.is_development() {
            out.push(b',');
            serde_json::to_writer(&mut *out, &DebugInfo(error))?;
        }
        out.extend_from_slice(b"]}}");
        Ok(())
    }

    fn serialize<E, S>(
        &self,
        error: &E,
        context: &Context<'_>,
        serializer: S,
    ) -> Result<S::Ok, S::Error>
    where
        E: ApiError + ?Sized,
        S: Serializer,
    {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("error", &Status { error, context })?;
        map.end()
    }
}

/// The canonical gRPC status name for an HTTP status, after the HTTP
/// mappings in `google/rpc/code.proto`.
///
/// ```
/// use errbook::format::grpc_status_name;
/// use http::StatusCode;
///
/// assert_eq!(grpc_status_name(StatusCode::NOT_FOUND), "NOT_FOUND");
/// assert_eq!(grpc_status_name(StatusCode::TOO_MANY_REQUESTS), "RESOURCE_EXHAUSTED");
/// ```
pub fn grpc_status_name(status: http::StatusCode) -> &'static str {
    match status.as_u16() {
        400 | 411 | 414 | 415 | 422 | 431 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 | 410 => "NOT_FOUND",
        405 | 501 => "UNIMPLEMENTED",
        408 | 504 => "DEADLINE_EXCEEDED",
        409 => "ABORTED",
        416 => "OUT_OF_RANGE",
        413 | 429 | 507 => "RESOURCE_EXHAUSTED",
        499 => "CANCELLED",
        502 | 503 => "UNAVAILABLE",
        400..=499 => "FAILED_PRECONDITION",
        500..=599 => "INTERNAL",
        _ => "UNKNOWN",
    }
}

struct Status<'a, 'c, E: ?Sized> {
    error: &'a E,
    context: &'a Context<'c>,
}

impl<E: ApiError + ?Sized> Serialize for Status<'_, '_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let status = self.error.status();
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", &status.as_u16())?;
        map.serialize_entry("message", &self.error.message())?;
        map.serialize_entry("status", grpc_status_name(status))?;
        map.serialize_entry("details", &Details(self))?;
        map.end()
    }
}

struct Details<'s, 'a, 'c, E: ?Sized>(&'s Status<'a, 'c, E>);

impl<E: ApiError + ?Sized> Serialize for Details<'_, '_, '_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        seq.serialize_element(&ErrorInfo(self.0.error))?;
        if let Some(violations) = self.0.error.violations() {
            seq.serialize_element(&BadRequest(violations))?;
        }
        if let Some(id) = self.0.context.instance() {
            seq.serialize_element(&RequestInfo(id))?;
        }
        if self.0.context.is_development() {
            seq.serialize_element(&DebugInfo(self.0.error))?;
        }
        seq.end()
    }
}

/// `google.rpc.RequestInfo`: the request's id.
struct RequestInfo<'a>(&'a str);

impl Serialize for RequestInfo<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("@type", "type.googleapis.com/google.rpc.RequestInfo")?;
        map.serialize_entry("requestId", self.0)?;
        map.end()
    }
}

struct ErrorInfo<'a, E: ?Sized>(&'a E);

impl<E: ApiError + ?Sized> Serialize for ErrorInfo<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("@type", "type.googleapis.com/google.rpc.ErrorInfo")?;
        map.serialize_entry("reason", &self.0.code())?;
        if let Some(domain) = self.0.domain() {
            map.serialize_entry("domain", domain)?;
        }
        map.serialize_entry("metadata", &Metadata(self.0))?;
        map.end()
    }
}

struct Metadata<'a, E: ?Sized>(&'a E);

impl<E: ApiError + ?Sized> Serialize for Metadata<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        self.0.visit_fields(&mut StringValues { map: &mut map })?;
        map.end()
    }
}

/// Writes each member as a string value.
struct StringValues<'m, M> {
    map: &'m mut M,
}

impl<M: SerializeMap> FieldVisitor for StringValues<'_, M> {
    type Error = M::Error;

    fn visit<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), M::Error> {
        match serde_json::to_value(value) {
            Ok(serde_json::Value::Null) => Ok(()),
            Ok(serde_json::Value::String(text)) => self.map.serialize_entry(name, &text),
            Ok(other) => self.map.serialize_entry(name, &other.to_string()),
            Err(err) => Err(serde::ser::Error::custom(err)),
        }
    }
}

/// Writes each member into `metadata` as a string, as [`StringValues`]
/// does, without building a `serde_json::Value` for the common values: the
/// value is written as JSON first, then kept (a string), quoted (an integer
/// or a boolean, whose JSON text is the same either way), dropped (`null`),
/// or written again through a `Value` (anything else: floats, arrays and
/// objects, whose text a `Value` may change).
struct MetadataWriter<'o> {
    out: &'o mut Vec<u8>,
    first: bool,
}

impl FieldVisitor for MetadataWriter<'_> {
    type Error = serde_json::Error;

    fn visit<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), Self::Error> {
        self.member(name, &Ref(value))
    }

    fn __visit_field(&mut self, name: &str, value: &dyn Field) -> Option<Result<(), Self::Error>> {
        Some(self.member(name, value))
    }
}

impl MetadataWriter<'_> {
    fn member<V: Field + ?Sized>(
        &mut self,
        name: &str,
        value: &V,
    ) -> Result<(), serde_json::Error> {
        let member = self.out.len();
        if !self.first {
            self.out.push(b',');
        }
        json::string(self.out, name);
        self.out.push(b':');
        let at = self.out.len();
        value.write(self.out)?;
        let text = &self.out[at..];
        if text.first() == Some(&b'"') {
            self.first = false;
            return Ok(());
        }
        if text == b"null" {
            self.out.truncate(member);
            return Ok(());
        }
        // Integers up to 18 digits fit an `i64`/`u64` `Value` whatever
        // their sign; longer ones (`u128`) go through the `Value`, which
        // may refuse them as the serde path does.
        let integer = text.len() <= 18
            && text
                .iter()
                .enumerate()
                .all(|(i, b)| b.is_ascii_digit() || (i == 0 && *b == b'-' && text.len() > 1));
        if integer || text == b"true" || text == b"false" {
            self.out.insert(at, b'"');
            self.out.push(b'"');
            self.first = false;
            return Ok(());
        }
        self.out.truncate(at);
        match value.value()? {
            serde_json::Value::Null => self.out.truncate(member),
            serde_json::Value::String(text) => {
                json::string(self.out, &text);
                self.first = false;
            }
            other => {
                json::string(self.out, &other.to_string());
                self.first = false;
            }
        }
        Ok(())
    }
}

/// `google.rpc.DebugInfo`: the source chain and the `Debug` text, its
/// members named as protobuf's JSON mapping prints them (lowerCamelCase).
struct DebugInfo<'a, E: ?Sized>(&'a E);

impl<E: ApiError + ?Sized> Serialize for DebugInfo<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("@type", "type.googleapis.com/google.rpc.DebugInfo")?;
        map.serialize_entry("stackEntries", &super::envelope::SourceChain(self.0))?;
        map.serialize_entry("detail", &super::envelope::DebugText(self.0))?;
        map.end()
    }
}
