//! An API whose codes are `domain:operation`, every code on its page.
//!
//! One enum per domain of the page ([`UserError`], [`SessionError`], …,
//! [`SystemError`]: 16 enums, 76 codes), each with `prefix = "user:"` and
//! `rename_all = "snake_case"` so that the codes derive from the variant
//! names (`UserError::InvalidPassword` is `user:invalid_password`). The three
//! codes that do not follow the domain's prefix are written out: `FORBIDDEN`
//! and `FILE_TOO_LARGE` (listed among the general errors) and
//! `meilisearch:query_failed` (the search domain names its backend).
//!
//! [`AppError`] composes them with `#[api(transparent)]` variants, whose
//! generated `From` impls let a handler use `?` on any domain's error.
//!
//! Statuses are the page's, row for row, including the surprising ones:
//! `system:internal_error` is a 400, `file:not_found` a 400, the OAuth
//! provider failures 400s. The public message is the page's description.
//!
//! Internal failures (database, hashing, provider, worker, search …) carry
//! their cause as `#[api(source)]`: never in a production body, and listed
//! in the `details` member that the page says development mode adds
//! ([`errbook::Context::development`] or [`errbook::set_development_mode`]).
//!
//! ```
//! use errbook::{ApiError, Context};
//! use errbook_examples::domain_api::{AppError, DatabaseError, SystemError};
//!
//! let err = AppError::from(SystemError::DatabaseError(DatabaseError::new(
//!     "SELECT * FROM users WHERE id = $1",
//!     "connection refused",
//! )));
//! assert_eq!(err.code(), "system:database_error");
//! assert_eq!(
//!     serde_json::to_string(&err.envelope()).unwrap(),
//!     r#"{"error":{"code":"system:database_error","message":"Database error"}}"#,
//! );
//! let dev = err.envelope().with_context(Context::development());
//! assert!(serde_json::to_string(&dev).unwrap().contains(r#""details":"#));
//! ```

use std::fmt;

use errbook::ApiError;

/// An internal cause: a library's error, boxed. Never in a production body.
pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// A failed database call, the cause of `system:database_error` and
/// `system:transaction_error`: the query and the driver's error, which is
/// its own `source`, so development `details` list both.
#[derive(Debug)]
pub struct DatabaseError {
    query: &'static str,
    driver: DriverError,
}

impl DatabaseError {
    /// A failure of `query`, with the driver's message.
    pub fn new(query: &'static str, driver: &'static str) -> Self {
        DatabaseError {
            query,
            driver: DriverError(driver),
        }
    }
}

impl fmt::Display for DatabaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "query `{}` failed", self.query)
    }
}

impl std::error::Error for DatabaseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.driver)
    }
}

