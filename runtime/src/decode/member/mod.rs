//! A member's raw JSON read into a field's type: what
//! [`RawError::member`](super::RawError::member) does, as
//! `serde_json::from_str` would, with two shortcuts that change nothing
//! but the time it takes.
//!
//! The reading: the member's JSON as `T`; failing that, when the member is
//! a string, the JSON its text holds (Google's `metadata` values are all
//! strings: `"7"` for an integer field); failing that, the first attempt's
//! message.
//!
//! * [`Plain`]: a member that is a plain value (an integer that fits 64
//!   bits, `true`, `false`, `null`, or a string without escapes) is handed
//!   to `T` as the value it is, without setting up a parser for a few
//!   bytes. It calls the visitor methods `serde_json` calls for that value,
//!   and refuses what `serde_json` refuses; anything else is handed to
//!   `serde_json`.
//! * [`Probe`]: a string with escapes, asked for as a type that takes no
//!   string (an integer, a boolean, a sequence, a map, a struct), is
//!   refused at once: `serde_json` refuses it without calling the visitor
//!   too, but first formats and allocates a message naming the string and
//!   the type expected.
//!
//! Either refuses without a message: when both attempts fail, the reading
//! is done again with `serde_json` alone, for its message. The type's
//! `Deserialize` sees an error wherever it would have seen one, so it
//! reads the same value.

use core::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde_json::de::StrRead;

use super::unquote;

/// Why a probe failed: its message was not kept.
#[derive(Debug)]
pub(crate) struct Refused;

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("refused")
    }
}

impl std::error::Error for Refused {}

impl de::Error for Refused {
    #[inline]
    fn custom<T: fmt::Display>(_: T) -> Self {
        Refused
    }
}

impl From<serde_json::Error> for Refused {
    #[inline]
    fn from(_: serde_json::Error) -> Self {
        Refused
    }
}

/// `T` read from `json`, a member's raw JSON (one JSON value, as a
/// [`RawValue`](serde_json::value::RawValue) holds): `serde_json::from_str(json)`,
/// or else, for a string, `serde_json::from_str` of its text; else the
/// first attempt's message.
#[inline]
pub(crate) fn read<T: de::DeserializeOwned>(json: &str) -> Result<T, String> {
    if let Some(value) = quick::<T>(json) {
        return Ok(value);
    }
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

/// What [`read`] reads, when the shortcuts read it; `None` when they fail
/// (then [`read`] reads it with `serde_json`, for the same failure and its
/// message) or do not apply.
#[inline]
fn quick<T: de::DeserializeOwned>(json: &str) -> Option<T> {
    match Plain::of_value(json) {
        Some(plain) => {
            if let Ok(value) = T::deserialize(plain) {
                return Some(value);
            }
            if !plain.is_str() {
                return None;
            }
        }
        None if json.starts_with('"') => {
            if let Ok(value) = from_json_string(json) {
                return Some(value);
            }
        }
        None => return None,
    }
    // A string that is not a `T`: the JSON its text holds.
    let text = unquote(json)?;
    match Plain::of(&text) {
        Some(plain) => T::deserialize(plain).ok(),
        None => serde_json::from_str(&text).ok(),
    }
}

/// `T` read from `json`, a JSON string (its quotes included), as
/// `serde_json::from_str` reads it; `Err` exactly when that fails.
#[inline]
pub(crate) fn from_json_string<T: de::DeserializeOwned>(json: &str) -> Result<T, Refused> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let value = T::deserialize(Probe(&mut deserializer))?;
    deserializer.end()?;
    Ok(value)
}

/// The methods of a member deserializer that refuse a compound value
/// (tuple, tuple struct, struct): a member read without a parser is a
/// scalar or a string, and either reader hands anything else back.
macro_rules! refuse_compounds {
    () => {
        #[inline]
        fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Refused> {
            Err(Refused)
        }

        #[inline]
        fn deserialize_tuple_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            _: usize,
            _: V,
        ) -> Result<V::Value, Refused> {
            Err(Refused)
        }

        #[inline]
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            _: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Refused> {
            Err(Refused)
        }
    };
}

