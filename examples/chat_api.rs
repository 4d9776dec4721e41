//! The chat API's errors, rendered as HTTP responses.
//!
//! `cargo run --example chat_api` prints, for a representative set of the
//! page's codes, the status line, the headers and the JSON body exactly as a
//! client receives them, then the federation codes, which have no status.

use errbook::ApiError;
use errbook_examples::chat_api::{ChatError, FederationCode};

fn main() {
    let errors = [
        // The page's example body, `"retry_after_ms": null` included.
        ChatError::Forbidden {
            missing_permission: "manage_messages".into(),
        },
        ChatError::RateLimited {
            retry_after_ms: 1500,
        },
        ChatError::TwoFactorRequired,
        ChatError::InviteExpired {
            code: "xyz123".into(),
        },
        ChatError::FileTooLarge,
        ChatError::UnknownError("connection to postgres://admin:hunter2@db refused".into()),
        ChatError::PrekeyExhausted,
    ];
    for error in &errors {
        errbook_examples::print_error(error);
    }

    println!("# Federation codes (no HTTP status)");
    for code in FederationCode::ALL {
        println!(
            "{:<16} {}",
            code.code().to_string(),
            code.doc().unwrap_or("")
        );
    }
}
