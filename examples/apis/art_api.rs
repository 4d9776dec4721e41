//! A FastAPI art-sharing service: every error of its public error page.
//!
//! The HTTP API answers FastAPI's `HTTPException` body, `{"detail": "…"}`,
//! with the status in the status line; its page lists each detail text under
//! the section and status that send it. Each section is one enum here, each
//! row of each table one variant whose `message` is the page's text (a
//! template where the page shows a placeholder), so the body is the page's
//! text byte for byte, and whose doc comment is the row's "Cause" (the
//! catalog description):
//!
//! | section | enum | rows |
//! |---|---|---|
//! | Authentication Errors | [`AuthError`] | 18 |
//! | Post/Artwork Errors | [`PostError`] | 10 |
//! | Player Errors | [`PlayerError`] | 23 |
//! | OAuth Errors | [`OAuthError`] | 9 |
//!
//! [`ArtApiError`] composes the four with `#[api(transparent)]`: what a
//! handler returns. Its own variant, [`ArtApiError::RequestValidation`],
//! is FastAPI's answer to a request its models refuse: a 422 whose
//! `detail` is the list of what was wrong, in pydantic's shape
//! (`{"type", "loc", "msg", "input", "ctx"}`). [`register`] reads
//! `POST /auth/register`'s body as FastAPI would, every problem of the
//! body, the model's and its field constraints', in one response.
//!
//! The page gives no machine-readable codes (a FastAPI `detail` has none), so
//! each enum derives stable codes from its variant names under a prefix of
//! its own: `auth.invalid_credentials`, `post.not_found`,
//! `player.post_not_found`. They never reach a body in this format, but name
//! the error in logs, metrics and the catalog, and stay unique across the
//! whole API: the page's "User not found" and "Post not found" rows are two
//! variants each, in two sections, with two codes.
//!
//! The 429 rows send no `Retry-After`: the page documents none and asks
//! clients for exponential backoff instead.
//!
//! The page's MQTT interface has a body of its own,
//! `{"status": "error", "error_code": …, "message": …}`: [`Mqtt`] is that
//! format, a unit type implementing [`errbook::Format`] in 20 lines (from
//! its `#[derive]` to the impl's last brace; 22 with its doc comment), and
//! [`MqttError`] its five codes, marked `status = none` since they never
//! travel over HTTP.

use core::fmt;

use errbook::format::ExtraMembers;
use errbook::violations::json::{JsonErrorKind, Reader};
use errbook::violations::{Pointer, Validate, Violation, Violations};
use errbook::{ApiError, Context, Format};
use serde::ser::{SerializeMap, Serializer};

/// An internal cause of a server-side failure: logged, never sent.
pub type Cause = Box<dyn std::error::Error + Send + Sync>;

/// The most players one user may register (the page's "Maximum 128 players
/// allowed per user").
pub const MAX_PLAYERS_PER_USER: u32 = 128;

/// Commands a single player may send per minute.
pub const PLAYER_COMMANDS_PER_MINUTE: u32 = 300;

/// Commands a single user may send per minute, over all their players.
pub const USER_COMMANDS_PER_MINUTE: u32 = 1000;

/// Any error of the HTTP API: what a handler returns.
#[derive(Debug, ApiError)]
#[api(format = detail)]
pub enum ArtApiError {
    /// Authentication Errors.
    #[api(transparent)]
    Auth(AuthError),
    /// Post/Artwork Errors.
    #[api(transparent)]
    Post(PostError),
    /// Player Errors.
    #[api(transparent)]
    Player(PlayerError),
    /// OAuth Errors.
    #[api(transparent)]
    OAuth(OAuthError),
    /// The request does not fit the endpoint's model: FastAPI's
    /// `RequestValidationError`, whose `detail` lists each problem.
    #[api(code = "request.validation_error", status = 422)]
    RequestValidation {
        /// What was wrong, member by member.
        #[api(violations)]
        violations: Violations,
    },
}

