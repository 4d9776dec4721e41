use core::fmt;

use serde::{Serialize, Serializer};

use super::Format;
use crate::ApiError;

/// How an envelope is rendered beyond the error itself.
///
/// [`Context::production`] is what [`ApiError::envelope`] and
/// [`ApiError::to_response`] use: nothing but the code, the message and the
/// fields marked `#[api(field)]` reaches the body.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Context<'a> {
    instance: Option<&'a str>,
}

impl<'a> Context<'a> {
    /// The production context: no source error, no `Debug` output, no field
    /// that is not marked `#[api(field)]`.
    pub const fn production() -> Self {
        Context { instance: None }
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
    /// Rendering never panics. If a field's `Serialize` fails, the body is
    /// rendered without the extra members; if the message's `Display` fails
    /// too, the body is empty and `content-type` is left out.
    pub fn to_response(&self) -> http::Response<Vec<u8>> {
        let body = serde_json::to_vec(self).ok().or_else(|| {
            serde_json::to_vec(&Envelope {
                error: &WithoutFields(self.error),
                format: &self.format,
                context: self.context,
            })
            .ok()
        });
        let mut response = http::Response::new(Vec::new());
        *response.status_mut() = self.error.status();
        if let Some(body) = body {
            response.headers_mut().insert(
                http::header::CONTENT_TYPE,
                http::HeaderValue::from_static(F::CONTENT_TYPE),
            );
            *response.body_mut() = body;
        }
        if let Some(delay) = self.error.retry_after() {
            response.headers_mut().insert(
                http::header::RETRY_AFTER,
                http::HeaderValue::from(crate::__private::whole_seconds(delay)),
            );
        }
        response
    }
}

impl<E: ApiError + ?Sized, F: Format> Serialize for Envelope<'_, E, F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
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

impl<F: Format> Format for &F {
    const CONTENT_TYPE: &'static str = F::CONTENT_TYPE;
    const RESERVED: &'static [&'static str] = F::RESERVED;

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

    fn code(&self) -> crate::Code<'_> {
        self.0.code()
    }

    fn status(&self) -> http::StatusCode {
        self.0.status()
    }

    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_message(f)
    }

    fn visit_fields<V: crate::FieldVisitor + ?Sized>(&self, _: &mut V) -> Result<(), V::Error> {
        Ok(())
    }

    fn retry_after(&self) -> Option<core::time::Duration> {
        self.0.retry_after()
    }

    fn description(&self) -> Option<&'static str> {
        self.0.description()
    }
}
