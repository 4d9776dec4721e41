//! The `domain:operation` API's error page (seed 001) against its model in
//! `errbook_examples::domain_api`: every row of its tables through the
//! composed `AppError`, unique codes, and the `details` member that only
//! development mode adds.

use std::collections::HashSet;
use std::time::Duration;

use errbook::http::header;
use errbook::{ApiError, Context};
use errbook_examples::domain_api::{
    AppError, Cause, DatabaseError, EmailError, EventStreamError, FileError, GeneralError,
    OAuthError, PasswordError, PostError, RateLimitError, SearchError, SessionError, SystemError,
    TokenError, TotpError, TurnstileError, UserError, WorkerError,
};
use serde_json::{Value, json};

fn cause() -> Cause {
    "upstream said no".into()
}

fn db() -> DatabaseError {
    DatabaseError::new(
        "SELECT * FROM users WHERE id = $1",
        "connection to 10.0.0.7:5432 refused",
    )
}

fn json_error() -> serde_json::Error {
    serde_json::from_str::<Value>("{not json").unwrap_err()
}

fn io_error() -> std::io::Error {
    std::io::Error::other("disk /dev/sda1 failed")
}

/// Every row of the page, section by section: the error, its code, its
/// status and its description.
fn page() -> Vec<(AppError, &'static str, u16, &'static str)> {
    vec![
        // User Errors
        (
            AppError::User(UserError::InvalidPassword),
            "user:invalid_password",
            401,
            "Wrong password",
        ),
        (
            AppError::User(UserError::PasswordNotSet),
            "user:password_not_set",
            401,
            "User has no password (OAuth-only account)",
        ),
        (
            AppError::User(UserError::InvalidSession),
            "user:invalid_session",
            401,
            "Session is invalid",
        ),
        (
            AppError::User(UserError::NotVerified),
            "user:not_verified",
            401,
            "Email not verified",
        ),
        (
            AppError::User(UserError::NotFound),
            "user:not_found",
            404,
            "User not found",
        ),
        (
            AppError::User(UserError::Unauthorized),
            "user:unauthorized",
            401,
            "Not authenticated",
        ),
        (
            AppError::User(UserError::Banned),
            "user:banned",
            403,
            "User is banned",
        ),
        (
            AppError::User(UserError::PermissionInsufficient),
            "user:permission_insufficient",
            403,
            "Insufficient permissions",
        ),
        (
            AppError::User(UserError::HandleAlreadyExists),
            "user:handle_already_exists",
            409,
            "Handle is taken",
        ),
        (
            AppError::User(UserError::EmailAlreadyExists),
            "user:email_already_exists",
            409,
            "Email is already registered",
        ),
        (
            AppError::User(UserError::TokenExpired),
            "user:token_expired",
            401,
            "Auth token has expired",
        ),
        (
            AppError::User(UserError::NoRefreshToken),
            "user:no_refresh_token",
            401,
            "No refresh token available",
        ),
        (
            AppError::User(UserError::InvalidToken),
            "user:invalid_token",
            401,
            "Auth token is invalid",
        ),
        // Session Errors
        (
            AppError::Session(SessionError::InvalidUserId),
            "session:invalid_user_id",
            401,
            "Session user ID is malformed",
        ),
        (
            AppError::Session(SessionError::Expired),
            "session:expired",
            401,
            "Session has expired (max lifetime)",
        ),
        (
            AppError::Session(SessionError::NotFound),
            "session:not_found",
            401,
            "Session not found in Redis",
        ),
        // OAuth Errors
        (
            AppError::OAuth(OAuthError::InvalidAuthUrl),
            "oauth:invalid_auth_url",
            400,
            "Failed to build authorization URL",
        ),
        (
            AppError::OAuth(OAuthError::InvalidTokenUrl),
            "oauth:invalid_token_url",
            400,
            "Failed to build token exchange URL",
        ),
        (
            AppError::OAuth(OAuthError::InvalidRedirectUrl),
            "oauth:invalid_redirect_url",
            400,
            "Invalid redirect URI",
        ),
        (
            AppError::OAuth(OAuthError::TokenExchangeFailed(cause())),
            "oauth:token_exchange_failed",
            400,
            "Code-to-token exchange failed",
        ),
        (
            AppError::OAuth(OAuthError::UserInfoFetchFailed(cause())),
            "oauth:user_info_fetch_failed",
            400,
            "Failed to fetch user info from provider",
        ),
        (
            AppError::OAuth(OAuthError::UserInfoParseFailed(json_error())),
            "oauth:user_info_parse_failed",
            500,
            "Failed to parse provider user info",
        ),
        (
            AppError::OAuth(OAuthError::AccountAlreadyLinked),
            "oauth:account_already_linked",
            409,
            "OAuth account already linked to another user",
        ),
        (
            AppError::OAuth(OAuthError::ConnectionNotFound),
            "oauth:connection_not_found",
            404,
            "OAuth connection not found",
        ),
        (
            AppError::OAuth(OAuthError::CannotUnlinkLastConnection),
            "oauth:cannot_unlink_last_connection",
            400,
            "Cannot unlink the last OAuth connection (no password)",
        ),
        (
            AppError::OAuth(OAuthError::InvalidImageUrl),
            "oauth:invalid_image_url",
            400,
            "Invalid avatar URL from provider",
        ),
        (
            AppError::OAuth(OAuthError::InvalidState),
            "oauth:invalid_state",
            400,
            "OAuth state parameter mismatch",
        ),
        (
            AppError::OAuth(OAuthError::StateExpired),
            "oauth:state_expired",
            400,
            "OAuth state has expired",
        ),
        (
            AppError::OAuth(OAuthError::HandleRequired),
            "oauth:handle_required",
            400,
            "Handle required for new OAuth signup",
        ),
        (
            AppError::OAuth(OAuthError::EmailAlreadyExists),
            "oauth:email_already_exists",
            409,
            "Email already exists",
        ),
        (
            AppError::OAuth(OAuthError::EmailNotVerified),
            "oauth:email_not_verified",
            400,
            "Provider email not verified",
        ),
        // Password Errors
        (
            AppError::Password(PasswordError::RequiredForUpdate),
            "password:required_for_update",
            400,
            "Current password required",
        ),
        (
            AppError::Password(PasswordError::Incorrect),
            "password:incorrect",
            400,
            "Current password is wrong",
        ),
        (
            AppError::Password(PasswordError::CannotUpdateOauthOnly),
            "password:cannot_update_oauth_only",
            400,
            "Cannot set password on OAuth-only account",
        ),
        (
            AppError::Password(PasswordError::NewPasswordMissing),
            "password:new_password_missing",
            400,
            "New password not provided",
        ),
        (
            AppError::Password(PasswordError::AlreadySet),
            "password:already_set",
            400,
            "Password is already set",
        ),
        // Token Errors
        (
            AppError::Token(TokenError::InvalidVerification),
            "token:invalid_verification",
            400,
            "Email verification token is invalid",
        ),
        (
            AppError::Token(TokenError::ExpiredVerification),
            "token:expired_verification",
            400,
            "Email verification token has expired",
        ),
        (
            AppError::Token(TokenError::EmailMismatch),
            "token:email_mismatch",
            400,
            "Token email doesn't match",
        ),
        (
            AppError::Token(TokenError::InvalidReset),
            "token:invalid_reset",
            400,
            "Password reset token is invalid",
        ),
        (
            AppError::Token(TokenError::ExpiredReset),
            "token:expired_reset",
            400,
            "Password reset token has expired",
        ),
        (
            AppError::Token(TokenError::InvalidEmailChange),
            "token:invalid_email_change",
            400,
            "Email change token is invalid",
        ),
        // Email Errors
        (
            AppError::Email(EmailError::AlreadyVerified),
            "email:already_verified",
            400,
            "Email is already verified",
        ),
        // TOTP Errors
        (
            AppError::Totp(TotpError::AlreadyEnabled),
            "totp:already_enabled",
            409,
            "TOTP is already enabled",
        ),
        (
            AppError::Totp(TotpError::NotEnabled),
            "totp:not_enabled",
            400,
            "TOTP is not enabled",
        ),
        (
            AppError::Totp(TotpError::InvalidCode),
            "totp:invalid_code",
            400,
            "Invalid TOTP or backup code",
        ),
        (
            AppError::Totp(TotpError::TempTokenInvalid),
            "totp:temp_token_invalid",
            400,
            "Temporary login token is invalid",
        ),
        (
            AppError::Totp(TotpError::TempTokenExpired),
            "totp:temp_token_expired",
            400,
            "Temporary login token has expired",
        ),
        (
            AppError::Totp(TotpError::BackupCodeExhausted),
            "totp:backup_code_exhausted",
            401,
            "All backup codes used",
        ),
        (
            AppError::Totp(TotpError::SecretGenerationFailed(cause())),
            "totp:secret_generation_failed",
            500,
            "Failed to generate TOTP secret",
        ),
        (
            AppError::Totp(TotpError::QrGenerationFailed(cause())),
            "totp:qr_generation_failed",
            500,
            "Failed to generate QR code",
        ),
        // Post Errors
        (
            AppError::Post(PostError::NotFound),
            "post:not_found",
            404,
            "Post not found",
        ),
        // File Errors
        (
            AppError::File(FileError::UploadError(cause())),
            "file:upload_error",
            400,
            "File upload failed",
        ),
        (
            AppError::File(FileError::NotFound),
            "file:not_found",
            400,
            "File not found",
        ),
        (
            AppError::File(FileError::ReadError(io_error())),
            "file:read_error",
            400,
            "File read failed",
        ),
        // General Errors
        (
            AppError::General(GeneralError::BadRequest),
            "general:bad_request",
            400,
            "Bad request",
        ),
        (
            AppError::General(GeneralError::ValidationError),
            "general:validation_error",
            400,
            "Validation failed",
        ),
        (
            AppError::General(GeneralError::InvalidIpAddress),
            "general:invalid_ip_address",
            400,
            "Invalid IP address",
        ),
        (
            AppError::General(GeneralError::Forbidden),
            "FORBIDDEN",
            403,
            "Access forbidden",
        ),
        (
            AppError::General(GeneralError::FileTooLarge),
            "FILE_TOO_LARGE",
            413,
            "Payload too large",
        ),
        // Rate Limiting
        (
            AppError::RateLimit(RateLimitError::Exceeded {
                retry_after: Duration::from_secs(30),
            }),
            "rate_limit:exceeded",
            429,
            "Too many requests",
        ),
        // Turnstile (Bot Protection)
        (
            AppError::Turnstile(TurnstileError::TokenMissing),
            "turnstile:token_missing",
            400,
            "Turnstile token not provided",
        ),
        (
            AppError::Turnstile(TurnstileError::VerificationFailed),
            "turnstile:verification_failed",
            403,
            "Turnstile verification failed",
        ),
        (
            AppError::Turnstile(TurnstileError::ServiceError(cause())),
            "turnstile:service_error",
            503,
            "Turnstile service unavailable",
        ),
        // Search
        (
            AppError::Search(SearchError::QueryFailed(cause())),
            "meilisearch:query_failed",
            500,
            "Search query failed",
        ),
        // EventStream
        (
            AppError::EventStream(EventStreamError::PublishFailed(cause())),
            "eventstream:publish_failed",
            503,
            "Event publish failed",
        ),
        // Worker / System
        (
            AppError::Worker(WorkerError::ConnectionFailed(cause())),
            "worker:connection_failed",
            503,
            "Worker service connection failed",
        ),
        (
            AppError::Worker(WorkerError::ResponseInvalid(cause())),
            "worker:response_invalid",
            502,
            "Worker returned invalid response",
        ),
        (
            AppError::Worker(WorkerError::VerificationEmailSendFailed),
            "worker:verification_email_send_failed",
            502,
            "Verification email failed to send",
        ),
        (
            AppError::Worker(WorkerError::PasswordResetEmailSendFailed),
            "worker:password_reset_email_send_failed",
            502,
            "Password reset email failed to send",
        ),
        (
            AppError::System(SystemError::InternalError(cause())),
            "system:internal_error",
            400,
            "Internal server error",
        ),
        (
            AppError::System(SystemError::HashingError(cause())),
            "system:hashing_error",
            500,
            "Password hashing failed",
        ),
        (
            AppError::System(SystemError::NotFound),
            "system:not_found",
            404,
            "Resource not found",
        ),
        (
            AppError::System(SystemError::TransactionError(db())),
            "system:transaction_error",
            500,
            "Database transaction failed",
        ),
        (
            AppError::System(SystemError::DatabaseError(db())),
            "system:database_error",
            500,
            "Database error",
        ),
        (
            AppError::System(SystemError::TokenCreationError(cause())),
            "system:token_creation_error",
            500,
            "Token creation failed",
        ),
    ]
}

