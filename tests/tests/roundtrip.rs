//! Round-trip properties of `#[api(parse)]`, for every built-in format:
//!
//! - every decodable variant, rendered with arbitrary field values (any
//!   unicode, control characters, quotes, empty and long strings, integer
//!   extremes, finite floats), decodes back to an equal value in every
//!   format that carries a code; `detail` finds the variants with a fixed
//!   message;
//! - a code the client does not know decodes into the `other` variant and
//!   renders back to the same JSON body;
//! - no input (arbitrary bytes, a valid body truncated, flipped or spliced,
//!   any status, any `Retry-After` header) panics the decoder, and a failure
//!   keeps the exact body.
//!
//! What cannot round-trip, and why, is pinned by plain tests; the known bugs
//! are `#[ignore]`d tests (`cargo test -- --ignored` shows them failing).

use std::time::Duration;

use errbook::decode::{DecodeErrorKind, KEPT_BODY, RawCode};
use errbook::format::{Detail, Google, Matrix, Nested, Problem};
use errbook::http::{HeaderMap, HeaderValue, Response, StatusCode, header};
use errbook::{ApiError, Format, Parse, Unknown};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Map, Value};

/// Every kind of field and code the decoder rebuilds.
#[derive(Debug, PartialEq, Clone, ApiError)]
#[api(parse)]
enum Rt {
    /// A string code; string, unsigned, signed and boolean fields.
    #[api(
        code = "rt:profile",
        status = 422,
        message = "Profile {name} is invalid."
    )]
    Profile {
        #[api(field)]
        name: String,
        #[api(field)]
        id: u64,
        #[api(field)]
        offset: i64,
        #[api(field)]
        active: bool,
    },
    /// An integer code; optional, sequence and float fields.
    #[api(code = 42201, status = 422, message = "Nickname rejected.")]
    Nickname {
        #[api(field)]
        nickname: Option<String>,
        #[api(field)]
        shards: Vec<u32>,
        #[api(field)]
        ratio: f64,
    },
    /// The field is the whole message.
    #[api(code = "rt:conflict", status = 409, message = "{reason}")]
    Conflict { reason: String },
    /// The status is chosen at run time.
    #[api(code = "rt:unrecognized", message = "Unrecognized request.")]
    Unrecognized {
        #[api(status)]
        status: StatusCode,
    },
    /// A `Retry-After` delay in milliseconds.
    #[api(code = 42901, status = 429, message = "Slow down.")]
    RateLimited {
        #[api(field, retry_after = "ms")]
        retry_after_ms: u64,
    },
    /// A unit variant with a fixed message.
    #[api(code = "rt:gone", status = 410, message = "Gone for good.")]
    Gone,
    /// A unit variant whose message is the reason phrase.
    #[api(code = "rt:teapot", status = 418)]
    Teapot,
    /// Anything else.
    #[api(other)]
    Other(Unknown),
}

/// The codes of `Rt`, which an unknown code must not be.
fn is_known(code: &RawCode<'_>) -> bool {
    match code {
        RawCode::Str(s) => [
            "rt:profile",
            "rt:conflict",
            "rt:unrecognized",
            "rt:gone",
            "rt:teapot",
        ]
        .contains(&&**s),
        RawCode::Int(i) => [42201, 42901].contains(i),
    }
}

/// Every member name a built-in format writes itself.
const FORMAT_MEMBERS: &[&str] = &[
    "code", "message", "details", "errcode", "error", "type", "title", "status", "detail",
    "instance",
];

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        // No regression files: a failure prints its minimal input, to be
        // pinned as a plain test.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------
// Strategies

/// Text of every awkward kind, long text included.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        9 => short_text(),
        1 => proptest::collection::vec(any::<char>(), 1024..4096).prop_map(String::from_iter),
    ]
}

/// Text of every awkward kind, up to a few dozen characters.
fn short_text() -> impl Strategy<Value = String> {
    let awkward = prop_oneof![
        Just('"'),
        Just('\\'),
        Just('\''),
        Just('{'),
        Just('}'),
        Just('/'),
        Just('\u{7f}'),
        Just('\u{2028}'),
        Just('\u{feff}'),
        Just('\u{10ffff}'),
        proptest::char::range('\0', '\u{1f}'),
        any::<char>(),
    ];
    prop_oneof![
        4 => any::<String>(),
        2 => "\\PC*",
        3 => proptest::collection::vec(awkward, 0..32).prop_map(String::from_iter),
        // Strings whose text is JSON: a string field must stay a string.
        1 => proptest::sample::select(&[
            "", "123", "-1", "1.5", "true", "null", "[1,2]", "{\"a\":1}", "\"quoted\"", "1e400",
            "NaN", " ",
        ][..])
        .prop_map(str::to_owned),
    ]
}

