//! The decoder's byte scan against `serde_json`: a body of valid JSON is
//! read as it is (the scan reads it when it has no escapes) and with one
//! of its string characters, or all of them, written as a `\u` escape
//! instead (which the scan leaves to `serde_json`). The two bodies are the
//! same JSON, so in every format they must give the same parts (the same
//! members, as JSON values), the same decoded value, and the same error.
//!
//! Input: `[status: u16 LE][choice: u8][which: u8][body…]`; `which` picks
//! the character escaped (its top bit: every one).

#![no_main]

use core::fmt::Write as _;

use errbook::decode::{DecodeError, DecodeErrorKind, Layout, Parts, RawError};
use errbook::http::StatusCode;
use errbook::{ApiError, Format, Parse, Unknown, Violations};
use errbook_fuzz::{Input, each_format, text};
use libfuzzer_sys::fuzz_target;
use serde::de::IgnoredAny;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, errbook::ApiError)]
#[api(parse, docs = "https://example.com/probs/{code}")]
enum ChatError {
    #[api(code = "FORBIDDEN", status = 403, message = "No permission.")]
    Forbidden {
        #[api(field)]
        missing_permission: String,
    },
    #[api(
        code = "USER_NOT_FOUND",
        status = 404,
        message = "User {id} not found.",
        alias = "NO_SUCH_USER"
    )]
    UserNotFound {
        #[api(field)]
        id: u64,
        #[api(field)]
        tags: Option<Vec<String>>,
    },
    #[api(code = "GONE", status = 410, message = "This channel is gone.")]
    Gone,
    #[api(code = "RATE_LIMITED", status = 429, message = "Slow down.")]
    RateLimited {
        #[api(field, retry_after = "ms")]
        retry_after_ms: Option<u64>,
    },
    #[api(code = "M_UNRECOGNIZED", message = "{reason}")]
    Unrecognized {
        reason: String,
        #[api(status)]
        status: StatusCode,
    },
    #[api(code = "INVALID", status = 422, message = "Your request is not valid.")]
    Invalid {
        #[api(violations)]
        violations: Violations,
    },
    #[api(code = 40900, status = 409, message = "Conflict.")]
    Conflict,
    #[api(other)]
    Other(Unknown),
}

