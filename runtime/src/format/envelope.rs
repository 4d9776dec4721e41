use core::fmt;
use core::sync::atomic::{AtomicBool, Ordering};

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use super::Format;
use crate::ApiError;

static DEVELOPMENT: AtomicBool = AtomicBool::new(false);

/// Switches development mode on or off for the whole process.
///
/// Off by default. While on, [`ApiError::envelope`] and
/// [`ApiError::to_response`] (and the framework integrations, which use
/// them) add a `details` member with the error's `Debug` and its source
/// chain. Switch it on from configuration, never from a request:
///
/// ```
/// errbook::set_development_mode(cfg!(debug_assertions) && std::env::var_os("APP_DEV").is_some());
/// ```
pub fn set_development_mode(on: bool) {
    DEVELOPMENT.store(on, Ordering::Relaxed);
}

/// Whether [`set_development_mode`] switched development mode on.
pub fn development_mode() -> bool {
    DEVELOPMENT.load(Ordering::Relaxed)
}

/// How an envelope is rendered beyond the error itself.
///
/// In production (the default) nothing but the code, the message and the
/// fields marked `#[api(field)]` reaches the body. In development a
/// `details` member is added:
/// `{"debug": "<the error's Debug>", "sources": ["<each cause's Display>", …]}`
/// (for [`Google`](crate::format::Google), a `google.rpc.DebugInfo` entry).
///
/// ```
/// use errbook::{ApiError, Context};
///
/// #[derive(Debug)]
/// struct Io;
/// impl std::fmt::Display for Io {
///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str("disk full") }
/// }
/// impl std::error::Error for Io {}
///
/// #[derive(Debug, ApiError)]
/// #[api(code = "system:io", status = 500, message = "Storage error.")]
/// struct StorageError(#[api(source)] Io);
///
/// let dev = StorageError(Io).envelope().with_context(Context::development());
/// assert_eq!(
///     serde_json::to_string(&dev).unwrap(),
///     r#"{"error":{"code":"system:io","message":"Storage error.","details":{"debug":"StorageError(Io)","sources":["disk full"]}}}"#,
/// );
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Context<'a> {
    development: bool,
    instance: Option<&'a str>,
}

impl<'a> Context<'a> {
    /// The production context: no source error, no `Debug` output, no field
    /// that is not marked `#[api(field)]`.
    pub const fn production() -> Self {
        Context {
            development: false,
            instance: None,
        }
    }

    /// The development context: adds the `details` member.
    pub const fn development() -> Self {
        Context {
            development: true,
            instance: None,
        }
    }

    /// Production, or development if [`set_development_mode`] switched it
    /// on: what [`ApiError::envelope`] and [`ApiError::to_response`] use.
    pub fn current() -> Self {
        Context {
            development: development_mode(),
            instance: None,
        }
    }

    /// Whether the `details` member is added.
    pub const fn is_development(&self) -> bool {
        self.development
    }

    /// The same context, naming the occurrence of the problem (a request id
    /// or path), for formats that carry one.
    #[must_use]
    pub const fn with_instance(mut self, instance: &'a str) -> Self {
        self.instance = Some(instance);
        self
    }

    /// The occurrence of the problem, when known.
    pub const fn instance(&self) -> Option<&'a str> {
        self.instance
    }

    /// Writes the [`instance`](Context::instance) under `key` into `map`,
    /// when there is one and `error` has no exposed field of that name (the
    /// error's own member wins, so a body never has a duplicate key); for
    /// formats of your own. The built-in formats use `instance`
    /// (problem+json), `request_id` (nested, matrix, detail) and a
    /// `google.rpc.RequestInfo` entry (google).
    pub fn write_instance<E, M>(&self, error: &E, key: &str, map: &mut M) -> Result<(), M::Error>
    where
        E: ApiError + ?Sized,
        M: SerializeMap,
    {
        if let Some(instance) = self.instance
            && !super::json::has_field(error, key)
        {
            map.serialize_entry(key, instance)?;
        }
        Ok(())
    }

    /// Writes the development `details` member into `map`, in development
    /// only; for formats of your own.
    pub fn write_details<E, M>(&self, error: &E, map: &mut M) -> Result<(), M::Error>
    where
        E: ApiError + ?Sized,
        M: SerializeMap,
    {
        if self.development {
            map.serialize_entry("details", &DevDetails(error))?;
        }
        Ok(())
    }
}

/// The development `details` member's value.
pub(crate) struct DevDetails<'a, E: ?Sized>(pub(crate) &'a E);

impl<E: ApiError + ?Sized> Serialize for DevDetails<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("debug", &DebugText(self.0))?;
        map.serialize_entry("sources", &SourceChain(self.0))?;
        map.end()
    }
}