fn unsigned() -> impl Strategy<Value = u64> {
    prop_oneof![
        3 => any::<u64>(),
        1 => proptest::sample::select(&[0, 1, 999, 1000, 1001, 1 << 53, (1 << 53) + 1, u64::MAX - 1, u64::MAX][..]),
    ]
}

fn signed() -> impl Strategy<Value = i64> {
    prop_oneof![
        3 => any::<i64>(),
        1 => proptest::sample::select(&[0, -1, 1, i64::MIN, i64::MIN + 1, i64::MAX][..]),
    ]
}

/// Any finite float.
fn any_finite() -> impl Strategy<Value = f64> {
    use proptest::num::f64::{NEGATIVE, NORMAL, POSITIVE, SUBNORMAL, ZERO};
    prop_oneof![
        3 => POSITIVE | NEGATIVE | NORMAL | SUBNORMAL | ZERO,
        1 => proptest::sample::select(&[
            0.0, -0.0, 1.0, 0.1, f64::MAX, f64::MIN, f64::MIN_POSITIVE, f64::EPSILON,
            5e-324, 9_007_199_254_740_993.0,
        ][..]),
    ]
}

/// Whether `serde_json`'s default float parser reads `x`'s shortest text
/// back exactly: it does not always (see `floats_come_back_exactly`).
fn parses_back(x: f64) -> bool {
    serde_json::from_str::<f64>(&serde_json::to_string(&x).unwrap())
        .is_ok_and(|y| y.to_bits() == x.to_bits())
}

/// A finite float that `serde_json` reads back exactly.
fn finite() -> impl Strategy<Value = f64> {
    any_finite().prop_filter("serde_json reads it back 1 ULP off", |x| parses_back(*x))
}

fn error_status() -> impl Strategy<Value = StatusCode> {
    (400u16..=599).prop_map(|s| StatusCode::from_u16(s).unwrap())
}

/// Any value of a variant that has a code of its own.
fn known() -> impl Strategy<Value = Rt> {
    prop_oneof![
        (text(), unsigned(), signed(), any::<bool>()).prop_map(|(name, id, offset, active)| {
            Rt::Profile {
                name,
                id,
                offset,
                active,
            }
        }),
        (
            proptest::option::of(text()),
            proptest::collection::vec(prop_oneof![any::<u32>(), Just(0), Just(u32::MAX)], 0..16),
            finite(),
        )
            .prop_map(|(nickname, shards, ratio)| Rt::Nickname {
                nickname,
                shards,
                ratio,
            }),
        text().prop_map(|reason| Rt::Conflict { reason }),
        error_status().prop_map(|status| Rt::Unrecognized { status }),
        unsigned().prop_map(|retry_after_ms| Rt::RateLimited { retry_after_ms }),
        Just(Rt::Gone),
        Just(Rt::Teapot),
    ]
}

/// Any JSON value, floats finite.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        signed().prop_map(Value::from),
        unsigned().prop_map(Value::from),
        finite().prop_map(Value::from),
        short_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(short_text(), inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// A member name no format writes itself.
fn member_name() -> impl Strategy<Value = String> {
    prop_oneof!["[a-z_]{1,12}", short_text()].prop_filter("a format's own member", |name| {
        !FORMAT_MEMBERS.contains(&name.as_str())
    })
}

fn unknown_code() -> impl Strategy<Value = RawCode<'static>> {
    prop_oneof![
        text().prop_map(|text| RawCode::Str(text.into())),
        // A string that reads like an integer code stays a string.
        Just(RawCode::Str("42201".into())),
        signed().prop_map(RawCode::Int),
    ]
    .prop_filter("one of the type's codes", |code| !is_known(code))
}

// ---------------------------------------------------------------------------
// Helpers

