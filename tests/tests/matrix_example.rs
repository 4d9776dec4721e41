//! The Matrix example's enum reads what homeservers send: the spec's own
//! bodies, with and without their optional members, and codes it does not
//! know; and it reads back every body it renders.

use core::time::Duration;

use errbook::ApiError;
use errbook::http::{HeaderMap, StatusCode, header};
use errbook_examples::matrix_api::MatrixError;

fn decode(status: StatusCode, body: &str) -> MatrixError {
    MatrixError::from_parts(status, &HeaderMap::new(), body.as_bytes())
        .unwrap_or_else(|e| panic!("{body}: {e}"))
}

#[test]
fn unknown_token_without_soft_logout_is_a_hard_logout() {
    // The spec: `soft_logout` defaults to false; servers leave it out.
    let error = decode(
        StatusCode::UNAUTHORIZED,
        r#"{"errcode":"M_UNKNOWN_TOKEN","error":"Invalid token"}"#,
    );
    let MatrixError::UnknownToken { error, soft_logout } = error else {
        panic!("not M_UNKNOWN_TOKEN: {error:?}");
    };
    assert_eq!(error, "Invalid token");
    assert_eq!(soft_logout, None);
    assert!(!soft_logout.unwrap_or_default());
}

#[test]
fn unknown_token_with_soft_logout() {
    let error = decode(
        StatusCode::UNAUTHORIZED,
        r#"{"errcode":"M_UNKNOWN_TOKEN","error":"Soft logged out","soft_logout":true}"#,
    );
    let MatrixError::UnknownToken { error, soft_logout } = error else {
        panic!("not M_UNKNOWN_TOKEN: {error:?}");
    };
    assert_eq!(error, "Soft logged out");
    assert_eq!(soft_logout, Some(true));
}

#[test]
fn limit_exceeded_with_and_without_retry_after_ms() {
    let error = decode(
        StatusCode::TOO_MANY_REQUESTS,
        r#"{"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests","retry_after_ms":2000}"#,
    );
    assert_eq!(error.retry_after(), Some(Duration::from_secs(2)));
    let MatrixError::LimitExceeded {
        error,
        retry_after_ms,
    } = error
    else {
        panic!("not M_LIMIT_EXCEEDED: {error:?}");
    };
    assert_eq!(error, "Too many requests");
    assert_eq!(retry_after_ms, Some(2000));

    let error = decode(
        StatusCode::TOO_MANY_REQUESTS,
        r#"{"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests"}"#,
    );
    assert_eq!(error.retry_after(), None);
    let MatrixError::LimitExceeded { retry_after_ms, .. } = error else {
        panic!("not M_LIMIT_EXCEEDED: {error:?}");
    };
    assert_eq!(retry_after_ms, None);

    // The header the spec now prefers, with no member: the delay is the
    // header's.
    let mut headers = HeaderMap::new();
    headers.insert(header::RETRY_AFTER, "3".parse().unwrap());
    let error = MatrixError::from_parts(
        StatusCode::TOO_MANY_REQUESTS,
        &headers,
        br#"{"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests"}"#,
    )
    .unwrap();
    assert_eq!(error.retry_after(), Some(Duration::from_secs(3)));
}

#[test]
fn an_unknown_errcode_lands_in_other_with_its_body() {
    let body = r#"{"errcode":"COM.EXAMPLE_QUOTA","error":"Monthly quota reached","quota":{"used":100,"limit":100}}"#;
    let error = decode(StatusCode::FORBIDDEN, body);
    let MatrixError::Other(unknown) = &error else {
        panic!("not other: {error:?}");
    };
    assert_eq!(unknown.json(), Some(body));
    assert_eq!(unknown.members()["quota"]["limit"], 100);
    assert_eq!(error.code(), "COM.EXAMPLE_QUOTA");
    assert_eq!(error.message().to_string(), "Monthly quota reached");
    assert_eq!(error.status(), StatusCode::FORBIDDEN);
    // Passed on unchanged (a proxy, a test double).
    let response = error.to_response();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(response.body().as_slice(), body.as_bytes());
}

#[test]
fn a_body_that_is_not_matrix_lands_in_other_with_its_text() {
    let error = decode(StatusCode::BAD_GATEWAY, "<html>502 Bad Gateway</html>");
    assert_eq!(
        error.unknown().and_then(errbook::Unknown::text),
        Some("<html>502 Bad Gateway</html>")
    );
    assert_eq!(error.status(), StatusCode::BAD_GATEWAY);
}

/// Every response the example renders, read back, is the same error.
#[test]
fn what_the_example_renders_decodes_back() {
    let errors = [
        MatrixError::Forbidden("Registration is disabled".into()),
        MatrixError::LimitExceeded {
            error: "Too many requests".into(),
            retry_after_ms: Some(2000),
        },
        MatrixError::LimitExceeded {
            error: "Too many requests".into(),
            retry_after_ms: None,
        },
        MatrixError::UnknownToken {
            error: "Soft logged out".into(),
            soft_logout: Some(true),
        },
        MatrixError::UnknownToken {
            error: "Invalid token".into(),
            soft_logout: Some(false),
        },
        MatrixError::UnknownToken {
            error: "Invalid token".into(),
            soft_logout: None,
        },
        MatrixError::UserLocked {
            error: "This account has been locked".into(),
            soft_logout: Some(true),
        },
        MatrixError::IncompatibleRoomVersion {
            error: "Your homeserver does not support the features required to join this room"
                .into(),
            room_version: "3".into(),
        },
        MatrixError::ResourceLimitExceeded {
            error: "This homeserver has exceeded one of its resource limits".into(),
            admin_contact: "mailto:admin@example.org".into(),
        },
        MatrixError::Unrecognized {
            error: "Unrecognized request".into(),
            status: StatusCode::METHOD_NOT_ALLOWED,
        },
        MatrixError::Unknown {
            error: "Room alias #monkeys:matrix.org already exists.".into(),
            status: StatusCode::CONFLICT,
        },
        decode(
            StatusCode::FORBIDDEN,
            r#"{"errcode":"COM.EXAMPLE_QUOTA","error":"Monthly quota reached"}"#,
        ),
    ];
    for error in &errors {
        let response = error.to_response();
        let back =
            MatrixError::from_response(&response).unwrap_or_else(|e| panic!("{error:?}: {e}"));
        assert_eq!(format!("{back:?}"), format!("{error:?}"));
        assert_eq!(back.to_response().body(), response.body(), "{error:?}");
        assert_eq!(back.to_response().status(), response.status(), "{error:?}");
    }
}
