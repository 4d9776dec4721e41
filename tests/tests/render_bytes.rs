//! The built-in formats' direct writers (`Format::write_json`) make the
//! same bytes as the serde path (`serde_json::to_vec` of the envelope), for
//! every format, in every context, and so does `to_response`.

use std::fmt;

use errbook::format::{Detail, ExtraMembers, Google, Matrix, Nested, Problem};
use errbook::http::StatusCode;
use errbook::request::RequestContext;
use errbook::{ApiError, Context, Format, Unknown};
use proptest::prelude::*;
use serde::ser::{SerializeMap, Serializer};

/// Every context a body can be rendered in: production or development,
/// with a request id or not (one that needs escaping, too).
fn contexts() -> [Context<'static>; 6] {
    [
        Context::production(),
        Context::development(),
        Context::production().with_instance("req-7f3a"),
        Context::development().with_instance("req-7f3a"),
        Context::production().with_instance("a \"quoted\"\n\\ id é"),
        Context::development().with_instance("\u{1}\u{7f}"),
    ]
}

/// `error` rendered by `format` directly and through serde, under `context`:
/// the same bytes, or an error from both.
fn same_in<E: ApiError + ?Sized, F: Format>(error: &E, format: F, context: Context<'_>) {
    let mut fast = Vec::new();
    let direct = format.write_json(error, &context, &mut fast);
    let serde = serde_json::to_vec(&Envelope(error, &format, context));
    match (direct, serde) {
        (Ok(()), Ok(serde)) => assert_eq!(
            String::from_utf8(fast).unwrap(),
            String::from_utf8(serde).unwrap(),
            "{} of {error:?} in {context:?}",
            F::NAME,
        ),
        (Err(_), Err(_)) => {}
        (direct, serde) => panic!(
            "{} of {error:?} in {context:?}: direct {direct:?}, serde {:?}",
            F::NAME,
            serde.map(String::from_utf8),
        ),
    }
    // Appending to a buffer that already holds something leaves it alone.
    let mut after = b"prefix".to_vec();
    if format.write_json(error, &context, &mut after).is_ok() {
        assert!(after.starts_with(b"prefix"));
    }
}

/// The serde path, spelled out so that it also works for an unsized error.
struct Envelope<'a, E: ?Sized, F>(&'a E, &'a F, Context<'a>);

impl<E: ApiError + ?Sized, F: Format> serde::Serialize for Envelope<'_, E, F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.1.serialize(self.0, &self.2, serializer)
    }
}

/// `error` in every built-in format and a user format, in every context;
/// and `to_response` in each, inside a request scope, against the serde
/// path.
fn same<E: ApiError>(error: &E) {
    for context in contexts() {
        same_in(error, Nested, context);
        same_in(error, Problem, context);
        same_in(error, Matrix, context);
        same_in(error, Detail, context);
        same_in(error, Google, context);
        same_in(error, Flat, context);
        // A format by reference forwards to the format.
        #[allow(clippy::needless_borrows_for_generic_args)]
        same_in(error, &Problem, context);
        same_in(error, E::Format::default(), context);
        // The `Envelope` method is the format's.
        let mut via_envelope = Vec::new();
        let mut via_format = Vec::new();
        let a = error
            .envelope_as(Google)
            .with_context(context)
            .write_json(&mut via_envelope);
        let b = Google.write_json(error, &context, &mut via_format);
        assert_eq!(a.is_ok(), b.is_ok());
        assert_eq!(via_envelope, via_format);
    }
    for (id, development) in [(None, false), (Some("req-1"), false), (Some("r\"2"), true)] {
        let mut scope = RequestContext::new().with_development(development);
        if let Some(id) = id {
            scope = scope.with_id(id);
        }
        let mut context = if development {
            Context::development()
        } else {
            Context::production()
        };
        if let Some(id) = id {
            context = context.with_instance(id);
        }
        let responses = scope.run(|| {
            [
                error.to_response_as(Nested),
                error.to_response_as(Problem),
                error.to_response_as(Matrix),
                error.to_response_as(Detail),
                error.to_response_as(Google),
                error.to_response(),
            ]
        });
        let expected = [
            serde_json::to_vec(&error.envelope_as(Nested).with_context(context)),
            serde_json::to_vec(&error.envelope_as(Problem).with_context(context)),
            serde_json::to_vec(&error.envelope_as(Matrix).with_context(context)),
            serde_json::to_vec(&error.envelope_as(Detail).with_context(context)),
            serde_json::to_vec(&error.envelope_as(Google).with_context(context)),
            serde_json::to_vec(&error.envelope().with_context(context)),
        ];
        for (response, expected) in responses.iter().zip(expected) {
            // A body the serde path cannot render is covered by the fallback
            // tests below.
            if let Ok(expected) = expected {
                assert_eq!(
                    String::from_utf8_lossy(response.body()),
                    String::from_utf8_lossy(&expected),
                    "{error:?}"
                );
                assert_eq!(response.status(), error.status());
            }
        }
    }
}

