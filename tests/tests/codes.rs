//! Codes: derived from names under every `rename_all` rule, `prefix`,
//! explicit string and integer codes, and the `Code` type users compare with.

use errbook::{ApiError, Code};
use serde_json::{Value, json};

/// One enum per rule, with the same variant names, so every rule is checked
/// on the same shapes: a plain two-word name, a leading acronym, one word and
/// an acronym in the middle.
macro_rules! cased {
    ($name:ident, $rule:tt) => {
        #[derive(Debug, ApiError)]
        #[api(rename_all = $rule, status = 400)]
        enum $name {
            NotFound,
            HTTPTimeout,
            Banned,
            UserIDInvalid,
        }

        impl $name {
            fn codes() -> [String; 4] {
                [
                    Self::NotFound.code().to_string(),
                    Self::HTTPTimeout.code().to_string(),
                    Self::Banned.code().to_string(),
                    Self::UserIDInvalid.code().to_string(),
                ]
            }
        }
    };
}

cased!(Snake, "snake_case");
cased!(ScreamingSnake, "SCREAMING_SNAKE_CASE");
cased!(Kebab, "kebab-case");
cased!(Camel, "camelCase");
cased!(Pascal, "PascalCase");
cased!(Lower, "lowercase");
cased!(Upper, "UPPERCASE");
cased!(ScreamingKebab, "SCREAMING-KEBAB-CASE");

/// No `rename_all`: the default rule.
#[derive(Debug, ApiError)]
#[api(status = 400)]
enum Unrenamed {
    NotFound,
    HTTPTimeout,
    Banned,
    UserIDInvalid,
}

#[test]
fn snake_case() {
    assert_eq!(
        Snake::codes(),
        ["not_found", "http_timeout", "banned", "user_id_invalid"]
    );
}

#[test]
fn screaming_snake_case() {
    assert_eq!(
        ScreamingSnake::codes(),
        ["NOT_FOUND", "HTTP_TIMEOUT", "BANNED", "USER_ID_INVALID"]
    );
}

#[test]
fn screaming_snake_case_is_the_default() {
    let codes = [
        Unrenamed::NotFound.code(),
        Unrenamed::HTTPTimeout.code(),
        Unrenamed::Banned.code(),
        Unrenamed::UserIDInvalid.code(),
    ];
    assert_eq!(
        codes,
        ["NOT_FOUND", "HTTP_TIMEOUT", "BANNED", "USER_ID_INVALID"]
    );
    assert_eq!(
        codes.map(|c| c.to_string()),
        ScreamingSnake::codes(),
        "no rename_all means SCREAMING_SNAKE_CASE"
    );
}

#[test]
fn kebab_case() {
    assert_eq!(
        Kebab::codes(),
        ["not-found", "http-timeout", "banned", "user-id-invalid"]
    );
}

#[test]
fn camel_case() {
    assert_eq!(
        Camel::codes(),
        ["notFound", "httpTimeout", "banned", "userIdInvalid"]
    );
}

#[test]
fn pascal_case() {
    assert_eq!(
        Pascal::codes(),
        ["NotFound", "HTTPTimeout", "Banned", "UserIDInvalid"]
    );
}

#[test]
fn lowercase() {
    assert_eq!(
        Lower::codes(),
        ["notfound", "httptimeout", "banned", "useridinvalid"]
    );
}

#[test]
fn uppercase() {
    assert_eq!(
        Upper::codes(),
        ["NOTFOUND", "HTTPTIMEOUT", "BANNED", "USERIDINVALID"]
    );
}

#[test]
fn screaming_kebab_case() {
    assert_eq!(
        ScreamingKebab::codes(),
        ["NOT-FOUND", "HTTP-TIMEOUT", "BANNED", "USER-ID-INVALID"]
    );
}

#[derive(Debug, ApiError)]
#[api(prefix = "user:", rename_all = "snake_case", status = 404)]
enum Prefixed {
    NotFound,
    #[api(code = "user:gone")]
    Gone,
    #[api(code = "LEGACY_MISSING")]
    LegacyMissing,
    #[api(code = 40401)]
    Numbered,
}

