//! What a client does not know, it keeps: problem+json `type` URIs read
//! back into their codes, unknown errors rendered back exactly as they
//! were read in every format, and bodies of any shape (FastAPI's 422,
//! Starlette's text 500, RFC 9457's own examples) landing in `other`.

use errbook::decode::{DecodeErrorKind, MAX_BODY};
use errbook::format::{Detail, Google, Matrix, Nested, Problem};
use errbook::http::{HeaderMap, Response, StatusCode, header};
use errbook::{ApiError, Format, Parse, Unknown};
use proptest::prelude::*;
use serde_json::json;

/// RFC 9457 §3, the first example, exactly as printed.
const OUT_OF_CREDIT: &str = r#"{
 "type": "https://example.com/probs/out-of-credit",
 "title": "You do not have enough credit.",
 "detail": "Your current balance is 30, but that costs 50.",
 "instance": "/account/12345/msgs/abc",
 "balance": 30,
 "accounts": ["/account/12345",
              "/account/67890"]
}"#;

/// RFC 9457 §3, the validation error example, exactly as printed.
const VALIDATION_ERROR: &str = r##"{
 "type": "https://example.net/validation-error",
 "title": "Your request is not valid.",
 "errors": [
             {
               "detail": "must be a positive integer",
               "pointer": "#/age"
             },
             {
               "detail": "must be 'green', 'red' or 'blue'",
               "pointer": "#/profile/color"
             }
          ]
}"##;

/// FastAPI's own 422 for a missing body field (pydantic 2).
const FASTAPI_422: &str = r#"{"detail":[{"type":"missing","loc":["body","name"],"msg":"Field required","input":{"price":3}}]}"#;

/// The server of the RFC's example.
#[derive(Debug, PartialEq, ApiError)]
#[api(parse, format = problem, docs = "https://example.com/probs/{code}")]
enum BillingError {
    /// The account's balance is too low.
    #[api(
        code = "out-of-credit",
        alias = "no-credit",
        status = 403,
        title = "You do not have enough credit.",
        message = "Your current balance is {balance}, but that costs {cost}."
    )]
    OutOfCredit {
        #[api(field)]
        balance: u32,
        cost: u32,
        #[api(field)]
        accounts: Vec<String>,
    },
    #[api(code = 40201, status = 402, message = "Payment required.")]
    PaymentRequired,
    #[api(other)]
    Other(Unknown),
}

/// The same codes nested in an API type with no `docs` of its own.
#[derive(Debug, PartialEq, ApiError)]
#[api(parse, format = problem)]
enum ApiErrors {
    #[api(code = "forbidden", status = 403, message = "Forbidden.")]
    Forbidden,
    #[api(transparent)]
    Billing(BillingError),
}

/// A client that knows none of those codes, for every format.
#[derive(Debug, PartialEq, ApiError)]
#[api(parse)]
enum Client {
    #[api(code = "GONE", status = 410, message = "This channel is gone.")]
    Gone,
    #[api(other)]
    Other(Unknown),
}

/// No catch-all.
#[derive(Debug, PartialEq, ApiError)]
#[api(parse)]
enum Strict {
    #[api(code = "GONE", status = 410, message = "This channel is gone.")]
    Gone,
}

fn read<T: Parse, F: Format>(format: F, status: StatusCode, body: &str) -> T {
    T::from_parts_as(format, status, &HeaderMap::new(), body.as_bytes())
        .unwrap_or_else(|e| panic!("{e:?}"))
}

fn unknown<E: ApiError>(err: &E) -> &Unknown {
    err.unknown()
        .unwrap_or_else(|| panic!("not an unknown error: {err:?}"))
}

fn content_type(response: &Response<Vec<u8>>) -> Option<&str> {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap())
}

/// `err` rendered in `format` gives `body` again, byte for byte, both
/// through `to_response_as` and through the serde view, with `status`.
fn renders_back<E: ApiError, F: Format + Copy>(err: &E, format: F, status: StatusCode, body: &str) {
    let response = err.to_response_as(format);
    assert_eq!(
        String::from_utf8(response.body().clone()).unwrap(),
        body,
        "to_response_as({})",
        F::NAME
    );
    assert_eq!(response.status(), status);
    assert_eq!(content_type(&response), Some(F::CONTENT_TYPE));
    assert_eq!(
        serde_json::to_string(&err.envelope_as(format)).unwrap(),
        body,
        "envelope_as({})",
        F::NAME
    );
}

// ---------------------------------------------------------------------------
// problem+json type URIs

