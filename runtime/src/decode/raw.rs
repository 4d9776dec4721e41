//! The raw parts of an error body: its [`RawCode`], the [`Parts`] a format
//! reads, and the [`Layout`] that says where a format keeps them.

use std::borrow::Cow;

use super::{DecodeErrorKind, Members};
use super::{Dynamic, Found, Names, Unread, body_text, read_code, read_message, sort_by};
use crate::Code;

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
    /// [`Format::decode`](crate::Format::decode) for most formats; see [`Layout`].
    #[inline]
    pub fn read(body: &'a [u8], layout: &Layout<'_>) -> Result<Self, DecodeErrorKind> {
        let mut parts = Parts::default();
        Parts::read_into(body, layout, &mut parts).map_err(|unread| unread.kind)?;
        Ok(parts)
    }

    /// [`Parts::read`] into `parts`, which holds no parts yet.
    #[inline]
    pub(crate) fn read_into(
        body: &'a [u8],
        layout: &Layout<'_>,
        parts: &mut Parts<'a>,
    ) -> Result<(), Unread> {
        Parts::read_by(
            body,
            &Dynamic {
                layout,
                extra: None,
            },
            parts,
        )
    }

    /// [`Parts::read_into`] with the layout's names told apart by `names`.
    #[inline]
    pub(crate) fn read_by<N: Names>(
        body: &'a [u8],
        names: &N,
        parts: &mut Parts<'a>,
    ) -> Result<(), Unread> {
        let mut found = Found::default();
        sort_by(
            body_text(body)?,
            names,
            Some(&mut parts.members),
            &mut found,
        )?;
        let layout = names.layout();
        if let Some(key) = layout.code {
            parts.code = Some(read_code(found.code, layout.format, key)?);
        }
        if let Some(key) = layout.message {
            parts.message = read_message(found.message, key)?;
        }
        Ok(())
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
