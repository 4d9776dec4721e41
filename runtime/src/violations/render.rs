//! How each built-in format writes a [`Violations`] list: serde views,
//! which the formats' `serialize` hand to their serializer and their
//! direct writers to `serde_json::to_writer`, so both paths write the
//! same bytes.

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};

use super::{Location, Violation, Violations};

/// The shape of a list's items in a format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// nested and matrix: `{"pointer":"/age","code":…,"message":…,…}`.
    Members,
    /// problem+json (RFC 9457 §3): `{"detail":…,"pointer":"#/age","code":…,…}`,
    /// without `code` when it is empty.
    Problem,
    /// FastAPI: `{"type":…,"loc":["body","age"],"msg":…,"input":…,"ctx":…}`.
    FastApi,
    /// `google.rpc.BadRequest.FieldViolation`: `{"field":…,"description":…,"reason":…}`.
    Google,
}

/// FastAPI's (pydantic's) members after `msg`, in the order it writes
/// them.
const PYDANTIC: [&str; 3] = ["input", "ctx", "url"];

impl Shape {
    /// The names an item writes itself; an extra member of one of them is
    /// left out.
    pub(crate) fn own(self) -> &'static [&'static str] {
        match self {
            Shape::Members => &["pointer", "parameter", "in", "index", "code", "message"],
            Shape::Problem => &["detail", "pointer", "parameter", "in", "index", "code"],
            Shape::FastApi => &["type", "loc", "msg"],
            Shape::Google => &["field", "description", "reason"],
        }
    }

    /// Where among FastAPI's `input`, `ctx` and `url` the item writes its
    /// extra member `name`, when it is one of them: the first member of
    /// each, after `msg` and in pydantic's order, before the other extra
    /// members (a later one of the same name is left out).
    pub(crate) fn pydantic(self, name: &str) -> Option<usize> {
        if self == Shape::FastApi {
            PYDANTIC.iter().position(|written| *written == name)
        } else {
            None
        }
    }
}

/// Writes `"<name>":[…]`, the error's violations in `shape`, into `map`
/// when it has some.
pub(crate) fn write_member<E, M>(
    map: &mut M,
    error: &E,
    name: &str,
    shape: Shape,
) -> Result<(), M::Error>
where
    E: crate::ApiError + ?Sized,
    M: SerializeMap,
{
    match error.violations() {
        Some(violations) => map.serialize_entry(name, &List(violations, shape)),
        None => Ok(()),
    }
}

/// A list, in a shape.
pub(crate) struct List<'a>(pub(crate) &'a Violations, pub(crate) Shape);

impl Serialize for List<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for violation in self.0 {
            seq.serialize_element(&Item(violation, self.1))?;
        }
        seq.end()
    }
}

/// The list as the `nested` and `matrix` formats write their
/// `violations` member: `[{"pointer":"/age","code":…,"message":…,…}]`, a
/// parameter as `"parameter":"page","in":"query"`, then the extra
/// members. A format of your own writes it with
/// `map.serialize_entry("violations", violations)`.
///
/// ```
/// use errbook::violations::{Pointer, Violations};
///
/// let violations = Violations::new()
///     .body(Pointer::root().field("age"), "int_type", "Input should be a valid integer")
///     .query("page", "int_parsing", "Input should be a valid integer");
/// assert_eq!(
///     serde_json::to_string(&violations).unwrap(),
///     r#"[{"pointer":"/age","code":"int_type","message":"Input should be a valid integer"},{"parameter":"page","in":"query","code":"int_parsing","message":"Input should be a valid integer"}]"#,
/// );
/// ```
impl Serialize for Violations {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        List(self, Shape::Members).serialize(serializer)
    }
}

/// Google's `google.rpc.BadRequest` detail holding a list.
pub(crate) struct BadRequest<'a>(pub(crate) &'a Violations);

impl Serialize for BadRequest<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("@type", BAD_REQUEST)?;
        map.serialize_entry("fieldViolations", &List(self.0, Shape::Google))?;
        map.end()
    }
}

/// The `@type` of Google's detail.
pub(crate) const BAD_REQUEST: &str = "type.googleapis.com/google.rpc.BadRequest";

struct Item<'a>(&'a Violation, Shape);

impl Serialize for Item<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Item(violation, shape) = *self;
        let mut map = serializer.serialize_map(None)?;
        match shape {
            Shape::Members => {
                location(&mut map, &violation.location, false)?;
                map.serialize_entry("code", &violation.code)?;
                map.serialize_entry("message", &violation.message)?;
            }
            Shape::Problem => {
                map.serialize_entry("detail", &violation.message)?;
                location(&mut map, &violation.location, true)?;
                // An empty code is none, as in RFC 9457's example.
                if !violation.code.is_empty() {
                    map.serialize_entry("code", &violation.code)?;
                }
            }
            Shape::FastApi => {
                map.serialize_entry("type", &violation.code)?;
                map.serialize_entry("loc", &violation.location.to_loc())?;
                map.serialize_entry("msg", &violation.message)?;
                for name in PYDANTIC {
                    if let Some(value) = violation.get(name) {
                        map.serialize_entry(name, value)?;
                    }
                }
            }
            Shape::Google => {
                map.serialize_entry("field", &violation.location.to_field_path())?;
                map.serialize_entry("description", &violation.message)?;
                map.serialize_entry("reason", &violation.code)?;
                // `FieldViolation` has no other members.
                return map.end();
            }
        }
        for (name, value) in violation.extras() {
            let written = shape == Shape::FastApi && PYDANTIC.contains(&name);
            if !written && !shape.own().contains(&name) {
                map.serialize_entry(name, value)?;
            }
        }
        map.end()
    }
}

/// `"pointer":…` for the body (a URI fragment for problem+json), or
/// `"parameter":…,"in":…` (and `"index":…` for an item of one).
fn location<M: SerializeMap>(
    map: &mut M,
    location: &Location,
    fragment: bool,
) -> Result<(), M::Error> {
    match location {
        Location::Body(pointer) if fragment => {
            map.serialize_entry("pointer", &pointer.to_fragment())
        }
        Location::Body(pointer) => map.serialize_entry("pointer", pointer.as_str()),
        _ => {
            let (kind, name) = location.parameter().unwrap_or(("query", ""));
            map.serialize_entry("parameter", name)?;
            map.serialize_entry("in", kind)?;
            match location.index() {
                Some(index) => map.serialize_entry("index", &index),
                None => Ok(()),
            }
        }
    }
}
