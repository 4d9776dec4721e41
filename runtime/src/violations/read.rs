//! Reading a list back from each format's shape (see
//! [`render`](super::render)): the items of a JSON array, each an object.
//! Members an item does not name itself are kept, in order, as its extra
//! members (the first of a repeated name); an item that is not a violation
//! refuses the list, with why.

use core::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;

use super::render::Shape;
use super::{Location, Pointer, Violation, Violations};
use crate::decode::{DecodeErrorKind, RawError};

/// Keeps the first member of each name in `members`, in their order. By
/// one sort of their indices, where a lookup per member would be quadratic
/// in an item's members, which the body decides.
fn first_of_each(members: &mut Vec<(String, Box<RawValue>)>) {
    if members.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..members.len()).collect();
    // Stable: of equal names, the first member comes first.
    order.sort_by(|&a, &b| members[a].0.cmp(&members[b].0));
    let mut keep = vec![true; members.len()];
    for pair in order.windows(2) {
        if members[pair[0]].0 == members[pair[1]].0 {
            keep[pair[1]] = false;
        }
    }
    let mut at = 0;
    members.retain(|_| {
        at += 1;
        keep[at - 1]
    });
}

/// The list in `json`, an array of items in `shape`.
pub(crate) fn read(json: &str, shape: Shape) -> Result<Violations, String> {
    let items: Vec<Ordered> = serde_json::from_str(json).map_err(|e| e.to_string())?;
    items
        .into_iter()
        .enumerate()
        .map(|(at, Ordered(members))| {
            item(members, shape).map_err(|why| format!("item {at}: {why}"))
        })
        .collect()
}

fn item(members: Vec<(String, Box<RawValue>)>, shape: Shape) -> Result<Violation, String> {
    let mut own: Vec<(String, Value)> = Vec::new();
    let mut extra: Vec<(String, Box<RawValue>)> = Vec::new();
    for (name, value) in members {
        if shape.own().contains(&name.as_str()) {
            // The first member of one of the item's own names is the
            // item's; a later one is left out, as the item, which writes
            // that name itself, would never write it back.
            if !own.iter().any(|(n, _)| *n == name) {
                let value = serde_json::from_str(value.get()).map_err(|e| e.to_string())?;
                own.push((name, value));
            }
        } else if shape == Shape::Google {
            // A `FieldViolation` has no other members: the item writes
            // none, and reads none.
        } else {
            extra.push((name, value));
        }
    }
    // Likewise a later extra member of a name already kept (FastAPI's
    // `input`, `ctx` and `url` among them): the item writes each name
    // once, so the first counts, as for a body's members.
    first_of_each(&mut extra);
    // FastAPI's item writes `input`, `ctx` and `url` first, in pydantic's
    // order, then the others: they are read in the order written, so that
    // the violation reads back as itself (the sort is stable).
    if shape == Shape::FastApi {
        extra.sort_by_key(|(name, _)| shape.pydantic(name).unwrap_or(usize::MAX));
    }
    let take = |name: &str| own.iter().find(|(n, _)| n == name).map(|(_, v)| v);
    let text = |name: &str| -> Result<String, String> {
        match take(name) {
            Some(Value::String(text)) => Ok(text.clone()),
            Some(_) => Err(format!("`{name}` is not a string")),
            None => Err(format!("no `{name}`")),
        }
    };
    let (location, code, message) = match shape {
        Shape::Members | Shape::Problem => {
            let location = match (take("pointer"), take("parameter"), take("in")) {
                (Some(Value::String(pointer)), None, None) => Location::Body(
                    if shape == Shape::Problem {
                        Pointer::from_fragment(pointer)
                    } else {
                        Pointer::parse(pointer)
                    }
                    .ok_or_else(|| format!("`pointer` is not a JSON pointer: {pointer:?}"))?,
                ),
                (None, Some(Value::String(name)), Some(Value::String(kind))) => {
                    let parameter = Location::from_parameter(kind, name.as_str())
                        .ok_or_else(|| format!("`in` is not a parameter's place: {kind:?}"))?;
                    match take("index") {
                        None => parameter,
                        Some(index) => index
                            .as_u64()
                            .and_then(|index| usize::try_from(index).ok())
                            .and_then(|index| Location::item(parameter, index))
                            .ok_or_else(|| format!("`index` is not an index: {index}"))?,
                    }
                }
                _ => return Err("neither a `pointer` nor a `parameter` with its `in`".into()),
            };
            let (message, code) = if shape == Shape::Problem {
                // RFC 9457's own example has no `code`: it reads as empty.
                let code = match take("code") {
                    None => String::new(),
                    Some(_) => text("code")?,
                };
                (text("detail")?, code)
            } else {
                (text("message")?, text("code")?)
            };
            (location, code, message)
        }
        Shape::FastApi => {
            let location = match take("loc") {
                Some(Value::Array(loc)) => Location::from_loc(loc).ok_or_else(|| {
                    format!("`loc` is not a location: {}", Value::Array(loc.clone()))
                })?,
                _ => return Err("no `loc` list".into()),
            };
            (location, text("type")?, text("msg")?)
        }
        Shape::Google => {
            // Protobuf's JSON mapping leaves out a member with its default
            // value, `""` (gax does: a violation of the whole request has no
            // `field`), and `reason` is recent: an absent member is empty.
            let optional = |name: &str| match take(name) {
                None => Ok(String::new()),
                Some(_) => text(name),
            };
            let field = optional("field")?;
            let pointer = Pointer::from_field_path(&field)
                .ok_or_else(|| format!("`field` is not a field path: {field:?}"))?;
            (
                Location::Body(pointer),
                optional("reason")?,
                optional("description")?,
            )
        }
    };
    let mut violation = Violation::new(location, code, message);
    violation.extra = extra;
    Ok(violation)
}

