//! A chat API's error-code page, every code on it.
//!
//! The page lists 44 codes that travel over HTTP, grouped by status, and 7
//! federation codes that peers exchange among themselves. They are two types
//! here:
//!
//! - [`ChatError`]: one variant per HTTP code, with the page's status and its
//!   description as the doc comment (which is also
//!   [`ApiError::doc`]). The public message is the description, except
//!   for `FORBIDDEN`, whose message is the one of the page's example body,
//!   and `RATE_LIMITED`, whose message names the delay. Codes are derived
//!   from the variant names (`UserNotFound` is `USER_NOT_FOUND`); the codes
//!   starting with a digit (`2FA_REQUIRED` …) are written out, since no Rust
//!   name starts with one.
//! - [`FederationCode`]: `FED_OK` … `FED_SERVER_FULL`, derived with
//!   `prefix = "FED_"`, and `#[api(status = none)]` because these codes
//!   never are an HTTP status (`FED_OK` is not even an error).
//!
//! # `"retry_after_ms": null`
//!
//! The page's field table types `retry_after_ms` as "`int` or `null`" and
//! `missing_permission` as "`string` or `null`", and its example — a
//! `FORBIDDEN` — carries `"retry_after_ms": null`: the server writes both
//! members in every body, `null` where they do not apply. errbook's default
//! `nested` format writes only the members an error has, so this module
//! reproduces the page with a small format of its own, [`ChatEnvelope`]:
//! `code`, `message`, then `retry_after_ms` and `missing_permission` from the
//! error's fields or `null`, then any other member. The errors themselves
//! stay precise: only `RATE_LIMITED` has a `retry_after_ms` (a plain `u64`,
//! which also sets `Retry-After`), only `FORBIDDEN` a `missing_permission`.
//! `to_response_as(errbook::format::Nested)` gives the body without the
//! `null`s, for clients that do not need them.
//!
//! ```
//! use errbook::ApiError;
//! use errbook_examples::chat_api::ChatError;
//!
//! let err = ChatError::Forbidden { missing_permission: "manage_messages".into() };
//! assert_eq!(
//!     String::from_utf8(err.to_response().into_body()).unwrap(),
//!     r#"{"error":{"code":"FORBIDDEN","message":"You do not have permission to perform this action.","retry_after_ms":null,"missing_permission":"manage_messages"}}"#,
//! );
//! ```

// The descriptions are the page's text, product names (WebAuthn, CPace)
// included, not Rust items to put in backticks.
#![allow(clippy::doc_markdown)]