/// The database driver's own error.
#[derive(Debug)]
pub struct DriverError(&'static str);

impl fmt::Display for DriverError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for DriverError {}

/// User Errors.
#[derive(Debug, ApiError)]
#[api(prefix = "user:", rename_all = "snake_case")]
pub enum UserError {
    /// Wrong password
    #[api(status = 401, message = "Wrong password")]
    InvalidPassword,
    /// User has no password (OAuth-only account)
    #[api(status = 401, message = "User has no password (OAuth-only account)")]
    PasswordNotSet,
    /// Session is invalid
    #[api(status = 401, message = "Session is invalid")]
    InvalidSession,
    /// Email not verified
    #[api(status = 401, message = "Email not verified")]
    NotVerified,
    /// User not found
    #[api(status = 404, message = "User not found")]
    NotFound,
    /// Not authenticated
    #[api(status = 401, message = "Not authenticated")]
    Unauthorized,
    /// User is banned
    #[api(status = 403, message = "User is banned")]
    Banned,
    /// Insufficient permissions
    #[api(status = 403, message = "Insufficient permissions")]
    PermissionInsufficient,
    /// Handle is taken
    #[api(status = 409, message = "Handle is taken")]
    HandleAlreadyExists,
    /// Email is already registered
    #[api(status = 409, message = "Email is already registered")]
    EmailAlreadyExists,
    /// Auth token has expired
    #[api(status = 401, message = "Auth token has expired")]
    TokenExpired,
    /// No refresh token available
    #[api(status = 401, message = "No refresh token available")]
    NoRefreshToken,
    /// Auth token is invalid
    #[api(status = 401, message = "Auth token is invalid")]
    InvalidToken,
}

/// Session Errors
///
/// All 401, the enum's default status.
#[derive(Debug, ApiError)]
#[api(prefix = "session:", rename_all = "snake_case", status = 401)]
pub enum SessionError {
    /// Session user ID is malformed
    #[api(message = "Session user ID is malformed")]
    InvalidUserId,
    /// Session has expired (max lifetime)
    #[api(message = "Session has expired (max lifetime)")]
    Expired,
    /// Session not found in Redis
    #[api(message = "Session not found in Redis")]
    NotFound,
}

/// OAuth Errors.
#[derive(Debug, ApiError)]
#[api(prefix = "oauth:", rename_all = "snake_case")]
pub enum OAuthError {
    /// Failed to build authorization URL
    #[api(status = 400, message = "Failed to build authorization URL")]
    InvalidAuthUrl,
    /// Failed to build token exchange URL
    #[api(status = 400, message = "Failed to build token exchange URL")]
    InvalidTokenUrl,
    /// Invalid redirect URI
    #[api(status = 400, message = "Invalid redirect URI")]
    InvalidRedirectUrl,
    /// Code-to-token exchange failed
    #[api(status = 400, message = "Code-to-token exchange failed")]
    TokenExchangeFailed(#[api(source)] Cause),
    /// Failed to fetch user info from provider
    #[api(status = 400, message = "Failed to fetch user info from provider")]
    UserInfoFetchFailed(#[api(source)] Cause),
    /// Failed to parse provider user info
    #[api(status = 500, message = "Failed to parse provider user info")]
    UserInfoParseFailed(#[api(source)] serde_json::Error),
    /// OAuth account already linked to another user
    #[api(status = 409, message = "OAuth account already linked to another user")]
    AccountAlreadyLinked,
    /// OAuth connection not found
    #[api(status = 404, message = "OAuth connection not found")]
    ConnectionNotFound,
    /// Cannot unlink the last OAuth connection (no password)
    #[api(
        status = 400,
        message = "Cannot unlink the last OAuth connection (no password)"
    )]
    CannotUnlinkLastConnection,
    /// Invalid avatar URL from provider
    #[api(status = 400, message = "Invalid avatar URL from provider")]
    InvalidImageUrl,
    /// OAuth state parameter mismatch
    #[api(status = 400, message = "OAuth state parameter mismatch")]
    InvalidState,
    /// OAuth state has expired
    #[api(status = 400, message = "OAuth state has expired")]
    StateExpired,
    /// Handle required for new OAuth signup
    #[api(status = 400, message = "Handle required for new OAuth signup")]
    HandleRequired,
    /// Email already exists
    #[api(status = 409, message = "Email already exists")]
    EmailAlreadyExists,
    /// Provider email not verified
    #[api(status = 400, message = "Provider email not verified")]
    EmailNotVerified,
}

/// Password Errors
///
/// All 400, the enum's default status.
#[derive(Debug, ApiError)]
#[api(prefix = "password:", rename_all = "snake_case", status = 400)]
pub enum PasswordError {
    /// Current password required
    #[api(message = "Current password required")]
    RequiredForUpdate,
    /// Current password is wrong
    #[api(message = "Current password is wrong")]
    Incorrect,
    /// Cannot set password on OAuth-only account
    #[api(message = "Cannot set password on OAuth-only account")]
    CannotUpdateOauthOnly,
    /// New password not provided
    #[api(message = "New password not provided")]
    NewPasswordMissing,
    /// Password is already set
    #[api(message = "Password is already set")]
    AlreadySet,
}

/// Token Errors
///
/// All 400, the enum's default status.
#[derive(Debug, ApiError)]
#[api(prefix = "token:", rename_all = "snake_case", status = 400)]
pub enum TokenError {
    /// Email verification token is invalid
    #[api(message = "Email verification token is invalid")]
    InvalidVerification,
    /// Email verification token has expired
    #[api(message = "Email verification token has expired")]
    ExpiredVerification,
    /// Token email doesn't match
    #[api(message = "Token email doesn't match")]
    EmailMismatch,
    /// Password reset token is invalid
    #[api(message = "Password reset token is invalid")]
    InvalidReset,
    /// Password reset token has expired
    #[api(message = "Password reset token has expired")]
    ExpiredReset,
    /// Email change token is invalid
    #[api(message = "Email change token is invalid")]
    InvalidEmailChange,
}

/// Email Errors.
#[derive(Debug, ApiError)]
#[api(prefix = "email:", rename_all = "snake_case")]
pub enum EmailError {
    /// Email is already verified
    #[api(status = 400, message = "Email is already verified")]
    AlreadyVerified,
}

/// TOTP Errors.
#[derive(Debug, ApiError)]
#[api(prefix = "totp:", rename_all = "snake_case")]
pub enum TotpError {
    /// TOTP is already enabled
    #[api(status = 409, message = "TOTP is already enabled")]
    AlreadyEnabled,
    /// TOTP is not enabled
    #[api(status = 400, message = "TOTP is not enabled")]
    NotEnabled,
    /// Invalid TOTP or backup code
    #[api(status = 400, message = "Invalid TOTP or backup code")]
    InvalidCode,
    /// Temporary login token is invalid
    #[api(status = 400, message = "Temporary login token is invalid")]
    TempTokenInvalid,
    /// Temporary login token has expired
    #[api(status = 400, message = "Temporary login token has expired")]
    TempTokenExpired,
    /// All backup codes used
    #[api(status = 401, message = "All backup codes used")]
    BackupCodeExhausted,
    /// Failed to generate TOTP secret
    #[api(status = 500, message = "Failed to generate TOTP secret")]
    SecretGenerationFailed(#[api(source)] Cause),
    /// Failed to generate QR code
    #[api(status = 500, message = "Failed to generate QR code")]
    QrGenerationFailed(#[api(source)] Cause),
}

/// Post Errors.
#[derive(Debug, ApiError)]
#[api(prefix = "post:", rename_all = "snake_case")]
pub enum PostError {
    /// Post not found
    #[api(status = 404, message = "Post not found")]
    NotFound,
}

/// File Errors
///
/// All 400 (`file:not_found` too), the enum's default status.
#[derive(Debug, ApiError)]
#[api(prefix = "file:", rename_all = "snake_case", status = 400)]
pub enum FileError {
    /// File upload failed
    #[api(message = "File upload failed")]
    UploadError(#[api(source)] Cause),
    /// File not found
    #[api(message = "File not found")]
    NotFound,
    /// File read failed
    #[api(message = "File read failed")]
    ReadError(#[api(source)] std::io::Error),
}

/// General Errors
///
/// Including the two codes without a domain, `FORBIDDEN` and
/// `FILE_TOO_LARGE`.
#[derive(Debug, ApiError)]
#[api(prefix = "general:", rename_all = "snake_case")]
pub enum GeneralError {
    /// Bad request
    #[api(status = 400, message = "Bad request")]
    BadRequest,
    /// Validation failed
    #[api(status = 400, message = "Validation failed")]
    ValidationError,
    /// Invalid IP address
    #[api(status = 400, message = "Invalid IP address")]
    InvalidIpAddress,
    /// Access forbidden
    #[api(code = "FORBIDDEN", status = 403, message = "Access forbidden")]
    Forbidden,
    /// Payload too large
    #[api(code = "FILE_TOO_LARGE", status = 413, message = "Payload too large")]
    FileTooLarge,
}

/// Rate Limiting.
#[derive(Debug, ApiError)]
#[api(prefix = "rate_limit:", rename_all = "snake_case")]
pub enum RateLimitError {
    /// Too many requests
    #[api(status = 429, message = "Too many requests")]
    Exceeded {
        /// When the limit resets: the `Retry-After` header only, since the
        /// page's body has no member for it.
        #[api(retry_after)]
        retry_after: core::time::Duration,
    },
}

/// Turnstile (Bot Protection).
#[derive(Debug, ApiError)]
#[api(prefix = "turnstile:", rename_all = "snake_case")]
pub enum TurnstileError {
    /// Turnstile token not provided
    #[api(status = 400, message = "Turnstile token not provided")]
    TokenMissing,
    /// Turnstile verification failed
    #[api(status = 403, message = "Turnstile verification failed")]
    VerificationFailed,
    /// Turnstile service unavailable
    #[api(status = 503, message = "Turnstile service unavailable")]
    ServiceError(#[api(source)] Cause),
}

/// Search
///
/// The domain is search, the code names its backend.
#[derive(Debug, ApiError)]
pub enum SearchError {
    /// Search query failed
    #[api(
        code = "meilisearch:query_failed",
        status = 500,
        message = "Search query failed"
    )]
    QueryFailed(#[api(source)] Cause),
}

// The page's section title, written as an attribute: it is a product name,
// not a Rust item to put in backticks.
/// EventStream
///
/// The page's `EventStream` section.
#[derive(Debug, ApiError)]
#[api(prefix = "eventstream:", rename_all = "snake_case")]
pub enum EventStreamError {
    /// Event publish failed
    #[api(status = 503, message = "Event publish failed")]
    PublishFailed(#[api(source)] Cause),
}

/// Worker / System
///
/// The worker errors, first part of the page's "Worker / System" table:
/// [`SystemError`] has the same first sentence, so a catalog page lists
/// both in one section.
#[derive(Debug, ApiError)]
#[api(prefix = "worker:", rename_all = "snake_case")]
pub enum WorkerError {
    /// Worker service connection failed
    #[api(status = 503, message = "Worker service connection failed")]
    ConnectionFailed(#[api(source)] Cause),
    /// Worker returned invalid response
    #[api(status = 502, message = "Worker returned invalid response")]
    ResponseInvalid(#[api(source)] Cause),
    /// Verification email failed to send
    #[api(status = 502, message = "Verification email failed to send")]
    VerificationEmailSendFailed,
    /// Password reset email failed to send
    #[api(status = 502, message = "Password reset email failed to send")]
    PasswordResetEmailSendFailed,
}

/// Worker / System
///
/// The system errors, second part of the page's "Worker / System" table
/// (see [`WorkerError`]).
#[derive(Debug, ApiError)]
#[api(prefix = "system:", rename_all = "snake_case")]
pub enum SystemError {
    // The page documents this code with status 400, not 500: modelled as
    // documented, since clients branch on the status.
    /// Internal server error
    #[api(status = 400, message = "Internal server error")]
    InternalError(#[api(source)] Cause),
    /// Password hashing failed
    #[api(status = 500, message = "Password hashing failed")]
    HashingError(#[api(source)] Cause),
    /// Resource not found
    #[api(status = 404, message = "Resource not found")]
    NotFound,
    /// Database transaction failed
    #[api(status = 500, message = "Database transaction failed")]
    TransactionError(#[api(source)] DatabaseError),
    /// Database error
    #[api(status = 500, message = "Database error")]
    DatabaseError(#[api(source)] DatabaseError),
    /// Token creation failed
    #[api(status = 500, message = "Token creation failed")]
    TokenCreationError(#[api(source)] Cause),
}

/// Every error of the API: one `transparent` variant per domain, so the
/// code, status, message, description and source are the domain error's.
#[derive(Debug, ApiError)]
pub enum AppError {
    /// `user:…`
    #[api(transparent)]
    User(UserError),
    /// `session:…`
    #[api(transparent)]
    Session(SessionError),
    /// `oauth:…`
    #[api(transparent)]
    OAuth(OAuthError),
    /// `password:…`
    #[api(transparent)]
    Password(PasswordError),
    /// `token:…`
    #[api(transparent)]
    Token(TokenError),
    /// `email:…`
    #[api(transparent)]
    Email(EmailError),
    /// `totp:…`
    #[api(transparent)]
    Totp(TotpError),
    /// `post:…`
    #[api(transparent)]
    Post(PostError),
    /// `file:…`
    #[api(transparent)]
    File(FileError),
    /// `general:…`, `FORBIDDEN`, `FILE_TOO_LARGE`
    #[api(transparent)]
    General(GeneralError),
    /// `rate_limit:…`
    #[api(transparent)]
    RateLimit(RateLimitError),
    /// `turnstile:…`
    #[api(transparent)]
    Turnstile(TurnstileError),
    /// `meilisearch:…`
    #[api(transparent)]
    Search(SearchError),
    /// `eventstream:…`
    #[api(transparent)]
    EventStream(EventStreamError),
    /// `worker:…`
    #[api(transparent)]
    Worker(WorkerError),
    /// `system:…`
    #[api(transparent)]
    System(SystemError),
}
