//! Inputs the fuzz targets (`fuzz/`, CONTRIBUTING.md) found, each an
//! ordinary test of what it showed.

use errbook::format::{Detail, Nested, Problem};
use errbook::http::{HeaderMap, StatusCode};
use errbook::{ApiError, Parse, Unknown, Violations};

#[derive(Debug, Clone, PartialEq, ApiError)]
#[api(parse, prefix = "chat:", rename_all = "snake_case")]
enum ChatError {
    #[api(status = 422, message = "The request is not valid.")]
    Invalid {
        #[api(violations)]
        violations: Violations,
    },
    #[api(other)]
    Other(Unknown),
}

/// `body` decoded in `format` at 422, rendered in `format` and decoded
/// again: the same value, and the extra members the first reading kept.
fn reads_back<F: errbook::Format + Copy>(format: F, body: &str) -> Vec<(String, String)> {
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    let err = ChatError::from_parts_as(format, status, &HeaderMap::new(), body.as_bytes()).unwrap();
    let ChatError::Invalid { violations } = &err else {
        panic!("{err:?}");
    };
    let response = err.to_response_as(format);
    let back = ChatError::from_parts_as(
        format,
        response.status(),
        response.headers(),
        response.body(),
    );
    assert_eq!(
        back.as_ref(),
        Ok(&err),
        "{}",
        String::from_utf8_lossy(response.body())
    );
    violations
        .iter()
        .flat_map(|violation| {
            violation
                .extras()
                .map(|(name, raw)| (name.to_owned(), raw.get().to_owned()))
        })
        .collect()
}

/// `decode_nested`, minimized: a violation item that repeats one of its
/// own members (`message`) kept the second as an extra member, which the
/// item never writes (it writes its own `message`), so the violation did
/// not read back. The first counts; a later one is left out.
#[test]
fn a_violation_item_repeating_its_own_member_reads_back() {
    let body = r#"{"error":{"code":"chat:invalid","message":"Thelid.","violations":[{"pointer":"/age,","code":"positive","message":"muy","ode":"int_pcrsing","message":"bad"}]}}"#;
    assert_eq!(
        reads_back(Nested, body),
        [("ode".to_owned(), r#""int_pcrsing""#.to_owned())]
    );
    let problem = r##"{"type":"about:blank","code":"chat:invalid","errors":[{"detail":"muy","pointer":"#/age","detail":"bad","code":"positive","x":1}]}"##;
    assert_eq!(
        reads_back(Problem, problem),
        [("x".to_owned(), "1".to_owned())]
    );
}

/// The same for FastAPI's `input`, `ctx` and `url`: an item writes the
/// first of each, so a later one is left out too.
#[test]
fn a_fastapi_item_repeating_input_reads_back() {
    let body = r#"{"detail":[{"type":"missing","loc":["body","title"],"msg":"Field required","input":{},"input":7,"url":"u","extra":null}]}"#;
    assert_eq!(
        reads_back(Detail, body),
        [
            ("input".to_owned(), "{}".to_owned()),
            ("url".to_owned(), r#""u""#.to_owned()),
            ("extra".to_owned(), "null".to_owned()),
        ]
    );
}

/// `decode_detail`, minimized: FastAPI's item writes `input`, `ctx` and
/// `url` right after `msg`, then the other extra members; an item with
/// another member before `url` was read in the body's order, rendered in
/// the written one, and did not read back. It is read in the order it is
/// written.
#[test]
fn a_fastapi_item_with_its_members_out_of_order_reads_back() {
    let body = r#"{"detail":[{"type":"mng","loc":["body","title"],"msg":"equi Fd","sctx":{"ge":1},"url":"n"}]}"#;
    assert_eq!(
        reads_back(Detail, body),
        [
            ("url".to_owned(), r#""n""#.to_owned()),
            ("sctx".to_owned(), r#"{"ge":1}"#.to_owned()),
        ]
    );
    // A body FastAPI wrote is in that order already, and renders back
    // byte for byte.
    let fastapi = r#"{"detail":[{"type":"int_parsing","loc":["query","tag",1],"msg":"bad","input":"x","ctx":{"ge":1},"url":"u","extra":[]}]}"#;
    let err = ChatError::from_parts_as(
        Detail,
        StatusCode::UNPROCESSABLE_ENTITY,
        &HeaderMap::new(),
        fastapi.as_bytes(),
    )
    .unwrap();
    assert_eq!(
        err.to_response_as(Detail).body().as_slice(),
        fastapi.as_bytes()
    );
}

/// `decode_google`, minimized: a `FieldViolation` has no members but
/// `field`, `description` and `reason`, and renders none, but the decoder
/// kept any other as an extra member, so the violation did not read back.
/// It reads none.
#[test]
fn a_google_field_violation_reads_no_other_member() {
    let body = r#"{"error":{"code":400,"message":"The request is not valid.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"chat:invalid","metadata":{}},{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"items[0].title","reason":"required","dersciption":"must not be empty"}]}]}}"#;
    assert_eq!(reads_back(errbook::format::Google, body), []);
}

/// A member of an item's own (an extra one, `x`) given twice was kept twice
/// and written back twice, under one name: a body with a repeated key,
/// which JSON readers take as the last value or refuse. As for the body's
/// members and the item's own names, the first counts.
#[test]
fn a_violation_item_repeating_an_extra_member_keeps_the_first() {
    let body = r#"{"error":{"code":"chat:invalid","message":"Bad.","violations":[{"pointer":"/age","code":"positive","message":"low","x":1,"y":true,"x":2}]}}"#;
    assert_eq!(
        reads_back(Nested, body),
        [
            ("x".to_owned(), "1".to_owned()),
            ("y".to_owned(), "true".to_owned()),
        ]
    );
    let problem = r##"{"type":"about:blank","code":"chat:invalid","errors":[{"detail":"low","pointer":"#/age","x":"a","x":"b"}]}"##;
    assert_eq!(
        reads_back(Problem, problem),
        [("x".to_owned(), r#""a""#.to_owned())]
    );
    let detail = r#"{"detail":[{"type":"missing","loc":["body","title"],"msg":"Field required","extra":1,"extra":2}]}"#;
    assert_eq!(
        reads_back(Detail, detail),
        [("extra".to_owned(), "1".to_owned())]
    );
}
