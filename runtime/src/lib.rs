#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]

// The derive writes `::errbook::…` paths; this lets it be used in here too.
extern crate self as errbook;

pub mod bounds;
pub mod catalog;
mod code;
pub mod decode;
mod duration;
mod erased;
mod error;
pub mod format;
mod hooks;
mod integrations;
mod message;
mod parse;
mod rejection;
pub mod request;
pub mod retry_after;
pub mod violations;

// Each integration lives in `integrations/`; these are their public paths.
#[cfg(feature = "actix-web")]
pub use integrations::actix;
#[cfg(feature = "axum")]
pub use integrations::axum;
#[cfg(feature = "garde")]
pub use integrations::garde;
#[cfg(feature = "reqwest")]
pub use integrations::reqwest as client;
#[cfg(feature = "tracing")]
use integrations::tracing as trace;
#[cfg(feature = "utoipa")]
pub use integrations::utoipa;
#[cfg(feature = "validator")]
pub use integrations::validator;

#[doc(hidden)]
pub mod __private;

pub use catalog::Catalog;
pub use code::Code;
pub use decode::Received;
pub use decode::Unknown;
pub use error::{ApiError, FieldVisitor};
pub use format::{Context, DocsUrl, Envelope, Format, development_mode, set_development_mode};
pub use message::Message;
pub use parse::Parse;
pub use rejection::Rejection;
pub use violations::{Location, Validate, Violation, Violations};

/// Derives [`ApiError`](trait@ApiError) for an enum (a code per variant)
/// or a struct (one code), from its `#[api(...)]` attributes and doc
/// comments: codes, statuses, messages, exposed fields, the body in every
/// format, the [catalog](mod@catalog) and, with `parse`, the client-side
/// decoder ([`Parse`]).
///
/// ```
/// use errbook::ApiError;
///
/// /// User errors.
/// #[derive(Debug, ApiError)]
/// #[api(prefix = "user:", rename_all = "snake_case")]
/// enum UserError {
///     /// No user has this ID.
///     #[api(status = 404, message = "User {id} not found.")]
///     NotFound { #[api(field)] id: u64 },
///     /// Slow down.
///     #[api(code = "RATE_LIMITED", status = 429)]
///     RateLimited { #[api(field, retry_after = "ms")] retry_after_ms: u64 },
/// }
///
/// let err = UserError::NotFound { id: 7 };
/// assert_eq!(err.code(), "user:not_found");
/// assert_eq!(err.status(), 404);
/// assert_eq!(err.message().to_string(), "User 7 not found.");
/// assert_eq!(err.doc(), Some("No user has this ID."));
/// assert_eq!(UserError::RateLimited { retry_after_ms: 1500 }.message().to_string(), "Too Many Requests");
/// ```
///
/// # Attributes
pub use errbook_macros::ApiError;

/// Fails to compile when two of the given error types share a code.
///
/// Types composed with `#[api(transparent)]` are checked by the derive
/// already; this is for types that are never nested, such as the error
/// enums of separate endpoints of one API. The check runs in constant
/// evaluation and costs O(n log n) in the number of codes.
///
/// ```
/// use errbook::ApiError;
///
/// #[derive(Debug, ApiError)]
/// #[api(prefix = "user:", rename_all = "snake_case", status = 404)]
/// enum UserError { NotFound }
///
/// #[derive(Debug, ApiError)]
/// #[api(prefix = "post:", rename_all = "snake_case", status = 404)]
/// enum PostError { NotFound }
///
/// errbook::assert_unique_codes!(UserError, PostError);
/// ```
///
/// ```compile_fail
/// use errbook::ApiError;
///
/// #[derive(Debug, ApiError)]
/// #[api(status = 404)]
/// enum UserError { NotFound }
///
/// #[derive(Debug, ApiError)]
/// #[api(status = 404)]
/// enum PostError { NotFound }
///
/// // error: duplicate code `NOT_FOUND`: `PostError::NotFound` and `UserError::NotFound` both have it
/// errbook::assert_unique_codes!(UserError, PostError);
/// ```
#[macro_export]
macro_rules! assert_unique_codes {
    ($($ty:ty),+ $(,)?) => {
        #[allow(long_running_const_eval)]
        const _: () = if let ::core::option::Option::Some(duplicate) =
            $crate::__private::duplicate(&[$(<$ty as $crate::ApiError>::CATALOG),+])
        {
            ::core::panic!("{}", duplicate.as_str())
        };
    };
}

/// The `http` crate this crate renders to, re-exported so that users name the
/// same `StatusCode` and `Response` types.
pub use http;
