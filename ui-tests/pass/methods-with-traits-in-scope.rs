//! Every `ApiError` method called by method syntax with the traits an error
//! type usually has in scope: `std::error::Error`, `Display`, thiserror's
//! derive, axum's `IntoResponse` and actix-web's `ResponseError`. None of
//! the names is ambiguous.

#![deny(warnings, clippy::pedantic)]

use std::error::Error;
use std::fmt::{self, Display};

use actix_web::ResponseError;
use axum::response::IntoResponse;
use errbook::format::Problem;
use errbook::{ApiError, FieldVisitor};

#[derive(Debug, thiserror::Error, ApiError)]
#[api(
    prefix = "user:",
    rename_all = "snake_case",
    parse,
    domain = "example.com",
    docs = "https://example.com/errors/{code}"
)]
enum UserError {
    /// No user has this id.
    #[error("user {id} missing")]
    #[api(status = 404, message = "User {id} not found.", title = "No such user")]
    NotFound {
        #[api(field)]
        id: u64,
    },
    /// Too many requests.
    #[error("rate limited")]
    #[api(status = 429, message = "Slow down.")]
    Limited {
        #[api(field, retry_after = "ms")]
        retry_after_ms: u64,
    },
}

struct Names(Vec<String>);

impl FieldVisitor for Names {
    type Error = fmt::Error;

    fn visit<T: serde::Serialize + ?Sized>(&mut self, name: &str, _: &T) -> Result<(), fmt::Error> {
        self.0.push(name.to_owned());
        Ok(())
    }
}

/// The public message and the first placeholder, through the trait methods.
struct Public<'a>(&'a UserError);

impl Display for Public<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_message(f)?;
        f.write_str(" / ")?;
        self.0.fmt_arg(0, f)
    }
}

fn main() {
    let err = UserError::NotFound { id: 7 };
    assert_eq!(err.code(), "user:not_found");
    assert_eq!(err.status(), 404);
    assert_eq!(err.message().to_string(), "User 7 not found.");
    assert_eq!(Public(&err).to_string(), "User 7 not found. / 7");
    assert_eq!(err.doc(), Some("No user has this id."));
    assert_eq!(err.title(), Some("No such user"));
    assert_eq!(err.domain(), Some("example.com"));
    assert!(err.has_status());
    assert_eq!(err.docs_template(), Some("https://example.com/errors/{code}"));
    assert_eq!(
        err.docs_url().map(|url| url.to_string()).as_deref(),
        Some("https://example.com/errors/user:not_found")
    );
    assert_eq!(err.entry().map(errbook::catalog::Entry::variant), Some("NotFound"));
    assert_eq!(err.retry_after(), None);
    assert!(err.source_error().is_none());
    let mut names = Names(Vec::new());
    err.visit_fields(&mut names).unwrap();
    assert_eq!(names.0, ["id"]);
    assert_eq!(UserError::catalog().len(), 2);
    assert!(serde_json::to_string(&err.envelope()).unwrap().contains("user:not_found"));
    assert!(serde_json::to_string(&err.envelope_as(Problem)).unwrap().contains("\"type\""));
    assert_eq!(err.to_response_as(Problem).headers()["content-type"], "application/problem+json");
    let response = err.to_response();
    assert!(matches!(UserError::from_response(&response), Ok(UserError::NotFound { id: 7 })));
    let limited = UserError::Limited { retry_after_ms: 1500 };
    assert_eq!(limited.retry_after(), Some(std::time::Duration::from_millis(1500)));

    // The traits' own methods still resolve next to them.
    assert!(err.source().is_none());
    assert_eq!(err.to_string(), "user 7 missing");
    assert_eq!(ResponseError::status_code(&err), 404);
    assert_eq!(err.error_response().status(), 404);
    assert_eq!(err.into_response().status(), 404);
}
