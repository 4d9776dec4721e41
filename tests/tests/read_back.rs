//! Every built-in format reads back what it writes, for every kind of
//! exposed field, in the type's own format: `from_response(&x.to_response())`
//! is `x`. A `detail` body is the message alone, so a `detail` type's
//! exposed fields come back as their `default`. Also: how each format writes
//! an `Option` that is `None`, and what a member absent from a body decodes
//! to.

use std::time::Duration;

use errbook::decode::DecodeErrorKind;
use errbook::format::{Detail, Google, Matrix, Nested, NoneAs, Problem};
use errbook::http::{HeaderMap, StatusCode};
use errbook::{ApiError, Format, Unknown};
use proptest::prelude::*;
use serde_json::{Value, json};

/// The same kinds of field, in a type whose own format is `$format`.
macro_rules! every_kind {
    ($name:ident, $format:ident) => {
        #[derive(Debug, Clone, PartialEq, ApiError)]
        #[api(parse, format = $format)]
        enum $name {
            #[api(code = "plain", status = 422, message = "Plain {name}.")]
            Plain {
                #[api(field)]
                name: String,
                #[api(field)]
                id: u64,
                #[api(field)]
                shards: Vec<i32>,
            },
            #[api(code = "optional", status = 422, message = "Optional.")]
            Optional {
                #[api(field)]
                note: Option<String>,
                #[api(field, none = "null")]
                hint: Option<u32>,
                #[api(field, none = "omit")]
                tag: Option<bool>,
            },
            #[api(code = "millis", status = 429)]
            Millis {
                #[api(field, retry_after = "ms")]
                retry_after_ms: u64,
            },
            #[api(code = "maybe_millis", status = 429)]
            MaybeMillis {
                #[api(field, retry_after = "ms")]
                retry_after_ms: Option<u64>,
            },
            #[api(code = "secs", status = 503)]
            Secs {
                #[api(field, retry_after = "s")]
                retry_after: u32,
            },
            #[api(code = "float_secs", status = 503)]
            FloatSecs {
                #[api(field, retry_after = "s")]
                wait: f64,
            },
            #[api(code = "duration", status = 503)]
            Wait {
                #[api(field, retry_after)]
                wait: Duration,
            },
            #[api(code = "status", message = "Unrecognized.")]
            Status {
                #[api(status)]
                status: StatusCode,
            },
            #[api(code = "whole", status = 409, message = "{reason}")]
            Whole { reason: String },
            #[api(code = "defaulted", status = 401, message = "Invalid token.")]
            Defaulted {
                #[api(field, default)]
                soft_logout: bool,
                #[api(field, default = "ten")]
                limit: u32,
            },
            #[api(other)]
            Other(Unknown),
        }
    };
}

fn ten() -> u32 {
    10
}

every_kind!(InNested, nested);
every_kind!(InProblem, problem);
every_kind!(InMatrix, matrix);
every_kind!(InGoogle, google);

