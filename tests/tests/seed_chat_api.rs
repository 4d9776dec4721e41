//! The chat API's error page (seed 000) against its model in
//! `errbook_examples::chat_api`: every row of its tables, its example body,
//! and the behaviour the page describes.

use std::collections::HashSet;
use std::time::Duration;

use errbook::format::Nested;
use errbook::http::{StatusCode, header};
use errbook::{ApiError, Context};
use errbook_examples::chat_api::{ChatError, FederationCode};
use serde_json::{Value, json};

/// The page's HTTP codes, table by table: the error, its code, its status
/// (the table's heading) and its description.
fn page() -> Vec<(ChatError, &'static str, u16, &'static str)> {
    vec![
        // 400 Bad Request
        (
            ChatError::ProtocolVersionMismatch,
            "PROTOCOL_VERSION_MISMATCH",
            400,
            "Client protocol version is not supported by the server.",
        ),
        (
            ChatError::MessageTooLarge,
            "MESSAGE_TOO_LARGE",
            400,
            "Message body exceeds the maximum allowed size.",
        ),
        (
            ChatError::SpaceTypeMismatch,
            "SPACE_TYPE_MISMATCH",
            400,
            "Operation is not valid for this space type.",
        ),
        (
            ChatError::GatewayVersionMismatch,
            "GATEWAY_VERSION_MISMATCH",
            400,
            "Gateway protocol version is not supported.",
        ),
        // 401 Unauthorized
        (
            ChatError::AuthFailed,
            "AUTH_FAILED",
            401,
            "Invalid username or password.",
        ),
        (
            ChatError::AuthExpired,
            "AUTH_EXPIRED",
            401,
            "Authentication token has expired.",
        ),
        (
            ChatError::TwoFactorRequired,
            "2FA_REQUIRED",
            401,
            "Two-factor authentication is required to proceed.",
        ),
        (
            ChatError::TwoFactorInvalidCode,
            "2FA_INVALID_CODE",
            401,
            "The provided 2FA code is incorrect.",
        ),
        (
            ChatError::WebauthnInvalid,
            "WEBAUTHN_INVALID",
            401,
            "WebAuthn assertion verification failed.",
        ),
        // 403 Forbidden
        (
            ChatError::Forbidden {
                missing_permission: "manage_messages".into(),
            },
            "FORBIDDEN",
            403,
            "Insufficient permissions. Check `missing_permission`.",
        ),
        (
            ChatError::Banned,
            "BANNED",
            403,
            "The user is banned from this space.",
        ),
        (
            ChatError::RoleHierarchy,
            "ROLE_HIERARCHY",
            403,
            "Cannot modify a role equal to or above your own.",
        ),
        (
            ChatError::DmPermissionDenied,
            "DM_PERMISSION_DENIED",
            403,
            "The recipient does not allow DMs from you.",
        ),
        (
            ChatError::UserBlocked,
            "USER_BLOCKED",
            403,
            "The target user has blocked you.",
        ),
        (
            ChatError::FederationDenied,
            "FEDERATION_DENIED",
            403,
            "Federation is not permitted with this peer.",
        ),
        // 404 Not Found
        (
            ChatError::UserNotFound,
            "USER_NOT_FOUND",
            404,
            "No user exists with this ID.",
        ),
        (
            ChatError::SpaceNotFound,
            "SPACE_NOT_FOUND",
            404,
            "No space exists with this ID.",
        ),
        (
            ChatError::MessageNotFound,
            "MESSAGE_NOT_FOUND",
            404,
            "No message exists with this ID.",
        ),
        (
            ChatError::ReportNotFound,
            "REPORT_NOT_FOUND",
            404,
            "No report exists with this ID.",
        ),
        (
            ChatError::CmdNotFound,
            "CMD_NOT_FOUND",
            404,
            "No command registered with this name.",
        ),
        (
            ChatError::WebhookNotFound,
            "WEBHOOK_NOT_FOUND",
            404,
            "No webhook exists with this ID.",
        ),
        (
            ChatError::KeyBackupNotFound,
            "KEY_BACKUP_NOT_FOUND",
            404,
            "No E2EE key backup found.",
        ),
        (
            ChatError::WebauthnCredentialNotFound,
            "WEBAUTHN_CREDENTIAL_NOT_FOUND",
            404,
            "No WebAuthn credential with this ID.",
        ),
        // 409 Conflict
        (
            ChatError::AlreadyInVoice,
            "ALREADY_IN_VOICE",
            409,
            "User is already connected to a voice channel.",
        ),
        (
            ChatError::CmdAlreadyRegistered,
            "CMD_ALREADY_REGISTERED",
            409,
            "A command with this name is already registered.",
        ),
        (
            ChatError::TwoFactorAlreadyEnabled,
            "2FA_ALREADY_ENABLED",
            409,
            "Two-factor authentication is already enabled.",
        ),
        // 410 Gone
        (
            ChatError::InviteExpired {
                code: "xyz123".into(),
            },
            "INVITE_EXPIRED",
            410,
            "This invite has expired or been revoked.",
        ),
        (
            ChatError::InteractionExpired,
            "INTERACTION_EXPIRED",
            410,
            "This interaction token has expired.",
        ),
        (
            ChatError::TwoFactorSetupExpired,
            "2FA_SETUP_EXPIRED",
            410,
            "The 2FA setup session has expired. Start over.",
        ),
        (
            ChatError::DevicePairExpired,
            "DEVICE_PAIR_EXPIRED",
            410,
            "The device pairing session has expired.",
        ),
        (
            ChatError::CpaceExpired,
            "CPACE_EXPIRED",
            410,
            "The CPace key agreement session has expired.",
        ),
        // 413 Content Too Large
        (
            ChatError::FileTooLarge,
            "FILE_TOO_LARGE",
            413,
            "Uploaded file exceeds the maximum size.",
        ),
        // 422 Unprocessable Entity
        (
            ChatError::InviteInvalid,
            "INVITE_INVALID",
            422,
            "The invite code is malformed or invalid.",
        ),
        (
            ChatError::WebhookTokenInvalid,
            "WEBHOOK_TOKEN_INVALID",
            422,
            "The webhook token does not match.",
        ),
        (
            ChatError::TwoFactorNotEnabled,
            "2FA_NOT_ENABLED",
            422,
            "Cannot perform this action without 2FA enabled.",
        ),
        (
            ChatError::TwoFactorRecoveryExhausted,
            "2FA_RECOVERY_EXHAUSTED",
            422,
            "All recovery codes have been used.",
        ),
        (
            ChatError::CpaceFailed,
            "CPACE_FAILED",
            422,
            "CPace key agreement verification failed.",
        ),
        // 429 Too Many Requests
        (
            ChatError::RateLimited {
                retry_after_ms: 1500,
            },
            "RATE_LIMITED",
            429,
            "Rate limit exceeded. Retry after `retry_after_ms` milliseconds.",
        ),
        // 500 Internal Server Error
        (
            ChatError::UnknownError("replica 3 at 10.0.0.7 lost quorum".into()),
            "UNKNOWN_ERROR",
            500,
            "An unexpected server error occurred.",
        ),
        // 502 Bad Gateway
        (
            ChatError::FederationUnavailable,
            "FEDERATION_UNAVAILABLE",
            502,
            "The federated peer server is unreachable.",
        ),
        // 503 Service Unavailable
        (
            ChatError::ServerFull,
            "SERVER_FULL",
            503,
            "The server has reached its maximum capacity.",
        ),
        (
            ChatError::RoomFull,
            "ROOM_FULL",
            503,
            "The voice room has reached its maximum capacity.",
        ),
        (
            ChatError::PrekeyExhausted,
            "PREKEY_EXHAUSTED",
            503,
            "No pre-keys available for this device (E2EE).",
        ),
        (
            ChatError::DeviceLimitReached,
            "DEVICE_LIMIT_REACHED",
            503,
            "Maximum number of devices reached for this account.",
        ),
    ]
}

