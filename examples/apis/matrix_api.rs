//! The Matrix client-server API's error responses, as a homeserver sends
//! them: `{"errcode": "M_…", "error": "…", …}`.
//!
//! The page modelled is the list of `ErrorResponse` subtypes of a Matrix
//! client SDK: one description per subtype, in alphabetical order of the
//! SDK's class names, without their `M_` codes. [`MatrixError`] has one
//! variant per description, in the page's order, its doc comment the page's
//! text verbatim (the catalog description); the codes are derived from the
//! variant names (`LimitExceeded` is `M_LIMIT_EXCEEDED`), which follow the
//! spec's codes where the SDK's class names do not (its
//! `ThirdPartyMediumNotSupported` is `ThreepidMediumNotSupported` here).
//!
//! # Messages
//!
//! Matrix's `error` member is free text that servers choose per response
//! (`"Desired user ID is already taken."`, `"Registration is disabled"`), so
//! every variant carries it: `message = "{0}"` on a [`Text`] that is a
//! borrowed `&'static str` (no allocation) or an owned `String`.
//!
//! # Statuses
//!
//! From the spec where it names one: 401 for `M_MISSING_TOKEN`,
//! `M_UNKNOWN_TOKEN`, `M_USER_LOCKED`; 403 for `M_FORBIDDEN`,
//! `M_USER_SUSPENDED`, `M_THREEPID_DENIED`; 404 for `M_NOT_FOUND`; 413 for
//! `M_TOO_LARGE`; 429 for `M_LIMIT_EXCEEDED`; 400 for the registration,
//! `createRoom`, join and threepid request errors, `M_DUPLICATE_ANNOTATION`
//! and `M_APPSERVICE_LOGIN_UNSUPPORTED`; 403 for `M_THREEPID_AUTH_FAILED` (the
//! example of `POST /account/3pid`). Where the spec names none, what
//! homeservers send: 403 for `M_USER_DEACTIVATED`, `M_GUEST_ACCESS_FORBIDDEN`,
//! `M_CANNOT_LEAVE_SERVER_NOTICE_ROOM` and `M_RESOURCE_LIMIT_EXCEEDED`; 401 for
//! `M_UNAUTHORIZED`; 400 for `M_BAD_STATE`, `M_CAPTCHA_NEEDED`,
//! `M_CAPTCHA_INVALID` and `M_THREEPID_MEDIUM_NOT_SUPPORTED` (these last four
//! are the least certain).
//!
//! Two codes have no single status, and take it at run time from an
//! `#[api(status)]` field: `M_UNRECOGNIZED` (404 for an endpoint that does
//! not exist, 405 for a wrong method, and 400 from older servers) and
//! `M_UNKNOWN` (the spec's own examples send it with 400 and 409, servers
//! with 500). `M_BAD_JSON` keeps a fixed 400: the spec sends it with nothing
//! else.
//!
//! # Members
//!
//! `M_LIMIT_EXCEEDED` carries `retry_after_ms` (and a `Retry-After` header,
//! which the spec now prefers), `M_UNKNOWN_TOKEN` and `M_USER_LOCKED`
//! `soft_logout`, `M_INCOMPATIBLE_ROOM_VERSION` `room_version`,
//! `M_RESOURCE_LIMIT_EXCEEDED` `admin_contact`. The spec makes two of them
//! optional: `retry_after_ms` ("the amount of time in milliseconds the
//! client should wait before trying the request again", which servers may
//! leave out) and `soft_logout` ("defaults to `false`" when absent, and
//! servers leave it out for a hard logout). Both are `Option`s, so a body
//! without them decodes, as `None`.
//!
//! # Codes the enum does not know
//!
//! The page's last kind, "all `ErrorResponses` that we cannot map to a
//! subtype", has a code known only at run time (`COM.EXAMPLE_…` or a newer
//! `M_` code): the `other` variant, [`MatrixError::Other`], an
//! [`errbook::Unknown`] that keeps the body as received and renders it back
//! unchanged. A body that is not the spec's shape (a proxy's HTML page)
//! lands there too, with its text.
//!
//! # Decoding
//!
//! The enum is `parse`: a client reads a homeserver's response back into it
//! with [`Parse::from_response`](errbook::Parse::from_response). The
//! message field of each variant is read from `error`, a `#[api(status)]`
//! field from the response's status, and `retry_after_ms` from the
//! `Retry-After` header when there is one.