/// `detail` writes the message alone: fixed messages and statuses, and
/// every exposed field says what it comes back as.
#[derive(Debug, Clone, PartialEq, ApiError)]
#[api(parse, format = detail)]
enum InDetail {
    #[api(status = 404, message = "Post not found")]
    PostNotFound {
        #[api(field, default)]
        post_id: u64,
    },
    #[api(status = 422, message = "Optional.")]
    Optional {
        #[api(field, default)]
        note: Option<String>,
        #[api(field, default = "ten")]
        limit: u32,
    },
    #[api(status = 429, message = "Slow down.")]
    Millis {
        #[api(field, retry_after = "ms", default)]
        retry_after_ms: u64,
    },
    #[api(status = 503, message = "Try later.")]
    Wait {
        #[api(retry_after)]
        wait: Duration,
    },
    #[api(status = 410)]
    Gone,
    #[api(other)]
    Other(Unknown),
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 128,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A finite float whose JSON text `serde_json` reads back exactly.
fn float() -> impl Strategy<Value = f64> {
    use proptest::num::f64::{NEGATIVE, NORMAL, POSITIVE, ZERO};
    (POSITIVE | NEGATIVE | NORMAL | ZERO).prop_filter("read back 1 ULP off", |x| {
        serde_json::from_str::<f64>(&serde_json::to_string(x).unwrap())
            .is_ok_and(|y| y.to_bits() == x.to_bits())
    })
}

fn error_status() -> impl Strategy<Value = StatusCode> {
    (400u16..=599).prop_map(|s| StatusCode::from_u16(s).unwrap())
}

/// A value of every variant with a code of its own, in each coded type.
macro_rules! strategy {
    ($name:ident) => {
        prop_oneof![
            (
                any::<String>(),
                any::<u64>(),
                proptest::collection::vec(any::<i32>(), 0..4)
            )
                .prop_map(|(name, id, shards)| $name::Plain { name, id, shards }),
            (
                proptest::option::of(any::<String>()),
                proptest::option::of(any::<u32>()),
                proptest::option::of(any::<bool>())
            )
                .prop_map(|(note, hint, tag)| $name::Optional { note, hint, tag }),
            any::<u64>().prop_map(|retry_after_ms| $name::Millis { retry_after_ms }),
            proptest::option::of(any::<u64>())
                .prop_map(|retry_after_ms| $name::MaybeMillis { retry_after_ms }),
            any::<u32>().prop_map(|retry_after| $name::Secs { retry_after }),
            float().prop_map(|wait| $name::FloatSecs { wait }),
            // A `Duration` member is a number of seconds: whole ones of
            // any size, and nanoseconds under 2^22 s (48 days), where an
            // `f64` still tells them apart.
            prop_oneof![
                any::<u64>().prop_map(Duration::from_secs),
                (0u64..1 << 22, 0u32..1_000_000_000).prop_map(|(s, n)| Duration::new(s, n)),
            ]
            .prop_map(|wait| $name::Wait { wait }),
            error_status().prop_map(|status| $name::Status { status }),
            any::<String>().prop_map(|reason| $name::Whole { reason }),
            (any::<bool>(), any::<u32>())
                .prop_map(|(soft_logout, limit)| $name::Defaulted { soft_logout, limit }),
        ]
    };
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn nested_reads_back_what_it_writes(err in strategy!(InNested)) {
        prop_assert_eq!(InNested::from_response(&err.to_response()).unwrap(), err);
    }

    #[test]
    fn problem_reads_back_what_it_writes(err in strategy!(InProblem)) {
        prop_assert_eq!(InProblem::from_response(&err.to_response()).unwrap(), err);
    }

    #[test]
    fn matrix_reads_back_what_it_writes(err in strategy!(InMatrix)) {
        prop_assert_eq!(InMatrix::from_response(&err.to_response()).unwrap(), err);
    }

    #[test]
    fn google_reads_back_what_it_writes(err in strategy!(InGoogle)) {
        prop_assert_eq!(InGoogle::from_response(&err.to_response()).unwrap(), err);
    }

    /// The variant and every value the body carries come back; a member the
    /// body drops comes back as its `default`, and a retry delay that is
    /// not in the body from the `Retry-After` header, in whole seconds.
    #[test]
    fn detail_reads_back_what_it_writes(
        post_id in any::<u64>(),
        note in proptest::option::of(any::<String>()),
        limit in any::<u32>(),
        retry_after_ms in any::<u64>(),
        secs in 0u64..1 << 40,
    ) {
        let cases = [
            (InDetail::PostNotFound { post_id }, InDetail::PostNotFound { post_id: 0 }),
            (InDetail::Optional { note, limit }, InDetail::Optional { note: None, limit: 10 }),
            (
                InDetail::Millis { retry_after_ms },
                InDetail::Millis {
                    retry_after_ms: u64::try_from(u128::from(retry_after_ms.div_ceil(1000)) * 1000)
                        .unwrap_or(u64::MAX),
                },
            ),
            (
                InDetail::Wait { wait: Duration::from_secs(secs) },
                InDetail::Wait { wait: Duration::from_secs(secs) },
            ),
            (InDetail::Gone, InDetail::Gone),
        ];
        for (sent, back) in cases {
            let response = sent.to_response();
            prop_assert_eq!(InDetail::from_response(&response).unwrap(), back);
        }
    }
}

#[test]
fn the_issue_s_detail_case_reads_back() {
    let response = InDetail::PostNotFound { post_id: 7 }.to_response();
    assert_eq!(
        response.body().as_slice(),
        br#"{"detail":"Post not found"}"#
    );
    assert_eq!(
        InDetail::from_response(&response).unwrap(),
        InDetail::PostNotFound { post_id: 0 }
    );
}

fn body<F: Format>(err: &impl ApiError, format: F) -> Value {
    serde_json::from_slice(err.to_response_as(format).body()).unwrap()
}

fn serde_body<F: Format>(err: &impl ApiError, format: F) -> Value {
    serde_json::to_value(err.envelope_as(format)).unwrap()
}

#[test]
fn none_is_left_out_or_null_as_each_format_says() {
    let err = InNested::Optional {
        note: None,
        hint: None,
        tag: None,
    };
    // The direct writer and the serde path agree.
    for (nested, problem, matrix, google) in [
        (
            body(&err, Nested),
            body(&err, Problem),
            body(&err, Matrix),
            body(&err, Google),
        ),
        (
            serde_body(&err, Nested),
            serde_body(&err, Problem),
            serde_body(&err, Matrix),
            serde_body(&err, Google),
        ),
    ] {
        // Nested keeps `null`; `none = "omit"` leaves `tag` out everywhere.
        assert_eq!(
            nested,
            json!({"error": {"code": "optional", "message": "Optional.", "note": null, "hint": null}})
        );
        // The others leave a `None` out; `none = "null"` keeps `hint`.
        assert_eq!(
            matrix,
            json!({"errcode": "optional", "error": "Optional.", "hint": null})
        );
        let members: Vec<&str> = problem
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            members,
            ["code", "detail", "hint", "status", "title", "type"]
        );
        assert_eq!(problem["hint"], Value::Null);
        // Google's metadata holds strings: a `null` is never one.
        assert_eq!(google["error"]["details"][0]["metadata"], json!({}));
    }
    // A value is written as it is in every format.
    let some = InMatrix::Optional {
        note: Some("n".into()),
        hint: Some(3),
        tag: Some(true),
    };
    assert_eq!(
        body(&some, Matrix),
        json!({"errcode": "optional", "error": "Optional.", "note": "n", "hint": 3, "tag": true})
    );
}