/// The body of `POST /auth/register`, FastAPI's model
/// `Registration(email: EmailStr, password: constr(min_length=8), handle: constr(max_length=32))`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
pub struct Registration {
    /// The account's email address.
    pub email: String,
    /// At least [`MIN_PASSWORD_CHARS`] characters.
    pub password: String,
    /// At most [`MAX_HANDLE_CHARS`] characters.
    pub handle: String,
}

/// The shortest password `POST /auth/register` accepts, in characters.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// The longest handle `POST /auth/register` accepts, in characters.
pub const MAX_HANDLE_CHARS: usize = 32;

impl Validate for Registration {
    /// The model's field constraints, each with pydantic's `type`, `msg`,
    /// `input` and `ctx`.
    fn validate(&self) -> Result<(), Violations> {
        let mut violations = Violations::new();
        if !self.email.contains('@') {
            violations.push(
                Violation::body(
                    Pointer::root().field("email"),
                    "value_error",
                    "value is not a valid email address: An email address must have an @-sign.",
                )
                .extra("input", &self.email)
                .extra(
                    "ctx",
                    serde_json::json!({"reason": "An email address must have an @-sign."}),
                ),
            );
        }
        if self.password.chars().count() < MIN_PASSWORD_CHARS {
            violations.push(
                Violation::body(
                    Pointer::root().field("password"),
                    "string_too_short",
                    format!("String should have at least {MIN_PASSWORD_CHARS} characters"),
                )
                .extra("input", &self.password)
                .extra("ctx", serde_json::json!({"min_length": MIN_PASSWORD_CHARS})),
            );
        }
        if self.handle.chars().count() > MAX_HANDLE_CHARS {
            violations.push(
                Violation::body(
                    Pointer::root().field("handle"),
                    "string_too_long",
                    format!("String should have at most {MAX_HANDLE_CHARS} characters"),
                )
                .extra("input", &self.handle)
                .extra("ctx", serde_json::json!({"max_length": MAX_HANDLE_CHARS})),
            );
        }
        if violations.is_empty() {
            Ok(())
        } else {
            Err(violations)
        }
    }
}

/// `POST /auth/register`'s body, read as FastAPI reads it: a body of the
/// wrong shape, or one the model's constraints refuse, is
/// [`ArtApiError::RequestValidation`] with every problem, each with its
/// `input`; a body that is not JSON, one `json_invalid` item (FastAPI's
/// `msg` is `JSON decode error`, its `ctx` Python's explanation; errbook's
/// `msg` is `serde_json`'s, with the line and column, and its `loc` the
/// body itself).
pub fn register(body: &[u8]) -> Result<Registration, ArtApiError> {
    Reader::new()
        .with_input(true)
        .read_valid(body)
        .map_err(|error| match error.kind() {
            JsonErrorKind::Syntax => ArtApiError::RequestValidation {
                violations: error
                    .into_violations()
                    .into_iter()
                    .map(|violation| violation.extra("input", serde_json::json!({})))
                    .collect(),
            },
            _ => ArtApiError::RequestValidation {
                violations: error.into_violations(),
            },
        })
}

/// Authentication Errors: registration, login, tokens, account settings.
#[derive(Debug, ApiError)]
#[api(format = detail, prefix = "auth.", rename_all = "snake_case")]
pub enum AuthError {
    /// Wrong credentials.
    #[api(status = 401, message = "Invalid email or password")]
    InvalidCredentials,
    /// Account doesn't exist.
    #[api(status = 401, message = "User not found")]
    UserNotFound,
    /// Token needs renewal.
    #[api(status = 401, message = "Invalid or expired refresh token")]
    InvalidRefreshToken,
    /// Missing cookie.
    #[api(status = 401, message = "No refresh token found in cookie")]
    MissingRefreshToken,
    /// Wrong password on change.
    #[api(status = 401, message = "Current password is incorrect")]
    IncorrectCurrentPassword,

