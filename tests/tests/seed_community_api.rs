//! The community API's error page (seed 002) against its model in
//! `errbook_examples::community_api`: the status table, every message table,
//! the version errors and the rate limit, with the page's example bodies.

use std::collections::HashSet;
use std::time::Duration;

use errbook::http::header;
use errbook::{ApiError, Context};
use errbook_examples::community_api::{
    AuthMessage, CommunityError, ConflictMessage, NotFoundMessage, PermissionMessage,
    ValidationMessage,
};
use serde_json::{Value, json};

/// The page's "HTTP Status Codes" table: code, description. 200 and 201 are
/// not errors; 426 is `VERSION_OUTDATED`, whose code is a string.
const STATUS_TABLE: [(u16, &str); 11] = [
    (200, "Success"),
    (201, "Created"),
    (400, "Bad Request - Invalid input"),
    (401, "Unauthorized - Authentication required"),
    (403, "Forbidden - Permission denied"),
    (404, "Not Found - Resource doesn't exist"),
    (409, "Conflict - Resource already exists"),
    (426, "Upgrade Required - Client update needed"),
    (429, "Too Many Requests - Rate limited"),
    (500, "Internal Server Error"),
    (503, "Service Unavailable - Module not available"),
];

/// One error per integer code of the status table.
fn integer_coded() -> Vec<CommunityError> {
    vec![
        ValidationMessage::InvalidInput.into(),
        AuthMessage::AuthenticationRequired.into(),
        PermissionMessage::AccessDenied.into(),
        NotFoundMessage::Resource.into(),
        ConflictMessage::AlreadyExists.into(),
        CommunityError::RateLimited { retry_after: 1.5 },
        CommunityError::Internal("pool exhausted".into()),
        CommunityError::ModuleUnavailable { module: "voice" },
    ]
}

/// The page's "Version Errors" table: code, status, description.
const VERSION_TABLE: [(&str, u16, &str); 2] = [
    ("VERSION_OUTDATED", 426, "Client must update"),
    ("INVALID_VERSION_FORMAT", 400, "Malformed version string"),
];

fn version_errors() -> [CommunityError; 2] {
    [
        CommunityError::VersionOutdated {
            client_version: "a.0.9-1".into(),
            min_version: "a.1.0-1".into(),
            server_version: "a.1.0-1".into(),
            update_url: "https://...".into(),
        },
        CommunityError::InvalidVersionFormat {
            client_version: "1.0".into(),
        },
    ]
}

/// A message table of the page: its status, and (message, description) rows.
struct MessageTable {
    status: u16,
    rows: &'static [(&'static str, &'static str)],
    /// The model's messages for that status, each as the error it makes.
    modelled: Vec<(CommunityError, &'static str, &'static str)>,
}

fn rows<M: Copy + Into<CommunityError>>(
    all: &[M],
    message: impl Fn(M) -> &'static str,
    description: impl Fn(M) -> &'static str,
) -> Vec<(CommunityError, &'static str, &'static str)> {
    all.iter()
        .map(|m| ((*m).into(), message(*m), description(*m)))
        .collect()
}

