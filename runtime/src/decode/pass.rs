//! The one-pass reader: a body's code and message found, the format's own
//! members skipped and every other one kept raw, in a single
//! `serde_json` pass; and the reading of the code and message it found.

use core::fmt;
use std::borrow::Cow;

use serde::Deserializer as _;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::{DecodeErrorKind, Layout, Members, RawCode, Unread};

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
    /// The first member named `extra`, read as the code and the message
    /// are, when the names say it is text ([`Names::EXTRA_TEXT`]).
    pub(crate) extra_text: Option<Scalar<'a>>,
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

    /// The text of a string, taken: [`text`](Scalar::text) without a copy
    /// of text that has escapes.
    #[inline]
    pub(crate) fn into_text(self) -> Option<Cow<'a, str>> {
        match self {
            Scalar::Str(text) => Some(text),
            Scalar::Raw(raw) => unquote(raw.get()),
            Scalar::Int(_) | Scalar::Null | Scalar::Other => None,
        }
    }

    /// Whether this is a string, valid or not.
    #[inline]
    pub(crate) fn is_string(&self) -> bool {
        match self {
            Scalar::Str(_) => true,
            Scalar::Raw(raw) => raw.get().starts_with('"'),
            Scalar::Int(_) | Scalar::Null | Scalar::Other => false,
        }
    }
}

/// Which member names of an error object are which, for the one pass: the
/// code's, the message's, the extra member's (see [`sort_with`]), the
/// format's own, and the wrapper's (the member of the body that holds the
/// error object, when the layout has one).
///
/// A layout read at run time ([`Dynamic`]) compares each name with its
/// own; a built-in format implements it with `match`es on its names,
/// which the compiler turns into a few integer comparisons.
pub(crate) trait Names {
    /// Whether the extra member is read as the code and the message are,
    /// into [`Found::extra_text`] (a string borrowed, an integer, `null`,
    /// or any other value), rather than kept raw in [`Found::extra`].
    const EXTRA_TEXT: bool = false;
    /// Whether the strict pass keeps a message that is not a string raw
    /// ([`Scalar::Raw`]), for a format that keeps the raw JSON of such a
    /// message (FastAPI's 422 list) without a second parse. The value's
    /// first byte is looked at in the body, after the member's name; a
    /// name with escapes, whose place is not known, leaves the message
    /// read as the others are.
    const MESSAGE_RAW: bool = false;
    /// The body the names are read in, for [`Names::MESSAGE_RAW`]'s look
    /// at the message's value: without it, the message is read as the
    /// others are.
    #[inline]
    fn json(&self) -> Option<&str> {
        None
    }
    /// The layout these names are from: its wrapper, format and shape.
    fn layout(&self) -> &Layout<'_>;
    /// Whether `name` is the wrapper's.
    fn is_wrapper(&self, name: &str) -> bool;
    /// Whether `name` is the code's.
    fn is_code(&self, name: &str) -> bool;
    /// Whether `name` is the message's.
    fn is_message(&self, name: &str) -> bool;
    /// Whether `name` is the extra member's.
    fn is_extra(&self, name: &str) -> bool;
    /// Whether `name` is one of the format's own members.
    fn is_own(&self, name: &str) -> bool;
}

/// The names of a [`Layout`], with the extra member's.
pub(crate) struct Dynamic<'l, 'k> {
    pub(crate) layout: &'l Layout<'k>,
    pub(crate) extra: Option<&'l str>,
}

impl Names for Dynamic<'_, '_> {
    #[inline]
    fn layout(&self) -> &Layout<'_> {
        self.layout
    }

    #[inline]
    fn is_wrapper(&self, name: &str) -> bool {
        self.layout.wrapper == Some(name)
    }

    #[inline]
    fn is_code(&self, name: &str) -> bool {
        self.layout.code == Some(name)
    }

    #[inline]
    fn is_message(&self, name: &str) -> bool {
        self.layout.message == Some(name)
    }

    #[inline]
    fn is_extra(&self, name: &str) -> bool {
        self.extra == Some(name)
    }

    #[inline]
    fn is_own(&self, name: &str) -> bool {
        self.layout.own.contains(&name)
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
    sort_by(
        json,
        &Dynamic {
            layout,
            extra: None,
        },
        Some(members),
        found,
    )
    .map_err(|unread| unread.kind)
}

