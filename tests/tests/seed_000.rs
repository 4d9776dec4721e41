//! A chat API's documented errors (seed 000): every error is
//! `{"error":{"code":…,"message":…,…}}` with the code's documented status.

use core::time::Duration;
use std::fmt;

use errbook::ApiError;
use errbook::http::{StatusCode, header};
use serde_json::{Value, json};

/// An internal cause, never shown.
#[derive(Debug)]
struct StoreError(&'static str);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "store: {}", self.0)
    }
}

impl std::error::Error for StoreError {}

/// The API's errors, one variant per documented code (a selection).
#[derive(Debug, ApiError)]
enum ChatError {
    /// Client protocol version is not supported by the server.
    #[api(
        status = 400,
        message = "Protocol version {client} is not supported; use {server}."
    )]
    ProtocolVersionMismatch {
        client: u32,
        #[api(field = "supported_version")]
        server: u32,
    },
    /// Message body exceeds the maximum allowed size.
    #[api(status = 400, message = "Message body exceeds {max_bytes} bytes.")]
    MessageTooLarge {
        #[api(field)]
        max_bytes: u64,
    },
    /// Invalid username or password.
    #[api(status = 401, message = "Invalid username or password.")]
    AuthFailed,
    /// Two-factor authentication is required to proceed.
    #[api(
        code = "2FA_REQUIRED",
        status = 401,
        message = "Two-factor authentication is required to proceed."
    )]
    TwoFactorRequired,
    /// The provided 2FA code is incorrect.
    #[api(
        code = "2FA_INVALID_CODE",
        status = 401,
        message = "The provided 2FA code is incorrect."
    )]
    TwoFactorInvalidCode,
    /// Insufficient permissions. Check `missing_permission`.
    #[api(
        status = 403,
        message = "You do not have permission to perform this action."
    )]
    Forbidden {
        #[api(field)]
        missing_permission: String,
    },
    /// No user exists with this ID.
    #[api(status = 404, message = "User {id} not found.")]
    UserNotFound { id: u64 },
    /// Two-factor authentication is already enabled.
    #[api(
        code = "2FA_ALREADY_ENABLED",
        status = 409,
        message = "Two-factor authentication is already enabled."
    )]
    TwoFactorAlreadyEnabled,
    /// This invite has expired or been revoked.
    #[api(status = 410, message = "This invite has expired or been revoked.")]
    InviteExpired { code: String },
    /// Uploaded file exceeds the maximum size.
    #[api(status = 413)]
    FileTooLarge,
    /// All recovery codes have been used.
    #[api(
        code = "2FA_RECOVERY_EXHAUSTED",
        status = 422,
        message = "All recovery codes have been used."
    )]
    TwoFactorRecoveryExhausted,
    /// Rate limit exceeded. Retry after `retry_after_ms` milliseconds.
    #[api(status = 429, message = "Rate limit exceeded.")]
    RateLimited {
        #[api(field, retry_after = "ms")]
        retry_after_ms: u64,
    },
    /// An unexpected server error occurred.
    #[api(status = 500, message = "An unexpected server error occurred.")]
    UnknownError(#[api(source)] StoreError),
    /// The federated peer server is unreachable.
    #[api(status = 502, message = "The federated peer server is unreachable.")]
    FederationUnavailable {
        #[api(field)]
        peer: &'static str,
    },
    /// The server has reached its maximum capacity.
    #[api(status = 503, message = "The server has reached its maximum capacity.")]
    ServerFull,
}

/// The response-format example of the seed, field for field: its documented
/// members include a `retry_after_ms` that is `null` outside rate limits.
#[derive(Debug, ApiError)]
#[api(
    code = "FORBIDDEN",
    status = 403,
    message = "You do not have permission to perform this action."
)]
struct DocumentedForbidden {
    #[api(field)]
    retry_after_ms: Option<u64>,
    #[api(field)]
    missing_permission: Option<&'static str>,
}

