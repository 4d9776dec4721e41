//! Envelope formats: how an error is laid out as a JSON body.
//!
//! A format is a unit type implementing [`Format`]. errbook ships
//! [`Nested`] (the default), [`Problem`] (RFC 9457), [`Matrix`], [`Detail`]
//! (FastAPI) and [`Google`] (AIP-193); a format of your own is one more such
//! type:
//!
//! ```
//! use errbook::{ApiError, Context, Format};
//! use errbook::format::ExtraMembers;
//! use serde::ser::{SerializeMap, Serializer};
//!
//! /// `{"status": "error", "error_code": …, "message": …, …fields}`
//! #[derive(Clone, Copy, Debug, Default)]
//! struct Flat;
//!
//! impl Format for Flat {
//!     const RESERVED: &'static [&'static str] = &["status", "error_code", "message"];
//!
//!     fn serialize<E, S>(&self, error: &E, context: &Context<'_>, serializer: S) -> Result<S::Ok, S::Error>
//!     where
//!         E: ApiError + ?Sized,
//!         S: Serializer,
//!     {
//!         let mut map = serializer.serialize_map(None)?;
//!         map.serialize_entry("status", "error")?;
//!         map.serialize_entry("error_code", &error.code())?;
//!         map.serialize_entry("message", &error.message())?;
//!         ExtraMembers::new(error, Self::RESERVED).write(&mut map)?;
//!         context.write_details(error, &mut map)?; // development mode only
//!         map.end()
//!     }
//! }
//!
//! #[derive(Debug, ApiError)]
//! #[api(code = "QUOTA", status = 429, message = "Quota exceeded.")]
//! struct Quota;
//!
//! let body = serde_json::to_string(&Quota.envelope_as(Flat)).unwrap();
//! assert_eq!(body, r#"{"status":"error","error_code":"QUOTA","message":"Quota exceeded."}"#);
//! ```

mod detail;
mod docs;
mod envelope;
mod extra;
mod google;
mod google_decode;
mod json;
mod matrix;
mod nested;
mod problem;

pub use detail::Detail;
pub use docs::DocsUrl;
pub use envelope::{Context, Envelope, development_mode, set_development_mode};
pub use extra::ExtraMembers;
pub use google::{Google, grpc_status_name};
pub use matrix::Matrix;
pub use nested::Nested;
pub use problem::Problem;

use crate::ApiError;
use crate::decode::{DecodeErrorKind, Parts, Unread};
use serde::Serializer;

/// How an exposed `Option` field that is `None` is written: see
/// [`Format::NONE`] and the field key `none = "omit" | "null"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NoneAs {
    /// The member is left out of the body.
    Omit,
    /// The member is written as `null`.
    Null,
}

/// An envelope format: writes an error as a JSON body.
///
/// Implementations are unit types (`Copy + Default`), chosen per type with
/// `#[api(format = …)]` and per call with
/// [`ApiError::envelope_as`] / [`ApiError::to_response_as`]. Every call
/// that takes a format takes it by value, rendering and decoding alike
/// ([`Parse::from_parts_as`](crate::Parse::from_parts_as),
/// [`RawError::read`](crate::decode::RawError::read)), so one value serves
/// both; a reference to a format is a format too.
pub trait Format {
    /// The `content-type` of a response in this format.
    const CONTENT_TYPE: &'static str = "application/json";