/// `err` decoded from its own response in `format`.
fn decode_in<F: Format + Copy>(format: F, err: &Rt, with_retry_header: bool) -> Rt {
    let mut response = err.to_response_as(format);
    if !with_retry_header {
        response.headers_mut().remove(header::RETRY_AFTER);
    }
    decode_response(format, &response).unwrap_or_else(|e| panic!("{} {e:?}", F::NAME))
}

fn decode_response<F: Format>(
    format: F,
    response: &Response<Vec<u8>>,
) -> Result<Rt, errbook::decode::DecodeError> {
    Rt::from_parts_as(
        format,
        response.status(),
        response.headers(),
        response.body(),
    )
}

/// What comes back from the `Retry-After` header alone (a body without the
/// member): it carries whole seconds, rounded up, so the milliseconds come
/// back rounded up to the second (saturating at `u64::MAX`).
fn through_header(err: &Rt) -> Rt {
    match err {
        Rt::RateLimited { retry_after_ms } => Rt::RateLimited {
            retry_after_ms: u64::try_from(u128::from(retry_after_ms.div_ceil(1000)) * 1000)
                .unwrap_or(u64::MAX),
        },
        other => other.clone(),
    }
}

fn body_json(response: &Response<Vec<u8>>) -> Value {
    serde_json::from_slice(response.body()).expect("a rendered body is JSON")
}

/// Runs `$body` with `$format` bound to each format that carries a code.
macro_rules! for_coded_formats {
    (|$format:ident| $body:block) => {{
        {
            let $format = Nested;
            $body
        }
        {
            let $format = Problem;
            $body
        }
        {
            let $format = Matrix;
            $body
        }
        {
            let $format = Google;
            $body
        }
    }};
}

// ---------------------------------------------------------------------------
// Known variants

proptest! {
    #![proptest_config(config())]

    /// Without a `Retry-After` header, every field comes from the body:
    /// each value comes back exactly.
    #[test]
    fn every_coded_format_gives_back_an_equal_value(err in known()) {
        for_coded_formats!(|format| {
            prop_assert_eq!(&decode_in(format, &err, false), &err);
        });
    }

    /// With the header the renderer sends (whole seconds, rounded up), the
    /// body's exact member still wins: every value comes back exactly.
    #[test]
    fn with_the_retry_after_header_every_coded_format_gives_back_an_equal_value(err in known()) {
        if let Rt::RateLimited { retry_after_ms } = err {
            let response = err.to_response_as(Nested);
            prop_assert_eq!(
                response.headers()[header::RETRY_AFTER].to_str().unwrap(),
                retry_after_ms.div_ceil(1000).to_string()
            );
        }
        for_coded_formats!(|format| {
            prop_assert_eq!(&decode_in(format, &err, true), &err);
        });
    }

    /// `detail` bodies carry no code: a variant is found by its status and
    /// its fixed message. `Gone` (fixed message, no field) comes back equal;
    /// `RateLimited` comes back from its header alone, and without it the
    /// body lacks its member, so it is kept whole as `other`; `Nickname`
    /// matches but its fields are not in the body, so it is `other` too; a
    /// message with a placeholder or a status chosen at run time has
    /// nothing to match, so the body is kept as `other`. (A type whose own
    /// format is `detail` is refused such variants at compile time.)
    #[test]
    fn detail_finds_a_variant_by_status_and_fixed_message(err in known()) {
        let response = err.to_response_as(Detail);
        let decoded = decode_response(Detail, &response);
        let mut headless = response.clone();
        headless.headers_mut().remove(header::RETRY_AFTER);
        let without_header = decode_response(Detail, &headless);
        match &err {
            Rt::Gone => {
                prop_assert_eq!(decoded.unwrap(), Rt::Gone);
            }
            Rt::RateLimited { .. } => {
                prop_assert_eq!(decoded.unwrap(), through_header(&err));
                let kept = without_header.unwrap();
                prop_assert_eq!(kept.code(), "");
                prop_assert_eq!(kept.unknown().and_then(Unknown::json), Some(std::str::from_utf8(response.body()).unwrap()));
            }
            Rt::Nickname { .. } => {
                let kept = decoded.unwrap();
                prop_assert_eq!(kept.unknown().and_then(Unknown::json), Some(std::str::from_utf8(response.body()).unwrap()));
            }
            // Its message is fixed (the reason phrase) but not matched:
            // see `detail_finds_a_variant_whose_message_is_the_reason_phrase`.
            Rt::Teapot => {
                prop_assert!(decoded.is_ok());
            }
            Rt::Profile { .. } | Rt::Conflict { .. } | Rt::Unrecognized { .. } => {
                let expected = Rt::Other(Unknown::new(
                    None,
                    Some(err.message().to_string()),
                    err.status(),
                    Map::new(),
                ));
                prop_assert_eq!(decoded.unwrap(), expected);
            }
            Rt::Other(_) => unreachable!("not generated"),
        }
    }

    /// A variant's decoded value renders the same response again, in
    /// every format that carries a code (the retry delay's body member
    /// aside, which comes back rounded up to the second).
    #[test]
    fn a_decoded_value_renders_the_same_body(err in known()) {
        for_coded_formats!(|format| {
            let response = err.to_response_as(format);
            let again = decode_in(format, &err, true).to_response_as(format);
            if !matches!(err, Rt::RateLimited { .. }) {
                prop_assert_eq!(body_json(&again), body_json(&response));
            }
            prop_assert_eq!(again.status(), response.status());
            prop_assert_eq!(
                again.headers().get(header::RETRY_AFTER),
                response.headers().get(header::RETRY_AFTER)
            );
        });
    }
}