use std::borrow::Cow;

use errbook::ApiError;
use errbook::http::StatusCode;

/// The human-readable `error` text of one response.
pub type Text = Cow<'static, str>;

/// The Matrix client-server API's errors, one variant per `ErrorResponse`
/// subtype on the page, in its order.
// The doc comments are the page's descriptions verbatim, identifiers and
// all: they are what `description()` and the catalog return.
#[allow(clippy::doc_markdown)]
#[derive(Debug, ApiError)]
#[api(parse, format = matrix, prefix = "M_")]
pub enum MatrixError {
    /// An application service used the m.login.application_service type
    /// without setting inhibit_login to true, but the server doesn't support
    /// logging in via the Legacy authentication API.
    #[api(status = 400, message = "{0}")]
    AppserviceLoginUnsupported(Text),

    /// Request contained valid JSON, but it was malformed in some way, e.g.
    /// missing required keys, invalid values for keys.
    #[api(status = 400, message = "{0}")]
    BadJson(Text),

    /// The state change requested cannot be performed, such as attempting to
    /// unban a user who is not banned.
    #[api(status = 400, message = "{0}")]
    BadState(Text),

    /// The user is unable to reject an invite to join the server notices
    /// room. See the Server Notices module for more information.
    #[api(status = 403, message = "{0}")]
    CannotLeaveServerNoticeRoom(Text),

    /// The Captcha provided did not match what was expected.
    #[api(status = 400, message = "{0}")]
    CaptchaInvalid(Text),

    /// A Captcha is required to complete the request.
    #[api(status = 400, message = "{0}")]
    CaptchaNeeded(Text),

    /// All ErrorResponses, that we cannot map to a subtype of ErrorResponse.
    #[api(other)]
    Other(errbook::Unknown),

    // The page repeats M_NOT_FOUND's description here, the SDK's own
    // copy-paste: the spec's M_DUPLICATE_ANNOTATION is an attempt to send a
    // second identical annotation (reaction) to an event.
    /// No resource was found for this request.
    #[api(status = 400, message = "{0}")]
    DuplicateAnnotation(Text),

    /// The resource being requested is reserved by an application service,
    /// or the application service making the request has not created the
    /// resource.
    #[api(status = 400, message = "{0}")]
    Exclusive(Text),

    /// Forbidden access, e.g. joining a room without permission, failed
    /// login.
    #[api(status = 403, message = "{0}")]
    Forbidden(Text),

    /// The room or resource does not permit guests to access it.
    #[api(status = 403, message = "{0}")]
    GuestAccessForbidden(Text),

    /// The client attempted to join a room that has a version the server
    /// does not support. Inspect the room_version property of the error
    /// response for the room's version.
    #[api(status = 400, message = "{error}")]
    IncompatibleRoomVersion {
        /// The human-readable message.
        error: Text,
        /// The version of the room the client tried to join.
        #[api(field)]
        room_version: String,
    },

    /// A parameter that was specified has the wrong value. For example, the
    /// server expected an integer and instead received a string.
    #[api(status = 400, message = "{0}")]
    InvalidParam(Text),

    /// Sent when the initial state given to the createRoom API is invalid.
    #[api(status = 400, message = "{0}")]
    InvalidRoomState(Text),

    /// Encountered when trying to register a user ID which is not valid.
    #[api(status = 400, message = "{0}")]
    InvalidUsername(Text),

    /// Too many requests have been sent in a short period of time. Wait a
    /// while then try again.
    #[api(status = 429, message = "{error}")]
    LimitExceeded {
        /// The human-readable message.
        error: Text,
        /// How long to wait before retrying, in milliseconds; also sent as
        /// `Retry-After` (whole seconds, rounded up). The spec makes the
        /// member optional (and deprecates it in favour of the header), so
        /// a server may send neither: `None`.
        #[api(field, retry_after = "ms")]
        retry_after_ms: Option<u64>,
    },

    /// A required parameter was missing from the request.
    #[api(status = 400, message = "{0}")]
    MissingParam(Text),

    /// No access token was specified for the request.
    #[api(status = 401, message = "{0}")]
    MissingToken(Text),