/// The body in production, whatever the process-wide mode.
fn production(err: &AppError) -> String {
    serde_json::to_string(&err.envelope().with_context(Context::production())).unwrap()
}

fn development(err: &AppError) -> Value {
    serde_json::to_value(err.envelope().with_context(Context::development())).unwrap()
}

#[test]
fn every_row_of_the_page_is_modelled() {
    let page = page();
    // 13 user, 3 session, 15 oauth, 5 password, 6 token, 1 email, 8 totp,
    // 1 post, 3 file, 5 general, 1 rate limit, 3 turnstile, 1 search,
    // 1 eventstream, 4 worker, 6 system.
    assert_eq!(page.len(), 76);
    for (err, code, status, description) in &page {
        assert_eq!(err.code(), *code);
        assert_eq!(err.status(), *status, "{code}");
        assert_eq!(err.doc(), Some(*description), "{code}");
        assert_eq!(err.message().to_string(), *description, "{code}");
    }
}

#[test]
fn every_code_is_unique_across_the_composed_error() {
    let page = page();
    let mut seen = HashSet::new();
    for (err, ..) in &page {
        let code = err.code().to_string();
        assert!(seen.insert(code.clone()), "{code} twice in AppError");
    }
    assert_eq!(seen.len(), page.len());
    // The same operation in two domains is two codes.
    for pair in [
        ["user:not_found", "system:not_found"],
        ["user:email_already_exists", "oauth:email_already_exists"],
    ] {
        assert!(pair.iter().all(|code| seen.contains(*code)));
    }
}

