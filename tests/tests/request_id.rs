//! The request's id reaches the body of every format, and development mode
//! can be chosen per request, through `errbook::request::RequestContext`.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use errbook::ApiError;
use errbook::format::{Detail, Google, Matrix, Nested, Problem};
use errbook::request::RequestContext;
use serde_json::{Value, json};

#[derive(Debug)]
struct Disk;
impl std::fmt::Display for Disk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("disk full")
    }
}
impl std::error::Error for Disk {}

#[derive(Debug, ApiError)]
enum AppError {
    #[api(code = "NOT_FOUND", status = 404, message = "No such thing.")]
    NotFound,
    #[api(code = "SAVE_FAILED", status = 500, message = "Could not save.")]
    SaveFailed {
        #[api(source)]
        cause: Disk,
    },
    /// An error that carries a request id of its own.
    #[api(code = "UPSTREAM", status = 502, message = "Upstream failed.")]
    Upstream {
        #[api(field)]
        request_id: String,
    },
}

fn json_of(response: &errbook::http::Response<Vec<u8>>) -> Value {
    serde_json::from_slice(response.body()).unwrap()
}

fn with_id<R>(id: &str, f: impl FnOnce() -> R) -> R {
    RequestContext::new().with_id(id).run(f)
}

#[test]
fn each_format_carries_the_id_where_it_belongs() {
    let err = AppError::NotFound;
    let (nested, problem, matrix, detail, google) = with_id("req-1", || {
        (
            json_of(&err.to_response_as(Nested)),
            json_of(&err.to_response_as(Problem)),
            json_of(&err.to_response_as(Matrix)),
            json_of(&err.to_response_as(Detail)),
            json_of(&err.to_response_as(Google)),
        )
    });
    assert_eq!(nested["error"]["request_id"], "req-1");
    assert_eq!(problem["instance"], "req-1");
    assert_eq!(problem.get("request_id"), None);
    assert_eq!(matrix["request_id"], "req-1");
    assert_eq!(
        detail,
        json!({"detail": "No such thing.", "request_id": "req-1"})
    );
    assert_eq!(
        google["error"]["details"][1],
        json!({"@type": "type.googleapis.com/google.rpc.RequestInfo", "requestId": "req-1"})
    );
}

#[test]
fn without_a_context_no_id_is_written() {
    let body = json_of(&AppError::NotFound.to_response());
    assert_eq!(
        body,
        json!({"error": {"code": "NOT_FOUND", "message": "No such thing."}})
    );
}

#[test]
fn a_field_of_the_same_name_wins_over_the_context() {
    let err = AppError::Upstream {
        request_id: "upstream-9".into(),
    };
    let body = with_id("req-2", || json_of(&err.to_response()));
    assert_eq!(body["error"]["request_id"], "upstream-9");
    // And the key appears once: the raw text has one occurrence.
    let raw = with_id("req-2", || err.to_response().into_body());
    let text = String::from_utf8(raw).unwrap();
    assert_eq!(text.matches("request_id").count(), 1, "{text}");
}

#[test]
fn development_mode_can_be_chosen_per_request() {
    let err = AppError::SaveFailed { cause: Disk };
    let dev = RequestContext::new()
        .with_development(true)
        .run(|| json_of(&err.to_response()));
    assert_eq!(dev["error"]["details"]["sources"], json!(["disk full"]));
    let prod = RequestContext::new()
        .with_development(false)
        .run(|| json_of(&err.to_response()));
    assert_eq!(prod["error"].get("details"), None);
    assert!(!prod.to_string().contains("disk full"));
}

#[test]
fn contexts_nest_and_restore() {
    let outer = RequestContext::new().with_id("outer");
    outer.run(|| {
        assert_eq!(RequestContext::current().id(), Some("outer"));
        RequestContext::new().with_id("inner").run(|| {
            assert_eq!(RequestContext::current().id(), Some("inner"));
        });
        assert_eq!(RequestContext::current().id(), Some("outer"));
    });
    assert_eq!(RequestContext::current().id(), None);
}

#[test]
fn a_panic_inside_a_context_does_not_leak_it() {
    let caught = std::panic::catch_unwind(|| {
        RequestContext::new()
            .with_id("doomed")
            .run(|| panic!("handler bug"));
    });
    assert!(caught.is_err());
    assert_eq!(RequestContext::current().id(), None);
}

/// A future that yields once before rendering, as a handler awaiting a
/// database would.
async fn handler() -> Vec<u8> {
    struct YieldOnce(bool);
    impl Future for YieldOnce {
        type Output = ();
        fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 {
                Poll::Ready(())
            } else {
                self.0 = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        }
    }
    YieldOnce(false).await;
    AppError::NotFound.to_response().into_body()
}

#[test]
fn a_scoped_future_keeps_its_id_across_awaits_and_only_while_polled() {
    let mut future = pin!(RequestContext::new().with_id("req-async").scope(handler()));
    let mut cx = Context::from_waker(Waker::noop());
    assert!(future.as_mut().poll(&mut cx).is_pending());
    // Between polls the thread is free for other requests.
    assert_eq!(RequestContext::current().id(), None);
    let Poll::Ready(body) = future.as_mut().poll(&mut cx) else {
        panic!("the handler finishes on its second poll");
    };
    let body: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(body["error"]["request_id"], "req-async");
}
