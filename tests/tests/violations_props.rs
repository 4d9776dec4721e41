//! Round-trip properties of `#[api(violations)]`, for every built-in
//! format: an arbitrary list (body pointers with awkward member names —
//! `/`, `~`, backticks, dots, brackets, `%`, unicode, control characters,
//! names of digits, the empty name — and array indices up to `usize::MAX`;
//! path, query, header and cookie parameters of any name; any code and
//! message; extra members of any JSON value) rendered in a format decodes
//! back to an equal list, and the decoded value renders the same bytes.
//!
//! Where a format cannot carry something, its generator leaves it out
//! (README, "Violations"):
//!
//! - `google`: a `FieldViolation` is `{field, description, reason}`, so no
//!   extra members, and a field path has no parameter kinds (a parameter is
//!   written as its name, and reads back as a body member): body pointers
//!   only.
//! - `detail`: FastAPI writes pydantic's `input`, `ctx` and `url` first,
//!   in that order, so extra members come back in that order.
//! - every format: an extra member named like a member the item writes
//!   itself is left out when written.
//!
//! A name of digits is not left out anywhere: a pointer does not tell it
//! from an array index (`/items/0`), so its token comes back as an index in
//! FastAPI's `loc` and in a field path, which is the same pointer.

use errbook::format::{Detail, Google, Matrix, Nested, Problem};
use errbook::http::{Response, StatusCode};
use errbook::violations::{Location, Pointer, Violation};
use errbook::{ApiError, Format, Parse, Unknown, Violations};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::Value;

#[derive(Debug, PartialEq, Clone, ApiError)]
#[api(parse)]
enum Form {
    #[api(
        code = "INVALID",
        status = 422,
        title = "Your request is not valid.",
        message = "Your request is not valid."
    )]
    Invalid {
        #[api(violations)]
        violations: Violations,
    },
    #[api(other)]
    Other(Unknown),
}

/// What a format's items can carry.
#[derive(Clone, Copy, Debug)]
enum Carries {
    /// nested, matrix, problem: everything, extras in any order.
    Everything,
    /// FastAPI: everything, pydantic's extras first.
    FastApi,
    /// Google: body pointers, no extras.
    FieldPaths,
}

/// The members each item writes itself, in any format.
const OWN: &[&str] = &[
    "pointer",
    "parameter",
    "in",
    "code",
    "message",
    "detail",
    "type",
    "loc",
    "msg",
    "field",
    "description",
    "reason",
];

/// pydantic's members after `msg`, in its order.
const PYDANTIC: [&str; 3] = ["input", "ctx", "url"];

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        // No regression files: a failure prints its minimal input, to be
        // pinned as a plain test.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------
// Strategies

/// Text with the characters that need escaping somewhere.
fn text() -> impl Strategy<Value = String> {
    let awkward = prop_oneof![
        4 => proptest::char::range('a', 'z'),
        2 => proptest::char::range('0', '9'),
        2 => select(&['/', '~', '`', ' ', '.', '[', ']', '%', '#', '"', '\\', '\'', '_', '-', 'é', 'ß', '😀', '\u{0}', '\u{1f}', '\u{7f}', '\u{2028}'][..]),
        1 => any::<char>(),
    ];
    vec(awkward, 0..10).prop_map(String::from_iter)
}

/// A member name: awkward text, or one that looks like something else.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => text(),
        1 => select(&[
            "", "0", "1", "01", "00", "10", "-1", "1e3", "18446744073709551615",
            "18446744073709551616", "99999999999999999999999", "~0", "~1", "a~1b", "``", "a.b",
            "[0]", "#/x", "%41",
        ][..])
        .prop_map(String::from),
    ]
}

fn pointer() -> impl Strategy<Value = Pointer> {
    let token = prop_oneof![
        3 => name().prop_map(Ok),
        2 => prop_oneof![4 => 0..20usize, 1 => Just(usize::MAX)].prop_map(Err),
    ];
    vec(token, 0..5).prop_map(|tokens| {
        tokens
            .into_iter()
            .fold(Pointer::root(), |pointer, token| match token {
                Ok(name) => pointer.field(&name),
                Err(index) => pointer.index(index),
            })
    })
}

