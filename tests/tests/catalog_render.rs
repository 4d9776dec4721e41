//! The catalog renderers against the error pages they reproduce: the
//! `domain:operation` API's page (seed 001, grouped by domain) and the chat
//! API's page (seed 000, grouped by status), row by row, with and without the
//! message and field columns; section titles from the first sentence of a
//! type's doc comment; the JSON rendering; and the rules every page keeps
//! (codes are code spans in both layouts, nothing collapses, `|` is
//! escaped). That rendering allocates nothing is tested in `allocations.rs`.

use std::collections::BTreeSet;

use errbook::catalog::render::{Json, Layout, Markdown, section_title};
use errbook::catalog::{Catalog, Entry};
use errbook::http::StatusCode;
use errbook::{ApiError, Rejection};
use errbook_examples::chat_api;
use errbook_examples::domain_api::AppError;
use serde_json::{Value, json};

/// A row of the `domain:operation` API's page: code, HTTP status,
/// description.
type DomainRow = (&'static str, u16, &'static str);

/// A row of the chat API's page: code, description.
type ChatRow = (&'static str, &'static str);

/// The tables of the `domain:operation` API's page (seed 001), copied from
/// the page: each section's title and its rows (code, HTTP status,
/// description).
const SEED_001: &[(&str, &[DomainRow])] = &[
    (
        "User Errors",
        &[
            ("user:invalid_password", 401, "Wrong password"),
            (
                "user:password_not_set",
                401,
                "User has no password (OAuth-only account)",
            ),
            ("user:invalid_session", 401, "Session is invalid"),
            ("user:not_verified", 401, "Email not verified"),
            ("user:not_found", 404, "User not found"),
            ("user:unauthorized", 401, "Not authenticated"),
            ("user:banned", 403, "User is banned"),
            (
                "user:permission_insufficient",
                403,
                "Insufficient permissions",
            ),
            ("user:handle_already_exists", 409, "Handle is taken"),
            (
                "user:email_already_exists",
                409,
                "Email is already registered",
            ),
            ("user:token_expired", 401, "Auth token has expired"),
            ("user:no_refresh_token", 401, "No refresh token available"),
            ("user:invalid_token", 401, "Auth token is invalid"),
        ],
    ),
    (
        "Session Errors",
        &[
            (
                "session:invalid_user_id",
                401,
                "Session user ID is malformed",
            ),
            ("session:expired", 401, "Session has expired (max lifetime)"),
            ("session:not_found", 401, "Session not found in Redis"),
        ],
    ),
    (
        "OAuth Errors",
        &[
            (
                "oauth:invalid_auth_url",
                400,
                "Failed to build authorization URL",
            ),
            (
                "oauth:invalid_token_url",
                400,
                "Failed to build token exchange URL",
            ),
            ("oauth:invalid_redirect_url", 400, "Invalid redirect URI"),
            (
                "oauth:token_exchange_failed",
                400,
                "Code-to-token exchange failed",
            ),
            (
                "oauth:user_info_fetch_failed",
                400,
                "Failed to fetch user info from provider",
            ),
            (
                "oauth:user_info_parse_failed",
                500,
                "Failed to parse provider user info",
            ),
            (
                "oauth:account_already_linked",
                409,
                "OAuth account already linked to another user",
            ),
            (
                "oauth:connection_not_found",
                404,
                "OAuth connection not found",
            ),
            (
                "oauth:cannot_unlink_last_connection",
                400,
                "Cannot unlink the last OAuth connection (no password)",
            ),
            (
                "oauth:invalid_image_url",
                400,
                "Invalid avatar URL from provider",
            ),
            ("oauth:invalid_state", 400, "OAuth state parameter mismatch"),
            ("oauth:state_expired", 400, "OAuth state has expired"),
            (
                "oauth:handle_required",
                400,
                "Handle required for new OAuth signup",
            ),
            ("oauth:email_already_exists", 409, "Email already exists"),
            (
                "oauth:email_not_verified",
                400,
                "Provider email not verified",
            ),
        ],
    ),
    (
        "Password Errors",
        &[
            (
                "password:required_for_update",
                400,
                "Current password required",
            ),
            ("password:incorrect", 400, "Current password is wrong"),
            (
                "password:cannot_update_oauth_only",
                400,
                "Cannot set password on OAuth-only account",
            ),
            (
                "password:new_password_missing",
                400,
                "New password not provided",
            ),
            ("password:already_set", 400, "Password is already set"),
        ],
    ),
    (
        "Token Errors",
        &[
            (
                "token:invalid_verification",
                400,
                "Email verification token is invalid",
            ),
            (
                "token:expired_verification",
                400,
                "Email verification token has expired",
            ),
            ("token:email_mismatch", 400, "Token email doesn't match"),
            (
                "token:invalid_reset",
                400,
                "Password reset token is invalid",
            ),
            (
                "token:expired_reset",
                400,
                "Password reset token has expired",
            ),
            (
                "token:invalid_email_change",
                400,
                "Email change token is invalid",
            ),
        ],
    ),
    (
        "Email Errors",
        &[("email:already_verified", 400, "Email is already verified")],
    ),
    (
        "TOTP Errors",
        &[
            ("totp:already_enabled", 409, "TOTP is already enabled"),
            ("totp:not_enabled", 400, "TOTP is not enabled"),
            ("totp:invalid_code", 400, "Invalid TOTP or backup code"),
            (
                "totp:temp_token_invalid",
                400,
                "Temporary login token is invalid",
            ),
            (
                "totp:temp_token_expired",
                400,
                "Temporary login token has expired",
            ),
            ("totp:backup_code_exhausted", 401, "All backup codes used"),
            (
                "totp:secret_generation_failed",
                500,
                "Failed to generate TOTP secret",
            ),
            (
                "totp:qr_generation_failed",
                500,
                "Failed to generate QR code",
            ),
        ],
    ),
    ("Post Errors", &[("post:not_found", 404, "Post not found")]),
    (
        "File Errors",
        &[
            ("file:upload_error", 400, "File upload failed"),
            ("file:not_found", 400, "File not found"),
            ("file:read_error", 400, "File read failed"),
        ],
    ),
    (
        "General Errors",
        &[
            ("general:bad_request", 400, "Bad request"),
            ("general:validation_error", 400, "Validation failed"),
            ("general:invalid_ip_address", 400, "Invalid IP address"),
            ("FORBIDDEN", 403, "Access forbidden"),
            ("FILE_TOO_LARGE", 413, "Payload too large"),
        ],
    ),
    (
        "Rate Limiting",
        &[("rate_limit:exceeded", 429, "Too many requests")],
    ),
    (
        "Turnstile (Bot Protection)",
        &[
            (
                "turnstile:token_missing",
                400,
                "Turnstile token not provided",
            ),
            (
                "turnstile:verification_failed",
                403,
                "Turnstile verification failed",
            ),
            (
                "turnstile:service_error",
                503,
                "Turnstile service unavailable",
            ),
        ],
    ),
    (
        "Search",
        &[("meilisearch:query_failed", 500, "Search query failed")],
    ),
    (
        "EventStream",
        &[("eventstream:publish_failed", 503, "Event publish failed")],
    ),
    (
        "Worker / System",
        &[
            (
                "worker:connection_failed",
                503,
                "Worker service connection failed",
            ),
            (
                "worker:response_invalid",
                502,
                "Worker returned invalid response",
            ),
            (
                "worker:verification_email_send_failed",
                502,
                "Verification email failed to send",
            ),
            (
                "worker:password_reset_email_send_failed",
                502,
                "Password reset email failed to send",
            ),
            ("system:internal_error", 400, "Internal server error"),
            ("system:hashing_error", 500, "Password hashing failed"),
            ("system:not_found", 404, "Resource not found"),
            (
                "system:transaction_error",
                500,
                "Database transaction failed",
            ),
            ("system:database_error", 500, "Database error"),
            ("system:token_creation_error", 500, "Token creation failed"),
        ],
    ),
];

