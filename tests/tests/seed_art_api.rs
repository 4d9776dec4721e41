//! A FastAPI art-sharing service's error page (seed 003), row by row: every
//! row of every table is a variant whose response has the row's status and
//! the body `{"detail": "<the row's text>"}`, and whose description is the
//! row's cause; the MQTT codes render the page's MQTT envelope exactly.

use std::collections::HashSet;
use std::fmt;

use errbook::ApiError;
use errbook::http::header;
use errbook_examples::art_api::{
    ArtApiError, AuthError, MAX_PLAYERS_PER_USER, Mqtt, MqttError, OAuthError,
    PLAYER_COMMANDS_PER_MINUTE, PlayerError, PostError, USER_COMMANDS_PER_MINUTE, Validation,
};

/// One row of the page: its section, status, detail text and cause, the
/// values that fill the text's placeholders, and the error that answers it.
struct Row {
    section: &'static str,
    status: u16,
    detail: &'static str,
    cause: &'static str,
    /// (placeholder as the page writes it, value) pairs.
    fill: &'static [(&'static str, &'static str)],
    code: &'static str,
    error: ArtApiError,
}

fn row(
    section: &'static str,
    status: u16,
    detail: &'static str,
    cause: &'static str,
    code: &'static str,
    error: impl Into<ArtApiError>,
) -> Row {
    Row {
        section,
        status,
        detail,
        cause,
        fill: &[],
        code,
        error: error.into(),
    }
}

impl Row {
    fn filled(mut self, fill: &'static [(&'static str, &'static str)]) -> Self {
        self.fill = fill;
        self
    }

    /// The page's text with its placeholders replaced by the row's values.
    fn expected_detail(&self) -> String {
        self.fill
            .iter()
            .fold(self.detail.to_owned(), |text, (placeholder, value)| {
                assert_eq!(
                    text.matches(placeholder).count(),
                    1,
                    "placeholder {placeholder:?} must occur once in {text:?}"
                );
                text.replace(placeholder, value)
            })
    }
}

/// An internal failure whose text must never reach a client.
#[derive(Debug)]
struct Internal(&'static str);

impl fmt::Display for Internal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "internal: {}", self.0)
    }
}

impl std::error::Error for Internal {}

fn cause(text: &'static str) -> Box<dyn std::error::Error + Send + Sync> {
    Box::new(Internal(text))
}

const AUTH: &str = "Authentication Errors";
const POST: &str = "Post/Artwork Errors";
const PLAYER: &str = "Player Errors";
const OAUTH: &str = "OAuth Errors";

