//! `cargo bench -p errbook-tests --bench render`: rendering a derived error
//! in every built-in format against hand-written serde code producing the
//! same bytes.
//!
//! For each format and each of three errors (a static message, a message
//! with a field interpolated, two exposed fields), two comparisons:
//!
//! * **body**: `serde_json::to_writer(&mut buf, &err.envelope_as(format))`
//!   into a reused buffer, against the same call on a hand-written
//!   `#[derive(Serialize)]` envelope built from a `match` on the error (the
//!   templated message made with `format!`);
//! * **response**: `err.to_response()` (nested, the type's format) or
//!   `err.to_response_as(format)`, against the hand-written envelope
//!   written into a new buffer (sized as `serde_json::to_vec` sizes it) put
//!   in an `http::Response` with the same status and `content-type`.
//!
//! Both sides are checked to produce the same bytes (and the same status and
//! headers) before anything is timed. The harness is the one of
//! `decode.rs` with shorter batches: after a warm-up, alternating batches of
//! about 1 ms each, 101 of each, and the median time per call of each, with
//! their ratio.

use std::borrow::Cow;
use std::hint::black_box;
use std::time::Duration;

use errbook::format::{Detail, Google, Matrix, Nested, Problem};
use errbook::http::{self, HeaderValue, StatusCode, header};
use errbook::{ApiError, Format};
use serde::Serialize;

#[path = "harness/mod.rs"]
mod harness;

use harness::{Batches, medians_per_call};

/// Batches of 1 ms, more of them: a short batch is less often cut by the scheduler on a machine shared with other work, and the median skips the ones that are.
const BATCHES: Batches = Batches {
    rounds: 101,
    batch: Duration::from_millis(1),
};

/// The derived errors.
#[derive(Debug, ApiError)]
enum ChatError {
    /// A static message.
    #[api(
        code = "FORBIDDEN",
        status = 403,
        message = "You do not have permission."
    )]
    Forbidden,
    /// A message with a field interpolated; the field is not exposed.
    #[api(
        code = "USER_NOT_FOUND",
        status = 404,
        message = "User {id} not found."
    )]
    UserNotFound { id: u64 },
    /// A static message and two exposed fields.
    #[api(
        code = "VERSION_CONFLICT",
        status = 409,
        message = "The resource changed; retry the request."
    )]
    VersionConflict {
        #[api(field)]
        resource: String,
        #[api(field)]
        version: u64,
    },
}

/// The same errors and bodies, hand-written: one `match` gives the code,
/// status, message and exposed fields; each format is a
/// `#[derive(Serialize)]` struct built from them.
mod hand {
    use super::{Cow, Serialize, StatusCode};

    pub(crate) enum ChatError {
        Forbidden,
        UserNotFound { id: u64 },
        VersionConflict { resource: String, version: u64 },
    }