/// The page's federation table: code and description.
const FEDERATION: [(FederationCode, &str, &str); 7] = [
    (FederationCode::Ok, "FED_OK", "Request succeeded."),
    (
        FederationCode::Denied,
        "FED_DENIED",
        "Federation denied by peer policy.",
    ),
    (
        FederationCode::Invalid,
        "FED_INVALID",
        "Invalid federation request format.",
    ),
    (
        FederationCode::NonceReuse,
        "FED_NONCE_REUSE",
        "Nonce has already been used (replay detected).",
    ),
    (
        FederationCode::Expired,
        "FED_EXPIRED",
        "Federation request timestamp is too old.",
    ),
    (
        FederationCode::Unknown,
        "FED_UNKNOWN",
        "Unknown federation error.",
    ),
    (
        FederationCode::ServerFull,
        "FED_SERVER_FULL",
        "The federated peer server is at capacity.",
    ),
];

/// The page's example body, as printed there.
const PAGE_EXAMPLE: &str = r#"{
  "error": {
    "code": "FORBIDDEN",
    "message": "You do not have permission to perform this action.",
    "retry_after_ms": null,
    "missing_permission": "manage_messages"
  }
}"#;

/// `text` without the whitespace between JSON tokens, member order kept
/// (which comparing `serde_json::Value`s would not check).
fn compact(text: &str) -> String {
    let mut out = String::new();
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    assert_eq!(
        serde_json::from_str::<Value>(&out).unwrap(),
        serde_json::from_str::<Value>(text).unwrap()
    );
    out
}