/// The tables of the chat API's page (seed 000), copied from the page: each
/// heading and its rows (code, description). The last table is the page's
/// federation codes, which have no HTTP status.
const SEED_000: &[(&str, &[ChatRow])] = &[
    (
        "400 Bad Request",
        &[
            (
                "PROTOCOL_VERSION_MISMATCH",
                "Client protocol version is not supported by the server.",
            ),
            (
                "MESSAGE_TOO_LARGE",
                "Message body exceeds the maximum allowed size.",
            ),
            (
                "SPACE_TYPE_MISMATCH",
                "Operation is not valid for this space type.",
            ),
            (
                "GATEWAY_VERSION_MISMATCH",
                "Gateway protocol version is not supported.",
            ),
        ],
    ),
    (
        "401 Unauthorized",
        &[
            ("AUTH_FAILED", "Invalid username or password."),
            ("AUTH_EXPIRED", "Authentication token has expired."),
            (
                "2FA_REQUIRED",
                "Two-factor authentication is required to proceed.",
            ),
            ("2FA_INVALID_CODE", "The provided 2FA code is incorrect."),
            (
                "WEBAUTHN_INVALID",
                "WebAuthn assertion verification failed.",
            ),
        ],
    ),
    (
        "403 Forbidden",
        &[
            (
                "FORBIDDEN",
                "Insufficient permissions. Check `missing_permission`.",
            ),
            ("BANNED", "The user is banned from this space."),
            (
                "ROLE_HIERARCHY",
                "Cannot modify a role equal to or above your own.",
            ),
            (
                "DM_PERMISSION_DENIED",
                "The recipient does not allow DMs from you.",
            ),
            ("USER_BLOCKED", "The target user has blocked you."),
            (
                "FEDERATION_DENIED",
                "Federation is not permitted with this peer.",
            ),
        ],
    ),
    (
        "404 Not Found",
        &[
            ("USER_NOT_FOUND", "No user exists with this ID."),
            ("SPACE_NOT_FOUND", "No space exists with this ID."),
            ("MESSAGE_NOT_FOUND", "No message exists with this ID."),
            ("REPORT_NOT_FOUND", "No report exists with this ID."),
            ("CMD_NOT_FOUND", "No command registered with this name."),
            ("WEBHOOK_NOT_FOUND", "No webhook exists with this ID."),
            ("KEY_BACKUP_NOT_FOUND", "No E2EE key backup found."),
            (
                "WEBAUTHN_CREDENTIAL_NOT_FOUND",
                "No WebAuthn credential with this ID.",
            ),
        ],
    ),
    (
        "409 Conflict",
        &[
            (
                "ALREADY_IN_VOICE",
                "User is already connected to a voice channel.",
            ),
            (
                "CMD_ALREADY_REGISTERED",
                "A command with this name is already registered.",
            ),
            (
                "2FA_ALREADY_ENABLED",
                "Two-factor authentication is already enabled.",
            ),
        ],
    ),
    (
        "410 Gone",
        &[
            ("INVITE_EXPIRED", "This invite has expired or been revoked."),
            ("INTERACTION_EXPIRED", "This interaction token has expired."),
            (
                "2FA_SETUP_EXPIRED",
                "The 2FA setup session has expired. Start over.",
            ),
            (
                "DEVICE_PAIR_EXPIRED",
                "The device pairing session has expired.",
            ),
            (
                "CPACE_EXPIRED",
                "The CPace key agreement session has expired.",
            ),
        ],
    ),
    (
        "413 Content Too Large",
        &[("FILE_TOO_LARGE", "Uploaded file exceeds the maximum size.")],
    ),
    (
        "422 Unprocessable Entity",
        &[
            ("INVITE_INVALID", "The invite code is malformed or invalid."),
            ("WEBHOOK_TOKEN_INVALID", "The webhook token does not match."),
            (
                "2FA_NOT_ENABLED",
                "Cannot perform this action without 2FA enabled.",
            ),
            (
                "2FA_RECOVERY_EXHAUSTED",
                "All recovery codes have been used.",
            ),
            ("CPACE_FAILED", "CPace key agreement verification failed."),
        ],
    ),
    (
        "429 Too Many Requests",
        &[(
            "RATE_LIMITED",
            "Rate limit exceeded. Retry after `retry_after_ms` milliseconds.",
        )],
    ),
    (
        "500 Internal Server Error",
        &[("UNKNOWN_ERROR", "An unexpected server error occurred.")],
    ),
    (
        "502 Bad Gateway",
        &[(
            "FEDERATION_UNAVAILABLE",
            "The federated peer server is unreachable.",
        )],
    ),
    (
        "503 Service Unavailable",
        &[
            (
                "SERVER_FULL",
                "The server has reached its maximum capacity.",
            ),
            (
                "ROOM_FULL",
                "The voice room has reached its maximum capacity.",
            ),
            (
                "PREKEY_EXHAUSTED",
                "No pre-keys available for this device (E2EE).",
            ),
            (
                "DEVICE_LIMIT_REACHED",
                "Maximum number of devices reached for this account.",
            ),
        ],
    ),
    (
        "Federation error codes",
        &[
            ("FED_OK", "Request succeeded."),
            ("FED_DENIED", "Federation denied by peer policy."),
            ("FED_INVALID", "Invalid federation request format."),
            (
                "FED_NONCE_REUSE",
                "Nonce has already been used (replay detected).",
            ),
            ("FED_EXPIRED", "Federation request timestamp is too old."),
            ("FED_UNKNOWN", "Unknown federation error."),
            (
                "FED_SERVER_FULL",
                "The federated peer server is at capacity.",
            ),
        ],
    ),
];

