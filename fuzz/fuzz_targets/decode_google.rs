//! Arbitrary responses read into a Google-style API's error enum (AIP-193:
//! `ErrorInfo.reason`, metadata strings, `BadRequest` field violations);
//! see `errbook_fuzz::decode` for what is checked.

#![no_main]

use errbook::http::StatusCode;
use errbook::{Unknown, Violations};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Clone, PartialEq, errbook::ApiError)]
#[api(parse, format = google, domain = "library.example.com")]
enum LibraryError {
    #[api(status = 404, message = "Book {book} not found.")]
    BookNotFound {
        #[api(field)]
        book: String,
        #[api(field)]
        shelf: u32,
    },
    #[api(status = 429, message = "Quota exceeded.")]
    RateLimitExceeded {
        #[api(field, retry_after = "ms")]
        retry_after_ms: u64,
        #[api(field)]
        quota_limit: Option<String>,
        #[api(field)]
        consumer: Option<i64>,
    },
    #[api(status = 400, message = "The request is not valid.")]
    InvalidArgument {
        #[api(violations)]
        violations: Violations,
    },
    #[api(status = 403, message = "Permission denied.")]
    PermissionDenied {
        #[api(field)]
        permissions: Vec<String>,
        #[api(field, default)]
        public: bool,
    },
    #[api(message = "Unrecognized.")]
    Unrecognized {
        #[api(status)]
        status: StatusCode,
    },
    #[api(status = 503, message = "Try again later.")]
    Unavailable {
        #[api(field, retry_after = "s")]
        retry_after: Option<f64>,
    },
    #[api(status = 409, message = "{0}")]
    Aborted(String),
    #[api(other)]
    Other(Unknown),
}

fuzz_target!(|data: &[u8]| {
    errbook_fuzz::decode::<LibraryError>(data, |value| match value {
        LibraryError::Unrecognized { status } => LibraryError::Unrecognized {
            status: errbook_fuzz::sent(status),
        },
        value => value,
    });
});
