//! `cargo bench -p errbook-tests --bench decode`: the derived decoder
//! (`from_parts_as`) against a hand-written serde decoder of the same body,
//! in every built-in format (nested, problem, matrix, detail, google), on
//! the same bodies.
//!
//! A small harness of its own (the standard library's clock and
//! `black_box`): after a warm-up, the two decoders run in alternating
//! batches of about 10 ms each, 31 of each, so that whatever else the
//! machine does falls on both alike; the median time per decode of each is
//! printed, with their ratio, and what the derived decoder made of the body
//! (a variant, `other`, or a decode error).

use std::hint::black_box;
use std::time::Duration;

use errbook::format::{Detail, Google, Matrix, Nested, Problem};
use errbook::http::header::RETRY_AFTER;
use errbook::http::{HeaderMap, StatusCode};
use errbook::{ApiError, Format, Parse, Unknown};
use serde::Deserialize;

#[path = "harness/mod.rs"]
mod harness;

use harness::{Batches, medians_per_call};

/// Batches of 10 ms.
const BATCHES: Batches = Batches {
    rounds: 31,
    batch: Duration::from_millis(10),
};

/// The derived decoder, read in each format with `from_parts_as`.
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
    #[api(code = "RATE_LIMITED", status = 429, message = "Slow down.")]
    RateLimited {
        #[api(field, retry_after = "ms")]
        retry_after_ms: u64,
    },
    #[api(code = "GONE", status = 410, message = "This channel is gone.")]
    Gone,
    #[api(
        code = "out-of-credit",
        status = 403,
        title = "You do not have enough credit.",
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

/// What the derived decoder made of a body, for the table.
fn outcome(result: &Result<ChatError, errbook::decode::DecodeError>) -> &'static str {
    match result {
        Ok(ChatError::Other(_)) => "other",
        Ok(_) => "variant",
        Err(_) => "error",
    }
}

/// Hand-written decoders of the same bodies, the way an API client writes
/// one with serde: every member an `Option`, the code and the message
/// borrowed from the body (copied only for a code it does not know), then a
/// match on the code; a body it cannot read is kept as text.
#[allow(
    clippy::wildcard_imports,
    clippy::unnecessary_wraps,
    clippy::struct_field_names
)]
mod hand {
    use std::borrow::Cow;

    use serde_json::value::RawValue;

    use super::{Deserialize, HeaderMap, RETRY_AFTER, StatusCode};

    #[derive(Debug, PartialEq)]
    pub(crate) enum ChatError {
        Forbidden {
            missing_permission: String,
        },
        UserNotFound {
            id: u64,
        },
        RateLimited {
            retry_after_ms: u64,
        },
        Gone,
        OutOfCredit {
            balance: u64,
        },
        Other {
            code: Option<String>,
            message: Option<String>,
            status: StatusCode,
        },
        /// A body of another shape: its JSON, or its text.
        Unreadable {
            body: String,
            status: StatusCode,
        },
    }