fn exact(err: &ChatError) -> (u16, String) {
    let response = err.to_response();
    assert_eq!(
        response.headers().get(header::CONTENT_TYPE).unwrap(),
        "application/json"
    );
    (
        response.status().as_u16(),
        String::from_utf8(response.into_body()).unwrap(),
    )
}

#[test]
fn forbidden_with_missing_permission() {
    let err = ChatError::Forbidden {
        missing_permission: "manage_messages".into(),
    };
    assert_eq!(
        exact(&err),
        (
            403,
            r#"{"error":{"code":"FORBIDDEN","message":"You do not have permission to perform this action.","missing_permission":"manage_messages"}}"#
                .to_owned()
        )
    );
}

#[test]
fn the_documented_example_body() {
    let err = DocumentedForbidden {
        retry_after_ms: None,
        missing_permission: Some("manage_messages"),
    };
    let response = err.to_response();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    // The seed's example, byte for byte once its whitespace is removed.
    assert_eq!(
        std::str::from_utf8(response.body()).unwrap(),
        concat!(
            r#"{"error":{"code":"FORBIDDEN","#,
            r#""message":"You do not have permission to perform this action.","#,
            r#""retry_after_ms":null,"missing_permission":"manage_messages"}}"#
        )
    );
    assert!(response.headers().get(header::RETRY_AFTER).is_none());
}

#[test]
fn rate_limited_with_retry_after_ms() {
    let err = ChatError::RateLimited {
        retry_after_ms: 2500,
    };
    let response = err.to_response();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers().get(header::RETRY_AFTER).unwrap(), "3");
    assert_eq!(err.retry_after(), Some(Duration::from_millis(2500)));
    assert_eq!(
        std::str::from_utf8(response.body()).unwrap(),
        r#"{"error":{"code":"RATE_LIMITED","message":"Rate limit exceeded.","retry_after_ms":2500}}"#
    );
}

#[test]
fn user_not_found_interpolates_the_id() {
    assert_eq!(
        exact(&ChatError::UserNotFound { id: 81_234_567 }),
        (
            404,
            r#"{"error":{"code":"USER_NOT_FOUND","message":"User 81234567 not found."}}"#
                .to_owned()
        )
    );
}

#[test]
fn codes_starting_with_a_digit() {
    assert_eq!(
        exact(&ChatError::TwoFactorRequired),
        (
            401,
            r#"{"error":{"code":"2FA_REQUIRED","message":"Two-factor authentication is required to proceed."}}"#
                .to_owned()
        )
    );
    assert_eq!(ChatError::TwoFactorInvalidCode.code(), "2FA_INVALID_CODE");
    assert_eq!(
        ChatError::TwoFactorAlreadyEnabled.status(),
        StatusCode::CONFLICT
    );
    assert_eq!(ChatError::TwoFactorRecoveryExhausted.status(), 422);
}

#[test]
fn renamed_member_and_private_template_field() {
    let err = ChatError::ProtocolVersionMismatch {
        client: 3,
        server: 5,
    };
    assert_eq!(
        exact(&err),
        (
            400,
            r#"{"error":{"code":"PROTOCOL_VERSION_MISMATCH","message":"Protocol version 3 is not supported; use 5.","supported_version":5}}"#
                .to_owned()
        )
    );
}

#[test]
fn private_field_named_code_is_not_a_member() {
    // The invite's own code is for the server; the error's `code` is the
    // error code, exactly once.
    let err = ChatError::InviteExpired {
        code: "xyz123".into(),
    };
    let (status, body) = exact(&err);
    assert_eq!(status, 410);
    assert_eq!(
        body,
        r#"{"error":{"code":"INVITE_EXPIRED","message":"This invite has expired or been revoked."}}"#
    );
    let ChatError::InviteExpired { code } = &err else {
        unreachable!()
    };
    assert_eq!(code, "xyz123");
}

