//! The Matrix client-server API's error responses (seed 004), description by
//! description: every description on the page is a variant, in the page's
//! order, with its `errcode`, its status, and a body that is the spec's
//! standard error response; the spec's own example bodies come out byte for
//! byte.

use core::time::Duration;

use errbook::ApiError;
use errbook::http::{HeaderMap, StatusCode, header};
use errbook_examples::matrix_api::MatrixError;
use serde_json::{Value, json};

/// The page: the descriptions of the SDK's `ErrorResponse` subtypes, in its
/// order (alphabetical by class name), verbatim.
const PAGE: &str = "\
An application service used the m.login.application_service type without setting inhibit_login to true, but the server doesn't support logging in via the Legacy authentication API.
Request contained valid JSON, but it was malformed in some way, e.g. missing required keys, invalid values for keys.
The state change requested cannot be performed, such as attempting to unban a user who is not banned.
The user is unable to reject an invite to join the server notices room. See the Server Notices module for more information.
The Captcha provided did not match what was expected.
A Captcha is required to complete the request.
All ErrorResponses, that we cannot map to a subtype of ErrorResponse.
No resource was found for this request.
The resource being requested is reserved by an application service, or the application service making the request has not created the resource.
Forbidden access, e.g. joining a room without permission, failed login.
The room or resource does not permit guests to access it.
The client attempted to join a room that has a version the server does not support. Inspect the room_version property of the error response for the room's version.
A parameter that was specified has the wrong value. For example, the server expected an integer and instead received a string.
Sent when the initial state given to the createRoom API is invalid.
Encountered when trying to register a user ID which is not valid.
Too many requests have been sent in a short period of time. Wait a while then try again.
A required parameter was missing from the request.
No access token was specified for the request.
No resource was found for this request.
Request did not contain valid JSON.
The request cannot be completed because the homeserver has reached a resource limit imposed on it. For example, a homeserver held in a shared hosting environment may reach a resource limit if it starts using too much memory or disk space.
Sent when the room alias given to the createRoom API is already in use.
The client's request used a third party server, eg. identity server, that this server does not trust.
The homeserver does not support adding a third party identifier of the given medium.
Authentication could not be performed on the third party identifier.
The server does not permit this third party identifier. This may happen if the server only permits, for example, email addresses from a particular domain.
Sent when a threepid given to an API cannot be used because the same threepid is already in use.
Sent when a threepid given to an API cannot be used because no record matching the threepid was found.
The request or entity was too large.
The request was not correctly authorized. Usually due to login failures.
An unknown error has occurred.
The access token specified was not recognised.
The server did not understand the request.
The client's request to create a room used a room version that the server does not support.
The user ID associated with the request has been deactivated. Typically for endpoints that prove authentication, such as /login.
Encountered when trying to register a user ID which has been taken.
The account has been locked and cannot be used at this time.
The account has been suspended and can only be used for limited actions at this time.";

/// One description of the page: the code and status it is sent with, the
/// error, and the exact body.
struct Row {
    errcode: &'static str,
    status: u16,
    error: MatrixError,
    body: &'static str,
}

fn row(errcode: &'static str, status: u16, error: MatrixError, body: &'static str) -> Row {
    Row {
        errcode,
        status,
        error,
        body,
    }
}

/// A code the enum has no variant for, as a homeserver sends it: decoded
/// into the `other` variant.
fn unmapped(status: StatusCode, body: &[u8]) -> MatrixError {
    let error = MatrixError::from_parts(status, &HeaderMap::new(), body).unwrap();
    assert!(matches!(error, MatrixError::Other(_)));
    error
}