#[test]
fn extremes_come_back_equal() {
    let errors = [
        Rt::Profile {
            name: "\"\\\u{0}\u{1f}\u{7f}\u{2028}{}{{x}}".to_owned(),
            id: u64::MAX,
            offset: i64::MIN,
            active: false,
        },
        Rt::Profile {
            name: "123".to_owned(),
            id: 0,
            offset: i64::MAX,
            active: true,
        },
        Rt::Nickname {
            nickname: Some("null".to_owned()),
            shards: vec![0, u32::MAX],
            ratio: f64::MAX,
        },
        Rt::Nickname {
            nickname: None,
            shards: Vec::new(),
            ratio: -0.0,
        },
        Rt::Conflict {
            reason: String::new(),
        },
        Rt::Conflict {
            reason: "x".repeat(64 * 1024),
        },
        Rt::Unrecognized {
            status: StatusCode::from_u16(599).unwrap(),
        },
        Rt::RateLimited {
            retry_after_ms: u64::MAX,
        },
        Rt::Gone,
        Rt::Teapot,
    ];
    for err in &errors {
        assert_eq!(&decode_in(Nested, err, false), err);
        assert_eq!(&decode_in(Problem, err, false), err);
        assert_eq!(&decode_in(Matrix, err, false), err);
        assert_eq!(&decode_in(Google, err, false), err);
    }
}

proptest! {
    #![proptest_config(config())]

    /// `serde_json`'s default float parser (without its `float_roundtrip`
    /// feature) is not always correctly rounded: the shortest text of some
    /// floats reads back 1 ULP off, so a float field does not always come
    /// back exactly. The other properties use floats it reads back.
    #[test]
    fn floats_come_back_exactly(ratio in any_finite()) {
        let err = Rt::Nickname { nickname: None, shards: Vec::new(), ratio };
        for_coded_formats!(|format| {
            prop_assert_eq!(&decode_in(format, &err, false), &err);
        });
    }
}

