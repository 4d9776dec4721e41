//! The collecting pass: a `serde` deserializer over a parsed
//! [`Tree`] that knows where it is (an RFC 6901 pointer at every member)
//! and, where the type asks for another kind of value than the body holds,
//! records a violation and hands the type a [`Placeholder`] instead of
//! stopping. The failures a type raises itself (a missing member, an
//! unknown variant, a number out of range) stop a pass; the next pass
//! mends them (a placeholder in place of the member, an unknown member
//! left out), until a pass reads the whole body.
//!
//! A struct's members are visited in the order the struct declares them,
//! then the others in the body's order, so the violations come out in
//! the type's order, as pydantic reports them.

use std::borrow::Cow;

use serde::de::{self, Deserializer, Visitor};

use super::super::{Pointer, Token, Violation};
use super::access::{Enum, Map, Seq, entries};
use super::codes;
use super::error::{Error, Mend};
use super::placeholder::Placeholder;
use super::tree::Tree;

/// A JSON value the pass reads.
pub(super) type Value<'v> = Tree<'v>;
/// An object's members.
pub(super) type Object<'v> = [(Cow<'v, str>, Tree<'v>)];

/// A failure found in an earlier pass, and how this pass gets past it.
pub(super) struct Patch {
    pub(super) pointer: Pointer,
    pub(super) mend: Mend,
    pub(super) violation: Violation,
}

/// One pass over the body.
pub(super) struct Pass {
    pub(super) patches: Vec<Patch>,
    /// The violations met so far, in the order met.
    pub(super) found: Vec<Violation>,
    pub(super) input: bool,
    /// Every member read, in the order read, when asked for.
    pub(super) visited: Option<Vec<Pointer>>,
}

impl Pass {
    pub(super) fn patch(&self, pointer: &Pointer, mend: Mend) -> Option<&Patch> {
        self.patches
            .iter()
            .find(|patch| patch.mend == mend && patch.pointer == *pointer)
    }

    /// The member at `pointer` holds another kind of value than the type
    /// asks for.
    fn mismatch(&mut self, pointer: &Pointer, value: &Value<'_>, (code, message): (&str, &str)) {
        let mut violation = Violation::body(pointer.clone(), code, message);
        if self.input {
            violation = violation.extra("input", value);
        }
        self.found.push(violation);
    }

    /// The names of the members of `parent` that the body lacks and an
    /// earlier pass found missing.
    pub(super) fn missing_children(&self, parent: &Pointer) -> Vec<String> {
        self.patches
            .iter()
            .filter(|patch| patch.mend == Mend::Fill)
            .filter_map(|patch| {
                let rest = patch.pointer.as_str().strip_prefix(parent.as_str())?;
                let child = Pointer::parse(rest)?;
                let mut tokens = child.tokens();
                let name = match (tokens.next()?, tokens.next()) {
                    (Token::Key(name), None) => name.into_owned(),
                    (Token::Index(index), None) => index.to_string(),
                    _ => return None,
                };
                Some(name)
            })
            .collect()
    }
}

/// The member at `pointer`; `None` for a member the body lacks.
pub(super) struct Node<'v, 'p> {
    pub(super) value: Option<&'v Value<'v>>,
    pub(super) pointer: Pointer,
    pub(super) pass: &'p mut Pass,
}

impl<'v> Node<'v, '_> {
    /// The value to read; `None` where a placeholder goes instead (the
    /// member failed in an earlier pass: its violation is met here).
    fn value(&mut self) -> Option<&'v Value<'v>> {
        if let Some(visited) = &mut self.pass.visited {
            visited.push(self.pointer.clone());
        }
        if let Some(patch) = self.pass.patch(&self.pointer, Mend::Fill) {
            let violation = patch.violation.clone();
            self.pass.found.push(violation);
            return None;
        }
        self.value
    }

    /// A scalar the type asks for: read when `accepts` it, else a
    /// violation of `mismatch` and a placeholder read by `stand_in`.
    fn scalar<V: Visitor<'v>>(
        mut self,
        visitor: V,
        accepts: fn(&Value<'v>) -> bool,
        mismatch: (&str, &str),
        stand_in: fn(V) -> Result<V::Value, Error>,
    ) -> Result<V::Value, Error> {
        let result = match self.value() {
            Some(value) if accepts(value) => visit_scalar(value, visitor),
            Some(value) => {
                self.pass.mismatch(&self.pointer, value, mismatch);
                stand_in(visitor)
            }
            None => stand_in(visitor),
        };
        result.map_err(|error| error.at(&self.pointer))
    }

    fn child(&mut self, value: Option<&'v Value<'v>>, pointer: Pointer) -> Node<'v, '_> {
        Node {
            value,
            pointer,
            pass: &mut *self.pass,
        }
    }
}

