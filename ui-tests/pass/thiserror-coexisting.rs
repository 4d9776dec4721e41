//! `thiserror` and `ApiError` derived on one enum: `#[error]` is the
//! internal `Display`, `#[api(message)]` the public one, and thiserror's
//! `#[source]` / `#[from]` fields are errbook's sources.

#![deny(warnings, clippy::pedantic)]

use std::error::Error as _;
use std::num::ParseIntError;

use errbook::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api(rename_all = "snake_case")]
enum AppError {
    #[error("user {id} not found in shard {shard}")]
    #[api(status = 404, message = "User {id} not found.")]
    NotFound { id: u64, shard: u8 },

    #[error("database error")]
    #[api(code = "db", status = 500, message = "Database error.")]
    Database(#[from] std::io::Error),

    #[error("cannot parse {input:?}")]
    #[api(status = 400, message = "Not a number.")]
    Parse {
        #[source]
        cause: ParseIntError,
        #[api(field)]
        input: String,
    },

    #[error("upstream failed")]
    #[api(status = 502)]
    Upstream { source: std::fmt::Error },
}

fn read() -> Result<(), AppError> {
    Err(std::io::Error::other("disk full"))?;
    Ok(())
}

fn parse(input: &str) -> Result<u8, AppError> {
    input.parse().map_err(|cause| AppError::Parse {
        cause,
        input: input.to_owned(),
    })
}

fn main() {
    let err = AppError::NotFound { id: 1, shard: 2 };
    assert_eq!(err.to_string(), "user 1 not found in shard 2");
    assert_eq!(err.message().to_string(), "User 1 not found.");
    assert_eq!(err.code(), "not_found");

    let db = read().unwrap_err();
    assert_eq!(db.to_string(), "database error");
    assert_eq!(
        db.source().map(ToString::to_string).as_deref(),
        Some("disk full")
    );
    assert_eq!(
        db.source_error().map(ToString::to_string).as_deref(),
        Some("disk full")
    );
    assert_eq!(
        serde_json::to_string(&db.envelope()).unwrap(),
        r#"{"error":{"code":"db","message":"Database error."}}"#,
    );

    let bad = parse("x").unwrap_err();
    assert!(bad.source_error().is_some());
    assert_eq!(
        serde_json::to_string(&bad.envelope()).unwrap(),
        r#"{"error":{"code":"parse","message":"Not a number.","input":"x"}}"#,
    );

    let upstream = AppError::Upstream {
        source: std::fmt::Error,
    };
    assert!(upstream.source_error().is_some());
    assert_eq!(upstream.message().to_string(), "Bad Gateway");
}
