//! `transparent`: a variant or newtype struct that is its inner error, for
//! code, status, message, fields, `Retry-After`, source and description.

use core::time::Duration;
use std::fmt;

use errbook::ApiError;
use errbook::http::{StatusCode, header};

#[derive(Debug)]
struct IoError;

impl fmt::Display for IoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("disk on fire")
    }
}

impl std::error::Error for IoError {}

/// The innermost errors.
#[derive(Debug, ApiError)]
#[api(prefix = "session:", rename_all = "snake_case")]
enum SessionError {
    /// The session token has expired.
    /// Log in again to get a new one.
    #[api(status = 401, message = "Session {id} expired.")]
    Expired {
        id: u32,
        #[api(field)]
        expired_at: &'static str,
    },
    /// Too many sessions were opened.
    #[api(code = 42901, status = 429, message = "Too many sessions.")]
    TooMany {
        #[api(field, retry_after = "ms")]
        retry_after_ms: u64,
    },
    /// The session store failed.
    #[api(status = 503)]
    Store(#[api(source)] IoError),
}

/// One level of nesting.
#[derive(Debug, ApiError)]
enum AuthError {
    #[api(transparent)]
    Session(SessionError),
    /// Wrong password.
    #[api(status = 401, message = "Invalid username or password.")]
    InvalidPassword,
}

/// Two levels of nesting, through a named field.
#[derive(Debug, ApiError)]
#[api(status = 400)]
enum ApiFailure {
    #[api(transparent)]
    Auth { inner: AuthError },
    /// The request body is not JSON.
    #[api(message = "Malformed body.")]
    Malformed,
}

// A transparent newtype struct (no doc comment: see
// `documented_wrappers_keep_the_inner_description`).
#[derive(Debug, ApiError)]
#[api(transparent)]
struct Wrapped(ApiFailure);

/// A documented transparent newtype struct, as a library with
/// `missing_docs` writes it.
#[derive(Debug, ApiError)]
#[api(transparent)]
struct DocumentedWrapper(SessionError);

#[derive(Debug, ApiError)]
enum DocumentedVariant {
    /// Errors of the session layer.
    #[api(transparent)]
    Session(SessionError),
}

fn expired() -> SessionError {
    SessionError::Expired {
        id: 9,
        expired_at: "2024-05-01T00:00:00Z",
    }
}

fn two_deep(inner: SessionError) -> ApiFailure {
    ApiFailure::Auth {
        inner: AuthError::Session(inner),
    }
}

fn body(err: &impl ApiError) -> String {
    String::from_utf8(err.to_response().into_body()).unwrap()
}

/// Everything observable about an error, to compare a wrapper with its inner
/// error.
fn observed(
    err: &impl ApiError,
) -> (
    String,
    StatusCode,
    String,
    String,
    Option<Duration>,
    Option<String>,
    Option<&'static str>,
) {
    (
        err.code().to_string(),
        err.status(),
        err.message().to_string(),
        body(err),
        err.retry_after(),
        err.source_error().map(ToString::to_string),
        err.doc(),
    )
}

#[test]
fn one_level_delegates_everything() {
    let inner = expired();
    let outer = AuthError::Session(expired());
    assert_eq!(observed(&outer), observed(&inner));
    assert_eq!(outer.code(), "session:expired");
    assert_eq!(outer.status(), 401);
    assert_eq!(outer.message().to_string(), "Session 9 expired.");
    assert_eq!(
        body(&outer),
        r#"{"error":{"code":"session:expired","message":"Session 9 expired.","expired_at":"2024-05-01T00:00:00Z"}}"#
    );
}

#[test]
fn two_levels_delegate_everything() {
    for make in [
        expired as fn() -> SessionError,
        || SessionError::TooMany {
            retry_after_ms: 1500,
        },
        || SessionError::Store(IoError),
    ] {
        assert_eq!(observed(&two_deep(make())), observed(&make()));
        assert_eq!(observed(&Wrapped(two_deep(make()))), observed(&make()));
    }
}

#[test]
fn code_and_status_two_levels_deep() {
    let err = two_deep(SessionError::TooMany { retry_after_ms: 10 });
    assert_eq!(err.code(), 42901);
    assert_eq!(err.status(), StatusCode::TOO_MANY_REQUESTS);
    // The outer enum's default status does not override the inner one.
    assert_ne!(err.status(), 400);
}

#[test]
fn retry_after_two_levels_deep() {
    let err = two_deep(SessionError::TooMany {
        retry_after_ms: 1500,
    });
    assert_eq!(err.retry_after(), Some(Duration::from_millis(1500)));
    let response = err.to_response();
    assert_eq!(response.headers().get(header::RETRY_AFTER).unwrap(), "2");
    assert_eq!(
        std::str::from_utf8(response.body()).unwrap(),
        r#"{"error":{"code":42901,"message":"Too many sessions.","retry_after_ms":1500}}"#
    );
}

#[test]
fn source_two_levels_deep() {
    let err = two_deep(SessionError::Store(IoError));
    let source = err.source_error().expect("the inner source");
    assert!(source.is::<IoError>());
    assert_eq!(source.to_string(), "disk on fire");
    assert!(!body(&err).contains("disk on fire"));
    assert_eq!(err.message().to_string(), "Service Unavailable");
}

#[test]
fn description_comes_from_the_inner_variant() {
    assert_eq!(
        two_deep(expired()).doc(),
        Some("The session token has expired. Log in again to get a new one.")
    );
    assert_eq!(
        AuthError::Session(SessionError::Store(IoError)).doc(),
        Some("The session store failed.")
    );
}

#[test]
fn non_transparent_siblings_keep_their_own_attributes() {
    let err = ApiFailure::Auth {
        inner: AuthError::InvalidPassword,
    };
    assert_eq!(err.code(), "INVALID_PASSWORD");
    assert_eq!(err.status(), 401);
    assert_eq!(err.doc(), Some("Wrong password."));
    assert_eq!(ApiFailure::Malformed.status(), 400);
    assert_eq!(ApiFailure::Malformed.code(), "MALFORMED");
    assert_eq!(
        ApiFailure::Malformed.doc(),
        Some("The request body is not JSON.")
    );
}

#[test]
fn transparent_newtype_struct() {
    let err = Wrapped(two_deep(expired()));
    assert_eq!(err.code(), "session:expired");
    assert_eq!(err.status(), 401);
    assert_eq!(
        body(&err),
        r#"{"error":{"code":"session:expired","message":"Session 9 expired.","expired_at":"2024-05-01T00:00:00Z"}}"#
    );
    let err = Wrapped(ApiFailure::Malformed);
    assert_eq!(err.code(), "MALFORMED");
    assert_eq!(err.status(), 400);
    assert_eq!(err.message().to_string(), "Malformed body.");
}

#[test]
fn documented_wrappers_keep_the_inner_description() {
    // The description documents the code that is sent, which is the inner
    // error's; the wrapper's doc comment documents a Rust type.
    let inner = Some("The session token has expired. Log in again to get a new one.");
    assert_eq!(DocumentedWrapper(expired()).doc(), inner);
    assert_eq!(DocumentedVariant::Session(expired()).doc(), inner);
    assert_eq!(
        DocumentedVariant::Session(SessionError::Store(IoError)).doc(),
        Some("The session store failed.")
    );
}

/// Per-endpoint enums that share types: a diamond. The shared types' codes
/// are listed once, where first reached, and each path decodes and renders
/// as the inner error.
mod diamond {
    use errbook::ApiError;
    use errbook::http::{HeaderMap, StatusCode};

