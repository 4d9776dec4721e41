//! Rendering to `http::Response`: status, headers, exact body bytes,
//! `Retry-After`, and statuses chosen by default or at run time.

use core::time::Duration;

use errbook::format::ExtraMembers;
use errbook::http::{self, StatusCode, header};
use errbook::{ApiError, Context, Format};
use serde::ser::{SerializeMap, Serializer};
use serde_json::{Value, json};

#[derive(Debug, ApiError)]
enum ChatError {
    #[api(
        code = "FORBIDDEN",
        status = 403,
        message = "You do not have permission to perform this action."
    )]
    Forbidden {
        #[api(field)]
        missing_permission: String,
    },
    #[api(status = 404, message = "User {id} not found.")]
    UserNotFound { id: u64 },
}

fn body(response: &http::Response<Vec<u8>>) -> &str {
    std::str::from_utf8(response.body()).unwrap()
}

fn header<'r>(response: &'r http::Response<Vec<u8>>, name: &header::HeaderName) -> Option<&'r str> {
    response.headers().get(name).map(|v| v.to_str().unwrap())
}

#[test]
fn response_status_content_type_and_exact_body() {
    let err = ChatError::Forbidden {
        missing_permission: "manage_messages".into(),
    };
    let response = err.to_response();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        header(&response, &header::CONTENT_TYPE),
        Some("application/json")
    );
    assert_eq!(
        body(&response),
        r#"{"error":{"code":"FORBIDDEN","message":"You do not have permission to perform this action.","missing_permission":"manage_messages"}}"#
    );
}

#[test]
fn response_has_only_content_type_without_a_delay() {
    let response = ChatError::UserNotFound { id: 12 }.to_response();
    assert_eq!(response.status(), 404);
    let names: Vec<&str> = response
        .headers()
        .keys()
        .map(header::HeaderName::as_str)
        .collect();
    assert_eq!(names, ["content-type"]);
    assert_eq!(
        body(&response),
        r#"{"error":{"code":"USER_NOT_FOUND","message":"User 12 not found."}}"#
    );
}

#[test]
fn envelope_serializes_like_the_body() {
    let err = ChatError::UserNotFound { id: 5 };
    let value = serde_json::to_value(err.envelope()).unwrap();
    assert_eq!(
        value,
        json!({"error": {"code": "USER_NOT_FOUND", "message": "User 5 not found."}})
    );
    let from_body: Value = serde_json::from_slice(err.to_response().body()).unwrap();
    assert_eq!(value, from_body);
    assert_eq!(
        serde_json::to_string(&err.envelope()).unwrap().as_bytes(),
        err.to_response().body().as_slice()
    );
}

#[test]
fn envelope_pretty_prints() {
    let err = ChatError::UserNotFound { id: 5 };
    assert_eq!(
        serde_json::to_string_pretty(&err.envelope()).unwrap(),
        "{\n  \"error\": {\n    \"code\": \"USER_NOT_FOUND\",\n    \"message\": \"User 5 not found.\"\n  }\n}"
    );
}

#[test]
fn envelope_as_nested_is_the_default_envelope() {
    let err = ChatError::UserNotFound { id: 5 };
    assert_eq!(
        serde_json::to_string(&err.envelope_as(errbook::format::Nested)).unwrap(),
        serde_json::to_string(&err.envelope()).unwrap()
    );
    assert_eq!(
        err.to_response_as(errbook::format::Nested).body(),
        err.to_response().body()
    );
}

#[test]
fn envelope_knows_its_error() {
    let err = ChatError::UserNotFound { id: 5 };
    let envelope = err.envelope();
    assert_eq!(envelope.error().code(), "USER_NOT_FOUND");
}

// ---------------------------------------------------------------- Retry-After

#[derive(Debug, ApiError)]
#[api(status = 429)]
enum Retry {
    #[api(message = "Slow down.")]
    Millis {
        #[api(field, retry_after = "ms")]
        retry_after_ms: u64,
    },
    SecsU32 {
        #[api(retry_after = "s")]
        wait: u32,
    },
    SecsF64 {
        #[api(field, retry_after = "s")]
        retry_after: f64,
    },
    MillisF64 {
        #[api(retry_after = "ms")]
        wait: f64,
    },
    Bare {
        #[api(retry_after)]
        wait: Duration,
    },
    BareNumber {
        #[api(retry_after)]
        wait: u16,
    },
    Maybe {
        #[api(field, retry_after = "ms")]
        retry_after_ms: Option<u64>,
    },
    Signed {
        #[api(retry_after = "s")]
        wait: i64,
    },
    NoDelay,
}

