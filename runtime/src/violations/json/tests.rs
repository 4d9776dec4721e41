use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::json;

use super::{JsonErrorKind, Reader, from_slice};
use crate::violations::render::{List, Shape};
use crate::violations::{Location, Pointer, Validate, Violations};

/// Each violation as `(pointer, code, message)`.
fn found(violations: &Violations) -> Vec<(String, String, String)> {
    violations
        .iter()
        .map(|v| {
            let at = match v.location() {
                Location::Body(pointer) => pointer.as_str().to_owned(),
                other => format!("{other:?}"),
            };
            (at, v.code().to_owned(), v.message().to_owned())
        })
        .collect()
}

fn triple(at: &str, code: &str, message: &str) -> (String, String, String) {
    (at.to_owned(), code.to_owned(), message.to_owned())
}

#[derive(Debug, Deserialize, PartialEq)]
struct Address {
    city: String,
    zip: u32,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
enum Role {
    Admin,
    Member,
    Guest,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct User {
    name: String,
    age: u8,
    admin: bool,
    role: Role,
    address: Address,
    tags: Vec<String>,
    nickname: Option<String>,
}

#[test]
fn a_good_body_is_read_as_serde_json_reads_it() {
    let body = br#"{"name":"ada","age":36,"admin":true,"role":"admin","address":{"city":"Paris","zip":75001},"tags":[]}"#;
    let user: User = from_slice(body).unwrap();
    assert_eq!(user, serde_json::from_slice::<User>(body).unwrap());
}

#[test]
fn every_problem_is_found_in_one_reading_at_its_pointer() {
    let body = br#"{"tags":["a",3,null],"extra":1,"age":300,"admin":"yes","role":"owner","address":{"zip":"x"},"name":7}"#;
    let error = from_slice::<User>(body).unwrap_err();
    assert_eq!(error.kind(), JsonErrorKind::Shape);
    assert_eq!(
        error.reason(),
        "invalid type: integer `3`, expected a string at line 1 column 14"
    );
    // The struct's order, then the member it does not know.
    assert_eq!(
        found(error.violations()),
        [
            triple("/name", "string_type", "Input should be a valid string"),
            triple(
                "/age",
                "invalid_value",
                "invalid value: integer `300`, expected u8"
            ),
            triple("/admin", "bool_type", "Input should be a valid boolean"),
            triple(
                "/role",
                "enum",
                "Input should be 'admin', 'member' or 'guest'"
            ),
            triple("/address/city", "missing", "Field required"),
            triple(
                "/address/zip",
                "int_type",
                "Input should be a valid integer"
            ),
            triple("/tags/1", "string_type", "Input should be a valid string"),
            triple("/tags/2", "string_type", "Input should be a valid string"),
            triple(
                "/extra",
                "extra_forbidden",
                "Extra inputs are not permitted"
            ),
        ]
    );
}

#[test]
fn a_body_of_another_kind_is_one_violation_at_the_root() {
    let error = from_slice::<User>(b"[1]").unwrap_err();
    assert_eq!(
        found(error.violations()),
        [triple(
            "",
            "invalid_length",
            "invalid length 1, expected struct User with 7 elements"
        )]
    );
    let error = from_slice::<User>(b"\"ada\"").unwrap_err();
    assert_eq!(
        found(error.violations()),
        [triple(
            "",
            "model_attributes_type",
            "Input should be a valid dictionary or object to extract fields from"
        )]
    );
}

#[test]
fn syntax_errors_are_one_violation_at_the_body() {
    for (body, message) in [
        (
            &b"{\"name\": "[..],
            "EOF while parsing a value at line 1 column 9",
        ),
        (b"{\"name\" 1}", "expected `:` at line 1 column 9"),
        (b"{} {}", "trailing characters at line 1 column 4"),
    ] {
        let error = from_slice::<User>(body).unwrap_err();
        assert_eq!(error.kind(), JsonErrorKind::Syntax);
        assert_eq!(error.reason(), message);
        assert_eq!(
            found(error.violations()),
            [triple("", "json_invalid", message)]
        );
    }
}

#[test]
fn maps_lists_tuples_and_enums() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    enum Shape {
        Circle { radius: f64 },
        Square(f64),
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Drawing {
        scores: BTreeMap<String, u32>,
        by_id: BTreeMap<u32, bool>,
        point: (i32, i32),
        shapes: Vec<Shape>,
    }
    let body = json!({
        "scores": {"a": 1, "b": "two"},
        "by_id": {"1": true, "2": "no"},
        "point": [1],
        "shapes": [{"Circle": {"radius": "big"}}, {"Square": 2}, {"Hexagon": 1}, "Square"],
    });
    let error = from_slice::<Drawing>(body.to_string().as_bytes()).unwrap_err();
    assert_eq!(
        found(error.violations()),
        [
            triple("/scores/b", "int_type", "Input should be a valid integer"),
            triple("/by_id/2", "bool_type", "Input should be a valid boolean"),
            triple(
                "/point",
                "invalid_length",
                "invalid length 1, expected a tuple of size 2"
            ),
            triple(
                "/shapes/0/Circle/radius",
                "float_type",
                "Input should be a valid number"
            ),
            triple("/shapes/2", "enum", "Input should be 'Circle' or 'Square'"),
            triple(
                "/shapes/3",
                "invalid_type",
                "invalid type: unit variant, expected a newtype variant"
            ),
        ]
    );
}

#[test]
fn max_violations_bounds_the_list_and_the_work() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Many {
        a: u8,
        b: u8,
        c: u8,
        d: u8,
    }
    let body = br#"{"a":-1,"b":-1,"c":-1,"d":-1}"#;
    let all = Reader::new().read::<Many>(body).unwrap_err();
    assert_eq!(all.violations().len(), 4);
    let two = Reader::new()
        .max_violations(2)
        .read::<Many>(body)
        .unwrap_err();
    let at: Vec<String> = found(two.violations())
        .into_iter()
        .map(|(at, ..)| at)
        .collect();
    assert_eq!(at, ["/a", "/b"]);
}

#[test]
fn a_type_that_fails_on_a_placeholder_stops_with_what_was_found() {
    #[derive(Debug, Deserialize)]
    #[serde(untagged)]
    #[allow(dead_code)]
    enum Id {
        Number(u64),
        Text(String),
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Lookup {
        name: String,
        id: Id,
    }
    let error = from_slice::<Lookup>(br#"{"name": 1, "id": true}"#).unwrap_err();
    assert_eq!(
        found(error.violations()),
        [
            triple("/name", "string_type", "Input should be a valid string"),
            triple(
                "/id",
                "value_error",
                "data did not match any variant of untagged enum Id"
            ),
        ]
    );
}

/// What FastAPI 0.165 (pydantic 2.13) sent for this body's members, the
/// body items of `violations::tests::FASTAPI`.
const FASTAPI_BODY: &str = r#"[{"type":"missing","loc":["body","title"],"msg":"Field required","input":{"tags":["a",3],"age":-1}},{"type":"string_type","loc":["body","tags",1],"msg":"Input should be a valid string","input":3},{"type":"greater_than","loc":["body","age"],"msg":"Input should be greater than 0","input":-1,"ctx":{"gt":0}}]"#;

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Item {
    title: String,
    tags: Vec<String>,
    age: i64,
}

impl Validate for Item {
    fn validate(&self) -> Result<(), Violations> {
        let mut violations = Violations::new();
        if self.title.is_empty() {
            // The placeholder of the missing title: dropped, it is reported.
            violations = violations.body(Pointer::root().field("title"), "too_short", "short");
        }
        if self.age <= 0 {
            let at = Pointer::root().field("age");
            violations.push(
                crate::Violation::body(at, "greater_than", "Input should be greater than 0")
                    .extra("input", self.age)
                    .extra("ctx", json!({"gt": 0})),
            );
        }
        if violations.is_empty() {
            Ok(())
        } else {
            Err(violations)
        }
    }
}

#[test]
fn reading_and_checking_answer_as_fastapi_does() {
    let body = br#"{"tags":["a",3],"age":-1}"#;
    let error = Reader::new()
        .with_input(true)
        .read_valid::<Item>(body)
        .unwrap_err();
    let rendered = serde_json::to_string(&List(error.violations(), Shape::FastApi)).unwrap();
    assert_eq!(rendered, FASTAPI_BODY);
}

#[test]
fn a_checked_body_of_the_right_shape() {
    let error = Reader::new()
        .read_valid::<Item>(br#"{"title":"","tags":[],"age":0}"#)
        .unwrap_err();
    assert_eq!(error.kind(), JsonErrorKind::Invalid);
    assert_eq!(error.reason(), "title: short");
    assert_eq!(error.violations().len(), 2);
    assert!(
        Reader::new()
            .read_valid::<Item>(br#"{"title":"t","tags":[],"age":1}"#)
            .is_ok()
    );
}
