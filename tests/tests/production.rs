//! Production safety: internal causes and unexposed fields never reach a
//! response, exposed fields serialize faithfully, rendering never panics.

use std::collections::BTreeMap;
use std::fmt;

use errbook::http;
use errbook::{ApiError, FieldVisitor};
use serde::{Serialize, Serializer};

const SECRET: &str = "postgres://admin:hunter2@db.internal:5432";

/// An internal failure whose `Display` and `Debug` both carry a secret.
#[derive(Debug)]
struct DbError {
    dsn: &'static str,
}

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "connection to {} refused", self.dsn)
    }
}

impl std::error::Error for DbError {}

fn db() -> DbError {
    DbError { dsn: SECRET }
}

#[derive(Debug, ApiError)]
#[api(status = 500)]
enum AppError {
    #[api(code = "system:database_error", message = "Database error.")]
    Database(#[api(source)] DbError),
    #[api(message = "Could not save.")]
    SaveFailed {
        #[api(source)]
        cause: DbError,
        #[api(field)]
        request_id: u32,
    },
    /// A field named `source` is the cause without any attribute.
    #[api(message = "Upstream failed.")]
    Upstream { source: DbError },
    #[api(message = "Boxed.")]
    Boxed(#[api(source)] Box<dyn std::error::Error + Send + Sync>),
    /// Not marked `field`: kept for logs, never sent.
    #[api(status = 403, message = "Denied.")]
    Denied {
        internal_note: String,
        #[api(field)]
        missing_permission: &'static str,
    },
}

/// The same rules through thiserror's attributes.
#[derive(Debug, thiserror::Error, ApiError)]
enum ThisError {
    #[error("query failed: {0}")]
    #[api(code = "QUERY_FAILED", status = 500, message = "Query failed.")]
    Query(#[from] DbError),
    #[error("cache failed")]
    #[api(code = "CACHE_FAILED", status = 503, message = "Try again later.")]
    Cache {
        #[source]
        inner: DbError,
        #[api(field)]
        shard: u8,
    },
}

/// Everything a client receives, as text: status line, headers, body.
fn wire(err: &impl ApiError) -> String {
    let response = err.to_response();
    let mut out = format!("{}\n", response.status());
    for (name, value) in response.headers() {
        out.push_str(name.as_str());
        out.push_str(": ");
        out.push_str(&String::from_utf8_lossy(value.as_bytes()));
        out.push('\n');
    }
    out.push_str(&String::from_utf8_lossy(response.body()));
    out
}

fn assert_private(err: &impl ApiError) {
    let wire = wire(err);
    for needle in [SECRET, "hunter2", "DbError", "dsn", "refused"] {
        assert!(!wire.contains(needle), "`{needle}` leaked:\n{wire}");
    }
    let envelope = serde_json::to_string(&err.envelope()).unwrap();
    assert!(!envelope.contains("hunter2"), "{envelope}");
    let message = err.message().to_string();
    assert!(!message.contains("hunter2"), "{message}");
}

fn body(err: &impl ApiError) -> String {
    String::from_utf8(err.to_response().into_body()).unwrap()
}

#[test]
fn source_field_never_reaches_the_response() {
    let err = AppError::Database(db());
    // The secret is really in the error, for logs.
    assert!(format!("{err:?}").contains("hunter2"));
    assert_private(&err);
    assert_eq!(
        body(&err),
        r#"{"error":{"code":"system:database_error","message":"Database error."}}"#
    );
}

#[test]
fn source_next_to_an_exposed_field() {
    let err = AppError::SaveFailed {
        cause: db(),
        request_id: 77,
    };
    assert_private(&err);
    assert_eq!(
        body(&err),
        r#"{"error":{"code":"SAVE_FAILED","message":"Could not save.","request_id":77}}"#
    );
}

#[test]
fn field_named_source_is_private() {
    let err = AppError::Upstream { source: db() };
    assert_private(&err);
    assert!(err.source_error().is_some());
}

#[test]
fn boxed_dyn_error_source() {
    let err = AppError::Boxed(Box::new(db()));
    assert_private(&err);
    let source = err.source_error().expect("a boxed source");
    assert!(source.to_string().contains("hunter2"));
    assert!(source.downcast_ref::<DbError>().is_some());
}

#[test]
fn unexposed_field_never_reaches_the_response() {
    let err = AppError::Denied {
        internal_note: format!("user tried {SECRET}"),
        missing_permission: "manage_messages",
    };
    // The secret is really in the error, for logs.
    let AppError::Denied { internal_note, .. } = &err else {
        unreachable!()
    };
    assert!(internal_note.contains("hunter2"));
    assert_private(&err);
    assert_eq!(
        body(&err),
        r#"{"error":{"code":"DENIED","message":"Denied.","missing_permission":"manage_messages"}}"#
    );
}

#[test]
fn thiserror_from_and_source_are_private() {
    let err = ThisError::from(db());
    // thiserror's own Display does show the cause: it is for logs.
    assert!(err.to_string().contains("hunter2"));
    assert_private(&err);
    assert_eq!(
        body(&err),
        r#"{"error":{"code":"QUERY_FAILED","message":"Query failed."}}"#
    );

    let err = ThisError::Cache {
        inner: db(),
        shard: 3,
    };
    assert_private(&err);
    assert_eq!(err.to_response().status(), 503);
    assert_eq!(
        body(&err),
        r#"{"error":{"code":"CACHE_FAILED","message":"Try again later.","shard":3}}"#
    );
}

#[test]
fn source_error_returns_the_cause() {
    let err = AppError::Database(db());
    let source = err.source_error().expect("a source");
    assert_eq!(
        source.to_string(),
        format!("connection to {SECRET} refused")
    );
    assert_eq!(
        source.downcast_ref::<DbError>().map(|e| e.dsn),
        Some(SECRET)
    );

    let err = AppError::SaveFailed {
        cause: db(),
        request_id: 1,
    };
    assert!(err.source_error().unwrap().is::<DbError>());

    let err = ThisError::Cache {
        inner: db(),
        shard: 0,
    };
    assert!(ApiError::source_error(&err).unwrap().is::<DbError>());
    // The same cause thiserror reports.
    let std_source = std::error::Error::source(&err).unwrap();
    assert!(std::ptr::addr_eq(
        std_source,
        ApiError::source_error(&err).unwrap()
    ));

    let denied = AppError::Denied {
        internal_note: String::new(),
        missing_permission: "x",
    };
    assert!(denied.source_error().is_none());
}

// ------------------------------------------------------------ exposed fields

#[derive(Debug, Serialize)]
struct Limits {
    max_bytes: u64,
    allowed: Vec<&'static str>,
}

#[derive(Debug, ApiError)]
#[api(status = 413)]
enum Upload {
    #[api(message = "Too large.")]
    TooLarge {
        #[api(field)]
        limits: Limits,
        #[api(field)]
        sizes: Vec<u32>,
        #[api(field)]
        hint: Option<String>,
        #[api(field = "max-size")]
        max_size: u64,
        #[api(field)]
        tags: BTreeMap<&'static str, bool>,
        #[api(field)]
        ratio: f64,
        #[api(field)]
        empty: Vec<u8>,
        #[api(field)]
        unit: (),
    },
    #[api(message = "Renamed tuple.")]
    Tuple(
        #[api(field = "file_name")] String,
        #[api(field = "size")] u64,
    ),
}

fn too_large(hint: Option<String>) -> Upload {
    Upload::TooLarge {
        limits: Limits {
            max_bytes: 1024,
            allowed: vec!["png", "jpg"],
        },
        sizes: vec![2048, 4096],
        hint,
        max_size: 1024,
        tags: BTreeMap::from([("image", true), ("video", false)]),
        ratio: 2.5,
        empty: Vec::new(),
        unit: (),
    }
}

#[test]
fn option_none_is_null() {
    let body: serde_json::Value =
        serde_json::from_slice(too_large(None).to_response().body()).unwrap();
    assert!(body["error"].as_object().unwrap().contains_key("hint"));
    assert_eq!(body["error"]["hint"], serde_json::Value::Null);
}

#[test]
fn nested_structs_vectors_and_maps_serialize_in_order() {
    assert_eq!(
        body(&too_large(Some("compress it".into()))),
        concat!(
            r#"{"error":{"code":"TOO_LARGE","message":"Too large.","#,
            r#""limits":{"max_bytes":1024,"allowed":["png","jpg"]},"#,
            r#""sizes":[2048,4096],"hint":"compress it","max-size":1024,"#,
            r#""tags":{"image":true,"video":false},"ratio":2.5,"empty":[],"unit":null}}"#
        )
    );
}

#[test]
fn field_rename() {
    assert_eq!(
        body(&Upload::Tuple("cat.png".into(), 9000)),
        r#"{"error":{"code":"TUPLE","message":"Renamed tuple.","file_name":"cat.png","size":9000}}"#
    );
}

#[test]
fn visit_fields_in_declaration_order() {
    struct Names(Vec<String>);
    impl FieldVisitor for Names {
        type Error = core::convert::Infallible;
        fn visit<T: Serialize + ?Sized>(&mut self, name: &str, _: &T) -> Result<(), Self::Error> {
            self.0.push(name.to_owned());
            Ok(())
        }
    }
    let mut names = Names(Vec::new());
    let Ok(()) = too_large(None).visit_fields(&mut names);
    assert_eq!(
        names.0,
        [
            "limits", "sizes", "hint", "max-size", "tags", "ratio", "empty", "unit"
        ]
    );

    let mut names = Names(Vec::new());
    let Ok(()) = AppError::SaveFailed {
        cause: db(),
        request_id: 1,
    }
    .visit_fields(&mut names);
    assert_eq!(names.0, ["request_id"], "a source is never visited");
}

// ------------------------------------------------------------ failing fields

/// A value whose `Serialize` always fails.
#[derive(Debug)]
struct Unserializable;

impl Serialize for Unserializable {
    fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("cannot serialize this"))
    }
}

/// A value whose `Display` always fails.
#[derive(Debug)]
struct Undisplayable;

impl fmt::Display for Undisplayable {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        Err(fmt::Error)
    }
}