#[test]
fn prefix_applies_to_derived_codes() {
    assert_eq!(Prefixed::NotFound.code(), "user:not_found");
}

#[test]
fn explicit_codes_are_taken_verbatim() {
    // Neither prefixed nor re-cased.
    assert_eq!(Prefixed::Gone.code(), "user:gone");
    assert_eq!(Prefixed::LegacyMissing.code(), "LEGACY_MISSING");
    assert_eq!(Prefixed::Numbered.code(), Code::Int(40401));
}

#[test]
fn prefix_reaches_the_body() {
    let body: Value = serde_json::to_value(Prefixed::NotFound.envelope()).unwrap();
    assert_eq!(body["error"]["code"], "user:not_found");
}

#[derive(Debug, ApiError)]
#[api(status = 404)]
enum Mixed {
    #[api(code = 40401, message = "User not found.")]
    UserNotFound,
    #[api(code = "space:not_found", message = "Space not found.")]
    SpaceNotFound,
    #[api(message = "Message not found.")]
    MessageNotFound,
    #[api(code = -1, status = 500, message = "Unknown.")]
    Unknown,
    #[api(code = 0, status = 400, message = "Zero.")]
    Zero,
}

#[test]
fn integer_codes_serialize_as_json_numbers() {
    let body = serde_json::to_string(&Mixed::UserNotFound.envelope()).unwrap();
    assert_eq!(
        body,
        r#"{"error":{"code":40401,"message":"User not found."}}"#
    );
    let body: Value = serde_json::to_value(Mixed::Unknown.envelope()).unwrap();
    assert_eq!(body["error"]["code"], json!(-1));
    let body: Value = serde_json::to_value(Mixed::Zero.envelope()).unwrap();
    assert_eq!(body["error"]["code"], json!(0));
}

#[test]
fn string_and_integer_codes_mix_in_one_enum() {
    let bodies: Vec<String> = [
        Mixed::UserNotFound,
        Mixed::SpaceNotFound,
        Mixed::MessageNotFound,
    ]
    .iter()
    .map(|e| String::from_utf8(e.to_response().into_body()).unwrap())
    .collect();
    assert_eq!(
        bodies,
        [
            r#"{"error":{"code":40401,"message":"User not found."}}"#,
            r#"{"error":{"code":"space:not_found","message":"Space not found."}}"#,
            r#"{"error":{"code":"MESSAGE_NOT_FOUND","message":"Message not found."}}"#,
        ]
    );
}

#[test]
fn integer_code_compares_with_every_integer_type() {
    let code = Mixed::UserNotFound.code();
    assert_eq!(code, 40401);
    assert_eq!(code, 40401_i64);
    assert_eq!(code, 40401_u32);
    assert_eq!(code, 40401_u64);
    assert!(40401 == code);
    assert!(40401_u16 == code);
    assert_ne!(code, 40402);
    assert_eq!(Mixed::Unknown.code(), -1_i8);
    assert_ne!(Mixed::Unknown.code(), u64::MAX);
    assert_eq!(code.as_int(), Some(40401));
    assert_eq!(code.as_str(), None);
}

#[test]
fn integer_code_never_equals_its_digits_as_a_string() {
    let code = Mixed::UserNotFound.code();
    assert_ne!(code, "40401");
    assert_ne!(Code::Str("40401"), 40401);
}

#[test]
fn string_code_compares_with_str_both_ways() {
    let code = Mixed::SpaceNotFound.code();
    assert_eq!(code, "space:not_found");
    assert!("space:not_found" == code);
    let owned = String::from("space:not_found");
    assert_eq!(code, *owned.as_str());
    assert_ne!(code, "space:not_found ");
    assert_ne!(code, "SPACE:NOT_FOUND");
    assert_eq!(code.as_str(), Some("space:not_found"));
    assert_eq!(code.as_int(), None);
}

