//! Every built-in format renders the exact bodies their specifications show,
//! and none leaks a source, `Debug` output or an unexposed field in
//! production.

use std::fmt;

use errbook::format::{Detail, Google, Matrix, Nested, Problem};
use errbook::{ApiError, Context, Format};
use serde_json::{Value, json};

#[derive(Debug)]
struct Secret(&'static str);

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "db password is {}", self.0)
    }
}

impl std::error::Error for Secret {}

#[derive(Debug, ApiError)]
enum ChatError {
    /// Insufficient permissions.
    #[api(
        code = "FORBIDDEN",
        status = 403,
        message = "You do not have permission to perform this action."
    )]
    Forbidden {
        #[api(field)]
        missing_permission: String,
        // Never read: it exists to prove it stays out of every body.
        #[allow(dead_code)]
        internal_note: String,
    },

    /// No user exists with this ID.
    #[api(code = 404, status = 404, message = "User {id} not found.")]
    NotFound { id: u64 },

    #[api(
        code = "system:database_error",
        status = 500,
        message = "Database error."
    )]
    Database(#[api(source)] Secret),

    /// Matrix's `M_BAD_STATUS` carries members named like other formats'.
    #[api(code = "M_BAD_STATUS", status = 502, message = "Bad upstream status.")]
    BadStatus {
        #[api(field)]
        status: u16,
        #[api(field)]
        body: String,
    },
}

fn forbidden() -> ChatError {
    ChatError::Forbidden {
        missing_permission: "manage_messages".into(),
        internal_note: "secret-note".into(),
    }
}

fn body_of<F: Format>(error: &ChatError, format: F) -> Value {
    let response = error.to_response_as(format);
    serde_json::from_slice(response.body()).expect("a JSON body")
}

const MESSAGE: &str = "You do not have permission to perform this action.";

#[test]
fn each_format_renders_the_documented_body_and_content_type() {
    let err = forbidden();
    let table: [(Value, &str, Value); 5] = [
        (
            body_of(&err, Nested),
            "application/json",
            json!({"error": {"code": "FORBIDDEN", "message": MESSAGE, "missing_permission": "manage_messages"}}),
        ),
        (
            body_of(&err, Problem),
            "application/problem+json",
            json!({"type": "about:blank", "title": "Forbidden", "status": 403, "detail": MESSAGE,
                   "code": "FORBIDDEN", "missing_permission": "manage_messages"}),
        ),
        (
            body_of(&err, Matrix),
            "application/json",
            json!({"errcode": "FORBIDDEN", "error": MESSAGE, "missing_permission": "manage_messages"}),
        ),
        (
            body_of(&err, Detail),
            "application/json",
            json!({"detail": MESSAGE}),
        ),
        (
            body_of(&err, Google),
            "application/json",
            json!({"error": {"code": 403, "message": MESSAGE, "status": "PERMISSION_DENIED",
                   "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "FORBIDDEN",
                                "metadata": {"missing_permission": "manage_messages"}}]}}),
        ),
    ];
    let content_types = [
        err.to_response_as(Nested),
        err.to_response_as(Problem),
        err.to_response_as(Matrix),
        err.to_response_as(Detail),
        err.to_response_as(Google),
    ]
    .map(|r| r.headers()["content-type"].to_str().unwrap().to_owned());
    for ((body, content_type, expected), actual_type) in table.into_iter().zip(content_types) {
        assert_eq!(body, expected);
        assert_eq!(actual_type, content_type, "content-type of {expected}");
    }
}

#[test]
fn bodies_keep_member_order_of_the_specifications() {
    let err = forbidden();
    let problem = String::from_utf8(err.to_response_as(Problem).into_body()).unwrap();
    assert_eq!(
        problem,
        r#"{"type":"about:blank","title":"Forbidden","status":403,"detail":"You do not have permission to perform this action.","code":"FORBIDDEN","missing_permission":"manage_messages"}"#
    );
    let matrix = serde_json::to_string(&err.envelope_as(Matrix)).unwrap();
    assert_eq!(
        matrix,
        r#"{"errcode":"FORBIDDEN","error":"You do not have permission to perform this action.","missing_permission":"manage_messages"}"#
    );
}

#[test]
fn integer_codes_are_json_numbers_in_every_format() {
    let err = ChatError::NotFound { id: 7 };
    assert_eq!(body_of(&err, Nested)["error"]["code"], json!(404));
    assert_eq!(body_of(&err, Problem)["code"], json!(404));
    assert_eq!(body_of(&err, Matrix)["errcode"], json!(404));
    assert_eq!(
        body_of(&err, Google)["error"]["details"][0]["reason"],
        json!(404)
    );
    assert_eq!(
        body_of(&err, Detail),
        json!({"detail": "User 7 not found."})
    );
}