fn body(response: &errbook::http::Response<Vec<u8>>) -> &str {
    std::str::from_utf8(response.body()).unwrap()
}

#[test]
fn every_http_code_of_the_page_is_modelled() {
    let page = page();
    // 4 + 5 + 6 + 8 + 3 + 5 + 1 + 5 + 1 + 1 + 1 + 4 rows.
    assert_eq!(page.len(), 44);
    let mut codes = HashSet::new();
    for (err, code, status, description) in &page {
        assert_eq!(err.code(), *code);
        assert_eq!(err.status(), *status, "{code}");
        assert_eq!(err.doc(), Some(*description), "{code}");
        assert!(err.has_status(), "{code}");
        assert!(codes.insert(*code), "{code} twice");
    }
}

#[test]
fn every_body_has_the_page_shape() {
    for (err, code, status, description) in &page() {
        let response = err.to_response();
        assert_eq!(response.status(), *status);
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            "application/json",
            "{code}"
        );
        // Every member of the page's field table, in its order; the two
        // optional ones are `null` unless this error carries them.
        let (retry_after_ms, missing_permission) = match err {
            ChatError::RateLimited { retry_after_ms } => (json!(retry_after_ms), Value::Null),
            ChatError::Forbidden { missing_permission } => (Value::Null, json!(missing_permission)),
            _ => (Value::Null, Value::Null),
        };
        let message = err.message().to_string();
        let expected = format!(
            r#"{{"error":{{"code":{},"message":{},"retry_after_ms":{retry_after_ms},"missing_permission":{missing_permission}}}}}"#,
            json!(code),
            json!(message),
        );
        assert_eq!(body(&response), expected, "{code}");
        // The message is the description, but where the page shows or
        // implies another one.
        if !matches!(
            err,
            ChatError::Forbidden { .. } | ChatError::RateLimited { .. }
        ) {
            assert_eq!(message, *description, "{code}");
        }
    }
}

#[test]
fn the_page_example_body_byte_for_byte() {
    let err = ChatError::Forbidden {
        missing_permission: "manage_messages".into(),
    };
    let response = err.to_response();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(body(&response), compact(PAGE_EXAMPLE));
    assert!(response.headers().get(header::RETRY_AFTER).is_none());
}

#[test]
fn the_nested_format_leaves_the_nulls_out() {
    let err = ChatError::Forbidden {
        missing_permission: "manage_messages".into(),
    };
    assert_eq!(
        body(&err.to_response_as(Nested)),
        r#"{"error":{"code":"FORBIDDEN","message":"You do not have permission to perform this action.","missing_permission":"manage_messages"}}"#
    );
    assert_eq!(
        body(&ChatError::AuthFailed.to_response_as(Nested)),
        r#"{"error":{"code":"AUTH_FAILED","message":"Invalid username or password."}}"#
    );
}

