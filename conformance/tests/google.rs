//! Google's AIP-193 errors against `google-cloud-gax`, in both directions.
//!
//! errbook → gax: errbook's `google` bodies are read the way gax's HTTP
//! clients read an error (`Status::try_from(&Bytes)`): the canonical code
//! from `status`, the message, and the details (`ErrorInfo` with reason,
//! domain and string metadata, `RequestInfo`, `DebugInfo`).
//!
//! gax → errbook: `Status` values built with gax and its `google.rpc`
//! detail messages, serialized as a Google service sends them over HTTP
//! (`{"error": {"code": <HTTP status>, "message", "status", "details"}}`),
//! decode into the typed variants by `ErrorInfo.reason` (or the status name
//! when there is no `ErrorInfo`); other reasons land in `other` and render
//! back as received.
//!
//! Violations, both ways: errbook's `google.rpc.BadRequest` is read by gax
//! with the same field violations, in order; a gax `BadRequest` decodes
//! into the variant carrying a list, with each field path as a pointer, and
//! renders back to the status gax sent.

use std::fmt;

use bytes::Bytes;
use errbook::http::{HeaderValue, Response, StatusCode, header};
use errbook::request::RequestContext;
use errbook::violations::Pointer;
use errbook::{ApiError, Unknown, Violations};
use google_cloud_gax::error::rpc::{Code, Status, StatusDetails};
use google_cloud_rpc::model::{
    BadRequest, DebugInfo, ErrorInfo, Help, RequestInfo, RetryInfo, bad_request, help,
};
use serde_json::{Value, json};

#[derive(Debug, PartialEq, ApiError)]
#[api(parse, format = google, domain = "storage.example.com")]
enum StorageError {
    #[api(
        code = "BUCKET_NOT_FOUND",
        status = 404,
        message = "Bucket {bucket} not found."
    )]
    BucketNotFound {
        #[api(field)]
        bucket: String,
    },

    #[api(
        code = "RATE_LIMIT_EXCEEDED",
        status = 429,
        message = "Quota exceeded for {quota_metric}."
    )]
    RateLimited {
        #[api(field)]
        quota_metric: String,
        #[api(field)]
        quota_limit_value: u64,
        #[api(field, default)]
        dry_run: bool,
        #[api(field)]
        region: Option<String>,
    },

    /// A body without an `ErrorInfo` is named by its status.
    #[api(code = "UNAVAILABLE", status = 503, message = "{0}")]
    Unavailable(String),

    /// Any status, chosen at run time.
    #[api(code = "ANY", message = "Something failed.")]
    Any {
        #[api(status)]
        status: StatusCode,
    },

    #[api(other)]
    Other(Unknown),
}

/// The HTTP status of each canonical code: the "HTTP Mapping" lines of
/// `google/rpc/code.proto`.
fn http_status(code: Code) -> u16 {
    match code {
        Code::Ok => 200,
        Code::Cancelled => 499,
        Code::InvalidArgument | Code::FailedPrecondition | Code::OutOfRange => 400,
        Code::DeadlineExceeded => 504,
        Code::NotFound => 404,
        Code::AlreadyExists | Code::Aborted => 409,
        Code::PermissionDenied => 403,
        Code::ResourceExhausted => 429,
        Code::Unimplemented => 501,
        Code::Unavailable => 503,
        Code::Unauthenticated => 401,
        _ => 500,
    }
}

/// What a gax client makes of an error response's body.
fn gax_reads(response: &Response<Vec<u8>>) -> Status {
    Status::try_from(&Bytes::copy_from_slice(response.body())).expect("gax reads the body")
}

/// `status` as a Google service sends it over HTTP/JSON.
fn google_sends(status: &Status) -> Response<Vec<u8>> {
    let http = http_status(status.code);
    let body = json!({
        "error": {
            "code": http,
            "message": status.message,
            "status": status.code.name(),
            "details": status.details,
        }
    });
    let mut response = Response::new(serde_json::to_vec(&body).unwrap());
    *response.status_mut() = StatusCode::from_u16(http).unwrap();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=UTF-8"),
    );
    response
}

fn error_info(reason: &str, domain: &str, metadata: &[(&str, &str)]) -> StatusDetails {
    StatusDetails::ErrorInfo(
        ErrorInfo::new()
            .set_reason(reason)
            .set_domain(domain)
            .set_metadata(metadata.iter().copied()),
    )
}

// errbook → gax

#[test]
fn gax_reads_the_code_message_and_error_info() {
    let error = StorageError::BucketNotFound {
        bucket: "photos".into(),
    };
    let response = error.to_response();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let status = gax_reads(&response);
    assert_eq!(status.code, Code::NotFound);
    assert_eq!(status.message, "Bucket photos not found.");
    assert_eq!(
        status.details,
        [error_info(
            "BUCKET_NOT_FOUND",
            "storage.example.com",
            &[("bucket", "photos")]
        )]
    );
    // gax goes by `status`; AIP-193's `code` is the HTTP status.
    let body: Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body["error"]["code"], 404);
}

