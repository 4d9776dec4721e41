//! Schema inference: the JSON Schema of one code's body, found by rendering
//! the example error and probing where the format writes the code and each
//! field.

use core::marker::PhantomData;

use ::utoipa::openapi::schema::AllOfBuilder;
use ::utoipa::openapi::{RefOr, Schema};
use serde_json::{Map, Value};

use super::CodeSchema;
use super::convert::to_utoipa;
use super::examples::{OwnedCode, Synthetic, example_of};
use super::violations;
use crate::catalog::{Catalog, Entry};
use crate::{Context, Format};

/// The status of the examples of codes whose status is chosen at run time.
const VARIES_EXAMPLE_STATUS: u16 = 500;

/// What an exposed field contributes to the examples.
struct FieldExample {
    name: &'static str,
    /// The field's schema as JSON; `None` when its type has none.
    schema: Option<Value>,
    example: Value,
    /// An `Option` field, which a format may leave out when `None`.
    option: bool,
}

pub(super) fn code_schema<F: Format + Default>(
    owner: &'static Catalog,
    entry: Entry,
    status: Option<u16>,
    name: String,
) -> CodeSchema {
    let fields: Vec<FieldExample> = entry
        .fields()
        .iter()
        .map(|field| {
            let schema = field.schema().get();
            let example = schema
                .as_ref()
                .map_or_else(|| Value::String("string".into()), example_of);
            FieldExample {
                name: field.name(),
                schema,
                example,
                option: field.is_option(),
            }
        })
        .collect();
    let list = entry.has_violations().then(violations::example);
    let example_list_error = |code: OwnedCode, values: Vec<Value>, list| Synthetic::<F> {
        entry,
        owner,
        status: http::StatusCode::from_u16(status.unwrap_or(VARIES_EXAMPLE_STATUS))
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
        code,
        fields: fields.iter().map(|f| f.name).zip(values).collect(),
        violations: list,
        format: PhantomData,
    };
    let example_error =
        |code: OwnedCode, values: Vec<Value>| example_list_error(code, values, list.clone());
    let base_values = || fields.iter().map(|f| f.example.clone()).collect::<Vec<_>>();
    let code = OwnedCode::of(entry.code());

    let base = example_error(code.clone(), base_values()).render(Context::production());
    let (schema, code_pointer) = match &base {
        Some(example) => {
            let mut marks = Marks::default();
            // The code and each field, found by rendering them as other values.
            let sentinels: Vec<Value> = (0..fields.len())
                .map(|i| Value::String(format!("\u{1}errbook-field-{i}\u{1}")))
                .collect();
            let probe =
                example_error(code.sentinel(), sentinels.clone()).render(Context::production());
            let code_json = code.to_json();
            let sentinel_json = code.sentinel().to_json();
            let mut code_pointers = Vec::new();
            walk(example, &mut String::new(), &mut |pointer, value| {
                if *value == code_json
                    && probe.as_ref().and_then(|p| p.pointer(pointer)) == Some(&sentinel_json)
                {
                    code_pointers.push(pointer.to_owned());
                }
            });
            marks.pinned.clone_from(&code_pointers);
            if let Some(probe) = &probe {
                walk(probe, &mut String::new(), &mut |pointer, value| {
                    let Some(i) = sentinels.iter().position(|s| s == value) else {
                        return;
                    };
                    let field = &fields[i];
                    // The format writes the value as it is: the field's schema
                    // applies. Otherwise (rewritten, as Google's string
                    // metadata), the schema of what it writes.
                    if example.pointer(pointer) == Some(&field.example) {
                        let schema = field
                            .schema
                            .clone()
                            .unwrap_or_else(|| Value::Object(Map::new()));
                        marks.replaced.push((pointer.to_owned(), schema));
                    }
                });
            }
            // Nullable fields the format leaves out when `null`: optional.
            let nullable: Vec<bool> = fields
                .iter()
                .map(|f| f.option || f.schema.as_ref().is_some_and(admits_null))
                .collect();
            if nullable.contains(&true) {
                let values = fields
                    .iter()
                    .zip(&nullable)
                    .map(|(f, &null)| if null { Value::Null } else { f.example.clone() })
                    .collect();
                let nulls = example_error(code.clone(), values).render(Context::production());
                if let (Some(nulls), Some(probe)) = (&nulls, &probe) {
                    walk(probe, &mut String::new(), &mut |pointer, value| {
                        let is_nullable_field = sentinels
                            .iter()
                            .zip(&nullable)
                            .any(|(s, &null)| null && s == value);
                        if is_nullable_field && nulls.pointer(pointer).is_none() {
                            marks.optional.push(pointer.to_owned());
                        }
                    });
                }
            }
            // The list of violations: its shape's schema, where the format
            // writes it.
            if list.is_some() {
                let sentinel =
                    example_list_error(code.clone(), base_values(), Some(violations::sentinel()))
                        .render(Context::production());
                let without = (entry.violations_optional())
                    .then(|| example_list_error(code.clone(), base_values(), None))
                    .and_then(|error| error.render(Context::production()));
                if let Some(sentinel) = &sentinel {
                    mark_list(example, sentinel, without.as_ref(), &mut marks);
                }
            }
            // Members written for a request id: optional.
            let with_instance = example_error(code.clone(), base_values())
                .render(Context::production().with_instance("string"));
            let mut schema = infer(example, with_instance.as_ref(), &mut String::new(), &marks);
            if let Value::Object(map) = &mut schema {
                map.insert("examples".into(), Value::Array(vec![example.clone()]));
            }
            (schema, code_pointers.into_iter().next())
        }
        None => (Value::Object(Map::new()), None),
    };
    let mut schema = match schema {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    schema.insert("title".into(), Value::String(entry.code().to_string()));
    if let Some(description) = entry.description().or(entry.message()) {
        schema.insert("description".into(), Value::String(description.to_owned()));
    }
    if entry.deprecated() {
        schema.insert("deprecated".into(), Value::Bool(true));
    }
    let schema = match to_utoipa(&Value::Object(schema)) {
        RefOr::T(schema) => schema,
        RefOr::Ref(reference) => Schema::AllOf(AllOfBuilder::new().item(reference).build()),
    };
    CodeSchema {
        entry,
        status,
        name,
        code_pointer,
        example: base.unwrap_or(Value::Null),
        schema,
    }
}

/// Marks the list of violations in `example`, found where `sentinel`
/// (the example with [`violations::sentinel`]) has its message: the schema
/// of its shape for a built-in format, inferred otherwise; optional, or
/// either schema, when `without` (the example with no list, for an
/// `Option<Violations>`) leaves it out or has another value there (a
/// `detail` body's message).
fn mark_list(example: &Value, sentinel: &Value, without: Option<&Value>, marks: &mut Marks) {
    let mut found = None;
    walk(sentinel, &mut String::new(), &mut |pointer, value| {
        if found.is_none() && value.as_str() == Some(violations::SENTINEL) {
            found = violations::list_pointer(sentinel, pointer);
        }
    });
    let Some(pointer) = found else { return };
    let Some(list) = example.pointer(&pointer) else {
        return;
    };
    let schema = violations::shape_schema(list).unwrap_or_else(|| plain(list));
    let schema = match without.map(|without| without.pointer(&pointer)) {
        Some(None) => {
            marks.optional.push(pointer.clone());
            schema
        }
        Some(Some(other)) if other != list => {
            serde_json::json!({ "anyOf": [schema, plain(other)] })
        }
        _ => schema,
    };
    marks.replaced.push((pointer, schema));
}

/// What [`infer`] does at some JSON Pointers of the example.
#[derive(Default)]
struct Marks {
    /// The code: pinned to its value.
    pinned: Vec<String>,
    /// Exposed fields: the field's schema.
    replaced: Vec<(String, Value)>,
    /// Members left out of `required`.
    optional: Vec<String>,
}

/// Calls `visit` with each node of `value` and its JSON Pointer.
fn walk(value: &Value, pointer: &mut String, visit: &mut impl FnMut(&str, &Value)) {
    visit(pointer, value);
    let len = pointer.len();
    match value {
        Value::Object(map) => {
            for (key, member) in map {
                push_key(pointer, key);
                walk(member, pointer, visit);
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                pointer.push('/');
                pointer.push_str(&index.to_string());
                walk(item, pointer, visit);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

/// Appends `/key`, escaped as RFC 6901 asks.
fn push_key(pointer: &mut String, key: &str) {
    pointer.push('/');
    pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// The schema of `example`: objects with their members `required`, arrays
/// with the schema of their items, scalars their type; `extra` is another
/// rendering whose additional members are optional properties.
fn infer(example: &Value, extra: Option<&Value>, pointer: &mut String, marks: &Marks) -> Value {
    if let Some((_, schema)) = marks.replaced.iter().find(|(at, _)| at == pointer) {
        return schema.clone();
    }
    if marks.pinned.iter().any(|at| at == pointer) {
        return serde_json::json!({ "type": json_type(example), "enum": [example] });
    }
    let len = pointer.len();
    match example {
        Value::Object(members) => {
            let mut properties = Map::new();
            let mut required = Vec::new();
            for (key, member) in members {
                push_key(pointer, key);
                let schema = infer(member, extra.and_then(|e| e.get(key)), pointer, marks);
                properties.insert(key.clone(), schema);
                if !marks.optional.iter().any(|at| at == pointer) {
                    required.push(Value::String(key.clone()));
                }
                pointer.truncate(len);
            }
            if let Some(Value::Object(more)) = extra {
                for (key, member) in more {
                    if !members.contains_key(key) {
                        properties.insert(key.clone(), plain(member));
                    }
                }
            }
            let mut schema = Map::new();
            schema.insert("type".into(), "object".into());
            if !properties.is_empty() {
                schema.insert("properties".into(), Value::Object(properties));
            }
            if !required.is_empty() {
                schema.insert("required".into(), Value::Array(required));
            }
            Value::Object(schema)
        }
        Value::Array(items) => {
            let mut schemas: Vec<Value> = Vec::new();
            for (index, item) in items.iter().enumerate() {
                pointer.push('/');
                pointer.push_str(&index.to_string());
                let schema = infer(item, extra.and_then(|e| e.get(index)), pointer, marks);
                pointer.truncate(len);
                if !schemas.contains(&schema) {
                    schemas.push(schema);
                }
            }
            if let Some(Value::Array(more)) = extra {
                for item in more.iter().skip(items.len()) {
                    let schema = plain(item);
                    if !schemas.contains(&schema) {
                        schemas.push(schema);
                    }
                }
            }
            let items = match schemas.len() {
                0 => Value::Object(Map::new()),
                1 => schemas.remove(0),
                _ => serde_json::json!({ "anyOf": schemas }),
            };
            serde_json::json!({ "type": "array", "items": items })
        }
        scalar => serde_json::json!({ "type": json_type(scalar) }),
    }
}

/// The schema of `example` alone.
fn plain(example: &Value) -> Value {
    infer(example, None, &mut String::new(), &Marks::default())
}

/// Whether a schema accepts `null`.
pub(super) fn admits_null(schema: &Value) -> bool {
    let Value::Object(map) = schema else {
        return matches!(schema, Value::Bool(true));
    };
    let typed = match map.get("type") {
        Some(Value::String(ty)) => ty == "null",
        Some(Value::Array(types)) => types.iter().any(|ty| ty == "null"),
        _ => false,
    };
    typed
        || ["oneOf", "anyOf"].iter().any(|key| {
            map.get(*key)
                .and_then(Value::as_array)
                .is_some_and(|alternatives| alternatives.iter().any(admits_null))
        })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn nullable_schemas() {
        assert!(admits_null(
            &json!({"oneOf": [{"type": "null"}, {"type": "string"}]})
        ));
        assert!(admits_null(&json!({"type": ["string", "null"]})));
        assert!(!admits_null(&json!({"type": "string"})));
    }
}
