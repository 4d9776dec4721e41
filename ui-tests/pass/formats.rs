//! Every `format = …` choice, a format of the user's by path, `domain`,
//! `docs`, `title` and a type with `status = none`, compiled with every
//! warning and clippy's pedantic group denied; `main` checks the bodies.

#![deny(warnings, clippy::pedantic)]

use errbook::ApiError;

/// A format of the user's: `{"status": "error", "error_code": …,
/// "message": …, …fields}`.
mod flat {
    use errbook::format::ExtraMembers;
    use errbook::{ApiError, Context, Format};
    use serde::ser::{SerializeMap, Serializer};

    #[derive(Clone, Copy, Debug, Default)]
    pub struct Flat;

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
            context.write_details(error, &mut map)?;
            map.end()
        }
    }
}

/// The default format, written out.
#[derive(Debug, ApiError)]
#[api(format = nested, status = 404)]
enum NestedError {
    /// No such user.
    #[api(message = "User {id} not found.")]
    UserNotFound {
        #[api(field)]
        id: u64,
    },
}

/// RFC 9457, with a documentation URL per code and a title per variant.
#[derive(Debug, ApiError)]
#[api(format = problem, docs = "https://example.com/probs/{code}")]
enum BillingError {
    /// The account cannot pay for this.
    #[api(
        code = "out-of-credit",
        status = 403,
        title = "You do not have enough credit.",
        message = "Your current balance is {balance}, but that costs {cost}."
    )]
    OutOfCredit {
        #[api(field)]
        balance: u32,
        #[api(field)]
        cost: u32,
    },
    /// No title: the status's reason phrase.
    #[api(code = "busy", status = 503)]
    Busy,
}

/// Matrix's `errcode` / `error`; `status` is a free member name here.
#[derive(Debug, ApiError)]
#[api(format = matrix, prefix = "M_")]
enum MatrixError {
    /// Too many requests.
    #[api(status = 429, message = "Too many requests")]
    LimitExceeded {
        #[api(field)]
        retry_after_ms: u64,
    },
    /// An upstream server answered with a bad status.
    #[api(status = 502, message = "Bad status from the remote server")]
    BadStatus {
        #[api(field)]
        status: u16,
    },
}

/// FastAPI's `{"detail": …}`.
#[derive(Debug, ApiError)]
#[api(format = detail)]
#[api(code = "ITEM_MISSING", status = 404, message = "Item not found")]
struct ItemMissing;

/// Google's AIP-193, with the error domain.
#[derive(Debug, ApiError)]
#[api(format = google, domain = "pubsub.googleapis.com")]
enum QuotaError {
    /// Quota exceeded.
    #[api(code = "RATE_LIMIT_EXCEEDED", status = 429, message = "Quota exceeded.")]
    RateLimited {
        #[api(field)]
        quota_limit_value: u32,
    },
}

/// A format of the user's, by path; its reserved names are checked in a
/// constant, and `code` is a free member name here.
#[derive(Debug, ApiError)]
#[api(format = flat::Flat, status = 400)]
enum FlatError {
    /// A bad request.
    #[api(code = "bad_request", message = "Bad request.")]
    BadRequest {
        #[api(field)]
        code: u32,
    },
}

/// The same format, named by a string.
#[derive(Debug, ApiError)]
#[api(format = "flat::Flat", code = "teapot", status = 418, message = "I'm a teapot.")]
struct Teapot;

/// Codes that never travel over HTTP.
#[derive(Debug, ApiError)]
#[api(status = none, format = matrix)]
enum FederationError {
    /// The room is not known to this server.
    #[api(code = "M_UNKNOWN_ROOM", message = "Unknown room.")]
    UnknownRoom,
}

fn body<E: ApiError>(error: &E) -> String {
    String::from_utf8(error.to_response().into_body()).expect("UTF-8 body")
}

fn main() {
    let nested = NestedError::UserNotFound { id: 7 };
    assert_eq!(
        body(&nested),
        r#"{"error":{"code":"USER_NOT_FOUND","message":"User 7 not found.","id":7}}"#
    );

    let credit = BillingError::OutOfCredit {
        balance: 30,
        cost: 50,
    };
    let response = credit.to_response();
    assert_eq!(response.status(), 403);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    assert_eq!(
        String::from_utf8(response.into_body()).expect("UTF-8 body"),
        r#"{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"Your current balance is 30, but that costs 50.","code":"out-of-credit","balance":30,"cost":50}"#
    );
    assert_eq!(credit.title(), Some("You do not have enough credit."));
    assert_eq!(
        credit.docs_url().map(|url| url.to_string()).as_deref(),
        Some("https://example.com/probs/out-of-credit")
    );
    assert_eq!(
        body(&BillingError::Busy),
        r#"{"type":"https://example.com/probs/busy","title":"Service Unavailable","status":503,"detail":"Service Unavailable","code":"busy"}"#
    );
    assert_eq!(BillingError::Busy.title(), None);

    assert_eq!(
        body(&MatrixError::LimitExceeded {
            retry_after_ms: 2000
        }),
        r#"{"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests","retry_after_ms":2000}"#
    );
    assert_eq!(
        body(&MatrixError::BadStatus { status: 500 }),
        r#"{"errcode":"M_BAD_STATUS","error":"Bad status from the remote server","status":500}"#
    );

    assert_eq!(body(&ItemMissing), r#"{"detail":"Item not found"}"#);

    let quota = QuotaError::RateLimited {
        quota_limit_value: 100,
    };
    assert_eq!(quota.domain(), Some("pubsub.googleapis.com"));
    assert_eq!(
        body(&quota),
        concat!(
            r#"{"error":{"code":429,"message":"Quota exceeded.","status":"RESOURCE_EXHAUSTED","#,
            r#""details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED","#,
            r#""domain":"pubsub.googleapis.com","metadata":{"quota_limit_value":"100"}}]}}"#,
        )
    );

    assert_eq!(
        body(&FlatError::BadRequest { code: 12 }),
        r#"{"status":"error","error_code":"bad_request","message":"Bad request.","code":12}"#
    );
    assert_eq!(
        body(&Teapot),
        r#"{"status":"error","error_code":"teapot","message":"I'm a teapot."}"#
    );

    let federation = FederationError::UnknownRoom;
    assert!(!federation.has_status());
    assert!(nested.has_status() && Teapot.has_status());
    assert_eq!(federation.code(), "M_UNKNOWN_ROOM");
    assert_eq!(
        serde_json::to_string(&federation.envelope()).expect("serializes"),
        r#"{"errcode":"M_UNKNOWN_ROOM","error":"Unknown room."}"#
    );
}