fn visit_scalar<'v, V: Visitor<'v>>(value: &'v Value<'v>, visitor: V) -> Result<V::Value, Error> {
    match value {
        Tree::Bool(b) => visitor.visit_bool(*b),
        Tree::U64(n) => visitor.visit_u64(*n),
        Tree::I64(n) => visitor.visit_i64(*n),
        Tree::F64(n) => visitor.visit_f64(*n),
        Tree::Str(s) => visitor.visit_borrowed_str(s),
        Tree::Null | Tree::Array(_) | Tree::Object(_) => visitor.visit_unit(),
    }
}

macro_rules! integers {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'v>>(self, visitor: V) -> Result<V::Value, Error> {
            self.scalar(visitor, Tree::is_integer, codes::INT, |v| Placeholder.$method(v))
        }
    )*};
}

impl<'v> Deserializer<'v> for Node<'v, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'v>>(mut self, visitor: V) -> Result<V::Value, Error> {
        let result = match self.value() {
            None => Placeholder.deserialize_any(visitor),
            Some(Tree::Array(items)) => self.seq(items, visitor),
            Some(Tree::Object(object)) => self.map(object, &[], visitor),
            Some(value) => visit_scalar(value, visitor),
        };
        result.map_err(|error| error.at(&self.pointer))
    }

    fn deserialize_bool<V: Visitor<'v>>(self, visitor: V) -> Result<V::Value, Error> {
        self.scalar(visitor, Tree::is_bool, codes::BOOL, |v| {
            Placeholder.deserialize_bool(v)
        })
    }

    integers! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
    }

    fn deserialize_f32<V: Visitor<'v>>(self, visitor: V) -> Result<V::Value, Error> {
        self.scalar(visitor, Tree::is_number, codes::FLOAT, |v| {
            Placeholder.deserialize_f32(v)
        })
    }

    fn deserialize_f64<V: Visitor<'v>>(self, visitor: V) -> Result<V::Value, Error> {
        self.scalar(visitor, Tree::is_number, codes::FLOAT, |v| {
            Placeholder.deserialize_f64(v)
        })
    }

    fn deserialize_char<V: Visitor<'v>>(self, visitor: V) -> Result<V::Value, Error> {
        self.scalar(visitor, Tree::is_string, codes::STRING, |v| {
            Placeholder.deserialize_char(v)
        })
    }

    fn deserialize_str<V: Visitor<'v>>(self, visitor: V) -> Result<V::Value, Error> {
        self.scalar(visitor, Tree::is_string, codes::STRING, |v| {
            Placeholder.deserialize_str(v)
        })
    }

    fn deserialize_string<V: Visitor<'v>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'v>>(mut self, visitor: V) -> Result<V::Value, Error> {
        if let Some(Tree::Array(items)) = self.value
            && self.pass.patch(&self.pointer, Mend::Fill).is_none()
        {
            let result = self.seq(items, visitor);
            return result.map_err(|error| error.at(&self.pointer));
        }
        self.scalar(visitor, Tree::is_string, codes::BYTES, |v| {
            Placeholder.deserialize_bytes(v)
        })
    }

    fn deserialize_byte_buf<V: Visitor<'v>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'v>>(mut self, visitor: V) -> Result<V::Value, Error> {
        let result = match self.value() {
            None | Some(Tree::Null) => visitor.visit_none(),
            Some(value) => {
                let pointer = self.pointer.clone();
                visitor.visit_some(self.child(Some(value), pointer))
            }
        };
        result.map_err(|error| error.at(&self.pointer))
    }

    fn deserialize_unit<V: Visitor<'v>>(self, visitor: V) -> Result<V::Value, Error> {
        self.scalar(visitor, Tree::is_null, codes::NONE, |v| {
            Placeholder.deserialize_unit(v)
        })
    }

    fn deserialize_unit_struct<V: Visitor<'v>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'v>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let pointer = self.pointer.clone();
        visitor
            .visit_newtype_struct(self)
            .map_err(|error| error.at(&pointer))
    }

    fn deserialize_seq<V: Visitor<'v>>(self, visitor: V) -> Result<V::Value, Error> {
        self.list(None, codes::LIST, visitor)
    }

    fn deserialize_tuple<V: Visitor<'v>>(self, len: usize, visitor: V) -> Result<V::Value, Error> {
        self.list(Some(len), codes::TUPLE, visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'v>>(
        self,
        _name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_tuple(len, visitor)
    }

    fn deserialize_map<V: Visitor<'v>>(self, visitor: V) -> Result<V::Value, Error> {
        self.object(None, codes::DICT, visitor)
    }

    fn deserialize_struct<V: Visitor<'v>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.object(Some(fields), codes::MODEL, visitor)
    }

    fn deserialize_enum<V: Visitor<'v>>(
        mut self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let result = match self.value() {
            Some(Tree::Str(name)) => visitor.visit_enum(Enum {
                variant: name,
                value: None,
                pointer: self.pointer.clone(),
                pass: &mut *self.pass,
            }),
            Some(Tree::Object(object)) if object.len() == 1 => {
                let (name, value) = object.first().map_or(("", None), |(k, v)| (&**k, Some(v)));
                let pointer = self.pointer.clone().field(name);
                visitor.visit_enum(Enum {
                    variant: name,
                    value,
                    pointer,
                    pass: &mut *self.pass,
                })
            }
            Some(value) => {
                let message = codes::one_of(variants);
                self.pass
                    .mismatch(&self.pointer, value, (codes::ENUM, &message));
                Placeholder.deserialize_enum("", variants, visitor)
            }
            None => Placeholder.deserialize_enum("", variants, visitor),
        };
        result.map_err(|error| error.at(&self.pointer))
    }

    fn deserialize_identifier<V: Visitor<'v>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'v>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