    #[derive(Debug, PartialEq, ApiError)]
    #[api(prefix = "auth:", rename_all = "snake_case", parse)]
    enum AuthError {
        #[api(status = 401, message = "Missing bearer token.")]
        MissingToken,
    }

    #[derive(Debug, PartialEq, ApiError)]
    #[api(prefix = "bookmark:", rename_all = "snake_case", parse)]
    enum BookmarkError {
        #[api(status = 404, message = "Bookmark {id} not found.")]
        NotFound {
            #[api(field)]
            id: u64,
        },
    }

    #[derive(Debug, PartialEq, ApiError)]
    #[api(parse)]
    enum CreateError {
        #[api(transparent)]
        Auth(AuthError),
    }

    #[derive(Debug, PartialEq, ApiError)]
    #[api(parse)]
    enum GetError {
        #[api(transparent)]
        Auth(AuthError),
        #[api(transparent)]
        Bookmark(BookmarkError),
    }

    #[derive(Debug, PartialEq, ApiError)]
    #[api(parse)]
    enum ApiErrors {
        #[api(transparent)]
        Create(CreateError),
        #[api(transparent)]
        Get(GetError),
    }

    errbook::assert_unique_codes!(CreateError, GetError);

    #[test]
    fn a_type_reached_twice_is_listed_once() {
        let codes: Vec<String> = ApiErrors::catalog()
            .iter()
            .map(|entry| entry.code().to_string())
            .collect();
        assert_eq!(codes, ["auth:missing_token", "bookmark:not_found"]);
        assert_eq!(ApiErrors::catalog().len(), 2);
        let owners: Vec<&str> = ApiErrors::catalog()
            .entries()
            .map(|(catalog, _)| catalog.type_name())
            .collect();
        assert_eq!(owners, ["AuthError", "BookmarkError"]);
    }

    #[test]
    fn each_path_renders_and_decodes_as_the_inner_error() {
        let via_get = ApiErrors::Get(GetError::Auth(AuthError::MissingToken));
        let via_create = ApiErrors::Create(CreateError::Auth(AuthError::MissingToken));
        assert_eq!(
            via_get.to_response().body(),
            via_create.to_response().body()
        );
        assert_eq!(via_get.code(), "auth:missing_token");
        assert_eq!(via_get.status(), StatusCode::UNAUTHORIZED);

        let response = via_get.to_response();
        let decoded =
            ApiErrors::from_parts(response.status(), &HeaderMap::new(), response.body()).unwrap();
        // The first path that reaches the code.
        assert_eq!(decoded, via_create);

        let missing = ApiErrors::Get(GetError::Bookmark(BookmarkError::NotFound { id: 7 }));
        assert_eq!(missing.message().to_string(), "Bookmark 7 not found.");
        let response = missing.to_response();
        let decoded =
            ApiErrors::from_parts(response.status(), &HeaderMap::new(), response.body()).unwrap();
        assert_eq!(decoded, missing);
    }
}