/// The chat API's page: its HTTP codes, then its federation codes, as one
/// catalog.
static CHAT_API: &Catalog = &chat_api::CATALOG;

/// One section of a rendered page.
#[derive(Debug)]
struct Section {
    /// The number of `#` of the heading.
    level: usize,
    /// The heading's text.
    title: String,
    /// The table's header row.
    header: Vec<String>,
    /// The table's rows, `\|` unescaped, code spans as their code.
    rows: Vec<Vec<String>>,
}

/// Parses a page the renderers write, strictly: sections of a heading, a
/// blank line, a table header, its delimiter row and rows, separated by one
/// blank line; anything else fails the test.
fn parse(page: &str) -> Vec<Section> {
    assert!(
        page.is_empty() || page.ends_with('\n'),
        "page ends its last line"
    );
    let mut sections = Vec::new();
    let mut lines = page.lines().peekable();
    while let Some(heading) = lines.next() {
        let level = heading.chars().take_while(|&c| c == '#').count();
        let title = heading
            .get(level..)
            .and_then(|rest| rest.strip_prefix(' '))
            .unwrap_or_else(|| panic!("expected a heading, found {heading:?}"));
        assert!((1..=6).contains(&level), "{heading:?}");
        assert_eq!(lines.next(), Some(""), "a blank line after {heading:?}");
        let header = cells(lines.next().expect("a table header"));
        let delimiter = lines.next().expect("a delimiter row");
        assert_eq!(delimiter, format!("|{}", "---|".repeat(header.len())));
        let mut rows = Vec::new();
        while let Some(line) = lines.next_if(|line| !line.is_empty()) {
            let row = cells(line);
            assert_eq!(row.len(), header.len(), "{line:?}");
            rows.push(row);
        }
        assert!(!rows.is_empty(), "section {title:?} has rows");
        if lines.next().is_some() {
            assert!(lines.peek().is_some(), "no blank line at the end");
        }
        sections.push(Section {
            level,
            title: title.to_owned(),
            header,
            rows,
        });
    }
    sections
}

/// The cells of a table row: split at unescaped `|`, `\|` unescaped, a code
/// span reduced to its code.
fn cells(line: &str) -> Vec<String> {
    let inner = line
        .strip_prefix("| ")
        .and_then(|line| line.strip_suffix(" |"))
        .unwrap_or_else(|| panic!("not a table row: {line:?}"));
    let mut cells = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                cells.last_mut().unwrap().push('|');
            }
            '|' => cells.push(String::new()),
            c => cells.last_mut().unwrap().push(c),
        }
    }
    cells
        .into_iter()
        .map(|cell| {
            let cell = cell.trim();
            match cell.strip_prefix('`').and_then(|c| c.strip_suffix('`')) {
                Some(code) if !code.contains('`') => code.to_owned(),
                _ => cell.to_owned(),
            }
        })
        .collect()
}

#[test]
fn domain_page_matches_seed_001_row_by_row() {
    let page = Markdown::by_domain(AppError::catalog()).to_string();
    let sections = parse(&page);

    let titles: Vec<&str> = sections.iter().map(|s| s.title.as_str()).collect();
    let expected: Vec<&str> = SEED_001.iter().map(|(title, _)| *title).collect();
    assert_eq!(titles, expected, "section titles, in the page's order");

    for (section, (title, rows)) in sections.iter().zip(SEED_001) {
        assert_eq!(section.level, 2, "{title}");
        assert_eq!(section.header, ["Code", "HTTP Status", "Description"]);
        let got: Vec<(&str, &str, &str)> = section
            .rows
            .iter()
            .map(|row| (row[0].as_str(), row[1].as_str(), row[2].as_str()))
            .collect();
        let statuses: Vec<String> = rows.iter().map(|(_, s, _)| s.to_string()).collect();
        let want: Vec<(&str, &str, &str)> = rows
            .iter()
            .zip(&statuses)
            .map(|((code, _, description), status)| (*code, status.as_str(), *description))
            .collect();
        assert_eq!(got, want, "rows of {title}");
    }
    let rows: usize = sections.iter().map(|s| s.rows.len()).sum();
    assert_eq!(rows, 76);
    assert_eq!(rows, AppError::catalog().len());
}

