//! The `reqwest` integration (feature `reqwest`).

use core::fmt;

use serde::de::DeserializeOwned;

use crate::decode::DecodeError;
use crate::{ApiError, Parse};

/// What a request made with [`Parse::from_reqwest`] can end in besides its
/// success body.
#[derive(Debug)]
pub enum ClientError<E> {
    /// The server answered with one of the API's errors.
    Api(E),
    /// The server answered with an error status and a body that is not one
    /// of the API's errors (a proxy's HTML page, another format); the
    /// [`DecodeError`] keeps the body.
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
            ClientError::Decode(err) => write!(f, "the error response could not be decoded: {err}"),
            ClientError::Body(err) => write!(f, "the success body is not the expected type: {err}"),
            ClientError::Transport(err) => write!(f, "the request failed: {err}"),
        }
    }
}

impl<E: ApiError> std::error::Error for ClientError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientError::Api(_) => None,
            ClientError::Decode(err) => Some(err),
            ClientError::Body(err) => Some(err),
            ClientError::Transport(err) => Some(err),
        }
    }
}

/// See [`Parse::from_reqwest`].
pub(crate) async fn from_reqwest<E: Parse, T: DeserializeOwned>(
    response: reqwest::Response,
) -> Result<T, ClientError<E>> {
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.bytes().await.map_err(ClientError::Transport)?;
    if status.is_success() {
        return serde_json::from_slice(&body).map_err(ClientError::Body);
    }
    match E::from_parts(status, &headers, &body) {
        Ok(err) => Err(ClientError::Api(err)),
        Err(err) => Err(ClientError::Decode(err)),
    }
}