#[test]
fn rfc9457_out_of_credit_decodes_into_its_variant_by_its_type_uri() {
    let err: BillingError = read(Problem, StatusCode::FORBIDDEN, OUT_OF_CREDIT);
    assert_eq!(
        err,
        BillingError::OutOfCredit {
            balance: 30,
            cost: 0,
            accounts: vec!["/account/12345".into(), "/account/67890".into()],
        }
    );
    assert_eq!(err.code(), "out-of-credit");
}

#[test]
fn a_type_uri_decodes_through_a_nested_type_and_an_alias() {
    let err: ApiErrors = read(Problem, StatusCode::FORBIDDEN, OUT_OF_CREDIT);
    assert!(matches!(
        err,
        ApiErrors::Billing(BillingError::OutOfCredit { balance: 30, .. })
    ));
    let old = OUT_OF_CREDIT.replace("probs/out-of-credit", "probs/no-credit");
    let err: BillingError = read(Problem, StatusCode::FORBIDDEN, &old);
    assert!(matches!(err, BillingError::OutOfCredit { balance: 30, .. }));
    // An integer code's URL.
    let body =
        r#"{"type":"https://example.com/probs/40201","title":"Payment Required","status":402}"#;
    let err: ApiErrors = read(Problem, StatusCode::PAYMENT_REQUIRED, body);
    assert_eq!(err, ApiErrors::Billing(BillingError::PaymentRequired));
}

#[test]
fn a_type_uri_is_read_back_from_what_the_server_rendered() {
    let err = BillingError::OutOfCredit {
        balance: 30,
        cost: 50,
        accounts: vec!["/account/12345".into()],
    };
    let response = err.to_response();
    let mut body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body["type"], "https://example.com/probs/out-of-credit");
    // A peer that leaves out the extension `code`, as RFC 9457's examples do.
    body.as_object_mut().unwrap().remove("code");
    let again: BillingError = read(Problem, StatusCode::FORBIDDEN, &body.to_string());
    assert!(matches!(
        again,
        BillingError::OutOfCredit { balance: 30, .. }
    ));
}

#[test]
fn a_type_uri_of_no_code_stays_unknown_with_the_uri_as_its_code() {
    for uri in [
        "https://example.com/probs/not-ours",
        "https://example.com/probs/",
        "https://example.org/probs/out-of-credit",
        "https://example.com/probs/out-of-credit/more",
    ] {
        let body = json!({"type": uri, "title": "T", "status": 403}).to_string();
        let err: BillingError = read(Problem, StatusCode::FORBIDDEN, &body);
        assert_eq!(unknown(&err).code(), uri);
    }
}

#[test]
fn a_code_member_wins_over_the_type_uri() {
    let body = r#"{"type":"https://example.com/probs/out-of-credit","title":"Payment Required","status":402,"code":40201}"#;
    let err: BillingError = read(Problem, StatusCode::PAYMENT_REQUIRED, body);
    assert_eq!(err, BillingError::PaymentRequired);
}

// ---------------------------------------------------------------------------
// Unknown errors render back as read

#[test]
fn rfc9457_validation_error_renders_back_member_for_member() {
    let err: BillingError = read(Problem, StatusCode::UNPROCESSABLE_ENTITY, VALIDATION_ERROR);
    let kept = unknown(&err);
    assert_eq!(kept.code(), "https://example.net/validation-error");
    assert_eq!(kept.raw_message(), None);
    assert_eq!(kept.members()["errors"][1]["pointer"], "#/profile/color");
    assert_eq!(kept.json(), Some(VALIDATION_ERROR));
    assert_eq!(kept.read_in(), Some("problem"));
    // Neither `about:blank` nor a reason phrase, an invented `detail` or a
    // made-up `code`: the body as received.
    renders_back(
        &err,
        Problem,
        StatusCode::UNPROCESSABLE_ENTITY,
        VALIDATION_ERROR,
    );
    let response = err.to_response();
    assert_eq!(response.body().as_slice(), VALIDATION_ERROR.as_bytes());
}

#[test]
fn an_unknown_problem_keeps_type_title_status_detail_instance_and_extensions() {
    let body = r#"{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"Your current balance is 30, but that costs 50.","instance":"/account/12345/msgs/abc","balance":30,"accounts":["/account/12345","/account/67890"]}"#;
    let err: Client = read(Problem, StatusCode::FORBIDDEN, body);
    let kept = unknown(&err);
    assert_eq!(kept.code(), "https://example.com/probs/out-of-credit");
    assert_eq!(
        kept.raw_message(),
        Some("Your current balance is 30, but that costs 50.")
    );
    assert_eq!(kept.status(), StatusCode::FORBIDDEN);
    let members: Vec<&str> = kept.members().keys().map(String::as_str).collect();
    assert_eq!(members, ["accounts", "balance"]);
    let json: serde_json::Value = serde_json::from_str(kept.json().unwrap()).unwrap();
    assert_eq!(json["title"], "You do not have enough credit.");
    assert_eq!(json["instance"], "/account/12345/msgs/abc");
    renders_back(&err, Problem, StatusCode::FORBIDDEN, body);
}

