//! The codes and messages of violations errbook finds itself (a body
//! that does not read, a parameter that does not parse): pydantic's,
//! where it has one, so that they read as FastAPI's do.

pub(crate) const MISSING: (&str, &str) = ("missing", "Field required");
pub(crate) const EXTRA: (&str, &str) = ("extra_forbidden", "Extra inputs are not permitted");
pub(crate) const STRING: (&str, &str) = ("string_type", "Input should be a valid string");
pub(crate) const INT: (&str, &str) = ("int_type", "Input should be a valid integer");
pub(crate) const FLOAT: (&str, &str) = ("float_type", "Input should be a valid number");
pub(crate) const BOOL: (&str, &str) = ("bool_type", "Input should be a valid boolean");
pub(crate) const BYTES: (&str, &str) = ("bytes_type", "Input should be a valid bytes");
pub(crate) const NONE: (&str, &str) = ("none_required", "Input should be None");
pub(crate) const LIST: (&str, &str) = ("list_type", "Input should be a valid list");
pub(crate) const TUPLE: (&str, &str) = ("tuple_type", "Input should be a valid tuple");
pub(crate) const DICT: (&str, &str) = ("dict_type", "Input should be a valid dictionary");
pub(crate) const MODEL: (&str, &str) = (
    "model_attributes_type",
    "Input should be a valid dictionary or object to extract fields from",
);
pub(crate) const ENUM: &str = "enum";
pub(crate) const JSON_INVALID: &str = "json_invalid";
pub(crate) const VALUE_ERROR: &str = "value_error";
pub(crate) const INVALID_TYPE: &str = "invalid_type";
pub(crate) const INVALID_VALUE: &str = "invalid_value";
pub(crate) const INVALID_LENGTH: &str = "invalid_length";

/// pydantic's message for an enum: `Input should be 'a', 'b' or 'c'`.
pub(crate) fn one_of(expected: &[&str]) -> String {
    let mut message = String::from("Input should be ");
    for (at, variant) in expected.iter().enumerate() {
        if at > 0 {
            message.push_str(if at + 1 == expected.len() {
                " or "
            } else {
                ", "
            });
        }
        message.push('\'');
        message.push_str(variant);
        message.push('\'');
    }
    message
}