    /// No resource was found for this request.
    #[api(status = 404, message = "{0}")]
    NotFound(Text),

    /// Request did not contain valid JSON.
    #[api(status = 400, message = "{0}")]
    NotJson(Text),

    /// The request cannot be completed because the homeserver has reached a
    /// resource limit imposed on it. For example, a homeserver held in a
    /// shared hosting environment may reach a resource limit if it starts
    /// using too much memory or disk space.
    #[api(status = 403, message = "{error}")]
    ResourceLimitExceeded {
        /// The human-readable message.
        error: Text,
        /// Where the user can reach the server's administrator (a
        /// `mailto:` or `https:` URI); the spec requires it.
        #[api(field)]
        admin_contact: String,
    },

    /// Sent when the room alias given to the createRoom API is already in
    /// use.
    #[api(status = 400, message = "{0}")]
    RoomInUse(Text),

    /// The client's request used a third party server, eg. identity server,
    /// that this server does not trust.
    #[api(status = 400, message = "{0}")]
    ServerNotTrusted(Text),

    /// The homeserver does not support adding a third party identifier of
    /// the given medium.
    #[api(status = 400, message = "{0}")]
    ThreepidMediumNotSupported(Text),

    /// Authentication could not be performed on the third party identifier.
    #[api(status = 403, message = "{0}")]
    ThreepidAuthFailed(Text),

    /// The server does not permit this third party identifier. This may
    /// happen if the server only permits, for example, email addresses from
    /// a particular domain.
    #[api(status = 403, message = "{0}")]
    ThreepidDenied(Text),

    /// Sent when a threepid given to an API cannot be used because the same
    /// threepid is already in use.
    #[api(status = 400, message = "{0}")]
    ThreepidInUse(Text),

    /// Sent when a threepid given to an API cannot be used because no record
    /// matching the threepid was found.
    #[api(status = 400, message = "{0}")]
    ThreepidNotFound(Text),

    /// The request or entity was too large.
    #[api(status = 413, message = "{0}")]
    TooLarge(Text),

    /// The request was not correctly authorized. Usually due to login
    /// failures.
    #[api(status = 401, message = "{0}")]
    Unauthorized(Text),

    /// An unknown error has occurred.
    #[api(message = "{error}")]
    Unknown {
        /// The human-readable message.
        error: Text,
        /// The status the failure is sent with: 400 for an invalid
        /// request, 409 for a conflict, 500 for a server failure.
        #[api(status)]
        status: StatusCode,
    },

    /// The access token specified was not recognised.
    #[api(status = 401, message = "{error}")]
    UnknownToken {
        /// The human-readable message.
        error: Text,
        /// `true` when the session can be restored by logging in again
        /// without losing the device's data (soft logout). The spec makes
        /// the member optional, defaulting to `false`: servers omit it for
        /// a hard logout, which decodes as `None`.
        #[api(field)]
        soft_logout: Option<bool>,
    },

    /// The server did not understand the request.
    #[api(message = "{error}")]
    Unrecognized {
        /// The human-readable message.
        error: Text,
        /// 404 for an endpoint the server does not implement, 405 for an
        /// implemented endpoint called with the wrong method.
        #[api(status)]
        status: StatusCode,
    },

    /// The client's request to create a room used a room version that the
    /// server does not support.
    #[api(status = 400, message = "{0}")]
    UnsupportedRoomVersion(Text),

    /// The user ID associated with the request has been deactivated.
    /// Typically for endpoints that prove authentication, such as /login.
    #[api(status = 403, message = "{0}")]
    UserDeactivated(Text),

    /// Encountered when trying to register a user ID which has been taken.
    #[api(status = 400, message = "{0}")]
    UserInUse(Text),

    /// The account has been locked and cannot be used at this time.
    #[api(status = 401, message = "{error}")]
    UserLocked {
        /// The human-readable message.
        error: Text,
        /// `true`: the spec asks servers to mark a locked account's session
        /// as soft logged out. Optional in the spec, defaulting to `false`,
        /// as on `M_UNKNOWN_TOKEN`: absent decodes as `None`.
        #[api(field)]
        soft_logout: Option<bool>,
    },

    /// The account has been suspended and can only be used for limited
    /// actions at this time.
    #[api(status = 403, message = "{0}")]
    UserSuspended(Text),
}
