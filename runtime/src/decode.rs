//! Reading an error response back into its parts, whatever the format: the
//! layer under the `#[api(parse)]` decoder.
//!
//! [`RawError::read`] takes a status, headers and body and returns the code,
//! message, extra members and `Retry-After` delay the body carries, or a
//! [`DecodeError`] that says what was wrong and keeps the raw body. It never
//! panics, whatever the bytes.
//!
//! ```
//! use errbook::decode::RawError;
//! use errbook::format::Matrix;
//! use errbook::http::{HeaderMap, StatusCode};
//!
//! let body = br#"{"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests","retry_after_ms":2000}"#;
//! let raw = RawError::read(&Matrix, StatusCode::TOO_MANY_REQUESTS, &HeaderMap::new(), body).unwrap();
//! assert_eq!(raw.code().unwrap(), "M_LIMIT_EXCEEDED");
//! assert_eq!(raw.message(), Some("Too many requests"));
//! assert_eq!(raw.member::<u64>("retry_after_ms").unwrap(), 2000);
//! assert_eq!(raw.member_raw("retry_after_ms").unwrap().get(), "2000");
//!
//! let err = RawError::read(&Matrix, StatusCode::BAD_GATEWAY, &HeaderMap::new(), b"<html>Bad gateway</html>").unwrap_err();
//! assert!(err.to_string().starts_with("the body is not JSON"));
//! assert_eq!(err.body(), b"<html>Bad gateway</html>");
//! ```
//!
//! A body is read in a single pass: the code and the message are borrowed
//! from it (copied only when they hold escapes), and every other member is
//! kept as its borrowed raw JSON text in [`Members`], read into a field's
//! type only when asked for.

use core::fmt;
use core::time::Duration;
use std::time::SystemTime;

use std::borrow::Cow;

use http::{HeaderMap, StatusCode};
use serde::Deserializer as _;
use serde::de::{DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::{Code, Format};

/// The largest body [`RawError::read`] parses: 1 MiB. An error body is a few
/// hundred bytes; anything larger is refused before parsing.
pub const MAX_BODY: usize = 1 << 20;

/// A code as read from a body: a string or an integer. A string code is
/// borrowed from the body, unless it has escapes.
///
/// ```
/// use errbook::Code;
/// use errbook::decode::RawCode;
///
/// let code = RawCode::from(Code::Str("M_FORBIDDEN"));
/// assert_eq!(code.as_code(), "M_FORBIDDEN");
/// let kept: RawCode<'static> = code.into_owned();
/// assert_eq!(kept, RawCode::Str("M_FORBIDDEN".into()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RawCode<'a> {
    /// A string code.
    Str(Cow<'a, str>),
    /// An integer code.
    Int(i64),
}

impl RawCode<'_> {
    /// The code as a [`Code`].
    pub fn as_code(&self) -> Code<'_> {
        match self {
            RawCode::Str(s) => Code::Str(s),
            RawCode::Int(i) => Code::Int(*i),
        }
    }

    /// The code, owning its text: to keep it after the body is gone.
    pub fn into_owned(self) -> RawCode<'static> {
        match self {
            RawCode::Str(s) => RawCode::Str(Cow::Owned(s.into_owned())),
            RawCode::Int(i) => RawCode::Int(i),
        }
    }
}

impl<'a> From<Code<'a>> for RawCode<'a> {
    fn from(code: Code<'a>) -> Self {
        match code {
            Code::Str(s) => RawCode::Str(Cow::Borrowed(s)),
            Code::Int(i) => RawCode::Int(i),
        }
    }
}

/// How many members [`Members`] holds before it allocates.
const INLINE: usize = 4;

/// One member: its name and its raw JSON value.
type Member<'a> = (Cow<'a, str>, &'a RawValue);