/// A user format, which keeps the default `write_json`.
#[derive(Clone, Copy, Debug, Default)]
struct Flat;

impl Format for Flat {
    const RESERVED: &'static [&'static str] = &["status", "error_code", "message"];

    fn serialize<E, S>(
        &self,
        error: &E,
        context: &Context<'_>,
        serializer: S,
    ) -> Result<S::Ok, S::Error>
    where
        E: ApiError + ?Sized,
        S: Serializer,
    {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("status", "error")?;
        map.serialize_entry("error_code", &error.code())?;
        map.serialize_entry("message", &error.message())?;
        ExtraMembers::new(error, Self::RESERVED).write(&mut map)?;
        context.write_instance(error, "request_id", &mut map)?;
        context.write_details(error, &mut map)?;
        map.end()
    }
}

#[derive(Debug)]
struct Io(&'static str);

impl fmt::Display for Io {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for Io {}

#[derive(Debug, serde::Serialize)]
struct Quota {
    zeta: u32,
    alpha: f32,
    name: &'static str,
}

#[derive(Debug, serde::Serialize)]
enum Plan {
    Free,
    Team { seats: u8 },
}

/// A `Display` that fails.
#[derive(Debug)]
struct Broken;

impl fmt::Display for Broken {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        Err(fmt::Error)
    }
}

/// A `Serialize` that fails.
#[derive(Debug)]
struct Unserializable;

impl serde::Serialize for Unserializable {
    fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("no"))
    }
}

