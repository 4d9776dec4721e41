//! `cargo bench -p errbook-tests --bench decode`: the derived decoder
//! (`from_parts`) against a hand-written serde decoder of the same nested
//! envelope, on the same bodies.
//!
//! A small harness of its own (the standard library's clock and
//! `black_box`): after a warm-up, the two decoders run in alternating
//! batches of about 10 ms each, 31 of each, so that whatever else the
//! machine does falls on both alike; the median time per decode of each is
//! printed, with their ratio.

use std::hint::black_box;
use std::time::Duration;

use errbook::http::header::RETRY_AFTER;
use errbook::http::{HeaderMap, StatusCode};
use errbook::{ApiError, Unknown};
use serde::Deserialize;

#[path = "harness/mod.rs"]
mod harness;

use harness::{Batches, medians_per_call};

/// Batches of 10 ms.
const BATCHES: Batches = Batches {
    rounds: 31,
    batch: Duration::from_millis(10),
};

/// The derived decoder.
#[derive(Debug, PartialEq, ApiError)]
#[api(parse)]
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
    #[api(other)]
    Other(Unknown),
}

/// A hand-written decoder of the same envelope, the way an API client
/// writes one with serde: every member an `Option`, the code and the message
/// borrowed from the body (copied only for a code it does not know), then a
/// match on the code.
mod hand {
    use std::borrow::Cow;

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
        Other {
            code: String,
            message: Option<String>,
            status: StatusCode,
        },
    }

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
    }

    /// Borrowed text: serde borrows a `Cow<str>` field, but not one inside an
    /// `Option`, so the message goes through this newtype.
    #[derive(Deserialize)]
    struct Text<'a>(#[serde(borrow)] Cow<'a, str>);

    pub(crate) fn decode(
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<ChatError, String> {
        let Envelope { error } = serde_json::from_slice(body).map_err(|e| e.to_string())?;
        let missing = |name: &str| format!("missing {name}");
        Ok(match &*error.code {
            "FORBIDDEN" => ChatError::Forbidden {
                missing_permission: error
                    .missing_permission
                    .ok_or_else(|| missing("missing_permission"))?,
            },
            "USER_NOT_FOUND" => ChatError::UserNotFound {
                id: error.id.ok_or_else(|| missing("id"))?,
            },
            "RATE_LIMITED" => {
                let header = headers
                    .get(RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.parse::<u64>().ok());
                ChatError::RateLimited {
                    retry_after_ms: match header {
                        Some(secs) => secs * 1000,
                        None => error
                            .retry_after_ms
                            .ok_or_else(|| missing("retry_after_ms"))?,
                    },
                }
            }
            _ => ChatError::Other {
                code: error.code.into_owned(),
                message: error.message.map(|Text(text)| text.into_owned()),
                status,
            },
        })
    }
}

fn main() {
    let cases: [(&str, StatusCode, &[u8]); 4] = [
        (
            "FORBIDDEN (one string member)",
            StatusCode::FORBIDDEN,
            br#"{"error":{"code":"FORBIDDEN","message":"No permission.","missing_permission":"manage_messages"}}"#,
        ),
        (
            "USER_NOT_FOUND (one integer member)",
            StatusCode::NOT_FOUND,
            br#"{"error":{"code":"USER_NOT_FOUND","message":"User 7 not found.","id":7}}"#,
        ),
        (
            "RATE_LIMITED (member, no header)",
            StatusCode::TOO_MANY_REQUESTS,
            br#"{"error":{"code":"RATE_LIMITED","message":"Slow down.","retry_after_ms":1500}}"#,
        ),
        (
            "unknown code (kept whole)",
            StatusCode::CONFLICT,
            br#"{"error":{"code":"NEW_IN_V3","message":"Something new."}}"#,
        ),
    ];
    let headers = HeaderMap::new();
    println!(
        "{:<40} {:>12} {:>12} {:>7}",
        "body", "from_parts", "hand serde", "ratio"
    );
    for (name, status, body) in cases {
        assert!(ChatError::from_parts(status, &headers, body).is_ok());
        assert!(hand::decode(status, &headers, body).is_ok());
        let [ours, theirs] = medians_per_call(
            BATCHES,
            &mut [
                &mut || {
                    black_box(
                        ChatError::from_parts(black_box(status), &headers, black_box(body)).ok(),
                    );
                },
                &mut || {
                    black_box(hand::decode(black_box(status), &headers, black_box(body)).ok());
                },
            ],
        );
        println!(
            "{name:<40} {:>9.0} ns {:>9.0} ns {:>6.2}×",
            ours.as_secs_f64() * 1e9,
            theirs.as_secs_f64() * 1e9,
            ours.as_secs_f64() / theirs.as_secs_f64()
        );
    }
}