    /// Unverified email.
    #[api(
        status = 403,
        message = "Email not verified. Please check your email for verification link."
    )]
    EmailNotVerified,
    /// Handle change blocked.
    #[api(
        status = 403,
        message = "Email verification required to change handle."
    )]
    HandleChangeNeedsVerification,
    /// Protected account.
    #[api(status = 403, message = "The site owner's handle cannot be changed")]
    OwnerHandleProtected,
    /// Missing role.
    #[api(
        status = 403,
        message = "Moderator role required to hide posts as moderator"
    )]
    ModeratorRequired,
    /// Wrong owner.
    #[api(status = 403, message = "Not authorized to modify this post")]
    NotPostOwner,

    /// Duplicate email.
    #[api(status = 409, message = "An account with this email already exists")]
    EmailTaken,
    /// OAuth conflict.
    #[api(
        status = 409,
        message = "An account with this email already exists. Please log in with your existing account."
    )]
    OauthEmailConflict,
    /// Duplicate handle.
    #[api(status = 409, message = "This handle is already taken")]
    HandleTaken,
    /// Account exists, unverified.
    #[api(status = 409, message = "pending_verification")]
    PendingVerification,

    /// Registration rate limit.
    #[api(
        status = 429,
        message = "Too many registration attempts. Please try again later."
    )]
    RegistrationRateLimited,
    /// Login rate limit.
    #[api(
        status = 429,
        message = "Too many login attempts. Please try again later."
    )]
    LoginRateLimited,
    /// Verification rate limit.
    #[api(
        status = 429,
        message = "Too many verification requests. Please try again later."
    )]
    VerificationRateLimited,
    /// Reset rate limit.
    #[api(
        status = 429,
        message = "Too many password reset requests. Please try again later."
    )]
    PasswordResetRateLimited,
}

/// Post/Artwork Errors: uploads, replacements, restoration.
#[derive(Debug, ApiError)]
#[api(format = detail, prefix = "post.", rename_all = "snake_case")]
pub enum PostError {
    /// Image doesn't meet requirements.
    #[api(status = 400, message = "Invalid image dimensions/format")]
    InvalidImage,
    /// Over 5 MB.
    #[api(status = 400, message = "File size exceeds limit")]
    FileTooLarge,
    /// Unknown license.
    #[api(status = 400, message = "Invalid license_id")]
    InvalidLicense,
    /// Redundant replacement.
    #[api(status = 400, message = "Artwork is identical to current artwork")]
    IdenticalArtwork,
    /// Restoration blocked.
    #[api(status = 400, message = "User-deleted posts cannot be restored")]
    UserDeletedNotRestorable,
    /// Restoration blocked.
    #[api(status = 400, message = "Deleted posts cannot be restored")]
    DeletedNotRestorable,

    /// Invalid ID or no access.
    #[api(status = 404, message = "Post not found")]
    NotFound,

    /// Duplicate hash.
    #[api(status = 409, message = "Artwork already exists")]
    DuplicateArtwork,

    /// Quota full.
    #[api(
        status = 413,
        message = "Storage quota exceeded. Used {used} MB of {limit} MB."
    )]
    StorageQuotaExceeded {
        /// Megabytes the user stores.
        used: u64,
        /// The user's quota, in megabytes.
        limit: u64,
    },

    /// Too many uploads.
    #[api(
        status = 429,
        message = "Upload rate limit exceeded. Please try again later."
    )]
    UploadRateLimited,
}

