//! Public messages: templates, escapes, format specs, the default reason
//! phrase, and the agreement between `message()` and the body.

use errbook::ApiError;
use errbook::http::StatusCode;
use serde_json::Value;

#[derive(Debug, ApiError)]
#[api(status = 400)]
enum Msg {
    #[api(message = "User {id} not found.")]
    Named { id: u64 },
    #[api(message = "{0} is not a valid {1}.")]
    Positional(String, &'static str),
    #[api(message = "Use {{braces}} for {what}, or }} and {{ alone.")]
    Escaped { what: &'static str },
    #[api(message = "Used {used:.1} of {limit} MB ({ratio:>5.1}%).")]
    Spec { used: f64, limit: u32, ratio: f64 },
    #[api(message = "{id:04} / {id:x} / {id}")]
    SameFieldTwice { id: u32 },
    #[api(message = "Benutzer „{name}“ nicht gefunden — 🚫 ユーザー")]
    Unicode { name: String },
    #[api(message = "{a}{b}")]
    Adjacent { a: char, b: char },
    #[api(message = "{{{id}}}")]
    Braced { id: u8 },
    #[api(message = "Static message, {{no}} fields.")]
    Static,
    #[api(message = "")]
    Empty,
    #[api(message = "Quote {text} here.")]
    NeedsEscaping { text: String },
}

/// No `message`: the status's canonical reason phrase.
#[derive(Debug, ApiError)]
enum Reasons {
    #[api(status = 404)]
    NotFound,
    #[api(status = 429)]
    TooMany,
    #[api(status = 418)]
    Teapot,
    #[api(status = 503)]
    Unavailable,
    #[api(status = 422)]
    Unprocessable { _id: u64 },
    #[api(code = "DYNAMIC")]
    Dynamic {
        #[api(status)]
        status: StatusCode,
    },
}

fn message(err: &impl ApiError) -> String {
    err.message().to_string()
}

fn body_message(err: &impl ApiError) -> Value {
    let body: Value = serde_json::from_slice(err.to_response().body()).unwrap();
    body["error"]["message"].clone()
}

#[test]
fn named_placeholder() {
    assert_eq!(message(&Msg::Named { id: 42 }), "User 42 not found.");
}

#[test]
fn positional_placeholders() {
    assert_eq!(
        message(&Msg::Positional("abc".into(), "UUID")),
        "abc is not a valid UUID."
    );
}

#[test]
fn doubled_braces_are_literal() {
    assert_eq!(
        message(&Msg::Escaped { what: "templates" }),
        "Use {braces} for templates, or } and { alone."
    );
    assert_eq!(message(&Msg::Static), "Static message, {no} fields.");
    assert_eq!(message(&Msg::Braced { id: 7 }), "{7}");
}

#[test]
fn format_specs_apply_to_their_field() {
    let err = Msg::Spec {
        used: 12.345,
        limit: 100,
        ratio: 12.345,
    };
    assert_eq!(message(&err), "Used 12.3 of 100 MB ( 12.3%).");
}

#[test]
fn one_field_several_times_with_different_specs() {
    assert_eq!(message(&Msg::SameFieldTwice { id: 255 }), "0255 / ff / 255");
}

#[test]
fn unicode_text_and_values() {
    let err = Msg::Unicode {
        name: "Zoë 🦀".into(),
    };
    let expected = "Benutzer „Zoë 🦀“ nicht gefunden — 🚫 ユーザー";
    assert_eq!(message(&err), expected);
    assert_eq!(body_message(&err), expected);
    // The body is UTF-8 JSON, not \u escapes.
    let body = String::from_utf8(err.to_response().into_body()).unwrap();
    assert!(body.contains(expected), "{body}");
}

#[test]
fn adjacent_placeholders() {
    assert_eq!(message(&Msg::Adjacent { a: 'o', b: 'k' }), "ok");
}

#[test]
fn empty_message_is_empty_not_the_reason() {
    assert_eq!(message(&Msg::Empty), "");
    assert_eq!(body_message(&Msg::Empty), "");
}

#[test]
fn interpolated_values_are_json_escaped_in_the_body() {
    let text = "a \"quoted\" \\ back\nslash\t</script>\u{0}";
    let err = Msg::NeedsEscaping { text: text.into() };
    let expected = format!("Quote {text} here.");
    assert_eq!(message(&err), expected);
    assert_eq!(body_message(&err), expected.as_str());
}

#[test]
fn no_message_is_the_canonical_reason() {
    assert_eq!(message(&Reasons::NotFound), "Not Found");
    assert_eq!(message(&Reasons::TooMany), "Too Many Requests");
    assert_eq!(message(&Reasons::Teapot), "I'm a teapot");
    assert_eq!(message(&Reasons::Unavailable), "Service Unavailable");
    assert_eq!(
        message(&Reasons::Unprocessable { _id: 1 }),
        "Unprocessable Entity"
    );
    assert_eq!(body_message(&Reasons::TooMany), "Too Many Requests");
}

#[test]
fn no_message_with_run_time_status_is_that_status_reason() {
    let conflict = Reasons::Dynamic {
        status: StatusCode::CONFLICT,
    };
    assert_eq!(message(&conflict), "Conflict");
    let gone = Reasons::Dynamic {
        status: StatusCode::GONE,
    };
    assert_eq!(message(&gone), "Gone");
    assert_eq!(gone.to_response().status(), StatusCode::GONE);
}

#[test]
fn message_is_what_the_body_carries() {
    fn agree(err: &impl ApiError) {
        assert_eq!(body_message(err), message(err).as_str(), "{err:?}");
    }
    agree(&Msg::Named { id: 7 });
    agree(&Msg::Positional("x".into(), "y"));
    agree(&Msg::Escaped { what: "w" });
    agree(&Msg::Spec {
        used: 1.25,
        limit: 2,
        ratio: 62.5,
    });
    agree(&Msg::SameFieldTwice { id: 10 });
    agree(&Msg::Static);
    agree(&Reasons::Teapot);
    agree(&Reasons::Dynamic {
        status: StatusCode::BAD_GATEWAY,
    });
}

#[test]
fn message_serializes_as_a_string() {
    let err = Msg::Named { id: 3 };
    assert_eq!(
        serde_json::to_string(&err.message()).unwrap(),
        r#""User 3 not found.""#
    );
}

#[test]
fn message_debug_shows_the_rendered_text() {
    // The rendered text, not the error's own `Debug` (variant and field
    // names), which a log line of the message must not leak.
    let err = Msg::Named { id: 3 };
    let debug = format!("{:?}", err.message());
    assert!(debug.starts_with("Message("), "{debug}");
    assert!(debug.contains("User 3 not found."), "{debug}");
    assert!(!debug.contains("Named"), "{debug}");
    assert!(!debug.contains("id:"), "{debug}");
}

#[test]
fn message_display_composes_with_other_text() {
    let err = Msg::Named { id: 9 };
    assert_eq!(
        format!("{}: {}", err.code(), err.message()),
        "NAMED: User 9 not found."
    );
}

#[test]
fn outer_format_flags_do_not_reach_interpolated_fields() {
    // Formatting the message with flags either pads/truncates the whole
    // message (like `str`) or ignores them (like most `Display` impls); it
    // never reformats just the interpolated values.
    let err = Msg::Named { id: 7 };
    let plain = "User 7 not found.";
    let cases = [
        (format!("{:+}", err.message()), plain.to_owned()),
        (format!("{:08}", err.message()), format!("{plain:08}")),
        (format!("{:>25}", err.message()), format!("{plain:>25}")),
    ];
    for (got, whole) in cases {
        assert!(got == plain || got == whole, "{got:?}");
    }
    let err = Msg::Unicode {
        name: "Alexander".into(),
    };
    let got = format!("{:.3}", err.message());
    assert!(
        !got.contains("„Ale“"),
        "precision truncated the field only: {got:?}"
    );
}