use errbook::catalog::Item;
use errbook::format::ExtraMembers;
use errbook::{ApiError, Catalog, Context, FieldVisitor, Format};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// An internal cause of an [`ChatError::UnknownError`]; never in a body.
pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Every error code of the chat API that travels over HTTP.
#[derive(Debug, ApiError)]
#[api(format = ChatEnvelope)]
pub enum ChatError {
    // 400 Bad Request
    /// Client protocol version is not supported by the server.
    #[api(
        status = 400,
        message = "Client protocol version is not supported by the server."
    )]
    ProtocolVersionMismatch,
    /// Message body exceeds the maximum allowed size.
    #[api(
        status = 400,
        message = "Message body exceeds the maximum allowed size."
    )]
    MessageTooLarge,
    /// Operation is not valid for this space type.
    #[api(status = 400, message = "Operation is not valid for this space type.")]
    SpaceTypeMismatch,
    /// Gateway protocol version is not supported.
    #[api(status = 400, message = "Gateway protocol version is not supported.")]
    GatewayVersionMismatch,

    // 401 Unauthorized
    /// Invalid username or password.
    #[api(status = 401, message = "Invalid username or password.")]
    AuthFailed,
    /// Authentication token has expired.
    #[api(status = 401, message = "Authentication token has expired.")]
    AuthExpired,
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
    /// WebAuthn assertion verification failed.
    #[api(status = 401, message = "WebAuthn assertion verification failed.")]
    WebauthnInvalid,

    // 403 Forbidden
    /// Insufficient permissions. Check `missing_permission`.
    #[api(
        status = 403,
        message = "You do not have permission to perform this action."
    )]
    Forbidden {
        /// The permission the action needs, such as `manage_messages`.
        #[api(field)]
        missing_permission: String,
    },
    /// The user is banned from this space.
    #[api(status = 403, message = "The user is banned from this space.")]
    Banned,
    /// Cannot modify a role equal to or above your own.
    #[api(
        status = 403,
        message = "Cannot modify a role equal to or above your own."
    )]
    RoleHierarchy,
    /// The recipient does not allow DMs from you.
    #[api(status = 403, message = "The recipient does not allow DMs from you.")]
    DmPermissionDenied,
    /// The target user has blocked you.
    #[api(status = 403, message = "The target user has blocked you.")]
    UserBlocked,
    /// Federation is not permitted with this peer.
    #[api(status = 403, message = "Federation is not permitted with this peer.")]
    FederationDenied,

    // 404 Not Found
    /// No user exists with this ID.
    #[api(status = 404, message = "No user exists with this ID.")]
    UserNotFound,
    /// No space exists with this ID.
    #[api(status = 404, message = "No space exists with this ID.")]
    SpaceNotFound,
    /// No message exists with this ID.
    #[api(status = 404, message = "No message exists with this ID.")]
    MessageNotFound,
    /// No report exists with this ID.
    #[api(status = 404, message = "No report exists with this ID.")]
    ReportNotFound,
    /// No command registered with this name.
    #[api(status = 404, message = "No command registered with this name.")]
    CmdNotFound,
    /// No webhook exists with this ID.
    #[api(status = 404, message = "No webhook exists with this ID.")]
    WebhookNotFound,
    /// No E2EE key backup found.
    #[api(status = 404, message = "No E2EE key backup found.")]
    KeyBackupNotFound,
    /// No WebAuthn credential with this ID.
    #[api(status = 404, message = "No WebAuthn credential with this ID.")]
    WebauthnCredentialNotFound,

    // 409 Conflict
    /// User is already connected to a voice channel.
    #[api(
        status = 409,
        message = "User is already connected to a voice channel."
    )]
    AlreadyInVoice,
    /// A command with this name is already registered.
    #[api(
        status = 409,
        message = "A command with this name is already registered."
    )]
    CmdAlreadyRegistered,
    /// Two-factor authentication is already enabled.
    #[api(
        code = "2FA_ALREADY_ENABLED",
        status = 409,
        message = "Two-factor authentication is already enabled."
    )]
    TwoFactorAlreadyEnabled,

    // 410 Gone
    /// This invite has expired or been revoked.
    #[api(status = 410, message = "This invite has expired or been revoked.")]
    InviteExpired {
        /// The invite's own code, for the server's logs: not exposed, so the
        /// body's `code` stays the error code.
        code: String,
    },
    /// This interaction token has expired.
    #[api(status = 410, message = "This interaction token has expired.")]
    InteractionExpired,
    /// The 2FA setup session has expired. Start over.
    #[api(
        code = "2FA_SETUP_EXPIRED",
        status = 410,
        message = "The 2FA setup session has expired. Start over."
    )]
    TwoFactorSetupExpired,
    /// The device pairing session has expired.
    #[api(status = 410, message = "The device pairing session has expired.")]
    DevicePairExpired,
    /// The CPace key agreement session has expired.
    #[api(status = 410, message = "The CPace key agreement session has expired.")]
    CpaceExpired,

    // 413 Content Too Large
    /// Uploaded file exceeds the maximum size.
    #[api(status = 413, message = "Uploaded file exceeds the maximum size.")]
    FileTooLarge,

    // 422 Unprocessable Entity
    /// The invite code is malformed or invalid.
    #[api(status = 422, message = "The invite code is malformed or invalid.")]
    InviteInvalid,
    /// The webhook token does not match.
    #[api(status = 422, message = "The webhook token does not match.")]
    WebhookTokenInvalid,
    /// Cannot perform this action without 2FA enabled.
    #[api(
        code = "2FA_NOT_ENABLED",
        status = 422,
        message = "Cannot perform this action without 2FA enabled."
    )]
    TwoFactorNotEnabled,
    /// All recovery codes have been used.
    #[api(
        code = "2FA_RECOVERY_EXHAUSTED",
        status = 422,
        message = "All recovery codes have been used."
    )]
    TwoFactorRecoveryExhausted,
    /// CPace key agreement verification failed.
    #[api(status = 422, message = "CPace key agreement verification failed.")]
    CpaceFailed,

    // 429 Too Many Requests
    /// Rate limit exceeded. Retry after `retry_after_ms` milliseconds.
    #[api(
        status = 429,
        message = "Rate limit exceeded. Retry after {retry_after_ms} milliseconds."
    )]
    RateLimited {
        /// Milliseconds to wait before retrying; also `Retry-After`, in
        /// whole seconds rounded up.
        #[api(field, retry_after = "ms")]
        retry_after_ms: u64,
    },

    // 500 Internal Server Error
    /// An unexpected server error occurred.
    #[api(status = 500, message = "An unexpected server error occurred.")]
    UnknownError(#[api(source)] Cause),

    // 502 Bad Gateway
    /// The federated peer server is unreachable.
    #[api(status = 502, message = "The federated peer server is unreachable.")]
    FederationUnavailable,

    // 503 Service Unavailable
    /// The server has reached its maximum capacity.
    #[api(status = 503, message = "The server has reached its maximum capacity.")]
    ServerFull,
    /// The voice room has reached its maximum capacity.
    #[api(
        status = 503,
        message = "The voice room has reached its maximum capacity."
    )]
    RoomFull,
    /// No pre-keys available for this device (E2EE).
    #[api(
        status = 503,
        message = "No pre-keys available for this device (E2EE)."
    )]
    PrekeyExhausted,
    /// Maximum number of devices reached for this account.
    #[api(
        status = 503,
        message = "Maximum number of devices reached for this account."
    )]
    DeviceLimitReached,
}

