//! What the fuzz targets share: the fuzzer's bytes split into a response
//! (a status, a few headers and a body), and the checks every decoded
//! error passes, whatever the bytes.
//!
//! An input is `[status: u16 LE][choice: u8][body…]`. The choice byte
//! picks the headers (bits 0-1: the `content-type`, bits 2-3: a
//! `Retry-After`, bit 4: an `x-request-id`) and another format to read the
//! body in (bits 5-7, see [`each_format!`]).

use core::fmt::Debug;

use errbook::decode::{DecodeError, KEPT_BODY};
use errbook::http::{HeaderMap, HeaderValue, Response, StatusCode, header};
use errbook::{ApiError, Format, Parse, Received, Unknown};

/// Runs `$body` with `$format` bound to the built-in format number
/// `$index % 5`: nested, problem, matrix, detail, google.
#[macro_export]
macro_rules! each_format {
    ($index:expr, $format:ident => $body:expr) => {
        match $index % 5 {
            0 => {
                let $format = ::errbook::format::Nested;
                $body
            }
            1 => {
                let $format = ::errbook::format::Problem;
                $body
            }
            2 => {
                let $format = ::errbook::format::Matrix;
                $body
            }
            3 => {
                let $format = ::errbook::format::Detail;
                $body
            }
            _ => {
                let $format = ::errbook::format::Google;
                $body
            }
        }
    };
}

/// A response made of the fuzzer's bytes.
#[derive(Debug)]
pub struct Input<'a> {
    /// Any status `http` accepts (100..=999).
    pub status: StatusCode,
    /// The headers the choice byte picked.
    pub headers: HeaderMap,
    /// The choice byte itself.
    pub choice: u8,
    /// The body.
    pub body: &'a [u8],
}

impl<'a> Input<'a> {
    /// `data` as a response; `None` when it is too short to hold the
    /// status and the choice byte.
    pub fn split(data: &'a [u8]) -> Option<Self> {
        let [low, high, choice, body @ ..] = data else {
            return None;
        };
        let status = StatusCode::from_u16(100 + u16::from_le_bytes([*low, *high]) % 900).ok()?;
        let mut headers = HeaderMap::new();
        let content_type = match choice & 0b11 {
            0 => None,
            1 => Some("application/json"),
            2 => Some("application/problem+json"),
            _ => Some("text/html; charset=utf-8"),
        };
        if let Some(content_type) = content_type {
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        }
        let retry_after = match (choice >> 2) & 0b11 {
            0 => None,
            1 => Some("120"),
            2 => Some("Wed, 21 Oct 2015 07:28:00 GMT"),
            _ => Some("soon"),
        };
        if let Some(retry_after) = retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from_static(retry_after));
        }
        if choice & 0b1_0000 != 0 {
            headers.insert("x-request-id", HeaderValue::from_static("req-fuzz"));
        }
        Some(Input {
            status,
            headers,
            choice: *choice,
            body,
        })
    }

    /// The response as an `http::Response`, for `from_response`.
    pub fn response(&self) -> Response<Vec<u8>> {
        let mut response = Response::new(self.body.to_vec());
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers.clone();
        response
    }

    /// The format bits of the choice byte, for [`each_format!`].
    pub fn other_format(&self) -> u8 {
        self.choice >> 5
    }
}

/// A 4xx or 5xx: what every error renders with.
pub fn is_error(status: StatusCode) -> bool {
    status.is_client_error() || status.is_server_error()
}

/// The status an `#[api(status)]` field holding `status` is sent with: as
/// it is when it is an error status, else 500.
pub fn sent(status: StatusCode) -> StatusCode {
    if is_error(status) {
        status
    } else {
        StatusCode::INTERNAL_SERVER_ERROR
    }
}

/// A body as text, for assertion messages.
pub fn text(body: &[u8]) -> String {
    String::from_utf8_lossy(body).into_owned()
}

/// What a [`DecodeError`] must hold for `input`: its status, the start of
/// the body and its length; its messages never panic.
pub fn decode_error(err: &DecodeError, input: &Input<'_>) {
    assert_eq!(err.status(), input.status);
    assert_eq!(
        err.body(),
        &input.body[..input.body.len().min(KEPT_BODY)],
        "the body kept"
    );
    assert_eq!(err.body_len(), input.body.len());
    let _ = err.to_string();
    let _ = format!("{err:?}");
}

