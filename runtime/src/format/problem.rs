use serde::ser::{SerializeMap, Serializer};

use super::{Context, ExtraMembers, Format, NoneAs, json};
use crate::ApiError;
use crate::decode::{
    DecodeErrorKind, Found, Layout, Parts, RawCode, Scalar, Unread, body_text, read_code,
    read_message, sort_by,
};
use crate::violations::render::{Shape, write_member};

/// RFC 9457 problem details, `content-type: application/problem+json`:
/// `type`, `title`, `status`, `detail`, `instance` (when the context names
/// one), the code as `code`, and the fields as extension members.
///
/// `type` is the code's documentation URL when the type has
/// `#[api(docs = "https://…/{code}")]`, `about:blank` otherwise; `title` is
/// the variant's `title`, or the status's reason phrase.
///
/// ```
/// use errbook::{ApiError, format::Problem};
///
/// #[derive(Debug, ApiError)]
/// #[api(format = problem, docs = "https://example.com/probs/{code}")]
/// enum BillingError {
///     #[api(code = "out-of-credit", status = 403, title = "You do not have enough credit.",
///           message = "Your current balance is {balance}, but that costs {cost}.")]
///     OutOfCredit { #[api(field)] balance: u32, #[api(field)] cost: u32 },
/// }
///
/// let err = BillingError::OutOfCredit { balance: 30, cost: 50 };
/// let response = err.to_response();
/// assert_eq!(response.headers()["content-type"], "application/problem+json");
/// assert_eq!(
///     String::from_utf8(response.into_body()).unwrap(),
///     r#"{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"Your current balance is 30, but that costs 50.","code":"out-of-credit","balance":30,"cost":50}"#,
/// );
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Problem;

impl Format for Problem {
    super::respond_here!();

    const CONTENT_TYPE: &'static str = "application/problem+json";
    const RESERVED: &'static [&'static str] = &[
        "type", "title", "status", "detail", "instance", "code", "errors", "details",
    ];
    const NAME: &'static str = "problem";
    const NONE: NoneAs = NoneAs::Omit;

    /// The code is the `code` member; a problem without one (as RFC 9457's
    /// own examples are) is identified by its `type` URI, unless that is
    /// `about:blank` (or absent): such a problem has no code, and its
    /// `detail` and members are read all the same.
    fn decode<'a>(&self, body: &'a [u8]) -> Result<Parts<'a>, DecodeErrorKind> {
        super::decode_fresh(self, body)
    }

    #[inline]
    fn decode_into<'a>(&self, body: &'a [u8], parts: &mut Parts<'a>) -> Result<(), Unread> {
        let mut found = Found::default();
        sort_by(
            body_text(body)?,
            &ProblemNames,
            Some(&mut parts.members),
            &mut found,
        )?;
        parts.code = match (found.code, found.extra_text.and_then(Scalar::into_text)) {
            (None, Some(uri)) if uri != "about:blank" => Some(RawCode::Str(uri)),
            // Neither a code nor a type of its own: `about:blank`, RFC
            // 9457's default, a problem named by its status alone. Its
            // `detail` and members are still read; like a `detail` body, it
            // is recognised by status and fixed message.
            (None, _) => None,
            (code, _) => Some(read_code(code, Self::NAME, "code")?),
        };
        parts.message = read_message(found.message, "detail")?;
        Ok(())
    }

    /// `{"type":…,"title":…,"status":…,"detail":…,"instance":…,"code":…,
    /// …fields,"details":…}` written directly from the entry.
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
        out.extend_from_slice(br#"{"type":"#);
        match error.docs_url() {
            Some(url) => json::display(out, url).map_err(serde::ser::Error::custom)?,
            None => out.extend_from_slice(br#""about:blank""#),
        }
        out.extend_from_slice(br#","title":"#);
        json::string(
            out,
            error
                .title()
                .unwrap_or_else(|| crate::__private::reason(status)),
        );
        out.extend_from_slice(br#","status":"#);
        json::status(out, status);
        out.extend_from_slice(br#","detail":"#);
        json::message(out, error, entry)?;
        if let Some(instance) = context.instance() {
            out.extend_from_slice(br#","instance":"#);
            json::string(out, instance);
        }
        out.extend_from_slice(br#","code":"#);
        out.extend_from_slice(entry.code_json().as_bytes());
        json::members(out, error, Self::RESERVED, Self::NONE, "")?;
        json::violations(out, error, "errors", Shape::Problem)?;
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
        match error.docs_url() {
            Some(url) => map.serialize_entry("type", &url)?,
            None => map.serialize_entry("type", "about:blank")?,
        }
        map.serialize_entry(
            "title",
            error
                .title()
                .unwrap_or_else(|| crate::__private::reason(error.status())),
        )?;
        map.serialize_entry("status", &error.status().as_u16())?;
        map.serialize_entry("detail", &error.message())?;
        if let Some(instance) = context.instance() {
            map.serialize_entry("instance", instance)?;
        }
        map.serialize_entry("code", &error.code())?;
        ExtraMembers::new(error, Self::RESERVED)
            .none_as(Self::NONE)
            .write(&mut map)?;
        write_member(&mut map, error, "errors", Shape::Problem)?;
        context.write_details(error, &mut map)?;
        map.end()
    }
}

/// Where a problem keeps the parts: the code is `code`, or else the `type`
/// URI (the extra member).
const LAYOUT: Layout<'static> = Layout::new(
    Problem::NAME,
    r#"{"type": …, "title": …, "status": …, "detail": …}"#,
)
.code("code")
.message("detail")
.own(&["type", "title", "status", "instance", "details"]);

super::literal_names! {
    /// [`LAYOUT`]'s names, as literals, with `type` as the extra member,
    /// read as text in the pass.
    ProblemNames for LAYOUT,
    wrapper: [],
    code: ["code"],
    message: ["detail"],
    extra: ["type"],
    own: ["type", "title", "status", "instance", "details"],
    extra_text: true,
}
