//! The examples: a value for each exposed field from its schema, and the
//! example error, a hand-written [`ApiError`] standing for one catalog
//! entry, rendered in the type's format.

use core::fmt;
use core::marker::PhantomData;

use serde_json::{Map, Value};

use crate::catalog::{Catalog, Entry, Part};
use crate::{ApiError, Code, Context, Envelope, FieldVisitor, Format};

/// A code the example error owns.
#[derive(Clone, Debug)]
pub(super) enum OwnedCode {
    Str(String),
    Int(i64),
}

impl OwnedCode {
    pub(super) fn of(code: Code<'_>) -> Self {
        match code {
            Code::Str(code) => OwnedCode::Str(code.to_owned()),
            Code::Int(code) => OwnedCode::Int(code),
        }
    }

    /// Another code of the same kind, to find where the code is written.
    pub(super) fn sentinel(&self) -> Self {
        match self {
            OwnedCode::Str(code) => OwnedCode::Str(format!("\u{1}errbook-code\u{1}{code}")),
            OwnedCode::Int(code) => OwnedCode::Int(if *code == 987_654_321 {
                987_654_322
            } else {
                987_654_321
            }),
        }
    }

    fn as_code(&self) -> Code<'_> {
        match self {
            OwnedCode::Str(code) => Code::Str(code),
            OwnedCode::Int(code) => Code::Int(*code),
        }
    }

    pub(super) fn to_json(&self) -> Value {
        match self {
            OwnedCode::Str(code) => Value::String(code.clone()),
            OwnedCode::Int(code) => Value::from(*code),
        }
    }
}

/// The example error of one catalog entry, in the format `F`.
pub(super) struct Synthetic<F> {
    pub(super) entry: Entry,
    pub(super) owner: &'static Catalog,
    pub(super) status: http::StatusCode,
    pub(super) code: OwnedCode,
    pub(super) fields: Vec<(&'static str, Value)>,
    /// The list of an entry that carries violations.
    pub(super) violations: Option<crate::Violations>,
    pub(super) format: PhantomData<fn() -> F>,
}

impl<F: Format + Default> Synthetic<F> {
    /// The body, as JSON; `None` if the format fails to write it.
    pub(super) fn render(&self, context: Context<'_>) -> Option<Value> {
        serde_json::to_value(Envelope::new(self, F::default(), context)).ok()
    }

    fn value_of(&self, name: &str) -> Option<&Value> {
        self.fields
            .iter()
            .find_map(|(field, value)| (*field == name).then_some(value))
    }
}

impl<F> fmt::Debug for Synthetic<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Synthetic")
            .field("code", &self.code)
            .field("status", &self.status)
            .field("fields", &self.fields)
            .finish_non_exhaustive()
    }
}

impl<F: Format + Default> ApiError for Synthetic<F> {
    type Format = F;

    fn code(&self) -> Code<'_> {
        self.code.as_code()
    }

    fn status(&self) -> http::StatusCode {
        self.status
    }

    /// The entry's template, each placeholder filled with its field's
    /// example value (the entry itself is not this error's: the code may
    /// be a sentinel, see [`OwnedCode::sentinel`]).
    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(template) = self.entry.template() else {
            return f.write_str(crate::__private::reason(self.status));
        };
        for part in template.parts() {
            match part {
                Part::Text { text, .. } => f.write_str(text)?,
                Part::Arg { name, .. } => match self.value_of(name) {
                    Some(Value::String(text)) => f.write_str(text)?,
                    Some(value) => fmt::Display::fmt(value, f)?,
                    None => f.write_str("string")?,
                },
            }
        }
        Ok(())
    }

    fn visit_fields<V: FieldVisitor + ?Sized>(&self, visitor: &mut V) -> Result<(), V::Error> {
        // The fields are the entry's, in its order: a `null` of an `Option`
        // field is written as the field and the format say.
        for ((name, value), field) in self.fields.iter().zip(self.entry.fields()) {
            if value.is_null() && field.is_option() {
                visitor.visit_none(name, field.none_as())?;
            } else {
                visitor.visit(name, value)?;
            }
        }
        Ok(())
    }

    fn doc(&self) -> Option<&'static str> {
        self.entry.description()
    }

    fn violations(&self) -> Option<&crate::Violations> {
        self.violations.as_ref()
    }

    fn title(&self) -> Option<&'static str> {
        self.entry.title()
    }

    fn domain(&self) -> Option<&'static str> {
        self.owner.domain()
    }

    fn docs_template(&self) -> Option<&'static str> {
        self.owner.docs()
    }
}