#[test]
fn codes_are_domain_operation_but_two() {
    let domains = [
        "user",
        "session",
        "oauth",
        "password",
        "token",
        "email",
        "totp",
        "post",
        "file",
        "general",
        "rate_limit",
        "turnstile",
        "meilisearch",
        "eventstream",
        "worker",
        "system",
    ];
    let mut without_domain = Vec::new();
    for (err, ..) in &page() {
        let code = err.code().to_string();
        match code.split_once(':') {
            Some((domain, operation)) => {
                assert!(domains.contains(&domain), "{code}");
                assert!(
                    operation
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_'),
                    "{code}"
                );
            }
            None => without_domain.push(code),
        }
    }
    assert_eq!(without_domain, ["FORBIDDEN", "FILE_TOO_LARGE"]);
}

#[test]
fn the_statuses_that_look_odd_are_the_page_s() {
    assert_eq!(
        AppError::from(SystemError::InternalError(cause())).status(),
        400
    );
    assert_eq!(AppError::from(FileError::NotFound).status(), 400);
    assert_eq!(AppError::from(TotpError::BackupCodeExhausted).status(), 401);
    assert_eq!(
        AppError::from(OAuthError::UserInfoParseFailed(json_error())).status(),
        500
    );
    assert_eq!(
        AppError::from(OAuthError::UserInfoFetchFailed(cause())).status(),
        400
    );
}