#[test]
fn an_unknown_error_renders_back_exactly_in_every_format() {
    let cases: [(&str, StatusCode, &str); 5] = [
        (
            "nested",
            StatusCode::CONFLICT,
            r#"{"error":{"message":"Something new.","code":"NEW_IN_V3","since":"v3","limits":{"z":1,"a":[1.50,2e3,-0]},"request_id":"req-1"},"trace":"abc"}"#,
        ),
        (
            "problem",
            StatusCode::CONFLICT,
            r#"{"status":409,"type":"about:blank","title":"Conflict","instance":"/x/1","code":"NEW_IN_V3","details":{"z":null},"z":1,"a":2}"#,
        ),
        (
            "matrix",
            StatusCode::BAD_REQUEST,
            r#"{"error":"Something new","errcode":"M_NEW_THING","retry_after_ms":null,"since":"v1.99"}"#,
        ),
        (
            "detail",
            StatusCode::BAD_REQUEST,
            r#"{"detail":"Item not found","headers":{"X-Error":"There goes my error"}}"#,
        ),
        (
            "google",
            StatusCode::SERVICE_UNAVAILABLE,
            r#"{"error":{"code":503,"message":"The service is unavailable.","status":"UNAVAILABLE","details":[{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"r-1"},{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"NEW_REASON","domain":"example.com","metadata":{"zone":"b","attempts":"3"}},{"@type":"type.googleapis.com/google.rpc.Help","links":[]}]}}"#,
        ),
    ];
    for (name, status, body) in cases {
        let err: Client = match name {
            "nested" => read(Nested, status, body),
            "problem" => read(Problem, status, body),
            "matrix" => read(Matrix, status, body),
            "detail" => read(Detail, status, body),
            _ => read(Google, status, body),
        };
        assert_eq!(unknown(&err).json(), Some(body), "{name}");
        assert_eq!(unknown(&err).read_in(), Some(name));
        match name {
            "nested" => renders_back(&err, Nested, status, body),
            "problem" => renders_back(&err, Problem, status, body),
            "matrix" => renders_back(&err, Matrix, status, body),
            "detail" => renders_back(&err, Detail, status, body),
            _ => renders_back(&err, Google, status, body),
        }
    }
}

#[test]
fn a_rendered_unknown_error_adds_no_request_id_or_development_details() {
    let body = r#"{"error":{"code":"NEW_IN_V3","message":"Something new."}}"#;
    let err: Client = read(Nested, StatusCode::CONFLICT, body);
    let response = errbook::request::RequestContext::new()
        .with_id("req-ours")
        .run(|| err.to_response());
    assert_eq!(response.body().as_slice(), body.as_bytes());
    let dev = err
        .envelope()
        .with_context(errbook::Context::development().with_instance("req-ours"));
    assert_eq!(serde_json::to_string(&dev).unwrap(), body);
}

#[test]
fn in_another_format_an_unknown_error_is_that_formats_body_of_its_parts() {
    let err: Client = read(Problem, StatusCode::UNPROCESSABLE_ENTITY, VALIDATION_ERROR);
    let nested: serde_json::Value =
        serde_json::from_slice(err.to_response_as(Nested).body()).unwrap();
    assert_eq!(
        nested,
        json!({"error": {
            "code": "https://example.net/validation-error",
            "message": "Unprocessable Entity",
            "errors": serde_json::from_str::<serde_json::Value>(VALIDATION_ERROR).unwrap()["errors"],
        }})
    );
    // Made of its parts, it has no body to give back.
    let made = Unknown::new(
        None,
        Some("x".into()),
        StatusCode::CONFLICT,
        serde_json::Map::new(),
    );
    assert_eq!(made.json(), None);
    assert_eq!(made.read_in(), None);
    assert_eq!(
        made.to_response().body().as_slice(),
        br#"{"error":{"code":"","message":"x"}}"#
    );
}

#[test]
fn a_decoded_unknown_equals_one_made_of_the_same_parts() {
    let err: Client = read(
        Matrix,
        StatusCode::BAD_REQUEST,
        r#"{"errcode":"M_X","error":"e","a":1}"#,
    );
    let made = Unknown::new(
        Some(errbook::decode::RawCode::Str("M_X".into())),
        Some("e".into()),
        StatusCode::BAD_REQUEST,
        serde_json::Map::from_iter([("a".to_owned(), json!(1))]),
    );
    assert_eq!(err, Client::Other(made));
}

