//! The byte scan against the strict `serde_json` pass: on every body the
//! scan reads, both read the same code, message, extra member and members;
//! a body the strict pass refuses, the scan gives up on.

use std::borrow::Cow;
use std::fmt::Write as _;

use serde_json::value::RawValue;

use super::sort;
use crate::decode::pass::strict;
use crate::decode::{Dynamic, Found, Layout, Members, Names, Scalar};

static NESTED: Layout<'static> = Layout::new("nested", "")
    .wrapper("error")
    .code("code")
    .message("message")
    .own(&["details"]);
static MATRIX: Layout<'static> = Layout::new("matrix", "")
    .code("errcode")
    .message("error")
    .own(&["details"]);
static PROBLEM: Layout<'static> = Layout::new("problem", "")
    .code("code")
    .message("detail")
    .own(&["type", "title", "status", "instance", "details"]);
static DETAIL: Layout<'static> = Layout::new("detail", "")
    .message("detail")
    .own(&["details"]);
static GOOGLE_BODY: Layout<'static> = Layout::new("google", "");
static GOOGLE_ERROR: Layout<'static> = Layout::new("google", "")
    .code("status")
    .message("message")
    .own(&["code", "details"]);

/// A layout's names with the extra member read as text (`TEXT`) and the
/// message kept raw when it is not a string (`RAW`, in the body `json`).
struct Test<'j, const TEXT: bool, const RAW: bool> {
    names: Dynamic<'static, 'static>,
    json: &'j str,
}

impl<const TEXT: bool, const RAW: bool> Names for Test<'_, TEXT, RAW> {
    const EXTRA_TEXT: bool = TEXT;
    const MESSAGE_RAW: bool = RAW;

    fn json(&self) -> Option<&str> {
        Some(self.json)
    }
    fn layout(&self) -> &Layout<'_> {
        self.names.layout()
    }
    fn is_wrapper(&self, name: &str) -> bool {
        self.names.is_wrapper(name)
    }
    fn is_code(&self, name: &str) -> bool {
        self.names.is_code(name)
    }
    fn is_message(&self, name: &str) -> bool {
        self.names.is_message(name)
    }
    fn is_extra(&self, name: &str) -> bool {
        self.names.is_extra(name)
    }
    fn is_own(&self, name: &str) -> bool {
        self.names.is_own(name)
    }
}

fn test<'j, const TEXT: bool, const RAW: bool>(
    layout: &'static Layout<'static>,
    extra: Option<&'static str>,
    json: &'j str,
) -> Test<'j, TEXT, RAW> {
    Test {
        names: Dynamic { layout, extra },
        json,
    }
}

/// What a pass found, as text: each scalar with whether it is borrowed.
fn show(found: &Found<'_>, members: &Members<'_>) -> String {
    fn scalar(out: &mut String, scalar: Option<&Scalar<'_>>) {
        let _ = match scalar {
            None => write!(out, "-"),
            Some(Scalar::Str(Cow::Borrowed(text))) => write!(out, "borrowed {text:?}"),
            Some(Scalar::Str(Cow::Owned(text))) => write!(out, "owned {text:?}"),
            Some(Scalar::Int(value)) => write!(out, "int {value}"),
            Some(Scalar::Null) => write!(out, "null"),
            Some(Scalar::Other) => write!(out, "other"),
            Some(Scalar::Raw(raw)) => write!(out, "raw {}", raw.get()),
        };
        out.push_str(" | ");
    }
    let mut out = String::new();
    scalar(&mut out, found.code.as_ref());
    scalar(&mut out, found.message.as_ref());
    scalar(&mut out, found.extra_text.as_ref());
    let _ = write!(out, "{:?} | ", found.extra.map(RawValue::get));
    for (name, value) in members.iter() {
        let _ = write!(out, "{name:?}={} ", value.get());
    }
    out
}

/// Whether the scan read `json`; when it did, the strict pass read it the
/// same way.
fn agrees<N: Names>(names: &N, json: &str, with_members: bool) -> bool {
    let (mut members, mut found) = (Members::new(), Found::default());
    let scanned = sort(
        json,
        names,
        with_members.then_some(&mut members),
        &mut found,
    );
    if scanned.is_none() {
        return false;
    }
    let (mut strict_members, mut strict_found) = (Members::new(), Found::default());
    let read = strict(
        json,
        names,
        with_members.then_some(&mut strict_members),
        &mut strict_found,
    );
    assert!(
        matches!(read, Ok(true)),
        "the scan read {json:?}, the strict pass: {read:?}"
    );
    assert_eq!(
        show(&found, &members),
        show(&strict_found, &strict_members),
        "{json:?}"
    );
    true
}

