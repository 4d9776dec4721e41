use serde::Serialize;
use serde::ser::SerializeMap;

use super::NoneAs;
use crate::{ApiError, FieldVisitor};

/// Writes an error's extra members into a map a format is building,
/// leaving out the names the format reserves for itself.
///
/// This is how every built-in format writes fields; a format of your own uses
/// it the same way (see the [module docs](crate::format)).
pub struct ExtraMembers<'a, E: ?Sized> {
    error: &'a E,
    reserved: &'static [&'static str],
    none: NoneAs,
}

impl<'a, E: ApiError + ?Sized> ExtraMembers<'a, E> {
    /// The extra members of `error`, less the names in `reserved`; an
    /// `Option` field that is `None` is `null` unless it says otherwise.
    pub fn new(error: &'a E, reserved: &'static [&'static str]) -> Self {
        ExtraMembers {
            error,
            reserved,
            none: NoneAs::Null,
        }
    }

    /// How an `Option` field that is `None` and says nothing itself is
    /// written: the format's [`NONE`](super::Format::NONE).
    #[must_use]
    pub fn none_as(mut self, none: NoneAs) -> Self {
        self.none = none;
        self
    }

    /// Writes each member as one `serialize_entry` of `map`.
    pub fn write<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        self.error.visit_fields(&mut MapWriter {
            map,
            reserved: self.reserved,
            none: self.none,
        })
    }
}

struct MapWriter<'m, M> {
    map: &'m mut M,
    reserved: &'static [&'static str],
    none: NoneAs,
}

impl<M: SerializeMap> FieldVisitor for MapWriter<'_, M> {
    type Error = M::Error;

    fn visit<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), M::Error> {
        if self.reserved.contains(&name) {
            return Ok(());
        }
        self.map.serialize_entry(name, value)
    }

    fn visit_none(&mut self, name: &str, none: Option<NoneAs>) -> Result<(), M::Error> {
        match none.unwrap_or(self.none) {
            NoneAs::Omit => Ok(()),
            NoneAs::Null => self.visit(name, &()),
        }
    }
}
