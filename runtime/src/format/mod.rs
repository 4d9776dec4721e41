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
use crate::decode::{DecodeErrorKind, Object, Parts, read_code, read_message};
use serde::Serializer;

/// Reads the common parts of an error object: the code under `code_key`
/// (a string or an integer), the message under `message_key` (a string, or
/// absent), and every other member less `skip`.
pub(crate) fn read_parts<'a>(
    mut object: Object<'a>,
    format: &'static str,
    code_key: &str,
    message_key: &str,
    skip: &[&str],
) -> Result<Parts<'a>, DecodeErrorKind> {
    let code = read_code(object.take(code_key), format, code_key)?;
    let message = read_message(object.take(message_key), message_key)?;
    object.0.retain(|(name, _)| !skip.contains(&&**name));
    Ok(Parts {
        code,
        message,
        members: object.0,
    })
}

/// An envelope format: writes an error as a JSON body.
///
/// Implementations are unit types (`Copy + Default`), chosen per type with
/// `#[api(format = …)]` and per call with
/// [`ApiError::envelope_as`] / [`ApiError::to_response_as`].
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

    /// Reads a body in this format back into its parts: the code, the
    /// message and the other members. A format that cannot be read back
    /// keeps this default, which says so.
    fn decode<'a>(&self, body: &'a [u8]) -> Result<Parts<'a>, DecodeErrorKind> {
        let _ = body;
        Err(DecodeErrorKind::Unsupported { format: Self::NAME })
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
}