/// The error's `Debug`, streamed as a string.
pub(crate) struct DebugText<'a, E: ?Sized>(pub(crate) &'a E);

impl<E: ApiError + ?Sized> Serialize for DebugText<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("{:?}", self.0))
    }
}

/// Each cause's `Display`, outermost first.
pub(crate) struct SourceChain<'a, E: ?Sized>(pub(crate) &'a E);

impl<E: ApiError + ?Sized> Serialize for SourceChain<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        let mut next = self.0.source_error();
        // A cycle in a hand-written `source` chain must not hang rendering.
        let mut depth = 0;
        while let Some(cause) = next {
            if depth == 64 {
                break;
            }
            seq.serialize_element(&format_args!("{cause}"))?;
            next = cause.source();
            depth += 1;
        }
        seq.end()
    }
}

/// A [`Serialize`] view of an error in a [`Format`]; made by
/// [`ApiError::envelope`] and [`ApiError::envelope_as`].
///
/// Serializing it allocates nothing of its own: codes and static messages are
/// written as they are, templates are streamed into the serializer.
pub struct Envelope<'a, E: ?Sized, F> {
    error: &'a E,
    format: F,
    context: Context<'a>,
}

impl<'a, E: ApiError + ?Sized, F: Format> Envelope<'a, E, F> {
    /// `error` in `format`, rendered with `context`.
    pub fn new(error: &'a E, format: F, context: Context<'a>) -> Self {
        Envelope {
            error,
            format,
            context,
        }
    }

    /// The same envelope rendered with another context.
    #[must_use]
    pub fn with_context(self, context: Context<'a>) -> Self {
        Envelope { context, ..self }
    }

    /// The error this envelope renders.
    pub fn error(&self) -> &'a E {
        self.error
    }

    /// The HTTP response: the error's status, the format's `content-type`,
    /// `Retry-After` in whole seconds (rounded up, saturating) when the error
    /// has a retry delay, and the JSON body.
    ///
    /// With errbook's `tracing` feature, a 5xx response emits one `ERROR`
    /// event carrying the code, status, message, `Debug`, source chain and
    /// the context's request id, so the cause is logged while the body stays
    /// generic.
    ///
    /// The body is written by the format's
    /// [`write_json`](Format::write_json) into a buffer sized from the
    /// error's catalog entry, so that it is one allocation in the common
    /// case.
    ///
    /// Rendering never panics. If a field's `Serialize` fails, the body is
    /// rendered without the extra members; if the message's `Display` fails
    /// too, the body is empty and `content-type` is left out.
    pub fn to_response(&self) -> http::Response<Vec<u8>> {
        #[cfg(feature = "tracing")]
        crate::trace::server_error(self.error, self.context.instance());
        if let Some(text) = self
            .error
            .unknown()
            .and_then(|unknown| unknown.text_in(F::NAME))
        {
            return received_text(self.error.status(), text);
        }
        // Sized from the entry, so that the body is the response's one
        // allocation in the common case.
        let mut body = Vec::with_capacity(super::json::capacity(self.error, &self.context));
        let mut rendered = self.write_json(&mut body).is_ok();
        if !rendered {
            // A field's `Serialize` (or the message's `Display`) failed:
            // again without the extra members.
            body.clear();
            rendered = self
                .format
                .write_json(&WithoutFields(self.error), &self.context, &mut body)
                .is_ok();
        }
        if !rendered {
            body.clear();
        }
        let mut response = http::Response::new(Vec::new());
        *response.status_mut() = self.error.status();
        if rendered {
            response.headers_mut().insert(
                http::header::CONTENT_TYPE,
                http::HeaderValue::from_static(F::CONTENT_TYPE),
            );
            *response.body_mut() = body;
        }
        if let Some(delay) = self.error.retry_after() {
            response.headers_mut().insert(
                http::header::RETRY_AFTER,
                seconds_header(crate::retry_after::whole_seconds(delay)),
            );
        }
        response
    }
}

/// The response of an unknown error read from a body that was not JSON:
/// its text again, `text/plain` (whatever it was, it is served as text).
#[cold]
fn received_text(status: http::StatusCode, text: &str) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(text.as_bytes().to_vec());
    *response.status_mut() = status;
    if !text.is_empty() {
        response.headers_mut().insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("text/plain; charset=utf-8"),
        );
    }
    response
}

