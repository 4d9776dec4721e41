//! A client-side error enum with `#[api(parse)]`: responses decode back into
//! the variants, unknown codes into `other`, older codes through `alias`.
//! Compiled with every warning and clippy's pedantic group denied.

#![deny(warnings, clippy::pedantic)]

use std::fmt;
use std::time::Duration;

use errbook::http::{HeaderMap, StatusCode};
use errbook::{ApiError, Parse, Unknown};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A transport failure, never shown to clients and never decoded.
#[derive(Debug)]
struct TransportError(&'static str);

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for TransportError {}

/// A permission, sent as its name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Permission {
    ManageMessages,
    BanMembers,
}

/// The errors of a chat API, as a client sees them.
#[derive(Debug, ApiError)]
#[api(parse, prefix = "chat:", rename_all = "snake_case")]
enum ChatError {
    /// Insufficient permissions.
    #[api(status = 403, message = "You do not have permission.")]
    Forbidden {
        #[api(field)]
        missing_permission: Permission,
        /// Where the check ran: known to the server only.
        checked_at: Option<String>,
    },
    /// The user does not exist; servers before v2 sent `USER_NOT_FOUND` or
    /// `NO_SUCH_USER`.
    #[api(
        status = 404,
        message = "User {id} not found.",
        alias = "USER_NOT_FOUND",
        alias = "NO_SUCH_USER"
    )]
    UserNotFound {
        #[api(field)]
        id: u64,
    },
    /// Rate limit exceeded.
    #[api(status = 429, message = "Slow down.")]
    RateLimited {
        #[api(field, retry_after = "ms")]
        retry_after_ms: u64,
    },
    /// The request conflicts with the current state.
    #[api(code = "chat:conflict", status = 409, message = "{reason}")]
    Conflict { reason: String },
    /// An upstream service answered with an error of its own.
    #[api(message = "The upstream service failed.")]
    Upstream {
        #[api(status)]
        status: StatusCode,
    },
    /// The server could not be reached; produced locally, never decoded.
    #[api(status = 503, message = "Service unavailable.", skip_parse)]
    Unreachable(#[api(source)] TransportError),
    /// A code this client does not know yet.
    #[api(other)]
    Other(Unknown),
}

/// A generic error whose exposed member is any deserializable type.
#[derive(Debug, ApiError)]
#[api(parse)]
enum Rejected<T>
where
    T: Serialize + DeserializeOwned,
{
    #[api(code = "A", status = 400)]
    A {
        #[api(field)]
        t: T,
    },
}

/// A struct decodes its own code; the catch-all may be a named field.
#[derive(Debug, ApiError)]
#[api(
    parse,
    code = "QUOTA",
    status = 402,
    message = "Quota of {limit} exceeded."
)]
struct QuotaExceeded {
    #[api(field)]
    limit: u32,
}

#[derive(Debug, ApiError)]
#[api(parse)]
enum Billing {
    #[api(transparent)]
    Quota(QuotaExceeded),
    /// Integer codes alias integer codes.
    #[api(code = 40201, status = 402, alias = 40200, message = "Overdrawn.")]
    Overdrawn,
    #[api(other)]
    Other { unknown: Unknown },
}

fn round_trip(err: &ChatError) -> ChatError {
    ChatError::from_response(&err.to_response()).expect("decodes")
}

