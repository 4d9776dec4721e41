//! The one pass's fast path: a body of the usual kind (strings without
//! escapes, integers, the literals, members of any JSON value) read by a
//! byte scan, without setting up `serde_json` for every member.
//!
//! [`sort`] reads a body exactly as the strict pass of
//! [`sort_by`](super::sort_by) reads it, or gives up: anything it is not
//! sure of (an escape anywhere, a float or a large integer where a code or
//! message is read, a body without the layout's wrapper, nesting deeper
//! than [`MAX_DEPTH`], anything that is not JSON) returns `None`, and the
//! body is read by `serde_json` from the start, as before. A member kept
//! raw is the same borrowed [`RawValue`] (its text, without the whitespace
//! around it), made from the slice the scan found.

use std::borrow::Cow;

use serde::Deserialize as _;
use serde::de::value::{BorrowedStrDeserializer, Error, MapAccessDeserializer};
use serde::de::{DeserializeSeed, MapAccess};
use serde_json::value::RawValue;

use super::{Found, Members, Names, Scalar};

#[cfg(test)]
mod tests;

/// The deepest nesting of arrays and objects the scan follows, inside the
/// error object (a recursion, whose stack this bounds); a deeper body is
/// read by `serde_json`.
const MAX_DEPTH: usize = 32;

/// Reads `json` as the strict pass reads it with `names`, into `members`
/// and `found`; `None` when the scan gives up, with `members` and `found`
/// in any state (the caller resets them).
#[inline]
pub(super) fn sort<'a, N: Names>(
    json: &'a str,
    names: &N,
    members: Option<&mut Members<'a>>,
    found: &mut Found<'a>,
) -> Option<()> {
    let mut scan = Scan { json, at: 0 };
    scan.space();
    if names.layout().wrapper.is_some() {
        scan.wrapped(names, members, found)?;
    } else {
        scan.object(names, members, found)?;
    }
    scan.space();
    // Nothing after the value.
    (scan.at == json.len()).then_some(())
}

/// `json`, a JSON value the scan checked, as a borrowed [`RawValue`]:
/// handed to `&RawValue`'s own `Deserialize`, as `serde_json`'s
/// deserializer hands it a value it checked (a map of one entry, its key
/// `serde_json`'s name for raw values, its value the text), which it takes
/// without reading the text again. Should a later `serde_json` take raw
/// values otherwise, the text is parsed, as before the scan; a test checks
/// that it is not.
#[inline]
fn raw_value(json: &str) -> Option<&RawValue> {
    <&RawValue>::deserialize(MapAccessDeserializer::new(Checked(Some(json))))
        .ok()
        .filter(|raw| raw.get().len() == json.len())
        .or_else(|| serde_json::from_str(json).ok())
}

/// How `serde_json` names a raw value to its `Deserialize` implementation.
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

/// The map of one entry [`raw_value`] hands over: the raw value's name
/// and text.
struct Checked<'a>(Option<&'a str>);

impl<'a> MapAccess<'a> for Checked<'a> {
    type Error = Error;

    #[inline]
    fn next_key_seed<K: DeserializeSeed<'a>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if self.0.is_none() {
            return Ok(None);
        }
        seed.deserialize(BorrowedStrDeserializer::new(RAW_VALUE_TOKEN))
            .map(Some)
    }

    #[inline]
    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(BorrowedStrDeserializer::new(
            self.0.take().unwrap_or_default(),
        ))
    }
}

/// A position in the body.
struct Scan<'a> {
    json: &'a str,
    at: usize,
}

const ONES: u64 = u64::from_le_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);

/// The bytes of `word` (little-endian) that end a plain string's text, each
/// flagged by its high bit: a quote, a backslash or a control character.
/// The lowest flag is exact (a false flag can only follow a true one).
#[inline]
fn string_stops(word: u64) -> u64 {
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    ((quote.wrapping_sub(ONES) & !quote)
        | (backslash.wrapping_sub(ONES) & !backslash)
        | (word.wrapping_sub(ONES * 0x20) & !word))
        & HIGHS
}