/// The members of an error body that are not the format's own, in the
/// body's order: each name with its value as borrowed raw JSON. A body's
/// first few members are held without allocating.
///
/// ```
/// use errbook::decode::Members;
/// use serde_json::value::RawValue;
///
/// let id: &RawValue = serde_json::from_str("7").unwrap();
/// let mut members = Members::new();
/// members.push("id", id);
/// assert_eq!(members.get("id").unwrap().get(), "7");
/// assert_eq!(members.len(), 1);
/// assert_eq!(members.iter().map(|(name, _)| name).collect::<Vec<_>>(), ["id"]);
/// ```
#[derive(Clone, Default)]
pub struct Members<'a> {
    len: usize,
    inline: [Option<Member<'a>>; INLINE],
    spill: Vec<Member<'a>>,
}

impl<'a> Members<'a> {
    /// No members.
    pub fn new() -> Self {
        Members::default()
    }

    /// Adds the member `name` with its raw JSON `value`, after the others.
    #[inline]
    pub fn push(&mut self, name: impl Into<Cow<'a, str>>, value: &'a RawValue) {
        let member = (name.into(), value);
        match self.inline.get_mut(self.len) {
            Some(slot) => *slot = Some(member),
            None => self.spill.push(member),
        }
        self.len += 1;
    }

    /// The raw JSON of the first member named `name`.
    pub fn get(&self, name: &str) -> Option<&'a RawValue> {
        self.entries()
            .find(|(member, _)| member == name)
            .map(|(_, value)| *value)
    }

    /// The members, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &'a RawValue)> + Clone + '_ {
        self.entries().map(|(name, value)| (&**name, *value))
    }

    /// How many members there are.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn entries(&self) -> impl Iterator<Item = &Member<'a>> + Clone + '_ {
        self.inline
            .iter()
            .map_while(Option::as_ref)
            .chain(&self.spill)
    }
}

impl fmt::Debug for Members<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<'a, N: Into<Cow<'a, str>>> Extend<(N, &'a RawValue)> for Members<'a> {
    fn extend<I: IntoIterator<Item = (N, &'a RawValue)>>(&mut self, members: I) {
        for (name, value) in members {
            self.push(name, value);
        }
    }
}

impl<'a, N: Into<Cow<'a, str>>> FromIterator<(N, &'a RawValue)> for Members<'a> {
    fn from_iter<I: IntoIterator<Item = (N, &'a RawValue)>>(members: I) -> Self {
        let mut all = Members::new();
        all.extend(members);
        all
    }
}

/// What a format reads from its body: the code (none for a format that
/// carries none, like FastAPI's `detail`), the message, and every other
/// member, in the body's order, as borrowed raw JSON.
#[derive(Clone, Debug, Default)]
pub struct Parts<'a> {
    /// The code.
    pub code: Option<RawCode<'a>>,
    /// The message.
    pub message: Option<Cow<'a, str>>,
    /// Every member that is not the format's own.
    pub members: Members<'a>,
}

impl<'a> Parts<'a> {
    /// Reads `body`, a JSON object laid out as `layout` says, in a single
    /// pass: the body's code (a string or an integer) and message (a string,
    /// absent or `null`) where the layout keeps them, and every other member
    /// but the format's own. The first member of a name counts; a later one
    /// of the code's or message's name is kept as a member.
    ///
    /// The body must be UTF-8 JSON (else [`DecodeErrorKind::NotJson`]), an
    /// object holding the layout's wrapper object if it has one (else
    /// [`DecodeErrorKind::Shape`]), with a code if the layout has one (else
    /// [`DecodeErrorKind::MissingCode`]) and a code and message of the right
    /// types (else [`DecodeErrorKind::Member`]). It is the whole of
    /// [`Format::decode`] for most formats; see [`Layout`].
    #[inline]
    pub fn read(body: &'a [u8], layout: &Layout<'_>) -> Result<Self, DecodeErrorKind> {
        let mut parts = Parts::default();
        let mut found = Found::default();
        sort(body_text(body)?, layout, &mut parts.members, &mut found)?;
        if let Some(key) = layout.code {
            parts.code = Some(read_code(found.code, layout.format, key)?);
        }
        if let Some(key) = layout.message {
            parts.message = read_message(found.message, key)?;
        }
        Ok(parts)
    }
}

/// Where a format keeps an error's parts in its JSON object, for
/// [`Parts::read`].
///
/// A format of your own that keeps the code and the message as members of
/// one object reads its bodies back with it:
///
/// ```
/// use errbook::decode::{DecodeErrorKind, Layout, Parts};
///
/// // `{"status": "error", "error_code": …, "message": …, …fields}`
/// const FLAT: Layout<'static> = Layout::new("flat", r#"{"error_code": …, "message": …}"#)
///     .code("error_code")
///     .message("message")
///     .own(&["status"]);
///
/// let body = br#"{"status":"error","error_code":"QUOTA","message":"Quota exceeded.","limit":10}"#;
/// let parts = Parts::read(body, &FLAT).unwrap();
/// assert_eq!(parts.code.unwrap().as_code(), "QUOTA");
/// assert_eq!(parts.message.as_deref(), Some("Quota exceeded."));
/// assert_eq!(parts.members.iter().map(|(name, raw)| (name, raw.get())).collect::<Vec<_>>(), [("limit", "10")]);
///
/// // `{"error": {…}}`: the error object is wrapped in another.
/// let wrapped = FLAT.wrapper("error");
/// let parts = Parts::read(br#"{"error":{"error_code":7}}"#, &wrapped).unwrap();
/// assert_eq!(parts.code.unwrap().as_code(), 7);
/// assert!(matches!(Parts::read(br#"{"error_code":7}"#, &wrapped), Err(DecodeErrorKind::Shape { .. })));
/// ```
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct Layout<'k> {
    /// The format's name, for messages.
    pub format: &'static str,
    /// What a body of the format looks like, for messages.
    pub expected: &'static str,
    /// The member holding the error object, when the body wraps it
    /// (`{"error": {…}}`); `None` when the body is the error object.
    pub wrapper: Option<&'k str>,
    /// The code's member; `None` for a format without a code.
    pub code: Option<&'k str>,
    /// The message's member; `None` for a format without a message.
    pub message: Option<&'k str>,
    /// The other members the format writes itself: left out of the parts.
    pub own: &'k [&'k str],
}