#[test]
fn the_composing_type_has_no_section_of_its_own() {
    // `AppError` has only transparent variants: every code is in the section
    // of the domain type that declares it.
    let page = Markdown::by_domain(AppError::catalog()).to_string();
    assert!(!page.contains("AppError"));
    assert!(!page.contains(section_title(AppError::catalog())));
    // Two types with the same title share one section: `WorkerError` and
    // `SystemError` make the page's "Worker / System" table.
    assert_eq!(page.matches("## Worker / System\n").count(), 1);
}

#[test]
fn chat_page_by_status_matches_seed_000_row_by_row() {
    let page = Markdown::by_status(CHAT_API).to_string();
    let sections = parse(&page);

    // The headings are the page's, except two: `http`'s reason phrase for
    // 413 is "Payload Too Large" (the page says RFC 9110's "Content Too
    // Large"), and the federation codes are under the renderer's heading for
    // codes without an HTTP status.
    let headings: Vec<&str> = sections.iter().map(|s| s.title.as_str()).collect();
    let expected: Vec<&str> = SEED_000
        .iter()
        .map(|(heading, _)| match *heading {
            "413 Content Too Large" => "413 Payload Too Large",
            "Federation error codes" => "Codes without HTTP status",
            heading => heading,
        })
        .collect();
    assert_eq!(headings, expected);

    for (section, (heading, rows)) in sections.iter().zip(SEED_000) {
        assert_eq!(section.level, 3, "{heading}");
        assert_eq!(section.header, ["Code", "Description"]);
        let got: Vec<(&str, &str)> = section
            .rows
            .iter()
            .map(|row| (row[0].as_str(), row[1].as_str()))
            .collect();
        assert_eq!(got, *rows, "rows of {heading}");
    }
    let rows: usize = sections.iter().map(|s| s.rows.len()).sum();
    assert_eq!(rows, 44 + 7);
}

#[test]
fn domain_page_by_status_keeps_every_code() {
    let sections = parse(&Markdown::by_status(AppError::catalog()).to_string());
    let statuses: Vec<u16> = sections
        .iter()
        .map(|s| s.title.split(' ').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(statuses, [400, 401, 403, 404, 409, 413, 429, 500, 502, 503]);
    // Each row under the status the page gives it, in the page's order.
    for (section, status) in sections.iter().zip(&statuses) {
        let want: Vec<(&str, &str)> = SEED_001
            .iter()
            .flat_map(|(_, rows)| rows.iter())
            .filter(|(_, s, _)| s == status)
            .map(|(code, _, description)| (*code, *description))
            .collect();
        let got: Vec<(&str, &str)> = section
            .rows
            .iter()
            .map(|row| (row[0].as_str(), row[1].as_str()))
            .collect();
        assert_eq!(got, want, "{status}");
    }
    assert_eq!(sections[0].rows.len(), 35, "35 codes share 400");
}

/// Codes that share statuses, across two types.
#[derive(Debug, ApiError)]
#[api(prefix = "post:", rename_all = "snake_case", status = 404)]
pub enum PostError {
    /// Post not found.
    NotFound,
    /// Comment not found.
    CommentNotFound,
    /// Post is locked.
    #[api(status = 403)]
    Locked,
}

/// Space errors.
#[derive(Debug, ApiError)]
#[api(prefix = "space:", rename_all = "snake_case", status = 404)]
pub enum SpaceError {
    /// Space not found.
    NotFound,
}

/// Every error of a forum.
#[derive(Debug, ApiError)]
pub enum ForumError {
    /// Forum is read-only.
    #[api(code = "READ_ONLY", status = 403)]
    ReadOnly,
    /// `post:…`
    #[api(transparent)]
    Post(PostError),
    /// `space:…`
    #[api(transparent)]
    Space(SpaceError),
    /// Try again later.
    #[api(code = 50301, status = 503)]
    Unavailable,
}

#[test]
fn codes_sharing_a_status_are_all_listed() {
    let sections = parse(&Markdown::by_status(ForumError::catalog()).to_string());
    let table: Vec<(&str, Vec<(&str, &str)>)> = sections
        .iter()
        .map(|s| {
            let rows = s.rows.iter().map(|r| (r[0].as_str(), r[1].as_str()));
            (s.title.as_str(), rows.collect())
        })
        .collect();
    assert_eq!(
        table,
        [
            (
                "403 Forbidden",
                vec![
                    ("READ_ONLY", "Forum is read-only."),
                    ("post:locked", "Post is locked."),
                ]
            ),
            (
                "404 Not Found",
                vec![
                    ("post:not_found", "Post not found."),
                    ("post:comment_not_found", "Comment not found."),
                    ("space:not_found", "Space not found."),
                ]
            ),
            (
                "503 Service Unavailable",
                vec![("50301", "Try again later.")]
            ),
        ]
    );
}

#[test]
fn a_composing_type_with_codes_of_its_own_has_a_section_where_its_first_code_is() {
    let sections = parse(&Markdown::by_domain(ForumError::catalog()).to_string());
    let table: Vec<(&str, Vec<(&str, &str)>)> = sections
        .iter()
        .map(|s| {
            let rows = s.rows.iter().map(|r| (r[0].as_str(), r[1].as_str()));
            (s.title.as_str(), rows.collect())
        })
        .collect();
    // `ForumError`'s codes are one section, though `Unavailable` comes after
    // the nested types; a type without a doc comment is titled by its name.
    assert_eq!(
        table,
        [
            (
                "Every error of a forum",
                vec![("READ_ONLY", "403"), ("50301", "503")]
            ),
            (
                "Codes that share statuses, across two types",
                vec![
                    ("post:not_found", "404"),
                    ("post:comment_not_found", "404"),
                    ("post:locked", "403"),
                ]
            ),
            ("Space errors", vec![("space:not_found", "404")]),
        ]
    );
}

/// Routing errors, whose status is the request's.
#[derive(Debug, ApiError)]
pub enum RoutingError {
    /// Unrecognized request.
    #[api(code = "M_UNRECOGNIZED")]
    Unrecognized {
        /// The status the request gets.
        #[api(status)]
        status: StatusCode,
    },
    /// Use `M_UNRECOGNIZED` | `M_NOT_FOUND`.
    ///
    /// Kept for older clients.
    #[deprecated = "use Unrecognized"]
    #[api(code = "M_UNKNOWN", status = 400)]
    Unknown,
    /// Rate limited.
    #[api(
        code = "M_LIMIT_EXCEEDED",
        status = 429,
        message = "Wait {retry_after_ms} ms."
    )]
    LimitExceeded {
        /// How long to wait.
        #[api(field, retry_after = "ms")]
        retry_after_ms: u64,
        /// The limit's bucket, exposed as `scope`.
        #[api(field = "scope")]
        bucket: &'static str,
    },
}