/// The `Retry-After` header as delay-seconds: one header, ASCII digits only.
fn retry_after(err: &Retry) -> Option<u64> {
    let response = err.to_response();
    let values: Vec<_> = response
        .headers()
        .get_all(header::RETRY_AFTER)
        .iter()
        .collect();
    assert!(values.len() <= 1, "one Retry-After at most: {values:?}");
    values.first().map(|v| {
        let text = v.to_str().unwrap();
        assert!(
            !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()),
            "delay-seconds: {text:?}"
        );
        text.parse().unwrap()
    })
}

#[test]
fn retry_after_millis_u64() {
    let err = Retry::Millis {
        retry_after_ms: 1500,
    };
    assert_eq!(err.retry_after(), Some(Duration::from_millis(1500)));
    let response = err.to_response();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(header(&response, &header::RETRY_AFTER), Some("2"));
    assert_eq!(
        body(&response),
        r#"{"error":{"code":"MILLIS","message":"Slow down.","retry_after_ms":1500}}"#
    );
}

#[test]
fn retry_after_rounds_up_to_whole_seconds() {
    let ms = |retry_after_ms| retry_after(&Retry::Millis { retry_after_ms });
    assert_eq!(ms(1), Some(1));
    assert_eq!(ms(999), Some(1));
    assert_eq!(ms(1000), Some(1));
    assert_eq!(ms(1001), Some(2));
    assert_eq!(ms(59_999), Some(60));
}

#[test]
fn retry_after_zero_is_zero() {
    assert_eq!(retry_after(&Retry::Millis { retry_after_ms: 0 }), Some(0));
    assert_eq!(retry_after(&Retry::SecsF64 { retry_after: 0.0 }), Some(0));
    assert_eq!(
        retry_after(&Retry::Bare {
            wait: Duration::ZERO
        }),
        Some(0)
    );
}

#[test]
fn retry_after_u64_max_millis_saturates() {
    // u64::MAX ms is 18446744073709551.615 s: rounded up, no overflow.
    assert_eq!(
        retry_after(&Retry::Millis {
            retry_after_ms: u64::MAX
        }),
        Some(18_446_744_073_709_552)
    );
}

#[test]
fn retry_after_seconds_u32() {
    assert_eq!(retry_after(&Retry::SecsU32 { wait: 30 }), Some(30));
    assert_eq!(
        retry_after(&Retry::SecsU32 { wait: u32::MAX }),
        Some(u64::from(u32::MAX))
    );
    // Not marked `field`: a header only, never a body member.
    let response = Retry::SecsU32 { wait: 30 }.to_response();
    assert_eq!(
        body(&response),
        r#"{"error":{"code":"SECS_U32","message":"Too Many Requests"}}"#
    );
}

#[test]
fn retry_after_seconds_f64() {
    assert_eq!(retry_after(&Retry::SecsF64 { retry_after: 1.5 }), Some(2));
    assert_eq!(retry_after(&Retry::SecsF64 { retry_after: 2.0 }), Some(2));
    assert_eq!(retry_after(&Retry::SecsF64 { retry_after: 0.001 }), Some(1));
    assert_eq!(
        Retry::SecsF64 { retry_after: 1.25 }.retry_after(),
        Some(Duration::from_millis(1250))
    );
    let response = Retry::SecsF64 { retry_after: 1.5 }.to_response();
    assert_eq!(
        body(&response),
        r#"{"error":{"code":"SECS_F64","message":"Too Many Requests","retry_after":1.5}}"#
    );
}

#[test]
fn retry_after_millis_f64() {
    assert_eq!(retry_after(&Retry::MillisF64 { wait: 1000.5 }), Some(2));
    assert_eq!(retry_after(&Retry::MillisF64 { wait: 250.0 }), Some(1));
}

#[test]
fn retry_after_huge_floats_saturate() {
    for huge in [f64::MAX, f64::INFINITY, 1e30] {
        assert_eq!(
            retry_after(&Retry::SecsF64 { retry_after: huge }),
            Some(u64::MAX),
            "{huge}"
        );
        assert_eq!(
            retry_after(&Retry::MillisF64 { wait: huge }),
            Some(u64::MAX),
            "{huge}"
        );
    }
}