#[test]
fn a_float_comes_back_exactly() {
    let err = Rt::Nickname {
        nickname: None,
        shards: Vec::new(),
        ratio: 1.061_745_968_674_830_7e71,
    };
    let body = err.to_response().into_body();
    assert!(String::from_utf8_lossy(&body).contains(r#""ratio":1.0617459686748307e+71"#));
    // Comes back as 1.0617459686748308e71.
    assert_eq!(decode_in(Nested, &err, false), err);
}

#[test]
fn google_metadata_is_text_and_typed_fields_are_read_from_it() {
    let err = Rt::Nickname {
        nickname: Some("[1]".to_owned()),
        shards: vec![1, 2],
        ratio: 0.5,
    };
    let body = body_json(&err.to_response_as(Google));
    let metadata = &body["error"]["details"][0]["metadata"];
    assert_eq!(metadata["nickname"], "[1]");
    assert_eq!(metadata["shards"], "[1,2]");
    assert_eq!(metadata["ratio"], "0.5");
    assert_eq!(decode_in(Google, &err, false), err);
}

#[test]
fn retry_after_rounds_up_to_whole_seconds_through_the_header() {
    for (sent, back) in [
        (0, 0),
        (1, 1000),
        (999, 1000),
        (1000, 1000),
        (1001, 2000),
        (u64::MAX, u64::MAX),
    ] {
        let err = Rt::RateLimited {
            retry_after_ms: sent,
        };
        let response = err.to_response();
        let bare = br#"{"error":{"code":42901,"message":"Slow down."}}"#;
        assert_eq!(
            Rt::from_parts(response.status(), response.headers(), bare).unwrap(),
            Rt::RateLimited {
                retry_after_ms: back
            },
            "{sent} ms"
        );
        assert_eq!(decode_in(Nested, &err, true), err, "{sent} ms");
        assert_eq!(decode_in(Nested, &err, false), err, "{sent} ms");
    }
}

/// A variant without `message` has a fixed message too, its status's
/// reason phrase, but only an explicit `message` is matched in `detail`
/// bodies.
#[test]
fn detail_finds_a_variant_whose_message_is_the_reason_phrase() {
    let response = Rt::Teapot.to_response_as(Detail);
    assert_eq!(response.body().as_slice(), br#"{"detail":"I'm a teapot"}"#);
    assert_eq!(decode_response(Detail, &response).unwrap(), Rt::Teapot);
}

// ---------------------------------------------------------------------------
// Fields of a type that reads a string as itself

/// A field whose type accepts any JSON, strings included.
#[derive(Debug, PartialEq, Clone, ApiError)]
#[api(parse)]
enum Loose {
    #[api(code = "loose", status = 400, message = "Loose.")]
    Loose {
        #[api(field)]
        extra: Value,
    },
}

fn loose_in<F: Format + Copy>(format: F, extra: &Value) -> Value {
    let response = Loose::Loose {
        extra: extra.clone(),
    }
    .to_response_as(format);
    let decoded = Loose::from_parts_as(
        format,
        response.status(),
        response.headers(),
        response.body(),
    )
    .unwrap_or_else(|e| panic!("{} {e:?}", F::NAME));
    let Loose::Loose { extra } = decoded;
    extra
}

proptest! {
    #![proptest_config(config())]

    /// Any JSON value comes back from the JSON formats. Google's metadata
    /// holds strings: a value is sent as its JSON text, and the decoder
    /// reads a member as it is before it tries its text; a type that
    /// accepts a string (here `serde_json::Value`) takes the string, so
    /// only `null` (left out) and strings come back as they were.
    #[test]
    fn a_json_field_comes_back_except_through_google_metadata(extra in json()) {
        prop_assert_eq!(&loose_in(Nested, &extra), &extra);
        prop_assert_eq!(&loose_in(Problem, &extra), &extra);
        prop_assert_eq!(&loose_in(Matrix, &extra), &extra);
        let through_google = match &extra {
            Value::Null | Value::String(_) => extra.clone(),
            other => Value::String(other.to_string()),
        };
        prop_assert_eq!(loose_in(Google, &extra), through_google);
    }
}

#[test]
fn google_metadata_cannot_tell_a_number_from_its_text() {
    assert_eq!(loose_in(Google, &Value::from(5)), Value::from("5"));
    assert_eq!(loose_in(Google, &Value::from("5")), Value::from("5"));
    assert_eq!(loose_in(Google, &Value::Bool(true)), Value::from("true"));
    assert_eq!(loose_in(Nested, &Value::from(5)), Value::from(5));
}

// ---------------------------------------------------------------------------
// Unknown codes

fn unknown_members(strings_only: bool) -> impl Strategy<Value = Map<String, Value>> {
    let value = if strings_only {
        text().prop_map(Value::String).boxed()
    } else {
        json().boxed()
    };
    proptest::collection::btree_map(member_name(), value, 0..6)
        .prop_map(|map| map.into_iter().collect())
}

fn unknown(strings_only: bool) -> impl Strategy<Value = Unknown> {
    (
        unknown_code(),
        text(),
        error_status(),
        unknown_members(strings_only),
    )
        .prop_map(|(code, message, status, members)| {
            Unknown::new(Some(code), Some(message), status, members)
        })
}

/// An unknown error decodes into `other`, equal, and renders the same body.
fn unknown_round_trip<F: Format + Copy>(format: F, unknown: &Unknown) -> Result<(), TestCaseError> {
    let err = Rt::Other(unknown.clone());
    let response = err.to_response_as(format);
    let decoded = decode_response(format, &response).unwrap_or_else(|e| panic!("{e:?}"));
    prop_assert_eq!(&decoded, &err);
    let again = decoded.to_response_as(format);
    prop_assert_eq!(body_json(&again), body_json(&response));
    prop_assert_eq!(again.status(), response.status());
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn unknown_codes_come_back_as_other(unknown in unknown(false)) {
        unknown_round_trip(Nested, &unknown)?;
        unknown_round_trip(Problem, &unknown)?;
        unknown_round_trip(Matrix, &unknown)?;
    }

    /// Google's metadata values are strings, so only string members are
    /// kept as they were.
    #[test]
    fn unknown_codes_come_back_as_other_through_google(unknown in unknown(true)) {
        unknown_round_trip(Google, &unknown)?;
    }

    /// A body written by someone else, with a code this client does not
    /// know, renders back to the same JSON value.
    #[test]
    fn a_foreign_nested_body_renders_back_the_same(
        code in unknown_code(),
        message in text(),
        status in error_status(),
        members in unknown_members(false),
    ) {
        let mut error = Map::new();
        error.insert("code".to_owned(), match &code {
            RawCode::Str(s) => Value::from(&**s),
            RawCode::Int(i) => Value::from(*i),
        });
        error.insert("message".to_owned(), Value::String(message));
        error.extend(members);
        let body = Value::Object(Map::from_iter([("error".to_owned(), Value::Object(error))]));
        let bytes = serde_json::to_vec(&body).unwrap();
        let err = Rt::from_parts(status, &HeaderMap::new(), &bytes).unwrap();
        prop_assert!(matches!(&err, Rt::Other(_)), "{:?}", err);
        prop_assert_eq!(body_json(&err.to_response()), body);
    }
}

// ---------------------------------------------------------------------------
// Broken input

/// The same error type without an `other` variant: unknown codes fail.
#[derive(Debug, PartialEq, ApiError)]
#[api(parse)]
enum Strict {
    #[api(
        code = "rt:profile",
        status = 422,
        message = "Profile {name} is invalid."
    )]
    Profile {
        #[api(field)]
        name: String,
        #[api(field)]
        id: u64,
    },
    #[api(code = 42901, status = 429, message = "Slow down.")]
    RateLimited {
        #[api(field, retry_after = "ms")]
        retry_after_ms: u64,
    },
    #[api(code = "rt:gone", status = 410, message = "Gone for good.")]
    Gone,
}

/// Decodes `body` as `T` in `format`: whatever the outcome, no panic; a
/// failure keeps the status and the body (its first `KEPT_BODY` bytes); a
/// success renders.
fn survives<T: Parse, F: Format + Copy>(
    format: F,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), TestCaseError> {
    match T::from_parts_as(format, status, headers, body) {
        Ok(value) => {
            let _ = value.to_response_as(format);
        }
        Err(err) => {
            prop_assert_eq!(err.body(), &body[..body.len().min(KEPT_BODY)]);
            prop_assert_eq!(err.body_len(), body.len());
            prop_assert_eq!(err.status(), status);
            let _ = err.to_string();
            let _ = format!("{err:?}");
        }
    }
    Ok(())
}

fn survives_everywhere(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), TestCaseError> {
    survives::<Rt, _>(Nested, status, headers, body)?;
    survives::<Rt, _>(Problem, status, headers, body)?;
    survives::<Rt, _>(Matrix, status, headers, body)?;
    survives::<Rt, _>(Detail, status, headers, body)?;
    survives::<Rt, _>(Google, status, headers, body)?;
    survives::<Strict, _>(Nested, status, headers, body)?;
    survives::<Strict, _>(Problem, status, headers, body)?;
    survives::<Strict, _>(Matrix, status, headers, body)?;
    survives::<Strict, _>(Detail, status, headers, body)?;
    survives::<Strict, _>(Google, status, headers, body)?;
    Ok(())
}

fn any_status() -> impl Strategy<Value = StatusCode> {
    (100u16..=999).prop_map(|s| StatusCode::from_u16(s).unwrap())
}

/// A change to a valid body.
#[derive(Clone, Debug)]
enum Mutation {
    Truncate(Index),
    Flip(Index, u8),
    Remove(Index, Index),
    Splice(Index, Vec<u8>),
}

/// Bytes that break JSON in interesting ways, or make it look like a body.
const FRAGMENTS: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b",",
    b":",
    b"\\",
    b"\\u",
    b"\\ud800",
    b"null",
    b"true",
    b"-",
    b"1e999999",
    b"18446744073709551616",
    b"-9223372036854775809",
    b"0.000000000000000000000000000001e-400",
    b"\xff\xfe",
    b"\xc3",
    b"\xed\xa0\x80",
    b"{\"error\":",
    b"\"code\":",
    b"\"errcode\":",
    b"\"detail\":",
    b"\"metadata\":",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    let fragment = prop_oneof![
        proptest::sample::select(FRAGMENTS).prop_map(<[u8]>::to_vec),
        proptest::collection::vec(any::<u8>(), 1..16),
    ];
    prop_oneof![
        any::<Index>().prop_map(Mutation::Truncate),
        (any::<Index>(), 1..=u8::MAX).prop_map(|(i, mask)| Mutation::Flip(i, mask)),
        (any::<Index>(), any::<Index>()).prop_map(|(i, n)| Mutation::Remove(i, n)),
        (any::<Index>(), fragment).prop_map(|(i, bytes)| Mutation::Splice(i, bytes)),
    ]
}

