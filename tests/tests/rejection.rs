//! `errbook::Rejection`: the framework's own errors, with stable codes, in
//! the application's envelope when nested.

use errbook::{ApiError, Rejection};
use serde_json::{Value, json};

#[derive(Debug, ApiError)]
#[api(format = problem, parse)]
enum AppError {
    #[api(code = "USER_NOT_FOUND", status = 404, message = "User not found.")]
    UserNotFound,
    #[api(transparent)]
    Rejected(Rejection),
}

fn body(err: &impl ApiError) -> Value {
    serde_json::from_slice(err.to_response().body()).unwrap()
}

/// The codes and statuses are a public contract: changing one breaks clients.
#[test]
fn codes_and_statuses_are_stable() {
    let table: Vec<(String, Option<u16>)> = Rejection::catalog()
        .iter()
        .map(|entry| {
            let status = match entry.status() {
                errbook::catalog::Status::Fixed(status) => Some(status),
                _ => None,
            };
            (entry.code().to_string(), status)
        })
        .collect();
    let expected = [
        ("MALFORMED_JSON", 400),
        ("INVALID_BODY", 422),
        ("UNSUPPORTED_MEDIA_TYPE", 415),
        ("PAYLOAD_TOO_LARGE", 413),
        ("BODY_UNREADABLE", 400),
        ("INVALID_PATH", 400),
        ("INVALID_QUERY", 400),
        ("ROUTE_NOT_FOUND", 404),
        ("METHOD_NOT_ALLOWED", 405),
        ("INTERNAL_ERROR", 500),
    ];
    let expected: Vec<(String, Option<u16>)> = expected
        .iter()
        .map(|(code, status)| ((*code).to_owned(), Some(*status)))
        .collect();
    assert_eq!(table, expected);
}

#[test]
fn nested_rejections_render_in_the_apps_format() {
    let err = AppError::Rejected(Rejection::InvalidBody {
        reason: "missing field `name` at line 1 column 2".into(),
    });
    assert_eq!(
        err.to_response().headers()["content-type"],
        "application/problem+json"
    );
    assert_eq!(
        body(&err),
        json!({
            "type": "about:blank",
            "title": "Unprocessable Entity",
            "status": 422,
            "detail": "The request body does not have the expected shape.",
            "code": "INVALID_BODY",
            "reason": "missing field `name` at line 1 column 2",
        })
    );
}

#[test]
fn an_internal_rejection_never_shows_its_cause() {
    let err = AppError::Rejected(Rejection::internal(
        "Missing request extension: Extension of type `Pool` was not found",
    ));
    let text = String::from_utf8(err.to_response().into_body()).unwrap();
    assert!(!text.contains("Extension"), "{text}");
    assert_eq!(err.status(), 500);
    assert!(err.source_error().unwrap().to_string().contains("Pool"));
}

#[test]
fn clients_decode_rejections_back() {
    let sent = AppError::Rejected(Rejection::InvalidQuery {
        reason: "invalid digit found in string".into(),
    });
    let decoded = AppError::from_response(&sent.to_response()).unwrap();
    match decoded {
        AppError::Rejected(Rejection::InvalidQuery { reason }) => {
            assert_eq!(reason, "invalid digit found in string");
        }
        other => panic!("decoded {other:?}"),
    }
    let not_found =
        AppError::from_response(&AppError::Rejected(Rejection::RouteNotFound).to_response())
            .unwrap();
    assert!(matches!(
        not_found,
        AppError::Rejected(Rejection::RouteNotFound)
    ));
}

#[test]
fn the_apps_catalog_documents_the_rejections() {
    let codes: Vec<String> = AppError::catalog()
        .iter()
        .map(|e| e.code().to_string())
        .collect();
    assert_eq!(codes[0], "USER_NOT_FOUND");
    assert!(codes.iter().any(|c| c == "METHOD_NOT_ALLOWED"));
    assert_eq!(codes.len(), 11);
}
