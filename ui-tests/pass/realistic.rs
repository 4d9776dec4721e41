//! A realistic API error enum and struct, compiled with every warning and
//! clippy's pedantic group denied.

#![deny(warnings, clippy::pedantic)]

use std::fmt;
use std::time::Duration;

use errbook::ApiError;
use errbook::http::StatusCode;

/// The session layer's own errors.
#[derive(Debug, ApiError)]
#[api(prefix = "session:", rename_all = "snake_case", status = 401)]
enum SessionError {
    /// The session token has expired.
    #[api(message = "Your session has expired.")]
    Expired,
    /// The session token is malformed.
    Malformed,
}

/// A database failure, never shown to clients.
#[derive(Debug)]
struct DbError(&'static str);

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for DbError {}

/// Everything the user endpoints can answer with.
#[derive(Debug, ApiError)]
#[api(prefix = "user:", rename_all = "snake_case")]
enum UserError {
    /// Wrong password.
    #[api(status = 401, message = "Invalid username or password.")]
    InvalidPassword,

    /// No user exists with this ID.
    #[api(
        code = "user:not_found",
        status = 404,
        message = "User {id} not found."
    )]
    NotFound { id: u64 },

    /// Rate limit exceeded.
    #[api(
        code = "RATE_LIMITED",
        status = 429,
        message = "Slow down, retry in {retry_after_ms} ms."
    )]
    RateLimited {
        #[api(field, retry_after = "ms")]
        retry_after_ms: u64,
    },

    /// Insufficient permissions.
    #[api(
        code = "FORBIDDEN",
        status = 403,
        message = "You do not have permission to perform this action."
    )]
    Forbidden {
        #[api(field)]
        missing_permission: String,
        #[api(field = "scope")]
        required_scope: &'static str,
        internal_note: String,
    },

    /// The upstream service answered with an error of its own.
    #[api(code = 50201, message = "Upstream error: {0}.")]
    Upstream(String, #[api(status)] StatusCode),

    /// Database error.
    #[api(
        code = "system:database_error",
        status = 500,
        message = "Database error."
    )]
    Database(#[api(source)] DbError),

    #[api(transparent)]
    Session(SessionError),
}

/// A struct is one error of its own.
#[derive(Debug, ApiError)]
#[api(
    code = "QUOTA_EXCEEDED",
    status = 429,
    message = "Quota of {limit} requests exceeded."
)]
struct QuotaExceeded {
    #[api(field)]
    limit: u32,
    #[api(retry_after)]
    reset_in: Duration,
}

fn body<E: ApiError>(err: &E) -> String {
    serde_json::to_string(&err.envelope()).unwrap()
}

fn main() {
    let err = UserError::Forbidden {
        missing_permission: "manage_messages".into(),
        required_scope: "admin",
        internal_note: "never shown".into(),
    };
    assert_eq!(err.code(), "FORBIDDEN");
    assert_eq!(err.status(), 403);
    assert_eq!(
        body(&err),
        r#"{"error":{"code":"FORBIDDEN","message":"You do not have permission to perform this action.","missing_permission":"manage_messages","scope":"admin"}}"#,
    );
    assert_eq!(err.doc(), Some("Insufficient permissions."));
    if let UserError::Forbidden { internal_note, .. } = &err {
        assert_eq!(internal_note, "never shown");
    }

    assert_eq!(UserError::InvalidPassword.code(), "user:invalid_password");
    assert_eq!(
        UserError::NotFound { id: 7 }.message().to_string(),
        "User 7 not found."
    );

    let limited = UserError::RateLimited {
        retry_after_ms: 1500,
    }
    .to_response();
    assert_eq!(limited.status(), 429);
    assert_eq!(limited.headers()["retry-after"], "2");

    let upstream = UserError::Upstream("timeout".into(), StatusCode::BAD_GATEWAY);
    assert_eq!(upstream.code(), 50201);
    assert_eq!(upstream.status(), 502);
    assert_eq!(
        body(&upstream),
        r#"{"error":{"code":50201,"message":"Upstream error: timeout."}}"#
    );

    let db = UserError::Database(DbError("connection refused"));
    assert_eq!(
        body(&db),
        r#"{"error":{"code":"system:database_error","message":"Database error."}}"#
    );
    assert_eq!(
        db.source_error().map(ToString::to_string).as_deref(),
        Some("connection refused")
    );

    let session = UserError::Session(SessionError::Expired);
    assert_eq!(session.code(), "session:expired");
    assert_eq!(session.status(), 401);
    assert_eq!(
        UserError::Session(SessionError::Malformed)
            .message()
            .to_string(),
        "Unauthorized"
    );

    let quota = QuotaExceeded {
        limit: 100,
        reset_in: Duration::from_millis(2500),
    };
    assert_eq!(
        body(&quota),
        r#"{"error":{"code":"QUOTA_EXCEEDED","message":"Quota of 100 requests exceeded.","limit":100}}"#,
    );
    assert_eq!(quota.to_response().headers()["retry-after"], "3");
}
