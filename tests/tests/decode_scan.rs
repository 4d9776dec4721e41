//! The decoder's byte scan (the one pass's fast path for bodies without
//! escapes) reads every body as `serde_json`'s pass reads it: each body is
//! read twice, as it is and with an escape the scan does not read added
//! where the format skips it (so `serde_json` reads that one), and both
//! must give the same parts and the same decoded value; and what they give
//! is checked for the usual bodies, spaced out, with repeated members,
//! unusual type URIs and bytes that are not UTF-8.

use errbook::decode::{DecodeErrorKind, RawError};
use errbook::format::{Detail, Matrix, Nested, Problem};
use errbook::http::{HeaderMap, StatusCode};
use errbook::{ApiError, Format, Parse, Unknown};

#[derive(Debug, PartialEq, ApiError)]
#[api(parse, docs = "https://example.com/probs/{code}")]
enum ChatError {
    #[api(code = "FORBIDDEN", status = 403, message = "No permission.")]
    Forbidden {
        #[api(field)]
        missing_permission: String,
    },
    #[api(
        code = "USER_NOT_FOUND",
        status = 404,
        message = "User {id} not found."
    )]
    UserNotFound {
        #[api(field)]
        id: u64,
    },
    #[api(code = "GONE", status = 410, message = "This channel is gone.")]
    Gone,
    #[api(
        code = "out-of-credit",
        status = 403,
        message = "Your current balance is {balance}, but that costs {cost}."
    )]
    OutOfCredit {
        #[api(field)]
        balance: u64,
        cost: u64,
    },
    #[api(other)]
    Other(Unknown),
}

/// What a format read of a body: the code, the message and the members'
/// names and raw JSON, or the error.
fn parts<F: Format>(format: F, status: u16, body: &[u8]) -> String {
    let status = StatusCode::from_u16(status).unwrap();
    match RawError::read(format, status, &HeaderMap::new(), body) {
        Ok(raw) => {
            let members: Vec<String> = raw
                .members()
                .map(|(name, value)| format!("{name}={}", value.get()))
                .collect();
            format!(
                "code {:?}, message {:?}, members {members:?}",
                raw.code().map(|code| code.to_string()),
                raw.message()
            )
        }
        Err(err) => format!("error: {err}"),
    }
}

/// What the derived decoder made of a body, as text (an `Unknown` keeps
/// the body's text, which the two readings of a body do not share).
fn decoded<F: Format>(format: F, status: u16, body: &[u8]) -> String {
    let status = StatusCode::from_u16(status).unwrap();
    match ChatError::from_parts_as(format, status, &HeaderMap::new(), body) {
        Ok(ChatError::Other(unknown)) => format!(
            "other: {:?} {:?} {} {:?}",
            unknown.code().to_string(),
            unknown.raw_message(),
            unknown.status(),
            unknown.members()
        ),
        Ok(value) => format!("{value:?}"),
        Err(err) => format!("error: {err}"),
    }
}

/// `body` with a member holding an escape added where the format skips
/// it: at its start, named `skipped` (`serde_json` reads a body with an
/// escape anywhere).
fn with_escape(body: &str, skipped: &str) -> String {
    let start = body.find('{').expect("an object");
    format!(
        "{}{{\"{skipped}\":\"\\u0041\",{}",
        &body[..start],
        &body[start + 1..]
    )
}

/// Both readings of `body` agree, and the first gives `expected` (its
/// parts) and `value` (what the derived decoder made of it).
fn check<F: Format + Copy>(
    format: F,
    skipped: &str,
    status: u16,
    body: &str,
    expected: &str,
    value: &str,
) {
    let escaped = with_escape(body, skipped);
    assert_eq!(parts(format, status, body.as_bytes()), expected, "{body}");
    assert_eq!(
        parts(format, status, escaped.as_bytes()),
        expected,
        "{escaped}"
    );
    assert_eq!(decoded(format, status, body.as_bytes()), value, "{body}");
    assert_eq!(
        decoded(format, status, escaped.as_bytes()),
        value,
        "{escaped}"
    );
}

