//! RFC 9457 problem details against `http-api-problem` and
//! `problem_details`, in both directions.
//!
//! errbook → peers: errbook's `problem` bodies (static and templated
//! messages, extension members, `docs` type URIs, `about:blank`, an
//! `instance`) are read by both peers with the members the RFC defines.
//!
//! peers → errbook: bodies the peers build, RFC 9457's own two examples
//! among them, decode into the typed variants by their `type` URI; a type
//! the enum does not know lands in `other` and renders back member for
//! member.
//!
//! Violations, both ways: errbook's `errors` member is read by both peers
//! exactly as written, and RFC 9457 §3's validation example, built with the
//! peers' own types, decodes into a variant carrying a list, by its type.

use std::collections::HashMap;

use errbook::http::{HeaderValue, Response, StatusCode, Uri, header};
use errbook::request::RequestContext;
use errbook::violations::Pointer;
use errbook::{ApiError, Received, Unknown, Violations};
use http_api_problem::HttpApiProblem;
use problem_details::ProblemDetails;
use serde_json::{Value, json};

/// Problems whose `type` is their documentation page, as RFC 9457
/// recommends: `https://example.com/probs/{code}`.
#[derive(Debug, PartialEq, ApiError)]
#[api(parse, format = problem, docs = "https://example.com/probs/{code}")]
enum BillingError {
    /// RFC 9457 §3's example: the server words the detail, the balance and
    /// the accounts are extension members.
    #[api(
        code = "out-of-credit",
        status = 403,
        title = "You do not have enough credit.",
        message = "{detail}"
    )]
    OutOfCredit {
        detail: String,
        #[api(field)]
        balance: i64,
        #[api(field)]
        accounts: Vec<String>,
    },

    /// A templated detail.
    #[api(
        code = "over-limit",
        status = 402,
        title = "Over the monthly limit.",
        message = "You spent {spent} of your {limit} limit."
    )]
    OverLimit {
        #[api(field)]
        spent: u32,
        #[api(field)]
        limit: u32,
        #[api(field)]
        resets: Option<String>,
    },

    /// A static detail, and the status's reason phrase as the title.
    #[api(
        code = "account-frozen",
        status = 423,
        message = "The account is frozen."
    )]
    Frozen,

    #[api(other)]
    Other(Unknown),
}

/// Problems with no type of their own: `about:blank`.
#[derive(Debug, PartialEq, ApiError)]
#[api(parse, format = problem)]
enum AccountError {
    #[api(
        code = "USER_NOT_FOUND",
        status = 404,
        message = "User {id} not found."
    )]
    UserNotFound {
        #[api(field)]
        id: u64,
    },

    #[api(code = "LOCKED", status = 423, message = "The account is locked.")]
    Locked,

    #[api(other)]
    Other(Unknown),
}

type Extensions = HashMap<String, Value>;

/// RFC 9457 §3, the out-of-credit example, as printed (its status line
/// says 403).
const RFC_OUT_OF_CREDIT: &str = r#"{
 "type": "https://example.com/probs/out-of-credit",
 "title": "You do not have enough credit.",
 "detail": "Your current balance is 30, but that costs 50.",
 "instance": "/account/12345/msgs/abc",
 "balance": 30,
 "accounts": ["/account/12345",
              "/account/67890"]
}"#;

/// RFC 9457 §3, the validation example, as printed (its status line says
/// 422).
const RFC_VALIDATION: &str = r##"{
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

fn http_api_problem(response: &Response<Vec<u8>>) -> HttpApiProblem {
    serde_json::from_slice(response.body()).expect("http-api-problem reads the body")
}

fn problem_details(response: &Response<Vec<u8>>) -> ProblemDetails<Extensions> {
    serde_json::from_slice(response.body()).expect("problem_details reads the body")
}