#[test]
fn gax_reads_every_metadata_value_as_a_string() {
    // `google.rpc.ErrorInfo.metadata` is a map of strings: numbers and
    // booleans go as their text, an absent value is left out.
    let error = StorageError::RateLimited {
        quota_metric: "storage.example.com/uploads".into(),
        quota_limit_value: 100,
        dry_run: false,
        region: None,
    };
    let status = gax_reads(&error.to_response());
    assert_eq!(status.code, Code::ResourceExhausted);
    assert_eq!(
        status.message,
        "Quota exceeded for storage.example.com/uploads."
    );
    assert_eq!(
        status.details,
        [error_info(
            "RATE_LIMIT_EXCEEDED",
            "storage.example.com",
            &[
                ("quota_metric", "storage.example.com/uploads"),
                ("quota_limit_value", "100"),
                ("dry_run", "false"),
            ]
        )]
    );
}

#[test]
fn the_status_name_is_a_canonical_code_for_every_error_status() {
    // Where `code.proto` maps a code to the status, gax reads a code that
    // maps back to it; every other 4xx and 5xx is a code gax knows (an
    // unknown name would read as `UNKNOWN`).
    let mapped = [400, 401, 403, 404, 409, 429, 499, 500, 501, 503, 504];
    for status in 400..=599 {
        let status = StatusCode::from_u16(status).unwrap();
        let response = StorageError::Any { status }.to_response();
        let code = gax_reads(&response).code;
        assert_ne!(code, Code::Unknown, "{status}");
        assert_ne!(code, Code::Ok, "{status}");
        if mapped.contains(&status.as_u16()) {
            assert_eq!(http_status(code), status.as_u16(), "{status}: {code}");
        }
    }
}

#[test]
fn gax_reads_the_request_id_as_request_info() {
    let error = StorageError::BucketNotFound {
        bucket: "photos".into(),
    };
    let response = RequestContext::new()
        .with_id("req-7f3a")
        .run(|| error.to_response());
    let status = gax_reads(&response);
    assert_eq!(
        status.details[1],
        StatusDetails::RequestInfo(RequestInfo::new().set_request_id("req-7f3a"))
    );
}

#[derive(Debug)]
struct PoolTimeout;

impl fmt::Display for PoolTimeout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("pool timed out")
    }
}

impl std::error::Error for PoolTimeout {}

