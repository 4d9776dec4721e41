//! A parsed JSON body that keeps its members in the body's order (a
//! `serde_json::Value` sorts them, unless a crate somewhere in the build
//! turns on `preserve_order`), so that a member's `input` goes back as the
//! client wrote it, and borrows its strings from the body where it can.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::super::{Pointer, Token};

/// A JSON value.
#[derive(Debug)]
pub(super) enum Tree<'a> {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(Cow<'a, str>),
    Array(Vec<Tree<'a>>),
    /// Members in the body's order, a repeated name kept twice.
    Object(Vec<(Cow<'a, str>, Tree<'a>)>),
}

impl<'a> Tree<'a> {
    pub(super) fn is_integer(&self) -> bool {
        matches!(self, Tree::U64(_) | Tree::I64(_))
    }

    pub(super) fn is_number(&self) -> bool {
        matches!(self, Tree::U64(_) | Tree::I64(_) | Tree::F64(_))
    }

    pub(super) fn is_string(&self) -> bool {
        matches!(self, Tree::Str(_))
    }

    pub(super) fn is_bool(&self) -> bool {
        matches!(self, Tree::Bool(_))
    }

    pub(super) fn is_null(&self) -> bool {
        matches!(self, Tree::Null)
    }

    /// The member `name` of an object (its first, if repeated).
    pub(super) fn member<'t>(
        members: &'t [(Cow<'a, str>, Tree<'a>)],
        name: &str,
    ) -> Option<&'t (Cow<'a, str>, Tree<'a>)> {
        members.iter().find(|(n, _)| n == name)
    }

    /// The value `pointer` points at.
    pub(super) fn at(&self, pointer: &Pointer) -> Option<&Self> {
        let mut value = self;
        for token in pointer.tokens() {
            value = match (value, token) {
                (Tree::Array(items), Token::Index(index)) => items.get(index)?,
                (Tree::Object(members), Token::Index(index)) => {
                    &Tree::member(members, &index.to_string())?.1
                }
                (Tree::Object(members), Token::Key(name)) => &Tree::member(members, &name)?.1,
                _ => return None,
            };
        }
        Some(value)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Tree<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TreeVisitor(core::marker::PhantomData))
    }
}

struct TreeVisitor<'a>(core::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for TreeVisitor<'a> {
    type Value = Tree<'a>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Tree<'a>, E> {
        Ok(Tree::Null)
    }

    fn visit_none<E>(self) -> Result<Tree<'a>, E> {
        Ok(Tree::Null)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Tree<'a>, E> {
        Ok(Tree::Bool(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Tree<'a>, E> {
        Ok(Tree::U64(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Tree<'a>, E> {
        Ok(Tree::I64(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Tree<'a>, E> {
        Ok(Tree::F64(v))
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Tree<'a>, E> {
        Ok(Tree::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Tree<'a>, E> {
        Ok(Tree::Str(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E>(self, v: String) -> Result<Tree<'a>, E> {
        Ok(Tree::Str(Cow::Owned(v)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree<'a>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Tree::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree<'a>, A::Error> {
        let mut members = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
        while let Some(name) = map.next_key::<Name<'a>>()? {
            members.push((name.0, map.next_value()?));
        }
        Ok(Tree::Object(members))
    }
}

/// A member's name, borrowed from the body when it has no escapes.
struct Name<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Name<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameVisitor<'a>(core::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for NameVisitor<'a> {
            type Value = Name<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Name<'a>, E> {
                Ok(Name(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Name<'a>, E> {
                Ok(Name(Cow::Owned(v.to_owned())))
            }
        }
        deserializer.deserialize_str(NameVisitor(core::marker::PhantomData))
    }
}

impl Serialize for Tree<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Tree::Null => serializer.serialize_unit(),
            Tree::Bool(b) => serializer.serialize_bool(*b),
            Tree::U64(n) => serializer.serialize_u64(*n),
            Tree::I64(n) => serializer.serialize_i64(*n),
            Tree::F64(n) => serializer.serialize_f64(*n),
            Tree::Str(s) => serializer.serialize_str(s),
            Tree::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Tree::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (name, value) in members {
                    map.serialize_entry(name, value)?;
                }
                map.end()
            }
        }
    }
}
