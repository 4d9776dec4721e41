//! Arbitrary responses read into a billing API's error enum in RFC 9457's
//! problem+json, with `docs` type URIs; see `errbook_fuzz::decode` for
//! what is checked.

#![no_main]

use errbook::http::StatusCode;
use errbook::{Unknown, Violations};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Clone, PartialEq, errbook::ApiError)]
#[api(
    parse,
    format = problem,
    rename_all = "kebab-case",
    docs = "https://example.com/probs/{code}"
)]
enum BillingError {
    /// The account's balance is too low.
    #[api(
        status = 403,
        title = "You do not have enough credit.",
        message = "Your current balance is {balance}, but that costs {cost}."
    )]
    OutOfCredit {
        #[api(field)]
        balance: i64,
        #[api(field)]
        cost: u32,
        #[api(field)]
        accounts: Vec<String>,
    },
    #[api(
        status = 404,
        message = "No invoice {number}.",
        alias = "invoice-missing"
    )]
    InvoiceNotFound {
        #[api(field)]
        number: String,
        #[api(field)]
        hint: Option<String>,
    },
    #[api(status = 429, message = "Too many requests.")]
    RateLimited {
        #[api(field, retry_after = "ms")]
        retry_after_ms: Option<u64>,
    },
    #[api(status = 503, message = "Try again later.")]
    Maintenance {
        #[api(field, retry_after)]
        wait_seconds: u32,
    },
    #[api(message = "Unrecognized.")]
    Unrecognized {
        #[api(status)]
        status: StatusCode,
    },
    #[api(
        status = 422,
        title = "Your request is not valid.",
        message = "Your request is not valid."
    )]
    ValidationError {
        #[api(violations)]
        errors: Violations,
    },
    #[api(status = 401, message = "Invalid token.")]
    InvalidToken {
        #[api(field, default)]
        soft_logout: bool,
    },
    #[api(status = 409, message = "{0}")]
    Conflict(String),
    #[api(status = 410)]
    Gone,
    #[api(other)]
    Other(Unknown),
}

fuzz_target!(|data: &[u8]| {
    errbook_fuzz::decode::<BillingError>(data, |value| match value {
        BillingError::Unrecognized { status } => BillingError::Unrecognized {
            status: errbook_fuzz::sent(status),
        },
        value => value,
    });
});