/// Every description, in the page's order. The `error` texts are the spec's
/// examples where it has one for the code (see `spec_example_bodies`),
/// otherwise typical homeserver wording.
// One row per line, as the page has them.
#[rustfmt::skip]
fn rows() -> Vec<Row> {
    use MatrixError as E;
    vec![
        row("M_APPSERVICE_LOGIN_UNSUPPORTED", 400, E::AppserviceLoginUnsupported("Appservice login is not supported; set inhibit_login".into()),
            r#"{"errcode":"M_APPSERVICE_LOGIN_UNSUPPORTED","error":"Appservice login is not supported; set inhibit_login"}"#),
        row("M_BAD_JSON", 400, E::BadJson("Missing required key: user_id".into()),
            r#"{"errcode":"M_BAD_JSON","error":"Missing required key: user_id"}"#),
        row("M_BAD_STATE", 400, E::BadState("The user is not banned".into()),
            r#"{"errcode":"M_BAD_STATE","error":"The user is not banned"}"#),
        row("M_CANNOT_LEAVE_SERVER_NOTICE_ROOM", 403, E::CannotLeaveServerNoticeRoom("You cannot reject this invite".into()),
            r#"{"errcode":"M_CANNOT_LEAVE_SERVER_NOTICE_ROOM","error":"You cannot reject this invite"}"#),
        row("M_CAPTCHA_INVALID", 400, E::CaptchaInvalid("Captcha authentication failed".into()),
            r#"{"errcode":"M_CAPTCHA_INVALID","error":"Captcha authentication failed"}"#),
        row("M_CAPTCHA_NEEDED", 400, E::CaptchaNeeded("Captcha response is required".into()),
            r#"{"errcode":"M_CAPTCHA_NEEDED","error":"Captcha response is required"}"#),
        row("COM.EXAMPLE_QUOTA", 403, unmapped(StatusCode::FORBIDDEN, br#"{"errcode":"COM.EXAMPLE_QUOTA","error":"Monthly quota reached"}"#),
            r#"{"errcode":"COM.EXAMPLE_QUOTA","error":"Monthly quota reached"}"#),
        row("M_DUPLICATE_ANNOTATION", 400, E::DuplicateAnnotation("Can't send same reaction twice".into()),
            r#"{"errcode":"M_DUPLICATE_ANNOTATION","error":"Can't send same reaction twice"}"#),
        row("M_EXCLUSIVE", 400, E::Exclusive("This user ID is reserved by an application service.".into()),
            r#"{"errcode":"M_EXCLUSIVE","error":"This user ID is reserved by an application service."}"#),
        row("M_FORBIDDEN", 403, E::Forbidden("You do not have a high enough power level to ban from this room.".into()),
            r#"{"errcode":"M_FORBIDDEN","error":"You do not have a high enough power level to ban from this room."}"#),
        row("M_GUEST_ACCESS_FORBIDDEN", 403, E::GuestAccessForbidden("Guest access not allowed".into()),
            r#"{"errcode":"M_GUEST_ACCESS_FORBIDDEN","error":"Guest access not allowed"}"#),
        row("M_INCOMPATIBLE_ROOM_VERSION", 400, E::IncompatibleRoomVersion { error: "Your homeserver does not support the features required to join this room".into(), room_version: "3".into() },
            r#"{"errcode":"M_INCOMPATIBLE_ROOM_VERSION","error":"Your homeserver does not support the features required to join this room","room_version":"3"}"#),
        row("M_INVALID_PARAM", 400, E::InvalidParam("limit must be an integer".into()),
            r#"{"errcode":"M_INVALID_PARAM","error":"limit must be an integer"}"#),
        row("M_INVALID_ROOM_STATE", 400, E::InvalidRoomState("initial_state contains an invalid event".into()),
            r#"{"errcode":"M_INVALID_ROOM_STATE","error":"initial_state contains an invalid event"}"#),
        row("M_INVALID_USERNAME", 400, E::InvalidUsername("User ID can only contain characters a-z, 0-9, or '=_-./+'".into()),
            r#"{"errcode":"M_INVALID_USERNAME","error":"User ID can only contain characters a-z, 0-9, or '=_-./+'"}"#),
        row("M_LIMIT_EXCEEDED", 429, E::LimitExceeded { error: "Too many requests".into(), retry_after_ms: Some(2000) },
            r#"{"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests","retry_after_ms":2000}"#),
        row("M_MISSING_PARAM", 400, E::MissingParam("Missing parameter: user_id".into()),
            r#"{"errcode":"M_MISSING_PARAM","error":"Missing parameter: user_id"}"#),
        row("M_MISSING_TOKEN", 401, E::MissingToken("Missing access token".into()),
            r#"{"errcode":"M_MISSING_TOKEN","error":"Missing access token"}"#),
        row("M_NOT_FOUND", 404, E::NotFound("Room alias #monkeys:matrix.org not found.".into()),
            r#"{"errcode":"M_NOT_FOUND","error":"Room alias #monkeys:matrix.org not found."}"#),
        row("M_NOT_JSON", 400, E::NotJson("Content not JSON.".into()),
            r#"{"errcode":"M_NOT_JSON","error":"Content not JSON."}"#),
        row("M_RESOURCE_LIMIT_EXCEEDED", 403, E::ResourceLimitExceeded { error: "This homeserver has exceeded one of its resource limits".into(), admin_contact: "mailto:admin@example.org".into() },
            r#"{"errcode":"M_RESOURCE_LIMIT_EXCEEDED","error":"This homeserver has exceeded one of its resource limits","admin_contact":"mailto:admin@example.org"}"#),
        row("M_ROOM_IN_USE", 400, E::RoomInUse("Room alias already taken".into()),
            r#"{"errcode":"M_ROOM_IN_USE","error":"Room alias already taken"}"#),
        row("M_SERVER_NOT_TRUSTED", 400, E::ServerNotTrusted("Untrusted identity server".into()),
            r#"{"errcode":"M_SERVER_NOT_TRUSTED","error":"Untrusted identity server"}"#),
        row("M_THREEPID_MEDIUM_NOT_SUPPORTED", 400, E::ThreepidMediumNotSupported("Unsupported medium: msisdn".into()),
            r#"{"errcode":"M_THREEPID_MEDIUM_NOT_SUPPORTED","error":"Unsupported medium: msisdn"}"#),
        row("M_THREEPID_AUTH_FAILED", 403, E::ThreepidAuthFailed("The third party credentials could not be verified by the identity server.".into()),
            r#"{"errcode":"M_THREEPID_AUTH_FAILED","error":"The third party credentials could not be verified by the identity server."}"#),
        row("M_THREEPID_DENIED", 403, E::ThreepidDenied("Third-party identifier is not allowed".into()),
            r#"{"errcode":"M_THREEPID_DENIED","error":"Third-party identifier is not allowed"}"#),
        row("M_THREEPID_IN_USE", 400, E::ThreepidInUse("The specified address is already in use".into()),
            r#"{"errcode":"M_THREEPID_IN_USE","error":"The specified address is already in use"}"#),
        row("M_THREEPID_NOT_FOUND", 400, E::ThreepidNotFound("Email not found".into()),
            r#"{"errcode":"M_THREEPID_NOT_FOUND","error":"Email not found"}"#),
        row("M_TOO_LARGE", 413, E::TooLarge("Upload exceeds the maximum size".into()),
            r#"{"errcode":"M_TOO_LARGE","error":"Upload exceeds the maximum size"}"#),
        row("M_UNAUTHORIZED", 401, E::Unauthorized("Invalid username or password".into()),
            r#"{"errcode":"M_UNAUTHORIZED","error":"Invalid username or password"}"#),
        row("M_UNKNOWN", 409, E::Unknown { error: "Room alias #monkeys:matrix.org already exists.".into(), status: StatusCode::CONFLICT },
            r#"{"errcode":"M_UNKNOWN","error":"Room alias #monkeys:matrix.org already exists."}"#),
        row("M_UNKNOWN_TOKEN", 401, E::UnknownToken { error: "Soft logged out".into(), soft_logout: Some(true) },
            r#"{"errcode":"M_UNKNOWN_TOKEN","error":"Soft logged out","soft_logout":true}"#),
        row("M_UNRECOGNIZED", 404, E::Unrecognized { error: "Unrecognized request".into(), status: StatusCode::NOT_FOUND },
            r#"{"errcode":"M_UNRECOGNIZED","error":"Unrecognized request"}"#),
        row("M_UNSUPPORTED_ROOM_VERSION", 400, E::UnsupportedRoomVersion("Your homeserver does not support this room version".into()),
            r#"{"errcode":"M_UNSUPPORTED_ROOM_VERSION","error":"Your homeserver does not support this room version"}"#),
        row("M_USER_DEACTIVATED", 403, E::UserDeactivated("This account has been deactivated".into()),
            r#"{"errcode":"M_USER_DEACTIVATED","error":"This account has been deactivated"}"#),
        row("M_USER_IN_USE", 400, E::UserInUse("Desired user ID is already taken.".into()),
            r#"{"errcode":"M_USER_IN_USE","error":"Desired user ID is already taken."}"#),
        row("M_USER_LOCKED", 401, E::UserLocked { error: "This account has been locked".into(), soft_logout: Some(true) },
            r#"{"errcode":"M_USER_LOCKED","error":"This account has been locked","soft_logout":true}"#),
        row("M_USER_SUSPENDED", 403, E::UserSuspended("You cannot perform this action while suspended.".into()),
            r#"{"errcode":"M_USER_SUSPENDED","error":"You cannot perform this action while suspended."}"#),
    ]
}

#[test]
fn every_description_of_the_page_is_a_variant_in_its_order() {
    let rows = rows();
    assert_eq!(rows.len(), 38);
    assert_eq!(PAGE.lines().count(), 38);
    for (row, description) in rows.iter().zip(PAGE.lines()) {
        if let MatrixError::Other(_) = row.error {
            // The catch-all's code is known only at run time, so it has no
            // catalog entry to carry the description: the variant's doc
            // comment has it, and `doc()` is the unknown error's (none).
            assert_eq!(row.error.doc(), None);
            let source = include_str!("../../examples/apis/matrix_api.rs");
            assert!(source.contains(&format!("    /// {description}\n    #[api(other)]")));
        } else {
            assert_eq!(row.error.doc(), Some(description), "{}", row.errcode);
        }
    }
}

#[test]
fn every_code_has_its_status_and_exact_body() {
    for row in rows() {
        let response = row.error.to_response();
        assert_eq!(row.error.code(), row.errcode);
        assert_eq!(response.status().as_u16(), row.status, "{}", row.errcode);
        assert_eq!(
            response.headers().get(header::CONTENT_TYPE).unwrap(),
            "application/json",
            "{}",
            row.errcode
        );
        assert_eq!(
            std::str::from_utf8(response.body()).unwrap(),
            row.body,
            "{}",
            row.errcode
        );
        // Only a rate limit says when to retry.
        assert_eq!(
            response.headers().get(header::RETRY_AFTER).is_some(),
            row.errcode == "M_LIMIT_EXCEEDED",
            "{}",
            row.errcode
        );
    }
}

#[test]
fn codes_are_derived_and_unique() {
    let rows = rows();
    let mut codes: Vec<&str> = rows.iter().map(|r| r.errcode).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), rows.len());
    for row in &rows {
        let custom = matches!(row.error, MatrixError::Other(_));
        assert_eq!(
            row.errcode.starts_with("M_"),
            !custom,
            "{}: every derived code has the prefix",
            row.errcode
        );
    }
}

/// The example bodies of the Matrix spec, compared as JSON values: each
/// endpoint's documented error response, rendered from the enum.
#[test]
fn spec_example_bodies() {
    let examples: Vec<(MatrixError, Value)> = vec![
        // POST /rooms/{roomId}/ban, 403
        (
            MatrixError::Forbidden(
                "You do not have a high enough power level to ban from this room.".into(),
            ),
            json!({"errcode": "M_FORBIDDEN", "error": "You do not have a high enough power level to ban from this room."}),
        ),
        // POST /register, 403
        (
            MatrixError::Forbidden("Registration is disabled".into()),
            json!({"errcode": "M_FORBIDDEN", "error": "Registration is disabled"}),
        ),
        // RateLimitError, every rate-limited endpoint, 429
        (
            MatrixError::LimitExceeded {
                error: "Too many requests".into(),
                retry_after_ms: Some(2000),
            },
            json!({"errcode": "M_LIMIT_EXCEEDED", "error": "Too many requests", "retry_after_ms": 2000}),
        ),
        // POST /refresh, 401 (soft logout)
        (
            MatrixError::UnknownToken {
                error: "Soft logged out".into(),
                soft_logout: Some(true),
            },
            json!({"errcode": "M_UNKNOWN_TOKEN", "error": "Soft logged out", "soft_logout": true}),
        ),
        // Account locking, 401
        (
            MatrixError::UserLocked {
                error: "This account has been locked".into(),
                soft_logout: Some(true),
            },
            json!({"errcode": "M_USER_LOCKED", "error": "This account has been locked", "soft_logout": true}),
        ),
        // Account suspension, 403
        (
            MatrixError::UserSuspended("You cannot perform this action while suspended.".into()),
            json!({"errcode": "M_USER_SUSPENDED", "error": "You cannot perform this action while suspended."}),
        ),
        // POST /register, 400
        (
            MatrixError::UserInUse("Desired user ID is already taken.".into()),
            json!({"errcode": "M_USER_IN_USE", "error": "Desired user ID is already taken."}),
        ),
        // POST /register/email/requestToken, 400 and 403
        (
            MatrixError::ThreepidInUse("The specified address is already in use".into()),
            json!({"errcode": "M_THREEPID_IN_USE", "error": "The specified address is already in use"}),
        ),
        (
            MatrixError::ThreepidDenied("Third-party identifier is not allowed".into()),
            json!({"errcode": "M_THREEPID_DENIED", "error": "Third-party identifier is not allowed"}),
        ),
        // POST /account/password/email/requestToken, 400
        (
            MatrixError::ThreepidNotFound("Email not found".into()),
            json!({"errcode": "M_THREEPID_NOT_FOUND", "error": "Email not found"}),
        ),
        // POST /account/3pid, 403
        (
            MatrixError::ThreepidAuthFailed(
                "The third party credentials could not be verified by the identity server.".into(),
            ),
            json!({"errcode": "M_THREEPID_AUTH_FAILED", "error": "The third party credentials could not be verified by the identity server."}),
        ),
        // GET /directory/room/{roomAlias}, 404
        (
            MatrixError::NotFound("Room alias #monkeys:matrix.org not found.".into()),
            json!({"errcode": "M_NOT_FOUND", "error": "Room alias #monkeys:matrix.org not found."}),
        ),
        // PUT /directory/room/{roomAlias}, 409
        (
            MatrixError::Unknown {
                error: "Room alias #monkeys:matrix.org already exists.".into(),
                status: StatusCode::CONFLICT,
            },
            json!({"errcode": "M_UNKNOWN", "error": "Room alias #monkeys:matrix.org already exists."}),
        ),
        // Joining a room of an unsupported version, 400
        (
            MatrixError::IncompatibleRoomVersion {
                error: "Your homeserver does not support the features required to join this room"
                    .into(),
                room_version: "3".into(),
            },
            json!({"errcode": "M_INCOMPATIBLE_ROOM_VERSION", "error": "Your homeserver does not support the features required to join this room", "room_version": "3"}),
        ),
    ];
    for (error, expected) in examples {
        let body: Value = serde_json::from_slice(error.to_response().body()).unwrap();
        assert_eq!(body, expected);
    }
}

#[test]
fn limit_exceeded_sets_retry_after() {
    let error = MatrixError::LimitExceeded {
        error: "Too many requests".into(),
        retry_after_ms: Some(2000),
    };
    assert_eq!(error.retry_after(), Some(Duration::from_secs(2)));
    let response = error.to_response();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()[header::RETRY_AFTER], "2");

    // Whole seconds, rounded up.
    let error = MatrixError::LimitExceeded {
        error: "Too many requests".into(),
        retry_after_ms: Some(2001),
    };
    assert_eq!(error.to_response().headers()[header::RETRY_AFTER], "3");
}

#[test]
fn unknown_token_says_a_hard_logout_when_asked_to() {
    let error = MatrixError::UnknownToken {
        error: "Invalid access token passed.".into(),
        soft_logout: Some(false),
    };
    assert_eq!(
        error.to_response().body().as_slice(),
        br#"{"errcode":"M_UNKNOWN_TOKEN","error":"Invalid access token passed.","soft_logout":false}"#
    );
}

#[test]
fn unrecognized_and_unknown_take_their_status_at_run_time() {
    let unrecognized = |status| MatrixError::Unrecognized {
        error: "Unrecognized request".into(),
        status,
    };
    for status in [
        StatusCode::NOT_FOUND,
        StatusCode::METHOD_NOT_ALLOWED,
        StatusCode::BAD_REQUEST,
    ] {
        let response = unrecognized(status).to_response();
        assert_eq!(response.status(), status);
        assert_eq!(
            response.body().as_slice(),
            br#"{"errcode":"M_UNRECOGNIZED","error":"Unrecognized request"}"#
        );
    }
    let unknown = |status| MatrixError::Unknown {
        error: "Internal server error".into(),
        status,
    };
    assert_eq!(
        unknown(StatusCode::INTERNAL_SERVER_ERROR).status(),
        StatusCode::INTERNAL_SERVER_ERROR
    );
    assert_eq!(
        unknown(StatusCode::BAD_REQUEST).status(),
        StatusCode::BAD_REQUEST
    );
    // A success status set by mistake never goes out on an error.
    assert_eq!(
        unknown(StatusCode::OK).status(),
        StatusCode::INTERNAL_SERVER_ERROR
    );
}

#[test]
fn owned_and_borrowed_messages_render_alike() {
    let borrowed = MatrixError::TooLarge("Request too large".into());
    let owned = MatrixError::TooLarge(format!("Request too {}", "large").into());
    assert_eq!(borrowed.to_response().body(), owned.to_response().body());
}

#[test]
fn an_unmapped_code_keeps_its_code_status_and_body() {
    let body = br#"{"errcode":"M_SOME_FUTURE_CODE","error":"Something new","since":"v1.99"}"#;
    let error = unmapped(StatusCode::IM_A_TEAPOT, body);
    assert_eq!(error.code(), "M_SOME_FUTURE_CODE");
    assert_eq!(error.message().to_string(), "Something new");
    let response = error.to_response();
    assert_eq!(response.status(), StatusCode::IM_A_TEAPOT);
    assert_eq!(response.body().as_slice(), body);
}