    /// What every format is made of.
    pub(crate) struct Parts<'a> {
        pub(crate) code: &'static str,
        pub(crate) status: StatusCode,
        pub(crate) message: Cow<'a, str>,
        pub(crate) resource: Option<&'a str>,
        pub(crate) version: Option<u64>,
    }

    impl ChatError {
        pub(crate) fn parts(&self) -> Parts<'_> {
            match self {
                ChatError::Forbidden => Parts {
                    code: "FORBIDDEN",
                    status: StatusCode::FORBIDDEN,
                    message: Cow::Borrowed("You do not have permission."),
                    resource: None,
                    version: None,
                },
                ChatError::UserNotFound { id } => Parts {
                    code: "USER_NOT_FOUND",
                    status: StatusCode::NOT_FOUND,
                    message: Cow::Owned(format!("User {id} not found.")),
                    resource: None,
                    version: None,
                },
                ChatError::VersionConflict { resource, version } => Parts {
                    code: "VERSION_CONFLICT",
                    status: StatusCode::CONFLICT,
                    message: Cow::Borrowed("The resource changed; retry the request."),
                    resource: Some(resource),
                    version: Some(*version),
                },
            }
        }
    }

    /// `{"error":{"code":…,"message":…,…fields}}`
    #[derive(Serialize)]
    pub(crate) struct Nested<'a> {
        error: NestedInner<'a>,
    }

    #[derive(Serialize)]
    struct NestedInner<'a> {
        code: &'static str,
        message: Cow<'a, str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        resource: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        version: Option<u64>,
    }

    impl<'a> Nested<'a> {
        pub(crate) fn new(parts: Parts<'a>) -> Self {
            Nested {
                error: NestedInner {
                    code: parts.code,
                    message: parts.message,
                    resource: parts.resource,
                    version: parts.version,
                },
            }
        }
    }

    /// RFC 9457: `{"type":"about:blank","title":…,"status":…,"detail":…,"code":…,…fields}`
    #[derive(Serialize)]
    pub(crate) struct Problem<'a> {
        r#type: &'static str,
        title: &'static str,
        status: u16,
        detail: Cow<'a, str>,
        code: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        resource: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        version: Option<u64>,
    }

    impl<'a> Problem<'a> {
        pub(crate) fn new(parts: Parts<'a>) -> Self {
            Problem {
                r#type: "about:blank",
                title: parts.status.canonical_reason().unwrap_or(""),
                status: parts.status.as_u16(),
                detail: parts.message,
                code: parts.code,
                resource: parts.resource,
                version: parts.version,
            }
        }
    }

    /// Matrix: `{"errcode":…,"error":…,…fields}`
    #[derive(Serialize)]
    pub(crate) struct Matrix<'a> {
        errcode: &'static str,
        error: Cow<'a, str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        resource: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        version: Option<u64>,
    }

    impl<'a> Matrix<'a> {
        pub(crate) fn new(parts: Parts<'a>) -> Self {
            Matrix {
                errcode: parts.code,
                error: parts.message,
                resource: parts.resource,
                version: parts.version,
            }
        }
    }

    /// FastAPI: `{"detail":…}`
    #[derive(Serialize)]
    pub(crate) struct Detail<'a> {
        detail: Cow<'a, str>,
    }

    impl<'a> Detail<'a> {
        pub(crate) fn new(parts: Parts<'a>) -> Self {
            Detail {
                detail: parts.message,
            }
        }
    }

    /// AIP-193: `{"error":{"code":<status>,"message":…,"status":<gRPC
    /// name>,"details":[{"@type":…ErrorInfo,"reason":<code>,"metadata":{…}}]}}`,
    /// metadata values as strings.
    #[derive(Serialize)]
    pub(crate) struct Google<'a> {
        error: GoogleStatus<'a>,
    }

    #[derive(Serialize)]
    struct GoogleStatus<'a> {
        code: u16,
        message: Cow<'a, str>,
        status: &'static str,
        details: [ErrorInfo<'a>; 1],
    }

    #[derive(Serialize)]
    struct ErrorInfo<'a> {
        #[serde(rename = "@type")]
        r#type: &'static str,
        reason: &'static str,
        metadata: Metadata<'a>,
    }

    #[derive(Serialize)]
    struct Metadata<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        resource: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        version: Option<String>,
    }

    impl<'a> Google<'a> {
        pub(crate) fn new(parts: Parts<'a>) -> Self {
            let status = match parts.status.as_u16() {
                403 => "PERMISSION_DENIED",
                404 => "NOT_FOUND",
                409 => "ABORTED",
                _ => "UNKNOWN",
            };
            Google {
                error: GoogleStatus {
                    code: parts.status.as_u16(),
                    message: parts.message,
                    status,
                    details: [ErrorInfo {
                        r#type: "type.googleapis.com/google.rpc.ErrorInfo",
                        reason: parts.code,
                        metadata: Metadata {
                            resource: parts.resource,
                            version: parts.version.map(|version| version.to_string()),
                        },
                    }],
                },
            }
        }
    }
}

fn row(what: &str, [ours, theirs]: [Duration; 2]) {
    println!(
        "{what:<40} {:>9.0} ns {:>9.0} ns {:>6.2}×",
        ours.as_secs_f64() * 1e9,
        theirs.as_secs_f64() * 1e9,
        ours.as_secs_f64() / theirs.as_secs_f64()
    );
}