#[test]
fn the_usual_bodies_spaced_or_not() {
    for body in [
        r#"{"errcode":"USER_NOT_FOUND","error":"User 7 not found.","id":7}"#,
        r#" { "errcode" : "USER_NOT_FOUND" , "error" : "User 7 not found." , "id" : 7 } "#,
        "{\n\t\"errcode\":\r\n\"USER_NOT_FOUND\",\n\"error\": \"User 7 not found.\",\n\"id\":\n7\n}\n",
    ] {
        check(
            Matrix,
            "details",
            404,
            body,
            r#"code Some("USER_NOT_FOUND"), message Some("User 7 not found."), members ["id=7"]"#,
            "UserNotFound { id: 7 }",
        );
    }
    for body in [
        r#"{"error":{"code":"FORBIDDEN","message":"No permission.","missing_permission":"manage_messages"}}"#,
        r#"{"request_id":"r-1","error":{"code":"FORBIDDEN","message":"No permission.","missing_permission":"manage_messages","details":[1]},"error":7}"#,
        "{ \"error\" :\n  { \"code\" : \"FORBIDDEN\" ,\n    \"message\" : \"No permission.\" ,\n    \"missing_permission\" : \"manage_messages\" }\n}",
    ] {
        check(
            Nested,
            "x",
            403,
            body,
            r#"code Some("FORBIDDEN"), message Some("No permission."), members ["missing_permission=\"manage_messages\""]"#,
            r#"Forbidden { missing_permission: "manage_messages" }"#,
        );
    }
    for body in [
        r#"{"detail":"This channel is gone."}"#,
        r#"{ "detail" : "This channel is gone." }"#,
        r#"{"detail":"This channel is gone.","details":{"a":[]}}"#,
    ] {
        check(
            Detail,
            "details",
            410,
            body,
            r#"code None, message Some("This channel is gone."), members []"#,
            "Gone",
        );
    }
}

#[test]
fn members_of_every_kind_are_kept_as_their_text() {
    let body = r#"{"errcode":"NEW","error":"New.","a":[1,-2.5e3,{"b":null}],"c":{},"d":true,"e":-0,"f":1e400,"g":18446744073709551616,"h":"é 日本","i":[[[[[]]]]],"j":""}"#;
    check(
        Matrix,
        "details",
        400,
        body,
        r#"code Some("NEW"), message Some("New."), members ["a=[1,-2.5e3,{\"b\":null}]", "c={}", "d=true", "e=-0", "f=1e400", "g=18446744073709551616", "h=\"é 日本\"", "i=[[[[[]]]]]", "j=\"\""]"#,
        r#"other: "NEW" Some("New.") 400 Bad Request {"a": Array [Number(1), Number(-2500.0), Object {"b": Null}], "c": Object {}, "d": Bool(true), "e": Number(-0.0), "g": Number(1.8446744073709552e+19), "h": String("é 日本"), "i": Array [Array [Array [Array [Array []]]]], "j": String("")}"#,
    );
}

#[test]
fn repeated_members_the_first_counts() {
    check(
        Matrix,
        "details",
        404,
        r#"{"errcode":"USER_NOT_FOUND","errcode":"GONE","error":"User 7 not found.","error":null,"id":7,"id":8}"#,
        r#"code Some("USER_NOT_FOUND"), message Some("User 7 not found."), members ["errcode=\"GONE\"", "error=null", "id=7", "id=8"]"#,
        "UserNotFound { id: 7 }",
    );
    // Only the first wrapper is the error object.
    check(
        Nested,
        "x",
        403,
        r#"{"error":{"code":"GONE","message":"This channel is gone."},"error":{"code":"FORBIDDEN"}}"#,
        r#"code Some("GONE"), message Some("This channel is gone."), members []"#,
        "Gone",
    );
}

