//! [`Reader`]: how a response is read, its error body bounded.

use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;

use super::ClientError;
use crate::decode::{DecodeError, DecodeErrorKind, MAX_BODY, Received};
use crate::{Format, Parse};

/// How a `reqwest::Response` is read into its success body or the typed
/// error: the most of an error body read, and whether what the server said
/// is kept beside the variant. [`Parse::from_reqwest`] is
/// `Reader::new().read::<E, T>(response)`.
///
/// ```no_run
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// use errbook::client::{ClientError, Reader};
/// use errbook::{ApiError, Unknown};
///
/// #[derive(Debug, ApiError)]
/// #[api(parse)]
/// enum UserError {
///     #[api(code = "USER_NOT_FOUND", status = 404, message = "User {id} not found.")]
///     NotFound { #[api(field)] id: u64 },
///     #[api(other)]
///     Other(Unknown),
/// }
///
/// #[derive(serde::Deserialize)]
/// struct User { name: String }
///
/// let response = reqwest::get("http://127.0.0.1:8080/users/7").await?;
/// // Error bodies over 64 KiB are refused; the server's words are kept.
/// let reader = Reader::new().limit(64 * 1024);
/// match reader.received::<UserError, User>(response).await {
///     Ok(user) => println!("{}", user.name),
///     Err(ClientError::Api(received)) => {
///         if let UserError::NotFound { id } = received.error() {
///             println!("no user {id}");
///         }
///         // "(request 70790c0ab692d3a0-00000001)", what the user can report
///         println!("{:?} (request {:?})", received.message(), received.request_id());
///     }
///     Err(other) => return Err(other.into()),
/// }
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reader {
    limit: usize,
}

impl Default for Reader {
    fn default() -> Self {
        Reader::new()
    }
}

impl Reader {
    /// Error bodies up to [`MAX_BODY`] (1 MiB).
    pub const fn new() -> Self {
        Reader { limit: MAX_BODY }
    }

    /// Error bodies up to `bytes`, at most [`MAX_BODY`] (the most the
    /// decoder parses). A `Content-Length` over it is refused before the
    /// body is read; a longer body stops being read at it.
    #[must_use]
    pub const fn limit(self, bytes: usize) -> Self {
        Reader {
            limit: if bytes < MAX_BODY { bytes } else { MAX_BODY },
        }
    }

    /// The most of an error body read, in bytes.
    pub const fn max_error_body(&self) -> usize {
        self.limit
    }

    /// The success body as a `T` (an empty one, as a 204 has, as `null`:
    /// `()` or `None`), or the error the server answered with, in `E`'s own
    /// format.
    pub async fn read<E: Parse, T: DeserializeOwned>(
        self,
        response: reqwest::Response,
    ) -> Result<T, ClientError<E>> {
        let answer = self.answer(response).await?;
        answer.finish(|status, headers, body| E::from_parts(status, headers, body))
    }

    /// [`read`](Reader::read), with the error body in `format`.
    pub async fn read_as<E: Parse, T: DeserializeOwned>(
        self,
        format: impl Format,
        response: reqwest::Response,
    ) -> Result<T, ClientError<E>> {
        let answer = self.answer(response).await?;
        answer.finish(|status, headers, body| E::from_parts_as(format, status, headers, body))
    }

    /// [`read`](Reader::read), keeping the response's request id and the
    /// server's message text beside the error: [`Received`].
    pub async fn received<E: Parse, T: DeserializeOwned>(
        self,
        response: reqwest::Response,
    ) -> Result<T, ClientError<Received<E>>> {
        let answer = self.answer(response).await?;
        answer.finish(Received::<E>::from_parts)
    }

    /// [`received`](Reader::received), with the error body in `format`.
    pub async fn received_as<E: Parse, T: DeserializeOwned>(
        self,
        format: impl Format,
        response: reqwest::Response,
    ) -> Result<T, ClientError<Received<E>>> {
        let answer = self.answer(response).await?;
        answer.finish(|status, headers, body| {
            Received::<E>::from_parts_as(format, status, headers, body)
        })
    }

    /// Reads the body: a success body whole, into a `T`; an error body up
    /// to the limit.
    async fn answer<T: DeserializeOwned, X>(
        self,
        mut response: reqwest::Response,
    ) -> Result<Answer<T>, ClientError<X>> {
        let status = response.status();
        if status.is_success() {
            let body = response.bytes().await.map_err(ClientError::Transport)?;
            return success(&body)
                .map(Answer::Success)
                .map_err(ClientError::Body);
        }
        let headers = core::mem::take(response.headers_mut());
        let limit = self.limit;
        if let Some(len) = response.content_length()
            && len > u64::try_from(limit).unwrap_or(u64::MAX)
        {
            // Dropping the response closes the connection unread.
            return Ok(Answer::TooLarge {
                status,
                len: usize::try_from(len).unwrap_or(usize::MAX),
                limit,
                read: Vec::new(),
            });
        }
        let expected = response
            .content_length()
            .and_then(|len| usize::try_from(len).ok())
            .unwrap_or(0);
        let mut body = Vec::with_capacity(expected.min(limit));
        while let Some(chunk) = response.chunk().await.map_err(ClientError::Transport)? {
            if chunk.len() > limit - body.len() {
                // Read no further; the decode error keeps the start of it.
                body.extend_from_slice(&chunk);
                return Ok(Answer::TooLarge {
                    len: body.len(),
                    status,
                    limit,
                    read: body,
                });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Answer::Error {
            status,
            headers,
            body,
        })
    }
}

/// A response read.
enum Answer<T> {
    Success(T),
    Error {
        status: StatusCode,
        headers: HeaderMap,
        body: Vec<u8>,
    },
    TooLarge {
        status: StatusCode,
        len: usize,
        limit: usize,
        read: Vec<u8>,
    },
}

impl<T> Answer<T> {
    /// The success body, or the error `decode` reads.
    fn finish<X>(
        self,
        decode: impl FnOnce(StatusCode, &HeaderMap, &[u8]) -> Result<X, DecodeError>,
    ) -> Result<T, ClientError<X>> {
        match self {
            Answer::Success(body) => Ok(body),
            Answer::Error {
                status,
                headers,
                body,
            } => Err(match decode(status, &headers, &body) {
                Ok(err) => ClientError::Api(err),
                Err(err) => ClientError::Decode(err),
            }),
            Answer::TooLarge {
                status,
                len,
                limit,
                read,
            } => Err(ClientError::Decode(DecodeError::new(
                DecodeErrorKind::TooLarge { len, limit },
                status,
                &read,
            ))),
        }
    }
}

/// A success body as a `T`; an empty body (a 204's, a 205's) as `null`, so
/// that it is `()` or `None`.
fn success<T: DeserializeOwned>(body: &[u8]) -> Result<T, serde_json::Error> {
    match serde_json::from_slice(body) {
        Err(err) if body.is_empty() => serde_json::from_slice(b"null").map_err(|_| err),
        result => result,
    }
}
