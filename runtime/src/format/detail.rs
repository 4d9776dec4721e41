use serde::ser::{SerializeMap, Serializer};

use super::{Context, Format, NoneAs, json};
use crate::ApiError;
use serde::de::DeserializeSeed;
use serde_json::value::RawValue;

use crate::decode::{
    DecodeErrorKind, Found, Layout, Members, Names, Parts, ReadScalar, Scalar, Unread, body_text,
    read_message, sort_by,
};
use crate::violations::render::{List, Shape};

/// FastAPI's `HTTPException` body: `{"detail": …}`, the message alone.
///
/// The code and the extra fields are not part of this shape and are left
/// out; the status travels in the response's status line.
///
/// ```
/// use errbook::{ApiError, format::Detail};
///
/// #[derive(Debug, ApiError)]
/// #[api(format = detail)]
/// enum StorageError {
///     #[api(status = 507, message = "Storage quota exceeded. Used {used} MB of {limit} MB.")]
///     QuotaExceeded { used: u64, limit: u64 },
/// }
///
/// let err = StorageError::QuotaExceeded { used: 1030, limit: 1024 };
/// assert_eq!(
///     serde_json::to_string(&err.envelope()).unwrap(),
///     r#"{"detail":"Storage quota exceeded. Used 1030 MB of 1024 MB."}"#,
/// );
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Detail;

impl Format for Detail {
    super::respond_here!();

    const RESERVED: &'static [&'static str] = &["detail", "details"];
    const NAME: &'static str = "detail";
    const NONE: NoneAs = NoneAs::Omit;

    /// The body carries no code: the parts hold the message alone, and the
    /// decoder chooses the variant by status and message.
    fn decode<'a>(&self, body: &'a [u8]) -> Result<Parts<'a>, DecodeErrorKind> {
        super::decode_fresh(self, body)
    }

    #[inline]
    fn decode_into<'a>(&self, body: &'a [u8], parts: &mut Parts<'a>) -> Result<(), Unread> {
        let mut found = Found::default();
        let json = body_text(body)?;
        // The usual body's `detail` is a string, read as such; any other
        // body's `detail` is looked at first, and kept raw if it is not a
        // string (FastAPI's 422 list), without a second parse.
        if json.starts_with(r#"{"detail":""#) {
            sort_by(json, &DetailNames, Some(&mut parts.members), &mut found)?;
        } else {
            sort_by(json, &Peek(json), Some(&mut parts.members), &mut found)?;
        }
        match found.message {
            // The usual body: a string, as the pass read it.
            Some(Scalar::Str(detail)) => {
                parts.message = Some(detail);
                Ok(())
            }
            Some(detail) if detail.is_string() => {
                parts.message = read_message(Some(detail), "detail")?;
                Ok(())
            }
            // FastAPI's 422: a list of violations, kept as the member
            // `detail` for the variant that carries them. The pass keeps a
            // `detail` that is not a string raw ([`Peek`]), unless its name
            // has escapes.
            Some(Scalar::Raw(detail))
                if let Some(list) = detail_list(body, Some(detail), &parts.members) =>
            {
                parts.members.push("detail", list);
                Ok(())
            }
            Some(Scalar::Other) if let Some(list) = detail_list(body, None, &parts.members) => {
                parts.members.push("detail", list);
                Ok(())
            }
            // The whole body was read first.
            _ => Err(Unread {
                kind: LAYOUT.shape(),
                json: true,
            }),
        }
    }

    /// `{"detail":…,"request_id":…,"details":…}` written directly from the
    /// entry.
    fn write_json<E: ApiError + ?Sized>(
        &self,
        error: &E,
        context: &Context<'_>,
        out: &mut Vec<u8>,
    ) -> Result<(), serde_json::Error> {
        let Some(entry) = error.entry() else {
            return json::via_serde(self, error, context, out);
        };
        out.extend_from_slice(br#"{"detail":"#);
        match error.violations() {
            Some(violations) => {
                serde_json::to_writer(&mut *out, &List(violations, Shape::FastApi))?;
            }
            None => json::message(out, error, entry)?,
        }
        // The fields are not written, but one called `request_id` still
        // keeps the id out, as `Context::write_instance` does.
        let taken = context.instance().is_some() && json::has_field(error, "request_id");
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
        match error.violations() {
            Some(violations) => map.serialize_entry("detail", &List(violations, Shape::FastApi))?,
            None => map.serialize_entry("detail", &error.message())?,
        }
        context.write_instance(error, "request_id", &mut map)?;
        context.write_details(error, &mut map)?;
        map.end()
    }
}

/// The list to keep of a body whose first `detail` is not a string: the
/// last `detail` member, when it is a list and the first is neither a
/// string, an integer nor `null` ([`Scalar::Other`] to the strict pass).
/// The usual body (one `detail`, a list, kept raw by the pass as `first`)
/// is answered from `first` alone; another (more `detail` members, which
/// the pass kept in `members`, or a first one not kept raw) is read again.
fn detail_list<'a>(
    body: &'a [u8],
    first: Option<&'a RawValue>,
    members: &Members<'a>,
) -> Option<&'a RawValue> {
    if let Some(first) = first {
        let more = members.get("detail").is_some();
        if !more && first.get().starts_with('[') {
            return Some(first);
        }
        let mut deserializer = serde_json::Deserializer::from_str(first.get());
        if !more || !matches!(ReadScalar.deserialize(&mut deserializer), Ok(Scalar::Other)) {
            return None;
        }
    }
    let members: crate::violations::read::Object<'_> = serde_json::from_slice(body).ok()?;
    let detail = *members.get("detail")?;
    detail.get().starts_with('[').then_some(detail)
}

/// Where a FastAPI body keeps the message; it has no code.
const LAYOUT: Layout<'static> = Layout::new(Detail::NAME, r#"{"detail": "…"}"#)
    .message("detail")
    .own(&["details"]);

super::literal_names! {
    /// [`LAYOUT`]'s names, as literals.
    DetailNames for LAYOUT,
    wrapper: [],
    code: [],
    message: ["detail"],
    extra: [],
    own: ["details"],
}

/// [`DetailNames`] in the body `.0`, with the message kept raw when it is
/// not a string ([`Names::MESSAGE_RAW`]).
struct Peek<'j>(&'j str);

impl Names for Peek<'_> {
    const MESSAGE_RAW: bool = true;

    #[inline]
    fn json(&self) -> Option<&str> {
        Some(self.0)
    }

    #[inline]
    fn layout(&self) -> &Layout<'_> {
        DetailNames.layout()
    }

    #[inline]
    fn is_wrapper(&self, name: &str) -> bool {
        DetailNames.is_wrapper(name)
    }

    #[inline]
    fn is_code(&self, name: &str) -> bool {
        DetailNames.is_code(name)
    }

    #[inline]
    fn is_message(&self, name: &str) -> bool {
        DetailNames.is_message(name)
    }

    #[inline]
    fn is_extra(&self, name: &str) -> bool {
        DetailNames.is_extra(name)
    }

    #[inline]
    fn is_own(&self, name: &str) -> bool {
        DetailNames.is_own(name)
    }
}