#[derive(Debug, ApiError)]
#[api(status = 422)]
enum Broken {
    #[api(message = "Bad input.")]
    BadField {
        #[api(field)]
        fine: u32,
        #[api(field)]
        broken: Unserializable,
    },
    #[api(message = "Value: {value}.")]
    BadMessage { value: Undisplayable },
}

#[test]
fn failing_field_renders_a_body_without_extra_members() {
    let err = Broken::BadField {
        fine: 1,
        broken: Unserializable,
    };
    let response = err.to_response();
    assert_eq!(response.status(), 422);
    assert_eq!(
        response.headers().get(http::header::CONTENT_TYPE).unwrap(),
        "application/json"
    );
    assert_eq!(
        std::str::from_utf8(response.body()).unwrap(),
        r#"{"error":{"code":"BAD_FIELD","message":"Bad input."}}"#
    );
}

#[test]
fn failing_field_is_an_error_of_the_envelope() {
    let err = Broken::BadField {
        fine: 1,
        broken: Unserializable,
    };
    let result = serde_json::to_string(&err.envelope());
    assert!(
        result
            .unwrap_err()
            .to_string()
            .contains("cannot serialize this")
    );
}

#[test]
fn failing_message_renders_an_empty_body_without_content_type() {
    let err = Broken::BadMessage {
        value: Undisplayable,
    };
    let response = err.to_response();
    assert_eq!(response.status(), 422);
    assert!(response.body().is_empty());
    assert!(response.headers().get(http::header::CONTENT_TYPE).is_none());
}