/// Every row of every table of the page, in the page's order.
// One row per line, as the page has them.
#[rustfmt::skip]
fn rows() -> Vec<Row> {
    vec![
        // Authentication Errors, 401
        row(AUTH, 401, "Invalid email or password", "Wrong credentials", "auth.invalid_credentials", AuthError::InvalidCredentials),
        row(AUTH, 401, "User not found", "Account doesn't exist", "auth.user_not_found", AuthError::UserNotFound),
        row(AUTH, 401, "Invalid or expired refresh token", "Token needs renewal", "auth.invalid_refresh_token", AuthError::InvalidRefreshToken),
        row(AUTH, 401, "No refresh token found in cookie", "Missing cookie", "auth.missing_refresh_token", AuthError::MissingRefreshToken),
        row(AUTH, 401, "Current password is incorrect", "Wrong password on change", "auth.incorrect_current_password", AuthError::IncorrectCurrentPassword),
        // 403
        row(AUTH, 403, "Email not verified. Please check your email for verification link.", "Unverified email", "auth.email_not_verified", AuthError::EmailNotVerified),
        row(AUTH, 403, "Email verification required to change handle.", "Handle change blocked", "auth.handle_change_needs_verification", AuthError::HandleChangeNeedsVerification),
        row(AUTH, 403, "The site owner's handle cannot be changed", "Protected account", "auth.owner_handle_protected", AuthError::OwnerHandleProtected),
        row(AUTH, 403, "Moderator role required to hide posts as moderator", "Missing role", "auth.moderator_required", AuthError::ModeratorRequired),
        row(AUTH, 403, "Not authorized to modify this post", "Wrong owner", "auth.not_post_owner", AuthError::NotPostOwner),
        // 409
        row(AUTH, 409, "An account with this email already exists", "Duplicate email", "auth.email_taken", AuthError::EmailTaken),
        row(AUTH, 409, "An account with this email already exists. Please log in with your existing account.", "OAuth conflict", "auth.oauth_email_conflict", AuthError::OauthEmailConflict),
        row(AUTH, 409, "This handle is already taken", "Duplicate handle", "auth.handle_taken", AuthError::HandleTaken),
        row(AUTH, 409, "pending_verification", "Account exists, unverified", "auth.pending_verification", AuthError::PendingVerification),
        // 429
        row(AUTH, 429, "Too many registration attempts. Please try again later.", "Registration rate limit", "auth.registration_rate_limited", AuthError::RegistrationRateLimited),
        row(AUTH, 429, "Too many login attempts. Please try again later.", "Login rate limit", "auth.login_rate_limited", AuthError::LoginRateLimited),
        row(AUTH, 429, "Too many verification requests. Please try again later.", "Verification rate limit", "auth.verification_rate_limited", AuthError::VerificationRateLimited),
        row(AUTH, 429, "Too many password reset requests. Please try again later.", "Reset rate limit", "auth.password_reset_rate_limited", AuthError::PasswordResetRateLimited),

        // Post/Artwork Errors, 400
        row(POST, 400, "Invalid image dimensions/format", "Image doesn't meet requirements", "post.invalid_image", PostError::InvalidImage),
        row(POST, 400, "File size exceeds limit", "Over 5 MB", "post.file_too_large", PostError::FileTooLarge),
        row(POST, 400, "Invalid license_id", "Unknown license", "post.invalid_license", PostError::InvalidLicense),
        row(POST, 400, "Artwork is identical to current artwork", "Redundant replacement", "post.identical_artwork", PostError::IdenticalArtwork),
        row(POST, 400, "User-deleted posts cannot be restored", "Restoration blocked", "post.user_deleted_not_restorable", PostError::UserDeletedNotRestorable),
        row(POST, 400, "Deleted posts cannot be restored", "Restoration blocked", "post.deleted_not_restorable", PostError::DeletedNotRestorable),
        // 404
        row(POST, 404, "Post not found", "Invalid ID or no access", "post.not_found", PostError::NotFound),
        // 409
        row(POST, 409, "Artwork already exists", "Duplicate hash", "post.duplicate_artwork", PostError::DuplicateArtwork),
        // 413
        row(POST, 413, "Storage quota exceeded. Used X MB of Y MB.", "Quota full", "post.storage_quota_exceeded", PostError::StorageQuotaExceeded { used: 1030, limit: 1024 })
            .filled(&[("X", "1030"), ("Y", "1024")]),
        // 429
        row(POST, 429, "Upload rate limit exceeded. Please try again later.", "Too many uploads", "post.upload_rate_limited", PostError::UploadRateLimited),

        // Player Errors, 400
        row(PLAYER, 400, "Maximum 128 players allowed per user", "Player limit reached", "player.limit_reached", PlayerError::LimitReached { max: MAX_PLAYERS_PER_USER }),
        row(PLAYER, 400, "Player already registered", "Re-registration attempt", "player.already_registered", PlayerError::AlreadyRegistered),
        row(PLAYER, 400, "post_id is required for show_artwork command", "Missing parameter", "player.missing_post_id", PlayerError::MissingPostId),
        row(PLAYER, 400, "play_channel requires one of: channel_name, hashtag, or user_sqid", "Missing parameter", "player.missing_channel", PlayerError::MissingChannel),
        row(PLAYER, 400, "playset_name is required for play_playset command", "Missing parameter", "player.missing_playset_name", PlayerError::MissingPlaysetName),
        row(PLAYER, 400, "Certificate is still valid for X days. Renewal only available within 30 days of expiry.", "Early renewal", "player.certificate_still_valid", PlayerError::CertificateStillValid { days: 45 })
            .filled(&[("X", "45")]),
        // 403
        row(PLAYER, 403, "Post is not visible", "Hidden or non-conformant post", "player.post_not_visible", PlayerError::PostNotVisible),
        // 404
        row(PLAYER, 404, "User not found", "Invalid user ID", "player.user_not_found", PlayerError::UserNotFound),
        row(PLAYER, 404, "Player not found", "Invalid player ID", "player.not_found", PlayerError::NotFound),
        row(PLAYER, 404, "Player not found or not registered", "Unregistered device", "player.not_registered", PlayerError::NotRegistered),
        row(PLAYER, 404, "Certificates not available for this player", "No certs generated", "player.certificates_not_available", PlayerError::CertificatesNotAvailable),
        row(PLAYER, 404, "Invalid or expired registration code", "Bad or expired code", "player.invalid_registration_code", PlayerError::InvalidRegistrationCode),
        row(PLAYER, 404, "Post not found", "Invalid post ID", "player.post_not_found", PlayerError::PostNotFound),
        row(PLAYER, 404, "Playset 'name' not found", "Invalid playset", "player.playset_not_found", PlayerError::PlaysetNotFound { name: "evening".into() })
            .filled(&[("name", "evening")]),
        row(PLAYER, 404, "No registered players found", "No devices", "player.no_registered_players", PlayerError::NoRegisteredPlayers),
        // 429
        row(PLAYER, 429, "Too many credential requests. Please try again later.", "Credential rate limit (20/min/IP)", "player.credential_rate_limited", PlayerError::CredentialRateLimited),
        row(PLAYER, 429, "Rate limit exceeded for player (300 commands/minute)", "Command limit per player", "player.command_rate_limited", PlayerError::CommandRateLimited { limit: PLAYER_COMMANDS_PER_MINUTE }),
        row(PLAYER, 429, "Rate limit exceeded for user (1000 commands/minute)", "Command limit per user", "player.user_command_rate_limited", PlayerError::UserCommandRateLimited { limit: USER_COMMANDS_PER_MINUTE }),
        // 500
        row(PLAYER, 500, "Invalid MQTT configuration", "Server misconfiguration", "player.invalid_mqtt_config", PlayerError::InvalidMqttConfig),
        row(PLAYER, 500, "Invalid player configuration", "Invalid player_key", "player.invalid_player_config", PlayerError::InvalidPlayerConfig),
        row(PLAYER, 500, "CA certificate not found", "Missing CA cert", "player.ca_certificate_not_found", PlayerError::CaCertificateNotFound),
        row(PLAYER, 500, "CA certificate files not found", "Missing CA files", "player.ca_files_not_found", PlayerError::CaFilesNotFound),
        row(PLAYER, 500, "Failed to generate certificate", "Cert generation failed", "player.certificate_generation_failed", PlayerError::CertificateGenerationFailed(cause("openssl exited with 1"))),

        // OAuth Errors, 400
        row(OAUTH, 400, "Invalid OAuth state. Please try again.", "State verification failed", "oauth.invalid_state", OAuthError::InvalidState),
        row(OAUTH, 400, "GitHub OAuth error: description", "GitHub API error", "oauth.github_error", OAuthError::GithubError { description: "The code passed is incorrect or expired.".into() })
            .filled(&[("description", "The code passed is incorrect or expired.")]),
        row(OAUTH, 400, "Failed to authenticate with GitHub: error", "Network error", "oauth.github_unreachable", OAuthError::GithubUnreachable { error: "connection timed out".into() })
            .filled(&[("error", "connection timed out")]),
        // 500
        row(OAUTH, 500, "GitHub OAuth not configured", "Missing OAuth credentials", "oauth.not_configured", OAuthError::NotConfigured),
        row(OAUTH, 500, "User account not found", "Database inconsistency", "oauth.account_not_found", OAuthError::AccountNotFound),
        row(OAUTH, 500, "Failed to create user account. Please try again.", "User creation failed", "oauth.account_creation_failed", OAuthError::AccountCreationFailed(cause("unique violation on users.email"))),
        row(OAUTH, 500, "Failed to create authentication identity. Please try again.", "Identity creation failed", "oauth.identity_creation_failed", OAuthError::IdentityCreationFailed(cause("identities table locked"))),
        row(OAUTH, 500, "Failed to generate authentication tokens. Please try again.", "Token generation failed", "oauth.token_generation_failed", OAuthError::TokenGenerationFailed(cause("JWT secret missing"))),
        row(OAUTH, 500, "An unexpected error occurred during authentication. Please try again.", "Unhandled error", "oauth.unexpected", OAuthError::Unexpected(cause("KeyError: 'access_token'"))),
    ]
}