#[test]
fn rate_limited_carries_milliseconds_and_retry_after() {
    let err = ChatError::RateLimited {
        retry_after_ms: 2500,
    };
    let response = err.to_response();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    // Whole seconds, rounded up.
    assert_eq!(response.headers()[header::RETRY_AFTER], "3");
    assert_eq!(err.retry_after(), Some(Duration::from_millis(2500)));
    assert_eq!(
        body(&response),
        r#"{"error":{"code":"RATE_LIMITED","message":"Rate limit exceeded. Retry after 2500 milliseconds.","retry_after_ms":2500,"missing_permission":null}}"#
    );
    let exact = ChatError::RateLimited {
        retry_after_ms: 3000,
    };
    assert_eq!(exact.to_response().headers()[header::RETRY_AFTER], "3");
}

#[test]
fn only_rate_limited_sends_retry_after() {
    for (err, code, ..) in &page() {
        let sent = err
            .to_response()
            .headers()
            .contains_key(header::RETRY_AFTER);
        assert_eq!(sent, matches!(err, ChatError::RateLimited { .. }), "{code}");
    }
}

#[test]
fn codes_starting_with_a_digit_are_written_out() {
    let two_factor: Vec<String> = page()
        .iter()
        .map(|(err, ..)| err.code().to_string())
        .filter(|code| code.starts_with("2FA_"))
        .collect();
    assert_eq!(
        two_factor,
        [
            "2FA_REQUIRED",
            "2FA_INVALID_CODE",
            "2FA_ALREADY_ENABLED",
            "2FA_SETUP_EXPIRED",
            "2FA_NOT_ENABLED",
            "2FA_RECOVERY_EXHAUSTED",
        ]
    );
}

#[test]
fn a_private_field_named_code_is_not_a_member() {
    // The invite's own code is for the server; the body's `code` is the
    // error code, exactly once.
    let err = ChatError::InviteExpired {
        code: "xyz123".into(),
    };
    let text = String::from_utf8(err.to_response().into_body()).unwrap();
    assert_eq!(
        text,
        r#"{"error":{"code":"INVITE_EXPIRED","message":"This invite has expired or been revoked.","retry_after_ms":null,"missing_permission":null}}"#
    );
    assert_eq!(text.matches("\"code\"").count(), 1);
    let ChatError::InviteExpired { code } = &err else {
        unreachable!()
    };
    assert_eq!(code, "xyz123");
}

#[test]
fn unknown_error_hides_its_cause() {
    let err = ChatError::UnknownError("replica 3 at 10.0.0.7 lost quorum".into());
    let production = err.envelope().with_context(Context::production());
    let text = serde_json::to_string(&production).unwrap();
    assert_eq!(
        text,
        r#"{"error":{"code":"UNKNOWN_ERROR","message":"An unexpected server error occurred.","retry_after_ms":null,"missing_permission":null}}"#
    );
    assert!(err.source_error().unwrap().to_string().contains("10.0.0.7"));
    // Development mode lists it, after the page's members.
    let development = err.envelope().with_context(Context::development());
    let value: Value = serde_json::to_value(&development).unwrap();
    assert_eq!(
        value["error"]["details"]["sources"],
        json!(["replica 3 at 10.0.0.7 lost quorum"])
    );
    assert!(
        serde_json::to_string(&development)
            .unwrap()
            .contains(r#""missing_permission":null,"details":{"#)
    );
}

#[test]
fn every_federation_code_of_the_page_is_modelled() {
    assert_eq!(FederationCode::ALL.len(), FEDERATION.len());
    for ((code, text, description), listed) in FEDERATION.iter().zip(FederationCode::ALL) {
        assert_eq!(*code, listed, "ALL is in the page's order");
        assert_eq!(code.code(), *text);
        assert_eq!(code.doc(), Some(*description));
        assert_eq!(code.message().to_string(), *description);
        // Codes that never travel over HTTP: 500 should one be rendered.
        assert!(!code.has_status(), "{text}");
        assert_eq!(code.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}

#[test]
fn federation_codes_do_not_collide_with_http_codes() {
    let http: HashSet<String> = page().iter().map(|(e, ..)| e.code().to_string()).collect();
    for (code, text, _) in &FEDERATION {
        assert!(!http.contains(*text), "{text}");
        assert!(code.code().to_string().starts_with("FED_"));
    }
}