/// A response carrying `body` as a server sends a problem.
fn problem_response(status: StatusCode, body: Vec<u8>) -> Response<Vec<u8>> {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

fn content_type(response: &Response<Vec<u8>>) -> &str {
    response.headers()[header::CONTENT_TYPE].to_str().unwrap()
}

// errbook → peers

#[test]
fn the_rfc_example_rendered_by_errbook_reads_as_the_rfc_printed_it() {
    let error = BillingError::OutOfCredit {
        detail: "Your current balance is 30, but that costs 50.".into(),
        balance: 30,
        accounts: vec!["/account/12345".into(), "/account/67890".into()],
    };
    let response = RequestContext::new()
        .with_id("/account/12345/msgs/abc")
        .run(|| error.to_response());
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(content_type(&response), "application/problem+json");

    // Every member of the RFC's example has the RFC's value, read by
    // either peer; errbook adds `status` (advisory, and the response's)
    // and its `code` extension.
    let rfc: ProblemDetails<Extensions> = serde_json::from_str(RFC_OUT_OF_CREDIT).unwrap();
    let read = problem_details(&response);
    assert_eq!(read.r#type, rfc.r#type);
    assert_eq!(read.title, rfc.title);
    assert_eq!(read.detail, rfc.detail);
    assert_eq!(read.instance, rfc.instance);
    assert_eq!(read.status, Some(response.status()));
    for (name, value) in &rfc.extensions {
        assert_eq!(read.extensions.get(name), Some(value), "{name}");
    }
    assert_eq!(read.extensions["code"], "out-of-credit");
    assert_eq!(read.extensions.len(), rfc.extensions.len() + 1);

    let rfc: HttpApiProblem = serde_json::from_str(RFC_OUT_OF_CREDIT).unwrap();
    let read = http_api_problem(&response);
    assert_eq!(read.type_url, rfc.type_url);
    assert_eq!(read.title, rfc.title);
    assert_eq!(read.detail, rfc.detail);
    assert_eq!(read.instance, rfc.instance);
    assert_eq!(read.status, Some(StatusCode::FORBIDDEN));
    assert_eq!(read.get_value::<&str, i64>("balance"), Some(30));
    assert_eq!(
        read.get_value::<&str, Vec<String>>("accounts"),
        rfc.get_value::<&str, Vec<String>>("accounts")
    );
}

#[test]
fn a_templated_problem_is_read_with_its_detail_and_extension_members() {
    let error = BillingError::OverLimit {
        spent: 120,
        limit: 100,
        resets: Some("2026-02-01".into()),
    };
    let response = error.to_response();

    let read = http_api_problem(&response);
    assert_eq!(
        read.type_url.as_deref(),
        Some("https://example.com/probs/over-limit")
    );
    assert_eq!(read.title.as_deref(), Some("Over the monthly limit."));
    assert_eq!(read.status, Some(StatusCode::PAYMENT_REQUIRED));
    assert_eq!(
        read.detail.as_deref(),
        Some("You spent 120 of your 100 limit.")
    );
    assert_eq!(read.instance, None);
    assert_eq!(read.get_value::<&str, u32>("spent"), Some(120));
    assert_eq!(read.get_value::<&str, u32>("limit"), Some(100));
    assert_eq!(
        read.get_value::<&str, String>("resets").as_deref(),
        Some("2026-02-01")
    );
    assert_eq!(
        read.get_value::<&str, String>("code").as_deref(),
        Some("over-limit")
    );

    let read = problem_details(&response);
    assert_eq!(
        read.r#type.as_deref(),
        Some(&Uri::from_static("https://example.com/probs/over-limit"))
    );
    assert_eq!(read.status, Some(StatusCode::PAYMENT_REQUIRED));
    assert_eq!(read.extensions["spent"], 120);

    // An absent optional member is left out, not `null`: a member of the
    // wrong type would have to be ignored (RFC 9457 §3.1).
    let without = BillingError::OverLimit {
        spent: 120,
        limit: 100,
        resets: None,
    };
    let read = problem_details(&without.to_response());
    assert!(!read.extensions.contains_key("resets"));
}

#[test]
fn a_static_problem_has_the_status_phrase_as_its_title() {
    let response = BillingError::Frozen.to_response();
    let read = http_api_problem(&response);
    assert_eq!(
        read.type_url.as_deref(),
        Some("https://example.com/probs/account-frozen")
    );
    assert_eq!(read.status, Some(StatusCode::LOCKED));
    assert_eq!(read.title.as_deref(), StatusCode::LOCKED.canonical_reason());
    assert_eq!(read.detail.as_deref(), Some("The account is frozen."));
}

#[test]
fn about_blank_problems_are_titled_by_their_status() {
    // RFC 9457 §4.2.1: with `about:blank`, the title should be the
    // status's reason phrase.
    for (error, status) in [
        (AccountError::UserNotFound { id: 7 }, StatusCode::NOT_FOUND),
        (AccountError::Locked, StatusCode::LOCKED),
    ] {
        let response = error.to_response();
        assert_eq!(response.status(), status);
        let read = http_api_problem(&response);
        assert_eq!(read.type_url.as_deref(), Some("about:blank"));
        assert_eq!(read.title.as_deref(), status.canonical_reason());
        assert_eq!(read.status, Some(status));
        assert_eq!(read.detail, Some(error.message().to_string()));
        let read = problem_details(&response);
        assert_eq!(
            read.r#type.unwrap_or_default(),
            problem_details::ProblemType::default()
        );
        assert_eq!(read.title.as_deref(), status.canonical_reason());
    }
    let read = http_api_problem(&AccountError::UserNotFound { id: 7 }.to_response());
    assert_eq!(read.get_value::<&str, u64>("id"), Some(7));
    assert_eq!(read.detail.as_deref(), Some("User 7 not found."));
}

// peers → errbook

#[test]
fn the_rfc_out_of_credit_example_decodes_by_its_type() {
    let expected = BillingError::OutOfCredit {
        detail: "Your current balance is 30, but that costs 50.".into(),
        balance: 30,
        accounts: vec!["/account/12345".into(), "/account/67890".into()],
    };

    // Built with problem_details exactly as the RFC prints it: no `status`
    // member, no `code`; the type URI is the only name of the problem.
    let built = ProblemDetails::new()
        .with_type(Uri::from_static("https://example.com/probs/out-of-credit"))
        .with_title("You do not have enough credit.")
        .with_detail("Your current balance is 30, but that costs 50.")
        .with_instance(Uri::from_static("/account/12345/msgs/abc"))
        .with_extensions(json!({
            "balance": 30,
            "accounts": ["/account/12345", "/account/67890"],
        }));
    let body = serde_json::to_vec(&built).unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&body).unwrap(),
        serde_json::from_str::<Value>(RFC_OUT_OF_CREDIT).unwrap()
    );
    let response = problem_response(StatusCode::FORBIDDEN, body);
    let received = Received::<BillingError>::from_response(&response).unwrap();
    assert_eq!(received.error(), &expected);
    assert_eq!(received.request_id(), Some("/account/12345/msgs/abc"));
    assert_eq!(
        received.message(),
        Some("Your current balance is 30, but that costs 50.")
    );

    // Built with http-api-problem, which adds `status`.
    let built = HttpApiProblem::new(StatusCode::FORBIDDEN)
        .type_url("https://example.com/probs/out-of-credit")
        .title("You do not have enough credit.")
        .detail("Your current balance is 30, but that costs 50.")
        .instance("/account/12345/msgs/abc")
        .value("balance", &30)
        .value("accounts", &["/account/12345", "/account/67890"]);
    let response = problem_response(StatusCode::FORBIDDEN, built.json_bytes());
    assert_eq!(BillingError::from_response(&response).unwrap(), expected);

    // And the RFC's text itself.
    let response = problem_response(StatusCode::FORBIDDEN, RFC_OUT_OF_CREDIT.into());
    assert_eq!(BillingError::from_response(&response).unwrap(), expected);
}

