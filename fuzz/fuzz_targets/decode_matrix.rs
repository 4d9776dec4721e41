//! Arbitrary responses read into a Matrix homeserver's error enum
//! (`{"errcode":"M_…","error":…}`); see `errbook_fuzz::decode` for what is
//! checked.

#![no_main]

use errbook::http::StatusCode;
use errbook::{Unknown, Violations};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Clone, PartialEq, errbook::ApiError)]
#[api(parse, format = matrix, prefix = "M_")]
enum MatrixError {
    #[api(status = 403, message = "Forbidden")]
    Forbidden,
    #[api(status = 401, message = "Invalid token")]
    UnknownToken {
        #[api(field, default)]
        soft_logout: bool,
    },
    #[api(status = 429, message = "Too many requests")]
    LimitExceeded {
        #[api(field, retry_after = "ms")]
        retry_after_ms: Option<u64>,
    },
    #[api(message = "Unrecognized request")]
    Unrecognized {
        #[api(status)]
        status: StatusCode,
    },
    #[api(
        status = 400,
        message = "Your homeserver does not support this room version"
    )]
    IncompatibleRoomVersion {
        #[api(field)]
        room_version: String,
    },
    #[api(status = 403, message = "{message}")]
    ResourceLimitExceeded {
        message: String,
        #[api(field)]
        admin_contact: String,
        #[api(field)]
        limit_type: Option<String>,
    },
    #[api(status = 400, message = "Bad JSON")]
    BadJson {
        #[api(violations)]
        violations: Violations,
    },
    #[api(status = 413, message = "Too large", alias = "M_TOO_BIG")]
    TooLarge {
        #[api(field)]
        max_bytes: u64,
        #[api(field)]
        sizes: Vec<i32>,
    },
    #[api(other)]
    Other(Unknown),
}

fuzz_target!(|data: &[u8]| {
    errbook_fuzz::decode::<MatrixError>(data, |value| match value {
        MatrixError::Unrecognized { status } => MatrixError::Unrecognized {
            status: errbook_fuzz::sent(status),
        },
        value => value,
    });
});
