//! A community API whose error codes are mostly the HTTP status itself, an
//! integer, every code and message on its page.
//!
//! ```json
//! {"error": {"code": 404, "message": "Resource not found"}}
//! ```
//!
//! # One variant per status, one enum of messages per status
//!
//! The page's integer codes are HTTP statuses, and several of its messages
//! share one (six 401s, five 403s, nine 400s, nine 404s, five 409s). A code
//! names one variant, and errbook refuses duplicate codes, so a message
//! cannot be a variant of its own. Each status is one variant of
//! [`CommunityError`] instead, whose field is the enum of the page's messages
//! for that status ([`AuthMessage`] for 401 …), rendered with
//! `message = "{0}"`:
//!
//! - a client keys on `code` (the status) as the page tells it to, and the
//!   server still names the exact case (`AuthMessage::TokenExpired`), so a
//!   handler cannot send a message the page does not list, nor a 401 message
//!   with a 403;
//! - each message keeps the page's description ([`AuthMessage::description`]),
//!   and `ALL` lists them, the way the page's tables do;
//! - messages stay `&'static str`, rendered without allocating.
//!
//! The page calls these tables "common" messages, and its own 404 example,
//! "Resource not found", is in none of them: it is
//! [`NotFoundMessage::Resource`]. A new message is one more row in its table
//! below.
//!
//! The string codes sit in the same enum: `VERSION_OUTDATED` (426, with the
//! four members of the page's example) and `INVALID_VERSION_FORMAT` (400,
//! next to the integer 400: several codes may share a status). The 429 body
//! carries `retry_after` in seconds as a float, which also sets
//! `Retry-After` in whole seconds, rounded up.
//!
//! Not modelled: 200 and 201 of the page's status table, which are not
//! errors, and a 426 with an integer code (the page's 426 is
//! `VERSION_OUTDATED`). The page does not show `INVALID_VERSION_FORMAT`'s
//! body; it says version errors "include additional fields", so it carries
//! the `client_version` it could not parse. `"Message must have content..."`
//! is verbatim, ellipsis included.
//!
//! ```
//! use errbook::ApiError;
//! use errbook_examples::community_api::{CommunityError, NotFoundMessage};
//!
//! let err = CommunityError::NotFound(NotFoundMessage::Resource);
//! assert_eq!(err.code(), 404);
//! assert_eq!(
//!     String::from_utf8(err.to_response().into_body()).unwrap(),
//!     r#"{"error":{"code":404,"message":"Resource not found"}}"#,
//! );
//! ```

use core::fmt;

use errbook::ApiError;

/// An internal cause of a 500; never in a body.
pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Defines one enum of messages, the field of the `CommunityError` variant
/// named after `for`: each row is `Variant: "message" => "description"`, as
/// in the page's tables.
macro_rules! messages {
    (
        $(#[$meta:meta])*
        $name:ident for $error:ident {
            $($variant:ident: $message:literal => $description:literal,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $(
                #[doc = concat!("\"", $message, "\": ", $description, ".")]
                $variant,
            )*
        }

        impl $name {
            /// Every message, in the page's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The message, as the body's `message`.
            pub const fn message(self) -> &'static str {
                match self {
                    $($name::$variant => $message,)*
                }
            }

            /// When the message is sent, as the page describes it.
            pub const fn description(self) -> &'static str {
                match self {
                    $($name::$variant => $description,)*
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.message())
            }
        }

        impl From<$name> for CommunityError {
            fn from(message: $name) -> Self {
                CommunityError::$error(message)
            }
        }
    };
}

messages! {
    /// The messages of a 401 (the page's "Authentication Errors").
    AuthMessage for Unauthorized {
        AuthenticationRequired: "Authentication required" => "No token provided",
        InvalidToken: "Invalid token" => "Token is malformed or invalid",
        TokenExpired: "Token expired" => "Token has expired",
        InvalidCredentials: "Invalid credentials" => "Wrong username/password",
        InvalidCode: "Invalid code" => "Wrong 2FA code",
        ChallengeExpired: "Expired token" => "Challenge token expired",
    }
}

messages! {
    /// The messages of a 403 (the page's "Permission Errors").
    PermissionMessage for Forbidden {
        AccessDenied: "Access denied" => "No access to resource",
        PermissionDenied: "Permission denied" => "Missing required permission",
        AccountLocked: "Account locked" => "Too many failed login attempts",
        AdminRequired: "Admin access required" => "Admin permission needed",
        CannotMessageUser: "Cannot message this user" => "User has blocked you",
    }
}

