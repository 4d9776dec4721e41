//! The Matrix format against ruma, in both directions.
//!
//! errbook → ruma: a homeserver's errors rendered by errbook are read by
//! ruma's client side as a ruma client reads the error of any endpoint:
//! `IncomingResponseExt::try_from_http_response` hands a 4xx or 5xx to
//! `EndpointError::from_http_response` of the endpoint's error type, which
//! for every ruma-client-api endpoint is `ruma_common::api::error::Error`
//! (the user-interactive ones wrap it). The `ErrorKind` with its data, the
//! message and the status are the ones sent. The same holds read through
//! ruma-client-api's own endpoints, whose response parsers a ruma client
//! calls: `whoami`'s, and `deactivate`'s, whose user-interactive error type
//! must not take errbook's 401 for an authentication flow.
//!
//! ruma → errbook: errors built by ruma's server side
//! (`ruma_common::api::error::Error`, the `EndpointError` of every
//! client-server endpoint, turned into a response by
//! `OutgoingResponseExt::try_into_http_response`) decode into the typed
//! variants, defaults and all; codes the enum does not know and bodies that
//! are not the standard error body land in `other`, whole.

use std::time::{Duration, SystemTime};

use errbook::http::{HeaderMap, HeaderValue, Response, StatusCode, header};
use errbook::{ApiError, Unknown};
use ruma_client_api::account::{deactivate, whoami};
use ruma_client_api::uiaa::UiaaResponse;
use ruma_common::RoomVersionId;
use ruma_common::api::error::FromHttpResponseError;
use ruma_common::api::error::{
    Error as RumaError, ErrorBody, ErrorKind, IncompatibleRoomVersionErrorData,
    LimitExceededErrorData, ResourceLimitExceededErrorData, RetryAfter, StandardErrorBody,
    UnknownTokenErrorData,
};
use ruma_common::api::{
    EndpointError as _, IncomingResponse, IncomingResponseExt as _, OutgoingResponseExt as _,
};
use serde_json::json;

/// A homeserver's errors, as an errbook user writes them: the spec's codes
/// with their statuses and extra members, one custom code, and the
/// catch-all.
#[derive(Debug, PartialEq, ApiError)]
#[api(parse, format = matrix, prefix = "M_")]
enum MatrixError {
    #[api(status = 403, message = "{0}")]
    Forbidden(String),

    #[api(status = 404, message = "{0}")]
    NotFound(String),

    #[api(status = 400, message = "{0}")]
    BadJson(String),

    /// `soft_logout` is optional and defaults to `false`; servers leave it
    /// out for a hard logout.
    #[api(status = 401, message = "{error}")]
    UnknownToken {
        error: String,
        #[api(field, default)]
        soft_logout: bool,
    },

    /// The spec asks servers to mark a locked account's session as soft
    /// logged out.
    #[api(status = 401, message = "{error}")]
    UserLocked {
        error: String,
        #[api(field, default)]
        soft_logout: bool,
    },

    /// `retry_after_ms` is optional (and deprecated in favour of
    /// `Retry-After`).
    #[api(status = 429, message = "{error}")]
    LimitExceeded {
        error: String,
        #[api(field, retry_after = "ms")]
        retry_after_ms: Option<u64>,
    },

    #[api(status = 400, message = "{error}")]
    IncompatibleRoomVersion {
        error: String,
        #[api(field)]
        room_version: String,
    },

    #[api(status = 403, message = "{error}")]
    ResourceLimitExceeded {
        error: String,
        #[api(field)]
        admin_contact: String,
    },

    /// 404 for an endpoint the server does not implement, 405 for a wrong
    /// method.
    #[api(message = "{error}")]
    Unrecognized {
        error: String,
        #[api(status)]
        status: StatusCode,
    },

    /// A code of the server's own namespace, as the spec asks custom codes
    /// to be.
    #[api(code = "COM.EXAMPLE.QUOTA", status = 403, message = "{error}")]
    Quota {
        error: String,
        #[api(field)]
        quota_mb: u32,
    },

    #[api(other)]
    Other(Unknown),
}

/// `response` as ruma's parsers take it, its body borrowed.
fn borrowed<B: AsRef<[u8]>>(response: &Response<B>) -> Response<&[u8]> {
    let mut parts = Response::new(response.body().as_ref());
    *parts.status_mut() = response.status();
    *parts.headers_mut() = response.headers().clone();
    parts
}

