//! JSON Schema, as inference writes it, into utoipa's schema types.

use ::utoipa::openapi::schema::{
    AdditionalProperties, AllOf, AnyOf, ArrayItems, OneOf, SchemaType,
};
use ::utoipa::openapi::{Array, Object, ObjectBuilder, Ref, RefOr, Schema};
use serde_json::{Map, Value};

/// A JSON Schema as utoipa's types: composites (`oneOf`, `anyOf`, `allOf`),
/// arrays and objects rebuilt level by level, so that nothing nested is
/// lost to utoipa's untagged deserialization; `const` as a one-value `enum`.
pub(super) fn to_utoipa(schema: &Value) -> RefOr<Schema> {
    let map = match schema {
        Value::Object(map) => map,
        Value::Bool(false) => {
            // Nothing matches an empty `enum`.
            return RefOr::T(Schema::Object(
                ObjectBuilder::new()
                    .schema_type(SchemaType::AnyValue)
                    .enum_values(Some(Vec::<Value>::new()))
                    .build(),
            ));
        }
        _ => return RefOr::T(Schema::Object(any_value())),
    };
    if let Some(location) = map.get("$ref").and_then(Value::as_str) {
        let mut reference = Ref::new(location);
        if let Some(description) = map.get("description").and_then(Value::as_str) {
            description.clone_into(&mut reference.description);
        }
        if let Some(summary) = map.get("summary").and_then(Value::as_str) {
            summary.clone_into(&mut reference.summary);
        }
        return RefOr::Ref(reference);
    }
    let items_of = |key: &str| -> Option<Vec<RefOr<Schema>>> {
        map.get(key)
            .and_then(Value::as_array)
            .map(|items| items.iter().map(to_utoipa).collect())
    };
    if let Some(items) = items_of("oneOf") {
        if let Some(mut one_of) = shell::<OneOf>(map, &["oneOf"], "oneOf") {
            one_of.items = items;
            return RefOr::T(Schema::OneOf(one_of));
        }
    } else if let Some(items) = items_of("anyOf") {
        if let Some(mut any_of) = shell::<AnyOf>(map, &["anyOf"], "anyOf") {
            any_of.items = items;
            return RefOr::T(Schema::AnyOf(any_of));
        }
    } else if let Some(items) = items_of("allOf")
        && let Some(mut all_of) = shell::<AllOf>(map, &["allOf"], "allOf")
    {
        all_of.items = items;
        return RefOr::T(Schema::AllOf(all_of));
    }
    let is_array = match map.get("type") {
        Some(Value::String(ty)) => ty == "array",
        Some(Value::Array(types)) => types.iter().any(|ty| ty == "array"),
        _ => false,
    };
    if is_array
        && let Some(mut array) =
            shell::<Array>(map, &["items", "prefixItems", "contentSchema"], "items")
    {
        array.items = match map.get("items") {
            Some(Value::Bool(false)) => ArrayItems::False,
            Some(items) => ArrayItems::RefOrSchema(Box::new(to_utoipa(items))),
            None => ArrayItems::RefOrSchema(Box::new(RefOr::T(Schema::Object(any_value())))),
        };
        if let Some(prefix) = map.get("prefixItems").and_then(Value::as_array) {
            array.prefix_items = prefix
                .iter()
                .filter_map(|item| inline(to_utoipa(item)))
                .collect();
        }
        return RefOr::T(Schema::Array(array));
    }
    RefOr::T(Schema::Object(object(map)))
}

/// A leaf object schema: its own keywords through serde, its subschemas
/// one by one.
fn object(map: &Map<String, Value>) -> Object {
    const NESTED: &[&str] = &[
        "properties",
        "additionalProperties",
        "propertyNames",
        "contentSchema",
        "const",
        "type",
    ];
    let mut object = shell::<Object>(map, NESTED, "type").unwrap_or_else(any_value);
    object.schema_type = match map.get("type") {
        Some(ty) => serde_json::from_value(ty.clone()).unwrap_or(SchemaType::AnyValue),
        None => SchemaType::AnyValue,
    };
    if let Some(value) = map.get("const")
        && object.enum_values.is_none()
    {
        object.enum_values = Some(vec![value.clone()]);
    }
    if let Some(Value::Object(properties)) = map.get("properties") {
        for (name, property) in properties {
            object.properties.insert(name.clone(), to_utoipa(property));
        }
    }
    object.additional_properties = match map.get("additionalProperties") {
        Some(Value::Bool(free)) => Some(Box::new(AdditionalProperties::FreeForm(*free))),
        Some(schema) => Some(Box::new(AdditionalProperties::RefOr(to_utoipa(schema)))),
        None => None,
    };
    object.property_names = map
        .get("propertyNames")
        .and_then(|names| inline(to_utoipa(names)))
        .map(Box::new);
    object.content_schema = map
        .get("contentSchema")
        .map(|schema| Box::new(to_utoipa(schema)));
    object
}

/// `T` from the keywords of `map` less `nested`, with `placeholder` set to
/// a value `T` accepts (the caller fills the real one in).
fn shell<T: serde::de::DeserializeOwned>(
    map: &Map<String, Value>,
    nested: &[&str],
    placeholder: &str,
) -> Option<T> {
    let mut own: Map<String, Value> = map
        .iter()
        .filter(|(key, _)| !nested.contains(&key.as_str()))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    let filler = match placeholder {
        "type" => Value::String("object".into()),
        "items" => serde_json::json!({ "type": "object" }),
        _ => Value::Array(Vec::new()),
    };
    own.insert(placeholder.to_owned(), filler);
    if placeholder == "items" {
        // The array's own type, as written (`"array"` or `["array", "null"]`).
        if let Some(ty) = map.get("type") {
            own.insert("type".into(), ty.clone());
        }
    }
    serde_json::from_value(Value::Object(own)).ok()
}

fn any_value() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::AnyValue)
        .build()
}

fn inline(schema: RefOr<Schema>) -> Option<Schema> {
    match schema {
        RefOr::T(schema) => Some(schema),
        RefOr::Ref(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn round_trip(schema: &Value) -> Value {
        serde_json::to_value(to_utoipa(schema)).unwrap()
    }

    #[test]
    fn nested_schemas_survive_the_conversion() {
        for schema in [
            json!({}),
            json!({"type": "string", "format": "date-time"}),
            json!({"type": ["integer", "null"], "format": "int64", "minimum": 0}),
            json!({"$ref": "#/components/schemas/User"}),
            json!({"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/User"}]}),
            json!({
                "type": "object",
                "title": "T",
                "required": ["a"],
                "properties": {
                    "a": {"oneOf": [{"type": "null"}, {"type": "string"}]},
                    "b": {"type": "array", "items": {"anyOf": [
                        {"type": "object", "properties": {"c": {"type": "string", "enum": ["x"]}}},
                        {"type": "integer"},
                    ]}},
                    "m": {"type": "object", "additionalProperties": {"type": "integer"}},
                },
                "examples": [{"a": "s"}],
                "deprecated": true,
            }),
            json!({
                "oneOf": [{"type": "object"}, {"type": "string"}],
                "discriminator": {"propertyName": "code", "mapping": {"A": "#/components/schemas/A"}},
            }),
            json!({"allOf": [{"$ref": "#/components/schemas/A"}], "description": "d"}),
        ] {
            assert_eq!(round_trip(&schema), schema);
        }
        assert_eq!(
            round_trip(&json!({"type": "string", "const": "A"})),
            json!({"type": "string", "enum": ["A"]})
        );
    }
}