#[test]
fn every_row_of_the_page_is_modelled() {
    let rows = rows();
    let count = |section| rows.iter().filter(|r| r.section == section).count();
    assert_eq!(
        (count(AUTH), count(POST), count(PLAYER), count(OAUTH)),
        (18, 10, 23, 9)
    );
    assert_eq!(rows.len(), 60);
}

#[test]
fn every_row_has_its_status_and_exact_detail_body() {
    for row in rows() {
        let response = row.error.to_response();
        let context = format!("{} {:?}", row.section, row.detail);
        assert_eq!(response.status().as_u16(), row.status, "{context}");
        assert_eq!(
            response.headers().get(header::CONTENT_TYPE).unwrap(),
            "application/json",
            "{context}"
        );
        // The page documents no `Retry-After`, 429 included.
        assert!(
            response.headers().get(header::RETRY_AFTER).is_none(),
            "{context}"
        );
        let expected =
            serde_json::to_string(&serde_json::json!({ "detail": row.expected_detail() })).unwrap();
        assert_eq!(
            std::str::from_utf8(response.body()).unwrap(),
            expected,
            "{context}"
        );
        assert_eq!(
            row.error.message().to_string(),
            row.expected_detail(),
            "{context}"
        );
    }
}

#[test]
fn every_row_has_its_code_and_cause() {
    for row in rows() {
        assert_eq!(row.error.code(), row.code, "{}", row.detail);
        // Doc comments are the page's causes, with a closing period (and
        // identifiers in backticks).
        let description = row.error.doc().unwrap().replace('`', "");
        assert_eq!(description, format!("{}.", row.cause), "{}", row.detail);
    }
}

