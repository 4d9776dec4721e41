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
//! (a variant, `other`, or a decode error). Before timing, each body's two
//! decodings are checked to be the same value.
//!
//! Arguments select the cases whose `format body` label contains one of
//! them: `cargo bench -p errbook-tests --bench decode -- google unknown`.
//! With `DECODE_BENCH_CALLS=n` the selected cases are not timed: one side
//! (`DECODE_BENCH_SIDE=hand`, or the derived decoder) runs `n` times, for a
//! profiler; BENCHMARKS.md counts instructions that way, with callgrind.

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
/// one with serde, producing what the derived decoder produces: every member
/// an `Option`, the code and the message borrowed from the body, then a
/// match on the code. An error it does not know keeps what `Unknown` keeps:
/// its code, message and status, its extra members as JSON values (read by
/// a second parse of the body, on that path only) and the body's JSON text;
/// a body it cannot read is kept as its JSON, or as text when it is not
/// JSON.
#[allow(
    clippy::wildcard_imports,
    clippy::unnecessary_wraps,
    clippy::struct_field_names
)]
mod hand {
    use std::borrow::Cow;

    use serde_json::value::RawValue;
    use serde_json::{Map, Value};

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
        /// What `Unknown` keeps.
        Other {
            code: Option<String>,
            message: Option<String>,
            status: StatusCode,
            members: Map<String, Value>,
            body: Kept,
        },
    }

    /// The body an unknown error keeps.
    #[derive(Debug, PartialEq)]
    pub(crate) enum Kept {
        /// The JSON text, without the whitespace around it.
        Json(String),
        /// A body that is not JSON, as text.
        Text(String),
    }

    /// The codes of the enum, for a problem's `type` URI.
    const CODES: [&str; 5] = [
        "FORBIDDEN",
        "USER_NOT_FOUND",
        "RATE_LIMITED",
        "GONE",
        "out-of-credit",
    ];

    /// Borrowed text: serde borrows a `Cow<str>` field, but not one inside an
    /// `Option`, so the message goes through this newtype.
    #[derive(Deserialize)]
    struct Text<'a>(#[serde(borrow)] Cow<'a, str>);

    /// The members a variant may carry, by any of the formats.
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

    /// The body kept: its JSON text, or its text when it is not UTF-8.
    fn json_kept(body: &[u8]) -> Kept {
        match std::str::from_utf8(body) {
            Ok(text) => Kept::Json(text.trim_matches([' ', '\t', '\n', '\r']).to_owned()),
            Err(_) => Kept::Text(String::from_utf8_lossy(body).into_owned()),
        }
    }

    /// A body the decoder cannot read: JSON of another shape, or not JSON.
    fn unreadable(body: &[u8], status: StatusCode, err: &serde_json::Error) -> ChatError {
        ChatError::Other {
            code: None,
            message: None,
            status,
            members: Map::new(),
            body: match err.classify() {
                serde_json::error::Category::Data => json_kept(body),
                _ => Kept::Text(String::from_utf8_lossy(body).into_owned()),
            },
        }
    }

    /// `object`'s members without the format's own.
    fn without(mut object: Map<String, Value>, own: &[&str]) -> Map<String, Value> {
        object.retain(|name, _| !own.contains(&name.as_str()));
        object
    }

    /// The variant for `code`, from `fields`; for any other code, what
    /// `Unknown` keeps, with the members `members` reads from the body.
    fn variant(
        code: Option<Cow<'_, str>>,
        message: Option<Text<'_>>,
        fields: Fields,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
        members: impl FnOnce() -> Map<String, Value>,
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
                members: members(),
                body: json_kept(body),
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

        /// The error object again, every member, for an unknown code.
        #[derive(Deserialize)]
        struct Members {
            error: Map<String, Value>,
        }

        pub(crate) fn decode(
            status: StatusCode,
            headers: &HeaderMap,
            body: &[u8],
        ) -> Result<ChatError, String> {
            let Envelope { error } = match serde_json::from_slice(body) {
                Ok(envelope) => envelope,
                Err(err) => return Ok(unreadable(body, status, &err)),
            };
            variant(
                Some(error.code),
                error.message,
                fields!(error),
                status,
                headers,
                body,
                || match serde_json::from_slice::<Members>(body) {
                    Ok(Members { error }) => without(error, &["code", "message", "details"]),
                    Err(_) => Map::new(),
                },
            )
        }
    }

    pub(crate) mod problem {
        use super::*;

        /// RFC 9457: the code is `code`, or else the code whose URL the
        /// `type` URI is; the message is `detail`.
        #[derive(Deserialize)]
        struct Problem<'a> {
            #[serde(borrow, rename = "type")]
            kind: Option<Text<'a>>,
            #[serde(borrow)]
            detail: Option<Text<'a>>,
            #[serde(borrow)]
            code: Option<Text<'a>>,
            missing_permission: Option<String>,
            id: Option<u64>,
            retry_after_ms: Option<u64>,
            balance: Option<u64>,
        }

        /// The code a `type` URI documents, or the URI itself.
        fn code_of(uri: Cow<'_, str>) -> Cow<'_, str> {
            let known = uri
                .strip_prefix("https://example.com/probs/")
                .filter(|code| CODES.contains(code))
                .map(str::len);
            match (uri, known) {
                (Cow::Borrowed(uri), Some(len)) => Cow::Borrowed(&uri[uri.len() - len..]),
                (Cow::Owned(uri), Some(len)) => Cow::Owned(uri[uri.len() - len..].to_owned()),
                (uri, None) => uri,
            }
        }

        pub(crate) fn decode(
            status: StatusCode,
            headers: &HeaderMap,
            body: &[u8],
        ) -> Result<ChatError, String> {
            let problem: Problem<'_> = match serde_json::from_slice(body) {
                Ok(problem) => problem,
                Err(err) => return Ok(unreadable(body, status, &err)),
            };
            let code = match (problem.code, problem.kind) {
                (Some(Text(code)), _) => code,
                (None, Some(Text(uri))) if uri != "about:blank" => code_of(uri),
                // No code: JSON of another shape.
                (None, _) => {
                    return Ok(ChatError::Other {
                        code: None,
                        message: None,
                        status,
                        members: Map::new(),
                        body: json_kept(body),
                    });
                }
            };
            variant(
                Some(code),
                problem.detail,
                fields!(problem),
                status,
                headers,
                body,
                || match serde_json::from_slice(body) {
                    Ok(object) => without(
                        object,
                        &[
                            "type", "title", "status", "detail", "instance", "code", "details",
                        ],
                    ),
                    Err(_) => Map::new(),
                },
            )
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
            let matrix: Matrix<'_> = match serde_json::from_slice(body) {
                Ok(matrix) => matrix,
                Err(err) => return Ok(unreadable(body, status, &err)),
            };
            variant(
                Some(matrix.errcode),
                matrix.error,
                fields!(matrix),
                status,
                headers,
                body,
                || match serde_json::from_slice(body) {
                    Ok(object) => without(object, &["errcode", "error", "details"]),
                    Err(_) => Map::new(),
                },
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
            let detail = match serde_json::from_slice::<Body<'_>>(body) {
                Ok(Body { detail }) => detail,
                Err(err) => return Ok(unreadable(body, status, &err)),
            };
            let Ok(Text(message)) = serde_json::from_str::<Text<'_>>(detail.get()) else {
                // A `detail` that is not a string: JSON of another shape,
                // whose list (FastAPI's 422) is kept as the member `detail`.
                let mut members = Map::new();
                if detail.get().starts_with('[')
                    && let Ok(list) = serde_json::from_str::<Value>(detail.get())
                {
                    members.insert("detail".to_owned(), list);
                }
                return Ok(ChatError::Other {
                    code: None,
                    message: None,
                    status,
                    members,
                    body: json_kept(body),
                });
            };
            Ok(match (status.as_u16(), &*message) {
                (410, "This channel is gone.") => ChatError::Gone,
                _ => ChatError::Other {
                    code: None,
                    message: Some(message.into_owned()),
                    status,
                    members: match serde_json::from_slice(body) {
                        Ok(object) => without(object, &["detail", "details"]),
                        Err(_) => Map::new(),
                    },
                    body: json_kept(body),
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

        /// The body again, every metadata value, for an unknown reason.
        #[derive(Deserialize)]
        struct Members<'a> {
            #[serde(borrow)]
            error: MembersStatus<'a>,
        }

        #[derive(Deserialize)]
        struct MembersStatus<'a> {
            #[serde(borrow, default)]
            details: Vec<MembersDetail<'a>>,
        }

        #[derive(Deserialize)]
        struct MembersDetail<'a> {
            #[serde(borrow, rename = "@type")]
            kind: Cow<'a, str>,
            metadata: Option<Map<String, Value>>,
        }

        pub(crate) fn decode(
            status: StatusCode,
            headers: &HeaderMap,
            body: &[u8],
        ) -> Result<ChatError, String> {
            let error = match serde_json::from_slice(body) {
                Ok(Body { error }) => error,
                Err(err) => return Ok(unreadable(body, status, &err)),
            };
            let info = error
                .details
                .into_iter()
                .find(|detail| detail.kind.ends_with("google.rpc.ErrorInfo"));
            let (code, metadata, with_info) = match info {
                Some(info) => (info.reason, info.metadata, true),
                None => (error.status, None, false),
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
            variant(code, error.message, fields, status, headers, body, || {
                if !with_info {
                    return Map::new();
                }
                serde_json::from_slice::<Members<'_>>(body)
                    .ok()
                    .and_then(|members| {
                        members
                            .error
                            .details
                            .into_iter()
                            .find(|detail| detail.kind.ends_with("google.rpc.ErrorInfo"))
                    })
                    .and_then(|info| info.metadata)
                    .unwrap_or_default()
            })
        }
    }
}