/// `json` with the `which`-th character of its strings (every one, with
/// the top bit set) written as a `\u` escape; `None` when its strings have
/// no character to escape.
fn escaped(json: &str, which: u8) -> Option<String> {
    let mut chars = Vec::new();
    let mut in_string = false;
    let mut escape = false;
    for (at, c) in json.char_indices() {
        if !in_string {
            in_string = c == '"';
        } else if escape {
            escape = false;
        } else if c == '\\' {
            escape = true;
        } else if c == '"' {
            in_string = false;
        } else {
            chars.push(at);
        }
    }
    if chars.is_empty() {
        return None;
    }
    let chosen = chars[usize::from(which & 0x7f) % chars.len()];
    let mut out = String::with_capacity(json.len() + 6 * chars.len());
    for (at, c) in json.char_indices() {
        if (which & 0x80 != 0 && chars.binary_search(&at).is_ok()) || at == chosen {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(out, "\\u{unit:04x}").unwrap();
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// `json`, valid JSON, with each string written as `serde_json` writes
/// it (its escapes read): the same text for the two bodies, even where a
/// number is too large for a `Value`.
fn canon(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut start = None;
    let mut escape = false;
    for (at, c) in json.char_indices() {
        match start {
            None if c == '"' => start = Some(at),
            None => out.push(c),
            Some(_) if escape => escape = false,
            Some(_) if c == '\\' => escape = true,
            Some(from) if c == '"' => {
                let text: String = serde_json::from_str(&json[from..=at]).unwrap();
                out.push_str(&serde_json::to_string(&text).unwrap());
                start = None;
            }
            Some(_) => {}
        }
    }
    out
}

/// A decode error's kind without the parser's text (whose columns the
/// escapes move).
fn kind(kind: &DecodeErrorKind) -> String {
    match kind {
        DecodeErrorKind::NotJson { .. } => "not JSON".to_owned(),
        DecodeErrorKind::Member { name, .. } => format!("member {name}"),
        other => format!("{other:?}"),
    }
}

/// Parts as comparable text: the code, the message and the members as
/// JSON values (a member with a number `Value` cannot hold: its text, with
/// its strings' escapes read).
fn parts(parts: &Parts<'_>) -> String {
    let members: Vec<(String, String)> = parts
        .members
        .iter()
        .map(|(name, raw)| {
            let value = serde_json::from_str::<Value>(raw.get())
                .map_or_else(|_| canon(raw.get()), |value| value.to_string());
            (name.to_owned(), value)
        })
        .collect();
    format!(
        "code {:?}, message {:?}, members {members:?}",
        parts.code.as_ref().map(|code| code.as_code().to_string()),
        parts.message
    )
}

fn raw<F: Format + Copy>(format: F, input: &Input<'_>, body: &[u8]) -> String {
    match RawError::read(format, input.status, &input.headers, body) {
        Ok(raw) => parts(raw.parts()),
        Err(err) => format!("error: {}", kind(err.kind())),
    }
}

/// A decoded value as comparable text: an unknown error by its parts
/// (`Unknown`'s own equality), a known one by its response (status and
/// body as a JSON value; a violation keeps its extras as their text).
fn decoded<F: Format + Copy>(format: F, result: &Result<ChatError, DecodeError>) -> String {
    match result {
        Ok(ChatError::Other(unknown)) => format!(
            "other: {:?} {:?} {} {:?}",
            unknown.code().to_string(),
            unknown.raw_message(),
            unknown.status(),
            unknown.members()
        ),
        Ok(value) => {
            let response = value.to_response_as(format);
            let body = serde_json::from_slice::<Value>(response.body())
                .map_or_else(|_| canon(&text(response.body())), |value| value.to_string());
            format!("{} {body}", response.status())
        }
        Err(err) => format!("error: {}", kind(err.kind())),
    }
}

fn layout(layout: &Layout<'_>, body: &[u8]) -> String {
    match Parts::read(body, layout) {
        Ok(read) => parts(&read),
        Err(err) => format!("error: {}", kind(&err)),
    }
}

const FLAT: Layout<'static> = Layout::new("flat", r#"{"error_code": …, "message": …}"#)
    .code("error_code")
    .message("message")
    .own(&["status"]);

fuzz_target!(|data: &[u8]| {
    let Some(input) = Input::split(data) else {
        return;
    };
    let [which, body @ ..] = input.body else {
        return;
    };
    let Ok(json) = core::str::from_utf8(body) else {
        return;
    };
    if serde_json::from_str::<IgnoredAny>(json).is_err() {
        return;
    }
    let Some(other) = escaped(json, *which) else {
        return;
    };
    let other = other.as_bytes();
    debug_assert_eq!(
        serde_json::from_str::<Value>(json).ok(),
        serde_json::from_slice::<Value>(other).ok()
    );
    for index in 0..5u8 {
        each_format!(index, format => {
            assert_eq!(
                raw(format, &input, body),
                raw(format, &input, other),
                "parts in {}: {json} and {}",
                index,
                text(other)
            );
            let plain = ChatError::from_parts_as(format, input.status, &input.headers, body);
            let slow = ChatError::from_parts_as(format, input.status, &input.headers, other);
            assert_eq!(
                decoded(format, &plain),
                decoded(format, &slow),
                "decoded in {}: {json} and {}",
                index,
                text(other)
            );
        });
    }
    for each in [FLAT, FLAT.wrapper("error")] {
        assert_eq!(
            layout(&each, body),
            layout(&each, other),
            "{json} and {}",
            text(other)
        );
    }
});
