//! `cargo bench -p errbook-tests --bench render_fast`: each built-in
//! format's body written by `Format::write_json` (the direct writer) and by
//! the serde path (`serde_json::to_writer` of the envelope, what every
//! format did before), against a hand-written `#[derive(Serialize)]`
//! envelope that makes the same bytes (its templated message built with
//! `format!`); and `to_response` against the old one (`serde_json::to_vec`
//! of the envelope, then the same headers) and a hand-written
//! `http::Response` build.
//!
//! The harness is `decode`'s: after a warm-up, the contenders run in
//! alternating batches of about 10 ms each, 31 of each, and the median
//! time per call of each is printed, with the ratios to hand-written.
//! Bodies go into a reused buffer each (cleared, never shrunk), so that the
//! body benchmarks time rendering, not the allocator.

use std::hint::black_box;
use std::time::Duration;

use errbook::format::{Detail, Google, Matrix, Nested, Problem};
use errbook::http::{self, HeaderValue, StatusCode, header::CONTENT_TYPE};
use errbook::{ApiError, Context, Format};
use serde::Serialize;

#[path = "harness/mod.rs"]
mod harness;

use harness::{Batches, medians_per_call};

/// Batches of 10 ms.
const BATCHES: Batches = Batches {
    rounds: 31,
    batch: Duration::from_millis(10),
};

#[derive(Debug, ApiError)]
enum ChatError {
    #[api(
        code = "UNAUTHORIZED",
        status = 401,
        message = "Invalid username or password."
    )]
    Unauthorized,
    #[api(
        code = "FORBIDDEN",
        status = 403,
        message = "You do not have permission to perform this action."
    )]
    Forbidden {
        #[api(field)]
        missing_permission: &'static str,
    },
    #[api(
        code = "USER_NOT_FOUND",
        status = 404,
        message = "User {id} not found in {space}."
    )]
    UserNotFound {
        #[api(field)]
        id: u64,
        space: &'static str,
    },
}

/// Hand-written envelopes, one struct per shape, as an API without errbook
/// writes them.
mod hand {
    use super::Serialize;

    #[derive(Serialize)]
    pub(crate) struct Nested<I> {
        pub(crate) error: I,
    }
    #[derive(Serialize)]
    pub(crate) struct NestedBare<'a> {
        pub(crate) code: &'a str,
        pub(crate) message: &'a str,
    }
    #[derive(Serialize)]
    pub(crate) struct NestedForbidden<'a> {
        pub(crate) code: &'a str,
        pub(crate) message: &'a str,
        pub(crate) missing_permission: &'a str,
    }
    #[derive(Serialize)]
    pub(crate) struct NestedNotFound<'a> {
        pub(crate) code: &'a str,
        pub(crate) message: String,
        pub(crate) id: u64,
    }

    #[derive(Serialize)]
    pub(crate) struct ProblemBare<'a, M> {
        #[serde(rename = "type")]
        pub(crate) kind: &'a str,
        pub(crate) title: &'a str,
        pub(crate) status: u16,
        pub(crate) detail: M,
        pub(crate) code: &'a str,
    }
    #[derive(Serialize)]
    pub(crate) struct ProblemForbidden<'a> {
        #[serde(rename = "type")]
        pub(crate) kind: &'a str,
        pub(crate) title: &'a str,
        pub(crate) status: u16,
        pub(crate) detail: &'a str,
        pub(crate) code: &'a str,
        pub(crate) missing_permission: &'a str,
    }
    #[derive(Serialize)]
    pub(crate) struct ProblemNotFound<'a> {
        #[serde(rename = "type")]
        pub(crate) kind: &'a str,
        pub(crate) title: &'a str,
        pub(crate) status: u16,
        pub(crate) detail: String,
        pub(crate) code: &'a str,
        pub(crate) id: u64,
    }

    #[derive(Serialize)]
    pub(crate) struct MatrixBare<'a> {
        pub(crate) errcode: &'a str,
        pub(crate) error: &'a str,
    }
    #[derive(Serialize)]
    pub(crate) struct MatrixForbidden<'a> {
        pub(crate) errcode: &'a str,
        pub(crate) error: &'a str,
        pub(crate) missing_permission: &'a str,
    }
    #[derive(Serialize)]
    pub(crate) struct MatrixNotFound<'a> {
        pub(crate) errcode: &'a str,
        pub(crate) error: String,
        pub(crate) id: u64,
    }

    #[derive(Serialize)]
    pub(crate) struct Detail<M> {
        pub(crate) detail: M,
    }

    #[derive(Serialize)]
    pub(crate) struct Google<'a, M, D> {
        pub(crate) code: u16,
        pub(crate) message: M,
        pub(crate) status: &'a str,
        pub(crate) details: [ErrorInfo<'a, D>; 1],
    }
    #[derive(Serialize)]
    pub(crate) struct ErrorInfo<'a, D> {
        #[serde(rename = "@type")]
        pub(crate) kind: &'a str,
        pub(crate) reason: &'a str,
        pub(crate) metadata: D,
    }
    #[derive(Serialize)]
    pub(crate) struct NoMetadata {}
    #[derive(Serialize)]
    pub(crate) struct ForbiddenMetadata<'a> {
        pub(crate) missing_permission: &'a str,
    }
    #[derive(Serialize)]
    pub(crate) struct NotFoundMetadata {
        pub(crate) id: String,
    }
}