/// Peer replies.
#[derive(Debug, ApiError)]
#[api(prefix = "FED_", status = none, domain = "federation.example.com")]
pub enum PeerCode {
    /// Request succeeded.
    Ok,
}

/// Problems with pages of their own.
#[derive(Debug, ApiError)]
#[api(docs = "https://example.com/probs/{code}")]
pub enum DocumentedError {
    /// The account's balance is too low.
    #[api(code = "out-of-credit", status = 403)]
    OutOfCredit,
    /// A code with a `|` and a backtick.
    #[api(code = "odd|`code", status = 400, message = "Odd.")]
    Odd,
    // No doc comment: its description cell is its message template.
    #[allow(missing_docs)]
    #[api(
        code = "`edge`",
        status = 400,
        message = "Starts and ends with a backtick | pipe."
    )]
    Edge,
}

/// Everything a page has to show.
#[derive(Debug, ApiError)]
pub enum EdgeError {
    /// Statuses chosen at run time, deprecation, templates.
    #[api(transparent)]
    Routing(RoutingError),
    /// No HTTP status.
    #[api(transparent)]
    Peer(PeerCode),
    /// Links and odd codes.
    #[api(transparent)]
    Documented(DocumentedError),
}

#[test]
fn run_time_and_missing_statuses_have_sections_after_the_fixed_ones() {
    let page = Markdown::by_status(EdgeError::catalog()).to_string();
    let sections = parse(&page);
    let titles: Vec<&str> = sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "400 Bad Request",
            "403 Forbidden",
            "429 Too Many Requests",
            "Status chosen at run time",
            "Codes without HTTP status",
        ]
    );
    assert_eq!(
        sections[3].rows,
        [["M_UNRECOGNIZED", "Unrecognized request."]]
    );
    assert_eq!(sections[4].rows, [["FED_OK", "Request succeeded."]]);

    let page = Markdown::by_domain(EdgeError::catalog()).to_string();
    assert!(page.contains("| `M_UNRECOGNIZED` | varies | Unrecognized request. |\n"));
    assert!(page.contains("| `FED_OK` | — | Request succeeded. |\n"));
}

#[test]
fn cells_escape_pipes_mark_deprecation_and_link_to_docs() {
    let page = Markdown::by_status(EdgeError::catalog()).to_string();
    // The first paragraph of the doc comment, `|` escaped, then the mark.
    assert!(
        page.contains("| `M_UNKNOWN` | Use `M_UNRECOGNIZED` \\| `M_NOT_FOUND`. (deprecated) |\n")
    );
    assert!(page.contains("| `M_LIMIT_EXCEEDED` | Rate limited. |\n"));
    // A type with `docs` links each code to its page.
    assert!(page.contains(
        "| [`out-of-credit`](https://example.com/probs/out-of-credit) | The account's balance is too low. |\n"
    ));
    // Codes holding `|` or backticks stay whole code spans.
    assert!(page.contains(
        "| [``odd\\|`code``](https://example.com/probs/odd\\|`code) | A code with a `|` and a backtick. |\n"
            .replace("`|`", "`\\|`")
            .as_str()
    ));
    // Without a doc comment, the message template.
    assert!(page.contains(
        "| [`` `edge` ``](https://example.com/probs/`edge`) | Starts and ends with a backtick \\| pipe. |\n"
    ));
    // Every row still has its two cells.
    for section in parse(&page) {
        assert!(section.rows.iter().all(|row| row.len() == 2));
    }
}

#[test]
fn heading_level_and_empty_catalogs() {
    let page = Markdown::by_domain(ForumError::catalog())
        .heading_level(4)
        .to_string();
    assert!(page.starts_with("#### Every error of a forum\n"));
    let page = Markdown::by_status(ForumError::catalog())
        .heading_level(0)
        .to_string();
    assert!(page.starts_with("# 403 Forbidden\n"));
    let page = Markdown::by_status(ForumError::catalog())
        .heading_level(9)
        .to_string();
    assert!(page.starts_with("###### 403 Forbidden\n"));

    assert_eq!(Markdown::by_status(&Catalog::EMPTY).to_string(), "");
    assert_eq!(Markdown::by_domain(&Catalog::EMPTY).to_string(), "");
    assert_eq!(Json::new(&Catalog::EMPTY).to_string(), "[]");
}

/// The members of every JSON entry.
const MEMBERS: [&str; 12] = [
    "code",
    "deprecated",
    "description",
    "docs",
    "domain",
    "fields",
    "message",
    "retry_after",
    "status",
    "title",
    "type",
    "variant",
];