impl<'k> Layout<'k> {
    /// A body of the format `format` (its name, for messages), which looks
    /// like `expected`: an object without a code or a message yet.
    pub const fn new(format: &'static str, expected: &'static str) -> Self {
        Layout {
            format,
            expected,
            wrapper: None,
            code: None,
            message: None,
            own: &[],
        }
    }

    /// The error object is the member `key` of the body's object.
    #[must_use]
    pub const fn wrapper(mut self, key: &'k str) -> Self {
        self.wrapper = Some(key);
        self
    }

    /// The code is the member `key`.
    #[must_use]
    pub const fn code(mut self, key: &'k str) -> Self {
        self.code = Some(key);
        self
    }

    /// The message is the member `key`.
    #[must_use]
    pub const fn message(mut self, key: &'k str) -> Self {
        self.message = Some(key);
        self
    }

    /// The other members the format writes itself, left out of the parts.
    #[must_use]
    pub const fn own(mut self, keys: &'k [&'k str]) -> Self {
        self.own = keys;
        self
    }

    pub(crate) fn shape(&self) -> DecodeErrorKind {
        DecodeErrorKind::Shape {
            format: self.format,
            expected: self.expected,
        }
    }
}

/// The members of one object a format reads itself, found in a single pass
/// by [`sort`]: checked once the whole body has parsed, so a syntax error
/// later in the body is reported as such.
#[derive(Clone, Default)]
pub(crate) struct Found<'a> {
    /// The first member of the code's name.
    pub(crate) code: Option<Scalar<'a>>,
    /// The first member of the message's name.
    pub(crate) message: Option<Scalar<'a>>,
    /// The first member named `extra`, for [`sort_with`].
    pub(crate) extra: Option<&'a RawValue>,
}