    /// Borrowed text: serde borrows a `Cow<str>` field, but not one inside an
    /// `Option`, so the message goes through this newtype.
    #[derive(Deserialize)]
    struct Text<'a>(#[serde(borrow)] Cow<'a, str>);

    /// The members a variant may carry, by any of the formats.
    #[derive(Deserialize)]
    struct Fields {
        missing_permission: Option<String>,
        id: Option<u64>,
        retry_after_ms: Option<u64>,
        balance: Option<u64>,
    }

    fn missing(name: &str) -> String {
        format!("missing {name}")
    }

    fn header_seconds(headers: &HeaderMap) -> Option<u64> {
        headers
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok())
    }

    /// The variant for `code`, from `fields`.
    fn variant(
        code: Option<Cow<'_, str>>,
        message: Option<Text<'_>>,
        fields: Fields,
        status: StatusCode,
        headers: &HeaderMap,
    ) -> Result<ChatError, String> {
        Ok(match code.as_deref() {
            Some("FORBIDDEN") => ChatError::Forbidden {
                missing_permission: fields
                    .missing_permission
                    .ok_or_else(|| missing("missing_permission"))?,
            },
            Some("USER_NOT_FOUND") => ChatError::UserNotFound {
                id: fields.id.ok_or_else(|| missing("id"))?,
            },
            Some("RATE_LIMITED") => ChatError::RateLimited {
                retry_after_ms: match header_seconds(headers) {
                    Some(secs) => secs * 1000,
                    None => fields
                        .retry_after_ms
                        .ok_or_else(|| missing("retry_after_ms"))?,
                },
            },
            Some("GONE") => ChatError::Gone,
            Some("out-of-credit") => ChatError::OutOfCredit {
                balance: fields.balance.ok_or_else(|| missing("balance"))?,
            },
            _ => ChatError::Other {
                code: code.map(Cow::into_owned),
                message: message.map(|Text(text)| text.into_owned()),
                status,
            },
        })
    }

    /// Flattening costs serde a buffer of every member, so each format's
    /// hand-written struct names its members itself.
    macro_rules! fields {
        ($inner:expr) => {
            Fields {
                missing_permission: $inner.missing_permission,
                id: $inner.id,
                retry_after_ms: $inner.retry_after_ms,
                balance: $inner.balance,
            }
        };
    }

    pub(crate) mod nested_plain {
        use super::*;

        #[derive(Deserialize)]
        struct Envelope<'a> {
            #[serde(borrow)]
            error: Inner<'a>,
        }

        #[derive(Deserialize)]
        struct Inner<'a> {
            #[serde(borrow)]
            code: Cow<'a, str>,
            #[serde(borrow)]
            message: Option<Text<'a>>,
            missing_permission: Option<String>,
            id: Option<u64>,
            retry_after_ms: Option<u64>,
            balance: Option<u64>,
        }

        pub(crate) fn decode(
            status: StatusCode,
            headers: &HeaderMap,
            body: &[u8],
        ) -> Result<ChatError, String> {
            let Envelope { error } = serde_json::from_slice(body).map_err(|e| e.to_string())?;
            variant(
                Some(error.code),
                error.message,
                fields!(error),
                status,
                headers,
            )
        }
    }

    pub(crate) mod problem {
        use super::*;

        /// RFC 9457: the code is `code`, or the end of the `type` URI.
        #[derive(Deserialize)]
        struct Problem<'a> {
            #[serde(borrow, rename = "type")]
            kind: Option<Text<'a>>,
            #[serde(borrow)]
            title: Option<Text<'a>>,
            #[serde(borrow)]
            detail: Option<Text<'a>>,
            #[serde(borrow)]
            code: Option<Text<'a>>,
            missing_permission: Option<String>,
            id: Option<u64>,
            retry_after_ms: Option<u64>,
            balance: Option<u64>,
        }

        pub(crate) fn decode(
            status: StatusCode,
            headers: &HeaderMap,
            body: &[u8],
        ) -> Result<ChatError, String> {
            let problem: Problem<'_> = serde_json::from_slice(body).map_err(|e| e.to_string())?;
            let code = match (problem.code, problem.kind) {
                (Some(Text(code)), _) => Some(code),
                (None, Some(Text(uri))) => Some(match uri {
                    Cow::Borrowed(uri) => Cow::Borrowed(
                        uri.strip_prefix("https://example.com/probs/")
                            .unwrap_or(uri),
                    ),
                    Cow::Owned(uri) => Cow::Owned(
                        uri.strip_prefix("https://example.com/probs/")
                            .unwrap_or(&uri)
                            .to_owned(),
                    ),
                }),
                (None, None) => None,
            };
            let message = problem.detail.or(problem.title);
            variant(code, message, fields!(problem), status, headers)
        }
    }

    pub(crate) mod matrix {
        use super::*;

        #[derive(Deserialize)]
        struct Matrix<'a> {
            #[serde(borrow)]
            errcode: Cow<'a, str>,
            #[serde(borrow)]
            error: Option<Text<'a>>,
            missing_permission: Option<String>,
            id: Option<u64>,
            retry_after_ms: Option<u64>,
            balance: Option<u64>,
        }

        pub(crate) fn decode(
            status: StatusCode,
            headers: &HeaderMap,
            body: &[u8],
        ) -> Result<ChatError, String> {
            let body: Matrix<'_> = serde_json::from_slice(body).map_err(|e| e.to_string())?;
            variant(
                Some(body.errcode),
                body.error,
                fields!(body),
                status,
                headers,
            )
        }
    }

    pub(crate) mod detail {
        use super::*;

        /// FastAPI: `detail` is a string for `HTTPException`, a list for a
        /// validation error; Starlette's 500 is not JSON.
        #[derive(Deserialize)]
        struct Body<'a> {
            #[serde(borrow)]
            detail: &'a RawValue,
        }

        pub(crate) fn decode(
            status: StatusCode,
            _: &HeaderMap,
            body: &[u8],
        ) -> Result<ChatError, String> {
            let unreadable = || ChatError::Unreadable {
                body: String::from_utf8_lossy(body).into_owned(),
                status,
            };
            let Ok(Body { detail }) = serde_json::from_slice::<Body<'_>>(body) else {
                return Ok(unreadable());
            };
            let Ok(Text(message)) = serde_json::from_str::<Text<'_>>(detail.get()) else {
                return Ok(unreadable());
            };
            Ok(match (status.as_u16(), &*message) {
                (410, "This channel is gone.") => ChatError::Gone,
                _ => ChatError::Other {
                    code: None,
                    message: Some(message.into_owned()),
                    status,
                },
            })
        }
    }

    pub(crate) mod google {
        use super::*;

        #[derive(Deserialize)]
        struct Body<'a> {
            #[serde(borrow)]
            error: Status<'a>,
        }

        #[derive(Deserialize)]
        struct Status<'a> {
            #[serde(borrow)]
            message: Option<Text<'a>>,
            #[serde(borrow)]
            status: Option<Cow<'a, str>>,
            #[serde(borrow, default)]
            details: Vec<Detail<'a>>,
        }

        #[derive(Deserialize)]
        struct Detail<'a> {
            #[serde(borrow, rename = "@type")]
            kind: Cow<'a, str>,
            #[serde(borrow)]
            reason: Option<Cow<'a, str>>,
            metadata: Option<Metadata>,
        }

        /// `google.rpc.ErrorInfo.metadata`: every value a string.
        #[derive(Deserialize)]
        struct Metadata {
            missing_permission: Option<String>,
            id: Option<String>,
            retry_after_ms: Option<String>,
            balance: Option<String>,
        }

        pub(crate) fn decode(
            status: StatusCode,
            headers: &HeaderMap,
            body: &[u8],
        ) -> Result<ChatError, String> {
            let Body { error } = serde_json::from_slice(body).map_err(|e| e.to_string())?;
            let info = error
                .details
                .into_iter()
                .find(|detail| detail.kind.ends_with("google.rpc.ErrorInfo"));
            let (code, metadata) = match info {
                Some(info) => (info.reason, info.metadata),
                None => (error.status, None),
            };
            let number = |text: Option<String>| text.and_then(|text| text.parse().ok());
            let fields = match metadata {
                Some(metadata) => Fields {
                    missing_permission: metadata.missing_permission,
                    id: number(metadata.id),
                    retry_after_ms: number(metadata.retry_after_ms),
                    balance: number(metadata.balance),
                },
                None => Fields {
                    missing_permission: None,
                    id: None,
                    retry_after_ms: None,
                    balance: None,
                },
            };
            variant(code, error.message, fields, status, headers)
        }
    }
}