#[test]
fn the_rfc_validation_example_lands_in_other_and_renders_back() {
    let built = ProblemDetails::new()
        .with_type(Uri::from_static("https://example.net/validation-error"))
        .with_title("Your request is not valid.")
        .with_extensions(json!({
            "errors": [
                {"detail": "must be a positive integer", "pointer": "#/age"},
                {"detail": "must be 'green', 'red' or 'blue'", "pointer": "#/profile/color"},
            ],
        }));
    let body = serde_json::to_vec(&built).unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&body).unwrap(),
        serde_json::from_str::<Value>(RFC_VALIDATION).unwrap()
    );
    for body in [body, RFC_VALIDATION.as_bytes().to_vec()] {
        let response = problem_response(StatusCode::UNPROCESSABLE_ENTITY, body);
        let decoded = BillingError::from_response(&response).unwrap();
        let BillingError::Other(unknown) = &decoded else {
            panic!("a type the enum does not know: {decoded:?}");
        };
        assert_eq!(unknown.code(), "https://example.net/validation-error");
        assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(unknown.raw_message(), None);
        assert_eq!(unknown.members()["errors"][1]["pointer"], "#/profile/color");

        // Rendered back: the members received, nothing added, and both
        // peers read the same problem again.
        let rendered = decoded.to_response();
        assert_eq!(rendered.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(content_type(&rendered), "application/problem+json");
        assert_eq!(
            serde_json::from_slice::<Value>(rendered.body()).unwrap(),
            serde_json::from_str::<Value>(RFC_VALIDATION).unwrap()
        );
        assert_eq!(http_api_problem(&rendered), http_api_problem(&response));
        assert_eq!(problem_details(&rendered), problem_details(&response));
    }
}

