//! The `reqwest` integration (feature `reqwest`), public as
//! `errbook::client`: a `reqwest::Response` into its success body or the
//! typed error the server answered with.
//!
//! [`Parse::from_reqwest`](crate::Parse::from_reqwest) and
//! [`Parse::from_reqwest_as`](crate::Parse::from_reqwest_as) read with the
//! defaults; a [`Reader`] chooses the error body's limit and can keep what
//! the server said beside the variant ([`Received`]).
//!
//! An error body is read chunk by chunk, up to a limit ([`MAX_BODY`], 1 MiB,
//! unless a [`Reader`] lowers it): a `Content-Length` over the limit is
//! refused before any of the body is read, and a longer body (chunked, or
//! with no length) stops being read at the limit. Either is a
//! [`DecodeErrorKind::TooLarge`](crate::decode::DecodeErrorKind::TooLarge)
//! that keeps at most what was read ([`KEPT_BODY`](crate::decode::KEPT_BODY)
//! of it). A success body is read whole: its size is the caller's to bound.
//!
//! [`MAX_BODY`]: crate::decode::MAX_BODY

mod read;

use core::fmt;

use crate::ApiError;
use crate::decode::{DecodeError, Received};

pub use read::Reader;

/// What a request made with
/// [`Parse::from_reqwest`](crate::Parse::from_reqwest) can end in besides
/// its success body.
#[derive(Debug)]
pub enum ClientError<E> {
    /// The server answered with one of the API's errors.
    Api(E),
    /// The server answered with an error status and a body that is not one
    /// of the API's errors (a proxy's HTML page, another format, a body
    /// over the limit); the [`DecodeError`] keeps the start of the body.
    Decode(DecodeError),
    /// The success body is not the expected type.
    Body(serde_json::Error),
    /// The request or the body's transfer failed.
    Transport(reqwest::Error),
}

impl<E: ApiError> fmt::Display for ClientError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Api(err) => write!(
                f,
                "the API answered {} `{}`: {}",
                err.status().as_u16(),
                err.code(),
                err.message()
            ),
            other => other.fmt_other(f),
        }
    }
}

/// `the API answered 404 USER_NOT_FOUND: <the server's message> (request <id>)`.
impl<E: ApiError> fmt::Display for ClientError<Received<E>> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Api(received) => write!(f, "the API answered {received}"),
            other => other.fmt_other(f),
        }
    }
}

impl<E> ClientError<E> {
    /// The variants other than `Api`.
    fn fmt_other(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Api(_) => Ok(()),
            ClientError::Decode(err) => write!(f, "the error response could not be decoded: {err}"),
            ClientError::Body(err) => write!(f, "the success body is not the expected type: {err}"),
            ClientError::Transport(err) => write!(f, "the request failed: {err}"),
        }
    }

    fn other_source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientError::Api(_) => None,
            ClientError::Decode(err) => Some(err),
            ClientError::Body(err) => Some(err),
            ClientError::Transport(err) => Some(err),
        }
    }
}

impl<E: ApiError> std::error::Error for ClientError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.other_source()
    }
}

impl<E: ApiError> std::error::Error for ClientError<Received<E>> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.other_source()
    }
}