/// A plain JSON value, the whole of its text: read without a parser.
#[derive(Clone, Copy, Debug)]
struct Plain<'de> {
    /// The text.
    json: &'de str,
    value: Value<'de>,
}

#[derive(Clone, Copy, Debug)]
enum Value<'de> {
    /// `0`, or up to 19 digits without a leading zero.
    U64(u64),
    /// `-` and up to 18 digits without a leading zero.
    I64(i64),
    Bool(bool),
    Null,
    /// A string without escapes: the text between the quotes.
    Str(&'de str),
}

impl<'de> Plain<'de> {
    /// `json`, any text, as a plain value, when it is one, exactly (no
    /// whitespace).
    #[inline]
    fn of(json: &'de str) -> Option<Self> {
        Plain::read(json, |text| {
            text.bytes()
                .all(|byte| byte >= 0x20 && byte != b'"' && byte != b'\\')
        })
    }

    /// `json`, the text of one JSON value (a raw value's), as a plain value,
    /// when it is one: a string of it is plain when it has no escapes (it
    /// has no quote or control character inside).
    #[inline]
    fn of_value(json: &'de str) -> Option<Self> {
        Plain::read(json, |text| !text.bytes().any(|byte| byte == b'\\'))
    }

    #[inline]
    fn read(json: &'de str, unescaped: impl FnOnce(&str) -> bool) -> Option<Self> {
        let bytes = json.as_bytes();
        let value = match *bytes.first()? {
            b'"' => {
                let text = json.get(1..json.len().checked_sub(1)?)?;
                let plain = bytes.len() >= 2 && bytes[bytes.len() - 1] == b'"' && unescaped(text);
                plain.then_some(Value::Str(text))?
            }
            // `-0` is a float to `serde_json`.
            b'-' if matches!(bytes.get(1), Some(b'1'..=b'9')) => {
                Value::I64(-i64::try_from(digits(&bytes[1..], 18)?).ok()?)
            }
            b'0'..=b'9' => Value::U64(digits(bytes, 19)?),
            _ => match json {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                "null" => Value::Null,
                _ => return None,
            },
        };
        Some(Plain { json, value })
    }

    /// Whether the value is a string.
    #[inline]
    fn is_str(self) -> bool {
        matches!(self.value, Value::Str(_))
    }

    #[inline]
    fn number<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        match self.value {
            Value::U64(value) => visitor.visit_u64(value),
            Value::I64(value) => visitor.visit_i64(value),
            Value::Bool(_) | Value::Null | Value::Str(_) => Err(Refused),
        }
    }

    #[inline]
    fn string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        match self.value {
            Value::Str(text) => visitor.visit_borrowed_str(text),
            Value::U64(_) | Value::I64(_) | Value::Bool(_) | Value::Null => Err(Refused),
        }
    }

    #[inline]
    fn unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::U64(_) | Value::I64(_) | Value::Bool(_) | Value::Str(_) => Err(Refused),
        }
    }
}

/// The value of `bytes`, up to `most` decimal digits without a leading
/// zero (or `0` alone): what `serde_json` reads as that integer.
#[inline]
fn digits(bytes: &[u8], most: usize) -> Option<u64> {
    match bytes {
        [b'0'] => Some(0),
        [b'1'..=b'9', ..] if bytes.len() <= most => bytes.iter().try_fold(0_u64, |value, byte| {
            byte.is_ascii_digit()
                .then(|| value * 10 + u64::from(byte - b'0'))
        }),
        _ => None,
    }
}

/// Requests handed to `serde_json`, over the value's text.
macro_rules! plain_forward {
    ($($method:ident),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
            let mut deserializer = serde_json::Deserializer::from_str(self.json);
            let value = deserializer.$method(visitor)?;
            deserializer.end()?;
            Ok(value)
        }
    )*};
}

/// The requests `serde_json` serves with a number (`deserialize_number`).
macro_rules! plain_number {
    ($($method:ident),* $(,)?) => {$(
        #[inline]
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
            self.number(visitor)
        }
    )*};
}