#[test]
fn peer_problems_of_known_types_decode_into_their_variants() {
    // By the type URI alone.
    let built = HttpApiProblem::new(StatusCode::PAYMENT_REQUIRED)
        .type_url("https://example.com/probs/over-limit")
        .title("Over the monthly limit.")
        .detail("You spent 120 of your 100 limit.")
        .value("spent", &120)
        .value("limit", &100);
    let response = problem_response(StatusCode::PAYMENT_REQUIRED, built.json_bytes());
    assert_eq!(
        BillingError::from_response(&response).unwrap(),
        BillingError::OverLimit {
            spent: 120,
            limit: 100,
            resets: None,
        }
    );

    // A problem with no members but its type.
    let built = ProblemDetails::new()
        .with_type(Uri::from_static("https://example.com/probs/account-frozen"))
        .with_status(StatusCode::LOCKED);
    let response = problem_response(StatusCode::LOCKED, serde_json::to_vec(&built).unwrap());
    assert_eq!(
        BillingError::from_response(&response).unwrap(),
        BillingError::Frozen
    );

    // `about:blank` with a `code` extension member: the code names it.
    let built = HttpApiProblem::with_title(StatusCode::NOT_FOUND)
        .type_url("about:blank")
        .detail("No such user.")
        .value("code", &"USER_NOT_FOUND")
        .value("id", &7);
    let response = problem_response(StatusCode::NOT_FOUND, built.json_bytes());
    assert_eq!(
        AccountError::from_response(&response).unwrap(),
        AccountError::UserNotFound { id: 7 }
    );
}

#[test]
fn peer_problems_of_unknown_types_render_back_member_for_member() {
    let problems = [
        // A type of another API, extension members of every JSON kind.
        HttpApiProblem::new(StatusCode::CONFLICT)
            .type_url("https://api.example.org/errors/version-conflict")
            .title("The resource changed.")
            .detail("Version 7 is not the latest (9).")
            .instance("urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e")
            .value("expected", &7)
            .value("latest", &9)
            .value("retryable", &true)
            .value("ratio", &0.5)
            .value("holder", &json!({"user": "ada", "since": null}))
            .value("tags", &["a", "b"]),
        // No `type` at all, which the RFC reads as `about:blank`, and no
        // code: nothing names the problem.
        HttpApiProblem::with_title(StatusCode::SERVICE_UNAVAILABLE).detail("Down for maintenance."),
        // A known type for another status, with a `code` of another API:
        // the code wins, and it is not one of the enum's.
        HttpApiProblem::new(StatusCode::BAD_REQUEST)
            .type_url("about:blank")
            .title("Bad Request")
            .value("code", &"E_SOMETHING_ELSE"),
    ];
    for built in problems {
        let status = built.status.unwrap();
        let response = problem_response(status, built.json_bytes());
        let decoded = BillingError::from_response(&response).unwrap();
        let BillingError::Other(unknown) = &decoded else {
            panic!("not other: {decoded:?}");
        };
        assert_eq!(unknown.status(), status);
        assert_eq!(unknown.raw_message(), built.detail.as_deref());
        let rendered = decoded.to_response();
        assert_eq!(rendered.status(), status);
        assert_eq!(content_type(&rendered), "application/problem+json");
        assert_eq!(http_api_problem(&rendered), built);
        // Member for member, in the order received.
        assert_eq!(rendered.body(), response.body());
    }
}

