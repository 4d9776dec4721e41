//! Arbitrary responses read into a chat API's error enum in the nested
//! format (`{"error":{"code":…,"message":…,…}}`); see `errbook_fuzz::decode`
//! for what is checked.

#![no_main]

use errbook::http::StatusCode;
use errbook::{Unknown, Violations};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Clone, PartialEq, errbook::ApiError)]
#[api(parse, format = nested, prefix = "chat:", rename_all = "snake_case")]
enum ChatError {
    /// No user has this id.
    #[api(status = 404, message = "User {id} not found.", alias = "NO_SUCH_USER")]
    UserNotFound {
        #[api(field)]
        id: u64,
        #[api(field)]
        name: String,
    },
    #[api(status = 403, message = "Missing {permission}.")]
    Forbidden {
        #[api(field)]
        permission: String,
        #[api(field)]
        scopes: Vec<String>,
    },
    #[api(status = 422, message = "Optional.")]
    Optional {
        #[api(field)]
        note: Option<String>,
        #[api(field, none = "omit")]
        hint: Option<i64>,
        #[api(field)]
        ratio: f64,
    },
    #[api(code = "RATE_LIMITED", status = 429, message = "Slow down.")]
    RateLimited {
        #[api(field, retry_after = "ms")]
        retry_after_ms: u64,
    },
    #[api(status = 503, message = "Try again later.")]
    Unavailable {
        #[api(field, retry_after = "s")]
        retry_after: Option<f64>,
    },
    #[api(message = "Unrecognized request.")]
    Unrecognized {
        #[api(status)]
        status: StatusCode,
    },
    #[api(status = 409, message = "{reason}")]
    Conflict { reason: String },
    #[api(status = 401, message = "Invalid token.")]
    InvalidToken {
        #[api(field, default)]
        soft_logout: bool,
    },
    #[api(status = 422, message = "The request is not valid.")]
    Invalid {
        #[api(violations)]
        violations: Violations,
    },
    #[api(code = 41000, status = 410)]
    Gone,
    #[api(other)]
    Other(Unknown),
}

fuzz_target!(|data: &[u8]| {
    errbook_fuzz::decode::<ChatError>(data, |value| match value {
        ChatError::Unrecognized { status } => ChatError::Unrecognized {
            status: errbook_fuzz::sent(status),
        },
        value => value,
    });
});