fn mutate(mut body: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for mutation in mutations {
        if body.is_empty() {
            break;
        }
        match mutation {
            Mutation::Truncate(at) => body.truncate(at.index(body.len())),
            Mutation::Flip(at, mask) => {
                let at = at.index(body.len());
                body[at] ^= mask;
            }
            Mutation::Remove(at, len) => {
                let at = at.index(body.len());
                let len = len.index(body.len() - at + 1).min(16);
                body.drain(at..at + len);
            }
            Mutation::Splice(at, bytes) => {
                let at = at.index(body.len() + 1);
                body.splice(at..at, bytes.iter().copied());
            }
        }
    }
    body
}

/// A `Retry-After` value: a number, an HTTP-date with any fields (its
/// year up to `max_year`), or any visible text.
fn retry_after_value(max_year: u64) -> impl Strategy<Value = String> {
    let day = prop_oneof![0u64..=32, any::<u64>()];
    let year = prop_oneof![1970u64..=2200, 0..=max_year, Just(max_year)];
    let month = proptest::sample::select(
        &[
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            "Foo",
        ][..],
    );
    let clock = (0u64..=61, 0u64..=61, 0u64..=61);
    let date = (day, month, year, clock).prop_map(|(day, month, year, (h, m, s))| {
        format!("Sun, {day:02} {month} {year} {h:02}:{m:02}:{s:02} GMT")
    });
    prop_oneof![
        unsigned().prop_map(|n| n.to_string()),
        "[0-9]{1,40}",
        date,
        "[ -~]{0,40}",
    ]
}

