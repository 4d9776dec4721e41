//! RFC 6901 JSON pointers, and the other spellings of one: the URI
//! fragment problem+json writes (`#/items/0`), FastAPI's `loc`
//! ([`Location::to_loc`](super::Location::to_loc)) and AIP-193's field
//! paths (`items[0].title`).

use core::fmt;
use std::borrow::Cow;

/// An RFC 6901 JSON pointer (`/items/0/title`), kept escaped: `~` is
/// `~0` and `/` is `~1` inside a token.
///
/// ```
/// use errbook::violations::Pointer;
///
/// let pointer = Pointer::root().field("a/b").index(0).field("m~n");
/// assert_eq!(pointer.as_str(), "/a~1b/0/m~0n");
/// assert_eq!(pointer.to_fragment(), "#/a~1b/0/m~0n");
/// assert_eq!(pointer.to_field_path(), "`a/b`[0].`m~n`");
/// assert_eq!(Pointer::from_field_path("items[0].title").unwrap().as_str(), "/items/0/title");
/// assert!(Pointer::parse("no-slash").is_none());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pointer(String);

/// One reference token of a [`Pointer`], unescaped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token<'a> {
    /// Digits without a leading zero (`0`, `12`): an array index, or an
    /// object member of that name, which a pointer does not tell apart.
    Index(usize),
    /// Any other token: an object member's name.
    Key(Cow<'a, str>),
}

impl Pointer {
    /// The whole document: the empty pointer.
    pub const fn root() -> Self {
        Pointer(String::new())
    }

    /// `text` as a pointer, when it is one: empty, or `/` tokens whose
    /// every `~` is followed by `0` or `1`.
    pub fn parse(text: &str) -> Option<Self> {
        if !(text.is_empty() || text.starts_with('/')) {
            return None;
        }
        let bytes = text.as_bytes();
        let well_escaped = bytes
            .iter()
            .enumerate()
            .filter(|(_, byte)| **byte == b'~')
            .all(|(at, _)| matches!(bytes.get(at + 1), Some(b'0' | b'1')));
        well_escaped.then(|| Pointer(text.to_owned()))
    }

    /// This pointer, one member deeper.
    #[must_use]
    pub fn field(mut self, name: &str) -> Self {
        self.0.push('/');
        for c in name.chars() {
            match c {
                '~' => self.0.push_str("~0"),
                '/' => self.0.push_str("~1"),
                c => self.0.push(c),
            }
        }
        self
    }

    /// This pointer, one array item deeper.
    #[must_use]
    pub fn index(mut self, index: usize) -> Self {
        use fmt::Write as _;
        let _ = write!(self.0, "/{index}");
        self
    }

    /// The pointer as written, escaped.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is the whole document.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The reference tokens, unescaped.
    pub fn tokens(&self) -> impl Iterator<Item = Token<'_>> {
        self.0.split('/').skip(1).map(|raw| {
            if is_index(raw)
                && let Ok(index) = raw.parse()
            {
                return Token::Index(index);
            }
            Token::Key(if raw.contains('~') {
                Cow::Owned(raw.replace("~1", "/").replace("~0", "~"))
            } else {
                Cow::Borrowed(raw)
            })
        })
    }

    /// The pointer as a URI fragment (RFC 6901 §6), as problem+json's
    /// `errors` write it: `#` and the pointer, each character a fragment
    /// may not hold percent-encoded as UTF-8.
    pub fn to_fragment(&self) -> String {
        let mut out = String::with_capacity(self.0.len() + 1);
        out.push('#');
        for byte in self.0.bytes() {
            if fragment_safe(byte) {
                out.push(char::from(byte));
            } else {
                use fmt::Write as _;
                let _ = write!(out, "%{byte:02X}");
            }
        }
        out
    }

    /// A pointer from a URI fragment (`#/age`, `#/a%20b`); `None` when it
    /// is not one.
    pub fn from_fragment(fragment: &str) -> Option<Self> {
        let rest = fragment.strip_prefix('#')?;
        let mut bytes = Vec::with_capacity(rest.len());
        let mut input = rest.bytes();
        while let Some(byte) = input.next() {
            if byte == b'%' {
                let high = hex(input.next()?)?;
                let low = hex(input.next()?)?;
                bytes.push(high << 4 | low);
            } else {
                bytes.push(byte);
            }
        }
        Pointer::parse(&String::from_utf8(bytes).ok()?)
    }

    /// An AIP-193 field path: names joined by `.`, indices as `[0]`, a
    /// name that is not an identifier in backticks (AIP-161; a backtick
    /// in it doubled). The root is the empty path.
    pub fn to_field_path(&self) -> String {
        let mut out = String::with_capacity(self.0.len());
        for token in self.tokens() {
            match token {
                Token::Index(index) => {
                    use fmt::Write as _;
                    let _ = write!(out, "[{index}]");
                }
                Token::Key(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    if is_identifier(&key) {
                        out.push_str(&key);
                    } else {
                        out.push('`');
                        out.push_str(&key.replace('`', "``"));
                        out.push('`');
                    }
                }
            }
        }
        out
    }

    /// A pointer from an AIP-193 field path
    /// ([`to_field_path`](Pointer::to_field_path)'s spelling); `None` when
    /// it is not one.
    pub fn from_field_path(path: &str) -> Option<Self> {
        let mut pointer = Pointer::root();
        let mut rest = path;
        let mut first = true;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('[') {
                let (digits, after) = after.split_once(']')?;
                if !is_index(digits) {
                    return None;
                }
                pointer = pointer.index(digits.parse().ok()?);
                rest = after;
                first = false;
                continue;
            }
            if !first {
                rest = rest.strip_prefix('.')?;
            }
            first = false;
            if let Some(after) = rest.strip_prefix('`') {
                let mut name = String::new();
                let mut chars = after.char_indices();
                let end = loop {
                    let (at, c) = chars.next()?;
                    if c == '`' {
                        if after[at + 1..].starts_with('`') {
                            chars.next();
                            name.push('`');
                        } else {
                            break at + 1;
                        }
                    } else {
                        name.push(c);
                    }
                };
                pointer = pointer.field(&name);
                rest = &after[end..];
            } else {
                let end = rest.find(['.', '[']).unwrap_or(rest.len());
                let name = &rest[..end];
                if !is_identifier(name) {
                    return None;
                }
                pointer = pointer.field(name);
                rest = &rest[end..];
            }
        }
        Some(pointer)
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Digits without a leading zero.
fn is_index(token: &str) -> bool {
    !token.is_empty()
        && token.bytes().all(|b| b.is_ascii_digit())
        && (token == "0" || !token.starts_with('0'))
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// RFC 3986's `fragment` characters less `%`: unreserved, sub-delims,
/// `:`, `@`, `/`, `?`.
fn fragment_safe(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?".contains(&byte)
}

fn hex(byte: u8) -> Option<u8> {
    char::from(byte)
        .to_digit(16)
        .and_then(|digit| u8::try_from(digit).ok())
}