const ERROR_INFO: &str = "type.googleapis.com/google.rpc.ErrorInfo";
const FORBIDDEN_MESSAGE: &str = "You do not have permission to perform this action.";
const UNAUTHORIZED_MESSAGE: &str = "Invalid username or password.";

/// The hand-written body of `case` in `format`, into `out`.
fn hand_body(format: &str, case: usize, out: &mut Vec<u8>) {
    let w = &mut *out;
    let (id, space) = (black_box(7_u64), black_box("general"));
    let result = match (format, case) {
        ("nested", 0) => serde_json::to_writer(
            w,
            &hand::Nested {
                error: hand::NestedBare {
                    code: "UNAUTHORIZED",
                    message: UNAUTHORIZED_MESSAGE,
                },
            },
        ),
        ("nested", 1) => serde_json::to_writer(
            w,
            &hand::Nested {
                error: hand::NestedForbidden {
                    code: "FORBIDDEN",
                    message: FORBIDDEN_MESSAGE,
                    missing_permission: black_box("manage_messages"),
                },
            },
        ),
        ("nested", _) => serde_json::to_writer(
            w,
            &hand::Nested {
                error: hand::NestedNotFound {
                    code: "USER_NOT_FOUND",
                    message: format!("User {id} not found in {space}."),
                    id,
                },
            },
        ),
        ("problem", 0) => serde_json::to_writer(
            w,
            &hand::ProblemBare {
                kind: "about:blank",
                title: "Unauthorized",
                status: 401,
                detail: UNAUTHORIZED_MESSAGE,
                code: "UNAUTHORIZED",
            },
        ),
        ("problem", 1) => serde_json::to_writer(
            w,
            &hand::ProblemForbidden {
                kind: "about:blank",
                title: "Forbidden",
                status: 403,
                detail: FORBIDDEN_MESSAGE,
                code: "FORBIDDEN",
                missing_permission: black_box("manage_messages"),
            },
        ),
        ("problem", _) => serde_json::to_writer(
            w,
            &hand::ProblemNotFound {
                kind: "about:blank",
                title: "Not Found",
                status: 404,
                detail: format!("User {id} not found in {space}."),
                code: "USER_NOT_FOUND",
                id,
            },
        ),
        ("matrix", 0) => serde_json::to_writer(
            w,
            &hand::MatrixBare {
                errcode: "UNAUTHORIZED",
                error: UNAUTHORIZED_MESSAGE,
            },
        ),
        ("matrix", 1) => serde_json::to_writer(
            w,
            &hand::MatrixForbidden {
                errcode: "FORBIDDEN",
                error: FORBIDDEN_MESSAGE,
                missing_permission: black_box("manage_messages"),
            },
        ),
        ("matrix", _) => serde_json::to_writer(
            w,
            &hand::MatrixNotFound {
                errcode: "USER_NOT_FOUND",
                error: format!("User {id} not found in {space}."),
                id,
            },
        ),
        ("detail", 0) => serde_json::to_writer(
            w,
            &hand::Detail {
                detail: UNAUTHORIZED_MESSAGE,
            },
        ),
        ("detail", 1) => serde_json::to_writer(
            w,
            &hand::Detail {
                detail: FORBIDDEN_MESSAGE,
            },
        ),
        ("detail", _) => serde_json::to_writer(
            w,
            &hand::Detail {
                detail: format!("User {id} not found in {space}."),
            },
        ),
        ("google", 0) => serde_json::to_writer(
            w,
            &hand::Nested {
                error: hand::Google {
                    code: 401,
                    message: UNAUTHORIZED_MESSAGE,
                    status: "UNAUTHENTICATED",
                    details: [hand::ErrorInfo {
                        kind: ERROR_INFO,
                        reason: "UNAUTHORIZED",
                        metadata: hand::NoMetadata {},
                    }],
                },
            },
        ),
        ("google", 1) => serde_json::to_writer(
            w,
            &hand::Nested {
                error: hand::Google {
                    code: 403,
                    message: FORBIDDEN_MESSAGE,
                    status: "PERMISSION_DENIED",
                    details: [hand::ErrorInfo {
                        kind: ERROR_INFO,
                        reason: "FORBIDDEN",
                        metadata: hand::ForbiddenMetadata {
                            missing_permission: black_box("manage_messages"),
                        },
                    }],
                },
            },
        ),
        (_, _) => serde_json::to_writer(
            w,
            &hand::Nested {
                error: hand::Google {
                    code: 404,
                    message: format!("User {id} not found in {space}."),
                    status: "NOT_FOUND",
                    details: [hand::ErrorInfo {
                        kind: ERROR_INFO,
                        reason: "USER_NOT_FOUND",
                        metadata: hand::NotFoundMetadata { id: id.to_string() },
                    }],
                },
            },
        ),
    };
    result.unwrap();
}