/// Static and templated messages, escapes, fields of many types.
#[derive(Debug, ApiError)]
#[api(prefix = "chat:", rename_all = "snake_case")]
#[api(
    docs = "https://example.com/errors/{code}?q=\"x\"",
    domain = "chat.example.com"
)]
enum ChatError {
    /// No permission.
    #[api(
        code = "FORBIDDEN",
        status = 403,
        message = "You do not have permission."
    )]
    Forbidden {
        #[api(field)]
        missing_permission: String,
    },
    #[api(
        status = 404,
        title = "Not \"found\"",
        message = "User {id} not found in {space} ({id})."
    )]
    UserNotFound {
        #[api(field)]
        id: u64,
        space: String,
    },
    #[api(
        status = 400,
        message = "Say \"hi\" \\ back\nslash\ttab\r\u{8}\u{c}\u{1}\u{1f}\u{7f} é 日本 🎉 {{braces}}"
    )]
    Escapes,
    #[api(status = 422, message = "{text}")]
    Only { text: String },
    #[api(status = 422, message = "Used {used:.1} of {limit:>5}, {name}.")]
    Specs { used: f64, limit: u32, name: String },
    #[api(status = 409)]
    NoMessage,
    #[api(code = "RATE_LIMITED", status = 429, message = "Slow down.")]
    RateLimited {
        #[api(field, retry_after = "ms")]
        retry_after_ms: u64,
    },
    #[api(status = 400, message = "Many members.")]
    Members {
        #[api(field)]
        text: &'static str,
        #[api(field)]
        negative: i64,
        #[api(field)]
        float: f64,
        #[api(field)]
        small: f32,
        #[api(field)]
        not_a_number: f64,
        #[api(field)]
        flag: bool,
        #[api(field)]
        nothing: Option<u32>,
        #[api(field)]
        some: Option<i32>,
        #[api(field)]
        list: Vec<u16>,
        #[api(field)]
        quota: Quota,
        #[api(field)]
        plan: Plan,
        #[api(field)]
        free: Plan,
        #[api(field)]
        letter: char,
        #[api(field)]
        huge: u128,
        #[api(field)]
        big: u64,
        #[api(field = "we\"ird\nname")]
        weird: &'static str,
    },
    #[api(status = 500, message = "Storage error.")]
    Storage(#[api(source)] Io),
    #[api(status = 500, message = "Broken {0}.")]
    BrokenDisplay(Broken),
    #[api(status = 500, message = "Broken field.")]
    BrokenField {
        #[api(field)]
        value: Unserializable,
    },
    #[api(status = 500, message = "Broken {0}, and field.")]
    BrokenBoth(Broken, #[api(field = "value")] Unserializable),
}

/// Fields named like other formats' members.
#[derive(Debug, ApiError)]
#[api(format = matrix)]
enum Collide {
    #[api(code = "C1", status = 400, message = "Collides.")]
    One {
        #[api(field)]
        code: &'static str,
        #[api(field)]
        message: &'static str,
        #[api(field)]
        title: &'static str,
        #[api(field = "type")]
        kind: &'static str,
        #[api(field)]
        detail: &'static str,
        #[api(field)]
        instance: &'static str,
        #[api(field)]
        request_id: &'static str,
    },
    #[api(code = "C2", status = 400, message = "Only the request id.")]
    Two {
        #[api(field)]
        request_id: u32,
    },
}

#[derive(Debug, ApiError)]
#[api(format = problem)]
enum ProblemCollide {
    #[api(code = 40001, status = 400, message = "Integer code, {errcode}.")]
    Numbered {
        #[api(field)]
        errcode: i32,
        #[api(field)]
        error: &'static str,
    },
    #[api(code = -7, status = 400, message = "Negative.")]
    Negative,
}

/// `status = none`: never over HTTP.
#[derive(Debug, ApiError)]
#[api(parse, status = none, prefix = "FED_", rename_all = "SCREAMING_SNAKE_CASE")]
enum Federation {
    #[api(message = "Federation {peer} is down.")]
    Down { peer: String },
}

/// The status chosen at run time; nesting; an unknown code.
#[derive(Debug, ApiError)]
#[api(parse)]
enum AppError {
    #[api(code = "M_UNRECOGNIZED", message = "Unrecognized request")]
    Unrecognized {
        #[api(status)]
        status: StatusCode,
    },
    #[api(code = "RUNTIME", message = "Run-time status {status}.")]
    Runtime {
        #[api(status)]
        status: StatusCode,
        #[api(field)]
        errcode: u16,
    },
    #[api(transparent)]
    Nested(Federation),
    #[api(other)]
    Other(Unknown),
}

fn chat_errors() -> Vec<ChatError> {
    vec![
        ChatError::Forbidden {
            missing_permission: "manage_messages".into(),
        },
        ChatError::Forbidden {
            missing_permission: "a \"b\" \\ c\n\u{0}\u{1b}é🎉".into(),
        },
        ChatError::UserNotFound {
            id: u64::MAX,
            space: "general \"main\"\n".into(),
        },
        ChatError::Escapes,
        ChatError::Only {
            text: String::new(),
        },
        ChatError::Only {
            text: "\u{8}\u{c}\t\r\n\"\\/\u{2028}\u{7f}\u{1f}".into(),
        },
        ChatError::Specs {
            used: 1.25,
            limit: 7,
            name: "q\"uote\n".into(),
        },
        ChatError::NoMessage,
        ChatError::RateLimited {
            retry_after_ms: 1500,
        },
        ChatError::Members {
            text: "x\"y",
            negative: -42,
            float: 1.5e300,
            small: 0.1,
            not_a_number: f64::NAN,
            flag: true,
            nothing: None,
            some: Some(-1),
            list: vec![1, 2, 3],
            quota: Quota {
                zeta: 1,
                alpha: 0.1,
                name: "n",
            },
            plan: Plan::Team { seats: 3 },
            free: Plan::Free,
            letter: '"',
            huge: u128::MAX,
            big: u64::MAX,
            weird: "w",
        },
        ChatError::Storage(Io("disk \"full\"\n")),
        ChatError::BrokenDisplay(Broken),
        ChatError::BrokenField {
            value: Unserializable,
        },
        ChatError::BrokenBoth(Broken, Unserializable),
    ]
}

#[test]
fn chat_errors_render_the_same_bytes() {
    for err in chat_errors() {
        same(&err);
    }
}

#[test]
fn reserved_members_render_the_same_bytes() {
    same(&Collide::One {
        code: "c",
        message: "m",
        title: "t",
        kind: "k",
        detail: "d",
        instance: "i",
        request_id: "r",
    });
    same(&Collide::Two { request_id: 7 });
    same(&ProblemCollide::Numbered {
        errcode: -3,
        error: "e",
    });
    same(&ProblemCollide::Negative);
}

#[test]
fn no_status_run_time_status_and_nesting_render_the_same_bytes() {
    same(&Federation::Down {
        peer: "matrix.org".into(),
    });
    same(&AppError::Nested(Federation::Down {
        peer: "\"x\"".into(),
    }));
    for status in [
        StatusCode::METHOD_NOT_ALLOWED,
        StatusCode::OK,
        StatusCode::from_u16(599).unwrap(),
    ] {
        same(&AppError::Unrecognized { status });
        same(&AppError::Runtime {
            status,
            errcode: status.as_u16(),
        });
    }
}

#[test]
fn unknown_errors_render_the_same_bytes() {
    let bodies: [(StatusCode, &[u8]); 3] = [
        (
            StatusCode::CONFLICT,
            br#"{"error":{"code":"NEW_IN_V3","message":"Something \"new\".","limit":10,"nested":{"b":1,"a":[1.5,null]},"request_id":"x"}}"#,
        ),
        (
            StatusCode::BAD_REQUEST,
            br#"{"error":{"code":12,"message":"Numbered."}}"#,
        ),
        (StatusCode::IM_A_TEAPOT, br#"{"error":{"code":"BARE"}}"#),
    ];
    for (status, body) in bodies {
        let response = errbook::http::Response::builder()
            .status(status)
            .body(body.to_vec())
            .unwrap();
        let decoded = AppError::from_response(&response).unwrap();
        assert!(matches!(decoded, AppError::Other(_)), "{decoded:?}");
        assert!(decoded.entry().is_none());
        same(&decoded);
        let AppError::Other(unknown) = decoded else {
            unreachable!()
        };
        same(&unknown);
    }
}

#[test]
fn a_failing_field_or_message_falls_back_as_documented() {
    // The field's `Serialize` fails: the body has no extra members.
    let response = ChatError::BrokenField {
        value: Unserializable,
    }
    .to_response();
    assert_eq!(
        response.body().as_slice(),
        br#"{"error":{"code":"chat:broken_field","message":"Broken field."}}"#
    );
    assert_eq!(response.headers()["content-type"], "application/json");
    // The message's `Display` fails too: no body, no content-type.
    for response in [
        ChatError::BrokenBoth(Broken, Unserializable).to_response(),
        ChatError::BrokenDisplay(Broken).to_response_as(Problem),
    ] {
        assert!(response.body().is_empty());
        assert!(response.headers().get("content-type").is_none());
        assert_eq!(response.status(), 500);
    }
}

#[test]
fn the_examples_render_the_same_bytes() {
    use errbook_examples::chat_api::ChatError;
    use errbook_examples::matrix_api::MatrixError;
    for entry in ChatError::catalog() {
        assert!(!entry.code_json().is_empty());
    }
    same(&ChatError::Forbidden {
        missing_permission: "manage_messages".into(),
    });
    same(&MatrixError::LimitExceeded {
        error: "Too many \"requests\"".into(),
        retry_after_ms: Some(2000),
    });
}

/// A templated message with one string placeholder between literal runs
/// that need escaping.
#[derive(Debug, ApiError)]
#[api(code = "T", status = 400, message = "Before \"{text}\" after\n{text}")]
struct Templated {
    #[api(field)]
    text: String,
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\\x00-\\x20\"\\\\/\\x7f a-z\u{e9}\u{2028}\u{1f389}]{0,40}",
    ]
}

proptest! {
    #[test]
    fn any_message_renders_the_same_bytes(text in any_text(), id in any_text()) {
        let err = Templated { text: text.clone() };
        for context in [Context::production(), Context::production().with_instance(&id)] {
            same_in(&err, Nested, context);
            same_in(&err, Problem, context);
            same_in(&err, Matrix, context);
            same_in(&err, Detail, context);
            same_in(&err, Google, context);
        }
        same_in(&ChatError::Only { text: text.clone() }, Nested, Context::production());
        same_in(&ChatError::Forbidden { missing_permission: text }, Google, Context::production());
    }
}

#[derive(Debug, ApiError)]
#[api(prefix = "form:", rename_all = "snake_case")]
enum FormError {
    #[api(
        status = 422,
        title = "Your request is not valid.",
        message = "Your request is not valid."
    )]
    Invalid {
        #[api(field)]
        form: &'static str,
        #[api(violations)]
        violations: errbook::Violations,
    },
    #[api(status = 400, message = "Bad {what}.")]
    Maybe {
        what: u8,
        #[api(violations)]
        violations: Option<errbook::Violations>,
    },
    #[api(transparent)]
    Wrapped(Signup),
}

