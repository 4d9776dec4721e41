//! The request an error is rendered for: its id reaches the body.
//!
//! A handler returns an error without knowing which request it answers.
//! Run the request's future inside [`scope`] (the framework integrations do
//! it for you: `errbook::axum::RequestIdLayer`, `errbook::actix::RequestId`),
//! and every [`to_response`](crate::ApiError::to_response) inside it puts the
//! id into the body: `instance` for problem+json, `request_id` for nested,
//! matrix and detail, a `google.rpc.RequestInfo` entry for google.
//!
//! ```
//! use errbook::ApiError;
//!
//! #[derive(Debug, ApiError)]
//! #[api(code = "NOT_FOUND", status = 404, message = "No such page.")]
//! struct NotFound;
//!
//! let response = errbook::request::with_id("req-7f3a", || NotFound.to_response());
//! assert_eq!(
//!     response.body().as_slice(),
//!     br#"{"error":{"code":"NOT_FOUND","message":"No such page.","request_id":"req-7f3a"}}"#,
//! );
//! assert!(errbook::request::id().is_none(), "the id is gone once the scope ends");
//! ```

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::cell::RefCell;
use std::sync::Arc;

std::thread_local! {
    static REQUEST_ID: RefCell<Option<Arc<str>>> = const { RefCell::new(None) };
}

/// Puts `id` back to what it was when dropped, even if the scope panics.
struct Restore(Option<Arc<str>>);

impl Drop for Restore {
    fn drop(&mut self) {
        let previous = self.0.take();
        // `try_with`: a thread that is tearing down its locals has nothing to restore.
        let _ = REQUEST_ID.try_with(|slot| *slot.borrow_mut() = previous);
    }
}

fn enter(id: Option<Arc<str>>) -> Restore {
    Restore(REQUEST_ID.with(|slot| slot.replace(id)))
}

/// Runs `f` with `id` as the current request's id.
pub fn with_id<R>(id: &str, f: impl FnOnce() -> R) -> R {
    let _restore = enter(Some(Arc::from(id)));
    f()
}

/// The current request's id, inside [`scope`] or [`with_id`].
pub fn id() -> Option<Arc<str>> {
    REQUEST_ID.with(|slot| slot.borrow().clone())
}

/// Runs `future` with `id` as the current request's id: the id is set
/// while the future is polled, on whatever thread polls it.
pub fn scope<F: Future>(id: impl Into<Arc<str>>, future: F) -> Scope<F> {
    Scope {
        id: Some(id.into()),
        future: Box::pin(future),
    }
}

/// The future [`scope`] returns.
#[must_use = "futures do nothing unless polled"]
pub struct Scope<F> {
    id: Option<Arc<str>>,
    future: Pin<Box<F>>,
}

impl<F> core::fmt::Debug for Scope<F> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Scope").field("id", &self.id).finish_non_exhaustive()
    }
}

impl<F: Future> Future for Scope<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = &mut *self;
        let _restore = enter(this.id.clone());
        this.future.as_mut().poll(cx)
    }
}

/// Calls `f` with the current request's id, if any.
pub(crate) fn with_current<R>(f: impl FnOnce(Option<&str>) -> R) -> R {
    let id = id();
    f(id.as_deref())
}
