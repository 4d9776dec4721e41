//! The derive works in hostile surroundings: no prelude, std names shadowed
//! by the user's own items, an empty enum.

#![allow(dead_code, non_camel_case_types, clippy::upper_case_acronyms)]

/// Every kind of variant, in a module without the prelude.
#[no_implicit_prelude]
mod bare {
    use ::errbook::ApiError;

    #[derive(::core::fmt::Debug, ApiError)]
    #[api(prefix = "bare:", rename_all = "snake_case", status = 400)]
    pub(crate) enum BareError {
        /// A named variant.
        #[api(message = "Item {id} is {state}.")]
        Named {
            id: u64,
            #[api(field)]
            state: &'static str,
            #[api(field, retry_after = "ms")]
            wait_ms: ::core::option::Option<u64>,
        },
        #[api(code = 7, status = 503)]
        Tuple(#[api(source)] ::std::io::Error),
        Dynamic {
            #[api(status)]
            status: ::errbook::http::StatusCode,
        },
        #[api(transparent)]
        Inner(super::shadowed::Shadowed),
    }
}

/// The user's own items named like std's and errbook's.
mod shadowed {
    use ::errbook::ApiError as Derive;

    pub(crate) struct Option;
    pub(crate) struct Some;
    pub(crate) struct None;
    pub(crate) struct Result;
    pub(crate) struct Ok;
    pub(crate) struct Err;
    pub(crate) struct Box;
    pub(crate) struct String;
    pub(crate) struct Vec;
    pub(crate) struct Code;
    pub(crate) struct Message;
    pub(crate) struct StatusCode;
    pub(crate) struct Duration;
    pub(crate) struct Formatter;
    pub(crate) trait Display {}
    pub(crate) trait Serialize {}
    pub(crate) trait FieldVisitor {}
    pub(crate) trait ApiError {}
    pub(crate) mod core {}
    pub(crate) mod std {}
    pub(crate) mod errbook {}
    pub(crate) mod http {}
    pub(crate) mod serde {}

    #[derive(Debug, Derive)]
    #[api(status = 409)]
    pub(crate) enum Shadowed {
        #[api(message = "Conflict on {0}.")]
        Conflict(#[api(field = "resource")] &'static str),
        Retry {
            #[api(retry_after)]
            wait: ::core::time::Duration,
        },
    }
}

/// No variants at all: usable as "this layer has no errors of its own".
#[derive(Debug, errbook::ApiError)]
enum Never {}

#[derive(Debug, errbook::ApiError)]
enum Layer<E> {
    #[api(transparent)]
    Inner(E),
    #[api(status = 500)]
    Own,
}

use bare::BareError;
use errbook::ApiError;

#[test]
fn no_prelude_named_variant() {
    let err = BareError::Named {
        id: 4,
        state: "locked",
        wait_ms: Some(1200),
    };
    assert_eq!(err.code(), "bare:named");
    assert_eq!(err.status(), 400);
    let response = err.to_response();
    assert_eq!(response.headers()["retry-after"], "2");
    assert_eq!(
        std::str::from_utf8(response.body()).unwrap(),
        r#"{"error":{"code":"bare:named","message":"Item 4 is locked.","state":"locked","wait_ms":1200}}"#
    );
}

#[test]
fn no_prelude_source_status_and_transparent() {
    let err = BareError::Tuple(std::io::Error::other("secret"));
    assert_eq!(err.code(), 7);
    assert!(err.source_error().is_some());
    assert!(
        !String::from_utf8(err.to_response().into_body())
            .unwrap()
            .contains("secret")
    );

    let err = BareError::Dynamic {
        status: errbook::http::StatusCode::IM_A_TEAPOT,
    };
    assert_eq!(err.status(), 418);

    let err = BareError::Inner(shadowed::Shadowed::Conflict("room"));
    assert_eq!(err.code(), "CONFLICT");
    assert_eq!(err.status(), 409);
    assert_eq!(
        String::from_utf8(err.to_response().into_body()).unwrap(),
        r#"{"error":{"code":"CONFLICT","message":"Conflict on room.","resource":"room"}}"#
    );
}

#[test]
fn shadowed_names_do_not_confuse_the_derive() {
    let err = shadowed::Shadowed::Retry {
        wait: std::time::Duration::from_secs(3),
    };
    assert_eq!(err.code(), "RETRY");
    assert_eq!(err.to_response().headers()["retry-after"], "3");
}

fn code_and_status<E: ApiError>(err: &E) -> (String, u16) {
    (err.code().to_string(), err.status().as_u16())
}

#[test]
fn empty_enum_as_a_layer_without_errors() {
    // `Layer<E>` is an `ApiError` only when `E` is one: `Never` qualifies.
    let err: Layer<Never> = Layer::Own;
    assert_eq!(code_and_status(&err), ("OWN".to_owned(), 500));
    let none: Option<&Never> = None;
    assert_eq!(none.map(code_and_status), None);
}
