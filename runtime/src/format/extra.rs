use serde::Serialize;
use serde::ser::SerializeMap;

use crate::{ApiError, FieldVisitor};

/// Writes an error's extra members into a map a format is building,
/// leaving out the names the format reserves for itself.
///
/// This is how every built-in format writes fields; a format of your own uses
/// it the same way (see the [module docs](crate::format)).
pub struct ExtraMembers<'a, E: ?Sized> {
    error: &'a E,
    reserved: &'static [&'static str],
}

impl<'a, E: ApiError + ?Sized> ExtraMembers<'a, E> {
    /// The extra members of `error`, less the names in `reserved`.
    pub fn new(error: &'a E, reserved: &'static [&'static str]) -> Self {
        ExtraMembers { error, reserved }
    }

    /// Writes each member as one `serialize_entry` of `map`.
    pub fn write<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        self.error.visit_fields(&mut MapWriter {
            map,
            reserved: self.reserved,
        })
    }
}

struct MapWriter<'m, M> {
    map: &'m mut M,
    reserved: &'static [&'static str],
}

impl<M: SerializeMap> FieldVisitor for MapWriter<'_, M> {
    type Error = M::Error;

    fn visit<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), M::Error> {
        if self.reserved.contains(&name) {
            return Ok(());
        }
        self.map.serialize_entry(name, value)
    }
}