/// What a ruma client makes of an error `response`.
fn ruma_reads<B: AsRef<[u8]>>(response: &Response<B>) -> RumaError {
    assert!(response.status().as_u16() >= 400, "ruma reads only errors");
    RumaError::from_http_response(borrowed(response))
}

/// What a ruma client makes of an error `response` to endpoint `R`, read by
/// the endpoint's own response parser: the server error, else a panic.
fn endpoint_reads<R: IncomingResponse, B: AsRef<[u8]>>(response: &Response<B>) -> R::EndpointError {
    match R::try_from_http_response(borrowed(response)) {
        Err(FromHttpResponseError::Server(error)) => error,
        // `Deserialization`, the only other case (the enum is non-exhaustive).
        Err(error) => panic!("not read as a server error: {error}"),
        Ok(_) => panic!("read as a success"),
    }
}

/// The message of a standard error body, as ruma read it.
fn message(error: &RumaError) -> &str {
    match &error.body {
        ErrorBody::Standard(body) => &body.message,
        other => panic!("not a standard error body: {other:?}"),
    }
}

/// The response ruma's server side sends for `status` and `body`.
fn ruma_sends(status: StatusCode, body: ErrorBody) -> Response<Vec<u8>> {
    RumaError::new(status, body)
        .try_into_http_response::<Vec<u8>>()
        .expect("ruma serializes its error")
}

fn standard(kind: ErrorKind, message: &str) -> ErrorBody {
    ErrorBody::Standard(StandardErrorBody::new(kind, message.to_owned()))
}

// errbook → ruma

#[test]
fn ruma_reads_each_kind_its_message_and_status() {
    let cases: Vec<(MatrixError, ErrorKind, u16)> = vec![
        (
            MatrixError::Forbidden("You are not invited to this room.".into()),
            ErrorKind::Forbidden,
            403,
        ),
        (
            MatrixError::NotFound("Room alias #monkeys:matrix.org not found.".into()),
            ErrorKind::NotFound,
            404,
        ),
        (
            MatrixError::BadJson("Missing required key: user_id".into()),
            ErrorKind::BadJson,
            400,
        ),
        (
            MatrixError::Unrecognized {
                error: "Unrecognized request".into(),
                status: StatusCode::NOT_FOUND,
            },
            ErrorKind::Unrecognized,
            404,
        ),
        (
            MatrixError::Unrecognized {
                error: "Method not allowed".into(),
                status: StatusCode::METHOD_NOT_ALLOWED,
            },
            ErrorKind::Unrecognized,
            405,
        ),
    ];
    for (error, kind, status) in cases {
        let read = ruma_reads(&error.to_response());
        assert_eq!(read.status_code.as_u16(), status, "{error:?}");
        assert_eq!(read.error_kind(), Some(&kind), "{error:?}");
        assert_eq!(message(&read), error.message().to_string(), "{error:?}");
        assert_eq!(
            read.error_kind().unwrap().errcode().as_str(),
            error.code().to_string()
        );
    }
    // ruma's own test of an unimplemented endpoint holds for errbook's 404.
    let not_implemented = MatrixError::Unrecognized {
        error: "Unrecognized request".into(),
        status: StatusCode::NOT_FOUND,
    };
    assert!(ruma_reads(&not_implemented.to_response()).is_endpoint_not_implemented());
}

#[test]
fn ruma_reads_soft_logout_sent_and_left_out() {
    for soft_logout in [false, true] {
        let error = MatrixError::UnknownToken {
            error: "Invalid access token passed.".into(),
            soft_logout,
        };
        // errbook writes `"soft_logout": false`, which the spec allows (the
        // member is optional, defaulting to false) and ruma reads.
        let read = ruma_reads(&error.to_response());
        assert_eq!(read.status_code, StatusCode::UNAUTHORIZED);
        let Some(ErrorKind::UnknownToken(data)) = read.error_kind() else {
            panic!("not M_UNKNOWN_TOKEN: {read:?}");
        };
        assert_eq!(data.soft_logout, soft_logout);
        assert_eq!(message(&read), "Invalid access token passed.");
    }
    let locked = MatrixError::UserLocked {
        error: "This account has been locked".into(),
        soft_logout: true,
    };
    let read = ruma_reads(&locked.to_response());
    assert_eq!(read.error_kind(), Some(&ErrorKind::UserLocked));
    assert_eq!(read.status_code, StatusCode::UNAUTHORIZED);
}