#[test]
fn production_bodies_hold_code_and_message_only() {
    for (err, code, status, description) in &page() {
        let response = err
            .envelope()
            .with_context(Context::production())
            .to_response();
        assert_eq!(response.status(), *status, "{code}");
        assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
        assert_eq!(
            production(err),
            format!(
                r#"{{"error":{{"code":{},"message":{}}}}}"#,
                json!(code),
                json!(description)
            )
        );
        if let Some(source) = err.source_error() {
            assert!(!production(err).contains(&source.to_string()), "{code}");
        }
    }
}

#[test]
fn development_adds_details_with_the_source_chain() {
    for (err, code, ..) in &page() {
        let body = development(err);
        let inner = body["error"].as_object().unwrap();
        assert_eq!(
            inner.keys().map(String::as_str).collect::<HashSet<_>>(),
            HashSet::from(["code", "message", "details"]),
            "{code}"
        );
        let sources = inner["details"]["sources"].as_array().unwrap();
        let mut chain = Vec::new();
        let mut next = err.source_error();
        while let Some(cause) = next {
            chain.push(json!(cause.to_string()));
            next = cause.source();
        }
        assert_eq!(*sources, chain, "{code}");
        assert!(inner["details"]["debug"].is_string(), "{code}");
    }
}

#[test]
fn database_error_in_production_and_in_development() {
    let err = AppError::from(SystemError::DatabaseError(db()));
    assert_eq!(
        production(&err),
        r#"{"error":{"code":"system:database_error","message":"Database error"}}"#
    );
    assert_eq!(
        development(&err),
        json!({"error": {
            "code": "system:database_error",
            "message": "Database error",
            "details": {
                "debug": "System(DatabaseError(DatabaseError { query: \"SELECT * FROM users WHERE id = $1\", driver: DriverError(\"connection to 10.0.0.7:5432 refused\") }))",
                "sources": [
                    "query `SELECT * FROM users WHERE id = $1` failed",
                    "connection to 10.0.0.7:5432 refused"
                ]
            }
        }})
    );
}