fn message_tables() -> Vec<MessageTable> {
    vec![
        MessageTable {
            status: 401,
            rows: &[
                ("Authentication required", "No token provided"),
                ("Invalid token", "Token is malformed or invalid"),
                ("Token expired", "Token has expired"),
                ("Invalid credentials", "Wrong username/password"),
                ("Invalid code", "Wrong 2FA code"),
                ("Expired token", "Challenge token expired"),
            ],
            modelled: rows(
                AuthMessage::ALL,
                AuthMessage::message,
                AuthMessage::description,
            ),
        },
        MessageTable {
            status: 403,
            rows: &[
                ("Access denied", "No access to resource"),
                ("Permission denied", "Missing required permission"),
                ("Account locked", "Too many failed login attempts"),
                ("Admin access required", "Admin permission needed"),
                ("Cannot message this user", "User has blocked you"),
            ],
            modelled: rows(
                PermissionMessage::ALL,
                PermissionMessage::message,
                PermissionMessage::description,
            ),
        },
        MessageTable {
            status: 400,
            rows: &[
                ("Invalid input", "Request validation failed"),
                ("Invalid user ID", "ID format invalid"),
                ("Invalid channel ID", "ID format invalid"),
                ("Invalid server ID", "ID format invalid"),
                ("Invalid message ID", "ID format invalid"),
                ("Weak password", "Password doesn't meet requirements"),
                ("Message must have content...", "Empty message"),
                ("File too large", "Upload exceeds size limit"),
                ("Invalid file type", "Unsupported file format"),
            ],
            modelled: rows(
                ValidationMessage::ALL,
                ValidationMessage::message,
                ValidationMessage::description,
            ),
        },
        MessageTable {
            status: 404,
            rows: &[
                // The page's example body, with the status table's
                // description of a 404.
                ("Resource not found", "Resource doesn't exist"),
                ("User not found", "User doesn't exist"),
                ("Server not found", "Server doesn't exist"),
                ("Channel not found", "Channel doesn't exist"),
                ("Message not found", "Message doesn't exist"),
                ("Webhook not found", "Webhook doesn't exist"),
                ("Session not found", "Session doesn't exist"),
                ("Friend request not found", "No pending request"),
                ("Relationship not found", "No relationship exists"),
                ("Setting not found", "Setting key doesn't exist"),
            ],
            modelled: rows(
                NotFoundMessage::ALL,
                NotFoundMessage::message,
                NotFoundMessage::description,
            ),
        },
        MessageTable {
            status: 409,
            rows: &[
                ("Already exists", "Resource already exists"),
                ("Username already taken", "Username is in use"),
                ("Email already taken", "Email is in use"),
                ("Already a member", "Already in server"),
                ("2FA is already enabled", "2FA already active"),
            ],
            modelled: rows(
                ConflictMessage::ALL,
                ConflictMessage::message,
                ConflictMessage::description,
            ),
        },
    ]
}

/// The body in production, whatever the process-wide mode.
fn body(err: &CommunityError) -> String {
    serde_json::to_string(&err.envelope().with_context(Context::production())).unwrap()
}

/// `text` without the whitespace between JSON tokens, member order kept.
fn compact(text: &str) -> String {
    let mut out = String::new();
    let mut in_string = false;
    for c in text.chars() {
        if c == '"' {
            in_string = !in_string;
        }
        if in_string || !c.is_whitespace() {
            out.push(c);
        }
    }
    assert_eq!(
        serde_json::from_str::<Value>(&out).unwrap(),
        serde_json::from_str::<Value>(text).unwrap()
    );
    out
}

#[test]
fn every_error_status_of_the_status_table_is_modelled() {
    let errors = integer_coded();
    let integer_rows: Vec<_> = STATUS_TABLE
        .iter()
        .filter(|(status, _)| *status >= 400 && *status != 426)
        .collect();
    assert_eq!(errors.len(), integer_rows.len());
    for (err, (status, description)) in errors.iter().zip(integer_rows) {
        assert_eq!(err.code(), *status, "the code is the status");
        assert_eq!(err.status(), *status);
        assert_eq!(err.doc(), Some(*description));
        let value: Value = serde_json::from_str(&body(err)).unwrap();
        assert!(value["error"]["code"].is_u64(), "a JSON number: {value}");
    }
    // 426's row is the version error's status.
    let (status, _) = STATUS_TABLE[7];
    assert_eq!(version_errors()[0].status(), status);
}

#[test]
fn every_version_error_is_modelled() {
    for (err, (code, status, description)) in version_errors().iter().zip(VERSION_TABLE) {
        assert_eq!(err.code(), code);
        assert_eq!(err.status(), status);
        assert_eq!(err.doc(), Some(description));
        let value: Value = serde_json::from_str(&body(err)).unwrap();
        assert!(value["error"]["code"].is_string(), "{value}");
    }
}

#[test]
fn every_message_of_every_table_is_modelled() {
    let mut total = 0;
    for table in message_tables() {
        assert_eq!(
            table.modelled.len(),
            table.rows.len(),
            "{} messages",
            table.status
        );
        for ((err, message, description), (page_message, page_description)) in
            table.modelled.iter().zip(table.rows)
        {
            assert_eq!(message, page_message);
            assert_eq!(description, page_description, "{message}");
            assert_eq!(err.code(), table.status);
            assert_eq!(err.status(), table.status);
            assert_eq!(err.message().to_string(), *page_message);
            assert_eq!(
                body(err),
                format!(
                    r#"{{"error":{{"code":{},"message":{}}}}}"#,
                    table.status,
                    json!(page_message)
                )
            );
            total += 1;
        }
    }
    // The page's 34 messages and the example body's "Resource not found".
    assert_eq!(total, 35);
}

