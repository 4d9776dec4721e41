//! Lifetimes, type parameters with bounds, where clauses and generic
//! transparent wrappers.

#![deny(warnings, clippy::pedantic)]

use std::fmt::{Debug, Display};

use errbook::ApiError;
use serde::Serialize;

trait Resource: Debug + Display + Serialize {
    const KIND: &'static str;
}

#[derive(Debug, Serialize)]
struct Channel(u64);

impl Display for Channel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.0)
    }
}

impl Resource for Channel {
    const KIND: &'static str = "channel";
}

#[derive(Debug, ApiError)]
enum LookupError<'a, T: Resource, const N: usize>
where
    T: Send,
{
    #[api(status = 404, message = "No {t} named {name}.")]
    NotFound {
        #[api(field)]
        name: &'a str,
        #[api(field)]
        t: T,
    },
    #[api(status = 400, message = "At most {0} items.")]
    TooMany(usize, [u8; N]),
}

/// Any `ApiError`, passed through unchanged.
#[derive(Debug, ApiError)]
#[api(transparent)]
struct Wrapper<E>(E);

#[derive(Debug, ApiError)]
enum Either<A, B> {
    #[api(transparent)]
    Left(A),
    #[api(transparent)]
    Right(B),
    #[api(code = "NEITHER", status = 500)]
    Neither,
}

#[derive(Debug, ApiError)]
#[api(code = "BOXED", status = 422, message = "Bad {field}.")]
struct Borrowed<'a, T: ?Sized + Serialize + Debug> {
    field: &'a str,
    #[api(field)]
    value: &'a T,
}

fn body<E: ApiError>(err: &E) -> String {
    serde_json::to_string(&err.envelope()).unwrap()
}

fn main() {
    let name = String::from("general");
    let err: LookupError<'_, Channel, 2> = LookupError::NotFound {
        name: &name,
        t: Channel(9),
    };
    assert_eq!(err.message().to_string(), "No #9 named general.");
    assert_eq!(
        body(&err),
        r#"{"error":{"code":"NOT_FOUND","message":"No #9 named general.","name":"general","t":9}}"#,
    );
    assert_eq!(Channel::KIND, "channel");
    let many: LookupError<'_, Channel, 2> = LookupError::TooMany(5, [0; 2]);
    assert_eq!(many.message().to_string(), "At most 5 items.");

    let wrapped = Wrapper(err);
    assert_eq!(wrapped.code(), "NOT_FOUND");
    assert_eq!(wrapped.status(), 404);
    assert_eq!(body(&wrapped), body(&wrapped.0));

    let left: Either<Wrapper<LookupError<'_, Channel, 2>>, LookupError<'_, Channel, 2>> =
        Either::Left(wrapped);
    assert_eq!(left.status(), 404);
    let right: Either<LookupError<'_, Channel, 2>, LookupError<'_, Channel, 2>> =
        Either::Right(LookupError::TooMany(1, [0; 2]));
    assert_eq!(right.status(), 400);
    let neither: Either<LookupError<'_, Channel, 2>, Wrapper<LookupError<'_, Channel, 2>>> =
        Either::Neither;
    assert_eq!(neither.code(), "NEITHER");

    let values = [1u8, 2, 3];
    let borrowed: Borrowed<'_, [u8]> = Borrowed {
        field: "values",
        value: &values[..],
    };
    assert_eq!(
        body(&borrowed),
        r#"{"error":{"code":"BOXED","message":"Bad values.","value":[1,2,3]}}"#,
    );
}
