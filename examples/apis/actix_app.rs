//! The chat API served by actix-web 4 (feature `actix-web`): the routes of
//! [`chat_server`], with every error, the framework's
//! own included, in the chat API's envelope.
//!
//! - Handlers return [`ServerError`], an `actix_web::ResponseError` through
//!   the derive (it implements `Display`).
//! - errbook's extractors read the bodies and query strings, so that a
//!   body of the wrong shape is `app:invalid_body` with one violation per
//!   problem, each at its member's pointer, and a query parameter that
//!   does not parse is named: `POST /users` (with
//!   [`ValidJson`](errbook::actix::ValidJson), which also runs
//!   [`NewUser`]'s check) answers one request with
//!   three wrong members with one response holding three violations.
//! - [`errbook::actix::configure`] makes the JSON, path and query
//!   extractors reject in that envelope, with the server's own codes
//!   (`app:malformed_json`, `app:invalid_body`, `app:unsupported_media_type`,
//!   `app:payload_too_large`, `app:invalid_path`, `app:invalid_query`: the
//!   prefix and case [`ServerError`] nests [`errbook::Rejection`] with) and
//!   answers unknown paths with `app:route_not_found`.
//! - [`errbook::actix::Fallback`] turns the 405 of a known path asked with
//!   another method into `app:method_not_allowed`, `Allow` kept.
//! - [`errbook::actix::RequestIds`] gives each request an id (its
//!   `x-request-id`, or a new one), echoes it and chooses development mode
//!   for this app.
//!
//! `cargo run --example actix_server --features actix-web` serves it.

use std::io;
use std::net::{SocketAddr, TcpListener};
use std::sync::mpsc;
use std::thread::JoinHandle;

use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServerHandle, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::{App, HttpResponse, HttpServer, Route, web};
use errbook::actix::{Fallback, RequestIds};
use serde::Deserialize;

use crate::chat_server::{self, NewMessage, NewUser, ServerError, User};

/// The largest JSON body accepted, in bytes: room for a message of
/// [`MAX_MESSAGE_CHARS`](chat_server::MAX_MESSAGE_CHARS) characters of up
/// to four bytes each, and no more.
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// The `limit` of `GET /spaces/{id}/messages` when the query has none.
pub const DEFAULT_LIMIT: u32 = 50;

/// The query of `GET /spaces/{id}/messages`.
#[derive(Debug, Deserialize)]
pub struct Page {
    /// How many messages to list.
    pub limit: Option<u32>,
}

async fn get_user(id: web::Path<u64>) -> Result<web::Json<User>, ServerError> {
    chat_server::get_user(id.into_inner()).map(web::Json)
}

async fn create_user(
    errbook::actix::ValidJson(new, _): errbook::actix::ValidJson<NewUser, ServerError>,
) -> HttpResponse {
    HttpResponse::Created().json(chat_server::create_user(new))
}

async fn post_message(
    space: web::Path<u64>,
    errbook::actix::Json(new, _): errbook::actix::Json<NewMessage, ServerError>,
) -> Result<HttpResponse, ServerError> {
    let message = chat_server::post_message(space.into_inner(), new)?;
    Ok(HttpResponse::Created().json(message))
}

async fn list_messages(
    space: web::Path<u64>,
    errbook::actix::Query(page, _): errbook::actix::Query<Page, ServerError>,
) -> Result<HttpResponse, ServerError> {
    let limit = page.limit.unwrap_or(DEFAULT_LIMIT);
    let messages = chat_server::list_messages(space.into_inner(), limit)?;
    Ok(HttpResponse::Ok().json(messages))
}

async fn status() -> Result<HttpResponse, ServerError> {
    chat_server::status()?;
    Ok(HttpResponse::NoContent().finish())
}

/// Every route the app serves: each path with its handlers. [`configure`]
/// registers this list alone, so it is the list of what is served, and the
/// OpenAPI document (`chat_openapi`, feature `utoipa`) is checked against
/// it.
pub fn routes() -> Vec<(&'static str, Vec<Route>)> {
    vec![
        ("/users/{id}", vec![web::get().to(get_user)]),
        ("/users", vec![web::post().to(create_user)]),
        (
            "/spaces/{id}/messages",
            vec![web::get().to(list_messages), web::post().to(post_message)],
        ),
        ("/status", vec![web::get().to(status)]),
    ]
}

/// The routes, the extractor configs and the default service, for
/// `App::configure`.
pub fn configure(config: &mut web::ServiceConfig) {
    errbook::actix::configure::<ServerError>(config);
    config.app_data(errbook::actix::json_config::<ServerError>().limit(MAX_BODY_BYTES));
    for (path, handlers) in routes() {
        let resource = handlers
            .into_iter()
            .fold(web::resource(path), actix_web::Resource::route);
        config.service(resource);
    }
}

/// The app: [`configure`], then [`Fallback`] for wrong methods and
/// [`RequestIds`] outermost; `development` puts `details` (the `Debug` output
/// and the source chain) into this app's error bodies.
pub fn app(
    development: bool,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new()
        .configure(configure)
        .wrap(Fallback::<ServerError>::new())
        .wrap(RequestIds::new().development(development))
}

/// The server on `listener`, stopping on Ctrl-C; await it inside an actix
/// system (`actix_web::rt::System::new().block_on(server)`).
pub fn server(listener: TcpListener, development: bool) -> io::Result<Server> {
    Ok(HttpServer::new(move || app(development))
        .listen(listener)?
        .run())
}

/// A server running on a thread of its own, for tests: it answers until
/// [`stop`](Background::stop).
#[derive(Debug)]
pub struct Background {
    addr: SocketAddr,
    handle: ServerHandle,
    thread: JoinHandle<io::Result<()>>,
}

impl Background {
    /// Starts a one-worker server on `listener` (bind `127.0.0.1:0` for a
    /// free port), on a new thread with its own actix system. Signals are
    /// left to the caller.
    pub fn start(listener: TcpListener, development: bool) -> io::Result<Background> {
        let addr = listener.local_addr()?;
        let (sender, receiver) = mpsc::channel();
        let thread = std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let server = HttpServer::new(move || app(development))
                    .workers(1)
                    .disable_signals()
                    .shutdown_timeout(5)
                    .listen(listener);
                let server = match server {
                    Ok(server) => server.run(),
                    Err(error) => {
                        let _ = sender.send(Err(error));
                        return Ok(());
                    }
                };
                let _ = sender.send(Ok(server.handle()));
                server.await
            })
        });
        let handle = match receiver.recv() {
            Ok(handle) => handle?,
            Err(_) => {
                return Err(match thread.join() {
                    Ok(Err(error)) => error,
                    _ => io::Error::other("the server thread ended before starting"),
                });
            }
        };
        Ok(Background {
            addr,
            handle,
            thread,
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops it gracefully (requests in flight finish; close clients'
    /// connections first, or it waits up to five seconds for them) and
    /// waits for its thread.
    pub fn stop(self) -> io::Result<()> {
        // The command is sent at once; the returned future only waits for it.
        drop(self.handle.stop(true));
        match self.thread.join() {
            Ok(result) => result,
            Err(_) => Err(io::Error::other("the server thread panicked")),
        }
    }
}