/// A code or message member as the pass read it: its value when it is a
/// string, an integer or `null`, or its raw JSON.
#[derive(Clone, Debug)]
pub(crate) enum Scalar<'a> {
    /// A string, borrowed unless it has escapes.
    Str(Cow<'a, str>),
    /// An integer that fits an `i64`.
    Int(i64),
    /// `null`.
    Null,
    /// Any other value: a float, a larger integer, a boolean, an array or
    /// an object.
    Other,
    /// The raw JSON, when the pass reads values raw (see [`sort_with`]).
    Raw(&'a RawValue),
}

impl<'a> Scalar<'a> {
    /// The text of a string.
    #[inline]
    pub(crate) fn text(&self) -> Option<Cow<'a, str>> {
        match self {
            Scalar::Str(text) => Some(text.clone()),
            Scalar::Raw(raw) => unquote(raw.get()),
            Scalar::Int(_) | Scalar::Null | Scalar::Other => None,
        }
    }

    /// Whether this is a string, valid or not.
    pub(crate) fn is_string(&self) -> bool {
        match self {
            Scalar::Str(_) => true,
            Scalar::Raw(raw) => raw.get().starts_with('"'),
            Scalar::Int(_) | Scalar::Null | Scalar::Other => false,
        }
    }
}

/// Reads `json`, laid out as `layout` says, in a single pass: the code and
/// message members are returned, the format's own members skipped and
/// every other member pushed onto `members`.
#[inline]
pub(crate) fn sort<'a>(
    json: &'a str,
    layout: &Layout<'_>,
    members: &mut Members<'a>,
    found: &mut Found<'a>,
) -> Result<(), DecodeErrorKind> {
    sort_with(json, layout, None, Some(members), found)
}

/// [`sort`], also returning the first member named `extra` (which `layout`
/// lists as the format's own), and dropping the other members when
/// `members` is `None`.
///
/// The pass reads the code and the message as they come, borrowing their
/// text. Parsing a string or a number strictly rejects a few values that
/// skipping them does not (a lone surrogate escape, a number out of range);
/// those are a wrong member type, not a body that is not JSON, so when the
/// strict pass fails the body is read again with every value kept raw, and
/// whatever that finds (an error, or the value of the wrong type) is the
/// answer. A body the strict pass reads, it reads exactly as the raw one.
#[inline]
pub(crate) fn sort_with<'a>(
    json: &'a str,
    layout: &Layout<'_>,
    extra: Option<&str>,
    mut members: Option<&mut Members<'a>>,
    found: &mut Found<'a>,
) -> Result<(), DecodeErrorKind> {
    let strict = Sorter {
        layout,
        extra,
        members: members.as_deref_mut(),
        found: &mut *found,
        raw: false,
    };
    let wrapped = if let Ok(wrapped) = pass(json, strict) {
        wrapped
    } else {
        if let Some(members) = members.as_deref_mut() {
            *members = Members::new();
        }
        *found = Found::default();
        let raw = Sorter {
            layout,
            extra,
            members,
            found,
            raw: true,
        };
        pass(json, raw).map_err(|err| json_error(&err, layout))?
    };
    if wrapped { Ok(()) } else { Err(layout.shape()) }
}

/// One pass over `json` with `sorter`: `false` when the layout's wrapper
/// is missing.
fn pass<'a>(json: &'a str, sorter: Sorter<'_, '_, 'a>) -> Result<bool, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let wrapped = if let Some(key) = sorter.layout.wrapper {
        deserializer.deserialize_map(Wrapped { key, sorter })?
    } else {
        deserializer.deserialize_map(sorter)?;
        true
    };
    deserializer.end()?;
    Ok(wrapped)
}

/// A parser error: a JSON value of the wrong type is a body of another
/// shape; anything else is not JSON.
fn json_error(err: &serde_json::Error, layout: &Layout<'_>) -> DecodeErrorKind {
    match err.classify() {
        serde_json::error::Category::Data => layout.shape(),
        _ => DecodeErrorKind::NotJson {
            reason: err.to_string(),
        },
    }
}

/// The visitor of one error object.
struct Sorter<'s, 'k, 'a> {
    layout: &'s Layout<'k>,
    extra: Option<&'s str>,
    members: Option<&'s mut Members<'a>>,
    found: &'s mut Found<'a>,
    /// Whether the code and the message are kept raw.
    raw: bool,
}