/// A hand-written response: the hand-written body, its status and
/// `content-type`.
fn hand_response(format: &str, case: usize) -> http::Response<Vec<u8>> {
    let mut body = Vec::with_capacity(128);
    hand_body(format, case, &mut body);
    let mut response = http::Response::new(body);
    *response.status_mut() = [
        StatusCode::UNAUTHORIZED,
        StatusCode::FORBIDDEN,
        StatusCode::NOT_FOUND,
    ][case];
    let content_type = if format == "problem" {
        "application/problem+json"
    } else {
        "application/json"
    };
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// What `to_response` did before `write_json`: `serde_json::to_vec` of the
/// envelope, then the status and `content-type` (these errors have no
/// retry delay).
fn serde_response<E: ApiError, F: Format>(error: &E, format: F) -> http::Response<Vec<u8>> {
    let body = serde_json::to_vec(&error.envelope_as(format)).unwrap_or_default();
    let mut response = http::Response::new(body);
    *response.status_mut() = error.status();
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(F::CONTENT_TYPE));
    response
}

fn ns(d: Duration) -> f64 {
    d.as_secs_f64() * 1e9
}

fn bench_format<F: Format + Copy>(format: F, errors: &[ChatError; 3], filter: Option<&str>) {
    let context = Context::production();
    for (case, error) in errors.iter().enumerate() {
        let name = format!(
            "{} {}",
            F::NAME,
            ["static", "static+field", "template+field"][case]
        );
        if filter.is_some_and(|f| !name.contains(f)) {
            continue;
        }
        // The three make the same bytes.
        let mut direct = Vec::new();
        format.write_json(error, &context, &mut direct).unwrap();
        let serde = serde_json::to_vec(&error.envelope_as(format)).unwrap();
        let mut hand = Vec::new();
        hand_body(F::NAME, case, &mut hand);
        assert_eq!(direct, serde, "{name}");
        assert_eq!(direct, hand, "{name}: {}", String::from_utf8_lossy(&hand));
        let response = error.to_response_as(format);
        assert_eq!(response.body(), &hand);
        assert_eq!(
            response.headers(),
            hand_response(F::NAME, case).headers(),
            "{name}"
        );

        let [mut a, mut b, mut c] = [(); 3].map(|()| Vec::with_capacity(1024));
        let [fast, old, theirs] = medians_per_call(
            BATCHES,
            &mut [
                &mut || {
                    a.clear();
                    black_box(format.write_json(black_box(error), &context, &mut a)).unwrap();
                    black_box(&a);
                },
                &mut || {
                    b.clear();
                    serde_json::to_writer(&mut b, &black_box(error).envelope_as(format)).unwrap();
                    black_box(&b);
                },
                &mut || {
                    c.clear();
                    hand_body(F::NAME, case, &mut c);
                    black_box(&c);
                },
            ],
        );
        println!(
            "{:<38} {:>8.0} {:>8.0} {:>8.0} {:>7.2}× {:>7.2}×",
            format!("body {name}"),
            ns(fast),
            ns(old),
            ns(theirs),
            ns(old) / ns(theirs),
            ns(fast) / ns(theirs),
        );
        let [fast, old, theirs] = medians_per_call(
            BATCHES,
            &mut [
                &mut || drop(black_box(black_box(error).to_response_as(format))),
                &mut || drop(black_box(serde_response(black_box(error), format))),
                &mut || drop(black_box(hand_response(F::NAME, case))),
            ],
        );
        println!(
            "{:<38} {:>8.0} {:>8.0} {:>8.0} {:>7.2}× {:>7.2}×",
            format!("to_response {name}"),
            ns(fast),
            ns(old),
            ns(theirs),
            ns(old) / ns(theirs),
            ns(fast) / ns(theirs),
        );
    }
}

fn main() {
    // `cargo bench … -- <filter>` runs the cases whose name contains it.
    let filter = std::env::args().skip(1).find(|arg| !arg.starts_with('-'));
    let filter = filter.as_deref();
    let errors = [
        ChatError::Unauthorized,
        ChatError::Forbidden {
            missing_permission: "manage_messages",
        },
        ChatError::UserNotFound {
            id: 7,
            space: "general",
        },
    ];
    println!(
        "{:<38} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "ns per call", "direct", "serde", "hand", "serde/h", "direct/h"
    );
    bench_format(Nested, &errors, filter);
    bench_format(Problem, &errors, filter);
    bench_format(Matrix, &errors, filter);
    bench_format(Detail, &errors, filter);
    bench_format(Google, &errors, filter);
}