/// [`sort`], also returning the first member named `extra` (which `layout`
/// lists as the format's own), and dropping the other members when
/// `members` is `None`.
#[inline]
pub(crate) fn sort_with<'a>(
    json: &'a str,
    layout: &Layout<'_>,
    extra: Option<&str>,
    members: Option<&mut Members<'a>>,
    found: &mut Found<'a>,
) -> Result<(), DecodeErrorKind> {
    sort_by(json, &Dynamic { layout, extra }, members, found).map_err(|unread| unread.kind)
}

/// [`sort_with`] with the names `names` tells apart. A body whose wrapper
/// is missing was read whole as JSON before that was known; a body whose
/// parser stopped at a value of the wrong type was not.
///
/// The pass reads the code and the message as they come, borrowing their
/// text. Parsing a string or a number strictly rejects a few values that
/// skipping them does not (a lone surrogate escape, a number out of range);
/// those are a wrong member type, not a body that is not JSON, so when the
/// strict pass fails the body is read again with every value kept raw, and
/// whatever that finds (an error, or the value of the wrong type) is the
/// answer. A body the strict pass reads, it reads exactly as the raw one.
/// Before either, a byte scan (`scan::sort`) reads a body of the usual kind
/// exactly as the strict pass does, or gives up and leaves it to them.
#[inline]
pub(crate) fn sort_by<'a, N: Names>(
    json: &'a str,
    names: &N,
    mut members: Option<&mut Members<'a>>,
    found: &mut Found<'a>,
) -> Result<(), Unread> {
    // The usual body, read by a byte scan; any other from the start.
    if super::scan::sort(json, names, members.as_deref_mut(), found).is_some() {
        return Ok(());
    }
    if let Some(members) = members.as_deref_mut() {
        *members = Members::new();
    }
    *found = Found::default();
    let strict = Sorter {
        names,
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
            names,
            members,
            found,
            raw: true,
        };
        pass(json, raw).map_err(|err| json_error(&err, names.layout()))?
    };
    if wrapped {
        Ok(())
    } else {
        Err(Unread {
            kind: names.layout().shape(),
            json: true,
        })
    }
}

/// The strict pass alone, as [`sort_by`] runs it after the byte scan gives
/// up: what the scan's tests compare it with.
#[cfg(test)]
pub(super) fn strict<'a, N: Names>(
    json: &'a str,
    names: &N,
    members: Option<&mut Members<'a>>,
    found: &mut Found<'a>,
) -> Result<bool, serde_json::Error> {
    let strict = Sorter {
        names,
        members,
        found,
        raw: false,
    };
    pass(json, strict)
}

/// One pass over `json` with `sorter`: `false` when the layout's wrapper
/// is missing.
fn pass<'a, N: Names>(json: &'a str, sorter: Sorter<'_, 'a, N>) -> Result<bool, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let wrapped = if sorter.names.layout().wrapper.is_some() {
        deserializer.deserialize_map(Wrapped { sorter })?
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
struct Sorter<'s, 'a, N> {
    names: &'s N,
    members: Option<&'s mut Members<'a>>,
    found: &'s mut Found<'a>,
    /// Whether the code and the message are kept raw.
    raw: bool,
}

/// A code or message member: its value, or its raw JSON.
#[inline]
fn scalar<'a, M: MapAccess<'a>>(raw: bool, map: &mut M) -> Result<Scalar<'a>, M::Error> {
    if raw {
        map.next_value().map(Scalar::Raw)
    } else {
        map.next_value_seed(ReadScalar)
    }
}

