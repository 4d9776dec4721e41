//! The request an error is rendered for: its id reaches the body, and
//! development mode can be chosen per server.
//!
//! A handler returns an error without knowing which request it answers.
//! Run the request's future inside a [`RequestContext`]'s
//! [`scope`](RequestContext::scope) (the framework integrations' request-id
//! middleware does it for you), and every
//! [`to_response`](crate::ApiError::to_response) inside it puts the id into
//! the body: `instance` for problem+json, `request_id` for nested, matrix and
//! detail, a `google.rpc.RequestInfo` entry for google.
//!
//! ```
//! use errbook::ApiError;
//! use errbook::request::RequestContext;
//!
//! #[derive(Debug, ApiError)]
//! #[api(code = "NOT_FOUND", status = 404, message = "No such page.")]
//! struct NotFound;
//!
//! let response = RequestContext::new().with_id("req-7f3a").run(|| NotFound.to_response());
//! assert_eq!(
//!     response.body().as_slice(),
//!     br#"{"error":{"code":"NOT_FOUND","message":"No such page.","request_id":"req-7f3a"}}"#,
//! );
//! assert_eq!(RequestContext::current().id(), None, "the id is gone once the scope ends");
//! ```
//!
//! # Work a handler spawns
//!
//! The context is the current one of the thread polling the request's
//! future; it does not follow work handed to another task or thread. An
//! error rendered in a `tokio::spawn`ed task is outside the request: no id,
//! and the process-wide development setting rather than the server's. Carry
//! the context into the task with
//! [`in_current_request`](InCurrentRequest::in_current_request) (or
//! `RequestContext::current().scope(future)`), and into a thread with
//! `RequestContext::current()` moved in and [`run`](RequestContext::run)
//! there:
//!
//! ```
//! use errbook::ApiError;
//! use errbook::request::{InCurrentRequest, RequestContext};
//!
//! #[derive(Debug, ApiError)]
//! #[api(code = "EXPORT_FAILED", status = 500, message = "The export failed.")]
//! struct ExportFailed;
//!
//! let (task, thread) = RequestContext::new().with_id("req-7f3a").run(|| {
//!     // In a handler, where its request is current; in a server:
//!     // `tokio::spawn(async { … }.in_current_request())`.
//!     let task = async { ExportFailed.to_response() }.in_current_request();
//!     let context = RequestContext::current();
//!     let thread = std::thread::spawn(move || context.run(|| ExportFailed.to_response()));
//!     (task, thread)
//! });
//!
//! // The task is polled later, outside the request's scope (as a spawned
//! // task is), and still renders for the request.
//! let mut task = std::pin::pin!(task);
//! let waker = std::task::Waker::noop();
//! let std::task::Poll::Ready(response) = task.as_mut().poll(&mut std::task::Context::from_waker(waker)) else {
//!     unreachable!("the task does not wait")
//! };
//! let body = r#"{"error":{"code":"EXPORT_FAILED","message":"The export failed.","request_id":"req-7f3a"}}"#;
//! assert_eq!(response.body().as_slice(), body.as_bytes());
//! assert_eq!(thread.join().unwrap().body().as_slice(), body.as_bytes());
//! ```

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::cell::RefCell;
use std::sync::Arc;

std::thread_local! {
    static CURRENT: RefCell<RequestContext> = const { RefCell::new(RequestContext::new()) };
}

/// What rendering knows of the request being answered: its id, and
/// whether this server renders in development mode.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestContext {
    id: Option<Arc<str>>,
    development: Option<bool>,
}

impl RequestContext {
    /// No id; development mode as [`set_development_mode`](crate::set_development_mode) set it.
    pub const fn new() -> Self {
        RequestContext {
            id: None,
            development: None,
        }
    }