type HandDecoder = fn(StatusCode, &HeaderMap, &[u8]) -> Result<hand::ChatError, String>;

/// One body: its name, status and bytes, with the hand-written decoder of
/// its format.
struct Case {
    name: &'static str,
    status: StatusCode,
    body: &'static [u8],
}

fn compare<F: Format + Copy>(format: F, hand: HandDecoder, cases: &[Case]) {
    let headers = HeaderMap::new();
    for &Case { name, status, body } in cases {
        let outcome = outcome(&ChatError::from_parts_as(&format, status, &headers, body));
        assert!(hand(status, &headers, body).is_ok(), "{name}");
        let [ours, theirs] = medians_per_call(
            BATCHES,
            &mut [
                &mut || {
                    black_box(
                        ChatError::from_parts_as(
                            &format,
                            black_box(status),
                            &headers,
                            black_box(body),
                        )
                        .ok(),
                    );
                },
                &mut || {
                    black_box(hand(black_box(status), &headers, black_box(body)).ok());
                },
            ],
        );
        println!(
            "{:<8} {name:<44} {outcome:>8} {:>9.0} ns {:>9.0} ns {:>6.2}×",
            F::NAME,
            ours.as_secs_f64() * 1e9,
            theirs.as_secs_f64() * 1e9,
            ours.as_secs_f64() / theirs.as_secs_f64()
        );
    }
}

/// RFC 9457's first example, as printed in §3.
const OUT_OF_CREDIT: &[u8] = br#"{
 "type": "https://example.com/probs/out-of-credit",
 "title": "You do not have enough credit.",
 "detail": "Your current balance is 30, but that costs 50.",
 "instance": "/account/12345/msgs/abc",
 "balance": 30,
 "accounts": ["/account/12345",
              "/account/67890"]
}"#;