#[test]
fn about_blank_problems_without_a_code_keep_their_detail_and_members() {
    // RFC 9457 §3.1.1 and §4.2.1: a problem with no `type` is
    // `about:blank`, named by its status alone; its `detail` is the
    // explanation of this occurrence, which both peers read.
    let built = ProblemDetails::from_status_code(StatusCode::SERVICE_UNAVAILABLE)
        .with_detail("Down for maintenance.")
        .with_extensions(json!({"window": "02:00-03:00"}));
    let response = problem_response(
        StatusCode::SERVICE_UNAVAILABLE,
        serde_json::to_vec(&built).unwrap(),
    );
    let received = Received::<BillingError>::from_response(&response).unwrap();
    assert_eq!(received.message(), Some("Down for maintenance."));
    let decoded = received.into_error();
    let BillingError::Other(unknown) = &decoded else {
        panic!("not other: {decoded:?}");
    };
    assert_eq!(unknown.raw_message(), Some("Down for maintenance."));
    assert_eq!(decoded.message().to_string(), "Down for maintenance.");
    assert_eq!(unknown.members()["window"], "02:00-03:00");
    let rendered = decoded.to_response();
    assert_eq!(rendered.body(), response.body());
    assert_eq!(
        serde_json::from_slice::<ProblemDetails<Value>>(rendered.body()).unwrap(),
        built
    );

    // The same in another format keeps the message, not the status phrase.
    let nested: Value =
        serde_json::from_slice(decoded.to_response_as(errbook::format::Nested).body()).unwrap();
    assert_eq!(nested["error"]["message"], "Down for maintenance.");

    // Like a `detail` body, a code-less problem whose status and detail
    // are those of a variant with a fixed message is that variant.
    let built = HttpApiProblem::with_title(StatusCode::LOCKED)
        .type_url("about:blank")
        .detail("The account is locked.");
    let response = problem_response(StatusCode::LOCKED, built.json_bytes());
    assert_eq!(
        AccountError::from_response(&response).unwrap(),
        AccountError::Locked
    );
}

// Violations

/// RFC 9457 §3's validation problem: its type is the documentation URL of
/// the `validation-error` code.
#[derive(Debug, PartialEq, ApiError)]
#[api(parse, format = problem, docs = "https://example.net/{code}")]
enum RequestError {
    #[api(
        code = "validation-error",
        status = 422,
        title = "Your request is not valid.",
        message = "Your request is not valid."
    )]
    Validation {
        #[api(violations)]
        violations: Violations,
    },

    #[api(other)]
    Other(Unknown),
}

/// The `errors` of RFC 9457 §3's example.
fn rfc_errors() -> Value {
    serde_json::from_str::<Value>(RFC_VALIDATION).unwrap()["errors"].clone()
}