#[test]
fn ruma_reads_the_retry_delay_from_the_header_and_from_the_member() {
    let limited = MatrixError::LimitExceeded {
        error: "Too many requests".into(),
        retry_after_ms: Some(1500),
    };
    let response = limited.to_response();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let read = ruma_reads(&response);
    assert_eq!(message(&read), "Too many requests");
    // ruma prefers `Retry-After`, as the spec now asks clients to: whole
    // seconds, rounded up, so the client never retries too early.
    let Some(ErrorKind::LimitExceeded(LimitExceededErrorData { retry_after, .. })) =
        read.error_kind()
    else {
        panic!("not M_LIMIT_EXCEEDED: {read:?}");
    };
    assert_eq!(
        *retry_after,
        Some(RetryAfter::Delay(Duration::from_secs(2)))
    );

    // A client that reads only the (deprecated) member gets the exact delay.
    let mut body_only = response;
    body_only.headers_mut().remove(header::RETRY_AFTER);
    let read = ruma_reads(&body_only);
    let Some(ErrorKind::LimitExceeded(LimitExceededErrorData { retry_after, .. })) =
        read.error_kind()
    else {
        panic!("not M_LIMIT_EXCEEDED: {read:?}");
    };
    assert_eq!(
        *retry_after,
        Some(RetryAfter::Delay(Duration::from_millis(1500)))
    );

    // No delay: neither the member (a `null` would be refused) nor the header.
    let unknown_delay = MatrixError::LimitExceeded {
        error: "Too many requests".into(),
        retry_after_ms: None,
    };
    let response = unknown_delay.to_response();
    assert!(response.headers().get(header::RETRY_AFTER).is_none());
    let read = ruma_reads(&response);
    let Some(ErrorKind::LimitExceeded(LimitExceededErrorData { retry_after, .. })) =
        read.error_kind()
    else {
        panic!("not M_LIMIT_EXCEEDED: {read:?}");
    };
    assert_eq!(*retry_after, None);
}

#[test]
fn ruma_reads_the_members_of_room_version_and_resource_limit() {
    let incompatible = MatrixError::IncompatibleRoomVersion {
        error: "Your homeserver does not support the features required to join this room".into(),
        room_version: "11".into(),
    };
    let read = ruma_reads(&incompatible.to_response());
    let Some(ErrorKind::IncompatibleRoomVersion(data)) = read.error_kind() else {
        panic!("not M_INCOMPATIBLE_ROOM_VERSION: {read:?}");
    };
    assert_eq!(data.room_version, RoomVersionId::V11);
    assert_eq!(read.status_code, StatusCode::BAD_REQUEST);

    let limited = MatrixError::ResourceLimitExceeded {
        error: "This homeserver has exceeded one of its resource limits".into(),
        admin_contact: "mailto:admin@example.org".into(),
    };
    let read = ruma_reads(&limited.to_response());
    let Some(ErrorKind::ResourceLimitExceeded(data)) = read.error_kind() else {
        panic!("not M_RESOURCE_LIMIT_EXCEEDED: {read:?}");
    };
    assert_eq!(data.admin_contact, "mailto:admin@example.org");
}

#[test]
fn ruma_reads_a_custom_code_with_its_members() {
    let quota = MatrixError::Quota {
        error: "Monthly quota reached".into(),
        quota_mb: 512,
    };
    let read = ruma_reads(&quota.to_response());
    let kind = read.error_kind().expect("a standard error body");
    assert_eq!(kind.errcode().as_str(), "COM.EXAMPLE.QUOTA");
    assert_eq!(
        kind.custom_json_data(),
        json!({"quota_mb": 512}).as_object()
    );
    assert_eq!(message(&read), "Monthly quota reached");
    assert_eq!(read.status_code, StatusCode::FORBIDDEN);
}

