//! An exposed `Duration` field is a number in its unit (milliseconds under
//! `retry_after = "ms"`, seconds otherwise) in every format, reads back
//! from it, and leaves `Retry-After` in whole seconds; another type named
//! `Duration` keeps its own `Serialize`.

use std::time::Duration;

use errbook::format::{Google, Matrix, Nested, Problem};
use errbook::http::{HeaderMap, StatusCode};
use errbook::{ApiError, Format, Parse};
use serde_json::{Value, json};

/// A type of one's own that happens to be called `Duration`.
mod calendar {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub(crate) struct Duration {
        pub(crate) days: u32,
    }
}

#[derive(Debug, Clone, PartialEq, ApiError)]
#[api(parse)]
enum WaitError {
    /// A delay in milliseconds, as Matrix's `retry_after_ms`.
    #[api(code = "RATE_LIMITED", status = 429, message = "Slow down.")]
    RateLimited {
        #[api(field, retry_after = "ms")]
        retry_after_ms: Duration,
    },
    /// A delay in seconds, under a bare `retry_after`.
    #[api(code = "BUSY", status = 503, message = "Busy.")]
    Busy {
        #[api(field, retry_after)]
        retry_after: core::time::Duration,
    },
    /// A delay that is no `Retry-After`: seconds.
    #[api(code = "LOCKED", status = 423, message = "Locked.")]
    Locked {
        #[api(field)]
        unlocks_in: std::time::Duration,
        #[api(field)]
        grace: Option<Duration>,
    },
    /// An optional delay in milliseconds.
    #[api(code = "MAYBE_LATER", status = 429, message = "Maybe later.")]
    MaybeLater {
        #[api(field, retry_after = "ms")]
        wait_ms: Option<Duration>,
    },
    /// Not `std`'s `Duration`: written by its own `Serialize`.
    #[api(code = "TRIAL_OVER", status = 402, message = "Trial over.")]
    TrialOver {
        #[api(field)]
        trial: calendar::Duration,
    },
}

fn members<F: Format>(err: &WaitError, format: F) -> Value {
    serde_json::from_slice(err.to_response_as(format).body()).unwrap()
}

fn back<F: Format + Copy>(err: &WaitError, format: F) -> WaitError {
    let response = err.to_response_as(format);
    WaitError::from_parts_as(
        format,
        response.status(),
        response.headers(),
        response.body(),
    )
    .unwrap()
}

#[test]
fn a_duration_is_a_number_in_its_unit() {
    let limited = WaitError::RateLimited {
        retry_after_ms: Duration::from_millis(1500),
    };
    assert_eq!(
        limited.to_response().body().as_slice(),
        br#"{"error":{"code":"RATE_LIMITED","message":"Slow down.","retry_after_ms":1500}}"#
    );
    let busy = WaitError::Busy {
        retry_after: Duration::from_secs(30),
    };
    assert_eq!(members(&busy, Nested)["error"]["retry_after"], json!(30));
    let locked = WaitError::Locked {
        unlocks_in: Duration::from_millis(2500),
        grace: Some(Duration::from_micros(250)),
    };
    let body = members(&locked, Nested);
    assert_eq!(body["error"]["unlocks_in"], json!(2.5));
    assert_eq!(body["error"]["grace"], json!(0.00025));
    // A fraction of a millisecond stays.
    let fine = WaitError::RateLimited {
        retry_after_ms: Duration::from_micros(1_500_250),
    };
    assert_eq!(
        members(&fine, Nested)["error"]["retry_after_ms"],
        json!(1500.25)
    );
}

#[test]
fn every_format_writes_the_number() {
    let limited = WaitError::RateLimited {
        retry_after_ms: Duration::from_millis(1500),
    };
    assert_eq!(members(&limited, Matrix)["retry_after_ms"], json!(1500));
    assert_eq!(members(&limited, Problem)["retry_after_ms"], json!(1500));
    // Google's metadata values are strings: the number's JSON text.
    let google = members(&limited, Google);
    assert_eq!(
        google["error"]["details"][0]["metadata"]["retry_after_ms"],
        json!("1500")
    );
    let locked = WaitError::Locked {
        unlocks_in: Duration::from_millis(2500),
        grace: None,
    };
    assert_eq!(
        members(&locked, Google)["error"]["details"][0]["metadata"]["unlocks_in"],
        json!("2.5")
    );
    // `None` is left out or `null`, as for any `Option`.
    let body = members(&locked, Matrix);
    assert_eq!(body.get("grace"), None);
    assert_eq!(members(&locked, Nested)["error"]["grace"], Value::Null);
}