impl<'a> Sorter<'_, '_, 'a> {
    fn scalar<M: MapAccess<'a>>(raw: bool, map: &mut M) -> Result<Scalar<'a>, M::Error> {
        if raw {
            map.next_value().map(Scalar::Raw)
        } else {
            map.next_value_seed(ReadScalar)
        }
    }
}

impl<'a> Visitor<'a> for Sorter<'_, '_, 'a> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    #[inline]
    fn visit_map<M: MapAccess<'a>>(self, mut map: M) -> Result<(), M::Error> {
        let Sorter {
            layout,
            extra,
            mut members,
            found,
            raw,
        } = self;
        while let Some(Key(name)) = map.next_key()? {
            let name_is = |key: Option<&str>| key == Some(&*name);
            if found.code.is_none() && name_is(layout.code) {
                found.code = Some(Self::scalar(raw, &mut map)?);
            } else if found.message.is_none() && name_is(layout.message) {
                found.message = Some(Self::scalar(raw, &mut map)?);
            } else if found.extra.is_none() && name_is(extra) {
                found.extra = Some(map.next_value()?);
            } else if let Some(members) = members.as_deref_mut()
                && !layout.own.contains(&&*name)
            {
                members.push(name, map.next_value()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

impl<'a> DeserializeSeed<'a> for Sorter<'_, '_, 'a> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'a>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

/// The visitor of a body that wraps the error object under `key`: the first
/// such member is sorted, every other member skipped.
struct Wrapped<'s, 'k, 'a> {
    key: &'k str,
    sorter: Sorter<'s, 'k, 'a>,
}

impl<'a> Visitor<'a> for Wrapped<'_, '_, 'a> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<M: MapAccess<'a>>(self, mut map: M) -> Result<bool, M::Error> {
        let (key, mut sorter) = (self.key, Some(self.sorter));
        while let Some(Key(name)) = map.next_key()? {
            match sorter.take() {
                Some(inner) if name == key => map.next_value_seed(inner)?,
                unused => {
                    sorter = unused;
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(sorter.is_none())
    }
}

/// Reads a code or message member as a [`Scalar`], whatever its type.
struct ReadScalar;

impl<'a> DeserializeSeed<'a> for ReadScalar {
    type Value = Scalar<'a>;

    fn deserialize<D: serde::Deserializer<'a>>(
        self,
        deserializer: D,
    ) -> Result<Scalar<'a>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'a> Visitor<'a> for ReadScalar {
    type Value = Scalar<'a>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E>(self, text: &'a str) -> Result<Scalar<'a>, E> {
        Ok(Scalar::Str(Cow::Borrowed(text)))
    }

    fn visit_str<E>(self, text: &str) -> Result<Scalar<'a>, E> {
        Ok(Scalar::Str(Cow::Owned(text.to_owned())))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Scalar<'a>, E> {
        Ok(Scalar::Int(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Scalar<'a>, E> {
        Ok(i64::try_from(value).map_or(Scalar::Other, Scalar::Int))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Scalar<'a>, E> {
        Ok(Scalar::Other)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Scalar<'a>, E> {
        Ok(Scalar::Other)
    }

    fn visit_unit<E>(self) -> Result<Scalar<'a>, E> {
        Ok(Scalar::Null)
    }

    fn visit_seq<A: serde::de::SeqAccess<'a>>(self, mut seq: A) -> Result<Scalar<'a>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }

    fn visit_map<A: MapAccess<'a>>(self, mut map: A) -> Result<Scalar<'a>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }
}

/// An error response read back: status, code, message, members and the
/// `Retry-After` header's delay. It borrows from the body: members are read
/// into field types only when asked for, each from its own slice.
#[derive(Clone, Debug)]
pub struct RawError<'a> {
    status: StatusCode,
    parts: Parts<'a>,
    retry_after: Option<Duration>,
}