fn location(carries: Carries) -> BoxedStrategy<Location> {
    let body = pointer().prop_map(Location::Body);
    match carries {
        Carries::FieldPaths => body.boxed(),
        _ => prop_oneof![
            3 => body,
            2 => (select(&["path", "query", "header", "cookie"][..]), name())
                .prop_map(|(kind, name)| Location::from_parameter(kind, name).unwrap()),
            // An item of a parameter that carries a list.
            1 => (select(&["query", "header"][..]), name(), 0..1_000usize).prop_map(
                |(kind, name, index)| {
                    Location::item(Location::from_parameter(kind, name).unwrap(), index).unwrap()
                }
            ),
        ]
        .boxed(),
    }
}

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |x| x.is_finite())
            .prop_map(Value::from),
        text().prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map(text(), inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

fn extras(carries: Carries) -> BoxedStrategy<Vec<(String, Value)>> {
    let name = prop_oneof![
        3 => name(),
        2 => select(&PYDANTIC[..]).prop_map(String::from),
    ]
    .prop_filter("a member the item writes itself", |name| {
        !OWN.contains(&name.as_str())
    });
    match carries {
        Carries::FieldPaths => Just(Vec::new()).boxed(),
        Carries::Everything => vec((name, json()), 0..3).boxed(),
        Carries::FastApi => vec((name, json()), 0..3)
            .prop_map(|mut extras| {
                // pydantic's first, in its order; the others as they came.
                extras.sort_by_key(|(name, _)| {
                    PYDANTIC
                        .iter()
                        .position(|p| p == name)
                        .unwrap_or(PYDANTIC.len())
                });
                extras
            })
            .boxed(),
    }
}

fn violations(carries: Carries) -> impl Strategy<Value = Violations> {
    let violation = (location(carries), text(), text(), extras(carries)).prop_map(
        |(location, code, message, extras)| {
            extras.into_iter().fold(
                Violation::new(location, code, message),
                |v, (name, value)| v.extra(name, value),
            )
        },
    );
    vec(violation, 0..6).prop_map(Violations::from_iter)
}

// ---------------------------------------------------------------------------
// The property

fn decode<F: Format>(format: F, response: &Response<Vec<u8>>) -> Form {
    Form::from_parts_as(
        format,
        response.status(),
        response.headers(),
        response.body(),
    )
    .unwrap_or_else(|e| {
        panic!(
            "{}: {e}\n{}",
            F::NAME,
            String::from_utf8_lossy(response.body())
        )
    })
}

/// `violations` rendered in `format` decodes to the same list, and renders
/// the same bytes again.
fn comes_back<F: Format + Copy>(format: F, violations: Violations) -> Result<(), TestCaseError> {
    let err = Form::Invalid { violations };
    let response = err.to_response_as(format);
    prop_assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let back = decode(format, &response);
    prop_assert_eq!(&back, &err, "{}", String::from_utf8_lossy(response.body()));
    let again = back.to_response_as(format);
    prop_assert_eq!(again.body(), response.body());
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn nested_gives_back_the_list(violations in violations(Carries::Everything)) {
        comes_back(Nested, violations)?;
    }

    #[test]
    fn matrix_gives_back_the_list(violations in violations(Carries::Everything)) {
        comes_back(Matrix, violations)?;
    }

    #[test]
    fn problem_gives_back_the_list(violations in violations(Carries::Everything)) {
        comes_back(Problem, violations)?;
    }

    #[test]
    fn detail_gives_back_the_list(violations in violations(Carries::FastApi)) {
        comes_back(Detail, violations)?;
    }

    #[test]
    fn google_gives_back_the_list(violations in violations(Carries::FieldPaths)) {
        comes_back(Google, violations)?;
    }

    /// What Google cannot carry is dropped, and nothing else: a parameter
    /// comes back as a body member of its name (an item of one, that
    /// member's item), without extras.
    #[test]
    fn google_keeps_all_but_what_it_cannot_carry(violations in violations(Carries::Everything)) {
        let err = Form::Invalid { violations: violations.clone() };
        let back = decode(Google, &err.to_response_as(Google));
        let expected: Violations = violations
            .iter()
            .map(|v| {
                let pointer = match v.location() {
                    Location::Body(pointer) => pointer.clone(),
                    other => {
                        let pointer = Pointer::root().field(other.parameter().unwrap().1);
                        match other.index() {
                            Some(index) => pointer.index(index),
                            None => pointer,
                        }
                    }
                };
                Violation::body(pointer, v.code(), v.message())
            })
            .collect();
        prop_assert_eq!(back, Form::Invalid { violations: expected });
    }
}