#[test]
fn json_round_trips_with_every_entry_in_shape() {
    for catalog in [
        AppError::catalog(),
        CHAT_API,
        EdgeError::catalog(),
        ForumError::catalog(),
    ] {
        let text = Json::new(catalog).to_string();
        assert_eq!(text, serde_json::to_string(&Json::new(catalog)).unwrap());
        assert_eq!(
            format!("{:#}", Json::new(catalog)),
            serde_json::to_string_pretty(&Json::new(catalog)).unwrap()
        );
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value, serde_json::to_value(Json::new(catalog)).unwrap());
        let entries = value.as_array().unwrap();
        assert_eq!(entries.len(), catalog.len());
        for (entry, (owner, expected)) in entries.iter().zip(catalog.entries()) {
            let members: BTreeSet<&str> = entry
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(members, BTreeSet::from(MEMBERS), "{entry}");
            assert!(
                entry["code"].is_string() || entry["code"].is_u64(),
                "{entry}"
            );
            assert_eq!(
                entry["code"].to_string().trim_matches('"'),
                expected.code().to_string()
            );
            assert!(
                entry["status"].is_u64()
                    || entry["status"] == "varies"
                    || entry["status"].is_null()
            );
            assert!(entry["message"].is_string() || entry["message"].is_null());
            assert!(entry["title"].is_string() || entry["title"].is_null());
            assert!(entry["description"].is_string() || entry["description"].is_null());
            assert!(entry["deprecated"].is_boolean());
            assert!(["s", "ms"].contains(&entry["retry_after"].as_str().unwrap_or("s")));
            assert_eq!(entry["type"], owner.type_name());
            assert_eq!(entry["variant"], expected.variant());
            for field in entry["fields"].as_array().unwrap() {
                let keys: Vec<&String> = field.as_object().unwrap().keys().collect();
                assert_eq!(keys, ["name", "type"]);
            }
        }
    }

    let app = serde_json::to_value(Json::new(AppError::catalog())).unwrap();
    assert_eq!(
        app[0],
        json!({
            "code": "user:invalid_password",
            "status": 401,
            "message": "Wrong password",
            "title": null,
            "description": "Wrong password",
            "fields": [],
            "retry_after": null,
            "deprecated": false,
            "type": "UserError",
            "variant": "InvalidPassword",
            "domain": null,
            "docs": null,
        })
    );
    let limited = app
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["code"] == "rate_limit:exceeded")
        .unwrap();
    assert_eq!(limited["retry_after"], "s");
    assert_eq!(limited["type"], "RateLimitError");

    let edge = serde_json::to_value(Json::new(EdgeError::catalog())).unwrap();
    assert_eq!(edge[0]["status"], "varies");
    assert_eq!(edge[1]["deprecated"], true);
    assert_eq!(
        edge[1]["description"],
        "Use `M_UNRECOGNIZED` | `M_NOT_FOUND`.\n\nKept for older clients."
    );
    assert_eq!(edge[2]["message"], "Wait {retry_after_ms} ms.");
    assert_eq!(edge[2]["retry_after"], "ms");
    assert_eq!(
        edge[2]["fields"],
        json!([{"name": "retry_after_ms", "type": "u64"}, {"name": "scope", "type": "&'static str"}])
    );
    assert_eq!(edge[3]["status"], Value::Null);
    assert_eq!(edge[3]["domain"], "federation.example.com");
    assert_eq!(edge[4]["docs"], "https://example.com/probs/out-of-credit");

    let forum = serde_json::to_value(Json::new(ForumError::catalog())).unwrap();
    assert_eq!(forum[5]["code"], 50301);
}

#[test]
fn the_example_prints_the_same_page() {
    // `cargo run --example catalog` writes this rendering after the page's
    // title and introduction; the example's own output is not captured here.
    let page = Markdown::by_domain(AppError::catalog()).to_string();
    assert!(
        page.starts_with("## User Errors\n\n| Code | HTTP Status | Description |\n|---|---|---|\n")
    );
    // Codes as code spans, as in the page grouped by status.
    assert!(page.contains("| `user:invalid_password` | 401 | Wrong password |\n"));
    assert!(page.ends_with("| `system:token_creation_error` | 500 | Token creation failed |\n"));
}

#[test]
fn for_entry_in_a_catalog_walks_every_code_in_declaration_order() {
    // `&Catalog` is `IntoIterator`: `for entry in T::catalog()` needs no
    // `.iter()`.
    let mut codes = Vec::new();
    for entry in AppError::catalog() {
        codes.push(entry.code().to_string());
    }
    let walked: Vec<String> = AppError::catalog()
        .entries()
        .map(|(_, entry)| entry.code().to_string())
        .collect();
    assert_eq!(codes, walked);
    assert_eq!(codes.len(), 76);
    assert_eq!(codes[0], "user:invalid_password");
    assert_eq!(codes[75], "system:token_creation_error");

    // A catalog gathered by hand walks the same way, nested types in order.
    let entries: Vec<Entry> = CHAT_API.into_iter().collect();
    assert_eq!(entries.len(), 51);
    assert_eq!(entries[0].code(), "PROTOCOL_VERSION_MISMATCH");
    assert_eq!(entries[0].catalog().type_name(), "ChatError");
    assert_eq!(entries[50].code(), "FED_SERVER_FULL");
    assert_eq!(entries[50].catalog().type_name(), "FederationCode");
}

/// Billing errors. Each is a 4xx; none is retried.
#[derive(Debug, ApiError)]
#[api(prefix = "billing:", rename_all = "snake_case", status = 402)]
pub enum BillingError {
    /// Payment required.
    PaymentRequired,
}

/// Upload errors, e.g. a file over the limit. They carry the limit.
#[derive(Debug, ApiError)]
#[api(prefix = "upload:", rename_all = "snake_case", status = 413)]
pub enum UploadError {
    /// The file is too large.
    TooLarge,
}

