//! How the collecting pass reads an array's items, an object's members
//! (a struct's in its declared order) and an enum's variant.

use std::borrow::Cow;

use serde::de::{self, DeserializeSeed, Deserializer, Visitor};
use serde::forward_to_deserialize_any;

use super::super::{Pointer, Violation};
use super::de::{Node, Object, Pass, Value};
use super::error::{Error, Mend};
use super::tree::Tree;

/// One member an object's reader yields, or one it leaves out.
pub(super) enum Entry<'v> {
    Member(Cow<'v, str>, Option<&'v Value<'v>>),
    Skipped(Violation),
}

/// The members of `object` at `pointer`, in the order read: `fields`
/// first, in their order (a missing one that an earlier pass found
/// missing, as a placeholder), then the others in the body's order (an
/// unknown one an earlier pass found, left out), then any other member an
/// earlier pass found missing.
pub(super) fn entries<'v>(
    object: &'v Object<'v>,
    fields: &'static [&'static str],
    pointer: &Pointer,
    pass: &Pass,
) -> Vec<Entry<'v>> {
    let mut entries = Vec::with_capacity(object.len());
    let mut missing = pass.missing_children(pointer);
    for field in fields {
        match Tree::member(object, field) {
            Some((name, value)) => entries.push(Entry::Member(Cow::Borrowed(name), Some(value))),
            None => {
                if let Some(at) = missing.iter().position(|name| name == field) {
                    missing.swap_remove(at);
                    entries.push(Entry::Member(Cow::Borrowed(field), None));
                }
            }
        }
    }
    for (name, value) in object {
        if fields.contains(&&**name) {
            continue;
        }
        let child = pointer.clone().field(name);
        match pass.patch(&child, Mend::Skip) {
            Some(patch) => entries.push(Entry::Skipped(patch.violation.clone())),
            None => entries.push(Entry::Member(Cow::Borrowed(name), Some(value))),
        }
    }
    for name in missing {
        if Tree::member(object, &name).is_none() {
            entries.push(Entry::Member(Cow::Owned(name), None));
        }
    }
    entries
}

pub(super) struct Seq<'p, I> {
    pub(super) items: I,
    pub(super) parent: Pointer,
    pub(super) pass: &'p mut Pass,
}

impl<'v, I> de::SeqAccess<'v> for Seq<'_, I>
where
    I: ExactSizeIterator<Item = (usize, &'v Value<'v>)>,
{
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'v>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.items.next() {
            Some((index, item)) => {
                let pointer = self.parent.clone().index(index);
                let node = Node {
                    value: Some(item),
                    pointer,
                    pass: &mut *self.pass,
                };
                seed.deserialize(node)
                    .map(Some)
                    .map_err(|error| error.at(&self.parent.clone().index(index)))
            }
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

pub(super) struct Map<'v, 'p> {
    pub(super) entries: std::vec::IntoIter<Entry<'v>>,
    /// The member whose value is read next.
    pub(super) value: Option<(Cow<'v, str>, Option<&'v Value<'v>>)>,
    pub(super) parent: Pointer,
    pub(super) pass: &'p mut Pass,
}

impl<'v> de::MapAccess<'v> for Map<'v, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'v>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        loop {
            match self.entries.next() {
                Some(Entry::Skipped(violation)) => self.pass.found.push(violation),
                Some(Entry::Member(name, value)) => {
                    let pointer = self.parent.clone().field(&name);
                    let key = seed
                        .deserialize(Key(&name))
                        .map_err(|error| error.at(&pointer))?;
                    self.value = Some((name, value));
                    return Ok(Some(key));
                }
                None => return Ok(None),
            }
        }
    }

    fn next_value_seed<T: DeserializeSeed<'v>>(&mut self, seed: T) -> Result<T::Value, Error> {
        let (name, value) = self.value.take().unwrap_or((Cow::Borrowed(""), None));
        let pointer = self.parent.clone().field(&name);
        let node = Node {
            value,
            pointer: pointer.clone(),
            pass: &mut *self.pass,
        };
        seed.deserialize(node).map_err(|error| error.at(&pointer))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// A member's name, as a map key: a string, or a number written as one
/// (`{"1": …}` for a map keyed by integers), as `serde_json` reads keys.
struct Key<'a>(&'a str);

macro_rules! integer_keys {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            if let Ok(n) = self.0.parse::<u64>() {
                visitor.visit_u64(n)
            } else if let Ok(n) = self.0.parse::<i64>() {
                visitor.visit_i64(n)
            } else {
                visitor.visit_str(self.0)
            }
        }
    )*};
}

impl<'de> Deserializer<'de> for Key<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_str(self.0)
    }

    integer_keys! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
    }

    forward_to_deserialize_any! {
        bool i128 u128 f32 f64 char str string bytes byte_buf option unit unit_struct
        newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// An enum's variant: its name, and its value (none for a unit variant
/// written as a string).
pub(super) struct Enum<'v, 'p> {
    pub(super) variant: &'v str,
    pub(super) value: Option<&'v Value<'v>>,
    /// Where the variant's value is.
    pub(super) pointer: Pointer,
    pub(super) pass: &'p mut Pass,
}

impl<'v, 'p> Enum<'v, 'p> {
    fn node(self) -> Node<'v, 'p> {
        Node {
            value: self.value,
            pointer: self.pointer,
            pass: self.pass,
        }
    }
}

impl<'v> de::EnumAccess<'v> for Enum<'v, '_> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'v>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let variant = seed.deserialize(Key(self.variant))?;
        Ok((variant, self))
    }
}

impl<'v> de::VariantAccess<'v> for Enum<'v, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.value {
            None | Some(Tree::Null) => Ok(()),
            Some(_) => Err(de::Error::invalid_type(
                de::Unexpected::Map,
                &"a unit variant",
            )),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'v>>(self, seed: T) -> Result<T::Value, Error> {
        match self.value {
            Some(_) => seed.deserialize(self.node()),
            None => Err(de::Error::invalid_type(
                de::Unexpected::UnitVariant,
                &"a newtype variant",
            )),
        }
    }

    fn tuple_variant<V: Visitor<'v>>(self, len: usize, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Some(_) => self.node().deserialize_tuple(len, visitor),
            None => Err(de::Error::invalid_type(
                de::Unexpected::UnitVariant,
                &"a tuple variant",
            )),
        }
    }

    fn struct_variant<V: Visitor<'v>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            Some(_) => self.node().deserialize_struct("", fields, visitor),
            None => Err(de::Error::invalid_type(
                de::Unexpected::UnitVariant,
                &"a struct variant",
            )),
        }
    }
}