#[test]
fn codes_are_unique_and_statuses_shared() {
    let mut errors = integer_coded();
    errors.extend(version_errors());
    let codes: HashSet<String> = errors.iter().map(|e| e.code().to_string()).collect();
    assert_eq!(codes.len(), errors.len());
    // An integer 400 and a string code with the same status.
    let bad_requests: Vec<String> = errors
        .iter()
        .filter(|e| e.status() == 400)
        .map(|e| e.code().to_string())
        .collect();
    assert_eq!(bad_requests, ["400", "INVALID_VERSION_FORMAT"]);
}

#[test]
fn the_page_example_body() {
    let page = r#"{
"error": {
"code": 404,
"message": "Resource not found"
}
}"#;
    let err = CommunityError::from(NotFoundMessage::Resource);
    let response = err
        .envelope()
        .with_context(Context::production())
        .to_response();
    assert_eq!(response.status(), 404);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    assert_eq!(std::str::from_utf8(response.body()).unwrap(), compact(page));
}

#[test]
fn the_page_version_outdated_body() {
    let page = r#"{
"error": {
"code": "VERSION_OUTDATED",
"message": "Client version a.0.9-1 is no longer supported",
"client_version": "a.0.9-1",
"min_version": "a.1.0-1",
"server_version": "a.1.0-1",
"update_url": "https://..."
}
}"#;
    let [outdated, invalid] = version_errors();
    let response = outdated
        .envelope()
        .with_context(Context::production())
        .to_response();
    assert_eq!(response.status(), 426);
    assert_eq!(std::str::from_utf8(response.body()).unwrap(), compact(page));
    assert_eq!(
        body(&invalid),
        r#"{"error":{"code":"INVALID_VERSION_FORMAT","message":"Malformed version string","client_version":"1.0"}}"#
    );
}

#[test]
fn the_page_rate_limit_body_and_retry_after() {
    let page = r#"{
"error": {
"code": 429,
"message": "Rate limited",
"retry_after": 1.5
}
}"#;
    let err = CommunityError::RateLimited { retry_after: 1.5 };
    let response = err
        .envelope()
        .with_context(Context::production())
        .to_response();
    assert_eq!(response.status(), 429);
    assert_eq!(std::str::from_utf8(response.body()).unwrap(), compact(page));
    // Whole seconds, rounded up.
    assert_eq!(response.headers()[header::RETRY_AFTER], "2");
    assert_eq!(err.retry_after(), Some(Duration::from_millis(1500)));
    for (seconds, expected) in [(0.2, "1"), (1.0, "1"), (3.0, "3"), (59.01, "60")] {
        let err = CommunityError::RateLimited {
            retry_after: seconds,
        };
        assert_eq!(
            err.to_response().headers()[header::RETRY_AFTER],
            expected,
            "{seconds}"
        );
    }
    // The page's client reads the member as a number of seconds.
    let value: Value = serde_json::from_str(&body(&err)).unwrap();
    assert_eq!(value["error"]["retry_after"].as_f64(), Some(1.5));
}

#[test]
fn only_the_rate_limit_sends_retry_after() {
    let mut errors = integer_coded();
    errors.extend(version_errors());
    for err in &errors {
        assert_eq!(
            err.to_response()
                .headers()
                .contains_key(header::RETRY_AFTER),
            matches!(err, CommunityError::RateLimited { .. }),
            "{}",
            err.code()
        );
    }
}

#[test]
fn internal_errors_keep_their_cause_and_module_private() {
    let internal = CommunityError::Internal("pool exhausted at 10.0.0.7".into());
    assert_eq!(
        body(&internal),
        r#"{"error":{"code":500,"message":"Internal Server Error"}}"#
    );
    assert!(
        internal
            .source_error()
            .unwrap()
            .to_string()
            .contains("10.0.0.7")
    );
    let unavailable = CommunityError::ModuleUnavailable { module: "voice" };
    assert_eq!(
        body(&unavailable),
        r#"{"error":{"code":503,"message":"Module not available"}}"#
    );
    let development: Value =
        serde_json::to_value(unavailable.envelope().with_context(Context::development())).unwrap();
    assert!(
        development["error"]["details"]["debug"]
            .as_str()
            .unwrap()
            .contains("voice")
    );
}