/// A response's headers with `Retry-After` set to `value` (when it is a
/// valid header value).
fn with_retry_after(value: Option<&str>) -> HeaderMap {
    let mut headers = HeaderMap::new();
    if let Some(value) = value.and_then(|v| HeaderValue::from_str(v).ok()) {
        headers.insert(header::RETRY_AFTER, value);
    }
    headers
}

/// The JSON pointer of every value in `value`, itself included.
fn pointers(value: &Value, at: String) -> Vec<String> {
    let children: Vec<String> = match value {
        Value::Object(map) => map
            .iter()
            .flat_map(|(key, child)| {
                let key = key.replace('~', "~0").replace('/', "~1");
                pointers(child, format!("{at}/{key}"))
            })
            .collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .flat_map(|(i, child)| pointers(child, format!("{at}/{i}")))
            .collect(),
        _ => Vec::new(),
    };
    let mut all = vec![at];
    all.extend(children);
    all
}

fn render(err: &Rt, format: usize) -> Vec<u8> {
    match format {
        0 => err.to_response_as(Nested),
        1 => err.to_response_as(Problem),
        2 => err.to_response_as(Matrix),
        3 => err.to_response_as(Detail),
        _ => err.to_response_as(Google),
    }
    .into_body()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(
        body in prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..512),
            any::<String>().prop_map(String::into_bytes),
        ],
        status in any_status(),
    ) {
        survives_everywhere(status, &HeaderMap::new(), &body)?;
    }

    #[test]
    fn mutated_bodies_never_panic(
        err in known(),
        format in 0usize..5,
        mutations in proptest::collection::vec(mutation(), 1..5),
        status in any_status(),
    ) {
        let body = mutate(render(&err, format), &mutations);
        survives_everywhere(status, &HeaderMap::new(), &body)?;
    }

    /// A valid body with one of its values (the code, the message, a
    /// member, Google's `details` or `metadata`, …) replaced by any JSON.
    #[test]
    fn a_body_with_a_value_of_the_wrong_type_never_panics(
        err in known(),
        format in 0usize..5,
        at in any::<Index>(),
        value in json(),
        status in any_status(),
    ) {
        let mut body: Value = serde_json::from_slice(&render(&err, format)).unwrap();
        let paths = pointers(&body, String::new());
        *body.pointer_mut(&paths[at.index(paths.len())]).unwrap() = value;
        let bytes = serde_json::to_vec(&body).unwrap();
        survives_everywhere(status, &HeaderMap::new(), &bytes)?;
    }

    /// Arbitrary JSON of any shape, in place of a body.
    #[test]
    fn any_json_never_panics(value in json(), status in any_status()) {
        let body = serde_json::to_vec(&value).unwrap();
        survives_everywhere(status, &HeaderMap::new(), &body)?;
    }
}