impl<'a, N: Names> Visitor<'a> for Sorter<'_, 'a, N> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    #[inline]
    fn visit_map<M: MapAccess<'a>>(self, mut map: M) -> Result<(), M::Error> {
        let Sorter {
            names,
            mut members,
            found,
            raw,
        } = self;
        while let Some(Key(name)) = map.next_key()? {
            if found.code.is_none() && names.is_code(&name) {
                found.code = Some(scalar(raw, &mut map)?);
            } else if found.message.is_none() && names.is_message(&name) {
                let raw = raw || (N::MESSAGE_RAW && !string_after(names.json(), borrowed(&name)));
                found.message = Some(scalar(raw, &mut map)?);
            } else if N::EXTRA_TEXT && found.extra_text.is_none() && names.is_extra(&name) {
                found.extra_text = Some(scalar(raw, &mut map)?);
            } else if !N::EXTRA_TEXT && found.extra.is_none() && names.is_extra(&name) {
                found.extra = Some(map.next_value()?);
            } else if let Some(members) = members.as_deref_mut()
                && !names.is_own(&name)
            {
                members.push(name, map.next_value()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

impl<'a, N: Names> DeserializeSeed<'a> for Sorter<'_, 'a, N> {
    type Value = ();

    #[inline]
    fn deserialize<D: serde::Deserializer<'a>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

/// The visitor of a body that wraps the error object under the layout's
/// wrapper: the first such member is sorted, every other member skipped.
struct Wrapped<'s, 'a, N> {
    sorter: Sorter<'s, 'a, N>,
}

impl<'a, N: Names> Visitor<'a> for Wrapped<'_, 'a, N> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    #[inline]
    fn visit_map<M: MapAccess<'a>>(self, mut map: M) -> Result<bool, M::Error> {
        let names = self.sorter.names;
        let mut sorter = Some(self.sorter);
        while let Some(Key(name)) = map.next_key()? {
            match sorter.take() {
                Some(inner) if names.is_wrapper(&name) => map.next_value_seed(inner)?,
                unused => {
                    sorter = unused;
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(sorter.is_none())
    }
}

/// Whether the value of the member whose name is `name` (its text between
/// the quotes, borrowed from `json`) is a string: its first byte after the
/// name's closing quote, the colon and any whitespace is a quote. A name
/// not borrowed (`None`: it has escapes), or no `json`, says yes.
#[inline]
fn string_after(json: Option<&str>, name: Option<&str>) -> bool {
    let (Some(json), Some(name)) = (json, name) else {
        return true;
    };
    let at = name
        .as_ptr()
        .addr()
        .wrapping_sub(json.as_ptr().addr())
        .saturating_add(name.len() + 1);
    match json.as_bytes().get(at..) {
        // The usual body: no whitespace around the colon.
        Some([b':', first, ..]) if !matches!(first, b' ' | b'\t' | b'\n' | b'\r') => *first == b'"',
        Some(rest) => string_after_space(rest),
        None => true,
    }
}

/// [`string_after`] for a value with whitespace before it.
#[cold]
fn string_after_space(mut rest: &[u8]) -> bool {
    while let [b' ' | b'\t' | b'\n' | b'\r' | b':', tail @ ..] = rest {
        rest = tail;
    }
    rest.first().is_none_or(|first| *first == b'"')
}

/// The text of `name` when it is borrowed.
#[inline]
fn borrowed<'n>(name: &Cow<'n, str>) -> Option<&'n str> {
    match name {
        Cow::Borrowed(name) => Some(name),
        Cow::Owned(_) => None,
    }
}

/// Reads a code or message member as a [`Scalar`], whatever its type.
pub(crate) struct ReadScalar;

impl<'a> DeserializeSeed<'a> for ReadScalar {
    type Value = Scalar<'a>;

    #[inline]
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

    #[inline]
    fn visit_borrowed_str<E>(self, text: &'a str) -> Result<Scalar<'a>, E> {
        Ok(Scalar::Str(Cow::Borrowed(text)))
    }

    fn visit_str<E>(self, text: &str) -> Result<Scalar<'a>, E> {
        Ok(Scalar::Str(Cow::Owned(text.to_owned())))
    }

    #[inline]
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

/// A member name, borrowed when it has no escapes.
pub(crate) struct Key<'a>(pub(crate) Cow<'a, str>);

impl<'de: 'a, 'a> serde::Deserialize<'de> for Key<'a> {
    #[inline]
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<'a>(core::marker::PhantomData<&'a ()>);

        impl<'de: 'a, 'a> Visitor<'de> for Visit<'a> {
            type Value = Key<'a>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }

            #[inline]
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
        Some(message) => message.into_text(),
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