#[test]
fn ruma_client_api_endpoints_read_errbook_errors_as_server_errors() {
    // `GET /account/whoami`, whose error type is ruma's `Error`.
    let whoami =
        |error: &MatrixError| endpoint_reads::<whoami::v3::Response, _>(&error.to_response());

    let forbidden = MatrixError::Forbidden("You are not allowed to do that.".into());
    let read = whoami(&forbidden);
    assert_eq!(read.status_code, StatusCode::FORBIDDEN);
    assert_eq!(read.error_kind(), Some(&ErrorKind::Forbidden));
    assert_eq!(message(&read), "You are not allowed to do that.");

    for soft_logout in [false, true] {
        let read = whoami(&MatrixError::UnknownToken {
            error: "Invalid access token passed.".into(),
            soft_logout,
        });
        assert_eq!(read.status_code, StatusCode::UNAUTHORIZED);
        let Some(ErrorKind::UnknownToken(data)) = read.error_kind() else {
            panic!("not M_UNKNOWN_TOKEN: {read:?}");
        };
        assert_eq!(data.soft_logout, soft_logout);
        assert_eq!(message(&read), "Invalid access token passed.");
    }

    let limited = MatrixError::LimitExceeded {
        error: "Too many requests".into(),
        retry_after_ms: Some(1500),
    };
    let read = whoami(&limited);
    assert_eq!(read.status_code, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(message(&read), "Too many requests");
    let Some(ErrorKind::LimitExceeded(LimitExceededErrorData { retry_after, .. })) =
        read.error_kind()
    else {
        panic!("not M_LIMIT_EXCEEDED: {read:?}");
    };
    // `Retry-After`, whole seconds rounded up, as with ruma's error alone.
    assert_eq!(
        *retry_after,
        Some(RetryAfter::Delay(Duration::from_secs(2)))
    );
    let mut body_only = limited.to_response();
    body_only.headers_mut().remove(header::RETRY_AFTER);
    let read = endpoint_reads::<whoami::v3::Response, _>(&body_only);
    let Some(ErrorKind::LimitExceeded(LimitExceededErrorData { retry_after, .. })) =
        read.error_kind()
    else {
        panic!("not M_LIMIT_EXCEEDED: {read:?}");
    };
    assert_eq!(
        *retry_after,
        Some(RetryAfter::Delay(Duration::from_millis(1500)))
    );
}

#[test]
fn a_user_interactive_endpoint_reads_errbook_401s_as_matrix_errors() {
    // `POST /account/deactivate` answers 401 with an authentication flow
    // (`UiaaInfo`, which has `flows`) or with a Matrix error; errbook's
    // 401s are the latter, `soft_logout` and all.
    let deactivate =
        |error: &MatrixError| endpoint_reads::<deactivate::v3::Response, _>(&error.to_response());
    for soft_logout in [false, true] {
        let read = deactivate(&MatrixError::UnknownToken {
            error: "Invalid access token passed.".into(),
            soft_logout,
        });
        let UiaaResponse::MatrixError(read) = read else {
            panic!("read as an authentication flow: {read:?}");
        };
        assert_eq!(read.status_code, StatusCode::UNAUTHORIZED);
        let Some(ErrorKind::UnknownToken(data)) = read.error_kind() else {
            panic!("not M_UNKNOWN_TOKEN: {read:?}");
        };
        assert_eq!(data.soft_logout, soft_logout);
        assert_eq!(message(&read), "Invalid access token passed.");
    }

    let read = deactivate(&MatrixError::Forbidden("Invalid password".into()));
    let UiaaResponse::MatrixError(read) = read else {
        panic!("read as an authentication flow: {read:?}");
    };
    assert_eq!(read.status_code, StatusCode::FORBIDDEN);
    assert_eq!(read.error_kind(), Some(&ErrorKind::Forbidden));
    assert_eq!(message(&read), "Invalid password");
}

// ruma → errbook

#[test]
fn ruma_errors_decode_into_the_typed_variants() {
    let cases = [
        (
            StatusCode::FORBIDDEN,
            standard(ErrorKind::Forbidden, "You are not invited to this room."),
            MatrixError::Forbidden("You are not invited to this room.".into()),
        ),
        (
            StatusCode::NOT_FOUND,
            standard(ErrorKind::NotFound, "Event not found."),
            MatrixError::NotFound("Event not found.".into()),
        ),
        (
            StatusCode::BAD_REQUEST,
            standard(ErrorKind::BadJson, "Missing required key: user_id"),
            MatrixError::BadJson("Missing required key: user_id".into()),
        ),
        (
            StatusCode::METHOD_NOT_ALLOWED,
            standard(ErrorKind::Unrecognized, "Unrecognized request"),
            MatrixError::Unrecognized {
                error: "Unrecognized request".into(),
                status: StatusCode::METHOD_NOT_ALLOWED,
            },
        ),
        (
            StatusCode::BAD_REQUEST,
            standard(
                ErrorKind::IncompatibleRoomVersion(IncompatibleRoomVersionErrorData::new(
                    RoomVersionId::V11,
                )),
                "Your homeserver does not support this room version",
            ),
            MatrixError::IncompatibleRoomVersion {
                error: "Your homeserver does not support this room version".into(),
                room_version: "11".into(),
            },
        ),
        (
            StatusCode::FORBIDDEN,
            standard(
                ErrorKind::ResourceLimitExceeded(ResourceLimitExceededErrorData::new(
                    "https://example.org/contact".into(),
                )),
                "Resource limit exceeded",
            ),
            MatrixError::ResourceLimitExceeded {
                error: "Resource limit exceeded".into(),
                admin_contact: "https://example.org/contact".into(),
            },
        ),
        (
            StatusCode::UNAUTHORIZED,
            standard(ErrorKind::UserLocked, "This account has been locked"),
            MatrixError::UserLocked {
                error: "This account has been locked".into(),
                soft_logout: true,
            },
        ),
    ];
    for (status, body, expected) in cases {
        let response = ruma_sends(status, body);
        assert_eq!(MatrixError::from_response(&response).unwrap(), expected);
    }
}

#[test]
fn soft_logout_left_out_by_ruma_decodes_as_its_default() {
    for soft_logout in [false, true] {
        let mut data = UnknownTokenErrorData::new();
        data.soft_logout = soft_logout;
        let response = ruma_sends(
            StatusCode::UNAUTHORIZED,
            standard(
                ErrorKind::UnknownToken(data),
                "Invalid access token passed.",
            ),
        );
        let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
        assert_eq!(body.get("soft_logout").is_some(), soft_logout);
        assert_eq!(
            MatrixError::from_response(&response).unwrap(),
            MatrixError::UnknownToken {
                error: "Invalid access token passed.".into(),
                soft_logout,
            }
        );
    }
}

#[test]
fn rate_limits_from_ruma_keep_their_delay() {
    let limited = |retry_after| {
        let mut data = LimitExceededErrorData::new();
        data.retry_after = retry_after;
        ruma_sends(
            StatusCode::TOO_MANY_REQUESTS,
            standard(ErrorKind::LimitExceeded(data), "Too many requests"),
        )
    };

    // A delay: the member in milliseconds, and `Retry-After`. errbook reads
    // the exact member. (ruma writes the header's whole seconds rounded
    // down, `1` for 1.5 s, so a client going by the header alone would
    // retry half a second early; errbook rounds up when it writes one.)
    let response = limited(Some(RetryAfter::Delay(Duration::from_millis(1500))));
    assert!(response.headers().contains_key(header::RETRY_AFTER));
    let decoded = MatrixError::from_response(&response).unwrap();
    assert_eq!(
        decoded,
        MatrixError::LimitExceeded {
            error: "Too many requests".into(),
            retry_after_ms: Some(1500),
        }
    );
    assert_eq!(decoded.retry_after(), Some(Duration::from_millis(1500)));

    // No delay at all.
    let response = limited(None);
    assert_eq!(
        MatrixError::from_response(&response).unwrap(),
        MatrixError::LimitExceeded {
            error: "Too many requests".into(),
            retry_after_ms: None,
        }
    );

    // A date: ruma sends only the header, as an HTTP-date; errbook reads the
    // delay until then (HTTP-dates are whole seconds, so within a second of
    // the minute asked for).
    let at = SystemTime::now() + Duration::from_secs(60);
    let response = limited(Some(RetryAfter::DateTime(at)));
    let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    assert!(body.get("retry_after_ms").is_none());
    let MatrixError::LimitExceeded {
        retry_after_ms: Some(ms),
        ..
    } = MatrixError::from_response(&response).unwrap()
    else {
        panic!("no delay read from {:?}", response.headers());
    };
    assert!((58_000..=60_000).contains(&ms), "{ms} ms");
}

#[test]
fn a_custom_code_from_ruma_decodes_into_its_variant_or_other() {
    // A custom code the enum knows: its variant, members read.
    let kind: ErrorKind = serde_json::from_value(json!({
        "errcode": "COM.EXAMPLE.QUOTA",
        "quota_mb": 512,
    }))
    .unwrap();
    let response = ruma_sends(
        StatusCode::FORBIDDEN,
        standard(kind, "Monthly quota reached"),
    );
    assert_eq!(
        MatrixError::from_response(&response).unwrap(),
        MatrixError::Quota {
            error: "Monthly quota reached".into(),
            quota_mb: 512,
        }
    );

    // One it does not: `other`, code, message, status and members as sent,
    // and rendered back byte for byte, so ruma reads the same error again.
    let kind: ErrorKind = serde_json::from_value(json!({
        "errcode": "ORG.EXAMPLE.UPLOAD_PAUSED",
        "until": "2026-01-01",
        "reasons": ["maintenance"],
    }))
    .unwrap();
    let response = ruma_sends(
        StatusCode::SERVICE_UNAVAILABLE,
        standard(kind, "Uploads are paused"),
    );
    let decoded = MatrixError::from_response(&response).unwrap();
    let MatrixError::Other(unknown) = &decoded else {
        panic!("not other: {decoded:?}");
    };
    assert_eq!(unknown.code(), "ORG.EXAMPLE.UPLOAD_PAUSED");
    assert_eq!(unknown.raw_message(), Some("Uploads are paused"));
    assert_eq!(unknown.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(unknown.members()["until"], "2026-01-01");
    assert_eq!(unknown.members()["reasons"], json!(["maintenance"]));
    let relayed = decoded.to_response();
    assert_eq!(relayed.status(), response.status());
    assert_eq!(relayed.body(), response.body());
    let again = ruma_reads(&relayed);
    let original = ruma_reads(&response);
    assert_eq!(again.error_kind(), original.error_kind());
    assert_eq!(message(&again), message(&original));

    // A spec code this enum has no variant for lands there too.
    let response = ruma_sends(
        StatusCode::BAD_REQUEST,
        standard(ErrorKind::WeakPassword, "Password too short"),
    );
    let decoded = MatrixError::from_response(&response).unwrap();
    assert_eq!(decoded.code(), "M_WEAK_PASSWORD");
    assert!(matches!(decoded, MatrixError::Other(_)));
    assert_eq!(
        ruma_reads(&decoded.to_response()).error_kind(),
        Some(&ErrorKind::WeakPassword)
    );
}

#[test]
fn a_body_ruma_reads_as_unstructured_json_is_kept_whole() {
    // `ErrorBody::Json`: JSON that is not a standard error body (no
    // `errcode`), as a gateway in front of a homeserver may answer.
    let value = json!({"message": "upstream timed out", "upstream": "synapse-3"});
    let response = ruma_sends(StatusCode::GATEWAY_TIMEOUT, ErrorBody::Json(value.clone()));
    let decoded = MatrixError::from_response(&response).unwrap();
    let unknown = decoded.unknown().expect("other");
    assert!(matches!(decoded, MatrixError::Other(_)));
    assert_eq!(unknown.status(), StatusCode::GATEWAY_TIMEOUT);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(unknown.json().unwrap()).unwrap(),
        value
    );
    // Rendered back, ruma's client reads the same unstructured body.
    let relayed = decoded.to_response();
    assert_eq!(relayed.body(), response.body());
    let ErrorBody::Json(read) = ruma_reads(&relayed).body else {
        panic!("ruma did not read unstructured JSON");
    };
    assert_eq!(read, value);
}

#[test]
fn a_body_ruma_reads_as_not_json_is_kept_as_text() {
    // ruma's server side cannot send `ErrorBody::NotJson` (it refuses to
    // serialize it); it is what its client makes of a body that is not
    // JSON, a proxy's page. errbook keeps the same bytes, as text.
    let page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let mut response = Response::new(page.as_bytes().to_vec());
    *response.status_mut() = StatusCode::BAD_GATEWAY;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));

    let read = ruma_reads(&response);
    let ErrorBody::NotJson { bytes, .. } = &read.body else {
        panic!("ruma read JSON: {read:?}");
    };
    assert!(
        RumaError::new(read.status_code, read.body.clone())
            .try_into_http_response::<Vec<u8>>()
            .is_err()
    );

    let decoded = MatrixError::from_parts(read.status_code, &HeaderMap::new(), bytes).unwrap();
    assert!(matches!(decoded, MatrixError::Other(_)));
    assert_eq!(decoded.unknown().and_then(Unknown::text), Some(page));
    assert_eq!(decoded.status(), StatusCode::BAD_GATEWAY);
    let relayed = decoded.to_response();
    assert_eq!(relayed.body().as_slice(), page.as_bytes());
    assert!(matches!(
        ruma_reads(&relayed).body,
        ErrorBody::NotJson { .. }
    ));
}
