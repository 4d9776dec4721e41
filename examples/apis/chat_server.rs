//! The chat API's server side, shared by the axum and actix-web example
//! servers: the error type their handlers return and the handlers' logic,
//! framework-free.
//!
//! [`ServerError`] nests the page's [`ChatError`] and errbook's
//! [`Rejection`] (the framework's own errors: malformed JSON, bad path
//! parameters, unknown routes, wrong methods), so both reach clients in the
//! chat API's envelope, and the derive checks at compile time that no
//! rejection code collides with a chat code. The rejections carry the
//! server's own codes, `app:` and snake case (`app:malformed_json`,
//! `app:route_not_found`, …), chosen where `Rejection` is nested.
//!
//! | route | answers |
//! |---|---|
//! | `GET /users/{id}` | user 1 exists; any other id is `USER_NOT_FOUND` (404); a non-numeric id is `app:invalid_path` (400) |
//! | `POST /users` with `{"name", "age", "email"}` | 201 with the user; a body of the wrong shape or one [`NewUser`]'s check refuses is `app:invalid_body` (422) with every problem found, each at its member's pointer, in one response |
//! | `POST /spaces/{id}/messages` with `{"content": "…"}` | 201 with the message; over 2,000 characters is `MESSAGE_TOO_LARGE` (400); space 13 is `FORBIDDEN` (403, `missing_permission`) |
//! | `GET /spaces/{id}/messages?limit=N` | `limit` above 100 is `RATE_LIMITED` (429, `retry_after_ms` and `Retry-After`) |
//! | `GET /status` | `UNKNOWN_ERROR` (500): an internal cause that only development mode shows |

use errbook::violations::{Pointer, Validate, Violation, Violations};
use errbook::{ApiError, Rejection};
use serde::{Deserialize, Serialize};

use crate::chat_api::ChatEnvelope;
pub use crate::chat_api::ChatError;

/// What the example servers' handlers return.
#[derive(Debug, ApiError)]
#[api(format = ChatEnvelope)]
pub enum ServerError {
    /// An error of the chat API's page.
    #[api(transparent)]
    Chat(ChatError),
    /// The framework rejected the request before a handler ran: errbook's
    /// rejection codes, renamed into the server's style
    /// (`MALFORMED_JSON` is `app:malformed_json`).
    #[api(transparent, prefix = "app:", rename_all = "snake_case")]
    Rejected(Rejection),
}

// actix-web's `ResponseError` asks for `Display`; the public message is the
// natural one.
impl std::fmt::Display for ServerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.fmt_message(f)
    }
}

impl std::error::Error for ServerError {}

/// A user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// The user's id.
    pub id: u64,
    /// The user's name.
    pub name: String,
}

/// The body of `POST /users`: a new account, checked by its [`Validate`]
/// impl (a `name` of 1 to [`MAX_NAME_CHARS`] characters, an `age` of at
/// least [`MIN_AGE`], an `email` with an `@`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewUser {
    /// The user's name.
    pub name: String,
    /// The user's age, in years.
    pub age: u8,
    /// The user's email address.
    pub email: String,
}

/// The longest name `POST /users` accepts, in characters.
pub const MAX_NAME_CHARS: usize = 32;

/// The youngest age `POST /users` accepts.
pub const MIN_AGE: u8 = 13;

impl Validate for NewUser {
    /// Each rule with pydantic's code and message for it, so a client
    /// reads them as it reads the reading's own.
    fn validate(&self) -> Result<(), Violations> {
        let mut violations = Violations::new();
        let at = |name: &str| Pointer::root().field(name);
        let chars = self.name.chars().count();
        if chars == 0 {
            violations.push(
                Violation::body(
                    at("name"),
                    "string_too_short",
                    "String should have at least 1 character",
                )
                .extra("ctx", serde_json::json!({"min_length": 1})),
            );
        } else if chars > MAX_NAME_CHARS {
            violations.push(
                Violation::body(
                    at("name"),
                    "string_too_long",
                    format!("String should have at most {MAX_NAME_CHARS} characters"),
                )
                .extra("ctx", serde_json::json!({"max_length": MAX_NAME_CHARS})),
            );
        }
        if self.age < MIN_AGE {
            violations.push(
                Violation::body(
                    at("age"),
                    "greater_than_equal",
                    format!("Input should be greater than or equal to {MIN_AGE}"),
                )
                .extra("ctx", serde_json::json!({"ge": MIN_AGE})),
            );
        }
        if !self.email.contains('@') {
            violations.push(Violation::body(
                at("email"),
                "value_error",
                "value is not a valid email address: An email address must have an @-sign.",
            ));
        }
        if violations.is_empty() {
            Ok(())
        } else {
            Err(violations)
        }
    }
}

/// The body of `POST /spaces/{id}/messages`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMessage {
    /// The message text.
    pub content: String,
}

/// A message, as created.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// The space it was posted in.
    pub space: u64,
    /// The message text.
    pub content: String,
}

/// The longest message content accepted, in characters.
pub const MAX_MESSAGE_CHARS: usize = 2_000;

/// The space in which the caller lacks `send_messages`.
pub const READ_ONLY_SPACE: u64 = 13;

/// The largest `limit` served without hitting the rate limit.
pub const MAX_LIMIT: u32 = 100;

/// `GET /users/{id}`.
pub fn get_user(id: u64) -> Result<User, ServerError> {
    if id == 1 {
        Ok(User {
            id,
            name: "ada".to_owned(),
        })
    } else {
        Err(ChatError::UserNotFound.into())
    }
}

/// The id `POST /users` gives the user it creates.
pub const NEW_USER_ID: u64 = 2;

/// `POST /users`, with a body the extractor has read and checked.
pub fn create_user(new: NewUser) -> User {
    User {
        id: NEW_USER_ID,
        name: new.name,
    }
}

/// `POST /spaces/{id}/messages`.
pub fn post_message(space: u64, new: NewMessage) -> Result<Message, ServerError> {
    if space == READ_ONLY_SPACE {
        return Err(ChatError::Forbidden {
            missing_permission: "send_messages".to_owned(),
        }
        .into());
    }
    if new.content.chars().count() > MAX_MESSAGE_CHARS {
        return Err(ChatError::MessageTooLarge.into());
    }
    Ok(Message {
        space,
        content: new.content,
    })
}

/// `GET /spaces/{id}/messages?limit=N`: no messages yet, or `RATE_LIMITED`
/// for a `limit` above [`MAX_LIMIT`].
pub fn list_messages(space: u64, limit: u32) -> Result<Vec<Message>, ServerError> {
    let _ = space;
    if limit > MAX_LIMIT {
        return Err(ChatError::RateLimited {
            retry_after_ms: 1_500,
        }
        .into());
    }
    Ok(Vec::new())
}

/// `GET /status`: the storage behind the API is down.
pub fn status() -> Result<(), ServerError> {
    let cause = std::io::Error::other("connection refused: db-primary:5432");
    Err(ChatError::UnknownError(Box::new(cause)).into())
}