/// Requests `serde_json` refuses for every plain value.
macro_rules! plain_refuse {
    ($($method:ident),* $(,)?) => {$(
        #[inline]
        fn $method<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Refused> {
            Err(Refused)
        }
    )*};
}

impl<'de> Deserializer<'de> for Plain<'de> {
    type Error = Refused;

    plain_number!(
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_f32,
        deserialize_f64,
    );

    plain_refuse!(deserialize_seq, deserialize_map);

    plain_forward!(
        deserialize_i128,
        deserialize_u128,
        deserialize_char,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_identifier,
        deserialize_ignored_any,
    );

    #[inline]
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        match self.value {
            Value::U64(value) => visitor.visit_u64(value),
            Value::I64(value) => visitor.visit_i64(value),
            Value::Bool(value) => visitor.visit_bool(value),
            Value::Null => visitor.visit_unit(),
            Value::Str(text) => visitor.visit_borrowed_str(text),
        }
    }

    #[inline]
    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        match self.value {
            Value::Bool(value) => visitor.visit_bool(value),
            Value::U64(_) | Value::I64(_) | Value::Null | Value::Str(_) => Err(Refused),
        }
    }

    #[inline]
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        self.string(visitor)
    }

    #[inline]
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        self.string(visitor)
    }

    #[inline]
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        match self.value {
            Value::Null => visitor.visit_none(),
            Value::U64(_) | Value::I64(_) | Value::Bool(_) | Value::Str(_) => {
                visitor.visit_some(self)
            }
        }
    }

    #[inline]
    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        self.unit(visitor)
    }

    #[inline]
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Refused> {
        self.unit(visitor)
    }

    /// Handed to `serde_json`, which treats its raw value's newtype apart.
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Refused> {
        let mut deserializer = serde_json::Deserializer::from_str(self.json);
        let value = deserializer.deserialize_newtype_struct(name, visitor)?;
        deserializer.end()?;
        Ok(value)
    }

    refuse_compounds!();

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Refused> {
        let mut deserializer = serde_json::Deserializer::from_str(self.json);
        let value = deserializer.deserialize_enum(name, variants, visitor)?;
        deserializer.end()?;
        Ok(value)
    }
}

/// `serde_json`'s deserializer positioned on a string value.
struct Probe<'p, 'de>(&'p mut serde_json::Deserializer<StrRead<'de>>);

/// Requests that `serde_json` refuses for a string without calling the
/// visitor (`peek_invalid_type`): refused here, without a message.
macro_rules! refuse {
    ($($method:ident),* $(,)?) => {$(
        #[inline]
        fn $method<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Refused> {
            Err(Refused)
        }
    )*};
}

/// Requests handed to `serde_json`, which reads the string for them.
macro_rules! forward {
    ($($method:ident),* $(,)?) => {$(
        #[inline]
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
            Ok(self.0.$method(visitor)?)
        }
    )*};
}

impl<'de> Deserializer<'de> for Probe<'_, 'de> {
    type Error = Refused;

    refuse!(
        deserialize_bool,
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_i128,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_u128,
        deserialize_f32,
        deserialize_f64,
        deserialize_unit,
        deserialize_seq,
        deserialize_map,
    );

    forward!(
        deserialize_any,
        deserialize_char,
        deserialize_str,
        deserialize_string,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_identifier,
        deserialize_ignored_any,
    );

    /// A string is not `null`: `serde_json` visits `Some` with itself.
    #[inline]
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        visitor.visit_some(self)
    }

    #[inline]
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: V,
    ) -> Result<V::Value, Refused> {
        Err(Refused)
    }

    /// Handed over whole: `serde_json` treats its raw value's newtype
    /// apart.
    #[inline]
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Refused> {
        Ok(self.0.deserialize_newtype_struct(name, visitor)?)
    }

    refuse_compounds!();

    #[inline]
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Refused> {
        Ok(self.0.deserialize_enum(name, variants, visitor)?)
    }
}

#[cfg(test)]
mod tests;