/// How many of the layouts' readings of `json` the scan did.
fn agrees_everywhere(json: &str) -> usize {
    [
        agrees(&test::<false, false>(&NESTED, None, json), json, true),
        agrees(&test::<false, false>(&MATRIX, None, json), json, true),
        agrees(
            &test::<true, false>(&PROBLEM, Some("type"), json),
            json,
            true,
        ),
        agrees(&test::<false, true>(&DETAIL, None, json), json, true),
        agrees(&test::<false, false>(&DETAIL, None, json), json, false),
        agrees(
            &test::<false, false>(&GOOGLE_BODY, Some("error"), json),
            json,
            false,
        ),
        agrees(
            &test::<false, false>(&GOOGLE_ERROR, Some("details"), json),
            json,
            true,
        ),
    ]
    .into_iter()
    .filter(|read| *read)
    .count()
}

/// xorshift64*: the same bodies on every run.
struct Rng {
    state: u64,
    /// How many of the body's pieces may still be taken from the whole
    /// lists (escapes, invalid numbers, …) or break it; the others are
    /// clean (valid JSON without escapes).
    flaws: usize,
    /// Whether the body's bytes are changed at random after.
    mutate: bool,
}

impl Rng {
    fn next(&mut self) -> u64 {
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        self.state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or_default()
    }

    /// Whether this piece of the body takes one of its flaws, one time in
    /// `n` while there are any.
    fn flaw(&mut self, n: usize) -> bool {
        if self.flaws > 0 && self.below(n) == 0 {
            self.flaws -= 1;
            true
        } else {
            false
        }
    }

    /// One of `from`, or, when it is clean, one of its first `clean`.
    fn pick<'t>(&mut self, from: &[&'t str], clean: usize) -> &'t str {
        let len = if self.flaw(6) { from.len() } else { clean };
        from[self.below(len)]
    }

    /// Whether to break the body here, one time in `n` while it may have
    /// flaws.
    fn breaks(&mut self, n: usize) -> bool {
        self.flaws > 0 && self.below(n) == 0 && self.flaw(1)
    }
}

const NAMES: &[&str] = &[
    "error",
    "code",
    "message",
    "errcode",
    "detail",
    "details",
    "type",
    "title",
    "status",
    "instance",
    "id",
    "x",
    "",
    "cod",
    "codes",
    "é",
    "co\\u0064e",
    "err\\nor",
];

const STRINGS: &[&str] = &[
    "",
    "FORBIDDEN",
    "User 7 not found.",
    "https://example.com/probs/out-of-credit",
    "a somewhat longer message, more than eight bytes",
    "é",
    "日本語のメッセージ",
    "with \\\"quotes\\\"",
    "back\\\\slash",
    "line\\nbreak",
    "\\u00e9",
    "\\ud800",
    "\\ud83d\\ude00",
    "tab\there",
    "bell\u{7}",
    "\u{1f}",
    "del\u{7f}",
    "x\\",
    "\\q",
    "12345678",
    "1234567",
];

const NUMBERS: &[&str] = &[
    "0",
    "7",
    "-7",
    "42",
    "123456789012345678",
    "1.5",
    "1e5",
    "-0",
    "01",
    "00",
    "1E+5",
    "-1e-3",
    "1.",
    "-",
    ".5",
    "+1",
    "2e",
    "1.e3",
    "0.0",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "18446744073709551615",
    "18446744073709551616",
    "1234567890123456789",
    "1e400",
    "-123456789012345678",
    "-1e400",
    "1e-400",
];

const LITERALS: &[&str] = &[
    "true", "false", "null", "tru", "nul", "nulll", "NaN", "True",
];

const SPACE: &[&str] = &["", "", "", " ", "\n  ", "\t", "\r\n", "\u{c}", "\u{a0}"];

