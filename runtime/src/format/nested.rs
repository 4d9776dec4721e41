use serde::ser::{Serialize, SerializeMap, Serializer};

use super::{Context, ExtraMembers, Format, json};
use crate::ApiError;
use crate::decode::{DecodeErrorKind, Layout, Parts, Unread};
use crate::violations::render::{Shape, write_member};

/// `{"error": {"code": …, "message": …, …fields}}`, the default format.
///
/// ```
/// use errbook::ApiError;
///
/// #[derive(Debug, ApiError)]
/// enum ChatError {
///     #[api(code = "FORBIDDEN", status = 403, message = "You do not have permission to perform this action.")]
///     Forbidden { #[api(field)] missing_permission: String },
/// }
///
/// let err = ChatError::Forbidden { missing_permission: "manage_messages".into() };
/// assert_eq!(
///     serde_json::to_string(&err.envelope()).unwrap(),
///     r#"{"error":{"code":"FORBIDDEN","message":"You do not have permission to perform this action.","missing_permission":"manage_messages"}}"#,
/// );
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Nested;

impl Format for Nested {
    super::respond_here!();

    const RESERVED: &'static [&'static str] = &["code", "message", "violations", "details"];
    const NAME: &'static str = "nested";

    fn decode<'a>(&self, body: &'a [u8]) -> Result<Parts<'a>, DecodeErrorKind> {
        super::decode_fresh(self, body)
    }

    #[inline]
    fn decode_into<'a>(&self, body: &'a [u8], parts: &mut Parts<'a>) -> Result<(), Unread> {
        Parts::read_by(body, &NestedNames, parts)
    }

    /// `{"error":{"code":…,"message":…,…fields,"request_id":…,"details":…}}`
    /// written directly from the entry.
    fn write_json<E: ApiError + ?Sized>(
        &self,
        error: &E,
        context: &Context<'_>,
        out: &mut Vec<u8>,
    ) -> Result<(), serde_json::Error> {
        let Some(entry) = error.entry() else {
            return json::via_serde(self, error, context, out);
        };
        out.extend_from_slice(br#"{"error":{"code":"#);
        out.extend_from_slice(entry.code_json().as_bytes());
        out.extend_from_slice(br#","message":"#);
        json::message(out, error, entry)?;
        let taken = json::members(out, error, Self::RESERVED, Self::NONE, "request_id")?;
        json::violations(out, error, "violations", Shape::Members)?;
        json::instance(out, context, "request_id", taken);
        json::details(out, error, context)?;
        out.extend_from_slice(b"}}");
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
        map.serialize_entry("error", &Inner { error, context })?;
        map.end()
    }
}

/// Where a nested body keeps the parts.
const LAYOUT: Layout<'static> =
    Layout::new(Nested::NAME, r#"{"error": {"code": …, "message": …}}"#)
        .wrapper("error")
        .code("code")
        .message("message")
        .own(&["details"]);

super::literal_names! {
    /// [`LAYOUT`]'s names, as literals.
    NestedNames for LAYOUT,
    wrapper: ["error"],
    code: ["code"],
    message: ["message"],
    extra: [],
    own: ["details"],
}

struct Inner<'a, 'c, E: ?Sized> {
    error: &'a E,
    context: &'a Context<'c>,
}

impl<E: ApiError + ?Sized> Serialize for Inner<'_, '_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", &self.error.code())?;
        map.serialize_entry("message", &self.error.message())?;
        ExtraMembers::new(self.error, Nested::RESERVED)
            .none_as(Nested::NONE)
            .write(&mut map)?;
        write_member(&mut map, self.error, "violations", Shape::Members)?;
        self.context
            .write_instance(self.error, "request_id", &mut map)?;
        self.context.write_details(self.error, &mut map)?;
        map.end()
    }
}