#[test]
fn retry_after_negative_or_nan_gives_no_header() {
    for bad in [-1.0, -0.5, f64::NEG_INFINITY, f64::NAN] {
        let err = Retry::SecsF64 { retry_after: bad };
        assert_eq!(err.retry_after(), None, "{bad}");
        assert_eq!(retry_after(&err), None, "{bad}");
        // The response is still a complete error response.
        assert_eq!(err.to_response().status(), 429);
        assert_eq!(retry_after(&Retry::MillisF64 { wait: bad }), None, "{bad}");
    }
    assert_eq!(retry_after(&Retry::Signed { wait: -5 }), None);
    assert_eq!(retry_after(&Retry::Signed { wait: i64::MIN }), None);
    assert_eq!(retry_after(&Retry::Signed { wait: 5 }), Some(5));
}

#[test]
fn retry_after_bare_duration_is_taken_as_is() {
    assert_eq!(
        retry_after(&Retry::Bare {
            wait: Duration::from_secs(90)
        }),
        Some(90)
    );
    assert_eq!(
        retry_after(&Retry::Bare {
            wait: Duration::from_millis(1500)
        }),
        Some(2)
    );
    assert_eq!(
        retry_after(&Retry::Bare {
            wait: Duration::from_nanos(1)
        }),
        Some(1)
    );
    assert_eq!(
        Retry::Bare {
            wait: Duration::from_millis(1500)
        }
        .retry_after(),
        Some(Duration::from_millis(1500))
    );
}

#[test]
fn retry_after_duration_max_saturates() {
    assert_eq!(
        retry_after(&Retry::Bare {
            wait: Duration::MAX
        }),
        Some(u64::MAX)
    );
}

#[test]
fn retry_after_bare_number_means_seconds() {
    assert_eq!(retry_after(&Retry::BareNumber { wait: 7 }), Some(7));
}

#[test]
fn retry_after_option_none_gives_no_header_and_null_member() {
    let err = Retry::Maybe {
        retry_after_ms: None,
    };
    assert_eq!(err.retry_after(), None);
    let response = err.to_response();
    assert_eq!(header(&response, &header::RETRY_AFTER), None);
    assert_eq!(
        body(&response),
        r#"{"error":{"code":"MAYBE","message":"Too Many Requests","retry_after_ms":null}}"#
    );
}

#[test]
fn retry_after_option_some() {
    let err = Retry::Maybe {
        retry_after_ms: Some(2500),
    };
    let response = err.to_response();
    assert_eq!(header(&response, &header::RETRY_AFTER), Some("3"));
    assert_eq!(
        body(&response),
        r#"{"error":{"code":"MAYBE","message":"Too Many Requests","retry_after_ms":2500}}"#
    );
}

#[test]
fn no_retry_after_field_means_no_header() {
    assert_eq!(Retry::NoDelay.retry_after(), None);
    assert_eq!(retry_after(&Retry::NoDelay), None);
}

// --------------------------------------------------------------------- Status

#[derive(Debug, ApiError)]
#[api(status = 400)]
enum Defaulted {
    Plain,
    #[api(status = 409)]
    Overridden,
    UpstreamFailed {
        #[api(status)]
        status: StatusCode,
        #[api(field)]
        upstream: &'static str,
    },
}

/// A struct whose only status is a run-time field.
#[derive(Debug, ApiError)]
#[api(code = "UPSTREAM", message = "Upstream answered {status}.")]
struct Upstream {
    #[api(status)]
    status: StatusCode,
}

#[test]
fn container_status_is_the_default() {
    assert_eq!(Defaulted::Plain.status(), StatusCode::BAD_REQUEST);
    assert_eq!(Defaulted::Plain.to_response().status(), 400);
    assert_eq!(Defaulted::Overridden.status(), StatusCode::CONFLICT);
    assert_eq!(Defaulted::Overridden.to_response().status(), 409);
}

#[test]
fn run_time_status_field_wins_over_the_container_default() {
    for status in [
        StatusCode::BAD_GATEWAY,
        StatusCode::SERVICE_UNAVAILABLE,
        StatusCode::NOT_FOUND,
    ] {
        let err = Defaulted::UpstreamFailed {
            status,
            upstream: "billing",
        };
        assert_eq!(err.status(), status);
        let response = err.to_response();
        assert_eq!(response.status(), status);
        // The status field is not a body member unless marked `field`.
        assert_eq!(
            body(&response),
            format!(
                r#"{{"error":{{"code":"UPSTREAM_FAILED","message":"{}","upstream":"billing"}}}}"#,
                status.canonical_reason().unwrap()
            )
        );
    }
}

#[test]
fn run_time_status_on_a_struct() {
    let err = Upstream {
        status: StatusCode::GATEWAY_TIMEOUT,
    };
    let response = err.to_response();
    assert_eq!(response.status(), 504);
    assert_eq!(
        body(&response),
        r#"{"error":{"code":"UPSTREAM","message":"Upstream answered 504 Gateway Timeout."}}"#
    );
}

