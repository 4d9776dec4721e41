//! Reading error bodies back into their parts: bodies written by others in
//! every built-in format, our own bodies round-tripped, and hostile input
//! that must come back as a `DecodeError` keeping the raw body, never a
//! panic.

use std::time::Duration;

use errbook::decode::{
    DecodeErrorKind, KEPT_BODY, Layout, MAX_BODY, Members, Parts, RawCode, RawError,
};
use errbook::format::{Detail, Google, Matrix, Nested, Problem};
use errbook::http::{HeaderMap, HeaderValue, StatusCode, header};
use errbook::{ApiError, Format};

fn read<F: Format>(format: F, status: u16, body: &str) -> RawError<'_> {
    RawError::read(
        format,
        StatusCode::from_u16(status).unwrap(),
        &HeaderMap::new(),
        body.as_bytes(),
    )
    .unwrap_or_else(|err| panic!("{err}: {body}"))
}

fn fail<F: Format>(format: F, body: &[u8]) -> DecodeErrorKind {
    let err = RawError::read(format, StatusCode::BAD_GATEWAY, &HeaderMap::new(), body)
        .expect_err("not a body of the format");
    // The raw body is kept, up to its first `KEPT_BODY` bytes.
    assert_eq!(err.body(), &body[..body.len().min(KEPT_BODY)]);
    assert_eq!(err.body_len(), body.len());
    assert_eq!(err.status(), StatusCode::BAD_GATEWAY);
    err.kind().clone()
}

#[test]
fn rfc_9457_example_is_identified_by_its_type() {
    let body = r#"{
        "type": "https://example.com/probs/out-of-credit",
        "title": "You do not have enough credit.",
        "detail": "Your current balance is 30, but that costs 50.",
        "instance": "/account/12345/msgs/abc",
        "balance": 30,
        "accounts": ["/account/12345", "/account/67890"]
    }"#;
    let raw = read(Problem, 403, body);
    assert_eq!(
        raw.code().unwrap(),
        "https://example.com/probs/out-of-credit"
    );
    assert_eq!(
        raw.message(),
        Some("Your current balance is 30, but that costs 50.")
    );
    assert_eq!(raw.member::<u32>("balance").unwrap(), 30);
    assert_eq!(
        raw.member::<Vec<String>>("accounts").unwrap(),
        ["/account/12345", "/account/67890"]
    );
    assert!(raw.member_raw("title").is_none(), "the format's own");
    let names: Vec<&str> = raw.members().map(|(name, _)| name).collect();
    assert_eq!(
        names,
        ["balance", "accounts"],
        "the body's order, less the format's own"
    );
}

#[test]
fn matrix_spec_examples() {
    let raw = read(
        Matrix,
        403,
        r#"{"errcode": "M_FORBIDDEN", "error": "You do not have a high enough power level to ban from this room."}"#,
    );
    assert_eq!(raw.code().unwrap(), "M_FORBIDDEN");
    // The spec's own examples sometimes omit `error`.
    let raw = read(
        Matrix,
        401,
        r#"{"errcode": "M_UNKNOWN_TOKEN", "soft_logout": true}"#,
    );
    assert_eq!(raw.message(), None);
    assert!(raw.member::<bool>("soft_logout").unwrap());
    assert_eq!(raw.member::<Option<u64>>("retry_after_ms").unwrap(), None);
}

#[test]
fn fastapi_detail_has_a_message_and_no_code() {
    let raw = read(Detail, 404, r#"{"detail":"Item not found"}"#);
    assert_eq!(raw.code(), None);
    assert_eq!(raw.message(), Some("Item not found"));
    assert_eq!(raw.status(), StatusCode::NOT_FOUND);
}

#[test]
fn google_error_info_reason_and_string_metadata() {
    let body = r#"{"error": {"code": 429, "message": "The zone 'us-east1-a' does not have enough resources available to fulfill the request.", "status": "RESOURCE_EXHAUSTED",
        "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RESOURCE_AVAILABILITY", "domain": "compute.googleapis.com",
                     "metadata": {"zone": "us-east1-a", "vmType": "e2-medium", "limit": "100"}}]}}"#;
    let raw = read(Google, 429, body);
    assert_eq!(raw.code().unwrap(), "RESOURCE_AVAILABILITY");
    assert_eq!(raw.member::<String>("zone").unwrap(), "us-east1-a");
    // Metadata values are strings; a number field reads from the text.
    assert_eq!(raw.member::<u32>("limit").unwrap(), 100);
    // Without an ErrorInfo, the canonical status name is the code.
    let raw = read(
        Google,
        404,
        r#"{"error": {"code": 404, "message": "Not found", "status": "NOT_FOUND"}}"#,
    );
    assert_eq!(raw.code().unwrap(), "NOT_FOUND");
}