/// Compares the body and the response of each error in `format`; `hand`
/// writes the hand-written body of an error into a buffer.
fn compare<F: Format + Copy>(
    name: &str,
    format: F,
    errors: &[(&str, ChatError, hand::ChatError)],
    derived_response: impl Fn(&ChatError) -> http::Response<Vec<u8>>,
    hand: impl Fn(hand::Parts<'_>, &mut Vec<u8>),
) {
    // The hand-written response: `serde_json::to_vec` (a buffer of 128
    // bytes to start with, as `to_vec` does), the status and `content-type`.
    let respond = |err: &hand::ChatError| {
        let parts = err.parts();
        let status = parts.status;
        let mut body = Vec::with_capacity(128);
        hand(parts, &mut body);
        let mut response = http::Response::new(body);
        *response.status_mut() = status;
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(F::CONTENT_TYPE),
        );
        response
    };
    for (case, derived, written) in errors {
        let mut expected = Vec::new();
        hand(written.parts(), &mut expected);
        let body = serde_json::to_vec(&derived.envelope_as(format)).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&body),
            String::from_utf8_lossy(&expected),
            "{name}, {case}"
        );
        let (ours, theirs) = (derived_response(derived), respond(written));
        assert_eq!(ours.status(), theirs.status(), "{name}, {case}");
        assert_eq!(ours.headers(), theirs.headers(), "{name}, {case}");
        assert_eq!(ours.body(), theirs.body(), "{name}, {case}");

        let (mut buf, mut hand_buf) = (Vec::new(), Vec::new());
        row(
            &format!("{name} body, {case}"),
            medians_per_call(
                BATCHES,
                &mut [
                    &mut || {
                        buf.clear();
                        serde_json::to_writer(&mut buf, &black_box(derived).envelope_as(format))
                            .unwrap();
                        black_box(&buf);
                    },
                    &mut || {
                        hand_buf.clear();
                        hand(black_box(written).parts(), &mut hand_buf);
                        black_box(&hand_buf);
                    },
                ],
            ),
        );
        row(
            &format!("{name} response, {case}"),
            medians_per_call(
                BATCHES,
                &mut [
                    &mut || {
                        black_box(derived_response(black_box(derived)));
                    },
                    &mut || {
                        black_box(respond(black_box(written)));
                    },
                ],
            ),
        );
    }
}

fn main() {
    let errors = [
        (
            "static message",
            ChatError::Forbidden,
            hand::ChatError::Forbidden,
        ),
        (
            "templated message",
            ChatError::UserNotFound { id: 7 },
            hand::ChatError::UserNotFound { id: 7 },
        ),
        (
            "exposed fields",
            ChatError::VersionConflict {
                resource: "channel/general".into(),
                version: 42,
            },
            hand::ChatError::VersionConflict {
                resource: "channel/general".into(),
                version: 42,
            },
        ),
    ];
    println!(
        "{:<40} {:>12} {:>12} {:>7}",
        "format, what, error", "errbook", "hand serde", "ratio"
    );
    compare(
        "nested",
        Nested,
        &errors,
        ChatError::to_response,
        |parts, buf| {
            serde_json::to_writer(buf, &hand::Nested::new(parts)).unwrap();
        },
    );
    compare(
        "problem",
        Problem,
        &errors,
        |err| err.to_response_as(Problem),
        |parts, buf| {
            serde_json::to_writer(buf, &hand::Problem::new(parts)).unwrap();
        },
    );
    compare(
        "matrix",
        Matrix,
        &errors,
        |err| err.to_response_as(Matrix),
        |parts, buf| {
            serde_json::to_writer(buf, &hand::Matrix::new(parts)).unwrap();
        },
    );
    compare(
        "detail",
        Detail,
        &errors,
        |err| err.to_response_as(Detail),
        |parts, buf| {
            serde_json::to_writer(buf, &hand::Detail::new(parts)).unwrap();
        },
    );
    compare(
        "google",
        Google,
        &errors,
        |err| err.to_response_as(Google),
        |parts, buf| {
            serde_json::to_writer(buf, &hand::Google::new(parts)).unwrap();
        },
    );
}
