//! The OpenAPI document of the chat API's server (feature `utoipa`): every
//! route the axum and actix-web example servers serve, its error responses
//! generated from the catalog of [`ServerError`] (the chat API's codes and
//! errbook's `Rejection`s with the server's `app:` codes, in the chat API's
//! own envelope).
//!
//! Each path lists `responses(…, ServerError)`: one response per status, a
//! `oneOf` of one schema per code where codes share a status, each with an
//! example body. [`with_components`] is the variant with one named schema
//! per code under `components.schemas`, the responses referring to them.
//!
//! The servers' tests check that the paths and methods here are exactly
//! those the routers serve, so a route cannot be added undocumented.

use errbook::{ApiError as _, Rejection};
use utoipa::openapi::path::Operation;
use utoipa::openapi::{OpenApi as Document, PathItem};
use utoipa::{OpenApi, ToSchema};

use crate::chat_server::ServerError;

/// A user: the schema of [`chat_server::User`](crate::chat_server::User),
/// which does not derive `ToSchema` (the library builds without utoipa).
#[derive(ToSchema)]
#[allow(dead_code)]
struct User {
    /// The user's id.
    id: u64,
    /// The user's name.
    name: String,
}

/// The body of `POST /users`.
#[derive(ToSchema)]
#[allow(dead_code)]
struct NewUser {
    /// The user's name, 1 to 32 characters.
    name: String,
    /// The user's age, at least 13.
    age: u8,
    /// The user's email address.
    email: String,
}

/// The body of `POST /spaces/{id}/messages`.
#[derive(ToSchema)]
#[allow(dead_code)]
struct NewMessage {
    /// The message text, at most 2,000 characters.
    content: String,
}

/// A message, as created.
#[derive(ToSchema)]
#[allow(dead_code)]
struct Message {
    /// The space it was posted in.
    space: u64,
    /// The message text.
    content: String,
}

/// Gets a user.
#[utoipa::path(
    get,
    path = "/users/{id}",
    params(("id" = u64, Path, description = "The user's id")),
    responses((status = 200, description = "The user", body = User), ServerError)
)]
#[allow(dead_code)]
fn get_user() {}

/// Creates a user: `app:invalid_body` (422) lists every problem of the
/// body, each at its member's pointer.
#[utoipa::path(
    post,
    path = "/users",
    request_body = NewUser,
    responses((status = 201, description = "The user, as created", body = User), ServerError)
)]
#[allow(dead_code)]
fn create_user() {}

/// Posts a message to a space.
#[utoipa::path(
    post,
    path = "/spaces/{id}/messages",
    params(("id" = u64, Path, description = "The space's id")),
    request_body = NewMessage,
    responses((status = 201, description = "The message, as created", body = Message), ServerError)
)]
#[allow(dead_code)]
fn post_message() {}

/// Lists the messages of a space.
#[utoipa::path(
    get,
    path = "/spaces/{id}/messages",
    params(
        ("id" = u64, Path, description = "The space's id"),
        ("limit" = Option<u32>, Query, description = "At most this many messages; above 100 is `RATE_LIMITED`"),
    ),
    responses((status = 200, description = "The messages", body = Vec<Message>), ServerError)
)]
#[allow(dead_code)]
fn list_messages() {}

/// Checks the service's health: `204` when it is up, `UNKNOWN_ERROR` (500)
/// when the storage behind it is down.
#[utoipa::path(
    get,
    path = "/status",
    responses((status = 204, description = "The service is up"), ServerError)
)]
#[allow(dead_code)]
fn status() {}

/// The chat API.
#[derive(OpenApi)]
#[openapi(
    info(title = "Chat API", version = "1.0.0"),
    paths(get_user, create_user, post_message, list_messages, status),
    components(schemas(User, NewUser, NewMessage, Message))
)]
struct ChatApi;

/// The document, error responses inline.
pub fn document() -> Document {
    ChatApi::openapi()
}

/// The document with each code's schema under `components.schemas`, and the
/// error responses referring to them.
pub fn with_components() -> Document {
    let mut document = document();
    for item in document.paths.paths.values_mut() {
        for operation in operations(item) {
            // The inline responses `ServerError` gave, replaced status by status.
            let errors = errbook::utoipa::referenced_responses::<ServerError>();
            operation.responses.responses.extend(errors);
        }
    }
    let errors = errbook::utoipa::components::<ServerError>();
    let components = document.components.get_or_insert_with(Default::default);
    components.schemas.extend(errors.schemas);
    document
}

/// Every `(method, path)` the document describes, methods in capitals
/// (`("GET", "/users/{id}")`), sorted.
pub fn operations_of(document: &Document) -> Vec<(String, String)> {
    let mut all = Vec::new();
    for (path, item) in &document.paths.paths {
        for (method, operation) in [
            ("GET", &item.get),
            ("PUT", &item.put),
            ("POST", &item.post),
            ("DELETE", &item.delete),
            ("OPTIONS", &item.options),
            ("HEAD", &item.head),
            ("PATCH", &item.patch),
            ("TRACE", &item.trace),
        ] {
            if operation.is_some() {
                all.push((method.to_owned(), path.clone()));
            }
        }
    }
    all.sort();
    all
}

fn operations(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.options,
        &mut item.head,
        &mut item.patch,
        &mut item.trace,
    ]
    .into_iter()
    .filter_map(Option::as_mut)
}

/// The methods a path item can describe, but `HEAD`: a server answers it
/// wherever it answers `GET`, and a document does not list it.
pub const PROBED_METHODS: [&str; 7] = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "PATCH", "TRACE"];

/// Every `(method, path)` a server serves, sorted as [`operations_of`]
/// sorts a document's: each of `paths` (its `{…}` parameters filled with
/// `1`) asked with each of [`PROBED_METHODS`] through `ask(method, path)`,
/// which sends the request with a JSON body and returns the reply's body. A
/// method is served unless the reply's code is [`ServerError`]'s for
/// [`Rejection::MethodNotAllowed`] (`app:method_not_allowed`); a path
/// answered with its code for [`Rejection::RouteNotFound`] is an error
/// naming it.
///
/// # Errors
///
/// A path of `paths` the server does not route.
pub fn served_operations<'a>(
    paths: impl IntoIterator<Item = &'a str>,
    mut ask: impl FnMut(&str, &str) -> Vec<u8>,
) -> Result<Vec<(String, String)>, String> {
    let mut served = Vec::new();
    for path in paths {
        let concrete = path
            .split('/')
            .map(|segment| {
                if segment.starts_with('{') {
                    "1"
                } else {
                    segment
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        for method in PROBED_METHODS {
            let body = ask(method, &concrete);
            let code = serde_json::from_slice::<serde_json::Value>(&body)
                .ok()
                .and_then(|body| body["error"]["code"].as_str().map(str::to_owned));
            let is = |rejection: Rejection| {
                code.as_deref() == ServerError::from(rejection).code().as_str()
            };
            if is(Rejection::RouteNotFound) {
                return Err(format!("{method} {path} is not routed"));
            }
            if !is(Rejection::MethodNotAllowed) {
                served.push((method.to_owned(), path.to_owned()));
            }
        }
    }
    served.sort();
    Ok(served)
}
