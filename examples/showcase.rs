//! The errors of a chat API, rendered as HTTP responses.
//!
//! `cargo run --example showcase` prints, for each error, the status line,
//! the headers and the JSON body exactly as a client receives them.

use std::fmt;

use errbook::ApiError;

/// The chat API's errors, modelled on its public error-code page.
#[derive(Debug, ApiError)]
enum ChatError {
    /// Insufficient permissions. Check `missing_permission`.
    #[api(
        code = "FORBIDDEN",
        status = 403,
        message = "You do not have permission to perform this action."
    )]
    Forbidden {
        #[api(field)]
        missing_permission: String,
    },

    /// Rate limit exceeded. Retry after `retry_after_ms` milliseconds.
    #[api(code = "RATE_LIMITED", status = 429, message = "Rate limit exceeded.")]
    RateLimited {
        #[api(field, retry_after = "ms")]
        retry_after_ms: u64,
    },

    /// No user exists with this ID.
    #[api(status = 404, message = "User {id} not found.")]
    UserNotFound { id: u64 },

    /// Two-factor authentication is required to proceed.
    #[api(
        code = "2FA_REQUIRED",
        status = 401,
        message = "Two-factor authentication is required to proceed."
    )]
    TwoFactorRequired,

    /// An unexpected server error occurred.
    #[api(
        code = "UNKNOWN_ERROR",
        status = 500,
        message = "An unexpected server error occurred."
    )]
    Unknown(#[api(source)] DatabaseError),
}

/// An internal failure whose text must never reach a client.
#[derive(Debug)]
struct DatabaseError(&'static str);

impl fmt::Display for DatabaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "connection to {} refused", self.0)
    }
}

impl std::error::Error for DatabaseError {}

fn main() {
    let errors = [
        ChatError::Forbidden {
            missing_permission: "manage_messages".into(),
        },
        ChatError::RateLimited {
            retry_after_ms: 1500,
        },
        ChatError::UserNotFound { id: 42 },
        ChatError::TwoFactorRequired,
        ChatError::Unknown(DatabaseError("postgres://admin:hunter2@db")),
    ];
    for error in &errors {
        errbook_examples::print_error(error);
    }
}