impl<'a> RawError<'a> {
    /// Reads `body` in `format`. The body is refused above [`MAX_BODY`];
    /// anything that is not a body of the format is a [`DecodeError`] that
    /// keeps the bytes.
    pub fn read<F: Format + ?Sized>(
        format: &F,
        status: StatusCode,
        headers: &HeaderMap,
        body: &'a [u8],
    ) -> Result<RawError<'a>, DecodeError> {
        let fail = |kind| DecodeError::new(kind, status, body);
        if body.len() > MAX_BODY {
            return Err(fail(DecodeErrorKind::TooLarge {
                len: body.len(),
                limit: MAX_BODY,
            }));
        }
        match format.decode(body) {
            Ok(parts) => Ok(RawError {
                status,
                parts,
                retry_after: if headers.contains_key(http::header::RETRY_AFTER) {
                    retry_after(headers, SystemTime::now())
                } else {
                    None
                },
            }),
            Err(kind) => Err(fail(kind)),
        }
    }

    /// A raw error made of its parts, as a format of your own or a test
    /// builds one.
    pub fn new(status: StatusCode, parts: Parts<'a>, retry_after: Option<Duration>) -> Self {
        RawError {
            status,
            parts,
            retry_after,
        }
    }

    /// The response's status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The code, when the format carries one.
    pub fn code(&self) -> Option<Code<'_>> {
        self.parts.code.as_ref().map(RawCode::as_code)
    }

    /// The message, when the body has one.
    pub fn message(&self) -> Option<&str> {
        self.parts.message.as_deref()
    }

    /// The members that are not the format's own, in the body's order.
    pub fn members(&self) -> impl Iterator<Item = (&str, &'a RawValue)> {
        self.parts.members.iter()
    }

    /// The raw JSON of the member `name`.
    pub fn member_raw(&self, name: &str) -> Option<&'a RawValue> {
        self.parts.members.get(name)
    }

    /// The parts read from the body.
    pub fn parts(&self) -> &Parts<'a> {
        &self.parts
    }

    /// The delay of the `Retry-After` header (seconds or an HTTP-date).
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// The member `name` as a `T`. A missing member reads as `null`, so an
    /// `Option` field is `None`. A member sent as a string whose text is
    /// JSON (Google's `metadata` values are all strings) is read from that
    /// text when the string itself does not fit `T`.
    pub fn member<T: DeserializeOwned>(&self, name: &str) -> Result<T, DecodeErrorKind> {
        let Some(raw) = self.member_raw(name) else {
            return serde_json::from_str("null").map_err(|_| DecodeErrorKind::MissingMember {
                name: name.to_owned(),
            });
        };
        from_raw(raw.get()).map_err(|reason| DecodeErrorKind::Member {
            name: name.to_owned(),
            reason,
        })
    }

    /// The message as a `T` (for a field that is the whole message
    /// template); a missing message reads as an empty string.
    pub fn message_as<T: DeserializeOwned>(&self) -> Result<T, DecodeErrorKind> {
        let text = self.message().unwrap_or_default();
        T::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(text))
            .map_err(|err| DecodeErrorKind::Member {
                name: "message".to_owned(),
                reason: err.to_string(),
            })
    }
}

fn from_raw<T: DeserializeOwned>(json: &str) -> Result<T, String> {
    match serde_json::from_str(json) {
        Ok(value) => Ok(value),
        Err(err) => {
            if let Some(text) = unquote(json)
                && let Ok(value) = serde_json::from_str(&text)
            {
                return Ok(value);
            }
            Err(err.to_string())
        }
    }
}

/// A member name, borrowed when it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> serde::Deserialize<'de> for Key<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<'a>(core::marker::PhantomData<&'a ()>);

        impl<'de: 'a, 'a> Visitor<'de> for Visit<'a> {
            type Value = Key<'a>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }

            fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Key<'a>, E> {
                Ok(Key(Cow::Borrowed(text)))
            }

            fn visit_str<E>(self, text: &str) -> Result<Key<'a>, E> {
                Ok(Key(Cow::Owned(text.to_owned())))
            }
        }

        deserializer.deserialize_str(Visit(core::marker::PhantomData))
    }
}

/// The text of a raw JSON string: borrowed when it has no escapes (its
/// bytes between the quotes are then the text), unescaped otherwise. `None`
/// for any other value, or a string with a lone surrogate escape.
#[inline]
pub(crate) fn unquote(json: &str) -> Option<Cow<'_, str>> {
    let text = json.strip_prefix('"')?.strip_suffix('"')?;
    if text.contains('\\') {
        serde_json::from_str::<String>(json).ok().map(Cow::Owned)
    } else {
        Some(Cow::Borrowed(text))
    }
}