/// Decodes `input` into a `T` in its own format with every entry point the
/// README documents, and checks what must hold:
///
/// - `from_parts`, `from_response` and `Received::from_parts` agree;
/// - a [`DecodeError`] keeps the body (its start) and the status;
/// - a known variant reads back: rendered in the type's format and
///   decoded again, it is `expected(value)` (the value itself, but for
///   what the README says is sent otherwise, such as a non-error status in
///   an `#[api(status)]` field);
/// - an [`Unknown`] renders in every format with an error status, in the
///   format it was read in as the body received, and reads back;
/// - in another built-in format (the choice byte's), the same holds but
///   the read-back of known variants (a format writes only what it
///   carries).
pub fn decode<T>(data: &[u8], expected: impl Fn(T) -> T)
where
    T: Parse + PartialEq + Debug + Clone,
{
    let Some(input) = Input::split(data) else {
        return;
    };
    let decoded = T::from_parts(input.status, &input.headers, input.body);
    assert_eq!(
        T::from_response(&input.response()),
        decoded,
        "from_response and from_parts differ"
    );
    let received = Received::<T>::from_parts(input.status, &input.headers, input.body);
    match (&decoded, &received) {
        (Ok(value), Ok(received)) => {
            assert_eq!(received.error(), value);
            assert_eq!(received.status(), input.status);
            let _ = received.to_string();
            let _ = (received.request_id(), received.message());
        }
        (Err(err), Err(other)) => assert_eq!(err, other),
        _ => panic!("Received and Parse differ: {decoded:?} and {received:?}"),
    }
    match decoded {
        Ok(value) => match value.unknown() {
            Some(unknown) => unknown_checks(&value, unknown, &T::Format::default(), &input),
            None => {
                let response = value.to_response();
                assert!(
                    is_error(response.status()),
                    "{value:?} renders as a success"
                );
                let back = T::from_response(&response).unwrap_or_else(|err| {
                    panic!(
                        "{value:?} renders as {} and does not read back: {err}",
                        text(response.body())
                    )
                });
                assert_eq!(
                    back,
                    expected(value.clone()),
                    "{value:?} rendered as {}",
                    text(response.body())
                );
                for_every_format(&value);
            }
        },
        Err(err) => decode_error(&err, &input),
    }
    each_format!(input.other_format(), format => {
        match T::from_parts_as(format, input.status, &input.headers, input.body) {
            Ok(value) => match value.unknown() {
                Some(unknown) => unknown_checks(&value, unknown, &format, &input),
                None => for_every_format(&value),
            },
            Err(err) => decode_error(&err, &input),
        }
    });
}

/// `value` renders in every built-in format with an error status.
pub fn for_every_format<T: ApiError + Debug>(value: &T) {
    for index in 0..5u8 {
        each_format!(index, format => {
            let response = value.to_response_as(format);
            assert!(is_error(response.status()), "{value:?} renders as a success in {}", index);
        });
    }
}

/// What an [`Unknown`] read in `format` from `input` must do: render with
/// an error status in every format, render in `format` as the body
/// received (its JSON without the whitespace around it, or its text), and,
/// when the response's status was an error status and the body UTF-8,
/// read back as itself.
pub fn unknown_checks<T, F>(value: &T, unknown: &Unknown, format: &F, input: &Input<'_>)
where
    T: Parse + PartialEq + Debug,
    F: Format,
{
    assert_eq!(unknown.read_in(), Some(F::NAME));
    assert!(is_error(unknown.status()));
    for_every_format(value);
    let response = value.to_response_as(format);
    if let Some(json) = unknown.json() {
        assert_eq!(
            text(response.body()),
            json,
            "an unknown error renders as the JSON received"
        );
    } else if let Some(received) = unknown.text() {
        assert_eq!(
            text(response.body()),
            received,
            "an unknown error renders as the text received"
        );
    } else {
        panic!("an unknown error decoded from a body keeps it: {unknown:?}");
    }
    if is_error(input.status) && core::str::from_utf8(input.body).is_ok() {
        let back = T::from_parts_as(
            format,
            response.status(),
            response.headers(),
            response.body(),
        )
        .unwrap_or_else(|err| {
            panic!(
                "{value:?} renders as {} and does not read back: {err}",
                text(response.body())
            )
        });
        assert_eq!(&back, value, "rendered as {}", text(response.body()));
    }
}
