//! The machine-readable error code.

use core::fmt;

use serde::{Serialize, Serializer};

/// A machine-readable error code: a string (`"user:not_found"`) or an integer
/// (`404`).
///
/// `Code` displays as the code itself, serializes as a JSON string or number,
/// and compares with string slices and integers:
///
/// ```
/// use errbook::Code;
///
/// assert_eq!(Code::Str("user:not_found"), "user:not_found");
/// assert_eq!(Code::Int(40401), 40401);
/// assert_eq!(Code::Int(40401).to_string(), "40401");
/// assert_ne!(Code::Str("404"), 404); // a string code never equals an integer
/// assert_eq!(format!("{:<8}|", Code::Str("BANNED")), "BANNED  |"); // honours width
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code<'a> {
    /// A string code, serialized as a JSON string.
    Str(&'a str),
    /// An integer code, serialized as a JSON number.
    Int(i64),
}

impl Code<'_> {
    /// The string code, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Code::Str(s) => Some(s),
            Code::Int(_) => None,
        }
    }

    /// The integer code, if this is one.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Code::Int(i) => Some(*i),
            Code::Str(_) => None,
        }
    }
}

impl fmt::Display for Code<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Code::Str(s) => f.pad(s),
            Code::Int(i) => fmt::Display::fmt(i, f),
        }
    }
}

impl Serialize for Code<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Code::Str(s) => serializer.serialize_str(s),
            Code::Int(i) => serializer.serialize_i64(*i),
        }
    }
}

impl PartialEq<str> for Code<'_> {
    fn eq(&self, other: &str) -> bool {
        matches!(self, Code::Str(s) if *s == other)
    }
}

impl PartialEq<&str> for Code<'_> {
    fn eq(&self, other: &&str) -> bool {
        matches!(self, Code::Str(s) if s == other)
    }
}

impl PartialEq<Code<'_>> for str {
    fn eq(&self, other: &Code<'_>) -> bool {
        other == self
    }
}

impl PartialEq<Code<'_>> for &str {
    fn eq(&self, other: &Code<'_>) -> bool {
        other == self
    }
}

impl PartialEq<String> for Code<'_> {
    fn eq(&self, other: &String) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Code<'_>> for String {
    fn eq(&self, other: &Code<'_>) -> bool {
        other == self
    }
}

macro_rules! int_eq {
    ($($t:ty),*) => {$(
        impl PartialEq<$t> for Code<'_> {
            fn eq(&self, other: &$t) -> bool {
                matches!(self, Code::Int(i) if i128::from(*i) == i128::from(*other))
            }
        }

        impl PartialEq<Code<'_>> for $t {
            fn eq(&self, other: &Code<'_>) -> bool {
                other == self
            }
        }
    )*};
}

int_eq!(i8, i16, i32, i64, u8, u16, u32, u64);

macro_rules! wide_int_eq {
    ($($t:ty),*) => {$(
        impl PartialEq<$t> for Code<'_> {
            fn eq(&self, other: &$t) -> bool {
                matches!(self, Code::Int(i) if i128::try_from(*other).is_ok_and(|o| o == i128::from(*i)))
            }
        }

        impl PartialEq<Code<'_>> for $t {
            fn eq(&self, other: &Code<'_>) -> bool {
                other == self
            }
        }
    )*};
}

wide_int_eq!(i128, u128, isize, usize);
