//! Arbitrary responses read into a FastAPI service's error enum
//! (`{"detail":…}`, decoded by status and fixed message, a 422's list into
//! violations); see `errbook_fuzz::decode` for what is checked.

#![no_main]

use std::time::Duration;

use errbook::{Unknown, Violations};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Clone, PartialEq, errbook::ApiError)]
#[api(parse, format = detail)]
enum ItemError {
    #[api(status = 404, message = "Item not found")]
    ItemNotFound {
        #[api(field, default)]
        item_id: u64,
        #[api(field, default)]
        note: Option<String>,
    },
    #[api(status = 422, message = "Validation failed")]
    Validation {
        #[api(violations)]
        violations: Violations,
    },
    #[api(status = 429, message = "Slow down.")]
    RateLimited {
        #[api(field, retry_after = "ms", default)]
        retry_after_ms: u64,
    },
    #[api(status = 503, message = "Try again later.")]
    Unavailable {
        #[api(retry_after)]
        wait: Option<Duration>,
    },
    #[api(status = 401, message = "Not authenticated")]
    NotAuthenticated,
    #[api(status = 403, message = "Not enough permissions")]
    Forbidden {
        #[api(field, default = "everyone")]
        scope: String,
    },
    #[api(status = 410)]
    Gone,
    #[api(other)]
    Other(Unknown),
}

fn everyone() -> String {
    "everyone".to_owned()
}

fuzz_target!(|data: &[u8]| {
    // A `detail` body is the message alone: what comes back is what the
    // type says each field is when the body does not carry it.
    errbook_fuzz::decode::<ItemError>(data, |value| match value {
        ItemError::ItemNotFound { .. } => ItemError::ItemNotFound {
            item_id: 0,
            note: None,
        },
        ItemError::Forbidden { .. } => ItemError::Forbidden { scope: everyone() },
        value => value,
    });
});