/// A JSON object's members, in the order written.
struct Ordered(Vec<(String, Box<RawValue>)>);

impl<'de> de::Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Members;

        impl<'de> Visitor<'de> for Members {
            type Value = Ordered;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                let mut members = Vec::with_capacity(map.size_hint().unwrap_or(4).min(16));
                while let Some(member) = map.next_entry::<String, Box<RawValue>>()? {
                    members.push(member);
                }
                Ok(Ordered(members))
            }
        }

        deserializer.deserialize_map(Members)
    }
}

/// The list a decoded body carries, where its format keeps it: `None`
/// when it has none. A list that is not one is a
/// [`DecodeErrorKind::Member`] naming where it was.
pub(crate) fn from_raw(raw: &RawError<'_>) -> Result<Option<Violations>, DecodeErrorKind> {
    let format = raw.received().map(|(format, _, _)| format);
    let (name, shape) = match format {
        Some("problem") => ("errors", Shape::Problem),
        Some("detail") => ("detail", Shape::FastApi),
        Some("google") => return google(raw),
        _ => ("violations", Shape::Members),
    };
    let Some(json) = raw.member_raw(name) else {
        return Ok(None);
    };
    match read(json.get(), shape) {
        Ok(violations) => Ok(Some(violations)),
        Err(reason) => Err(DecodeErrorKind::Member {
            name: name.to_owned(),
            reason,
        }),
    }
}

/// The `fieldViolations` of a Google body's first `google.rpc.BadRequest`
/// detail, read from the body again: only a variant with a list asks.
fn google(raw: &RawError<'_>) -> Result<Option<Violations>, DecodeErrorKind> {
    let name = "fieldViolations";
    let Some(text) = raw
        .received()
        .and_then(|(_, body, _)| core::str::from_utf8(body).ok())
    else {
        return Ok(None);
    };
    let details = (|| {
        let body: Object<'_> = serde_json::from_str(text).ok()?;
        let error: Object<'_> = serde_json::from_str(body.get("error")?.get()).ok()?;
        serde_json::from_str::<Vec<&RawValue>>(error.get("details")?.get()).ok()
    })();
    let found = details.unwrap_or_default().into_iter().find_map(|entry| {
        let detail: Object<'_> = serde_json::from_str(entry.get()).ok()?;
        let kind: String = serde_json::from_str(detail.get("@type")?.get()).ok()?;
        kind.ends_with("google.rpc.BadRequest")
            .then(|| detail.get("fieldViolations").copied())
    });
    match found.flatten() {
        None => Ok(None),
        Some(json) => {
            read(json.get(), Shape::Google)
                .map(Some)
                .map_err(|reason| DecodeErrorKind::Member {
                    name: name.to_owned(),
                    reason,
                })
        }
    }
}

/// A JSON object's members, raw.
pub(crate) type Object<'a> = std::collections::BTreeMap<String, &'a RawValue>;
