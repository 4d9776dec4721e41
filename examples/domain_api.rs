//! The `domain:operation` API's errors, rendered as HTTP responses.
//!
//! `cargo run --example domain_api` prints a representative set of the
//! page's codes as a client receives them, then one internal error twice: in
//! production (the default), and in development mode, where the body gets
//! the `details` member the page describes.

use std::time::Duration;

use errbook::{ApiError, Context};
use errbook_examples::domain_api::{
    AppError, DatabaseError, GeneralError, OAuthError, RateLimitError, SessionError, SystemError,
    UserError,
};

/// A handler's error path: `?` converts each domain's error into `AppError`.
fn sign_in(session_expired: bool, password: &str) -> Result<(), AppError> {
    if session_expired {
        return Err(SessionError::Expired.into());
    }
    check_password(password)?;
    Ok(())
}

fn check_password(password: &str) -> Result<(), UserError> {
    if password == "correct horse battery staple" {
        Ok(())
    } else {
        Err(UserError::InvalidPassword)
    }
}

fn main() {
    let errors: Vec<AppError> = vec![
        sign_in(false, "hunter2").unwrap_err(),
        sign_in(true, "hunter2").unwrap_err(),
        OAuthError::AccountAlreadyLinked.into(),
        GeneralError::Forbidden.into(),
        RateLimitError::Exceeded {
            retry_after: Duration::from_millis(30_500),
        }
        .into(),
        SystemError::InternalError("unexpected state".into()).into(),
    ];
    for error in &errors {
        let title = format!("{} ({})", error.code(), error.doc().unwrap_or(""));
        errbook_examples::print_response(&title, &error.to_response());
    }

    let error = AppError::from(SystemError::DatabaseError(DatabaseError::new(
        "SELECT * FROM users WHERE handle = $1",
        "connection to 10.0.0.7:5432 refused",
    )));
    errbook_examples::print_response(
        "system:database_error, production (the default)",
        &error.to_response(),
    );
    // For one response: an explicit context.
    errbook_examples::print_response(
        "system:database_error, development (Context::development())",
        &error
            .envelope()
            .with_context(Context::development())
            .to_response(),
    );
    // For the whole process, from configuration at start-up.
    errbook::set_development_mode(true);
    errbook_examples::print_response(
        "system:database_error, development (set_development_mode(true))",
        &error.to_response(),
    );
    errbook::set_development_mode(false);
}