#[derive(Debug, ApiError)]
enum ChatError {
    #[api(
        code = "FORBIDDEN",
        status = 403,
        message = "No \"{missing_permission}\" ✓"
    )]
    Forbidden {
        #[api(field)]
        missing_permission: String,
        #[api(field)]
        retry_after_ms: Option<u64>,
    },
    #[api(code = 40401, status = 404, message = "User {id} not found.")]
    NotFound {
        #[api(field)]
        id: i64,
    },
}

#[test]
fn our_bodies_read_back_in_every_format_with_a_code() {
    fn check<F: Format + Copy>(format: F, err: &ChatError) {
        let response = err.to_response_as(format);
        let raw = RawError::read(
            format,
            response.status(),
            response.headers(),
            response.body(),
        )
        .unwrap();
        assert_eq!(raw.code().unwrap(), err.code(), "{}", F::NAME);
        assert_eq!(raw.message(), Some(err.message().to_string().as_str()));
        match err {
            ChatError::Forbidden {
                missing_permission, ..
            } => {
                assert_eq!(
                    &raw.member::<String>("missing_permission").unwrap(),
                    missing_permission
                );
                assert_eq!(raw.member::<Option<u64>>("retry_after_ms").unwrap(), None);
            }
            ChatError::NotFound { id } => assert_eq!(raw.member::<i64>("id").unwrap(), *id),
        }
    }
    let errors = [
        ChatError::Forbidden {
            missing_permission: "manage_messages\n".into(),
            retry_after_ms: None,
        },
        ChatError::NotFound { id: i64::MIN },
    ];
    for err in &errors {
        check(Nested, err);
        check(Problem, err);
        check(Matrix, err);
        check(Google, err);
    }
}

#[test]
fn retry_after_header_is_read() {
    let mut headers = HeaderMap::new();
    headers.insert(header::RETRY_AFTER, HeaderValue::from_static("7"));
    let raw = RawError::read(
        Matrix,
        StatusCode::TOO_MANY_REQUESTS,
        &headers,
        br#"{"errcode":"M_LIMIT_EXCEEDED","retry_after_ms":2000}"#,
    )
    .unwrap();
    assert_eq!(raw.retry_after(), Some(Duration::from_secs(7)));
}

