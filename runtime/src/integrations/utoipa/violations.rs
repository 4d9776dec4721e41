//! The list of violations in a code's schema: the example list the
//! example error carries, and the schema of each built-in format's shape
//! of it, which inference puts where the format writes the list.

use serde_json::{Value, json};

use crate::Violations;
use crate::violations::Pointer;
use crate::violations::render::{List, Shape};

/// The example list: one violation of a body member.
pub(super) fn example() -> Violations {
    Violations::new().body(
        Pointer::root().field("name"),
        "length",
        "length must be at least 1",
    )
}

/// A list whose message marks where the format writes it.
pub(super) fn sentinel() -> Violations {
    Violations::new().body(Pointer::root().field("name"), "length", SENTINEL)
}

/// The message of [`sentinel`]'s violation.
pub(super) const SENTINEL: &str = "\u{1}errbook-violation\u{1}";

/// The pointer of the list that holds the string at `message` (the item
/// holding it, then the list holding the item), when it is one.
pub(super) fn list_pointer(body: &Value, message: &str) -> Option<String> {
    let item = &message[..message.rfind('/')?];
    let list = &item[..item.rfind('/')?];
    body.pointer(list)?.is_array().then(|| list.to_owned())
}

/// The schema of `list` when it is [`example`] in the shape of a built-in
/// format; `None` for a format of one's own, whose list is inferred like
/// the rest of its body.
pub(super) fn shape_schema(list: &Value) -> Option<Value> {
    let example = example();
    let shape = [
        Shape::Members,
        Shape::Problem,
        Shape::FastApi,
        Shape::Google,
    ]
    .into_iter()
    .find(|shape| serde_json::to_value(List(&example, *shape)).ok().as_ref() == Some(list))?;
    Some(json!({
        "type": "array",
        "description": description(shape),
        "items": items(shape),
    }))
}

fn description(shape: Shape) -> &'static str {
    match shape {
        Shape::Members => {
            "What was wrong with the request, one item per violation: `pointer`, an RFC 6901 JSON pointer into the request body, or `parameter` and `in` for a path, query, header or cookie parameter (and `index` for an item of one that carries a list)."
        }
        Shape::Problem => {
            "What was wrong with the request, one item per violation (RFC 9457 §3): `pointer`, an RFC 6901 JSON pointer into the request body as a URI fragment (`#/age`), or `parameter` and `in` for a path, query, header or cookie parameter (and `index` for an item of one that carries a list)."
        }
        Shape::FastApi => {
            "What was wrong with the request, one item per violation, as FastAPI writes its `RequestValidationError`."
        }
        Shape::Google => {
            "What was wrong with the request, one `google.rpc.BadRequest.FieldViolation` per violation: `field` is an AIP-193 field path (`items[0].title`)."
        }
    }
}

fn items(shape: Shape) -> Value {
    let string = json!({"type": "string"});
    let parameter = json!({"type": "string", "enum": ["path", "query", "header", "cookie"]});
    let index = json!({"type": "integer", "minimum": 0});
    match shape {
        Shape::Members => json!({
            "type": "object",
            "properties": {
                "pointer": string,
                "parameter": string,
                "in": parameter,
                "index": index,
                "code": string,
                "message": string,
            },
            "required": ["code", "message"],
        }),
        Shape::Problem => json!({
            "type": "object",
            "properties": {
                "detail": string,
                "pointer": string,
                "parameter": string,
                "in": parameter,
                "index": index,
                "code": string,
            },
            "required": ["detail"],
        }),
        Shape::FastApi => json!({
            "type": "object",
            "title": "ValidationError",
            "properties": {
                "type": string,
                "loc": {
                    "type": "array",
                    "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                },
                "msg": string,
                "input": {},
                "ctx": {"type": "object"},
            },
            "required": ["type", "loc", "msg"],
        }),
        Shape::Google => json!({
            "type": "object",
            "properties": {
                "field": string,
                "description": string,
                "reason": string,
            },
            "required": ["field", "description"],
        }),
    }
}