#[test]
fn retry_after_stays_whole_seconds_rounded_up() {
    let header = |err: &WaitError| {
        err.to_response()
            .headers()
            .get("retry-after")
            .map(|value| value.to_str().unwrap().to_owned())
    };
    let limited = WaitError::RateLimited {
        retry_after_ms: Duration::from_millis(1500),
    };
    assert_eq!(header(&limited).as_deref(), Some("2"));
    assert_eq!(limited.retry_after(), Some(Duration::from_millis(1500)));
    let busy = WaitError::Busy {
        retry_after: Duration::from_millis(30_001),
    };
    assert_eq!(header(&busy).as_deref(), Some("31"));
    assert_eq!(
        members(&busy, Nested)["error"]["retry_after"],
        json!(30.001)
    );
    let none = WaitError::MaybeLater { wait_ms: None };
    assert_eq!(header(&none), None);
}

#[test]
fn every_format_reads_the_number_back() {
    let values = [
        WaitError::RateLimited {
            retry_after_ms: Duration::from_millis(1500),
        },
        WaitError::RateLimited {
            retry_after_ms: Duration::new(86_400, 123_456_789),
        },
        WaitError::Busy {
            retry_after: Duration::from_nanos(1),
        },
        WaitError::Busy {
            retry_after: Duration::from_secs(u64::MAX),
        },
        WaitError::Locked {
            unlocks_in: Duration::from_millis(2500),
            grace: Some(Duration::new(3_999_999, 999_999_999)),
        },
        WaitError::Locked {
            unlocks_in: Duration::ZERO,
            grace: None,
        },
        WaitError::MaybeLater {
            wait_ms: Some(Duration::from_micros(7)),
        },
        WaitError::MaybeLater { wait_ms: None },
        WaitError::TrialOver {
            trial: calendar::Duration { days: 14 },
        },
    ];
    for value in &values {
        assert_eq!(&back(value, Nested), value, "nested");
        assert_eq!(&back(value, Matrix), value, "matrix");
        assert_eq!(&back(value, Problem), value, "problem");
        assert_eq!(&back(value, Google), value, "google");
    }
}

#[test]
fn a_body_without_the_member_reads_the_header() {
    let mut headers = HeaderMap::new();
    headers.insert("retry-after", "3".parse().unwrap());
    let body = br#"{"error":{"code":"RATE_LIMITED","message":"Slow down."}}"#;
    let err = WaitError::from_parts(StatusCode::TOO_MANY_REQUESTS, &headers, body).unwrap();
    assert_eq!(
        err,
        WaitError::RateLimited {
            retry_after_ms: Duration::from_secs(3)
        }
    );
    // A number of another unit than the field's reads in the field's unit.
    let body = br#"{"error":{"code":"BUSY","message":"Busy.","retry_after":0.5}}"#;
    let err = WaitError::from_parts(StatusCode::SERVICE_UNAVAILABLE, &headers, body).unwrap();
    assert_eq!(
        err,
        WaitError::Busy {
            retry_after: Duration::from_millis(500)
        }
    );
}

#[test]
fn a_negative_or_non_numeric_member_is_refused() {
    for member in ["-1", r#""soon""#, r#"{"secs":2,"nanos":0}"#] {
        let body =
            format!(r#"{{"error":{{"code":"LOCKED","message":"Locked.","unlocks_in":{member}}}}}"#);
        let err = <WaitError as Parse>::from_parts(
            StatusCode::LOCKED,
            &HeaderMap::new(),
            body.as_bytes(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("unlocks_in"), "{member}: {err}");
    }
}

#[test]
fn another_type_named_duration_keeps_its_own_serialize() {
    let trial = WaitError::TrialOver {
        trial: calendar::Duration { days: 14 },
    };
    assert_eq!(
        members(&trial, Nested)["error"]["trial"],
        json!({"days": 14})
    );
}

#[cfg(feature = "utoipa")]
#[test]
fn the_openapi_schema_of_a_duration_is_a_number() {
    let schemas = errbook::utoipa::code_schemas::<WaitError>();
    let schema_of = |code: &str, member: &str| {
        let found = schemas
            .iter()
            .find(|schema| serde_json::to_value(&schema.schema).unwrap()["title"] == code)
            .unwrap();
        serde_json::to_value(&found.schema).unwrap()["properties"]["error"]["properties"][member]
            .clone()
    };
    assert_eq!(
        schema_of("RATE_LIMITED", "retry_after_ms")["type"],
        "number"
    );
    assert_eq!(schema_of("LOCKED", "unlocks_in")["type"], "number");
    let grace = schema_of("LOCKED", "grace");
    assert!(grace.to_string().contains("number"), "{grace}");
    assert!(grace.to_string().contains("null"), "{grace}");
    // The example body is a number too.
    let locked = schemas
        .iter()
        .find(|schema| schema.example["error"]["code"] == "LOCKED")
        .unwrap();
    assert!(locked.example["error"]["unlocks_in"].is_number());
}