#[test]
fn problem_instance_comes_from_the_context() {
    let err = ChatError::NotFound { id: 7 };
    let envelope = err
        .envelope_as(Problem)
        .with_context(Context::production().with_instance("/users/7"));
    let body: Value = serde_json::to_value(&envelope).unwrap();
    assert_eq!(body["instance"], "/users/7");
    let without: Value = serde_json::to_value(err.envelope_as(Problem)).unwrap();
    assert!(without.get("instance").is_none(), "{without}");
}

#[test]
fn google_maps_statuses_to_canonical_grpc_names() {
    use errbook::format::grpc_status_name;
    use http::StatusCode;
    let table = [
        (400, "INVALID_ARGUMENT"),
        (401, "UNAUTHENTICATED"),
        (403, "PERMISSION_DENIED"),
        (404, "NOT_FOUND"),
        (409, "ABORTED"),
        (429, "RESOURCE_EXHAUSTED"),
        (499, "CANCELLED"),
        (500, "INTERNAL"),
        (501, "UNIMPLEMENTED"),
        (503, "UNAVAILABLE"),
        (504, "DEADLINE_EXCEEDED"),
    ];
    for (status, name) in table {
        assert_eq!(
            grpc_status_name(StatusCode::from_u16(status).unwrap()),
            name,
            "{status}"
        );
    }
}

#[test]
fn a_field_colliding_with_a_format_member_is_left_out_of_that_format_only() {
    let err = ChatError::BadStatus {
        status: 418,
        body: "teapot".into(),
    };
    // Nested and Matrix have no `status` member: the field is there.
    assert_eq!(body_of(&err, Nested)["error"]["status"], json!(418));
    assert_eq!(body_of(&err, Matrix)["status"], json!(418));
    assert_eq!(body_of(&err, Matrix)["body"], json!("teapot"));
    // Problem's own `status` wins, and the body carries it once.
    let problem = String::from_utf8(err.to_response_as(Problem).into_body()).unwrap();
    assert_eq!(problem.matches("\"status\"").count(), 1, "{problem}");
    let problem: Value = serde_json::from_str(&problem).unwrap();
    assert_eq!(problem["status"], json!(502));
    assert_eq!(problem["body"], json!("teapot"));
}

fn all_bodies(error: &ChatError, context: Context<'_>) -> Vec<String> {
    fn one<F: Format>(error: &ChatError, format: F, context: Context<'_>) -> String {
        serde_json::to_string(&error.envelope_as(format).with_context(context)).unwrap()
    }
    vec![
        one(error, Nested, context),
        one(error, Problem, context),
        one(error, Matrix, context),
        one(error, Detail, context),
        one(error, Google, context),
    ]
}

#[test]
fn production_never_leaks_a_source_or_unexposed_field_in_any_format() {
    let errors = [ChatError::Database(Secret("hunter2")), forbidden()];
    for error in &errors {
        for body in all_bodies(error, Context::production()) {
            assert!(!body.contains("hunter2"), "{body}");
            assert!(!body.contains("secret-note"), "{body}");
            assert!(!body.contains("Secret"), "{body}");
            assert!(!body.contains("\"debug\""), "{body}");
            assert!(!body.contains("DebugInfo"), "{body}");
        }
        let response = error.to_response_as(Problem);
        for value in response.headers().values() {
            assert!(!value.to_str().unwrap().contains("hunter2"));
        }
    }
}

#[test]
fn development_adds_the_source_chain_and_debug_in_every_format() {
    let error = ChatError::Database(Secret("hunter2"));
    let bodies = all_bodies(&error, Context::development());
    for body in &bodies {
        assert!(body.contains("db password is hunter2"), "{body}");
        assert!(body.contains("Database(Secret(\\\"hunter2\\\"))"), "{body}");
    }
    let nested: Value = serde_json::from_str(&bodies[0]).unwrap();
    assert_eq!(
        nested["error"]["details"],
        json!({"debug": "Database(Secret(\"hunter2\"))", "sources": ["db password is hunter2"]})
    );
    let google: Value = serde_json::from_str(&bodies[4]).unwrap();
    assert_eq!(
        google["error"]["details"][1],
        json!({"@type": "type.googleapis.com/google.rpc.DebugInfo",
               "stackEntries": ["db password is hunter2"],
               "detail": "Database(Secret(\"hunter2\"))"})
    );
}

#[test]
fn google_metadata_values_are_strings() {
    #[derive(Debug, ApiError)]
    #[api(code = "QUOTA", status = 429)]
    struct Quota {
        #[api(field)]
        limit: u32,
        #[api(field)]
        unit: &'static str,
        #[api(field)]
        burst: Option<u32>,
        #[api(field)]
        strict: bool,
    }
    let body = serde_json::to_value(
        Quota {
            limit: 100,
            unit: "minute",
            burst: None,
            strict: true,
        }
        .envelope_as(Google),
    )
    .unwrap();
    assert_eq!(
        body["error"]["details"][0]["metadata"],
        json!({"limit": "100", "unit": "minute", "strict": "true"})
    );
    assert_eq!(body["error"]["message"], "Too Many Requests");
}