fn value(rng: &mut Rng, depth: usize, out: &mut String) {
    let kind = if depth > 3 {
        rng.below(3)
    } else {
        rng.below(6)
    };
    match kind {
        0 => {
            out.push('"');
            out.push_str(rng.pick(STRINGS, 7));
            out.push('"');
        }
        1 => out.push_str(rng.pick(NUMBERS, 7)),
        2 => out.push_str(rng.pick(LITERALS, 3)),
        3 => {
            out.push('[');
            let count = rng.below(4);
            for i in 0..count {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(rng.pick(SPACE, 7));
                value(rng, depth + 1, out);
                out.push_str(rng.pick(SPACE, 7));
            }
            if rng.breaks(20) {
                out.push(',');
            }
            out.push(']');
        }
        _ => object(rng, depth + 1, out),
    }
}

fn object(rng: &mut Rng, depth: usize, out: &mut String) {
    out.push('{');
    out.push_str(rng.pick(SPACE, 7));
    let count = rng.below(6);
    for i in 0..count {
        if i > 0 {
            out.push(',');
            out.push_str(rng.pick(SPACE, 7));
        }
        out.push('"');
        out.push_str(rng.pick(NAMES, NAMES.len() - 2));
        out.push('"');
        out.push_str(rng.pick(SPACE, 7));
        if !rng.breaks(40) {
            out.push(':');
        }
        out.push_str(rng.pick(SPACE, 7));
        if depth == 0 && rng.below(3) == 0 {
            object(rng, depth + 1, out);
        } else {
            value(rng, depth, out);
        }
        out.push_str(rng.pick(SPACE, 7));
    }
    if rng.breaks(30) {
        out.push(',');
    }
    out.push('}');
}

/// The bytes a body is changed with.
const MUTATIONS: &[u8] = b"\"\\{}[],: 0-e.\x01a";