#[test]
fn codes_are_unique_across_the_whole_api() {
    let rows = rows();
    let mut seen = HashSet::new();
    for row in &rows {
        assert!(seen.insert(row.error.code().to_string()), "{}", row.code);
    }
    // The prefix names the section.
    for row in &rows {
        let prefix = match row.section {
            AUTH => "auth.",
            POST => "post.",
            PLAYER => "player.",
            _ => "oauth.",
        };
        assert!(row.code.starts_with(prefix), "{}", row.code);
    }
}

#[test]
fn the_same_text_in_two_sections_is_two_errors() {
    let auth = AuthError::UserNotFound;
    let player = PlayerError::UserNotFound;
    assert_eq!(auth.message().to_string(), player.message().to_string());
    assert_eq!(
        (auth.status().as_u16(), player.status().as_u16()),
        (401, 404)
    );
    assert_ne!(auth.code(), player.code());

    let post = PostError::NotFound;
    let player = PlayerError::PostNotFound;
    assert_eq!(post.to_response().body(), player.to_response().body());
    assert_eq!(post.status(), player.status());
    assert_ne!(post.code(), player.code());
    assert_ne!(post.doc(), player.doc());
}

#[test]
fn server_failures_keep_their_cause_out_of_the_body() {
    let error = OAuthError::Unexpected(cause("KeyError: 'access_token'"));
    let body = String::from_utf8(error.to_response().into_body()).unwrap();
    assert_eq!(
        body,
        r#"{"detail":"An unexpected error occurred during authentication. Please try again."}"#
    );
    assert_eq!(
        error.source_error().unwrap().to_string(),
        "internal: KeyError: 'access_token'"
    );
}