/// `seconds` as a header value, in one allocation (`HeaderValue::from(u64)`
/// makes two).
fn seconds_header(seconds: u64) -> http::HeaderValue {
    let mut digits = [0_u8; 20];
    let mut at = digits.len();
    let mut rest = seconds;
    loop {
        at -= 1;
        // `rest % 10` is a digit.
        #[allow(clippy::cast_possible_truncation)]
        let digit = (rest % 10) as u8;
        digits[at] = b'0' + digit;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    // Digits are always a valid header value; the fallback is never taken.
    http::HeaderValue::from_bytes(&digits[at..])
        .unwrap_or_else(|_| http::HeaderValue::from(seconds))
}

impl<E: ApiError + ?Sized, F: Format> Envelope<'_, E, F> {
    /// Appends the JSON body to `out`: the bytes serializing the envelope
    /// with `serde_json` makes, written by the format's
    /// [`write_json`](Format::write_json). On error, `out` may hold part of
    /// the body.
    ///
    /// ```
    /// use errbook::ApiError;
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api(code = "NOT_FOUND", status = 404, message = "No such page.")]
    /// struct NotFound;
    ///
    /// let mut out = Vec::with_capacity(128);
    /// NotFound.envelope().write_json(&mut out).unwrap();
    /// assert_eq!(out, br#"{"error":{"code":"NOT_FOUND","message":"No such page."}}"#);
    /// ```
    pub fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        if let Some(json) = self.received_json() {
            out.extend_from_slice(json.as_bytes());
            return Ok(());
        }
        self.format.write_json(self.error, &self.context, out)
    }

    /// The JSON an [`Unknown`](crate::Unknown) was read from, when this is
    /// its format: the body it renders, as received.
    #[inline]
    fn received_json(&self) -> Option<&str> {
        self.error
            .unknown()
            .and_then(|unknown| unknown.json_in(F::NAME))
    }
}

impl<E: ApiError + ?Sized, F: Format> Serialize for Envelope<'_, E, F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The JSON was read by `serde_json` already; it parses again.
        if let Some(Ok(raw)) = self
            .received_json()
            .map(serde_json::from_str::<&serde_json::value::RawValue>)
        {
            return raw.serialize(serializer);
        }
        self.format.serialize(self.error, &self.context, serializer)
    }
}

impl<E: ApiError + ?Sized, F: fmt::Debug> fmt::Debug for Envelope<'_, E, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Envelope")
            .field("error", &self.error)
            .field("format", &self.format)
            .field("context", &self.context)
            .finish()
    }
}

impl<F: Format + ?Sized> Format for &F {
    const CONTENT_TYPE: &'static str = F::CONTENT_TYPE;
    const RESERVED: &'static [&'static str] = F::RESERVED;
    const NAME: &'static str = F::NAME;
    const NONE: super::NoneAs = F::NONE;

    fn decode<'a>(
        &self,
        body: &'a [u8],
    ) -> Result<crate::decode::Parts<'a>, crate::decode::DecodeErrorKind> {
        (**self).decode(body)
    }

    #[inline]
    fn decode_into<'a>(
        &self,
        body: &'a [u8],
        parts: &mut crate::decode::Parts<'a>,
    ) -> Result<(), crate::decode::Unread> {
        (**self).decode_into(body, parts)
    }

    fn write_json<E: ApiError + ?Sized>(
        &self,
        error: &E,
        context: &Context<'_>,
        out: &mut Vec<u8>,
    ) -> Result<(), serde_json::Error> {
        (**self).write_json(error, context, out)
    }

    fn serialize<E, S>(
        &self,
        error: &E,
        context: &super::Context<'_>,
        serializer: S,
    ) -> Result<S::Ok, S::Error>
    where
        E: ApiError + ?Sized,
        S: Serializer,
    {
        (**self).serialize(error, context, serializer)
    }
}

/// An error with its extra members left out: the fallback when a field
/// cannot be serialized.
struct WithoutFields<'a, E: ?Sized>(&'a E);

impl<E: ApiError + ?Sized> fmt::Debug for WithoutFields<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl<E: ApiError + ?Sized> ApiError for WithoutFields<'_, E> {
    type Format = E::Format;
    const CATALOG: &'static crate::Catalog = E::CATALOG;

    fn entry(&self) -> Option<crate::catalog::Entry> {
        self.0.entry()
    }

    fn code(&self) -> crate::Code<'_> {
        self.0.code()
    }

    fn status(&self) -> http::StatusCode {
        self.0.status()
    }

    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_message(f)
    }

    fn fmt_arg(&self, slot: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_arg(slot, f)
    }

    fn retry_after(&self) -> Option<core::time::Duration> {
        self.0.retry_after()
    }

    fn source_error(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source_error()
    }

    fn doc(&self) -> Option<&'static str> {
        self.0.doc()
    }

    fn title(&self) -> Option<&'static str> {
        self.0.title()
    }

    fn domain(&self) -> Option<&'static str> {
        self.0.domain()
    }

    fn has_status(&self) -> bool {
        self.0.has_status()
    }

    fn docs_template(&self) -> Option<&'static str> {
        self.0.docs_template()
    }

    fn unknown(&self) -> Option<&crate::Unknown> {
        self.0.unknown()
    }
}