#[test]
fn the_matrix_spec_s_optional_member_is_left_out() {
    let response = InMatrix::MaybeMillis {
        retry_after_ms: None,
    }
    .to_response();
    assert_eq!(
        response.body().as_slice(),
        br#"{"errcode":"maybe_millis","error":"Too Many Requests"}"#
    );
    assert!(response.headers().get("retry-after").is_none());
}

#[test]
fn each_format_says_how_none_is_written() {
    assert_eq!(Nested::NONE, NoneAs::Null);
    for none in [Problem::NONE, Matrix::NONE, Google::NONE, Detail::NONE] {
        assert_eq!(none, NoneAs::Omit);
    }
    let entry = InMatrix::catalog()
        .iter()
        .find(|e| e.code() == "optional")
        .unwrap();
    let [note, hint, tag] = entry.fields() else {
        panic!("three fields")
    };
    assert_eq!(note.when_none(Matrix::NONE), Some(NoneAs::Omit));
    assert_eq!(note.when_none(Nested::NONE), Some(NoneAs::Null));
    assert_eq!(hint.when_none(Matrix::NONE), Some(NoneAs::Null));
    assert_eq!(tag.when_none(Nested::NONE), Some(NoneAs::Omit));
    let plain = InMatrix::catalog().iter().next().unwrap();
    assert!(
        plain
            .fields()
            .iter()
            .all(|f| f.when_none(Matrix::NONE).is_none())
    );
}

#[test]
fn an_absent_member_decodes_to_its_default() {
    let body = br#"{"errcode":"defaulted","error":"Invalid token."}"#;
    let err = InMatrix::from_parts(StatusCode::UNAUTHORIZED, &HeaderMap::new(), body).unwrap();
    assert_eq!(
        err,
        InMatrix::Defaulted {
            soft_logout: false,
            limit: 10
        }
    );
    // A member that is there is read, `null` included for an `Option`.
    let body = br#"{"errcode":"optional","error":"x","note":null,"hint":4}"#;
    let err =
        InMatrix::from_parts(StatusCode::UNPROCESSABLE_ENTITY, &HeaderMap::new(), body).unwrap();
    assert_eq!(
        err,
        InMatrix::Optional {
            note: None,
            hint: Some(4),
            tag: None
        }
    );
}

#[test]
fn a_known_code_lacking_a_member_without_default_goes_to_other_whole() {
    let body = br#"{"errcode":"plain","error":"Plain x.","name":"x","extra":[1]}"#;
    let err =
        InMatrix::from_parts(StatusCode::UNPROCESSABLE_ENTITY, &HeaderMap::new(), body).unwrap();
    let InMatrix::Other(unknown) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(unknown.code(), "plain");
    assert_eq!(unknown.members()["extra"], json!([1]));
    assert_eq!(err.to_response().body().as_slice(), body);
}

/// Without `other`, the same body is a `DecodeError` that keeps it.
#[derive(Debug, PartialEq, ApiError)]
#[api(parse, format = matrix)]
enum Strict {
    #[api(code = "plain", status = 422)]
    Plain {
        #[api(field)]
        id: u64,
    },
}

#[test]
fn without_other_a_known_code_lacking_a_member_is_a_decode_error_keeping_the_body() {
    let body = br#"{"errcode":"plain","error":"x"}"#;
    let err =
        Strict::from_parts(StatusCode::UNPROCESSABLE_ENTITY, &HeaderMap::new(), body).unwrap_err();
    assert_eq!(
        err.kind(),
        &DecodeErrorKind::MissingMember {
            name: "id".to_owned()
        }
    );
    assert_eq!(err.body(), body);
}