    /// The same context with the request's id.
    #[must_use]
    pub fn with_id(mut self, id: impl Into<Arc<str>>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// The same context with development mode on or off for this request,
    /// whatever the process-wide setting: lets two servers of one process
    /// (or a test) differ.
    #[must_use]
    pub const fn with_development(mut self, on: bool) -> Self {
        self.development = Some(on);
        self
    }

    /// The context of a request whose id header holds `incoming`: that id
    /// when it [is usable](is_usable_id), else a [new](new_id) one; and
    /// development mode when `development` says so. What the framework
    /// integrations' request-id middleware does with the `x-request-id`
    /// header; when the id differs from `incoming`, they also set it on the
    /// request.
    ///
    /// ```
    /// use errbook::request::RequestContext;
    ///
    /// let kept = RequestContext::for_incoming(Some("req-7f3a"), None);
    /// assert_eq!(kept.id(), Some("req-7f3a"));
    /// let made = RequestContext::for_incoming(Some("two words"), Some(true));
    /// assert_ne!(made.id(), Some("two words"));
    /// assert!(made.is_development());
    /// ```
    pub fn for_incoming(incoming: Option<&str>, development: Option<bool>) -> Self {
        let id: Arc<str> = match incoming {
            Some(id) if is_usable_id(id) => Arc::from(id),
            _ => Arc::from(new_id()),
        };
        RequestContext {
            id: Some(id),
            development,
        }
    }

    /// The request's id, if known.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// Whether errors render in development mode: this context's choice,
    /// or else the process-wide one.
    pub fn is_development(&self) -> bool {
        self.development.unwrap_or_else(crate::development_mode)
    }

    /// The context of the request being answered on this thread (empty
    /// outside a scope).
    pub fn current() -> RequestContext {
        CURRENT.with(|slot| slot.borrow().clone())
    }

    /// Runs `f` with this context as the current one.
    pub fn run<R>(self, f: impl FnOnce() -> R) -> R {
        let _restore = enter(self);
        f()
    }

    /// Runs `future` with this context as the current one: it is set while
    /// the future is polled, on whatever thread polls it.
    pub fn scope<F: Future>(self, future: F) -> Scope<F> {
        Scope {
            context: self,
            future: Box::pin(future),
        }
    }
}

/// Puts the previous context back when dropped, even if the scope panics.
struct Restore(Option<RequestContext>);

impl Drop for Restore {
    fn drop(&mut self) {
        if let Some(previous) = self.0.take() {
            // `try_with`: a thread tearing down its locals has nothing to restore.
            let _ = CURRENT.try_with(|slot| *slot.borrow_mut() = previous);
        }
    }
}

fn enter(context: RequestContext) -> Restore {
    Restore(Some(CURRENT.with(|slot| slot.replace(context))))
}

/// Runs a future in the request context current where it is made: for work
/// a handler spawns (`tokio::spawn(work.in_current_request())`), whose
/// errors then render with the request's id and its server's development
/// setting. See [Work a handler spawns](self#work-a-handler-spawns).
///
/// ```
/// use errbook::request::{InCurrentRequest, RequestContext};
///
/// let work = RequestContext::new()
///     .with_id("req-7f3a")
///     .run(|| async { RequestContext::current().id().map(str::to_owned) }.in_current_request());
/// // Polled outside the scope, it still runs in the request's context.
/// let mut work = std::pin::pin!(work);
/// let waker = std::task::Waker::noop();
/// let polled = work.as_mut().poll(&mut std::task::Context::from_waker(waker));
/// assert_eq!(polled, std::task::Poll::Ready(Some("req-7f3a".to_owned())));
/// ```
pub trait InCurrentRequest: Future + Sized {
    /// This future, run with [`RequestContext::current`] as its context
    /// whenever it is polled.
    fn in_current_request(self) -> Scope<Self> {
        RequestContext::current().scope(self)
    }
}

impl<F: Future> InCurrentRequest for F {}

/// The future [`RequestContext::scope`] returns.
#[must_use = "futures do nothing unless polled"]
pub struct Scope<F> {
    context: RequestContext,
    future: Pin<Box<F>>,
}

impl<F> core::fmt::Debug for Scope<F> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Scope")
            .field("context", &self.context)
            .finish_non_exhaustive()
    }
}

impl<F: Future> Future for Scope<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = &mut *self;
        let _restore = enter(this.context.clone());
        this.future.as_mut().poll(cx)
    }
}

/// The longest incoming request id [`is_usable_id`] accepts, in bytes.
pub const MAX_ID_LEN: usize = 128;

/// Whether an incoming request id (an `x-request-id` header) can be kept:
/// 1 to [`MAX_ID_LEN`] visible ASCII characters, safe to echo in a header
/// and a body. The framework integrations replace any other with
/// [`new_id`].
///
/// ```
/// use errbook::request::is_usable_id;
///
/// assert!(is_usable_id("req-7f3a"));
/// assert!(!is_usable_id(""));
/// assert!(!is_usable_id("two words"));
/// assert!(!is_usable_id("é"));
/// ```
pub fn is_usable_id(id: &str) -> bool {
    (1..=MAX_ID_LEN).contains(&id.len()) && id.bytes().all(|byte| byte.is_ascii_graphic())
}

/// A request id unique in this process: a random prefix drawn once per
/// process, and a counter (`70790c0ab692d3a0-00000001`).
///
/// ```
/// let (a, b) = (errbook::request::new_id(), errbook::request::new_id());
/// assert_ne!(a, b);
/// assert!(errbook::request::is_usable_id(&a));
/// ```
pub fn new_id() -> String {
    use std::hash::BuildHasher as _;
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicU64, Ordering};

    static PREFIX: OnceLock<u64> = OnceLock::new();
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let prefix = *PREFIX.get_or_init(|| {
        // std's hasher keys come from the operating system's randomness.
        std::hash::RandomState::new().hash_one(std::process::id())
    });
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    format!("{prefix:016x}-{n:08x}")
}

/// Calls `f` with the rendering [`Context`](crate::Context) of the current
/// request.
pub(crate) fn with_current<R>(f: impl FnOnce(crate::Context<'_>) -> R) -> R {
    let current = RequestContext::current();
    let context = if current.is_development() {
        crate::Context::development()
    } else {
        crate::Context::production()
    };
    match current.id() {
        Some(id) => f(context.with_instance(id)),
        None => f(context),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incoming_ids() {
        assert!(is_usable_id("req-7f3a"));
        assert!(!is_usable_id(""));
        assert!(!is_usable_id("two words"));
        assert!(!is_usable_id("é"));
        assert!(!is_usable_id(&"a".repeat(MAX_ID_LEN + 1)));
        assert!(is_usable_id(&"a".repeat(MAX_ID_LEN)));
    }

    #[test]
    fn new_ids_are_unique_and_acceptable() {
        let (a, b) = (new_id(), new_id());
        assert_ne!(a, b);
        assert!(is_usable_id(&a));
        assert_eq!(a.split('-').next(), b.split('-').next());
    }
}