#[derive(Debug, ApiError)]
#[api(format = google)]
enum DatabaseError {
    #[api(code = "DATABASE", status = 500, message = "Internal error.")]
    Pool(#[api(source)] PoolTimeout),
}

#[test]
fn development_details_are_a_debug_info_as_gax_writes_one() {
    let response = RequestContext::new()
        .with_development(true)
        .run(|| DatabaseError::Pool(PoolTimeout).to_response());
    let status = gax_reads(&response);
    assert_eq!(status.code, Code::Internal);
    let debug = status
        .details
        .iter()
        .find_map(|detail| match detail {
            StatusDetails::DebugInfo(debug) => Some(debug),
            _ => None,
        })
        .expect("a DebugInfo");
    assert_eq!(debug.stack_entries, ["pool timed out"]);
    assert_eq!(debug.detail, "Pool(PoolTimeout)");
    // Member names as protobuf's JSON mapping prints them (lowerCamelCase),
    // as gax does: the entry errbook wrote is the one gax writes.
    let body: Value = serde_json::from_slice(response.body()).unwrap();
    let written = body["error"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .find(|detail| detail["@type"] == "type.googleapis.com/google.rpc.DebugInfo")
        .unwrap();
    let gax = serde_json::to_value(StatusDetails::DebugInfo(debug.clone())).unwrap();
    assert_eq!(written, &gax);
}

// gax → errbook

#[test]
fn gax_statuses_decode_into_the_typed_variants() {
    // The `ErrorInfo` names the variant wherever it is among the details,
    // and its string metadata is read into the fields' types.
    let status = Status::default()
        .set_code(Code::ResourceExhausted)
        .set_message("Quota exceeded for storage.example.com/uploads.")
        .set_details([
            StatusDetails::RetryInfo(
                RetryInfo::new().set_retry_delay(google_cloud_wkt::Duration::clamp(30, 0)),
            ),
            error_info(
                "RATE_LIMIT_EXCEEDED",
                "storage.example.com",
                &[
                    ("quota_metric", "storage.example.com/uploads"),
                    ("quota_limit_value", "100"),
                    ("dry_run", "true"),
                    ("region", "europe-west1"),
                ],
            ),
            StatusDetails::Help(
                Help::new().set_links([help::Link::new()
                    .set_description("Quotas")
                    .set_url("https://example.com/quotas")]),
            ),
        ]);
    let response = google_sends(&status);
    assert_eq!(
        StorageError::from_response(&response).unwrap(),
        StorageError::RateLimited {
            quota_metric: "storage.example.com/uploads".into(),
            quota_limit_value: 100,
            dry_run: true,
            region: Some("europe-west1".into()),
        }
    );

    // Members left out: their defaults.
    let status = Status::default()
        .set_code(Code::ResourceExhausted)
        .set_message("Quota exceeded.")
        .set_details([error_info(
            "RATE_LIMIT_EXCEEDED",
            "storage.example.com",
            &[("quota_metric", "m"), ("quota_limit_value", "5")],
        )]);
    assert_eq!(
        StorageError::from_response(&google_sends(&status)).unwrap(),
        StorageError::RateLimited {
            quota_metric: "m".into(),
            quota_limit_value: 5,
            dry_run: false,
            region: None,
        }
    );

    let status = Status::default()
        .set_code(Code::NotFound)
        .set_message("Bucket photos not found.")
        .set_details([error_info(
            "BUCKET_NOT_FOUND",
            "storage.example.com",
            &[("bucket", "photos")],
        )]);
    assert_eq!(
        StorageError::from_response(&google_sends(&status)).unwrap(),
        StorageError::BucketNotFound {
            bucket: "photos".into()
        }
    );
}

#[test]
fn a_gax_status_without_error_info_is_named_by_its_status() {
    let status = Status::default()
        .set_code(Code::Unavailable)
        .set_message("The service is currently unavailable.")
        .set_details([StatusDetails::RetryInfo(
            RetryInfo::new().set_retry_delay(google_cloud_wkt::Duration::clamp(5, 0)),
        )]);
    let response = google_sends(&status);
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        StorageError::from_response(&response).unwrap(),
        StorageError::Unavailable("The service is currently unavailable.".into())
    );
}

#[test]
fn gax_statuses_of_unknown_reasons_land_in_other_and_render_back() {
    let statuses = [
        Status::default()
            .set_code(Code::PermissionDenied)
            .set_message("Permission 'storage.buckets.get' denied.")
            .set_details([error_info(
                "IAM_PERMISSION_DENIED",
                "iam.googleapis.com",
                &[("permission", "storage.buckets.get")],
            )]),
        Status::default()
            .set_code(Code::InvalidArgument)
            .set_message("Invalid bucket name.")
            .set_details([StatusDetails::BadRequest(
                BadRequest::new().set_field_violations([bad_request::FieldViolation::new()
                    .set_field("bucket.name")
                    .set_description("must be 3-63 characters")]),
            )]),
        Status::default()
            .set_code(Code::Unauthenticated)
            .set_message("Request had invalid authentication credentials."),
    ];
    for status in statuses {
        let response = google_sends(&status);
        let decoded = StorageError::from_response(&response).unwrap();
        let StorageError::Other(unknown) = &decoded else {
            panic!("not other: {decoded:?}");
        };
        assert_eq!(unknown.status(), response.status());
        assert_eq!(unknown.raw_message(), Some(status.message.as_str()));
        let reason = status.details.iter().find_map(|detail| match detail {
            StatusDetails::ErrorInfo(info) => Some(info.reason.as_str()),
            _ => None,
        });
        assert_eq!(unknown.code(), reason.unwrap_or(status.code.name()));
        if let Some(StatusDetails::ErrorInfo(info)) = status.details.first() {
            for (name, value) in &info.metadata {
                assert_eq!(unknown.members()[name], value.as_str());
            }
        }
        // Rendered back: the same body, which gax reads as the same status.
        let rendered = decoded.to_response();
        assert_eq!(rendered.status(), response.status());
        assert_eq!(rendered.body(), response.body());
        assert_eq!(gax_reads(&rendered), status);
    }
}

#[test]
fn debug_info_from_gax_is_kept_with_an_unknown_error() {
    let status = Status::default()
        .set_code(Code::Internal)
        .set_message("Internal error.")
        .set_details([StatusDetails::DebugInfo(
            DebugInfo::new()
                .set_stack_entries(["frame 1", "frame 2"])
                .set_detail("pool timed out"),
        )]);
    let response = google_sends(&status);
    let decoded = StorageError::from_response(&response).unwrap();
    assert_eq!(decoded.code(), "INTERNAL");
    assert_eq!(gax_reads(&decoded.to_response()), status);
}

// Violations

/// A variant carrying violations, as Google's APIs answer an invalid
/// request: `INVALID_ARGUMENT` with a `BadRequest`.
#[derive(Debug, PartialEq, ApiError)]
#[api(parse, format = google, domain = "library.example.com")]
enum LibraryError {
    #[api(code = "INVALID_BOOK", status = 400, message = "The book is invalid.")]
    InvalidBook {
        #[api(violations)]
        violations: Violations,
    },