/// The derived decoder's value as the hand-written decoders write it: the
/// two must agree on every body before they are timed.
fn as_hand(decoded: ChatError) -> hand::ChatError {
    match decoded {
        ChatError::Forbidden { missing_permission } => {
            hand::ChatError::Forbidden { missing_permission }
        }
        ChatError::UserNotFound { id } => hand::ChatError::UserNotFound { id },
        ChatError::RateLimited { retry_after_ms } => {
            hand::ChatError::RateLimited { retry_after_ms }
        }
        ChatError::Gone => hand::ChatError::Gone,
        ChatError::OutOfCredit { balance, cost: _ } => hand::ChatError::OutOfCredit { balance },
        ChatError::Other(unknown) => hand::ChatError::Other {
            code: Some(unknown.code().to_string()).filter(|code| !code.is_empty()),
            message: unknown.raw_message().map(str::to_owned),
            status: unknown.status(),
            members: unknown.members().clone(),
            body: match (unknown.json(), unknown.text()) {
                (Some(json), _) => hand::Kept::Json(json.to_owned()),
                (None, text) => hand::Kept::Text(text.unwrap_or_default().to_owned()),
            },
        },
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
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with("--"))
        .collect();
    for &Case { name, status, body } in cases {
        let label = format!("{} {name}", F::NAME);
        if !filter.is_empty() && !filter.iter().any(|part| label.contains(part.as_str())) {
            continue;
        }
        let decoded = ChatError::from_parts_as(format, status, &headers, body);
        let outcome = outcome(&decoded);
        // The same value from both, or the comparison is not fair.
        assert_eq!(
            decoded.ok().map(as_hand),
            hand(status, &headers, body).ok(),
            "{label}"
        );
        if let Some((side, calls)) = profile_mode() {
            // No timing: one side's calls alone, for a profiler.
            for _ in 0..calls {
                if side == "hand" {
                    black_box(hand(black_box(status), &headers, black_box(body)).ok());
                } else {
                    black_box(
                        ChatError::from_parts_as(
                            format,
                            black_box(status),
                            &headers,
                            black_box(body),
                        )
                        .ok(),
                    );
                }
            }
            continue;
        }
        let [ours, theirs] = medians_per_call(
            BATCHES,
            &mut [
                &mut || {
                    black_box(
                        ChatError::from_parts_as(
                            format,
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

/// `DECODE_BENCH_CALLS=n` (with `DECODE_BENCH_SIDE=hand` for the
/// hand-written decoder, the derived one otherwise): `n` calls of that side
/// for each case selected, without timing, for a profiler (`perf record`,
/// `valgrind --tool=callgrind`).
fn profile_mode() -> Option<(String, u64)> {
    let calls = std::env::var("DECODE_BENCH_CALLS").ok()?.parse().ok()?;
    let side = std::env::var("DECODE_BENCH_SIDE").unwrap_or_default();
    Some((side, calls))
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
