//! `#[api(parse)]`: a response back into the typed enum, forward
//! compatible, with bodies written by others and hostile input.

use std::time::Duration;

use errbook::decode::{DecodeErrorKind, RawError};
use errbook::format::{Detail, Google, Matrix, Nested, Problem};
use errbook::http::{HeaderMap, HeaderValue, Response, StatusCode, header};
use errbook::{ApiError, Format, Parse, Received, Unknown};
use serde_json::{Value, json};

#[derive(Debug, PartialEq)]
struct DbError;

impl std::fmt::Display for DbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection refused")
    }
}

impl std::error::Error for DbError {}

/// A client's view of a chat API.
#[derive(Debug, PartialEq, ApiError)]
#[api(parse)]
enum ChatError {
    #[api(
        code = "FORBIDDEN",
        status = 403,
        message = "You do not have permission to perform this action."
    )]
    Forbidden {
        #[api(field)]
        missing_permission: String,
    },
    #[api(code = "RATE_LIMITED", status = 429, message = "Slow down.")]
    RateLimited {
        #[api(field, retry_after = "ms")]
        retry_after_ms: u64,
    },
    /// Renamed in v2; older servers still send `NO_SUCH_USER`.
    #[api(
        code = "USER_NOT_FOUND",
        alias = "NO_SUCH_USER",
        alias = "UNKNOWN_USER",
        status = 404,
        message = "User {id} not found."
    )]
    UserNotFound {
        #[api(field)]
        id: u64,
    },
    #[api(code = 40901, status = 409, message = "{reason}")]
    Conflict { reason: String },
    #[api(code = "M_UNRECOGNIZED", message = "Unrecognized request")]
    Unrecognized {
        #[api(status)]
        status: StatusCode,
    },
    #[api(code = "2FA_REQUIRED", status = 401)]
    TwoFactorRequired,
    #[api(code = "UNKNOWN_ERROR", status = 500, skip_parse)]
    Database(#[api(source)] DbError),
    #[api(other)]
    Other(Unknown),
}