/// Player Errors: registering players (devices), their certificates and the
/// commands sent to them.
#[derive(Debug, ApiError)]
#[api(format = detail, prefix = "player.", rename_all = "snake_case")]
pub enum PlayerError {
    /// Player limit reached.
    #[api(status = 400, message = "Maximum {max} players allowed per user")]
    LimitReached {
        /// The limit, [`MAX_PLAYERS_PER_USER`].
        max: u32,
    },
    /// Re-registration attempt.
    #[api(status = 400, message = "Player already registered")]
    AlreadyRegistered,
    /// Missing parameter.
    #[api(status = 400, message = "post_id is required for show_artwork command")]
    MissingPostId,
    /// Missing parameter.
    #[api(
        status = 400,
        message = "play_channel requires one of: channel_name, hashtag, or user_sqid"
    )]
    MissingChannel,
    /// Missing parameter.
    #[api(
        status = 400,
        message = "playset_name is required for play_playset command"
    )]
    MissingPlaysetName,
    /// Early renewal.
    #[api(
        status = 400,
        message = "Certificate is still valid for {days} days. Renewal only available within 30 days of expiry."
    )]
    CertificateStillValid {
        /// Days until the certificate expires.
        days: u32,
    },

    /// Hidden or non-conformant post.
    #[api(status = 403, message = "Post is not visible")]
    PostNotVisible,

    /// Invalid user ID.
    #[api(status = 404, message = "User not found")]
    UserNotFound,
    /// Invalid player ID.
    #[api(status = 404, message = "Player not found")]
    NotFound,
    /// Unregistered device.
    #[api(status = 404, message = "Player not found or not registered")]
    NotRegistered,
    /// No certs generated.
    #[api(status = 404, message = "Certificates not available for this player")]
    CertificatesNotAvailable,
    /// Bad or expired code.
    #[api(status = 404, message = "Invalid or expired registration code")]
    InvalidRegistrationCode,
    /// Invalid post ID.
    #[api(status = 404, message = "Post not found")]
    PostNotFound,
    /// Invalid playset.
    #[api(status = 404, message = "Playset '{name}' not found")]
    PlaysetNotFound {
        /// The playset asked for.
        name: String,
    },
    /// No devices.
    #[api(status = 404, message = "No registered players found")]
    NoRegisteredPlayers,

    /// Credential rate limit (20/min/IP).
    #[api(
        status = 429,
        message = "Too many credential requests. Please try again later."
    )]
    CredentialRateLimited,
    /// Command limit per player.
    #[api(
        status = 429,
        message = "Rate limit exceeded for player ({limit} commands/minute)"
    )]
    CommandRateLimited {
        /// The limit, [`PLAYER_COMMANDS_PER_MINUTE`].
        limit: u32,
    },
    /// Command limit per user.
    #[api(
        status = 429,
        message = "Rate limit exceeded for user ({limit} commands/minute)"
    )]
    UserCommandRateLimited {
        /// The limit, [`USER_COMMANDS_PER_MINUTE`].
        limit: u32,
    },

    /// Server misconfiguration.
    #[api(status = 500, message = "Invalid MQTT configuration")]
    InvalidMqttConfig,
    /// Invalid `player_key`.
    #[api(status = 500, message = "Invalid player configuration")]
    InvalidPlayerConfig,
    /// Missing CA cert.
    #[api(status = 500, message = "CA certificate not found")]
    CaCertificateNotFound,
    /// Missing CA files.
    #[api(status = 500, message = "CA certificate files not found")]
    CaFilesNotFound,
    /// Cert generation failed.
    #[api(status = 500, message = "Failed to generate certificate")]
    CertificateGenerationFailed(#[api(source)] Cause),
}

/// OAuth Errors: signing in with GitHub.
#[derive(Debug, ApiError)]
#[api(format = detail, prefix = "oauth.", rename_all = "snake_case")]
pub enum OAuthError {
    /// State verification failed.
    #[api(status = 400, message = "Invalid OAuth state. Please try again.")]
    InvalidState,
    /// GitHub API error.
    #[api(status = 400, message = "GitHub OAuth error: {description}")]
    GithubError {
        /// What GitHub said.
        description: String,
    },
    /// Network error.
    #[api(status = 400, message = "Failed to authenticate with GitHub: {error}")]
    GithubUnreachable {
        /// The failure, as the page shows it to the client.
        error: String,
    },