/// Errors of `Config.load(). Then` parsing. Each names the key.
#[derive(Debug, ApiError)]
#[api(prefix = "config:", rename_all = "snake_case", status = 500)]
pub enum ConfigError {
    /// The configuration does not parse.
    Invalid,
}

/// Is the peer reachable? These codes say why not.
#[derive(Debug, ApiError)]
#[api(prefix = "peer:", rename_all = "snake_case", status = 502)]
pub enum ReachError {
    /// The peer is unreachable.
    Unreachable,
}

/// Search errors
///
/// The backend is a search engine. Its errors are 500s.
#[derive(Debug, ApiError)]
#[api(prefix = "search:", rename_all = "snake_case", status = 500)]
pub enum SearchError {
    /// The query failed.
    QueryFailed,
}

/// Every error of a shop.
#[derive(Debug, ApiError)]
pub enum ShopError {
    /// `billing:…`
    #[api(transparent)]
    Billing(BillingError),
    /// `upload:…`
    #[api(transparent)]
    Upload(UploadError),
    /// `config:…`
    #[api(transparent)]
    Config(ConfigError),
    /// `peer:…`
    #[api(transparent)]
    Reach(ReachError),
    /// `search:…`
    #[api(transparent)]
    Search(SearchError),
    /// What the framework rejects.
    #[api(transparent)]
    Rejected(Rejection),
}

#[test]
fn section_titles_are_the_first_sentence_of_the_doc_comment() {
    let page = Markdown::by_domain(ShopError::catalog()).to_string();
    let sections = parse(&page);
    let titles: Vec<&str> = sections.iter().map(|s| s.title.as_str()).collect();
    let rejection = section_title(Rejection::CATALOG);
    assert_eq!(
        titles,
        [
            // The final period is left out; the next sentence is not part of it.
            "Billing errors",
            // `e.g.` is an abbreviation, not the end of the sentence.
            "Upload errors, e.g. a file over the limit",
            // A period inside a code span ends nothing.
            "Errors of `Config.load(). Then` parsing",
            // A question keeps its mark.
            "Is the peer reachable?",
            // No sentence end: the first paragraph, and nothing after it.
            "Search errors",
            rejection,
        ]
    );
    for section in &sections[..5] {
        assert!(section.title.len() <= 60, "{:?}", section.title);
    }

    // `Rejection`'s doc comment opens with a long paragraph: its section is
    // titled by that paragraph's first sentence alone.
    let doc = Rejection::CATALOG.description().unwrap();
    let paragraph = doc.split("\n\n").next().unwrap();
    assert!(doc.starts_with(rejection), "{rejection:?}");
    assert!(rejection.len() < paragraph.len(), "{rejection:?}");
    assert!(!rejection.contains(". "), "{rejection:?}");
    assert!(!rejection.ends_with('.'), "{rejection:?}");
    assert!(page.contains(&format!(
        "\n## {rejection}\n\n| Code | HTTP Status | Description |\n"
    )));

    // Catalogs gathered by hand are titled the same way, whatever the
    // characters and line breaks of their description.
    let title_of = |description: &'static str| {
        section_title(&Catalog::new("HandMade", &[]).with_description(description))
    };
    assert_eq!(
        title_of("Ünïcödé errors\u{a0}e.g. ß… Straße.\nNext sentence."),
        "Ünïcödé errors\u{a0}e.g. ß… Straße"
    );
    assert_eq!(
        title_of("Errors of the\nupload service.\n\nMore."),
        "Errors of the\nupload service"
    );
    // A backtick that opens no code span is a literal one.
    assert_eq!(
        title_of("Errors of the ` key. Each names it."),
        "Errors of the ` key"
    );
    assert_eq!(title_of(" \n "), "HandMade");

    // The seed page's titles are one short sentence each, kept whole.
    for (title, _) in SEED_001 {
        assert!(
            AppError::catalog()
                .entries()
                .any(|(owner, _)| section_title(owner) == *title),
            "{title}"
        );
    }
}

/// The raw code cell of every row of `page`, with the row's line.
fn code_cells(page: &str) -> Vec<(&str, &str)> {
    page.lines()
        .filter(|line| line.starts_with("| ") && !line.starts_with("| Code |"))
        .map(|line| {
            let cell = line[2..].split(" | ").next().unwrap();
            (cell, line)
        })
        .collect()
}

#[test]
fn codes_are_code_spans_in_both_layouts() {
    for catalog in [
        AppError::catalog(),
        CHAT_API,
        EdgeError::catalog(),
        ForumError::catalog(),
        ShopError::catalog(),
    ] {
        let mut cells = Vec::new();
        for layout in [Layout::ByStatus, Layout::ByDomain] {
            for page in [
                Markdown::new(catalog, layout),
                Markdown::new(catalog, layout).with_messages().with_fields(),
            ] {
                let text = page.to_string();
                let mut layout_cells: Vec<String> = code_cells(&text)
                    .into_iter()
                    .map(|(cell, line)| {
                        assert!(
                            cell.starts_with('`') || cell.starts_with("[`"),
                            "{layout:?}: {line}"
                        );
                        cell.to_owned()
                    })
                    .collect();
                assert_eq!(layout_cells.len(), catalog.len(), "{layout:?}");
                layout_cells.sort_unstable();
                cells.push(layout_cells);
            }
        }
        // Each code is written the same way whatever the layout and columns.
        assert!(
            cells.windows(2).all(|w| w[0] == w[1]),
            "{}",
            catalog.type_name()
        );
    }
}