/// The page's MQTT codes with the envelope the page shows.
#[test]
fn mqtt_codes_render_the_page_envelope() {
    let table: [(&str, &str, MqttError); 5] = [
        (
            "INVALID_REQUEST",
            "Malformed request payload",
            MqttError::InvalidRequest,
        ),
        (
            "VALIDATION_ERROR",
            "Invalid value for field 'width'",
            Validation::InvalidValue {
                field: "width".into(),
            }
            .into(),
        ),
        (
            "NOT_FOUND",
            "Requested resource doesn't exist",
            MqttError::NotFound,
        ),
        ("RATE_LIMITED", "Too many requests", MqttError::RateLimited),
        (
            "INTERNAL_ERROR",
            "Server-side failure",
            MqttError::InternalError(cause("broker connection reset")),
        ),
    ];
    for (code, message, error) in table {
        assert_eq!(error.code(), code);
        assert!(!error.has_status(), "{code} never travels over HTTP");
        assert_eq!(
            serde_json::to_string(&error.envelope()).unwrap(),
            format!(r#"{{"status":"error","error_code":"{code}","message":"{message}"}}"#),
        );
    }
}

/// The page's validation messages, placeholders filled, all under
/// `VALIDATION_ERROR`.
#[test]
fn mqtt_validation_messages_are_the_page_templates() {
    let op = || "contains".to_owned();
    let field = || "width".to_owned();
    let table: [(&str, Validation); 5] = [
        (
            "Operator 'X' not valid for numeric field 'Y'",
            Validation::NumericOperator {
                operator: op(),
                field: field(),
            },
        ),
        (
            "Operator 'X' not valid for boolean field 'Y'",
            Validation::BooleanOperator {
                operator: op(),
                field: field(),
            },
        ),
        (
            "Operator 'X' not valid for enum field 'Y'",
            Validation::EnumOperator {
                operator: op(),
                field: field(),
            },
        ),
        (
            "Field 'X' is not nullable",
            Validation::NotNullable { field: op() },
        ),
        (
            "Invalid value for field 'X'",
            Validation::InvalidValue { field: op() },
        ),
    ];
    for (page, reason) in table {
        let expected = page.replace("'X'", "'contains'").replace("'Y'", "'width'");
        let error = MqttError::from(reason);
        assert_eq!(error.code(), "VALIDATION_ERROR");
        assert_eq!(error.message().to_string(), expected);
        assert_eq!(
            serde_json::to_value(error.envelope()).unwrap(),
            serde_json::json!({"status": "error", "error_code": "VALIDATION_ERROR", "message": expected}),
        );
    }
}

#[test]
fn the_mqtt_format_renders_http_errors_too() {
    let error = ArtApiError::from(PlayerError::PlaysetNotFound {
        name: "evening".into(),
    });
    assert_eq!(
        serde_json::to_string(&error.envelope_as(Mqtt)).unwrap(),
        r#"{"status":"error","error_code":"player.playset_not_found","message":"Playset 'evening' not found"}"#
    );
    let response = error.to_response_as(Mqtt);
    assert_eq!(response.status(), 404);
}

#[test]
fn mqtt_errors_have_no_http_status() {
    // Rendered over HTTP anyway, a `status = none` code answers 500.
    assert_eq!(MqttError::NotFound.status(), 500);
    assert_eq!(MqttError::NotFound.to_response().status(), 500);
}

// --- FastAPI's 422 ----------------------------------------------------------

/// `POST /auth/register` with `{"email": "ada", "password": "short"}`, as
/// FastAPI answers it for the model `Registration(email: EmailStr,
/// password: constr(min_length=8), handle: constr(max_length=32))`: the
/// model's fields in order, each problem with pydantic's `type`, `loc`,
/// `msg`, `input` and `ctx`.
const FASTAPI_REGISTER_422: &str = r#"{"detail":[{"type":"value_error","loc":["body","email"],"msg":"value is not a valid email address: An email address must have an @-sign.","input":"ada","ctx":{"reason":"An email address must have an @-sign."}},{"type":"string_too_short","loc":["body","password"],"msg":"String should have at least 8 characters","input":"short","ctx":{"min_length":8}},{"type":"missing","loc":["body","handle"],"msg":"Field required","input":{"email":"ada","password":"short"}}]}"#;

#[test]
fn a_body_the_model_refuses_is_fastapis_422() {
    use errbook_examples::art_api::register;

    let err = register(br#"{"email": "ada", "password": "short"}"#).unwrap_err();
    let response = err.to_response();
    assert_eq!(response.status(), 422);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    assert_eq!(
        String::from_utf8(response.into_body()).unwrap(),
        FASTAPI_REGISTER_422
    );

    // Members of the wrong kind, with the same shape.
    let err = register(br#"{"email": 1, "password": null, "handle": "ada"}"#).unwrap_err();
    assert_eq!(
        String::from_utf8(err.to_response().into_body()).unwrap(),
        r#"{"detail":[{"type":"string_type","loc":["body","email"],"msg":"Input should be a valid string","input":1},{"type":"string_type","loc":["body","password"],"msg":"Input should be a valid string","input":null}]}"#
    );

    // Not JSON: one `json_invalid` item at the body.
    let err = register(br#"{"email": "#).unwrap_err();
    assert_eq!(
        String::from_utf8(err.to_response().into_body()).unwrap(),
        r#"{"detail":[{"type":"json_invalid","loc":["body"],"msg":"EOF while parsing a value at line 1 column 10","input":{}}]}"#
    );

    let ok =
        register(br#"{"email": "ada@example.com", "password": "long enough", "handle": "ada"}"#);
    assert_eq!(ok.unwrap().handle, "ada");
}