// ---------------------------------------------------------------------------
// Bodies of another shape

#[test]
fn fastapi_422_lands_in_other_with_its_json_kept() {
    let err: Client = read(Detail, StatusCode::UNPROCESSABLE_ENTITY, FASTAPI_422);
    let kept = unknown(&err);
    assert_eq!(kept.json(), Some(FASTAPI_422));
    assert_eq!(kept.text(), None);
    assert_eq!(kept.code(), "");
    assert_eq!(kept.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(kept.message().to_string(), "Unprocessable Entity");
    let detail: serde_json::Value = serde_json::from_str(kept.json().unwrap()).unwrap();
    assert_eq!(detail["detail"][0]["msg"], "Field required");
    renders_back(&err, Detail, StatusCode::UNPROCESSABLE_ENTITY, FASTAPI_422);
}

#[test]
fn json_of_another_shape_lands_in_other_in_every_format() {
    let bodies = [
        r#"{"detail":{"msg":"an object detail"}}"#,
        r#"{"detail":null}"#,
        r#"{"error":{"message":"an envelope without a code"}}"#,
        r#"{"error":"not an object"}"#,
        r#"{"errcode":true,"error":"a code of the wrong type"}"#,
        "[1,2,3]",
        r#""a string""#,
        "null",
    ];
    for body in bodies {
        for (name, err) in [
            (
                "nested",
                read::<Client, _>(Nested, StatusCode::BAD_REQUEST, body),
            ),
            ("problem", read(Problem, StatusCode::BAD_REQUEST, body)),
            ("matrix", read(Matrix, StatusCode::BAD_REQUEST, body)),
            ("detail", read(Detail, StatusCode::BAD_REQUEST, body)),
            ("google", read(Google, StatusCode::BAD_REQUEST, body)),
        ] {
            let kept = unknown(&err);
            assert_eq!(kept.json(), Some(body), "{name} {body}");
            assert_eq!(kept.code(), "");
            assert_eq!(kept.read_in(), Some(name));
        }
    }
}

#[test]
fn starlette_text_500_lands_in_other_with_its_text_kept() {
    for (name, err) in [
        (
            "detail",
            read::<Client, _>(
                Detail,
                StatusCode::INTERNAL_SERVER_ERROR,
                "Internal Server Error",
            ),
        ),
        (
            "nested",
            read(
                Nested,
                StatusCode::INTERNAL_SERVER_ERROR,
                "Internal Server Error",
            ),
        ),
    ] {
        let kept = unknown(&err);
        assert_eq!(kept.text(), Some("Internal Server Error"), "{name}");
        assert_eq!(kept.json(), None);
        assert_eq!(kept.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
    let err: Client = read(
        Detail,
        StatusCode::INTERNAL_SERVER_ERROR,
        "Internal Server Error",
    );
    // Rendered back in the format it was read in: the text, as text.
    let response = err.to_response_as(Detail);
    assert_eq!(response.body().as_slice(), b"Internal Server Error");
    assert_eq!(content_type(&response), Some("text/plain; charset=utf-8"));
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    // In another, that format's body.
    assert_eq!(
        err.to_response_as(Matrix).body().as_slice(),
        br#"{"errcode":"","error":"Internal Server Error"}"#
    );
}

#[test]
fn a_body_that_is_not_utf8_or_is_empty_keeps_its_text() {
    let err = Client::from_parts(StatusCode::BAD_GATEWAY, &HeaderMap::new(), b"caf\xe9").unwrap();
    assert_eq!(unknown(&err).text(), Some("caf\u{fffd}"));
    let err = Client::from_parts(StatusCode::BAD_GATEWAY, &HeaderMap::new(), b"").unwrap();
    assert_eq!(unknown(&err).text(), Some(""));
    let response = err.to_response();
    assert!(response.body().is_empty());
    assert_eq!(content_type(&response), None);
}

#[test]
fn without_other_these_bodies_are_decode_errors_that_keep_them() {
    for (body, not_json) in [
        (FASTAPI_422, false),
        ("Internal Server Error", true),
        (VALIDATION_ERROR, false),
    ] {
        let err = Strict::from_parts_as(
            Detail,
            StatusCode::UNPROCESSABLE_ENTITY,
            &HeaderMap::new(),
            body.as_bytes(),
        )
        .expect_err("no catch-all");
        assert_eq!(err.body(), body.as_bytes());
        assert_eq!(
            matches!(err.kind(), DecodeErrorKind::NotJson { .. }),
            not_json,
            "{err:?}"
        );
    }
}

#[test]
fn a_body_over_the_limit_is_a_decode_error_even_with_other() {
    let body = vec![b' '; MAX_BODY + 1];
    let err = Client::from_parts(StatusCode::BAD_GATEWAY, &HeaderMap::new(), &body).unwrap_err();
    assert!(matches!(err.kind(), DecodeErrorKind::TooLarge { .. }));
}

// ---------------------------------------------------------------------------
// Property: any JSON object an unknown error is read from renders back

/// A JSON value written with its members in a chosen order and with
/// whitespace where JSON allows it.
#[derive(Clone, Debug)]
enum Json {
    Null,
    Bool(bool),
    Number(String),
    Text(String),
    Array(Vec<Json>, String),
    Object(Vec<(String, Json)>, String),
}

impl Json {
    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::Text(t) => out.push_str(&serde_json::to_string(t).unwrap()),
            Json::Array(items, space) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(space);
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(members, space) => {
                out.push('{');
                for (i, (name, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(space);
                    out.push_str(&serde_json::to_string(name).unwrap());
                    out.push_str(space);
                    out.push(':');
                    value.write(out);
                }
                out.push_str(space);
                out.push('}');
            }
        }
    }
}

fn space() -> impl Strategy<Value = String> {
    prop_oneof![4 => Just(String::new()), 1 => "[ \t\r\n]{1,3}"]
}

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        // Text a float or an integer type would change.
        Just("1.50".to_owned()),
        Just("2e3".to_owned()),
        Just("-0".to_owned()),
        Just("123456789012345678901234567890".to_owned()),
        Just("1E-400".to_owned()),
    ]
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z_]{1,8}",
        any::<String>(),
        Just("é\"\\\u{1}".to_owned()),
    ]
}