#[test]
fn both_peers_read_the_errors_member_as_written() {
    let error = RequestError::Validation {
        violations: Violations::new()
            .body(
                Pointer::root().field("age"),
                "positive",
                "must be a positive integer",
            )
            .body(
                Pointer::root().field("profile").field("color"),
                "enum",
                "must be 'green', 'red' or 'blue'",
            )
            .body(
                Pointer::root().field("a b/~").index(3).field("név"),
                "odd",
                "escaped, then percent-encoded",
            )
            .query("page", "int_parsing", "must be an integer")
            .with(
                errbook::Violation::new(
                    errbook::Location::Header("x-token".into()),
                    "missing",
                    "Field required",
                )
                .extra("input", Value::Null),
            ),
    };
    let response = error.to_response();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(content_type(&response), "application/problem+json");
    let errors = json!([
        {"detail": "must be a positive integer", "pointer": "#/age", "code": "positive"},
        {"detail": "must be 'green', 'red' or 'blue'", "pointer": "#/profile/color", "code": "enum"},
        {"detail": "escaped, then percent-encoded", "pointer": "#/a%20b~1~0/3/n%C3%A9v", "code": "odd"},
        {"detail": "must be an integer", "parameter": "page", "in": "query", "code": "int_parsing"},
        {"detail": "Field required", "parameter": "x-token", "in": "header", "code": "missing", "input": null},
    ]);
    let written: Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(written["errors"], errors);

    let read = http_api_problem(&response);
    assert_eq!(
        read.type_url.as_deref(),
        Some("https://example.net/validation-error")
    );
    assert_eq!(read.title.as_deref(), Some("Your request is not valid."));
    assert_eq!(read.status, Some(StatusCode::UNPROCESSABLE_ENTITY));
    assert_eq!(
        read.get_value::<&str, Value>("errors"),
        Some(errors.clone())
    );

    let read = problem_details(&response);
    assert_eq!(
        read.r#type.as_deref(),
        Some(&Uri::from_static("https://example.net/validation-error"))
    );
    assert_eq!(read.title.as_deref(), Some("Your request is not valid."));
    assert_eq!(read.extensions["errors"], errors);
    // The members of each item in the order written.
    let text = String::from_utf8(response.body().clone()).unwrap();
    assert!(
        text.contains(
            r##"{"detail":"must be a positive integer","pointer":"#/age","code":"positive"}"##
        ),
        "{text}"
    );
}

#[test]
fn the_rfc_validation_example_decodes_into_a_variant_with_its_violations() {
    let expected = RequestError::Validation {
        violations: Violations::new()
            .body(
                Pointer::root().field("age"),
                "",
                "must be a positive integer",
            )
            .body(
                Pointer::parse("/profile/color").unwrap(),
                "",
                "must be 'green', 'red' or 'blue'",
            ),
    };
    let by_problem_details = ProblemDetails::new()
        .with_type(Uri::from_static("https://example.net/validation-error"))
        .with_title("Your request is not valid.")
        .with_extensions(json!({ "errors": rfc_errors() }));
    let by_http_api_problem = HttpApiProblem::new(StatusCode::UNPROCESSABLE_ENTITY)
        .type_url("https://example.net/validation-error")
        .title("Your request is not valid.")
        .value("errors", &rfc_errors());
    let bodies = [
        serde_json::to_vec(&by_problem_details).unwrap(),
        by_http_api_problem.json_bytes(),
        RFC_VALIDATION.as_bytes().to_vec(),
    ];
    for body in bodies {
        let response = problem_response(StatusCode::UNPROCESSABLE_ENTITY, body);
        let decoded = RequestError::from_response(&response).unwrap();
        assert_eq!(decoded, expected);
        let RequestError::Validation { violations } = &decoded else {
            unreachable!()
        };
        let pointers: Vec<String> = violations
            .iter()
            .map(|v| match v.location() {
                errbook::Location::Body(pointer) => pointer.as_str().to_owned(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(pointers, ["/age", "/profile/color"]);

        // Rendered again, the list is the RFC's, member for member, and
        // both peers read the problem's type and title back.
        let rendered = decoded.to_response();
        let written: Value = serde_json::from_slice(rendered.body()).unwrap();
        assert_eq!(written["errors"], rfc_errors());
        assert_eq!(
            http_api_problem(&rendered).type_url,
            by_http_api_problem.type_url
        );
        assert_eq!(problem_details(&rendered).title, by_problem_details.title);
    }
}