fn round_trip(err: &ChatError) -> ChatError {
    ChatError::from_response(&err.to_response()).unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn a_skipped_variant_still_renders_and_is_never_decoded() {
    let err = ChatError::Database(DbError);
    let response = err.to_response();
    assert_eq!(response.status(), 500);
    // Its code is not decodable: it comes back as `other`.
    let decoded = round_trip(&err);
    assert!(matches!(&decoded, ChatError::Other(u) if u.code() == "UNKNOWN_ERROR"));
}

#[test]
fn every_decodable_variant_comes_back_equal() {
    let errors = [
        ChatError::Forbidden {
            missing_permission: "manage_messages".into(),
        },
        ChatError::UserNotFound { id: u64::MAX },
        ChatError::Conflict {
            reason: "Handle \"ada\" is taken ✓".into(),
        },
        ChatError::Unrecognized {
            status: StatusCode::METHOD_NOT_ALLOWED,
        },
        ChatError::TwoFactorRequired,
    ];
    for err in &errors {
        assert_eq!(&round_trip(err), err);
    }
}

#[test]
fn the_body_member_is_exact_and_the_retry_after_header_stands_in_for_it() {
    // 1500 ms in the body; the header says 2 s (rounded up): the body's
    // exact value comes back.
    let err = ChatError::RateLimited {
        retry_after_ms: 1500,
    };
    assert_eq!(round_trip(&err), err);
    // A body without the member: the header's delay.
    let mut headers = HeaderMap::new();
    headers.insert(header::RETRY_AFTER, HeaderValue::from_static("3"));
    let bare = br#"{"error":{"code":"RATE_LIMITED","message":"Slow down."}}"#;
    assert_eq!(
        ChatError::from_parts(StatusCode::TOO_MANY_REQUESTS, &headers, bare).unwrap(),
        ChatError::RateLimited {
            retry_after_ms: 3000
        }
    );
    // Without the header, the body's member is used.
    let body = br#"{"error":{"code":"RATE_LIMITED","message":"Slow down.","retry_after_ms":1500}}"#;
    let err =
        ChatError::from_parts(StatusCode::TOO_MANY_REQUESTS, &HeaderMap::new(), body).unwrap();
    assert_eq!(
        err,
        ChatError::RateLimited {
            retry_after_ms: 1500
        }
    );
    // An HTTP-date header, in the past: no wait.
    let mut headers = HeaderMap::new();
    headers.insert(
        header::RETRY_AFTER,
        HeaderValue::from_static("Thu, 01 Jan 1970 00:00:00 GMT"),
    );
    let err = ChatError::from_parts(StatusCode::TOO_MANY_REQUESTS, &headers, bare).unwrap();
    assert_eq!(err, ChatError::RateLimited { retry_after_ms: 0 });
    assert_eq!(err.retry_after(), Some(Duration::ZERO));
}

#[test]
fn older_codes_decode_through_their_aliases() {
    for code in ["NO_SUCH_USER", "UNKNOWN_USER", "USER_NOT_FOUND"] {
        let body = json!({"error": {"code": code, "message": "gone", "id": 7}}).to_string();
        let err = ChatError::from_parts(StatusCode::NOT_FOUND, &HeaderMap::new(), body.as_bytes())
            .unwrap();
        assert_eq!(err, ChatError::UserNotFound { id: 7 });
        // It renders with today's code.
        assert_eq!(err.code(), "USER_NOT_FOUND");
    }
}

#[test]
fn an_unknown_code_keeps_everything_and_renders_back_the_same() {
    let body = json!({"error": {
        "code": "NEW_IN_V3",
        "message": "Something new.",
        "since": "v3",
        "limits": {"per_minute": 10, "burst": [1, 2]},
    }});
    let bytes = serde_json::to_vec(&body).unwrap();
    let err =
        ChatError::from_parts(StatusCode::UNPROCESSABLE_ENTITY, &HeaderMap::new(), &bytes).unwrap();
    let ChatError::Other(unknown) = &err else {
        panic!("an unknown code decodes into `other`: {err:?}");
    };
    assert_eq!(unknown.code(), "NEW_IN_V3");
    assert_eq!(err.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err.message().to_string(), "Something new.");
    assert_eq!(unknown.members()["since"], "v3");
    let again: Value = serde_json::from_slice(err.to_response().body()).unwrap();
    assert_eq!(again, body);

    // An integer code the client does not know stays an integer.
    let body = br#"{"error":{"code":50301,"message":"Maintenance"}}"#;
    let err =
        ChatError::from_parts(StatusCode::SERVICE_UNAVAILABLE, &HeaderMap::new(), body).unwrap();
    assert_eq!(err.code(), 50301);
    assert_eq!(err.to_response().body().as_slice(), body);
}

#[test]
fn unknown_members_are_ignored_and_a_missing_message_decodes() {
    let body = br#"{"error":{"code":"FORBIDDEN","missing_permission":"ban","trace_id":"abc","extra":[1]}}"#;
    let err = ChatError::from_parts(StatusCode::FORBIDDEN, &HeaderMap::new(), body).unwrap();
    assert_eq!(
        err,
        ChatError::Forbidden {
            missing_permission: "ban".into()
        }
    );
    // The message is the whole template: a missing message is empty text.
    let body = br#"{"error":{"code":40901}}"#;
    let err = ChatError::from_parts(StatusCode::CONFLICT, &HeaderMap::new(), body).unwrap();
    assert_eq!(
        err,
        ChatError::Conflict {
            reason: String::new()
        }
    );
}

#[test]
fn a_body_the_format_cannot_read_lands_in_other_whole() {
    let cases: [(&[u8], Option<&str>, Option<&str>); 3] = [
        (
            b"<html>502 Bad Gateway</html>",
            None,
            Some("<html>502 Bad Gateway</html>"),
        ),
        (
            br#"{"errcode":"M_FORBIDDEN","error":"x"}"#,
            Some(r#"{"errcode":"M_FORBIDDEN","error":"x"}"#),
            None,
        ),
        (
            br#"{"error":{"message":"no code"}}"#,
            Some(r#"{"error":{"message":"no code"}}"#),
            None,
        ),
    ];
    for (body, json, text) in cases {
        let err = ChatError::from_parts(StatusCode::BAD_GATEWAY, &HeaderMap::new(), body)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let ChatError::Other(unknown) = &err else {
            panic!("{err:?}");
        };
        assert_eq!(unknown.json(), json);
        assert_eq!(unknown.text(), text);
        assert_eq!(unknown.status(), StatusCode::BAD_GATEWAY);
        assert_eq!(err.to_response().body().as_slice(), body);
    }
}

#[test]
fn a_known_code_with_a_member_that_does_not_fit_is_a_decode_error_that_keeps_the_body() {
    let body = br#"{"error":{"code":"USER_NOT_FOUND","id":"seven"}}"#;
    let err = ChatError::from_parts(StatusCode::BAD_GATEWAY, &HeaderMap::new(), body)
        .expect_err("not decodable");
    assert!(
        matches!(err.kind(), DecodeErrorKind::Member { name, .. } if name == "id"),
        "{err:?}"
    );
    assert_eq!(err.body(), body);
}

#[test]
fn a_known_code_missing_a_member_goes_to_other_whole() {
    let body = br#"{"error":{"code":"FORBIDDEN","message":"Nope.","scope":"admin"}}"#;
    let err = ChatError::from_parts(StatusCode::FORBIDDEN, &HeaderMap::new(), body).unwrap();
    let ChatError::Other(unknown) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(unknown.code(), "FORBIDDEN");
    assert_eq!(unknown.status(), StatusCode::FORBIDDEN);
    assert_eq!(unknown.json(), Some(std::str::from_utf8(body).unwrap()));
    assert_eq!(err.to_response().body().as_slice(), body);
}

/// The same API, without a catch-all.
#[derive(Debug, PartialEq, ApiError)]
#[api(parse)]
enum StrictChat {
    #[api(code = "FORBIDDEN", status = 403, message = "No permission.")]
    Forbidden,
}

#[test]
fn without_other_a_body_the_format_cannot_read_is_a_decode_error_that_keeps_it() {
    type Expect = fn(&DecodeErrorKind) -> bool;
    let cases: [(&[u8], Expect); 3] = [
        (b"<html>502 Bad Gateway</html>", |k| {
            matches!(k, DecodeErrorKind::NotJson { .. })
        }),
        (br#"{"errcode":"M_FORBIDDEN","error":"x"}"#, |k| {
            matches!(k, DecodeErrorKind::Shape { .. })
        }),
        (br#"{"error":{"message":"no code"}}"#, |k| {
            matches!(k, DecodeErrorKind::MissingCode { .. })
        }),
    ];
    for (body, expected) in cases {
        let err = StrictChat::from_parts(StatusCode::BAD_GATEWAY, &HeaderMap::new(), body)
            .expect_err("not decodable");
        assert!(expected(err.kind()), "{err:?}");
        assert_eq!(err.body(), body);
        assert!(!err.to_string().is_empty());
    }
}

/// A type without an `other` variant refuses unknown codes.
#[derive(Debug, PartialEq, ApiError)]
#[api(parse, format = matrix, prefix = "M_")]
enum StrictMatrix {
    #[api(status = 403, message = "{error}")]
    Forbidden { error: String },
    #[api(status = 401, message = "{error}")]
    UnknownToken {
        error: String,
        #[api(field)]
        soft_logout: bool,
    },
}

#[test]
fn matrix_spec_bodies_decode_and_unknown_codes_are_refused_without_other() {
    let body = br#"{"errcode":"M_UNKNOWN_TOKEN","error":"Soft logged out","soft_logout":true}"#;
    let err = StrictMatrix::from_parts(StatusCode::UNAUTHORIZED, &HeaderMap::new(), body).unwrap();
    assert_eq!(
        err,
        StrictMatrix::UnknownToken {
            error: "Soft logged out".into(),
            soft_logout: true
        }
    );
    let body = br#"{"errcode":"M_NOT_JSON","error":"Content not JSON."}"#;
    let err =
        StrictMatrix::from_parts(StatusCode::BAD_REQUEST, &HeaderMap::new(), body).unwrap_err();
    assert_eq!(
        err.kind(),
        &DecodeErrorKind::UnknownCode {
            code: "M_NOT_JSON".into()
        }
    );
}

/// FastAPI bodies carry no code: fixed messages choose the variant.
#[derive(Debug, PartialEq, ApiError)]
#[api(parse, format = detail)]
enum AuthError {
    #[api(status = 401, message = "Invalid email or password")]
    InvalidCredentials,
    #[api(status = 404, message = "User not found")]
    UserNotFound,
    #[api(other)]
    Other(Unknown),
}

#[test]
fn fastapi_bodies_decode_by_status_and_message() {
    let err = AuthError::from_parts(
        StatusCode::UNAUTHORIZED,
        &HeaderMap::new(),
        br#"{"detail":"Invalid email or password"}"#,
    )
    .unwrap();
    assert_eq!(err, AuthError::InvalidCredentials);
    let err = AuthError::from_parts(
        StatusCode::NOT_FOUND,
        &HeaderMap::new(),
        br#"{"detail":"Item not found"}"#,
    )
    .unwrap();
    assert!(matches!(err, AuthError::Other(_)), "{err:?}");
    assert_eq!(err.message().to_string(), "Item not found");
}

#[test]
fn any_built_in_format_decodes_with_from_parts_as() {
    let err = ChatError::UserNotFound { id: 3 };
    for response in [
        err.to_response_as(Nested),
        err.to_response_as(Problem),
        err.to_response_as(Matrix),
    ] {
        let format_of = |r: &Response<Vec<u8>>| r.headers()[header::CONTENT_TYPE].clone();
        let decoded = if format_of(&response) == "application/problem+json" {
            ChatError::from_parts_as(
                Problem,
                response.status(),
                response.headers(),
                response.body(),
            )
        } else if response.body().starts_with(b"{\"errcode\"") {
            ChatError::from_parts_as(
                Matrix,
                response.status(),
                response.headers(),
                response.body(),
            )
        } else {
            ChatError::from_parts_as(
                Nested,
                response.status(),
                response.headers(),
                response.body(),
            )
        };
        assert_eq!(decoded.unwrap(), err);
    }
    // Detail carries no code, and this variant's message has a placeholder.
    let detail = err.to_response_as(Detail);
    let decoded =
        ChatError::from_parts_as(Detail, detail.status(), detail.headers(), detail.body()).unwrap();
    assert!(matches!(decoded, ChatError::Other(_)));
}

/// Every call that takes a format takes it by value, rendering and
/// decoding alike: one value renders a body and reads it back, and a
/// reference to a format is a format too.
#[test]
fn one_format_value_renders_then_decodes() {
    fn round_trip<F: Format + Copy>(format: F, err: &ChatError) -> ChatError {
        let response = err.to_response_as(format);
        let envelope = serde_json::to_vec(&err.envelope_as(format)).unwrap();
        assert_eq!(response.body(), &envelope, "{}", F::NAME);
        let raw = RawError::read(
            format,
            response.status(),
            response.headers(),
            response.body(),
        );
        assert_eq!(raw.unwrap().code(), Some(err.code()), "{}", F::NAME);
        let received = Received::<ChatError>::from_parts_as(
            format,
            response.status(),
            response.headers(),
            response.body(),
        );
        assert_eq!(received.unwrap().error(), err, "{}", F::NAME);
        ChatError::from_parts_as(
            format,
            response.status(),
            response.headers(),
            response.body(),
        )
        .unwrap()
    }
    let err = ChatError::RateLimited {
        retry_after_ms: 1500,
    };
    assert_eq!(round_trip(Nested, &err), err);
    assert_eq!(round_trip(Problem, &err), err);
    assert_eq!(round_trip(Matrix, &err), err);
    assert_eq!(round_trip(Google, &err), err);
    let by_reference: &Problem = &Problem;
    assert_eq!(round_trip(by_reference, &err), err);
    let format = Matrix;
    let response = err.to_response_as(format);
    assert!(response.body().starts_with(br#"{"errcode":"RATE_LIMITED""#));
    let back = ChatError::from_parts_as(
        format,
        response.status(),
        response.headers(),
        response.body(),
    );
    assert_eq!(back.unwrap(), err);
}

/// Integer codes, negative ones, and aliases of both kinds on one variant.
#[derive(Debug, PartialEq, ApiError)]
#[api(parse)]
enum Legacy {
    #[api(code = -1, status = 500, message = "Unknown.")]
    Negative,
    #[api(
        code = "GONE",
        alias = 410,
        alias = "DELETED",
        alias = -410,
        status = 410,
        message = "Gone."
    )]
    Gone,
    #[api(other)]
    Other(Unknown),
}

#[test]
fn integer_codes_and_mixed_aliases_decode() {
    let decode = |body: &str| {
        Legacy::from_parts(StatusCode::GONE, &HeaderMap::new(), body.as_bytes()).unwrap()
    };
    assert_eq!(decode(r#"{"error":{"code":-1}}"#), Legacy::Negative);
    for code in [r#""GONE""#, "410", r#""DELETED""#, "-410"] {
        let body = format!(r#"{{"error":{{"code":{code},"message":"Gone."}}}}"#);
        assert_eq!(decode(&body), Legacy::Gone, "{code}");
    }
    // A string that reads like an integer alias is another code.
    assert!(matches!(
        decode(r#"{"error":{"code":"410"}}"#),
        Legacy::Other(_)
    ));
    assert!(matches!(
        decode(r#"{"error":{"code":"-1"}}"#),
        Legacy::Other(_)
    ));
    assert!(matches!(
        decode(r#"{"error":{"code":1}}"#),
        Legacy::Other(_)
    ));
}

#[test]
fn escaped_codes_and_messages_decode_like_plain_ones() {
    let body = br#"{"error":{"c\u006fde":"USER_\u004EOT_FOUND","message":"\u00e9\n","id":7}}"#;
    let err = ChatError::from_parts(StatusCode::NOT_FOUND, &HeaderMap::new(), body).unwrap();
    assert_eq!(err, ChatError::UserNotFound { id: 7 });
    let body = br#"{"error":{"code":"NEW\/ONE","message":"caf\u00e9 \ud83d\ude00","since":"v3"}}"#;
    let err = ChatError::from_parts(StatusCode::CONFLICT, &HeaderMap::new(), body).unwrap();
    let ChatError::Other(unknown) = &err else {
        panic!("{err:?}");
    };
    assert_eq!(unknown.code(), "NEW/ONE");
    assert_eq!(unknown.raw_message(), Some("café 😀"));
    assert_eq!(unknown.members()["since"], "v3");
}

/// A field named `request_id` is read back from the body: the format's
/// request id never hides an error's own member of that name.
#[derive(Debug, PartialEq, ApiError)]
#[api(parse)]
enum Upstream {
    #[api(code = "UPSTREAM", status = 502, message = "Upstream failed.")]
    Failed {
        #[api(field)]
        request_id: String,
    },
    #[api(other)]
    Other(Unknown),
}

#[test]
fn a_request_id_member_is_read_like_any_other() {
    let body = br#"{"error":{"code":"UPSTREAM","message":"Upstream failed.","request_id":"up-9"}}"#;
    let err = Upstream::from_parts(StatusCode::BAD_GATEWAY, &HeaderMap::new(), body).unwrap();
    assert_eq!(
        err,
        Upstream::Failed {
            request_id: "up-9".into()
        }
    );
    let body = br#"{"error":{"code":"ELSEWHERE","request_id":"req-1"}}"#;
    let err = Upstream::from_parts(StatusCode::BAD_GATEWAY, &HeaderMap::new(), body).unwrap();
    let Upstream::Other(unknown) = &err else {
        panic!("{err:?}");
    };
    assert_eq!(unknown.members()["request_id"], "req-1");
}
