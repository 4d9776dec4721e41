//! Arbitrary responses read with the raw decoding layer, in every built-in
//! format (`RawError::read`, `Format::decode`) and in layouts of one's own
//! (`Parts::read`): never a panic; the two readings of a format agree; the
//! members kept are JSON values' exact text, without the whitespace around
//! them; an `Unknown` made of a raw error renders with an error status.

#![no_main]

use errbook::decode::{DecodeErrorKind, Layout, Parts, RawError};
use errbook::{ApiError, Format, Unknown};
use errbook_fuzz::{Input, decode_error, each_format, is_error};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use serde_json::value::RawValue;

/// `{"status": "error", "error_code": …, "message": …, …fields}`
const FLAT: Layout<'static> = Layout::new("flat", r#"{"error_code": …, "message": …}"#)
    .code("error_code")
    .message("message")
    .own(&["status"]);

/// A body without a code: `{"reason": …, …}`.
const CODELESS: Layout<'static> = Layout::new("codeless", r#"{"reason": …}"#).message("reason");

/// The members of `parts` as names and text.
fn members<'a>(parts: &'a Parts<'_>) -> Vec<(&'a str, &'a str)> {
    parts
        .members
        .iter()
        .map(|(name, raw)| (name, raw.get()))
        .collect()
}

/// Every member kept is a JSON value's exact text.
fn check_members(parts: &Parts<'_>) {
    for (name, raw) in parts.members.iter() {
        let text = raw.get();
        assert_eq!(
            text.trim_matches([' ', '\t', '\n', '\r']),
            text,
            "{name}: whitespace kept"
        );
        assert!(
            serde_json::from_str::<&RawValue>(text).is_ok(),
            "{name}: {text:?} is not JSON"
        );
        assert_eq!(parts.members.get(name).is_some(), true);
    }
}

fn read<F: Format + Copy>(format: F, input: &Input<'_>) {
    let raw = RawError::read(format, input.status, &input.headers, input.body);
    let fresh = format.decode(input.body);
    match (&raw, &fresh) {
        (Ok(raw), Ok(parts)) => {
            assert_eq!(raw.parts().code, parts.code, "{}", F::NAME);
            assert_eq!(raw.parts().message, parts.message, "{}", F::NAME);
            assert_eq!(members(raw.parts()), members(parts), "{}", F::NAME);
        }
        (Err(err), Err(kind)) => assert_eq!(err.kind(), kind, "{}", F::NAME),
        _ => panic!(
            "RawError::read and Format::decode differ in {}: {raw:?} and {fresh:?}",
            F::NAME
        ),
    }
    match raw {
        Ok(raw) => {
            assert_eq!(raw.status(), input.status);
            check_members(raw.parts());
            let _ = (
                raw.code().map(|code| code.to_string()),
                raw.message(),
                raw.retry_after(),
            );
            for (name, _) in raw.members() {
                assert!(raw.member_raw(name).is_some());
                let _ = raw.member::<Value>(name);
                let _ = raw.member::<Option<u64>>(name);
            }
            let _ = raw.member::<Option<String>>("absent member");
            let _ = raw.message_as::<String>();
            let unknown = Unknown::from_raw(&raw);
            assert_eq!(unknown.read_in(), Some(F::NAME));
            assert!(unknown.json().is_some());
            for index in 0..5u8 {
                each_format!(index, other => {
                    let response = unknown.to_response_as(other);
                    assert!(is_error(response.status()));
                });
            }
        }
        Err(err) => {
            decode_error(&err, input);
            // A body that is not the format's is kept whole as an
            // `Unknown` by the derived decoders; the raw layer says why.
            if !matches!(
                err.kind(),
                DecodeErrorKind::NotJson { .. }
                    | DecodeErrorKind::Shape { .. }
                    | DecodeErrorKind::MissingCode { .. }
                    | DecodeErrorKind::Member { .. }
            ) {
                panic!("{}: unexpected {:?}", F::NAME, err.kind());
            }
        }
    }
}

fn layout(layout: &Layout<'_>, body: &[u8]) {
    if let Ok(parts) = Parts::read(body, layout) {
        check_members(&parts);
        assert_eq!(parts.code.is_some(), layout.code.is_some());
        assert!(
            parts
                .members
                .iter()
                .all(|(name, _)| !layout.own.contains(&name))
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let Some(input) = Input::split(data) else {
        return;
    };
    for index in 0..5u8 {
        each_format!(index, format => read(format, &input));
    }
    for each in [FLAT, FLAT.wrapper("error"), CODELESS] {
        layout(&each, input.body);
    }
});