/// Reads a code member: a string or an integer; `MissingCode` when absent.
#[inline]
pub(crate) fn read_code<'a>(
    code: Option<Scalar<'a>>,
    format: &'static str,
    key: &str,
) -> Result<RawCode<'a>, DecodeErrorKind> {
    let code = match code {
        None => return Err(DecodeErrorKind::MissingCode { format }),
        Some(Scalar::Str(text)) => Some(RawCode::Str(text)),
        Some(Scalar::Int(value)) => Some(RawCode::Int(value)),
        Some(Scalar::Null | Scalar::Other) => None,
        Some(Scalar::Raw(raw)) => {
            let json = raw.get();
            if json.starts_with('"') {
                unquote(json).map(RawCode::Str)
            } else {
                serde_json::from_str::<i64>(json).ok().map(RawCode::Int)
            }
        }
    };
    code.ok_or_else(|| DecodeErrorKind::Member {
        name: key.to_owned(),
        reason: "a code is a string or an integer".to_owned(),
    })
}

/// Reads a message member: a string, or absent or `null`.
#[inline]
pub(crate) fn read_message<'a>(
    message: Option<Scalar<'a>>,
    key: &str,
) -> Result<Option<Cow<'a, str>>, DecodeErrorKind> {
    let text = match message {
        None | Some(Scalar::Null) => return Ok(None),
        Some(Scalar::Raw(raw)) if raw.get() == "null" => return Ok(None),
        Some(message) => message.text(),
    };
    text.map(Some).ok_or_else(|| DecodeErrorKind::Member {
        name: key.to_owned(),
        reason: "a message is a string".to_owned(),
    })
}

/// The body as text: JSON is UTF-8.
#[inline]
pub(crate) fn body_text(body: &[u8]) -> Result<&str, DecodeErrorKind> {
    core::str::from_utf8(body).map_err(|err| DecodeErrorKind::NotJson {
        reason: format!("not UTF-8: {err}"),
    })
}

/// What was wrong with a response that could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The body is larger than [`MAX_BODY`].
    TooLarge {
        /// The body's length.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// The body is not JSON (an HTML page from a proxy, truncated bytes,
    /// nesting deeper than the parser allows).
    NotJson {
        /// The parser's message.
        reason: String,
    },
    /// The body is JSON but not in the expected format.
    Shape {
        /// The format's name.
        format: &'static str,
        /// What the format expects.
        expected: &'static str,
    },
    /// The body has no code where the format keeps it.
    MissingCode {
        /// The format's name.
        format: &'static str,
    },
    /// A member the variant needs is missing.
    MissingMember {
        /// The member's name.
        name: String,
    },
    /// A member has the wrong type.
    Member {
        /// The member's name.
        name: String,
        /// The deserializer's message.
        reason: String,
    },
    /// The code is not one of the type's, and the type has no `other`
    /// variant.
    UnknownCode {
        /// The code, as text (empty when the body had none).
        code: String,
    },
    /// The format cannot be read back.
    Unsupported {
        /// The format's name.
        format: &'static str,
    },
}

impl fmt::Display for DecodeErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeErrorKind::TooLarge { len, limit } => {
                write!(
                    f,
                    "the body is {len} bytes, more than the {limit} an error body may have"
                )
            }
            DecodeErrorKind::NotJson { reason } => write!(f, "the body is not JSON: {reason}"),
            DecodeErrorKind::Shape { format, expected } => {
                write!(f, "the body is not a {format} error: expected {expected}")
            }
            DecodeErrorKind::MissingCode { format } => {
                write!(f, "the {format} error body has no code")
            }
            DecodeErrorKind::MissingMember { name } => {
                write!(f, "the body has no member `{name}`")
            }
            DecodeErrorKind::Member { name, reason } => {
                write!(f, "member `{name}` has the wrong type: {reason}")
            }
            DecodeErrorKind::UnknownCode { code } => {
                write!(
                    f,
                    "unknown code `{code}` (the type has no `#[api(other)]` variant)"
                )
            }
            DecodeErrorKind::Unsupported { format } => {
                write!(f, "the {format} format cannot be decoded")
            }
        }
    }
}