impl<'v> Node<'v, '_> {
    /// A list (`len` for a tuple): an array's items, or a placeholder.
    fn list<V: Visitor<'v>>(
        mut self,
        len: Option<usize>,
        mismatch: (&str, &str),
        visitor: V,
    ) -> Result<V::Value, Error> {
        let result = match self.value() {
            Some(Tree::Array(items)) => self.seq(items, visitor),
            Some(value) => {
                self.pass.mismatch(&self.pointer, value, mismatch);
                Placeholder.deserialize_tuple(len.unwrap_or(0), visitor)
            }
            None => Placeholder.deserialize_tuple(len.unwrap_or(0), visitor),
        };
        result.map_err(|error| error.at(&self.pointer))
    }

    /// A map, or a struct of `fields`: an object's members (a struct may
    /// also be read from an array, as `serde_json` reads it), or a
    /// placeholder.
    fn object<V: Visitor<'v>>(
        mut self,
        fields: Option<&'static [&'static str]>,
        mismatch: (&str, &str),
        visitor: V,
    ) -> Result<V::Value, Error> {
        let result = match self.value() {
            Some(Tree::Object(object)) => self.map(object, fields.unwrap_or(&[]), visitor),
            Some(Tree::Array(items)) if fields.is_some() => self.seq(items, visitor),
            Some(value) => {
                self.pass.mismatch(&self.pointer, value, mismatch);
                stand_in(fields, visitor)
            }
            None => stand_in(fields, visitor),
        };
        result.map_err(|error| error.at(&self.pointer))
    }

    fn seq<V: Visitor<'v>>(
        &mut self,
        items: &'v [Value<'v>],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let mut seq = Seq {
            items: items.iter().enumerate(),
            parent: self.pointer.clone(),
            pass: &mut *self.pass,
        };
        let value = visitor.visit_seq(&mut seq)?;
        match seq.items.len() {
            0 => Ok(value),
            _ => Err(de::Error::invalid_length(
                items.len(),
                &"fewer elements in array",
            )),
        }
    }

    fn map<V: Visitor<'v>>(
        &mut self,
        object: &'v Object<'v>,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let entries = entries(object, fields, &self.pointer, self.pass);
        let mut map = Map {
            entries: entries.into_iter(),
            value: None,
            parent: self.pointer.clone(),
            pass: &mut *self.pass,
        };
        let value = visitor.visit_map(&mut map)?;
        match map.entries.len() {
            0 => Ok(value),
            _ => Err(de::Error::invalid_length(
                object.len(),
                &"fewer elements in map",
            )),
        }
    }
}

fn stand_in<'v, V: Visitor<'v>>(
    fields: Option<&'static [&'static str]>,
    visitor: V,
) -> Result<V::Value, Error> {
    match fields {
        Some(fields) => Placeholder.deserialize_struct("", fields, visitor),
        None => Placeholder.deserialize_map(visitor),
    }
}