#[test]
fn code_display() {
    assert_eq!(Mixed::UserNotFound.code().to_string(), "40401");
    assert_eq!(Mixed::Unknown.code().to_string(), "-1");
    assert_eq!(Mixed::SpaceNotFound.code().to_string(), "space:not_found");
    assert_eq!(
        Mixed::MessageNotFound.code().to_string(),
        "MESSAGE_NOT_FOUND"
    );
    assert_eq!(
        format!("[{}]", Prefixed::NotFound.code()),
        "[user:not_found]"
    );
}

#[test]
fn code_serializes_on_its_own() {
    assert_eq!(
        serde_json::to_string(&Mixed::UserNotFound.code()).unwrap(),
        "40401"
    );
    assert_eq!(
        serde_json::to_string(&Mixed::SpaceNotFound.code()).unwrap(),
        r#""space:not_found""#
    );
}

/// A unit struct: code derived from the struct name.
#[derive(Debug, ApiError)]
#[api(status = 404)]
struct NoSuchRoom;

/// A tuple struct with an explicit code.
#[derive(Debug, ApiError)]
#[api(code = "CONFLICT", status = 409, message = "{0} already exists.")]
struct Conflict(#[api(field = "resource")] String);

/// A struct with named fields and an integer code.
#[derive(Debug, ApiError)]
#[api(code = 42201, status = 422, message = "Field {name} is invalid.")]
struct Invalid {
    #[api(field)]
    name: String,
}

/// A struct with a prefix and a rule.
#[derive(Debug, ApiError)]
#[api(prefix = "room:", rename_all = "kebab-case", status = 410)]
struct RoomClosed;

#[test]
fn unit_struct_derives_its_code_from_its_name() {
    assert_eq!(NoSuchRoom.code(), "NO_SUCH_ROOM");
    assert_eq!(NoSuchRoom.status(), 404);
    assert_eq!(
        String::from_utf8(NoSuchRoom.to_response().into_body()).unwrap(),
        r#"{"error":{"code":"NO_SUCH_ROOM","message":"Not Found"}}"#
    );
}

#[test]
fn struct_prefix_and_rename_all() {
    assert_eq!(RoomClosed.code(), "room:room-closed");
    assert_eq!(RoomClosed.status(), 410);
}

#[test]
fn tuple_struct() {
    let err = Conflict("channel general".into());
    assert_eq!(err.code(), "CONFLICT");
    assert_eq!(err.status(), 409);
    assert_eq!(
        serde_json::to_string(&err.envelope()).unwrap(),
        r#"{"error":{"code":"CONFLICT","message":"channel general already exists.","resource":"channel general"}}"#
    );
}

#[test]
fn named_struct_with_integer_code() {
    let err = Invalid {
        name: "email".into(),
    };
    assert_eq!(err.code(), 42201);
    assert_eq!(err.status(), 422);
    assert_eq!(
        serde_json::to_string(&err.envelope()).unwrap(),
        r#"{"error":{"code":42201,"message":"Field email is invalid.","name":"email"}}"#
    );
}

#[derive(Debug, ApiError)]
#[api(status = 400)]
#[allow(non_camel_case_types)]
enum Raw {
    /// A keyword as the variant name.
    #[api(message = "Bad {type}.")]
    r#type {
        #[api(field)]
        r#type: String,
    },
    #[api(message = "Bad {r#match}.")]
    r#BadMatch {
        #[api(field = "match")]
        r#match: u8,
    },
}

#[test]
fn raw_identifiers_lose_their_prefix() {
    let err = Raw::r#type {
        r#type: "png".into(),
    };
    assert_eq!(err.code(), "TYPE");
    assert_eq!(
        serde_json::to_string(&err.envelope()).unwrap(),
        r#"{"error":{"code":"TYPE","message":"Bad png.","type":"png"}}"#
    );
    let err = Raw::r#BadMatch { r#match: 3 };
    assert_eq!(err.code(), "BAD_MATCH");
    assert_eq!(
        serde_json::to_string(&err.envelope()).unwrap(),
        r#"{"error":{"code":"BAD_MATCH","message":"Bad 3.","match":3}}"#
    );
}