/// A response that could not be decoded: what was wrong, the status, and the
/// raw body, for logging.
#[derive(Clone, PartialEq, Eq)]
pub struct DecodeError {
    kind: DecodeErrorKind,
    status: StatusCode,
    body: Vec<u8>,
}

impl DecodeError {
    /// `kind`, for a response of `status` with `body`.
    pub fn new(kind: DecodeErrorKind, status: StatusCode, body: &[u8]) -> Self {
        DecodeError {
            kind,
            status,
            body: body.to_vec(),
        }
    }

    /// What was wrong.
    pub fn kind(&self) -> &DecodeErrorKind {
        &self.kind
    }

    /// The response's status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The raw body, as received.
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.kind, f)
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The body as text, cut, so a 1 MiB body does not flood a log line.
        let text = String::from_utf8_lossy(&self.body);
        let cut: String = text.chars().take(200).collect();
        f.debug_struct("DecodeError")
            .field("kind", &self.kind)
            .field("status", &self.status)
            .field("body", &cut)
            .field("body_len", &self.body.len())
            .finish()
    }
}

impl std::error::Error for DecodeError {}

/// The delay a `Retry-After` header asks for: delay-seconds, or an
/// IMF-fixdate HTTP-date (`Sun, 06 Nov 1994 08:49:37 GMT`) counted from
/// `now` (a date in the past is no delay). Anything else is ignored.
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let at = http_date(value)?;
    let now = now.duration_since(SystemTime::UNIX_EPOCH).ok()?.as_secs();
    Some(Duration::from_secs(at.saturating_sub(now)))
}

/// Seconds since the Unix epoch of an IMF-fixdate.
fn http_date(text: &str) -> Option<u64> {
    let mut words = text.split_ascii_whitespace();
    let weekday = words.next()?;
    if weekday.len() != 4 || !weekday.ends_with(',') {
        return None;
    }
    let day: u64 = words.next()?.parse().ok()?;
    let month = match words.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: u64 = words.next()?.parse().ok()?;
    let mut clock = words.next()?.split(':');
    let hour: u64 = clock.next()?.parse().ok()?;
    let minute: u64 = clock.next()?.parse().ok()?;
    let second: u64 = clock.next()?.parse().ok()?;
    if words.next()? != "GMT" || words.next().is_some() || clock.next().is_some() {
        return None;
    }
    // Years past 9999 are not HTTP-dates, and would overflow below.
    if !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
        || !(1970..=9999).contains(&year)
    {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let (y, m) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = (era * 146_097 + doe).checked_sub(719_468)?;
    Some(days * 86_400 + hour * 3_600 + minute * 60 + second)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates() {
        assert_eq!(
            http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        for bad in [
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 32 Nov 1994 08:49:37 GMT",
            "",
            "Sun, 06 Nov 1994 08:49 GMT",
            "Sun, 01 Jan 584554051224 00:00:00 GMT",
            "Sun, 01 Jan 18446744073709551615 00:00:00 GMT",
        ] {
            assert_eq!(http_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn retry_after_headers() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777);
        let mut headers = HeaderMap::new();
        assert_eq!(retry_after(&headers, now), None);
        headers.insert(http::header::RETRY_AFTER, "120".parse().unwrap());
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(120)));
        headers.insert(
            http::header::RETRY_AFTER,
            "Sun, 06 Nov 1994 08:50:37 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(60)));
        headers.insert(
            http::header::RETRY_AFTER,
            "Sun, 06 Nov 1994 08:00:00 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&headers, now), Some(Duration::ZERO));
        headers.insert(
            http::header::RETRY_AFTER,
            "99999999999999999999999".parse().unwrap(),
        );
        assert_eq!(
            retry_after(&headers, now),
            Some(Duration::from_secs(u64::MAX))
        );
        headers.insert(http::header::RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(retry_after(&headers, now), None);
    }
}