#[test]
fn hostile_input_is_an_error_that_names_the_problem() {
    assert!(matches!(
        fail(Nested, b"<html><body>502 Bad Gateway</body></html>"),
        DecodeErrorKind::NotJson { .. }
    ));
    assert!(matches!(
        fail(Nested, br#"{"error":{"code":"X","mess"#),
        DecodeErrorKind::NotJson { .. }
    ));
    assert!(matches!(fail(Nested, b""), DecodeErrorKind::NotJson { .. }));
    assert!(matches!(
        fail(Nested, br#"{"errcode":"M_FORBIDDEN"}"#),
        DecodeErrorKind::Shape {
            format: "nested",
            ..
        }
    ));
    assert!(matches!(
        fail(Matrix, br#"["M_FORBIDDEN"]"#),
        DecodeErrorKind::Shape {
            format: "matrix",
            ..
        }
    ));
    assert!(matches!(
        fail(Nested, br#"{"error":{"message":"no code"}}"#),
        DecodeErrorKind::MissingCode { format: "nested" }
    ));
    assert!(matches!(
        fail(Nested, br#"{"error":{"code":{"a":1}}}"#),
        DecodeErrorKind::Member { .. }
    ));
    assert!(matches!(
        fail(Nested, br#"{"error":{"code":1.5}}"#),
        DecodeErrorKind::Member { .. }
    ));
    assert!(matches!(
        fail(Matrix, br#"{"errcode":"X","error":42}"#),
        DecodeErrorKind::Member { .. }
    ));
    // FastAPI's 422 list is read: no message, the list kept as the member
    // `detail`, for a variant carrying violations.
    let list = read(
        Detail,
        422,
        r#"{"detail":[{"loc":["body"],"msg":"field required"}]}"#,
    );
    assert_eq!(list.message(), None);
    assert_eq!(
        list.member_raw("detail").unwrap().get(),
        r#"[{"loc":["body"],"msg":"field required"}]"#
    );
    // The list kept wherever `detail` stands and however it is spaced,
    // under a name with escapes, and (the last one) when `detail` repeats
    // after a first value that is neither a string, an integer nor `null`.
    for (body, list) in [
        ("{ \"detail\" :\n\t[ 1 , 2 ] }", "[ 1 , 2 ]"),
        (r#"{"a":1,"detail":[]}"#, "[]"),
        (r#"{"det\u0061il":[1]}"#, "[1]"),
        (r#"{"detail":[1],"detail":[2]}"#, "[2]"),
        (r#"{"detail":1.5,"detail":[2]}"#, "[2]"),
        (r#"{"detail":{},"detail":[2]}"#, "[2]"),
    ] {
        let raw = read(Detail, 422, body);
        assert_eq!(raw.message(), None, "{body}");
        assert_eq!(raw.member_raw("detail").unwrap().get(), list, "{body}");
    }
    assert_eq!(
        read(Detail, 410, r#"{"detail" : "caf\u00e9"}"#).message(),
        Some("café")
    );
    for other in [
        &br#"{"detail":5,"detail":[2]}"#[..],
        br#"{"detail":null,"detail":[2]}"#,
        br#"{"detail":null}"#,
        br#"{"detail":true}"#,
        br#"{"detail":1e400}"#,
    ] {
        assert!(matches!(
            fail(Detail, other),
            DecodeErrorKind::Shape {
                format: "detail",
                ..
            }
        ));
    }
    for other in [&br#"{"detail":{"loc":[]}}"#[..], br#"{"detail":7}"#] {
        assert!(matches!(
            fail(Detail, other),
            DecodeErrorKind::Shape {
                format: "detail",
                ..
            }
        ));
    }

    // Deep nesting: refused as the wrong shape at the top; never a stack
    // overflow.
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(matches!(
        fail(Nested, deep.as_bytes()),
        DecodeErrorKind::Shape { .. }
    ));
    let deep_member = format!(
        r#"{{"error":{{"code":"X","a":{}{}}}}}"#,
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    // A deep member is kept as raw text and only fails when read as a type.
    let raw = RawError::read(
        Nested,
        StatusCode::BAD_REQUEST,
        &HeaderMap::new(),
        deep_member.as_bytes(),
    )
    .expect("the envelope itself is fine");
    assert!(matches!(
        raw.member::<serde_json::Value>("a"),
        Err(DecodeErrorKind::Member { .. })
    ));

    let huge = format!(
        r#"{{"error":{{"code":"X","message":"{}"}}}}"#,
        "a".repeat(10 << 20)
    );
    assert_eq!(
        fail(Nested, huge.as_bytes()),
        DecodeErrorKind::TooLarge {
            len: huge.len(),
            limit: MAX_BODY
        }
    );
}

#[test]
fn wrong_member_types_name_the_member() {
    let raw = read(
        Matrix,
        429,
        r#"{"errcode":"M_LIMIT_EXCEEDED","retry_after_ms":"soon"}"#,
    );
    let err = raw.member::<u64>("retry_after_ms").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("member `retry_after_ms` has the wrong type"),
        "{err}"
    );
    let err = raw.member::<String>("room_version").unwrap_err();
    assert_eq!(err.to_string(), "the body has no member `room_version`");
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A small deterministic generator: every run feeds the same inputs.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let pieces: [&[u8]; 12] = [
        b"{",
        b"}",
        b"[",
        b"]",
        b"\"error\"",
        b":",
        b",",
        b"\"code\"",
        b"1e999",
        b"\"\\u0000\"",
        b"null",
        b"\xff",
    ];
    for _ in 0..5_000 {
        let mut body = Vec::new();
        for _ in 0..(next() % 24) {
            if next() % 3 == 0 {
                body.push(u8::try_from(next() % 256).unwrap());
            } else {
                body.extend_from_slice(pieces[usize::try_from(next() % 12).unwrap()]);
            }
        }
        for result in [
            RawError::read(Nested, StatusCode::BAD_REQUEST, &HeaderMap::new(), &body),
            RawError::read(Problem, StatusCode::BAD_REQUEST, &HeaderMap::new(), &body),
            RawError::read(Matrix, StatusCode::BAD_REQUEST, &HeaderMap::new(), &body),
            RawError::read(Detail, StatusCode::BAD_REQUEST, &HeaderMap::new(), &body),
            RawError::read(Google, StatusCode::BAD_REQUEST, &HeaderMap::new(), &body),
        ] {
            if let Err(err) = result {
                assert_eq!(err.body(), body.as_slice());
                assert!(!err.to_string().is_empty());
            }
        }
    }
}

#[test]
fn escaped_type_uris_identify_problems_and_error_infos() {
    // PHP's `json_encode` escapes every slash by default.
    let raw = read(
        Problem,
        403,
        r#"{"type":"https:\/\/example.com\/probs\/out-of-credit","title":"No credit."}"#,
    );
    assert_eq!(
        raw.code().unwrap(),
        "https://example.com/probs/out-of-credit"
    );
    let raw = read(Problem, 404, r#"{"type":"about:blank","code":"NOT_FOUND"}"#);
    assert_eq!(raw.code().unwrap(), "NOT_FOUND");
    // `about:blank` without a code: a problem named by its status alone,
    // whose detail is still read.
    let raw = read(
        Problem,
        404,
        r#"{"type":"about:blank","title":"Not Found","detail":"No such user."}"#,
    );
    assert_eq!(raw.code(), None);
    assert_eq!(raw.message(), Some("No such user."));
    let raw = read(
        Google,
        429,
        r#"{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com\/google.rpc.ErrorInfo","reason":"QUOTA","metadata":{"limit":"10"}}]}}"#,
    );
    assert_eq!(raw.code().unwrap(), "QUOTA");
    assert_eq!(raw.member::<u32>("limit").unwrap(), 10);
}

#[test]
fn values_the_parser_rejects_are_wrong_member_types_not_broken_json() {
    // A lone surrogate escape and a number out of range are valid JSON
    // syntax that no string or number can hold: in the code or the message
    // they are a member of the wrong type, wherever they sit.
    for body in [
        &br#"{"error":{"code":"\ud800","message":"x"}}"#[..],
        br#"{"error":{"code":1e999}}"#,
        br#"{"error":{"code":9223372036854775808}}"#,
        br#"{"error":{"message":"x","code":"\udc00"}}"#,
    ] {
        assert!(
            matches!(fail(Nested, body), DecodeErrorKind::Member { ref name, .. } if name == "code"),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
    assert!(matches!(
        fail(Matrix, br#"{"errcode":"X","error":"\ud800"}"#),
        DecodeErrorKind::Member { ref name, .. } if name == "error"
    ));
    // After such a value, a syntax error is still a syntax error.
    assert!(matches!(
        fail(Nested, br#"{"error":{"code":"\ud800","message":"x"}"#),
        DecodeErrorKind::NotJson { .. }
    ));
    // Elsewhere they are kept raw, and only fail when read.
    let raw = read(
        Nested,
        400,
        r#"{"error":{"code":"X","odd":"\ud800","big":1e999}}"#,
    );
    assert_eq!(raw.member_raw("odd").unwrap().get(), r#""\ud800""#);
    assert!(matches!(
        raw.member::<String>("odd"),
        Err(DecodeErrorKind::Member { .. })
    ));
    assert!(matches!(
        raw.member::<f64>("big"),
        Err(DecodeErrorKind::Member { .. })
    ));
    // Integer codes at the edges of `i64`.
    let raw = read(Nested, 400, r#"{"error":{"code":-9223372036854775808}}"#);
    assert_eq!(raw.code().unwrap(), i64::MIN);
    assert!(matches!(
        fail(Nested, br#"{"error":{"code":-0}}"#),
        DecodeErrorKind::Member { .. }
    ));
}

#[test]
fn the_first_member_of_a_name_counts() {
    let raw = read(
        Nested,
        400,
        r#"{"error":{"code":"A","message":"first","code":"B","message":"second","details":{},"id":1,"id":2}, "error": 5}"#,
    );
    assert_eq!(raw.code().unwrap(), "A");
    assert_eq!(raw.message(), Some("first"));
    assert_eq!(raw.member::<u32>("id").unwrap(), 1);
    let members: Vec<(&str, &str)> = raw
        .members()
        .map(|(name, value)| (name, value.get()))
        .collect();
    assert_eq!(
        members,
        [
            ("code", r#""B""#),
            ("message", r#""second""#),
            ("id", "1"),
            ("id", "2")
        ],
        "later duplicates of the code and message are kept as members; `details` is the format's own"
    );
}

#[test]
fn many_members_keep_their_order() {
    let names: Vec<String> = (0..40).map(|i| format!("m{i}")).collect();
    let members: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, name)| format!(r#""{name}":{i}"#))
        .collect();
    let body = format!(r#"{{"errcode":"X",{}}}"#, members.join(","));
    let raw = read(Matrix, 400, &body);
    let read_names: Vec<&str> = raw.members().map(|(name, _)| name).collect();
    assert_eq!(read_names, names);
    assert_eq!(raw.parts().members.len(), 40);
    for (i, name) in names.iter().enumerate() {
        assert_eq!(raw.member::<usize>(name).unwrap(), i);
    }
}

#[test]
fn a_format_of_your_own_reads_its_layout() {
    const FLAT: Layout<'static> = Layout::new("flat", r#"{"error_code": …}"#)
        .code("error_code")
        .message("msg")
        .own(&["status"]);
    let parts = Parts::read(
        br#"{"status":"error","msg":null,"error_code":7,"n\u0061me":"x"}"#,
        &FLAT,
    )
    .unwrap();
    assert_eq!(parts.code, Some(RawCode::Int(7)));
    assert_eq!(parts.message, None);
    let members: Vec<(&str, &str)> = parts.members.iter().map(|(n, v)| (n, v.get())).collect();
    assert_eq!(members, [("name", r#""x""#)]);
    assert!(matches!(
        Parts::read(br#"{"msg":"no code"}"#, &FLAT),
        Err(DecodeErrorKind::MissingCode { format: "flat" })
    ));
    assert!(matches!(
        Parts::read(b"[1]", &FLAT),
        Err(DecodeErrorKind::Shape { format: "flat", .. })
    ));
    let wrapped = FLAT.wrapper("error");
    assert!(matches!(
        Parts::read(br#"{"errors":{"error_code":7}}"#, &wrapped),
        Err(DecodeErrorKind::Shape { format: "flat", .. })
    ));
    assert!(matches!(
        Parts::read(br#"{"error":7}"#, &wrapped),
        Err(DecodeErrorKind::Shape { format: "flat", .. })
    ));
    // Parts a format builds itself.
    let one: &serde_json::value::RawValue = serde_json::from_str("1").unwrap();
    let members: Members<'_> = [("a", one), ("b", one)].into_iter().collect();
    assert_eq!(
        format!("{members:?}"),
        r#"{"a": RawValue(1), "b": RawValue(1)}"#
    );
    let raw = RawError::new(
        StatusCode::BAD_REQUEST,
        Parts {
            code: Some(RawCode::Str("X".into())),
            message: None,
            members,
        },
        None,
    );
    assert_eq!(raw.member::<u8>("b").unwrap(), 1);
}
