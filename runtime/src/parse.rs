//! Client side: a response back into the typed error, with
//! `#[api(parse)]`.

use http::{HeaderMap, StatusCode};

use crate::catalog::Table;
use crate::decode::{DecodeError, DecodeErrorKind, RawError};
use crate::{ApiError, Format};

/// An error type that can be read back from a response: derived with
/// `#[api(parse)]`.
///
/// ```
/// use errbook::{ApiError, Parse, Unknown};
///
/// #[derive(Debug, ApiError)]
/// #[api(parse, format = matrix, prefix = "M_")]
/// enum MatrixError {
///     #[api(status = 429, message = "Too many requests")]
///     LimitExceeded { #[api(field, retry_after = "ms")] retry_after_ms: u64 },
///     #[api(other)]
///     Other(Unknown),
/// }
///
/// let response = MatrixError::LimitExceeded { retry_after_ms: 2000 }.to_response();
/// let MatrixError::LimitExceeded { retry_after_ms } = MatrixError::from_response(&response).unwrap() else {
///     panic!("the same variant");
/// };
/// assert_eq!(retry_after_ms, 2000);
///
/// // A code this client does not know yet keeps everything it carried.
/// let body = br#"{"errcode":"M_NEW_THING","error":"Something new","since":"v1.99"}"#;
/// let err = MatrixError::from_parts(errbook::http::StatusCode::BAD_REQUEST, &Default::default(), body).unwrap();
/// assert_eq!(err.code(), "M_NEW_THING");
/// assert_eq!(err.status(), 400);
/// assert_eq!(serde_json::to_vec(&err.envelope()).unwrap(), body);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read back from a response: it is not `errbook::Parse`",
    label = "no decoder for `{Self}`",
    note = "derive `errbook::ApiError` for `{Self}` with `#[api(parse)]`; a `transparent` variant around it can instead be marked `#[api(skip_parse)]`"
)]
pub trait Parse: ApiError + Sized {
    /// The value for `raw`: `Ok(None)` when its code is none of this type's
    /// and the type has no `other` variant. Written by the derive.
    fn from_raw(raw: &RawError<'_>) -> Result<Option<Self>, DecodeErrorKind>;

    /// Reads a response in the type's own format.
    fn from_parts(
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Self, DecodeError> {
        Self::from_parts_as(Self::Format::default(), status, headers, body)
    }

    /// Reads a response in `format`.
    ///
    /// The body's code is looked up among the type's codes and aliases;
    /// a code that is none of them but is the documentation URL of one
    /// (`#[api(docs = "https://…/{code}")]`, a problem's `type`) is that
    /// code. With an `#[api(other)]` variant, everything else lands there
    /// whole: an unknown code, and any body the format cannot read (JSON of
    /// another shape, a body that is not JSON), kept as
    /// [`Unknown::json`](crate::Unknown::json) or
    /// [`Unknown::text`](crate::Unknown::text). A body over
    /// [`MAX_BODY`](crate::decode::MAX_BODY), a format that cannot decode,
    /// and a known code whose members do not fit its variant are a
    /// [`DecodeError`], as is everything when there is no `other` variant.
    ///
    /// The format is passed by value, as to
    /// [`to_response_as`](ApiError::to_response_as): one value renders and
    /// reads back.
    ///
    /// ```
    /// use errbook::format::Problem;
    /// use errbook::{ApiError, Parse};
    ///
    /// #[derive(Debug, PartialEq, ApiError)]
    /// #[api(parse)]
    /// enum UserError {
    ///     #[api(code = "USER_NOT_FOUND", status = 404, message = "User {id} not found.")]
    ///     NotFound { #[api(field)] id: u64 },
    /// }
    ///
    /// let format = Problem;
    /// let response = UserError::NotFound { id: 7 }.to_response_as(format);
    /// assert_eq!(response.headers()["content-type"], "application/problem+json");
    /// let back = UserError::from_parts_as(format, response.status(), response.headers(), response.body());
    /// assert_eq!(back.unwrap(), UserError::NotFound { id: 7 });
    /// ```
    fn from_parts_as<F: Format>(
        format: F,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Self, DecodeError> {
        crate::decode::typed::from_parts_as(&format, status, headers, body)
    }

    /// Reads an `http::Response` in the type's own format.
    fn from_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<Self, DecodeError> {
        Self::from_parts(
            response.status(),
            response.headers(),
            response.body().as_ref(),
        )
    }

    /// The success body of a `reqwest` response as a `T`, or the typed
    /// error the server answered with (feature `reqwest`).
    ///
    /// An empty success body (a 204's) reads as `null`, so `T = ()` fits
    /// it. An error body is read up to [`MAX_BODY`](crate::decode::MAX_BODY):
    /// a longer one is refused unread (by its `Content-Length`) or stops
    /// being read there, and is a [`ClientError::Decode`](crate::client::ClientError::Decode).
    /// [`client::Reader`](crate::client::Reader) chooses a lower limit and
    /// keeps the server's request id and message text beside the error.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// use errbook::client::ClientError;
    /// use errbook::{ApiError, Parse, Unknown};
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
    /// match UserError::from_reqwest::<User>(response).await {
    ///     Ok(user) => println!("{}", user.name),
    ///     Err(ClientError::Api(UserError::NotFound { id })) => println!("no user {id}"),
    ///     Err(other) => return Err(other.into()),
    /// }
    /// # Ok(())
    /// # }
    /// ```
    #[cfg(feature = "reqwest")]
    fn from_reqwest<T: serde::de::DeserializeOwned>(
        response: reqwest::Response,
    ) -> impl core::future::Future<Output = Result<T, crate::client::ClientError<Self>>> + Send
    where
        Self: Send,
    {
        crate::client::Reader::new().read::<Self, T>(response)
    }

    /// [`from_reqwest`](Parse::from_reqwest), with the error body read in
    /// `format` rather than the type's own (feature `reqwest`).
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// use errbook::format::Problem;
    /// use errbook::{ApiError, Parse};
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api(parse)]
    /// enum UserError {
    ///     #[api(code = "USER_NOT_FOUND", status = 404, message = "User not found.")]
    ///     NotFound,
    /// }
    ///
    /// // This server answers in problem+json.
    /// let response = reqwest::get("http://127.0.0.1:8080/users/7").await?;
    /// let deleted: () = UserError::from_reqwest_as::<()>(Problem, response).await?;
    /// # Ok(())
    /// # }
    /// ```
    #[cfg(feature = "reqwest")]
    fn from_reqwest_as<T: serde::de::DeserializeOwned>(
        format: impl Format + Send,
        response: reqwest::Response,
    ) -> impl core::future::Future<Output = Result<T, crate::client::ClientError<Self>>> + Send
    where
        Self: Send,
    {
        crate::client::Reader::new().read_as::<Self, T>(format, response)
    }
}

/// The index of the item whose entry a decoded body is: the first whose
/// code (or alias) is the body's code; for a body without a code
/// (FastAPI's `detail`), the first with the body's status and a fixed
/// message equal to the body's, or, for a body whose `detail` is a list
/// (FastAPI's 422), the first with the body's status that carries
/// violations. Items at `skip` (variants never decoded)
/// and nested catalogs are passed over.
#[doc(hidden)]
pub fn find_entry(table: &'static Table, skip: &[usize], raw: &RawError<'_>) -> Option<usize> {
    if let Some(code) = raw.code() {
        // The entry of a type URI's code, found with the code.
        if let Some(index) = raw.entry_in(table)
            && !skip.contains(&index)
        {
            return Some(index);
        }
        return table.find_code(code, skip);
    }
    let status = raw.status();
    let Some(message) = raw.message() else {
        // FastAPI's 422: `detail` is a list of violations.
        raw.member_raw("detail")?;
        return table.find_violations(status.as_u16(), skip);
    };
    table.find_fixed(status.as_u16(), skip, message, || {
        crate::__private::reason(status)
    })
}
