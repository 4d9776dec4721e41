use serde::ser::{SerializeMap, Serializer};

use super::{Context, ExtraMembers, Format, NoneAs, json};
use crate::ApiError;
use crate::decode::{DecodeErrorKind, Layout, Parts, Unread};
use crate::violations::render::{Shape, write_member};

/// The Matrix client-server API's errors: `{"errcode": …, "error": …}` with
/// the fields as top-level members.
///
/// ```
/// use errbook::{ApiError, format::Matrix};
///
/// #[derive(Debug, ApiError)]
/// #[api(format = matrix, prefix = "M_")]
/// enum MatrixError {
///     /// Too many requests have been sent in a short period of time.
///     #[api(status = 429, message = "Too many requests")]
///     LimitExceeded { #[api(field, retry_after = "ms")] retry_after_ms: u64 },
/// }
///
/// let err = MatrixError::LimitExceeded { retry_after_ms: 2000 };
/// let response = err.to_response();
/// assert_eq!(response.headers()["retry-after"], "2");
/// assert_eq!(
///     response.body().as_slice(),
///     br#"{"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests","retry_after_ms":2000}"#,
/// );
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Matrix;

impl Format for Matrix {
    super::respond_here!();

    const RESERVED: &'static [&'static str] = &["errcode", "error", "violations", "details"];
    const NAME: &'static str = "matrix";
    const NONE: NoneAs = NoneAs::Omit;

    fn decode<'a>(&self, body: &'a [u8]) -> Result<Parts<'a>, DecodeErrorKind> {
        super::decode_fresh(self, body)
    }

    #[inline]
    fn decode_into<'a>(&self, body: &'a [u8], parts: &mut Parts<'a>) -> Result<(), Unread> {
        Parts::read_by(body, &MatrixNames, parts)
    }

    /// `{"errcode":…,"error":…,…fields,"request_id":…,"details":…}` written
    /// directly from the entry.
    fn write_json<E: ApiError + ?Sized>(
        &self,
        error: &E,
        context: &Context<'_>,
        out: &mut Vec<u8>,
    ) -> Result<(), serde_json::Error> {
        let Some(entry) = error.entry() else {
            return json::via_serde(self, error, context, out);
        };
        out.extend_from_slice(br#"{"errcode":"#);
        out.extend_from_slice(entry.code_json().as_bytes());
        out.extend_from_slice(br#","error":"#);
        json::message(out, error, entry)?;
        let taken = json::members(out, error, Self::RESERVED, Self::NONE, "request_id")?;
        json::violations(out, error, "violations", Shape::Members)?;
        json::instance(out, context, "request_id", taken);
        json::details(out, error, context)?;
        out.push(b'}');
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
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("errcode", &error.code())?;
        map.serialize_entry("error", &error.message())?;
        ExtraMembers::new(error, Self::RESERVED)
            .none_as(Self::NONE)
            .write(&mut map)?;
        write_member(&mut map, error, "violations", Shape::Members)?;
        context.write_instance(error, "request_id", &mut map)?;
        context.write_details(error, &mut map)?;
        map.end()
    }
}

/// Where a Matrix body keeps the parts.
const LAYOUT: Layout<'static> = Layout::new(Matrix::NAME, r#"{"errcode": …, "error": …}"#)
    .code("errcode")
    .message("error")
    .own(&["details"]);

super::literal_names! {
    /// [`LAYOUT`]'s names, as literals.
    MatrixNames for LAYOUT,
    wrapper: [],
    code: ["errcode"],
    message: ["error"],
    extra: [],
    own: ["details"],
}