messages! {
    /// The messages of a 400 (the page's "Validation Errors").
    ValidationMessage for BadRequest {
        InvalidInput: "Invalid input" => "Request validation failed",
        InvalidUserId: "Invalid user ID" => "ID format invalid",
        InvalidChannelId: "Invalid channel ID" => "ID format invalid",
        InvalidServerId: "Invalid server ID" => "ID format invalid",
        InvalidMessageId: "Invalid message ID" => "ID format invalid",
        WeakPassword: "Weak password" => "Password doesn't meet requirements",
        EmptyMessage: "Message must have content..." => "Empty message",
        FileTooLarge: "File too large" => "Upload exceeds size limit",
        InvalidFileType: "Invalid file type" => "Unsupported file format",
    }
}

messages! {
    /// The messages of a 404 (the page's "Resource Errors", and the generic
    /// message of its example body).
    NotFoundMessage for NotFound {
        Resource: "Resource not found" => "Resource doesn't exist",
        User: "User not found" => "User doesn't exist",
        Server: "Server not found" => "Server doesn't exist",
        Channel: "Channel not found" => "Channel doesn't exist",
        Message: "Message not found" => "Message doesn't exist",
        Webhook: "Webhook not found" => "Webhook doesn't exist",
        Session: "Session not found" => "Session doesn't exist",
        FriendRequest: "Friend request not found" => "No pending request",
        Relationship: "Relationship not found" => "No relationship exists",
        Setting: "Setting not found" => "Setting key doesn't exist",
    }
}

messages! {
    /// The messages of a 409 (the page's "Conflict Errors").
    ConflictMessage for Conflict {
        AlreadyExists: "Already exists" => "Resource already exists",
        UsernameTaken: "Username already taken" => "Username is in use",
        EmailTaken: "Email already taken" => "Email is in use",
        AlreadyMember: "Already a member" => "Already in server",
        TwoFactorAlreadyEnabled: "2FA is already enabled" => "2FA already active",
    }
}

/// Every error of the community API. Each message enum converts into its
/// variant (`CommunityError::from(AuthMessage::TokenExpired)`).
#[derive(Debug, ApiError)]
pub enum CommunityError {
    /// Bad Request - Invalid input
    #[api(code = 400, status = 400, message = "{0}")]
    BadRequest(ValidationMessage),
    /// Unauthorized - Authentication required
    #[api(code = 401, status = 401, message = "{0}")]
    Unauthorized(AuthMessage),
    /// Forbidden - Permission denied
    #[api(code = 403, status = 403, message = "{0}")]
    Forbidden(PermissionMessage),
    /// Not Found - Resource doesn't exist
    #[api(code = 404, status = 404, message = "{0}")]
    NotFound(NotFoundMessage),
    /// Conflict - Resource already exists
    #[api(code = 409, status = 409, message = "{0}")]
    Conflict(ConflictMessage),
    /// Client must update
    #[api(
        code = "VERSION_OUTDATED",
        status = 426,
        message = "Client version {client_version} is no longer supported"
    )]
    VersionOutdated {
        /// The version the client sent.
        #[api(field)]
        client_version: String,
        /// The oldest version the server accepts.
        #[api(field)]
        min_version: String,
        /// The server's version.
        #[api(field)]
        server_version: String,
        /// Where to get the update.
        #[api(field)]
        update_url: String,
    },
    /// Malformed version string
    #[api(
        code = "INVALID_VERSION_FORMAT",
        status = 400,
        message = "Malformed version string"
    )]
    InvalidVersionFormat {
        /// The version the client sent, as it was.
        #[api(field)]
        client_version: String,
    },
    /// Too Many Requests - Rate limited
    #[api(code = 429, status = 429, message = "Rate limited")]
    RateLimited {
        /// Seconds to wait before retrying; also `Retry-After`, in whole
        /// seconds rounded up.
        #[api(field, retry_after = "s")]
        retry_after: f64,
    },
    /// Internal Server Error
    #[api(code = 500, status = 500, message = "Internal Server Error")]
    Internal(#[api(source)] Cause),
    /// Service Unavailable - Module not available
    #[api(code = 503, status = 503, message = "Module not available")]
    ModuleUnavailable {
        /// Which module, for the server's logs and development `details`.
        module: &'static str,
    },
}