#[test]
fn codes_and_messages_of_other_types() {
    for (code, expected) in [
        ("12", "code Some(\"12\"), message None, members []"),
        ("-12", "code Some(\"-12\"), message None, members []"),
        ("0", "code Some(\"0\"), message None, members []"),
        (
            "123456789012345678",
            "code Some(\"123456789012345678\"), message None, members []",
        ),
        (
            "9223372036854775807",
            "code Some(\"9223372036854775807\"), message None, members []",
        ),
        (
            "-9223372036854775808",
            "code Some(\"-9223372036854775808\"), message None, members []",
        ),
        (
            "-0",
            "error: member `errcode` has the wrong type: a code is a string or an integer",
        ),
        (
            "1.5",
            "error: member `errcode` has the wrong type: a code is a string or an integer",
        ),
        (
            "9223372036854775808",
            "error: member `errcode` has the wrong type: a code is a string or an integer",
        ),
        (
            "null",
            "error: member `errcode` has the wrong type: a code is a string or an integer",
        ),
        (
            "[\"A\"]",
            "error: member `errcode` has the wrong type: a code is a string or an integer",
        ),
        (
            "1e400",
            "error: member `errcode` has the wrong type: a code is a string or an integer",
        ),
    ] {
        let body = format!(r#"{{"errcode":{code}}}"#);
        let escaped = with_escape(&body, "details");
        assert_eq!(parts(Matrix, 400, body.as_bytes()), expected, "{body}");
        assert_eq!(
            parts(Matrix, 400, escaped.as_bytes()),
            expected,
            "{escaped}"
        );
    }
    for message in ["7", "true", "{}", "[]"] {
        let body = format!(r#"{{"errcode":"A","error":{message}}}"#);
        let expected = "error: member `error` has the wrong type: a message is a string";
        assert_eq!(parts(Matrix, 400, body.as_bytes()), expected, "{body}");
    }
    let body = r#"{"errcode":"A","error":null}"#;
    assert_eq!(
        parts(Matrix, 400, body.as_bytes()),
        r#"code Some("A"), message None, members []"#
    );
}

#[test]
fn type_uris_plain_escaped_and_unusual() {
    let known = "OutOfCredit { balance: 30, cost: 0 }";
    for body in [
        r#"{"type":"https://example.com/probs/out-of-credit","balance":30}"#,
        // Slashes escaped, as PHP writes them: read by `serde_json`.
        r#"{"type":"https:\/\/example.com\/probs\/out-of-credit","balance":30}"#,
        "{\n \"type\" : \"https://example.com/probs/out-of-credit\" ,\n \"balance\" : 30\n}",
        // The first `type` counts.
        r#"{"type":"https://example.com/probs/out-of-credit","type":"about:blank","balance":30}"#,
    ] {
        assert_eq!(decoded(Problem, 403, body.as_bytes()), known, "{body}");
        let escaped = with_escape(body, "title");
        assert_eq!(
            decoded(Problem, 403, escaped.as_bytes()),
            known,
            "{escaped}"
        );
    }
    for (uri, value) in [
        (r#""https://example.com/probs/GONE""#, "Gone"),
        (
            r#""https://example.com/probs/""#,
            r#"other: "https://example.com/probs/" None 410 Gone {}"#,
        ),
        (
            r#""https://example.com/probs/GONE/""#,
            r#"other: "https://example.com/probs/GONE/" None 410 Gone {}"#,
        ),
        (
            r#""https://example.org/probs/GONE""#,
            r#"other: "https://example.org/probs/GONE" None 410 Gone {}"#,
        ),
        (r#""GONE""#, "Gone"),
        // No code of its own: read by status and message.
        (r#""about:blank""#, r#"other: "" None 410 Gone {}"#),
        ("7", r#"other: "" None 410 Gone {}"#),
        ("null", r#"other: "" None 410 Gone {}"#),
    ] {
        let body = format!(r#"{{"type":{uri},"title":"Gone"}}"#);
        assert_eq!(decoded(Problem, 410, body.as_bytes()), value, "{body}");
        let escaped = with_escape(&body, "instance");
        assert_eq!(
            decoded(Problem, 410, escaped.as_bytes()),
            value,
            "{escaped}"
        );
    }
    // A problem with the fixed message and no type: found by status.
    let body = r#"{"title":"Gone","status":410,"detail":"This channel is gone."}"#;
    assert_eq!(decoded(Problem, 410, body.as_bytes()), "Gone");
}

#[test]
fn bytes_that_are_not_utf8_are_not_json() {
    for body in [
        &b"{\"errcode\":\"A\",\"error\":\"\xff\"}"[..],
        b"{\"errcode\":\"A\xc3\",\"error\":\"x\"}",
        b"{\"errcode\":\"A\",\"x\xed\xa0\x80\":1}",
        b"{\"errcode\":\"A\"}\xff",
    ] {
        let status = StatusCode::BAD_REQUEST;
        let err = RawError::read(Matrix, status, &HeaderMap::new(), body).unwrap_err();
        assert!(
            matches!(err.kind(), DecodeErrorKind::NotJson { reason } if reason.starts_with("not UTF-8")),
            "{err}"
        );
        let Ok(ChatError::Other(unknown)) =
            ChatError::from_parts_as(Matrix, status, &HeaderMap::new(), body)
        else {
            panic!("kept as text");
        };
        assert_eq!(unknown.json(), None);
        assert_eq!(unknown.text(), Some(String::from_utf8_lossy(body).as_ref()));
    }
}

#[test]
fn bodies_the_scan_gives_up_on_read_as_before() {
    for (body, expected) in [
        (
            r#"{"errcode":"A",}"#,
            "error: the body is not JSON: trailing comma at line 1 column 16",
        ),
        (
            r#"{"errcode":"A"} {}"#,
            "error: the body is not JSON: trailing characters at line 1 column 17",
        ),
        (
            r#"{"errcode":"A","x":01}"#,
            "error: the body is not JSON: invalid number at line 1 column 21",
        ),
        (
            "{\"errcode\":\"A\u{1}\"}",
            "error: the body is not JSON: control character (\\u0000-\\u001F) found while parsing a string at line 1 column 13",
        ),
        (
            r#"{"errcode":"\ud800"}"#,
            "error: member `errcode` has the wrong type: a code is a string or an integer",
        ),
        (
            r#"{"errcode":"A\u0042","error":"tab\tted"}"#,
            r#"code Some("AB"), message Some("tab\tted"), members []"#,
        ),
        (
            r#"["errcode"]"#,
            "error: the body is not a matrix error: expected {\"errcode\": …, \"error\": …}",
        ),
    ] {
        assert_eq!(parts(Matrix, 400, body.as_bytes()), expected, "{body}");
    }
    // Nesting deeper than the scan follows: a member is kept raw
    // whatever its depth.
    for (depth, ok) in [(40, true), (200, true), (100_000, true)] {
        let body = format!(
            r#"{{"errcode":"A","x":{}{}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let read = parts(Matrix, 400, body.as_bytes());
        assert_eq!(read.starts_with("code"), ok, "{depth}: {read}");
    }
}

/// An unknown code's members: of a repeated name, the first counts, as for
/// the code, the message and a known variant's fields.
#[test]
fn an_unknown_codes_repeated_member_keeps_the_first() {
    let body = br#"{"errcode":"NEW","error":"New.","x":1,"y":true,"x":2}"#;
    let err =
        ChatError::from_parts_as(Matrix, StatusCode::BAD_REQUEST, &HeaderMap::new(), body).unwrap();
    let ChatError::Other(unknown) = err else {
        panic!("{err:?}");
    };
    assert_eq!(unknown.members().get("x"), Some(&serde_json::json!(1)));
    assert_eq!(unknown.members().len(), 2);
}
