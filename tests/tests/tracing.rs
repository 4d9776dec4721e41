//! The `tracing` feature: rendering a 5xx response emits one event with the
//! code, status and source chain, so the cause is logged while the body
//! stays generic; a 4xx emits nothing.

#![cfg(feature = "tracing")]

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex};

use errbook::ApiError;
use errbook::request::RequestContext;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

/// An event's level and fields, as text.
type Recorded = (Level, BTreeMap<String, String>);

/// Every event.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<Recorded>>>);

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.insert(field.name().to_owned(), value.to_string());
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        self.0
            .lock()
            .unwrap()
            .push((*event.metadata().level(), fields));
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

fn events_of(f: impl FnOnce()) -> Vec<Recorded> {
    let recorder = Recorder::default();
    tracing::subscriber::with_default(recorder.clone(), f);
    recorder.0.lock().unwrap().clone()
}

#[derive(Debug)]
struct Pool;
impl fmt::Display for Pool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("pool exhausted after 30s")
    }
}
impl std::error::Error for Pool {}

#[derive(Debug)]
struct Query(Pool);
impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SELECT * FROM users WHERE password = 'hunter2' failed")
    }
}
impl std::error::Error for Query {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

#[derive(Debug, ApiError)]
enum AppError {
    #[api(code = "system:database", status = 503, message = "Try again later.")]
    Database(#[api(source)] Query),
    #[api(code = "user:not_found", status = 404, message = "No such user.")]
    NotFound,
}

#[test]
fn a_server_error_logs_one_event_with_code_status_and_source_chain() {
    let err = AppError::Database(Query(Pool));
    let mut body = Vec::new();
    let events = events_of(|| body = err.to_response().into_body());

    assert_eq!(events.len(), 1, "{events:?}");
    let (level, fields) = &events[0];
    assert_eq!(*level, Level::ERROR);
    assert_eq!(fields["code"], "system:database");
    assert_eq!(fields["status"], "503");
    assert_eq!(fields["message"], "Try again later.");
    assert_eq!(
        fields["sources"],
        "SELECT * FROM users WHERE password = 'hunter2' failed: pool exhausted after 30s"
    );
    assert!(
        fields["error"].starts_with("Database(Query(Pool))"),
        "{fields:?}"
    );

    // The cause is in the log, not in the body.
    let body = String::from_utf8(body).unwrap();
    assert_eq!(
        body,
        r#"{"error":{"code":"system:database","message":"Try again later."}}"#
    );
}

#[test]
fn the_event_carries_the_request_id_of_the_body() {
    let err = AppError::Database(Query(Pool));
    let mut body = Vec::new();
    let events = events_of(|| {
        body = RequestContext::new()
            .with_id("req-7f3a")
            .run(|| err.to_response().into_body());
    });
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].1["request_id"], "req-7f3a");
    // The id a user reports from the body is the one in the log.
    let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(body["error"]["request_id"], "req-7f3a");

    // Outside a request, the event has no id rather than an empty one.
    let events = events_of(|| drop(err.to_response()));
    assert!(!events[0].1.contains_key("request_id"), "{events:?}");
}

#[test]
fn client_errors_log_nothing() {
    let events = events_of(|| drop(AppError::NotFound.to_response()));
    assert!(events.is_empty(), "{events:?}");
}

#[test]
fn serializing_an_envelope_logs_nothing_only_responses_do() {
    let err = AppError::Database(Query(Pool));
    let events = events_of(|| drop(serde_json::to_string(&err.envelope())));
    assert!(events.is_empty(), "{events:?}");
}

#[test]
fn every_format_logs_the_same_event() {
    let err = AppError::Database(Query(Pool));
    let events = events_of(|| {
        drop(err.to_response_as(errbook::format::Problem));
        drop(err.to_response_as(errbook::format::Google));
    });
    assert_eq!(events.len(), 2);
    assert!(
        events
            .iter()
            .all(|(_, fields)| fields["code"] == "system:database")
    );
}