/// The header part of the decoder's input: any `Retry-After` value must not
/// panic either.
fn any_retry_after_never_panics(value: &str) -> Result<(), TestCaseError> {
    let headers = with_retry_after(Some(value));
    let body = Rt::RateLimited { retry_after_ms: 1 }
        .to_response()
        .into_body();
    survives_everywhere(StatusCode::TOO_MANY_REQUESTS, &headers, &body)
}

proptest! {
    #![proptest_config(config())]

    /// Any Retry-After value, HTTP-dates of any year included (a year past
    /// 9999 is not an HTTP-date and is ignored, never an overflow).
    #[test]
    fn retry_after_dates_of_any_year_never_panic(value in retry_after_value(u64::MAX)) {
        any_retry_after_never_panics(&value)?;
    }
}

#[test]
fn a_retry_after_date_with_a_huge_year_does_not_panic() {
    let body = Rt::RateLimited { retry_after_ms: 1 }
        .to_response()
        .into_body();
    for date in [
        // The smallest found: `days * 86_400` overflows.
        "Sun, 01 Jan 584554051224 00:00:00 GMT",
        // `era * 146_097` overflows.
        "Sun, 01 Jan 18446744073709551615 00:00:00 GMT",
    ] {
        let headers = with_retry_after(Some(date));
        let decoded = std::panic::catch_unwind(|| {
            Rt::from_parts(StatusCode::TOO_MANY_REQUESTS, &headers, &body)
        });
        assert!(decoded.is_ok(), "{date} panics the decoder");
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for open in [&b"["[..], b"{\"a\":", b"{\"error\":"] {
        let body = open.repeat(100_000);
        // With `other`, the body is kept as text: it is not JSON.
        let err = Rt::from_parts(StatusCode::BAD_GATEWAY, &HeaderMap::new(), &body).unwrap();
        let kept = err.unknown().expect("other");
        assert_eq!(kept.json(), None);
        assert_eq!(kept.text().map(str::as_bytes), Some(body.as_slice()));
        let err =
            Strict::from_parts(StatusCode::BAD_GATEWAY, &HeaderMap::new(), &body).unwrap_err();
        // A top-level array is refused as the wrong shape before any
        // nesting is read; an object is read until the input ends.
        assert!(
            matches!(
                err.kind(),
                DecodeErrorKind::NotJson { .. } | DecodeErrorKind::Shape { .. }
            ),
            "{err}"
        );
        // The start of the body is kept, not a copy of all of it.
        assert_eq!(err.body(), &body[..KEPT_BODY]);
        assert_eq!(err.body_len(), body.len());
    }
}

#[test]
fn a_retry_after_header_of_any_size_is_a_delay() {
    let body = br#"{"error":{"code":42901,"message":"Slow down."}}"#;
    let headers = with_retry_after(Some("99999999999999999999999999999"));
    let err = Rt::from_parts(StatusCode::TOO_MANY_REQUESTS, &headers, body).unwrap();
    assert_eq!(
        err,
        Rt::RateLimited {
            retry_after_ms: u64::MAX
        }
    );
    assert_eq!(err.retry_after(), Some(Duration::from_millis(u64::MAX)));
}