    #[api(other)]
    Other(Unknown),
}

fn field_violation(field: &str, description: &str, reason: &str) -> bad_request::FieldViolation {
    bad_request::FieldViolation::new()
        .set_field(field)
        .set_description(description)
        .set_reason(reason)
}

#[test]
fn gax_reads_the_field_violations_in_order() {
    let error = LibraryError::InvalidBook {
        violations: Violations::new()
            .body(
                Pointer::root().field("items").index(0).field("title"),
                "missing",
                "Field required",
            )
            .body(
                Pointer::root().field("book").field("display-name"),
                "empty",
                "must not be empty",
            )
            .body(
                Pointer::root()
                    .field("authors")
                    .index(2)
                    .field("first name"),
                "too_long",
                "at most 40 characters",
            )
            .body(Pointer::root().field("título"), "missing", "Field required")
            .body(Pointer::root().field("a`b"), "odd", "a backtick, doubled")
            .query("page", "int_parsing", "must be an integer")
            .header("x-token", "missing", "Field required"),
    };
    let response = error.to_response();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let status = gax_reads(&response);
    assert_eq!(status.code, Code::InvalidArgument);
    assert_eq!(status.message, "The book is invalid.");
    // AIP-193's field paths: dotted names, `[i]` indices, a name that is
    // no identifier in backticks (AIP-161); a parameter is its name.
    let expected = BadRequest::new().set_field_violations([
        field_violation("items[0].title", "Field required", "missing"),
        field_violation("book.`display-name`", "must not be empty", "empty"),
        field_violation(
            "authors[2].`first name`",
            "at most 40 characters",
            "too_long",
        ),
        field_violation("`título`", "Field required", "missing"),
        field_violation("`a``b`", "a backtick, doubled", "odd"),
        field_violation("page", "must be an integer", "int_parsing"),
        field_violation("`x-token`", "Field required", "missing"),
    ]);
    assert_eq!(
        status.details,
        [
            error_info("INVALID_BOOK", "library.example.com", &[]),
            StatusDetails::BadRequest(expected.clone()),
        ]
    );
    // The detail errbook wrote is the one gax writes.
    let body: Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(
        body["error"]["details"][1],
        serde_json::to_value(StatusDetails::BadRequest(expected)).unwrap()
    );
}

#[test]
fn a_gax_bad_request_decodes_into_the_variant_and_renders_back() {
    let status = Status::default()
        .set_code(Code::InvalidArgument)
        .set_message("The book is invalid.")
        .set_details([
            error_info("INVALID_BOOK", "library.example.com", &[]),
            StatusDetails::BadRequest(
                BadRequest::new().set_field_violations([
                    field_violation("items[0].title", "Field required", "missing"),
                    field_violation("book.`display-name`", "must not be empty", "empty"),
                    field_violation(
                        "authors[12].`first name`",
                        "at most 40 characters",
                        "too_long",
                    ),
                    field_violation("labels.`a``b`", "a backtick, doubled", "odd"),
                    field_violation("shelves[0][1]", "out of range", "range"),
                    field_violation("", "The request is empty.", "empty"),
                    // `reason` is recent; a server that leaves it out.
                    bad_request::FieldViolation::new()
                        .set_field("isbn")
                        .set_description("not an ISBN-13"),
                ]),
            ),
        ]);
    let response = google_sends(&status);
    let decoded = LibraryError::from_response(&response).unwrap();
    assert_eq!(
        decoded,
        LibraryError::InvalidBook {
            violations: Violations::new()
                .body(
                    Pointer::root().field("items").index(0).field("title"),
                    "missing",
                    "Field required",
                )
                .body(
                    Pointer::root().field("book").field("display-name"),
                    "empty",
                    "must not be empty",
                )
                .body(
                    Pointer::parse("/authors/12/first name").unwrap(),
                    "too_long",
                    "at most 40 characters",
                )
                .body(
                    Pointer::parse("/labels/a`b").unwrap(),
                    "odd",
                    "a backtick, doubled"
                )
                .body(
                    Pointer::parse("/shelves/0/1").unwrap(),
                    "range",
                    "out of range"
                )
                .body(Pointer::root(), "empty", "The request is empty.")
                .body(Pointer::root().field("isbn"), "", "not an ISBN-13"),
        }
    );
    // Rendered back, gax reads the status it sent.
    let rendered = decoded.to_response();
    assert_eq!(rendered.status(), response.status());
    assert_eq!(gax_reads(&rendered), status);
}
