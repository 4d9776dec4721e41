#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod code;
mod error;
pub mod format;
mod message;

#[doc(hidden)]
pub mod __private;

pub use code::Code;
pub use error::{ApiError, FieldVisitor};
pub use format::{Context, DocsUrl, Envelope, Format, development_mode, set_development_mode};
pub use message::Message;

/// Derives [`ApiError`](trait@ApiError) for an enum or a struct.
///
/// See the [crate documentation](crate) for the attributes it reads.
pub use errbook_macros::ApiError;

/// The `http` crate this crate renders to, re-exported so that users name the
/// same `StatusCode` and `Response` types.
pub use http;
