//! [`Received`]: a decoded error with what the server said beside it.

use core::fmt;
use std::borrow::Cow;

use http::{HeaderMap, StatusCode};
use serde_json::value::RawValue;

use super::{DecodeError, Layout, Parts};
use crate::{ApiError, Format, Parse};

/// The header a server echoes the request's id in.
const REQUEST_ID_HEADER: &str = "x-request-id";

/// An error decoded from a response, with what the server said beside it:
/// the status, the request's id and the message text, as received.
///
/// The variant is your own type, matched as usual; the server's own words
/// are kept for logs and for users, even for a variant the client knows
/// (whose [`message`](ApiError::message) is the client's template, not the
/// server's text).
///
/// The request id is the response's `x-request-id` header, or else where
/// errbook's formats write it: `instance` for problem+json, the
/// `request_id` member for nested, matrix and detail (and a format of your
/// own), the `requestId` of a `google.rpc.RequestInfo` entry for google.
///
/// ```
/// use errbook::http::{HeaderMap, StatusCode};
/// use errbook::{ApiError, Received};
///
/// #[derive(Debug, PartialEq, ApiError)]
/// #[api(parse)]
/// enum UserError {
///     #[api(code = "USER_NOT_FOUND", status = 404, message = "User {id} not found.")]
///     NotFound { #[api(field)] id: u64 },
/// }
///
/// // A server that words its message its own way.
/// let body = br#"{"error":{"code":"USER_NOT_FOUND","message":"Utilisateur 7 introuvable.","id":7,"request_id":"req-7f3a"}}"#;
/// let received = Received::<UserError>::from_parts(StatusCode::NOT_FOUND, &HeaderMap::new(), body).unwrap();
/// assert_eq!(received.error(), &UserError::NotFound { id: 7 });
/// assert_eq!(received.request_id(), Some("req-7f3a"));
/// assert_eq!(received.message(), Some("Utilisateur 7 introuvable."));
/// assert_eq!(received.error().message().to_string(), "User 7 not found.");
/// assert_eq!(received.status(), StatusCode::NOT_FOUND);
/// let UserError::NotFound { id } = received.into_error();
/// assert_eq!(id, 7);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Received<E> {
    error: E,
    status: StatusCode,
    request_id: Option<String>,
    message: Option<String>,
}

impl<E: Parse> Received<E> {
    /// Reads a response in the type's own format: the error as
    /// [`Parse::from_parts`] reads it, and what the server said.
    pub fn from_parts(
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Self, DecodeError> {
        Self::from_parts_as(E::Format::default(), status, headers, body)
    }

    /// Reads a response in `format`.
    pub fn from_parts_as<F: Format>(
        format: F,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Self, DecodeError> {
        let error = E::from_parts_as(&format, status, headers, body)?;
        // What the variant does not keep is read from the body again: the
        // cost of an error response, paid only by those who ask for it.
        Ok(Received {
            error,
            status,
            request_id: request_id::<F>(headers, body),
            message: format
                .decode(body)
                .ok()
                .and_then(|parts| parts.message)
                .map(Cow::into_owned),
        })
    }

    /// Reads an `http::Response` in the type's own format.
    pub fn from_response<B: AsRef<[u8]>>(
        response: &http::Response<B>,
    ) -> Result<Self, DecodeError> {
        Self::from_parts(
            response.status(),
            response.headers(),
            response.body().as_ref(),
        )
    }
}

impl<E> Received<E> {
    /// `error`, received with `status`, the request id and the message
    /// text (as a test or a client of your own builds one).
    pub fn new(
        error: E,
        status: StatusCode,
        request_id: Option<String>,
        message: Option<String>,
    ) -> Self {
        Received {
            error,
            status,
            request_id,
            message,
        }
    }

    /// The decoded error.
    pub fn error(&self) -> &E {
        &self.error
    }

    /// The decoded error, by value.
    pub fn into_error(self) -> E {
        self.error
    }

    /// The response's status, as received (an
    /// [`Unknown`](crate::Unknown) renders a status that is not an error
    /// status as 500; this is the status the server sent).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The request's id: the `x-request-id` header, or the body's request
    /// id member; `None` when the response has neither.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The message text of the body, as received; `None` when the body had
    /// none.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
}

impl<E: ApiError> fmt::Display for Received<E> {
    /// `404 USER_NOT_FOUND: Utilisateur 7 introuvable. (request req-7f3a)`:
    /// the server's message, or the error's own when the body had none.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: ", self.status.as_u16(), self.error.code())?;
        match &self.message {
            Some(message) => f.write_str(message)?,
            None => write!(f, "{}", self.error.message())?,
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request {id})")?;
        }
        Ok(())
    }
}

impl<E: ApiError> std::error::Error for Received<E> {}

/// The request id of a response in the format `F`: the header, else the
/// body's member where errbook's formats write it.
fn request_id<F: Format + ?Sized>(headers: &HeaderMap, body: &[u8]) -> Option<String> {
    if let Some(id) = headers
        .get(REQUEST_ID_HEADER)
        .and_then(|value| value.to_str().ok())
        .filter(|id| !id.is_empty())
    {
        return Some(id.to_owned());
    }
    // The id is read as the "message" of a layout that puts it there. The
    // built-in formats are told apart by name; a format of your own is read
    // for a top-level `request_id`.
    let at = Layout::new(F::NAME, "an object");
    let layout = match F::NAME {
        "problem" => at.message("instance"),
        "nested" => at.wrapper("error").message("request_id"),
        "google" => return google_request_id(body),
        _ => at.message("request_id"),
    };
    Parts::read(body, &layout)
        .ok()?
        .message
        .map(Cow::into_owned)
}

/// The `requestId` of the `google.rpc.RequestInfo` entry in
/// `error.details`.
fn google_request_id(body: &[u8]) -> Option<String> {
    const REQUEST_INFO: &str = "type.googleapis.com/google.rpc.RequestInfo";
    let error = Parts::read(body, &Layout::new("google", "an object").wrapper("error")).ok()?;
    let details: Vec<&RawValue> = serde_json::from_str(error.members.get("details")?.get()).ok()?;
    let entry = Layout::new("google", "an object")
        .code("@type")
        .message("requestId");
    details.iter().find_map(|detail| {
        let parts = Parts::read(detail.get().as_bytes(), &entry).ok()?;
        if parts.code?.as_code() != REQUEST_INFO {
            return None;
        }
        parts.message.map(Cow::into_owned)
    })
}
