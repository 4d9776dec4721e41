//! The chat API served with axum 0.8 (feature `axum`): the routes of
//! [`chat_server`], with errbook's extractors,
//! fallbacks and request ids, so every error a client can get — the
//! handlers' and axum's own — is in the chat API's envelope.
//!
//! | route | answers |
//! |---|---|
//! | `GET /users/{id}` | `200` with user 1; `USER_NOT_FOUND` (404) for any other id; `app:invalid_path` (400) for a non-numeric one |
//! | `POST /users` with `{"name", "age", "email"}` | `201` with the user; `app:invalid_body` (422) with one violation per problem (a member of the wrong kind or missing, a value [`NewUser`]'s check refuses), all in one response ([`ValidJson`]) |
//! | `POST /spaces/{id}/messages` with `{"content": "…"}` | `201` with the message; `MESSAGE_TOO_LARGE` (400) over 2,000 characters; `FORBIDDEN` (403) in space 13; `app:malformed_json` (400), `app:invalid_body` (422), `app:unsupported_media_type` (415), `app:payload_too_large` (413, over [`BODY_LIMIT`] bytes) |
//! | `GET /spaces/{id}/messages?limit=N` | `200` with `[]`; `RATE_LIMITED` (429, `Retry-After`) above 100; `app:invalid_query` (400) for a `limit` that is not a number |
//! | `GET /status` | `UNKNOWN_ERROR` (500): its cause only in development mode |
//! | anything else | `app:route_not_found` (404), or `app:method_not_allowed` (405, `Allow`) on a known path |
//!
//! Every response carries `x-request-id`: the request's own, or one made
//! for it. axum's rejections carry the server's own codes (`app:…`): the
//! prefix and case [`ServerError`] nests [`errbook::Rejection`] with.
//!
//! ```no_run
//! # fn main() -> std::io::Result<()> {
//! let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
//! runtime.block_on(async {
//!     let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
//!     errbook_examples::axum_app::serve(listener, false).await
//! })
//! # }
//! ```

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{MethodRouter, get, post};
use errbook::axum::{Json, Path, Query, RequestIds, ValidJson, method_not_allowed, not_found};
use serde::Deserialize;

use crate::chat_server::{self, Message, NewMessage, NewUser, ServerError, User};

/// The largest request body accepted, in bytes: a 2,000-character message
/// fits (at up to 4 bytes a character); anything larger is
/// `app:payload_too_large` before it is parsed.
pub const BODY_LIMIT: usize = 16 * 1024;

/// The query of `GET /spaces/{id}/messages`.
#[derive(Clone, Copy, Debug, Deserialize)]
pub struct ListQuery {
    /// How many messages to return; 50 when absent.
    #[serde(default = "default_limit")]
    pub limit: u32,
}

fn default_limit() -> u32 {
    50
}

async fn get_user(
    Path(id, _): Path<u64, ServerError>,
) -> Result<Json<User, ServerError>, ServerError> {
    chat_server::get_user(id).map(Json::new)
}

async fn create_user(
    ValidJson(new, _): ValidJson<NewUser, ServerError>,
) -> (StatusCode, Json<User, ServerError>) {
    (
        StatusCode::CREATED,
        Json::new(chat_server::create_user(new)),
    )
}

async fn post_message(
    Path(space, _): Path<u64, ServerError>,
    Json(new, _): Json<NewMessage, ServerError>,
) -> Result<(StatusCode, Json<Message, ServerError>), ServerError> {
    let message = chat_server::post_message(space, new)?;
    Ok((StatusCode::CREATED, Json::new(message)))
}

async fn list_messages(
    Path(space, _): Path<u64, ServerError>,
    Query(query, _): Query<ListQuery, ServerError>,
) -> Result<Json<Vec<Message>, ServerError>, ServerError> {
    chat_server::list_messages(space, query.limit).map(Json::new)
}

async fn status() -> Result<StatusCode, ServerError> {
    chat_server::status().map(|()| StatusCode::NO_CONTENT)
}

/// Every route the router serves: each path with its handlers. The router
/// is built from this list alone, so it is the list of what is served, and
/// the OpenAPI document (`chat_openapi`, feature `utoipa`) is checked
/// against it.
pub fn routes() -> Vec<(&'static str, MethodRouter)> {
    vec![
        ("/users/{id}", get(get_user)),
        ("/users", post(create_user)),
        (
            "/spaces/{id}/messages",
            post(post_message).get(list_messages),
        ),
        ("/status", get(status)),
    ]
}

/// The chat API's router: [`routes`], the fallbacks, the body limit and
/// request ids. `development` shows the `details` of errors (their `Debug`
/// and source chain) in bodies; the process-wide setting is left alone, so
/// a development and a production router can share a process.
pub fn router(development: bool) -> Router {
    routes()
        .into_iter()
        .fold(Router::new(), |router, (path, handlers)| {
            router.route(path, handlers)
        })
        // After the routes: it applies to the routes added before it.
        .method_not_allowed_fallback(method_not_allowed::<ServerError>)
        .fallback(not_found::<ServerError>)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        // Last, so that it wraps the routes and both fallbacks.
        .layer(RequestIds::new().development(development))
}

/// Serves [`router`] on `listener` until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, development: bool) -> std::io::Result<()> {
    axum::serve(listener, router(development)).await
}
