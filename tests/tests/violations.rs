//! `#[api(violations)]`: each built-in format writes the list in its own
//! shape, and reads it back into the variant.

use errbook::format::{Detail, Google, Matrix, Nested, Problem};
use errbook::violations::Pointer;
use errbook::{ApiError, Violations};

#[derive(Debug, PartialEq, ApiError)]
#[api(parse)]
enum FormError {
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
    #[api(code = "GONE", status = 410, message = "Gone.")]
    Gone,
}

fn invalid() -> FormError {
    FormError::Invalid {
        violations: Violations::new()
            .body(
                Pointer::root().field("age"),
                "greater_than",
                "must be a positive integer",
            )
            .query("page", "int_parsing", "must be an integer"),
    }
}

fn body<F: errbook::Format>(err: &FormError, format: F) -> String {
    String::from_utf8(err.to_response_as(format).into_body()).unwrap()
}

#[test]
fn every_format_writes_the_list_in_its_own_shape() {
    let err = invalid();
    assert_eq!(
        body(&err, Nested),
        r#"{"error":{"code":"INVALID","message":"Your request is not valid.","violations":[{"pointer":"/age","code":"greater_than","message":"must be a positive integer"},{"parameter":"page","in":"query","code":"int_parsing","message":"must be an integer"}]}}"#
    );
    assert_eq!(
        body(&err, Problem),
        r##"{"type":"about:blank","title":"Your request is not valid.","status":422,"detail":"Your request is not valid.","code":"INVALID","errors":[{"detail":"must be a positive integer","pointer":"#/age","code":"greater_than"},{"detail":"must be an integer","parameter":"page","in":"query","code":"int_parsing"}]}"##
    );
    assert_eq!(
        body(&err, Matrix),
        r#"{"errcode":"INVALID","error":"Your request is not valid.","violations":[{"pointer":"/age","code":"greater_than","message":"must be a positive integer"},{"parameter":"page","in":"query","code":"int_parsing","message":"must be an integer"}]}"#
    );
    assert_eq!(
        body(&err, Detail),
        r#"{"detail":[{"type":"greater_than","loc":["body","age"],"msg":"must be a positive integer"},{"type":"int_parsing","loc":["query","page"],"msg":"must be an integer"}]}"#
    );
    assert_eq!(
        body(&err, Google),
        r#"{"error":{"code":422,"message":"Your request is not valid.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INVALID","metadata":{}},{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"age","description":"must be a positive integer","reason":"greater_than"},{"field":"page","description":"must be an integer","reason":"int_parsing"}]}]}}"#
    );
}

#[test]
fn the_catalog_and_the_accessor_say_which_codes_carry_a_list() {
    let mut entries = FormError::catalog().entries();
    assert!(entries.next().unwrap().1.has_violations());
    assert!(!entries.next().unwrap().1.has_violations());
    assert_eq!(invalid().violations().map(Violations::len), Some(2));
    assert_eq!(FormError::Gone.violations(), None);
    assert_eq!(body(&FormError::Gone, Detail), r#"{"detail":"Gone."}"#);
}