impl<'a> Scan<'a> {
    /// The byte at the position.
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.json.as_bytes().get(self.at).copied()
    }

    /// Skips whitespace.
    #[inline]
    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// Takes `byte`.
    #[inline]
    fn eat(&mut self, byte: u8) -> Option<()> {
        if self.peek()? == byte {
            self.at += 1;
            Some(())
        } else {
            None
        }
    }

    /// The text of the string at the position, which has no escapes and
    /// no control characters; the position is then after its closing
    /// quote.
    #[inline]
    fn string(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.at;
        let bytes = self.json.as_bytes().get(start..)?;
        let mut offset = 0;
        // Eight bytes at a time, then the last few one by one.
        let stop = loop {
            if let Some(word) = bytes
                .get(offset..offset + 8)
                .and_then(<[u8]>::first_chunk::<8>)
            {
                let stops = string_stops(u64::from_le_bytes(*word));
                if stops != 0 {
                    break offset + (stops.trailing_zeros() / 8) as usize;
                }
                offset += 8;
            } else {
                let at = bytes
                    .get(offset..)?
                    .iter()
                    .position(|byte| matches!(byte, b'"' | b'\\' | 0..0x20))?;
                break offset + at;
            }
        };
        if bytes.get(stop) != Some(&b'"') {
            return None;
        }
        self.at = start + stop + 1;
        self.json.get(start..start + stop)
    }

    /// A member's name, its colon and the whitespace around it.
    #[inline]
    fn key(&mut self) -> Option<&'a str> {
        let name = self.string()?;
        self.space();
        self.eat(b':')?;
        self.space();
        Some(name)
    }

    /// Skips digits; whether there was one.
    #[inline]
    fn digits(&mut self) -> bool {
        let start = self.at;
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        self.at > start
    }

    /// Skips a number, as JSON's grammar has it (`serde_json` checks no
    /// more of a number it does not read).
    fn number(&mut self) -> Option<()> {
        if self.peek()? == b'-' {
            self.at += 1;
        }
        match self.peek()? {
            b'0' => self.at += 1,
            b'1'..=b'9' => {
                self.digits();
            }
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !self.digits() {
                return None;
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if !self.digits() {
                return None;
            }
        }
        Some(())
    }

    /// Skips `true`, `false` or `null`.
    #[inline]
    fn literal(&mut self) -> Option<()> {
        let rest = self.json.as_bytes().get(self.at..)?;
        let len = if rest.starts_with(b"true") || rest.starts_with(b"null") {
            4
        } else if rest.starts_with(b"false") {
            5
        } else {
            return None;
        };
        self.at += len;
        Some(())
    }

    /// After an item or member: whether another follows (a comma, and the
    /// space after it, read), or the list ends (`close` read); `None` for
    /// anything else.
    #[inline]
    fn more(&mut self, close: u8) -> Option<bool> {
        self.space();
        match self.peek()? {
            b',' => {
                self.at += 1;
                self.space();
                Some(true)
            }
            byte if byte == close => {
                self.at += 1;
                Some(false)
            }
            _ => None,
        }
    }

    /// Skips an array's items (`close` `]`) or an object's members
    /// (`close` `}`, each `keyed` by its name), the opening byte at
    /// `self.at`, `depth` arrays and objects deep.
    fn items(&mut self, close: u8, keyed: bool, depth: usize) -> Option<()> {
        self.at += 1;
        self.space();
        if self.eat(close).is_some() {
            return Some(());
        }
        loop {
            if keyed {
                self.key()?;
            }
            self.skip(depth + 1)?;
            if !self.more(close)? {
                return Some(());
            }
        }
    }

    /// Skips a value, `depth` arrays and objects deep in the error object.
    fn skip(&mut self, depth: usize) -> Option<()> {
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'-' | b'0'..=b'9' => self.number(),
            b't' | b'f' | b'n' => self.literal(),
            b'[' if depth < MAX_DEPTH => self.items(b']', false, depth),
            b'{' if depth < MAX_DEPTH => self.items(b'}', true, depth),
            _ => None,
        }
    }

    /// A value kept raw: its text, as `serde_json` borrows it.
    #[inline]
    fn raw(&mut self) -> Option<&'a RawValue> {
        let start = self.at;
        self.skip(0)?;
        raw_value(self.json.get(start..self.at)?)
    }

    /// A code or message member, as [`ReadScalar`](super::ReadScalar)
    /// reads it: a string, an integer of up to 18 digits, `null`, or
    /// another value ([`Scalar::Other`]); a float, a longer integer and
    /// `-0` (which `serde_json` reads as floats, refusing some) give up.
    #[inline]
    fn scalar(&mut self) -> Option<Scalar<'a>> {
        match self.peek()? {
            b'"' => self.string().map(|text| Scalar::Str(Cow::Borrowed(text))),
            // `null` (the only literal that starts with `n`).
            b'n' => self.literal().map(|()| Scalar::Null),
            b'-' | b'0'..=b'9' => self.integer().map(Scalar::Int),
            _ => {
                self.skip(0)?;
                Some(Scalar::Other)
            }
        }
    }

    /// An integer of up to 18 digits, not `-0`, not followed by a fraction
    /// or an exponent.
    #[inline]
    fn integer(&mut self) -> Option<i64> {
        let negative = self.peek()? == b'-';
        if negative {
            self.at += 1;
        }
        let start = self.at;
        let mut value: i64 = 0;
        match self.peek()? {
            b'0' if !negative => self.at += 1,
            b'1'..=b'9' => {
                while let Some(digit @ b'0'..=b'9') = self.peek() {
                    if self.at - start == 18 {
                        return None;
                    }
                    value = value * 10 + i64::from(digit - b'0');
                    self.at += 1;
                }
            }
            _ => return None,
        }
        if let Some(b'.' | b'e' | b'E' | b'0'..=b'9') = self.peek() {
            return None;
        }
        Some(if negative { -value } else { value })
    }

    /// The error object, sorted as the strict pass's `Sorter` sorts it.
    #[inline]
    fn object<N: Names>(
        &mut self,
        names: &N,
        mut members: Option<&mut Members<'a>>,
        found: &mut Found<'a>,
    ) -> Option<()> {
        self.eat(b'{')?;
        self.space();
        if self.eat(b'}').is_some() {
            return Some(());
        }
        loop {
            let name = self.key()?;
            if found.code.is_none() && names.is_code(name) {
                found.code = Some(self.scalar()?);
            } else if found.message.is_none() && names.is_message(name) {
                let raw = N::MESSAGE_RAW && names.json().is_some() && self.peek()? != b'"';
                found.message = Some(if raw {
                    Scalar::Raw(self.raw()?)
                } else {
                    self.scalar()?
                });
            } else if N::EXTRA_TEXT && found.extra_text.is_none() && names.is_extra(name) {
                found.extra_text = Some(self.scalar()?);
            } else if !N::EXTRA_TEXT && found.extra.is_none() && names.is_extra(name) {
                found.extra = Some(self.raw()?);
            } else if let Some(members) = members.as_deref_mut()
                && !names.is_own(name)
            {
                members.push(name, self.raw()?);
            } else {
                self.skip(0)?;
            }
            if !self.more(b'}')? {
                return Some(());
            }
        }
    }

    /// A body that wraps the error object: the first member of the
    /// wrapper's name is sorted, every other skipped; a body without one
    /// gives up.
    fn wrapped<N: Names>(
        &mut self,
        names: &N,
        mut members: Option<&mut Members<'a>>,
        found: &mut Found<'a>,
    ) -> Option<()> {
        self.eat(b'{')?;
        self.space();
        let mut sorted = false;
        if self.eat(b'}').is_none() {
            loop {
                let name = self.key()?;
                if !sorted && names.is_wrapper(name) {
                    self.object(names, members.take(), found)?;
                    sorted = true;
                } else {
                    self.skip(1)?;
                }
                if !self.more(b'}')? {
                    break;
                }
            }
        }
        sorted.then_some(())
    }
}