#[test]
fn process_wide_development_mode() {
    // The only test of this binary that reads the process-wide mode: the
    // others pass their context explicitly.
    let err = AppError::from(SystemError::TransactionError(db()));
    assert!(!errbook::development_mode(), "production is the default");
    let text = String::from_utf8(err.to_response().into_body()).unwrap();
    assert_eq!(
        text,
        r#"{"error":{"code":"system:transaction_error","message":"Database transaction failed"}}"#
    );
    errbook::set_development_mode(true);
    let body: Value = serde_json::from_slice(err.to_response().body()).unwrap();
    errbook::set_development_mode(false);
    assert_eq!(
        body["error"]["details"]["sources"][1],
        "connection to 10.0.0.7:5432 refused"
    );
    assert!(
        !String::from_utf8(err.to_response().into_body())
            .unwrap()
            .contains("details")
    );
}

#[test]
fn rate_limit_sends_retry_after_without_a_body_member() {
    let err = AppError::from(RateLimitError::Exceeded {
        retry_after: Duration::from_millis(30_500),
    });
    let response = err
        .envelope()
        .with_context(Context::production())
        .to_response();
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()[header::RETRY_AFTER], "31");
    assert_eq!(
        std::str::from_utf8(response.body()).unwrap(),
        r#"{"error":{"code":"rate_limit:exceeded","message":"Too many requests"}}"#
    );
    assert!(
        page()
            .iter()
            .filter(|(e, ..)| e.retry_after().is_some())
            .all(|(e, ..)| e.code() == "rate_limit:exceeded")
    );
}

#[test]
fn question_mark_converts_each_domain_error() {
    fn sign_in(expired: bool) -> Result<(), AppError> {
        if expired {
            Err(SessionError::Expired)?;
        }
        Err(UserError::InvalidPassword)?;
        Ok(())
    }
    assert_eq!(sign_in(true).unwrap_err().code(), "session:expired");
    assert_eq!(sign_in(false).unwrap_err().code(), "user:invalid_password");
}