/// RFC 9457's validation error example, as printed in §3.
const VALIDATION_ERROR: &[u8] = br##"{
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

fn main() {
    println!(
        "{:<8} {:<44} {:>8} {:>12} {:>12} {:>7}",
        "format", "body", "derived", "from_parts", "hand serde", "ratio"
    );
    compare(
        Nested,
        hand::nested_plain::decode,
        &[
            Case {
                name: "FORBIDDEN (one string member)",
                status: StatusCode::FORBIDDEN,
                body: br#"{"error":{"code":"FORBIDDEN","message":"No permission.","missing_permission":"manage_messages"}}"#,
            },
            Case {
                name: "USER_NOT_FOUND (one integer member)",
                status: StatusCode::NOT_FOUND,
                body: br#"{"error":{"code":"USER_NOT_FOUND","message":"User 7 not found.","id":7}}"#,
            },
            Case {
                name: "RATE_LIMITED (member, no header)",
                status: StatusCode::TOO_MANY_REQUESTS,
                body: br#"{"error":{"code":"RATE_LIMITED","message":"Slow down.","retry_after_ms":1500}}"#,
            },
            Case {
                name: "unknown code (kept whole)",
                status: StatusCode::CONFLICT,
                body: br#"{"error":{"code":"NEW_IN_V3","message":"Something new."}}"#,
            },
        ],
    );
    compare(
        Problem,
        hand::problem::decode,
        &[
            Case {
                name: "FORBIDDEN (code member, one string member)",
                status: StatusCode::FORBIDDEN,
                body: br#"{"type":"https://example.com/probs/FORBIDDEN","title":"Forbidden","status":403,"detail":"No permission.","code":"FORBIDDEN","missing_permission":"manage_messages"}"#,
            },
            Case {
                name: "RFC 9457 out-of-credit (type URI only)",
                status: StatusCode::FORBIDDEN,
                body: OUT_OF_CREDIT,
            },
            Case {
                name: "RFC 9457 validation error (unknown type)",
                status: StatusCode::UNPROCESSABLE_ENTITY,
                body: VALIDATION_ERROR,
            },
        ],
    );
    compare(
        Matrix,
        hand::matrix::decode,
        &[
            Case {
                name: "FORBIDDEN (one string member)",
                status: StatusCode::FORBIDDEN,
                body: br#"{"errcode":"FORBIDDEN","error":"No permission.","missing_permission":"manage_messages"}"#,
            },
            Case {
                name: "USER_NOT_FOUND (one integer member)",
                status: StatusCode::NOT_FOUND,
                body: br#"{"errcode":"USER_NOT_FOUND","error":"User 7 not found.","id":7}"#,
            },
            Case {
                name: "unknown code (kept whole)",
                status: StatusCode::BAD_REQUEST,
                body: br#"{"errcode":"M_UNKNOWN","error":"Something new.","since":"v1.99"}"#,
            },
        ],
    );
    compare(
        Detail,
        hand::detail::decode,
        &[
            Case {
                name: "GONE (status and fixed message)",
                status: StatusCode::GONE,
                body: br#"{"detail":"This channel is gone."}"#,
            },
            Case {
                name: "FastAPI 422 (a list detail)",
                status: StatusCode::UNPROCESSABLE_ENTITY,
                body: br#"{"detail":[{"type":"missing","loc":["body","name"],"msg":"Field required","input":{}}]}"#,
            },
            Case {
                name: "Starlette 500 (text/plain)",
                status: StatusCode::INTERNAL_SERVER_ERROR,
                body: b"Internal Server Error",
            },
        ],
    );
    compare(
        Google,
        hand::google::decode,
        &[
            Case {
                name: "FORBIDDEN (ErrorInfo, one metadata value)",
                status: StatusCode::FORBIDDEN,
                body: br#"{"error":{"code":403,"message":"No permission.","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"FORBIDDEN","metadata":{"missing_permission":"manage_messages"}}]}}"#,
            },
            Case {
                name: "USER_NOT_FOUND (ErrorInfo, integer metadata)",
                status: StatusCode::NOT_FOUND,
                body: br#"{"error":{"code":404,"message":"User 7 not found.","status":"NOT_FOUND","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"USER_NOT_FOUND","metadata":{"id":"7"}}]}}"#,
            },
            Case {
                name: "no ErrorInfo (status name as code)",
                status: StatusCode::SERVICE_UNAVAILABLE,
                body: br#"{"error":{"code":503,"message":"The service is unavailable.","status":"UNAVAILABLE"}}"#,
            },
        ],
    );
}