    /// The member names the format writes itself, next to an error's extra
    /// fields. The derive rejects a `field` with one of these names for the
    /// type's own format; when an error is rendered in another format whose
    /// member collides with one of its fields, the format's member is kept and
    /// the field is left out of that body, so a body never has a duplicate
    /// key.
    const RESERVED: &'static [&'static str];

    /// The format's name in messages (`"nested"`, `"problem"`, …).
    const NAME: &'static str = "custom";

    /// How an exposed `Option` field that is `None` is written, unless the
    /// field says otherwise (`#[api(field, none = "omit")]`): left out, as
    /// problem+json, Matrix and Google do, or `null`, as nested does (and,
    /// by default, a format of your own).
    const NONE: NoneAs = NoneAs::Null;

    /// Reads a body in this format back into its parts: the code, the
    /// message and the other members, borrowed from the body. A format that
    /// cannot be read back keeps this default, which says so.
    ///
    /// A format whose code and message are members of one object (wrapped
    /// in another or not) describes where with a
    /// [`Layout`](crate::decode::Layout) and reads the body in one pass with
    /// [`Parts::read`]; any other shape builds its [`Parts`] itself (the
    /// extra members are borrowed raw JSON, in
    /// [`Members`](crate::decode::Members)).
    ///
    /// ```
    /// use errbook::decode::{DecodeErrorKind, Layout, Parts, RawError};
    /// use errbook::http::{HeaderMap, StatusCode};
    /// use errbook::{ApiError, Context, Format};
    /// use serde::Serializer;
    ///
    /// /// `{"status": "error", "error_code": …, "message": …, …fields}`
    /// #[derive(Clone, Copy, Debug, Default)]
    /// struct Flat;
    ///
    /// impl Format for Flat {
    ///     const RESERVED: &'static [&'static str] = &["status", "error_code", "message"];
    ///     const NAME: &'static str = "flat";
    ///
    ///     fn decode<'a>(&self, body: &'a [u8]) -> Result<Parts<'a>, DecodeErrorKind> {
    ///         const LAYOUT: Layout<'static> =
    ///             Layout::new(Flat::NAME, r#"{"error_code": …, "message": …}"#)
    ///                 .code("error_code")
    ///                 .message("message")
    ///                 .own(&["status"]);
    ///         Parts::read(body, &LAYOUT)
    ///     }
    ///
    ///     // …
    /// #    fn serialize<E, S>(&self, _: &E, _: &Context<'_>, serializer: S) -> Result<S::Ok, S::Error>
    /// #    where
    /// #        E: ApiError + ?Sized,
    /// #        S: Serializer,
    /// #    {
    /// #        serializer.serialize_unit()
    /// #    }
    /// }
    ///
    /// let body = br#"{"status":"error","error_code":"QUOTA","message":"Quota exceeded.","limit":10}"#;
    /// let raw = RawError::read(Flat, StatusCode::TOO_MANY_REQUESTS, &HeaderMap::new(), body).unwrap();
    /// assert_eq!(raw.code().unwrap(), "QUOTA");
    /// assert_eq!(raw.member::<u32>("limit").unwrap(), 10);
    /// ```
    fn decode<'a>(&self, body: &'a [u8]) -> Result<Parts<'a>, DecodeErrorKind> {
        let _ = body;
        Err(DecodeErrorKind::Unsupported { format: Self::NAME })
    }

    /// [`decode`](Format::decode), writing the parts into `parts` (which
    /// holds none yet) rather than returning them: what the decoders call.
    /// The built-in formats read their bodies in place, which spares
    /// moving a few hundred bytes of parts from frame to frame, and say
    /// when a body they refuse was read whole as JSON first; the default
    /// calls `decode`. On error, `parts` may hold some parts; the caller
    /// discards them.
    #[doc(hidden)]
    #[inline]
    fn decode_into<'a>(&self, body: &'a [u8], parts: &mut Parts<'a>) -> Result<(), Unread> {
        *parts = self.decode(body)?;
        Ok(())
    }

    /// Writes the JSON body of `error` into `out`: the bytes
    /// `serde_json::to_vec(&error.envelope_as(format))` makes under
    /// `context`, appended to what `out` holds.
    /// [`Envelope::to_response`] renders through it.
    ///
    /// By default, [`serialize`](Format::serialize) with a `serde_json`
    /// serializer writing into `out`, so a format of your own needs nothing
    /// more. The built-in formats override it with a direct writer: the
    /// member names as byte literals, the code and the template's literal
    /// runs copied from the error's [`entry`](ApiError::entry), where the
    /// derive stored them already escaped for JSON, and only placeholder
    /// values, extra members and the request id written at run time. (So
    /// for them an error with an entry is rendered from that entry: a
    /// hand-written impl that returns one keeps its `code` and
    /// `fmt_message` the entry's, as the provided methods are.)
    ///
    /// On error, `out` may hold part of the body; the caller discards it.
    ///
    /// ```
    /// use errbook::{ApiError, Context, Format, format::Problem};
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api(code = "QUOTA", status = 429, message = "Quota of {limit} exceeded.")]
    /// struct Quota { limit: u32 }
    ///
    /// let mut out = Vec::with_capacity(256);
    /// Problem.write_json(&Quota { limit: 10 }, &Context::production(), &mut out).unwrap();
    /// assert_eq!(out, serde_json::to_vec(&Quota { limit: 10 }.envelope_as(Problem)).unwrap());
    /// ```
    fn write_json<E: ApiError + ?Sized>(
        &self,
        error: &E,
        context: &Context<'_>,
        out: &mut Vec<u8>,
    ) -> Result<(), serde_json::Error> {
        json::via_serde(self, error, context, out)
    }

    /// Writes `error` with `serializer`.
    fn serialize<E, S>(
        &self,
        error: &E,
        context: &Context<'_>,
        serializer: S,
    ) -> Result<S::Ok, S::Error>
    where
        E: ApiError + ?Sized,
        S: Serializer;

    /// The response of `error` in this format, in the current request's
    /// context: what [`ApiError::to_response_as`] returns. The built-in
    /// formats write it in non-generic code, compiled once in errbook.
    #[doc(hidden)]
    fn __respond(self, error: crate::erased::DynError<'_>) -> http::Response<Vec<u8>>
    where
        Self: Sized,
    {
        crate::erased::respond(self, error)
    }
}