/// The codes of federation responses between peers: a vocabulary of their
/// own, never an HTTP status ([`ApiError::has_status`] is `false`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ApiError)]
#[api(status = none, prefix = "FED_")]
pub enum FederationCode {
    /// Request succeeded.
    #[api(message = "Request succeeded.")]
    Ok,
    /// Federation denied by peer policy.
    #[api(message = "Federation denied by peer policy.")]
    Denied,
    /// Invalid federation request format.
    #[api(message = "Invalid federation request format.")]
    Invalid,
    /// Nonce has already been used (replay detected).
    #[api(message = "Nonce has already been used (replay detected).")]
    NonceReuse,
    /// Federation request timestamp is too old.
    #[api(message = "Federation request timestamp is too old.")]
    Expired,
    /// Unknown federation error.
    #[api(message = "Unknown federation error.")]
    Unknown,
    /// The federated peer server is at capacity.
    #[api(message = "The federated peer server is at capacity.")]
    ServerFull,
}

impl FederationCode {
    /// Every federation code, in the page's order.
    pub const ALL: [FederationCode; 7] = [
        FederationCode::Ok,
        FederationCode::Denied,
        FederationCode::Invalid,
        FederationCode::NonceReuse,
        FederationCode::Expired,
        FederationCode::Unknown,
        FederationCode::ServerFull,
    ];
}

/// The chat API's whole error-code page as one catalog: [`ChatError`]'s
/// codes, then [`FederationCode`]'s. `cargo run --example catalog -- --chat`
/// renders it grouped by status, as the page is.
pub static CATALOG: Catalog = Catalog::new(
    "ChatApi",
    &[
        Item::Nested(ChatError::CATALOG),
        Item::Nested(FederationCode::CATALOG),
    ],
)
.with_description("The chat API's error codes.");

/// The members the page's envelope always carries, `null` when the error
/// has no such field, in the page's order.
pub const ALWAYS_PRESENT: [&str; 2] = ["retry_after_ms", "missing_permission"];

/// The chat API's envelope, as on the page:
/// `{"error": {"code", "message", "retry_after_ms", "missing_permission", …}}`,
/// with the two [`ALWAYS_PRESENT`] members written as `null` when the error
/// does not carry them, then the other fields, the error's `violations`
/// (a framework's rejection of a request's body or parameters: what was
/// wrong, member by member, as the `nested` format writes them), then the
/// request's `request_id` inside a
/// [`RequestContext`](errbook::request::RequestContext), and development
/// `details` last.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ChatEnvelope;

impl Format for ChatEnvelope {
    // The always-present members are not reserved: `RATE_LIMITED` and
    // `FORBIDDEN` supply them as fields.
    const RESERVED: &'static [&'static str] = &["code", "message", "violations", "details"];

    fn serialize<E, S>(
        &self,
        error: &E,
        context: &Context<'_>,
        serializer: S,
    ) -> Result<S::Ok, S::Error>
    where
        E: ApiError + ?Sized,
        S: Serializer,
    {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("error", &Inner { error, context })?;
        map.end()
    }
}

/// Names [`ExtraMembers`] leaves out: the format's own and the ones written
/// in their fixed place.
const WRITTEN: &[&str] = &[
    "code",
    "message",
    "violations",
    "details",
    "retry_after_ms",
    "missing_permission",
];

struct Inner<'a, 'c, E: ?Sized> {
    error: &'a E,
    context: &'a Context<'c>,
}

impl<E: ApiError + ?Sized> Serialize for Inner<'_, '_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", &self.error.code())?;
        map.serialize_entry("message", &self.error.message())?;
        for name in ALWAYS_PRESENT {
            let mut member = OneMember {
                map: &mut map,
                name,
                written: false,
            };
            self.error.visit_fields(&mut member)?;
            if !member.written {
                map.serialize_entry(name, &None::<()>)?;
            }
        }
        ExtraMembers::new(self.error, WRITTEN).write(&mut map)?;
        if let Some(violations) = self.error.violations() {
            map.serialize_entry("violations", violations)?;
        }
        self.context
            .write_instance(self.error, "request_id", &mut map)?;
        self.context.write_details(self.error, &mut map)?;
        map.end()
    }
}

/// Writes the one member called `name`, if the error has it.
struct OneMember<'m, M> {
    map: &'m mut M,
    name: &'static str,
    written: bool,
}

impl<M: SerializeMap> FieldVisitor for OneMember<'_, M> {
    type Error = M::Error;

    fn visit<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), M::Error> {
        if name == self.name && !self.written {
            self.written = true;
            self.map.serialize_entry(name, value)?;
        }
        Ok(())
    }
}