#[test]
fn message_and_field_columns_on_the_chat_page() {
    let page = Markdown::by_status(CHAT_API).with_messages().with_fields();
    assert!(page.has_messages() && page.has_fields());
    assert_eq!(page.layout(), Layout::ByStatus);
    let text = page.to_string();
    let sections = parse(&text);
    assert_eq!(sections.len(), SEED_000.len());

    // The page's codes and descriptions, row by row, now with two columns.
    let entries: Vec<Entry> = CHAT_API.into_iter().collect();
    for (section, (heading, rows)) in sections.iter().zip(SEED_000) {
        assert_eq!(
            section.header,
            ["Code", "Description", "Message", "Fields"],
            "{heading}"
        );
        let got: Vec<(&str, &str)> = section
            .rows
            .iter()
            .map(|row| (row[0].as_str(), row[1].as_str()))
            .collect();
        assert_eq!(got, *rows, "{heading}");
        for row in &section.rows {
            let entry = entries
                .iter()
                .find(|e| e.code() == row[0].as_str())
                .unwrap();
            // Every chat code has a template: the message column is it.
            assert_eq!(Some(row[2].as_str()), entry.message(), "{}", row[0]);
        }
    }

    // The two codes with members, and a code without.
    assert!(text.contains(
        "| `FORBIDDEN` | Insufficient permissions. Check `missing_permission`. \
         | You do not have permission to perform this action. | `missing_permission` |\n"
    ));
    assert!(text.contains(
        "| `RATE_LIMITED` | Rate limit exceeded. Retry after `retry_after_ms` milliseconds. \
         | Rate limit exceeded. Retry after {retry_after_ms} milliseconds. | `retry_after_ms` |\n"
    ));
    assert!(text.contains(
        "| `USER_NOT_FOUND` | No user exists with this ID. | No user exists with this ID. |  |\n"
    ));
    // Federation codes have no status, but their messages.
    assert!(text.contains("| `FED_OK` | Request succeeded. | Request succeeded. |  |\n"));

    // One column at a time.
    let fields_only = parse(&Markdown::by_status(CHAT_API).with_fields().to_string());
    assert_eq!(fields_only[2].header, ["Code", "Description", "Fields"]);
    assert_eq!(
        fields_only[2].rows[0],
        [
            "FORBIDDEN",
            "Insufficient permissions. Check `missing_permission`.",
            "missing_permission"
        ]
    );
    let messages_only = parse(&Markdown::by_status(CHAT_API).with_messages().to_string());
    assert_eq!(messages_only[2].header, ["Code", "Description", "Message"]);
}

#[test]
fn message_and_field_columns_on_the_domain_page() {
    let text = Markdown::by_domain(AppError::catalog())
        .with_messages()
        .with_fields()
        .to_string();
    let sections = parse(&text);
    let titles: Vec<&str> = sections.iter().map(|s| s.title.as_str()).collect();
    let expected: Vec<&str> = SEED_001.iter().map(|(title, _)| *title).collect();
    assert_eq!(titles, expected);
    for (section, (title, rows)) in sections.iter().zip(SEED_001) {
        assert_eq!(
            section.header,
            ["Code", "HTTP Status", "Description", "Message", "Fields"],
            "{title}"
        );
        let got: Vec<(&str, &str, &str)> = section
            .rows
            .iter()
            .map(|row| (row[0].as_str(), row[1].as_str(), row[2].as_str()))
            .collect();
        let statuses: Vec<String> = rows.iter().map(|(_, s, _)| s.to_string()).collect();
        let want: Vec<(&str, &str, &str)> = rows
            .iter()
            .zip(&statuses)
            .map(|((code, _, description), status)| (*code, status.as_str(), *description))
            .collect();
        assert_eq!(got, want, "{title}");
    }
    assert!(text.starts_with(
        "## User Errors\n\n\
         | Code | HTTP Status | Description | Message | Fields |\n\
         |---|---|---|---|---|\n\
         | `user:invalid_password` | 401 | Wrong password | Wrong password |  |\n"
    ));
    // The API exposes no members (its rate limit's delay is the
    // `Retry-After` header alone): every `Fields` cell is empty.
    assert!(
        AppError::catalog()
            .into_iter()
            .all(|e| e.fields().is_empty())
    );
    assert!(
        sections
            .iter()
            .flat_map(|s| &s.rows)
            .all(|row| row[4].is_empty())
    );
    assert!(
        text.contains(
            "| `rate_limit:exceeded` | 429 | Too many requests | Too many requests |  |\n"
        )
    );
}

#[test]
fn message_column_without_a_template_and_description_without_a_doc_comment() {
    let text = Markdown::by_status(EdgeError::catalog())
        .with_messages()
        .with_fields()
        .to_string();
    // No doc comment: with a message column, the description is empty
    // rather than the template a second time.
    assert!(text.contains(
        "| [`` `edge` ``](https://example.com/probs/`edge`) |  | Starts and ends with a backtick \\| pipe. |  |\n"
    ));
    // No template and a fixed status: the reason phrase the body carries.
    assert!(text.contains(
        "| [`out-of-credit`](https://example.com/probs/out-of-credit) | The account's balance is too low. | Forbidden |  |\n"
    ));
    // No template, and a status chosen at run time or none: nothing to say.
    assert!(text.contains("| `M_UNRECOGNIZED` | Unrecognized request. |  |  |\n"));
    assert!(text.contains("| `FED_OK` | Request succeeded. |  |  |\n"));
    // Each exposed member, by its name in the body, in declaration order.
    assert!(text.contains(
        "| `M_LIMIT_EXCEEDED` | Rate limited. | Wait {retry_after_ms} ms. | `retry_after_ms`, `scope` |\n"
    ));
    // Deprecation is still marked in the description.
    assert!(text.contains(
        "| `M_UNKNOWN` | Use `M_UNRECOGNIZED` \\| `M_NOT_FOUND`. (deprecated) | Bad Request |  |\n"
    ));
    for section in parse(&text) {
        assert!(section.rows.iter().all(|row| row.len() == 4));
    }
}