/// An example value for a field of this schema.
pub(super) fn example_of(schema: &Value) -> Value {
    example_at(schema, 0)
}

fn example_at(schema: &Value, depth: usize) -> Value {
    let Value::Object(map) = schema else {
        return Value::String("string".into());
    };
    if depth > 8 || map.contains_key("$ref") {
        return Value::Null;
    }
    if let Some(value) = map.get("const") {
        return value.clone();
    }
    if let Some(value) = map
        .get("examples")
        .and_then(Value::as_array)
        .and_then(|examples| examples.first())
        .or_else(|| map.get("example"))
        .or_else(|| map.get("default"))
        .or_else(|| map.get("enum").and_then(Value::as_array)?.first())
    {
        return value.clone();
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(alternatives) = map.get(key).and_then(Value::as_array) {
            // The first alternative with a value to show; `null` if only
            // `null` (or references) remain.
            return alternatives
                .iter()
                .filter(|alternative| alternative.get("$ref").is_none())
                .map(|alternative| example_at(alternative, depth + 1))
                .find(|value| !value.is_null())
                .unwrap_or(Value::Null);
        }
    }
    let ty = match map.get("type") {
        Some(Value::String(ty)) => ty.as_str(),
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|ty| *ty != "null")
            .unwrap_or("null"),
        _ if map.contains_key("properties") => "object",
        _ if map.contains_key("items") => "array",
        _ => "string",
    };
    match ty {
        "null" => Value::Null,
        "boolean" => Value::Bool(false),
        "integer" | "number" => {
            let minimum = map
                .get("minimum")
                .cloned()
                .or_else(|| map.get("exclusiveMinimum").and_then(next_integer));
            match minimum {
                Some(minimum) if minimum.is_number() => minimum,
                _ if ty == "integer" => Value::from(0),
                _ => Value::from(0.0),
            }
        }
        "array" => match map.get("items").map(|items| example_at(items, depth + 1)) {
            Some(item) if !item.is_null() => Value::Array(vec![item]),
            _ => Value::Array(Vec::new()),
        },
        "object" => {
            let mut object = Map::new();
            if let Some(Value::Object(properties)) = map.get("properties") {
                for (name, property) in properties {
                    object.insert(name.clone(), example_at(property, depth + 1));
                }
            }
            Value::Object(object)
        }
        _ => Value::String(
            match map.get("format").and_then(Value::as_str) {
                Some("date-time") => "1970-01-01T00:00:00Z",
                Some("date") => "1970-01-01",
                Some("time") => "00:00:00Z",
                Some("uuid") => "00000000-0000-0000-0000-000000000000",
                Some("uri" | "url") => "https://example.com/",
                Some("email") => "user@example.com",
                Some("ipv4") => "127.0.0.1",
                Some("ipv6") => "::1",
                _ => "string",
            }
            .into(),
        ),
    }
}

/// The integer above an exclusive minimum.
fn next_integer(minimum: &Value) -> Option<Value> {
    match minimum {
        Value::Number(n) => n
            .as_i64()
            .and_then(|n| n.checked_add(1))
            .map(Value::from)
            .or_else(|| n.as_f64().map(|n| Value::from(n.floor() + 1.0))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn field_examples_follow_their_schemas() {
        for (schema, example) in [
            (json!({"type": "string"}), json!("string")),
            (
                json!({"type": "string", "format": "uuid"}),
                json!("00000000-0000-0000-0000-000000000000"),
            ),
            (json!({"type": "integer", "minimum": 1}), json!(1)),
            (json!({"type": "integer", "exclusiveMinimum": 1}), json!(2)),
            (json!({"type": "number"}), json!(0.0)),
            (json!({"type": ["boolean", "null"]}), json!(false)),
            (
                json!({"oneOf": [{"type": "null"}, {"type": "integer"}]}),
                json!(0),
            ),
            (
                json!({"oneOf": [{"type": "null"}, {"$ref": "#/x"}]}),
                Value::Null,
            ),
            (json!({"type": "string", "enum": ["b", "a"]}), json!("b")),
            (json!({"type": "string", "example": "ex"}), json!("ex")),
            (
                json!({"type": "array", "items": {"type": "integer"}}),
                json!([0]),
            ),
            (
                json!({"type": "object", "properties": {"a": {"type": "boolean"}}}),
                json!({"a": false}),
            ),
        ] {
            assert_eq!(example_of(&schema), example, "{schema}");
        }
    }
}