    /// Missing OAuth credentials.
    #[api(status = 500, message = "GitHub OAuth not configured")]
    NotConfigured,
    /// Database inconsistency.
    #[api(status = 500, message = "User account not found")]
    AccountNotFound,
    /// User creation failed.
    #[api(
        status = 500,
        message = "Failed to create user account. Please try again."
    )]
    AccountCreationFailed(#[api(source)] Cause),
    /// Identity creation failed.
    #[api(
        status = 500,
        message = "Failed to create authentication identity. Please try again."
    )]
    IdentityCreationFailed(#[api(source)] Cause),
    /// Token generation failed.
    #[api(
        status = 500,
        message = "Failed to generate authentication tokens. Please try again."
    )]
    TokenGenerationFailed(#[api(source)] Cause),
    /// Unhandled error.
    #[api(
        status = 500,
        message = "An unexpected error occurred during authentication. Please try again."
    )]
    Unexpected(#[api(source)] Cause),
}

/// The MQTT interface's envelope:
/// `{"status": "error", "error_code": …, "message": …, …fields}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mqtt;

impl Format for Mqtt {
    const RESERVED: &'static [&'static str] = &["status", "error_code", "message", "details"];

    fn serialize<E, S>(&self, error: &E, context: &Context<'_>, ser: S) -> Result<S::Ok, S::Error>
    where
        E: ApiError + ?Sized,
        S: Serializer,
    {
        let mut map = ser.serialize_map(None)?;
        map.serialize_entry("status", "error")?;
        map.serialize_entry("error_code", &error.code())?;
        map.serialize_entry("message", &error.message())?;
        ExtraMembers::new(error, Self::RESERVED).write(&mut map)?;
        context.write_details(error, &mut map)?;
        map.end()
    }
}

/// The MQTT interface's error codes. They travel in MQTT payloads, never in
/// an HTTP response, hence `status = none`; publish
/// `serde_json::to_vec(&error.envelope())`.
#[derive(Debug, ApiError)]
#[api(format = Mqtt, status = none)]
pub enum MqttError {
    /// Malformed request payload.
    #[api(message = "Malformed request payload")]
    InvalidRequest,
    // Every validation failure shares this code; the message says which.
    /// Invalid field values or criteria.
    #[api(message = "{reason}")]
    ValidationError {
        /// What is invalid.
        reason: Validation,
    },
    /// Requested resource doesn't exist.
    #[api(message = "Requested resource doesn't exist")]
    NotFound,
    /// Too many requests.
    #[api(message = "Too many requests")]
    RateLimited,
    /// Server-side failure.
    #[api(message = "Server-side failure")]
    InternalError(#[api(source)] Cause),
}

/// Why a query's criteria are invalid: the page's "Validation Errors", the
/// messages of `VALIDATION_ERROR`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Validation {
    /// Wrong operator type for a numeric field.
    NumericOperator {
        /// The operator used.
        operator: String,
        /// The field it was used on.
        field: String,
    },
    /// Wrong operator type for a boolean field.
    BooleanOperator {
        /// The operator used.
        operator: String,
        /// The field it was used on.
        field: String,
    },
    /// Wrong operator type for an enum field.
    EnumOperator {
        /// The operator used.
        operator: String,
        /// The field it was used on.
        field: String,
    },
    /// Using `is_null` on a non-nullable field.
    NotNullable {
        /// The field.
        field: String,
    },
    /// Wrong value type.
    InvalidValue {
        /// The field.
        field: String,
    },
}

impl fmt::Display for Validation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Validation::NumericOperator { operator, field } => {
                write!(
                    f,
                    "Operator '{operator}' not valid for numeric field '{field}'"
                )
            }
            Validation::BooleanOperator { operator, field } => {
                write!(
                    f,
                    "Operator '{operator}' not valid for boolean field '{field}'"
                )
            }
            Validation::EnumOperator { operator, field } => {
                write!(
                    f,
                    "Operator '{operator}' not valid for enum field '{field}'"
                )
            }
            Validation::NotNullable { field } => write!(f, "Field '{field}' is not nullable"),
            Validation::InvalidValue { field } => write!(f, "Invalid value for field '{field}'"),
        }
    }
}

impl From<Validation> for MqttError {
    fn from(reason: Validation) -> Self {
        MqttError::ValidationError { reason }
    }
}