#[test]
fn unknown_error_hides_its_cause() {
    let err = ChatError::UnknownError(StoreError("replica 3 at 10.0.0.7 lost quorum"));
    let (status, body) = exact(&err);
    assert_eq!(status, 500);
    assert_eq!(
        body,
        r#"{"error":{"code":"UNKNOWN_ERROR","message":"An unexpected server error occurred."}}"#
    );
    assert!(err.source_error().unwrap().to_string().contains("10.0.0.7"));
}

#[test]
fn statuses_match_the_documented_table() {
    let table: [(ChatError, &str, u16); 14] = [
        (
            ChatError::ProtocolVersionMismatch {
                client: 1,
                server: 2,
            },
            "PROTOCOL_VERSION_MISMATCH",
            400,
        ),
        (
            ChatError::MessageTooLarge { max_bytes: 4000 },
            "MESSAGE_TOO_LARGE",
            400,
        ),
        (ChatError::AuthFailed, "AUTH_FAILED", 401),
        (ChatError::TwoFactorRequired, "2FA_REQUIRED", 401),
        (ChatError::TwoFactorInvalidCode, "2FA_INVALID_CODE", 401),
        (
            ChatError::Forbidden {
                missing_permission: "x".into(),
            },
            "FORBIDDEN",
            403,
        ),
        (ChatError::UserNotFound { id: 1 }, "USER_NOT_FOUND", 404),
        (
            ChatError::TwoFactorAlreadyEnabled,
            "2FA_ALREADY_ENABLED",
            409,
        ),
        (
            ChatError::InviteExpired {
                code: String::new(),
            },
            "INVITE_EXPIRED",
            410,
        ),
        (ChatError::FileTooLarge, "FILE_TOO_LARGE", 413),
        (
            ChatError::RateLimited { retry_after_ms: 1 },
            "RATE_LIMITED",
            429,
        ),
        (
            ChatError::UnknownError(StoreError("x")),
            "UNKNOWN_ERROR",
            500,
        ),
        (
            ChatError::FederationUnavailable { peer: "p" },
            "FEDERATION_UNAVAILABLE",
            502,
        ),
        (ChatError::ServerFull, "SERVER_FULL", 503),
    ];
    for (err, code, status) in &table {
        assert_eq!(err.code(), *code);
        assert_eq!(err.status(), *status, "{code}");
        let body: Value = serde_json::from_slice(err.to_response().body()).unwrap();
        let inner = body["error"].as_object().expect("an `error` object");
        assert_eq!(
            body.as_object().unwrap().len(),
            1,
            "only `error` at the top: {body}"
        );
        assert_eq!(inner["code"], json!(code));
        assert_eq!(inner["message"], json!(err.message().to_string()));
        assert!(!inner["message"].as_str().unwrap().is_empty(), "{code}");
    }
}

#[test]
fn no_message_falls_back_to_the_reason_phrase() {
    assert_eq!(
        exact(&ChatError::FileTooLarge),
        (
            413,
            r#"{"error":{"code":"FILE_TOO_LARGE","message":"Payload Too Large"}}"#.to_owned()
        )
    );
}

#[test]
fn descriptions_are_the_documented_ones() {
    assert_eq!(
        ChatError::Forbidden {
            missing_permission: String::new()
        }
        .description(),
        Some("Insufficient permissions. Check `missing_permission`.")
    );
    assert_eq!(
        ChatError::RateLimited { retry_after_ms: 0 }.description(),
        Some("Rate limit exceeded. Retry after `retry_after_ms` milliseconds.")
    );
    assert_eq!(
        ChatError::TwoFactorRequired.description(),
        Some("Two-factor authentication is required to proceed.")
    );
}

#[test]
fn federation_peer_is_an_exposed_member() {
    assert_eq!(
        exact(&ChatError::FederationUnavailable {
            peer: "chat.example.org"
        }),
        (
            502,
            r#"{"error":{"code":"FEDERATION_UNAVAILABLE","message":"The federated peer server is unreachable.","peer":"chat.example.org"}}"#
                .to_owned()
        )
    );
}