/// A built-in format's [`Names`](crate::decode::Names): its layout's
/// names as literals, compared as such (the compiler turns each comparison
/// with a literal into a length and integer comparison), where the
/// layout's own names are compared at run time. `literal_names_are_the_layouts`
/// checks each against its layout.
macro_rules! literal_names {
    (
        $(#[$meta:meta])*
        $name:ident for $layout:expr,
        wrapper: [$($wrapper:literal),*],
        code: [$($code:literal),*],
        message: [$($message:literal),*],
        extra: [$($extra:literal),*],
        own: [$($own:literal),*]
        $(, extra_text: $text:expr)? $(,)?
    ) => {
        $(#[$meta])*
        pub(crate) struct $name;

        impl crate::decode::Names for $name {
            $(const EXTRA_TEXT: bool = $text;)?

            #[inline]
            fn layout(&self) -> &crate::decode::Layout<'_> {
                &$layout
            }

            #[inline]
            fn is_wrapper(&self, name: &str) -> bool {
                let _ = name;
                false $(|| name == $wrapper)*
            }

            #[inline]
            fn is_code(&self, name: &str) -> bool {
                let _ = name;
                false $(|| name == $code)*
            }

            #[inline]
            fn is_message(&self, name: &str) -> bool {
                let _ = name;
                false $(|| name == $message)*
            }

            #[inline]
            fn is_extra(&self, name: &str) -> bool {
                let _ = name;
                false $(|| name == $extra)*
            }

            #[inline]
            fn is_own(&self, name: &str) -> bool {
                let _ = name;
                false $(|| name == $own)*
            }
        }
    };
}
use literal_names;

/// A built-in format's [`Format::decode`]: its `decode_into`, into fresh
/// parts.
#[inline]
fn decode_fresh<'a, F: Format + ?Sized>(
    format: &F,
    body: &'a [u8],
) -> Result<Parts<'a>, DecodeErrorKind> {
    let mut parts = Parts::default();
    format
        .decode_into(body, &mut parts)
        .map_err(|unread| unread.kind)?;
    Ok(parts)
}

/// The built-in formats' [`Format::__respond`], monomorphic.
macro_rules! respond_here {
    () => {
        fn __respond(self, error: crate::erased::DynError<'_>) -> http::Response<Vec<u8>> {
            crate::erased::respond(self, error)
        }
    };
}
use respond_here;

#[cfg(test)]
mod tests {
    use super::detail::DetailNames;
    use super::matrix::MatrixNames;
    use super::nested::NestedNames;
    use super::problem::ProblemNames;
    use crate::decode::{Dynamic, Names};

    /// A built-in format's literal names say of every name what its layout
    /// says.
    fn agree<N: Names>(names: &N, extra: Option<&str>) {
        let layout = names.layout();
        let dynamic = Dynamic { layout, extra };
        let mut all: Vec<&str> = [layout.wrapper, layout.code, layout.message, extra]
            .into_iter()
            .flatten()
            .chain(layout.own.iter().copied())
            .collect();
        all.extend([
            "",
            "id",
            "code",
            "message",
            "error",
            "errcode",
            "detail",
            "details",
            "type",
            "title",
            "status",
            "instance",
            "Code",
            "codes",
            "cod",
            "request_id",
            "errors",
        ]);
        for name in all {
            assert_eq!(names.is_wrapper(name), dynamic.is_wrapper(name), "{name}");
            assert_eq!(names.is_code(name), dynamic.is_code(name), "{name}");
            assert_eq!(names.is_message(name), dynamic.is_message(name), "{name}");
            assert_eq!(names.is_extra(name), dynamic.is_extra(name), "{name}");
            assert_eq!(names.is_own(name), dynamic.is_own(name), "{name}");
        }
    }

    #[test]
    fn literal_names_are_the_layouts() {
        agree(&NestedNames, None);
        agree(&MatrixNames, None);
        agree(&ProblemNames, Some("type"));
        agree(&DetailNames, None);
    }
}