fn main() {
    let forbidden = ChatError::Forbidden {
        missing_permission: Permission::BanMembers,
        checked_at: Some("gateway".to_owned()),
    };
    let ChatError::Forbidden {
        missing_permission,
        checked_at,
    } = round_trip(&forbidden)
    else {
        panic!("not Forbidden");
    };
    assert_eq!(missing_permission, Permission::BanMembers);
    assert_eq!(checked_at, None, "a hidden field comes back as its default");
    assert_ne!(missing_permission, Permission::ManageMessages);

    let ChatError::UserNotFound { id } = round_trip(&ChatError::UserNotFound { id: 7 }) else {
        panic!("not UserNotFound");
    };
    assert_eq!(id, 7);

    let limited = ChatError::RateLimited {
        retry_after_ms: 1500,
    };
    assert_eq!(limited.retry_after(), Some(Duration::from_millis(1500)));
    let ChatError::RateLimited { retry_after_ms } = round_trip(&limited) else {
        panic!("not RateLimited");
    };
    // The body's member is exact; the `Retry-After` header says 2 s.
    assert_eq!(retry_after_ms, 1500);

    let conflict = ChatError::Conflict {
        reason: "The channel was renamed meanwhile.".to_owned(),
    };
    let ChatError::Conflict { reason } = round_trip(&conflict) else {
        panic!("not Conflict");
    };
    assert_eq!(reason, "The channel was renamed meanwhile.");

    let upstream = ChatError::Upstream {
        status: StatusCode::BAD_GATEWAY,
    };
    let decoded = round_trip(&upstream);
    assert_eq!(decoded.status(), StatusCode::BAD_GATEWAY);
    assert!(matches!(decoded, ChatError::Upstream { status } if status == 502));

    // A variant with `skip_parse` renders, and decodes into `other`.
    let unreachable = ChatError::Unreachable(TransportError("connection refused"));
    assert!(unreachable.source_error().is_some());
    let decoded = round_trip(&unreachable);
    assert_eq!(decoded.code(), "chat:unreachable");
    assert!(matches!(decoded, ChatError::Other(_)));

    let headers = HeaderMap::new();

    // An older code decodes into the variant that replaced it.
    let old = br#"{"error":{"code":"NO_SUCH_USER","message":"No such user.","id":42}}"#;
    let decoded = ChatError::from_parts(StatusCode::NOT_FOUND, &headers, old).expect("decodes");
    assert!(matches!(decoded, ChatError::UserNotFound { id: 42 }));
    assert_eq!(decoded.code(), "chat:user_not_found");

    // An unknown code keeps what it carried and renders back the same.
    let new = br#"{"error":{"code":"chat:slow_mode","message":"Slow mode is on.","seconds":30}}"#;
    let decoded =
        ChatError::from_parts(StatusCode::TOO_MANY_REQUESTS, &headers, new).expect("decodes");
    let ChatError::Other(unknown) = &decoded else {
        panic!("not Other");
    };
    assert_eq!(unknown.raw_message(), Some("Slow mode is on."));
    assert_eq!(unknown.members()["seconds"], 30);
    assert_eq!(decoded.code(), "chat:slow_mode");
    assert_eq!(decoded.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(decoded.to_response().body().as_slice(), new);

    // A struct, and an enum that nests it.
    let quota = QuotaExceeded { limit: 10 }.to_response();
    assert_eq!(
        QuotaExceeded::from_response(&quota).expect("decodes").limit,
        10
    );
    assert!(matches!(
        Billing::from_response(&quota),
        Ok(Billing::Quota(QuotaExceeded { limit: 10 }))
    ));
    let Ok(Billing::Other { unknown }) =
        Billing::from_parts(StatusCode::PAYMENT_REQUIRED, &headers, new)
    else {
        panic!("not Other");
    };
    assert_eq!(unknown.raw_message(), Some("Slow mode is on."));

    let overdrawn = br#"{"error":{"code":40200,"message":"Overdrawn."}}"#;
    let decoded =
        Billing::from_parts(StatusCode::PAYMENT_REQUIRED, &headers, overdrawn).expect("decodes");
    assert!(matches!(decoded, Billing::Overdrawn));
    assert_eq!(decoded.code(), 40201);

    // The generic enum, through the trait.
    let rejected = Rejected::A {
        t: vec!["name".to_owned()],
    };
    let Rejected::A { t } =
        <Rejected<Vec<String>> as Parse>::from_response(&rejected.to_response()).expect("decodes");
    assert_eq!(t, ["name"]);
    let unknown = br#"{"error":{"code":"B","message":"?"}}"#;
    assert!(Rejected::<u8>::from_parts(StatusCode::BAD_REQUEST, &headers, unknown).is_err());
}
