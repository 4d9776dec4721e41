//! The OpenAPI document of the chat API's server, its error responses
//! generated from the catalog of `ServerError` (the chat API's codes and
//! errbook's `Rejection`s, in the chat API's own envelope).
//!
//! ```text
//! cargo run --example openapi --features utoipa [-- --components]
//! ```
//!
//! Prints the document as pretty JSON. Each path lists
//! `responses(…, ServerError)`: one response per status, a `oneOf` of one
//! schema per code where codes share a status, each with an example body.
//! `--components` prints the variant with one named schema per code under
//! `components.schemas`, the responses referring to them.

use errbook_examples::chat_server::ServerError;
use utoipa::openapi::{OpenApi as Document, PathItem};
use utoipa::{OpenApi, ToSchema};

/// A user: the schema of [`errbook_examples::chat_server::User`], which
/// does not derive `ToSchema` (the library builds without utoipa).
#[derive(ToSchema)]
#[allow(dead_code)]
struct User {
    /// The user's id.
    id: u64,
    /// The user's name.
    name: String,
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

#[derive(OpenApi)]
#[openapi(
    info(title = "Chat API", version = "1.0.0"),
    paths(get_user, post_message, list_messages),
    components(schemas(User, NewMessage, Message))
)]
struct ChatApi;

/// The document with each code's schema under `components.schemas`, and the
/// error responses referring to them.
fn with_components() -> Document {
    let mut document = ChatApi::openapi();
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

fn operations(item: &mut PathItem) -> impl Iterator<Item = &mut utoipa::openapi::path::Operation> {
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

fn main() -> Result<(), serde_json::Error> {
    let document = match std::env::args().nth(1).as_deref() {
        None => ChatApi::openapi(),
        Some("--components") => with_components(),
        Some(_) => {
            eprintln!("usage: openapi [--components]");
            std::process::exit(2);
        }
    };
    println!("{}", document.to_pretty_json()?);
    Ok(())
}