fn body(rng: &mut Rng) -> String {
    // Half the bodies clean, most others with one flaw, a few with many
    // and with bytes changed.
    (rng.flaws, rng.mutate) = match rng.below(10) {
        0..5 => (0, false),
        5..9 => (1, false),
        _ => (usize::MAX, true),
    };
    let mut out = String::new();
    out.push_str(rng.pick(SPACE, 7));
    match rng.below(12) {
        0 => value(rng, 0, &mut out),
        1 => {
            // Nested deeper than the scan follows, or nearly.
            let depth = 28 + rng.below(10);
            out.push_str(r#"{"error":{"code":"X","x":"#);
            out.push_str(&"[".repeat(depth));
            out.push_str(&"]".repeat(depth));
            out.push_str("}}");
        }
        _ => object(rng, 0, &mut out),
    }
    out.push_str(rng.pick(SPACE, 7));
    match if rng.flaws == 0 { 3 } else { rng.below(25) } {
        0 => out.push('x'),
        1 => out.push('}'),
        2 => out.push_str(" {}"),
        _ => {}
    }
    // A few bytes changed.
    let changes = if rng.mutate { 1 + rng.below(2) } else { 0 };
    for _ in 0..changes {
        let mut bytes = out.into_bytes();
        if !bytes.is_empty() {
            let at = rng.below(bytes.len());
            let byte = MUTATIONS[rng.below(MUTATIONS.len())];
            match rng.below(3) {
                0 => {
                    bytes.remove(at);
                }
                1 => bytes.insert(at, byte),
                _ => bytes[at] = byte,
            }
        }
        out = String::from_utf8(bytes).unwrap_or_default();
    }
    out
}

#[test]
fn reads_generated_bodies_as_the_strict_pass_does() {
    let mut rng = Rng {
        state: 0x9e37_79b9_7f4a_7c15,
        flaws: 0,
        mutate: false,
    };
    let (mut bodies, mut read) = (0, 0);
    for _ in 0..60_000 {
        let json = body(&mut rng);
        bodies += 1;
        read += agrees_everywhere(&json);
    }
    // The scan reads a good part of them (so the comparison is not empty).
    assert!(read > bodies, "{read} readings of {bodies} bodies");
}

#[test]
fn reads_the_usual_bodies() {
    for (json, readings) in [
        (
            r#"{"error":{"code":"FORBIDDEN","message":"No permission.","missing_permission":"manage_messages"}}"#,
            7,
        ),
        // Every layout but the nested one (no wrapper object) reads the others.
        (
            r#"{"errcode":"USER_NOT_FOUND","error":"User 7 not found.","id":7}"#,
            6,
        ),
        (r#"{"detail":"This channel is gone."}"#, 6),
        (
            "{\n \"type\": \"https://example.com/probs/out-of-credit\",\n \"title\": \"You do not have enough credit.\",\n \"balance\": 30,\n \"accounts\": [\"/account/12345\",\n              \"/account/67890\"]\n}",
            6,
        ),
        (
            r#"{"detail":[{"type":"missing","loc":["body","name"],"msg":"Field required","input":{}}]}"#,
            6,
        ),
        (r#" { "code" : -12 , "message" : null , "x" : [ ] } "#, 6),
    ] {
        assert_eq!(agrees_everywhere(json), readings, "{json}");
    }
}

#[test]
fn gives_up_where_it_is_not_sure() {
    for json in [
        // Escapes, in a name or a value.
        r#"{"errcode":"A\"B","error":"m"}"#,
        r#"{"err\u0063ode":"A","error":"m"}"#,
        r#"{"errcode":"A","error":"m","x":"\n"}"#,
        // A control character in a string.
        "{\"errcode\":\"A\u{1}\",\"error\":\"m\"}",
        // Floats, long integers and -0 where the code is read.
        r#"{"errcode":1.5}"#,
        r#"{"errcode":1234567890123456789}"#,
        r#"{"errcode":-0}"#,
        // Not JSON.
        r#"{"errcode":"A",}"#,
        r#"{"errcode":"A"} x"#,
        r#"{"errcode" "A"}"#,
        r#"{"errcode":01}"#,
        r#"{"errcode":"A","x":tru}"#,
        "{\"errcode\":\"A\"}\u{c}",
        // Not an object.
        r#"["errcode"]"#,
        "",
        "   ",
    ] {
        let names = test::<false, false>(&MATRIX, None, json);
        assert!(!agrees(&names, json, true), "{json}");
    }
    // Nesting deeper than the scan follows: its stack stays small whatever
    // the body.
    for depth in [33, 127, 200, 100_000] {
        let json = format!(
            r#"{{"errcode":"A","x":{}{}}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let names = test::<false, false>(&MATRIX, None, &json);
        assert!(!agrees(&names, &json, true), "{depth}");
    }
    let json = format!(
        r#"{{"errcode":"A","x":{}{}}}"#,
        "[".repeat(31),
        "]".repeat(31)
    );
    assert!(agrees(
        &test::<false, false>(&MATRIX, None, &json),
        &json,
        true
    ));
    // A body without the wrapper, or whose wrapper is not an object.
    for json in [r#"{"code":"A"}"#, r#"{"error":"A"}"#, r#"{"error":[]}"#] {
        let names = test::<false, false>(&NESTED, None, json);
        assert!(!agrees(&names, json, true), "{json}");
    }
}

#[test]
fn finds_string_stops_at_every_offset() {
    for stop in [b'"', b'\\', 0, 0x1f, b'\n'] {
        for len in 0..24 {
            for at in 0..len {
                let mut text = vec![b'a'; len];
                text[at] = stop;
                for (i, byte) in text.iter_mut().enumerate() {
                    // Bytes just beside the stops, before and after it.
                    if i != at && i % 3 == 0 {
                        *byte = [b'!', b'#', b'[', b']', b' ', 0x7f][i % 6];
                    }
                }
                let json = format!("\"{}\"", String::from_utf8(text).unwrap());
                let mut scan = super::Scan { json: &json, at: 0 };
                let read = scan.string();
                if stop == b'"' {
                    assert_eq!(read.map(str::len), Some(at), "{json:?}");
                } else {
                    assert_eq!(read, None, "{json:?}");
                }
            }
        }
    }
}

#[test]
fn keeps_a_checked_value_without_parsing_it_again() {
    // Text no parser takes: the value is handed over as it is (the scan
    // hands over only what it checked), so it was not parsed again.
    let raw = super::raw_value("[1,").unwrap();
    assert_eq!(raw.get(), "[1,");
    for json in ["7", r#""text""#, r#"[1, {"a": null}]"#, "{}"] {
        assert_eq!(super::raw_value(json).unwrap().get(), json);
    }
}