fn value() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        number().prop_map(Json::Number),
        any::<String>().prop_map(Json::Text),
    ];
    leaf.prop_recursive(3, 24, 5, |inner| {
        prop_oneof![
            (proptest::collection::vec(inner.clone(), 0..5), space())
                .prop_map(|(items, space)| Json::Array(items, space)),
            (proptest::collection::vec((name(), inner), 0..5), space())
                .prop_map(|(members, space)| Json::Object(members, space)),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// An object with an unknown code and any members, in any order, with
    /// any whitespace, renders back as its exact text in each format whose
    /// code is a top-level member.
    #[test]
    fn any_object_read_into_unknown_renders_back_the_same_members(
        members in proptest::collection::vec((name(), value()), 0..8),
        at in 0_usize..8,
        space in space(),
    ) {
        for (format, code_key) in [("matrix", "errcode"), ("problem", "code")] {
            let mut all: Vec<(String, Json)> = members
                .iter()
                .filter(|(name, _)| name != code_key && name != "error" && name != "detail")
                .cloned()
                .collect();
            let at = at.min(all.len());
            all.insert(at, (code_key.to_owned(), Json::Text("X_NOT_KNOWN".to_owned())));
            let mut body = space.clone();
            Json::Object(all, space.clone()).write(&mut body);
            body.push_str(&space);
            let err: Client = if format == "matrix" {
                read(Matrix, StatusCode::BAD_REQUEST, &body)
            } else {
                read(Problem, StatusCode::BAD_REQUEST, &body)
            };
            let kept = unknown(&err);
            prop_assert_eq!(kept.code(), "X_NOT_KNOWN");
            let trimmed = body.trim_matches([' ', '\t', '\n', '\r']);
            prop_assert_eq!(kept.json(), Some(trimmed));
            let response = if format == "matrix" {
                err.to_response_as(Matrix)
            } else {
                err.to_response_as(Problem)
            };
            prop_assert_eq!(String::from_utf8(response.into_body()).unwrap(), trimmed);
        }
    }

    /// Any JSON value that is not an error body of the format lands in
    /// `other` and renders back as its exact text.
    #[test]
    fn any_json_of_another_shape_renders_back(value in value()) {
        let mut body = String::new();
        Json::Object(vec![("detail".to_owned(), value)], String::new()).write(&mut body);
        let err: Client = read(Detail, StatusCode::UNPROCESSABLE_ENTITY, &body);
        // A string `detail` is a body of the format, of a code it does not
        // know; anything else is not: either way, the body is kept.
        let kept = unknown(&err);
        prop_assert_eq!(kept.json(), Some(body.as_str()));
        let response = err.to_response_as(Detail);
        prop_assert_eq!(response.body().as_slice(), body.as_bytes());
    }
}
