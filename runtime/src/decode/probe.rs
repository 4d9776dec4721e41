//! A member sent as a JSON string, read into a type that may not take a
//! string, without the cost of the parser's refusal.
//!
//! [`RawError::member`](super::RawError::member) reads a string member as
//! the string first, and, when that does not fit the type, as the JSON
//! its text holds (Google's `metadata` values are all strings: `"7"` for
//! an integer field). Asked for an integer, a boolean, a sequence, a map
//! or a struct, `serde_json` refuses a string at once, without calling
//! the visitor, but first formats a message naming the string and the
//! type expected, and allocates it: most of the cost of reading such a
//! member. [`Probe`] is `serde_json`'s deserializer over the string with
//! those refusals made cheap: it refuses where `serde_json` refuses,
//! without a message, and hands every other request to `serde_json`. The
//! type's `Deserialize` sees an error wherever it would have seen one, so
//! it reads the same value; only the refusal's message is gone, and it is
//! made again by the caller when it is shown.

use core::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde_json::de::StrRead;

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

/// `T` read from `json`, a JSON string (its quotes included), as
/// `serde_json::from_str` reads it; `Err` exactly when that fails.
#[inline]
pub(crate) fn from_json_string<T: de::DeserializeOwned>(json: &str) -> Result<T, Refused> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let value = T::deserialize(Probe(&mut deserializer))?;
    deserializer.end()?;
    Ok(value)
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
mod tests {
    use serde::de::DeserializeOwned;
    use serde_json::Value;

    use super::from_json_string;

    /// The probe succeeds exactly when `serde_json` does, with the same
    /// value.
    fn same<T: DeserializeOwned + PartialEq + core::fmt::Debug>(json: &str) {
        let ours = from_json_string::<T>(json).ok();
        let theirs = serde_json::from_str::<T>(json).ok();
        assert_eq!(ours, theirs, "{json} as {}", core::any::type_name::<T>());
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    enum Unit {
        A,
        B,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Wrapper(String);

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Fields {
        a: u8,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    #[serde(untagged)]
    enum Either {
        Int(u64),
        Text(String),
    }

    #[test]
    fn reads_a_string_as_serde_json_does() {
        for json in [
            r#""""#,
            r#""7""#,
            r#""-3""#,
            r#""true""#,
            r#""null""#,
            r#""A""#,
            r#""B""#,
            r#""x""#,
            r#""é""#,
            r#""\u00e9""#,
            r#""\"q\"""#,
            r#""[1,2]""#,
            r#""{\"a\":1}""#,
            r#""\ud800""#,
            r#""1e999""#,
        ] {
            same::<String>(json);
            same::<Option<String>>(json);
            same::<Option<Option<String>>>(json);
            same::<u64>(json);
            same::<i8>(json);
            same::<u128>(json);
            same::<f64>(json);
            same::<bool>(json);
            same::<()>(json);
            same::<char>(json);
            same::<Vec<u32>>(json);
            same::<(u8, u8)>(json);
            same::<std::collections::BTreeMap<String, u8>>(json);
            same::<Value>(json);
            same::<Option<u64>>(json);
            same::<Unit>(json);
            same::<Wrapper>(json);
            same::<Fields>(json);
            same::<Either>(json);
            same::<Box<str>>(json);
            assert_eq!(
                from_json_string::<Box<serde_json::value::RawValue>>(json)
                    .ok()
                    .map(|raw| raw.get().to_owned()),
                serde_json::from_str::<Box<serde_json::value::RawValue>>(json)
                    .ok()
                    .map(|raw| raw.get().to_owned()),
            );
        }
    }
}
