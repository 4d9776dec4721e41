//! Arbitrary request bodies read with `errbook::violations::json`: never a
//! panic; a body `serde_json` reads is read, one it refuses is refused; a
//! body that is not JSON is one `json_invalid` violation at the body; never
//! more violations than the reader's limit; the rejection renders in every
//! format with a 4xx and its violations read back.
//!
//! Input: `[type: u8][limit: u8][body…]`.

#![no_main]

use std::collections::BTreeMap;

use errbook::format::{Detail, Google, Matrix, Nested, Problem};
use errbook::violations::json::{JsonErrorKind, Reader};
use errbook::violations::{Pointer, Validate};
use errbook::{ApiError, Format, Location, Parse, Rejection, Unknown, Violations};
use libfuzzer_sys::fuzz_target;
use serde::Deserialize;
use serde::de::DeserializeOwned;

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct NewUser {
    name: String,
    age: u8,
    email: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    address: Address,
    role: Role,
    #[serde(default)]
    score: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Address {
    street: String,
    zip: u32,
    #[serde(rename = "line/2~x")]
    line2: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Role {
    Admin,
    User,
    Guest,
}

impl Validate for NewUser {
    fn validate(&self) -> Result<(), Violations> {
        let mut violations = Violations::new();
        if self.age < 13 {
            violations = violations.body(
                Pointer::root().field("age"),
                "greater_than_equal",
                "Input should be greater than or equal to 13",
            );
        }
        if self
            .email
            .as_deref()
            .is_some_and(|email| !email.contains('@'))
        {
            violations = violations.body(
                Pointer::root().field("email"),
                "value_error",
                "value is not a valid email address",
            );
        }
        if self.tags.len() > 3 {
            violations = violations.body(
                Pointer::root().field("tags").index(3),
                "too_long",
                "At most 3 tags",
            );
        }
        if violations.is_empty() {
            Ok(())
        } else {
            Err(violations)
        }
    }
}

/// The most violations `NewUser::validate` reports.
const CHECKS: usize = 3;

#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[allow(dead_code)]
enum Shape {
    Circle { radius: f64 },
    Rectangle { width: u32, height: u32 },
    Polygon { points: Vec<(i32, i32)> },
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Order {
    items: Vec<Item>,
    shipping: Option<Shape>,
    notes: BTreeMap<String, Vec<i64>>,
    #[serde(flatten)]
    rest: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Item {
    sku: String,
    quantity: u16,
    price: Option<f32>,
    gift: bool,
}

/// The rejection's codes, read back in each format.
#[derive(Debug, PartialEq, errbook::ApiError)]
#[api(parse)]
enum Refused {
    #[api(code = "MALFORMED_JSON", status = 400, message = "{reason}")]
    Malformed {
        reason: String,
        #[api(violations)]
        violations: Violations,
    },
    #[api(code = "INVALID_BODY", status = 422, message = "{reason}")]
    Invalid {
        reason: String,
        #[api(violations)]
        violations: Violations,
    },
    #[api(other)]
    Other(Unknown),
}

/// What a violation read back must keep: its location, code and message,
/// and its extra members where the format carries them.
fn same(sent: &Violations, back: &Violations, extras: bool, format: &str) {
    assert_eq!(
        sent.len(),
        back.len(),
        "{format}: {sent:?} read back as {back:?}"
    );
    for (a, b) in sent.iter().zip(back.iter()) {
        assert_eq!(a.location(), b.location(), "{format}");
        assert_eq!(a.code(), b.code(), "{format}");
        assert_eq!(a.message(), b.message(), "{format}");
        if extras {
            assert_eq!(a, b, "{format}");
        }
    }
}

fn read_back<F: Format + Copy>(
    format: F,
    rejection: &Rejection,
    violations: &Violations,
    extras: bool,
) {
    let response = rejection.to_response_as(format);
    assert!(response.status().is_client_error(), "{}", response.status());
    let back = Refused::from_parts_as(
        format,
        response.status(),
        response.headers(),
        response.body(),
    )
    .unwrap_or_else(|err| {
        panic!(
            "{}: {err}: {}",
            F::NAME,
            String::from_utf8_lossy(response.body())
        )
    });
    match back {
        Refused::Malformed {
            violations: back, ..
        }
        | Refused::Invalid {
            violations: back, ..
        } => {
            same(violations, &back, extras, F::NAME);
        }
        Refused::Other(unknown) => panic!(
            "{}: {} read back as {unknown:?}",
            F::NAME,
            String::from_utf8_lossy(response.body())
        ),
    }
}

fn check<T: DeserializeOwned + Validate>(reader: Reader, limit: usize, valid: bool, body: &[u8]) {
    let result = if valid {
        reader.read_valid::<T>(body)
    } else {
        reader.read::<T>(body)
    };
    let plain = serde_json::from_slice::<T>(body);
    let error = match result {
        Ok(_) => {
            assert!(plain.is_ok(), "read a body serde_json refuses");
            return;
        }
        Err(error) => error,
    };
    let violations = error.violations();
    assert!(!violations.is_empty());
    match error.kind() {
        JsonErrorKind::Syntax => {
            assert!(plain.is_err());
            assert_eq!(violations.len(), 1);
            let only = violations.iter().next().unwrap();
            assert_eq!(only.code(), "json_invalid");
            assert_eq!(only.location(), &Location::Body(Pointer::root()));
        }
        JsonErrorKind::Shape => {
            assert!(
                plain.is_err(),
                "refused a body serde_json reads: {}",
                error.reason()
            );
            assert!(
                violations.len() <= limit,
                "{} violations, limit {limit}",
                violations.len()
            );
        }
        JsonErrorKind::Invalid => {
            assert!(valid && plain.is_ok());
            assert!(violations.len() <= CHECKS);
        }
        _ => {}
    }
    for violation in violations.iter() {
        assert!(matches!(violation.location(), Location::Body(_)));
    }
    let violations = violations.clone();
    let rejection = Rejection::from(error);
    read_back(Nested, &rejection, &violations, true);
    read_back(Problem, &rejection, &violations, true);
    read_back(Matrix, &rejection, &violations, true);
    read_back(Detail, &rejection, &violations, false);
    read_back(Google, &rejection, &violations, false);
}

impl Validate for Order {
    fn validate(&self) -> Result<(), Violations> {
        Ok(())
    }
}

impl Validate for Shape {
    fn validate(&self) -> Result<(), Violations> {
        Ok(())
    }
}

fuzz_target!(|data: &[u8]| {
    let [which, limit, body @ ..] = data else {
        return;
    };
    let limit = usize::from(limit % 40);
    let reader = Reader::new().with_input(which & 0b100 != 0);
    // 0 leaves the default, 32.
    let (reader, limit) = if limit == 0 {
        (reader, 32)
    } else {
        (reader.max_violations(limit), limit)
    };
    let valid = which & 0b1000 != 0;
    match which & 0b11 {
        0 | 1 => check::<NewUser>(reader, limit, valid, body),
        2 => check::<Order>(reader, limit, valid, body),
        _ => check::<Shape>(reader, limit, valid, body),
    }
});