// ------------------------------------------------------------- other formats

/// `{"status":"error","error_code":…,"message":…,…fields}`
#[derive(Clone, Copy, Debug, Default)]
struct Flat;

impl Format for Flat {
    const CONTENT_TYPE: &'static str = "application/vnd.flat+json";
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
        if let Some(instance) = context.instance() {
            map.serialize_entry("instance", instance)?;
        }
        ExtraMembers::new(error, Self::RESERVED).write(&mut map)?;
        map.end()
    }
}

#[derive(Debug, ApiError)]
#[api(code = "QUOTA", status = 429, message = "Quota exceeded.")]
struct Quota {
    /// Collides with `Flat`'s own `status` member, not with `Nested`'s.
    #[api(field)]
    status: &'static str,
    #[api(field, retry_after)]
    retry_in: u32,
}

#[test]
fn user_format_sets_content_type_status_and_retry_after() {
    let err = Quota {
        status: "exhausted",
        retry_in: 60,
    };
    let response = err.to_response_as(Flat);
    assert_eq!(response.status(), 429);
    assert_eq!(
        header(&response, &header::CONTENT_TYPE),
        Some("application/vnd.flat+json")
    );
    assert_eq!(header(&response, &header::RETRY_AFTER), Some("60"));
}

#[test]
fn colliding_field_is_left_out_of_the_other_format() {
    let err = Quota {
        status: "exhausted",
        retry_in: 60,
    };
    // Nested has no `status` member: the field is there.
    assert_eq!(
        body(&err.to_response()),
        r#"{"error":{"code":"QUOTA","message":"Quota exceeded.","status":"exhausted","retry_in":60}}"#
    );
    // Flat writes `status` itself: its member wins, no duplicate key.
    assert_eq!(
        body(&err.to_response_as(Flat)),
        r#"{"status":"error","error_code":"QUOTA","message":"Quota exceeded.","retry_in":60}"#
    );
}

#[test]
fn envelope_with_context_reaches_the_format() {
    let err = Quota {
        status: "exhausted",
        retry_in: 1,
    };
    let envelope = err
        .envelope_as(Flat)
        .with_context(Context::production().with_instance("/v1/messages/17"));
    assert_eq!(
        serde_json::to_string(&envelope).unwrap(),
        r#"{"status":"error","error_code":"QUOTA","message":"Quota exceeded.","instance":"/v1/messages/17","retry_in":1}"#
    );
    // The nested format writes it as its `request_id` member.
    let nested = err
        .envelope()
        .with_context(Context::production().with_instance("/v1/messages/17"));
    assert_eq!(
        serde_json::to_string(&nested).unwrap(),
        r#"{"error":{"code":"QUOTA","message":"Quota exceeded.","status":"exhausted","retry_in":1,"request_id":"/v1/messages/17"}}"#
    );
}

/// A hand-written impl's own answers (code, title, domain, docs, whether it
/// has a status) are what its response is rendered with: the formats read
/// them through the same `dyn` as a derived type's entry.
#[test]
fn a_hand_written_impl_renders_with_its_own_answers() {
    #[derive(Debug)]
    struct Teapot;
    impl ApiError for Teapot {
        type Format = errbook::format::Problem;
        fn code(&self) -> errbook::Code<'_> {
            errbook::Code::Str("TEAPOT")
        }
        fn status(&self) -> StatusCode {
            StatusCode::IM_A_TEAPOT
        }
        fn fmt_message(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("Short and stout.")
        }
        fn title(&self) -> Option<&'static str> {
            Some("A teapot")
        }
        fn domain(&self) -> Option<&'static str> {
            Some("kitchen.example.com")
        }
        fn docs_template(&self) -> Option<&'static str> {
            Some("https://example.com/errors/{code}")
        }
        fn visit_fields<V: errbook::FieldVisitor + ?Sized>(
            &self,
            _: &mut V,
        ) -> Result<(), V::Error> {
            Ok(())
        }
    }
    let problem: Value = serde_json::from_slice(Teapot.to_response().body()).unwrap();
    assert_eq!(problem["type"], "https://example.com/errors/TEAPOT");
    assert_eq!(problem["title"], "A teapot");
    assert_eq!(problem["code"], "TEAPOT");
    assert_eq!(problem["status"], 418);
    let google: Value =
        serde_json::from_slice(Teapot.to_response_as(errbook::format::Google).body()).unwrap();
    assert_eq!(
        google["error"]["details"][0]["domain"],
        "kitchen.example.com"
    );
    assert_eq!(google["error"]["details"][0]["reason"], "TEAPOT");
}
