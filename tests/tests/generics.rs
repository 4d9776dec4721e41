//! Generic and borrowing error types: bounds land where they are needed.

use std::fmt;

use errbook::ApiError;
use serde::Serialize;

/// An error generic over the value it reports.
#[derive(Debug, ApiError)]
#[api(status = 422)]
enum Invalid<T> {
    #[api(message = "Invalid value.")]
    Value {
        #[api(field)]
        value: T,
    },
    #[api(status = 400)]
    Nothing,
}

/// A type parameter both printed and exposed.
#[derive(Debug, ApiError)]
#[api(status = 422, message = "Expected {expected}.")]
struct Mismatch<T> {
    expected: T,
    #[api(field)]
    got: T,
}

/// A generic field kept for logs only.
#[derive(Debug, ApiError)]
#[api(status = 400)]
struct Carrying<T> {
    payload: T,
}

/// An error borrowing from the request.
#[derive(Debug, ApiError)]
#[api(status = 404)]
enum Borrowed<'a> {
    #[api(message = "Channel #{name} not found.")]
    Channel {
        #[api(field)]
        name: &'a str,
    },
    #[api(code = "BAD_IDS", status = 400, message = "{0} ids are invalid.")]
    Ids(usize, #[api(field = "ids")] &'a [u64]),
}

/// Lifetimes and type parameters together, with a bound on the type.
#[derive(Debug, ApiError)]
#[api(code = "CONFLICT", status = 409, message = "{key} conflicts.")]
struct Conflict<'a, K: fmt::Display, V: Serialize> {
    key: &'a K,
    #[api(field)]
    existing: V,
}

/// A generic transparent wrapper, as a library would offer.
#[derive(Debug, ApiError)]
#[api(transparent)]
struct Traced<E>(E);

/// A generic enum whose transparent variant wraps any `ApiError`.
#[derive(Debug, ApiError)]
enum Layered<E> {
    #[api(transparent)]
    Inner(E),
    #[api(status = 500, message = "Internal error.")]
    Internal,
}

#[derive(Debug, Serialize)]
struct Point {
    x: i32,
    y: i32,
}

fn body(err: &impl ApiError) -> String {
    String::from_utf8(err.to_response().into_body()).unwrap()
}

#[test]
fn generic_field_serializes_with_its_own_type() {
    assert_eq!(
        body(&Invalid::Value { value: 42_u8 }),
        r#"{"error":{"code":"VALUE","message":"Invalid value.","value":42}}"#
    );
    assert_eq!(
        body(&Invalid::Value {
            value: vec!["a", "b"]
        }),
        r#"{"error":{"code":"VALUE","message":"Invalid value.","value":["a","b"]}}"#
    );
    assert_eq!(
        body(&Invalid::Value {
            value: Point { x: 1, y: -2 }
        }),
        r#"{"error":{"code":"VALUE","message":"Invalid value.","value":{"x":1,"y":-2}}}"#
    );
}

#[test]
fn generic_field_in_message_and_body() {
    let err = Mismatch {
        expected: "a UUID",
        got: "abc",
    };
    assert_eq!(err.message().to_string(), "Expected a UUID.");
    assert_eq!(
        body(&err),
        r#"{"error":{"code":"MISMATCH","message":"Expected a UUID.","got":"abc"}}"#
    );
}

#[test]
fn private_generic_field_needs_no_bound() {
    /// Neither `Serialize` nor `Display`: fine for a field that is neither
    /// exposed nor printed.
    #[derive(Debug, PartialEq)]
    struct Opaque;
    let err = Carrying { payload: Opaque };
    assert_eq!(err.code(), "CARRYING");
    assert_eq!(err.status(), 400);
    assert_eq!(
        body(&err),
        r#"{"error":{"code":"CARRYING","message":"Bad Request"}}"#
    );
    assert_eq!(err.payload, Opaque);
}

#[test]
fn borrowed_str_field() {
    let name = String::from("general");
    let err = Borrowed::Channel { name: &name };
    assert_eq!(err.message().to_string(), "Channel #general not found.");
    assert_eq!(
        body(&err),
        r#"{"error":{"code":"CHANNEL","message":"Channel #general not found.","name":"general"}}"#
    );
}

#[test]
fn borrowed_slice_field() {
    let ids = vec![3, 5, 8];
    let err = Borrowed::Ids(ids.len(), &ids);
    assert_eq!(err.code(), "BAD_IDS");
    assert_eq!(
        body(&err),
        r#"{"error":{"code":"BAD_IDS","message":"3 ids are invalid.","ids":[3,5,8]}}"#
    );
}

#[test]
fn lifetimes_and_type_parameters_together() {
    let key = 17_u32;
    let err = Conflict {
        key: &key,
        existing: Point { x: 0, y: 0 },
    };
    assert_eq!(err.status(), 409);
    assert_eq!(
        body(&err),
        r#"{"error":{"code":"CONFLICT","message":"17 conflicts.","existing":{"x":0,"y":0}}}"#
    );
}

#[test]
fn generic_transparent_wrapper() {
    let inner = Invalid::Value { value: 1_i32 };
    let err = Traced(Invalid::Value { value: 1_i32 });
    assert_eq!(err.code(), inner.code());
    assert_eq!(err.status(), inner.status());
    assert_eq!(body(&err), body(&inner));

    let err = Traced(Borrowed::Channel { name: "random" });
    assert_eq!(err.code(), "CHANNEL");
    assert_eq!(err.status(), 404);

    let twice = Traced(Traced(Invalid::<u8>::Nothing));
    assert_eq!(twice.code(), "NOTHING");
    assert_eq!(twice.status(), 400);
}

#[test]
fn generic_transparent_variant() {
    let err: Layered<Borrowed<'_>> = Layered::Inner(Borrowed::Channel { name: "x" });
    assert_eq!(err.code(), "CHANNEL");
    assert_eq!(err.status(), 404);
    assert_eq!(
        body(&err),
        r#"{"error":{"code":"CHANNEL","message":"Channel #x not found.","name":"x"}}"#
    );
    let err: Layered<Borrowed<'_>> = Layered::Internal;
    assert_eq!(err.code(), "INTERNAL");
    assert_eq!(err.status(), 500);
}

/// Generic code taking any `ApiError`, as a framework integration would.
fn status_and_code<E: ApiError>(err: &E) -> (u16, String) {
    (err.status().as_u16(), err.code().to_string())
}

#[test]
fn derived_types_work_through_generic_functions() {
    assert_eq!(
        status_and_code(&Traced(Invalid::Value { value: 'x' })),
        (422, "VALUE".to_owned())
    );
    assert_eq!(
        status_and_code(&Layered::<Invalid<u8>>::Internal),
        (500, "INTERNAL".to_owned())
    );
}