#[derive(Debug, ApiError)]
#[api(code = "SIGNUP", status = 422)]
struct Signup(#[api(violations)] errbook::Violations);

fn violations() -> errbook::Violations {
    use errbook::violations::{Pointer, Violation};
    errbook::Violations::new()
        .body(
            Pointer::root().field("age"),
            "positive",
            "must be a positive integer",
        )
        .body(
            Pointer::root().field("a/b~ \"é\"").index(3),
            "esc\"ape\n",
            "quote \" and \u{1}",
        )
        .path("id", "int_parsing", "must be an integer")
        .query("q", "missing", "Field required")
        .header("x-token", "missing", "Field required")
        .with(
            Violation::new(errbook::Location::Cookie("s".into()), "c", "m")
                .extra("ctx", serde_json::json!({"gt": 0}))
                .extra("zeta", 1)
                .extra("input", serde_json::json!({"b": 1, "a": [null]}))
                .extra("code", "kept out of members and problem"),
        )
}

#[test]
fn violations_render_the_same_bytes() {
    let invalid = FormError::Invalid {
        form: "signup",
        violations: violations(),
    };
    same(&invalid);
    same(&FormError::Invalid {
        form: "",
        violations: errbook::Violations::new(),
    });
    same(&FormError::Maybe {
        what: 1,
        violations: None,
    });
    same(&FormError::Maybe {
        what: 2,
        violations: Some(violations()),
    });
    same(&FormError::Wrapped(Signup(violations())));
    same(&Signup(violations()));
}
