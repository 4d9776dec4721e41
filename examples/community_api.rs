//! The community API's errors, rendered as HTTP responses.
//!
//! `cargo run --example community_api` prints a representative set of the
//! page's errors as a client receives them: integer codes that are the HTTP
//! status, the string-coded version errors, and the rate limit's
//! `retry_after` seconds with its `Retry-After` header.

use errbook_examples::community_api::{
    AuthMessage, CommunityError, ConflictMessage, NotFoundMessage, ValidationMessage,
};

fn main() {
    let errors = [
        // The page's example body.
        NotFoundMessage::Resource.into(),
        AuthMessage::TokenExpired.into(),
        AuthMessage::ChallengeExpired.into(),
        ValidationMessage::EmptyMessage.into(),
        ConflictMessage::TwoFactorAlreadyEnabled.into(),
        CommunityError::VersionOutdated {
            client_version: "a.0.9-1".into(),
            min_version: "a.1.0-1".into(),
            server_version: "a.1.0-1".into(),
            update_url: "https://example.com/download".into(),
        },
        CommunityError::InvalidVersionFormat {
            client_version: "1.0".into(),
        },
        CommunityError::RateLimited { retry_after: 1.5 },
        CommunityError::ModuleUnavailable { module: "voice" },
    ];
    for error in &errors {
        errbook_examples::print_error(error);
    }

    println!("# The 401 messages: one code, several messages");
    for message in AuthMessage::ALL {
        println!("401  {:<26} {}", message.message(), message.description());
    }
}
