//! The actix-web integration over real HTTP (feature `actix-web`): the
//! example chat server on 127.0.0.1, port 0, asked with `reqwest`; and a
//! small app of its own for what the chat envelope does not show (the
//! request id in the body).

#![cfg(feature = "actix-web")]

use std::net::{SocketAddr, TcpListener};
use std::thread::JoinHandle;

use actix_web::body::MessageBody;
use actix_web::dev::{ServerHandle, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::{Next, from_fn};
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use errbook::request::RequestContext;
use errbook::{ApiError, Rejection};
use errbook_examples::actix_app::{Background, MAX_BODY_BYTES};
use errbook_examples::chat_server::{MAX_MESSAGE_CHARS, READ_ONLY_SPACE};
use reqwest::Method;
use serde_json::{Value, json};

/// A response as the client read it.
struct Reply {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(name)
            .map(|value| value.to_str().expect("a text header"))
    }

    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("a UTF-8 body")
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|error| panic!("a JSON body ({error}): {}", self.text()))
    }

    /// The `error` object of an error body, after checking the status and
    /// the `content-type`.
    fn error(&self, status: u16, code: &str) -> Value {
        assert_eq!(self.status, status, "status of {}", self.text());
        assert_eq!(self.header("content-type"), Some("application/json"));
        let body = self.json();
        let error = body["error"].clone();
        assert_eq!(error["code"], code, "{body}");
        error
    }
}

/// An HTTP client with its runtime, asking one server.
struct Http {
    runtime: Option<tokio::runtime::Runtime>,
    client: reqwest::Client,
    base: String,
}

impl Http {
    fn new(addr: SocketAddr) -> Http {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        Http {
            runtime: Some(runtime),
            client: reqwest::Client::new(),
            base: format!("http://{addr}"),
        }
    }

    fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.client.request(method, format!("{}{path}", self.base))
    }

    fn send(&self, request: reqwest::RequestBuilder) -> Reply {
        let runtime = self.runtime.as_ref().expect("the runtime");
        runtime.block_on(async {
            let response = request.send().await.expect("the server answers");
            Reply {
                status: response.status().as_u16(),
                headers: response.headers().clone(),
                body: response.bytes().await.expect("a body").to_vec(),
            }
        })
    }

    fn get(&self, path: &str) -> Reply {
        self.send(self.request(Method::GET, path))
    }

    fn post_json(&self, path: &str, body: &str) -> Reply {
        self.send(
            self.request(Method::POST, path)
                .header("content-type", "application/json")
                .body(body.to_owned()),
        )
    }
}

impl Drop for Http {
    fn drop(&mut self) {
        // Closes the pooled connections, so the server stops at once.
        drop(self.runtime.take());
    }
}

/// The example chat server and a client of it; stopped, cleanly, when
/// dropped.
struct Chat {
    client: Option<Http>,
    server: Option<Background>,
}

impl Chat {
    fn start(development: bool) -> Chat {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let server = Background::start(listener, development).expect("the server starts");
        Chat {
            client: Some(Http::new(server.addr())),
            server: Some(server),
        }
    }

    fn client(&self) -> &Http {
        self.client.as_ref().expect("the client")
    }
}

impl std::ops::Deref for Chat {
    type Target = Http;

    fn deref(&self) -> &Http {
        self.client()
    }
}

impl Drop for Chat {
    fn drop(&mut self) {
        drop(self.client.take());
        if let Some(server) = self.server.take() {
            let stopped = server.stop();
            if !std::thread::panicking() {
                stopped.expect("a clean shutdown");
            }
        }
    }
}

// --- The chat API's own errors --------------------------------------------

#[test]
fn successes_are_served() {
    let chat = Chat::start(false);

    let reply = chat.get("/users/1");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.json(), json!({"id": 1, "name": "ada"}));

    let reply = chat.post_json("/spaces/1/messages", r#"{"content": "hello"}"#);
    assert_eq!(reply.status, 201);
    assert_eq!(reply.json(), json!({"space": 1, "content": "hello"}));

    let reply = chat.get("/spaces/1/messages?limit=10");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json(), json!([]));
}

#[test]
fn user_not_found_is_404_in_the_chat_envelope() {
    let chat = Chat::start(false);
    let reply = chat.send(
        chat.request(Method::GET, "/users/2")
            .header("x-request-id", "req-404"),
    );
    reply.error(404, "USER_NOT_FOUND");
    assert_eq!(
        reply.json(),
        json!({"error": {
            "code": "USER_NOT_FOUND",
            "message": "No user exists with this ID.",
            "retry_after_ms": null,
            "missing_permission": null,
            "request_id": "req-404",
        }})
    );
    // The members in the page's order.
    assert_eq!(
        reply.text(),
        r#"{"error":{"code":"USER_NOT_FOUND","message":"No user exists with this ID.","retry_after_ms":null,"missing_permission":null,"request_id":"req-404"}}"#
    );
    assert_eq!(reply.header("retry-after"), None);
}

#[test]
fn forbidden_names_the_missing_permission() {
    let chat = Chat::start(false);
    let reply = chat.post_json(
        &format!("/spaces/{READ_ONLY_SPACE}/messages"),
        r#"{"content": "hi"}"#,
    );
    let error = reply.error(403, "FORBIDDEN");
    assert_eq!(error["missing_permission"], "send_messages");
    assert_eq!(
        error["message"],
        "You do not have permission to perform this action."
    );
    assert_eq!(error["retry_after_ms"], Value::Null);
}

#[test]
fn rate_limited_sets_retry_after() {
    let chat = Chat::start(false);
    let reply = chat.get("/spaces/1/messages?limit=101");
    let error = reply.error(429, "RATE_LIMITED");
    assert_eq!(reply.header("retry-after"), Some("2"));
    assert_eq!(error["retry_after_ms"], 1500);
    assert_eq!(error["missing_permission"], Value::Null);
}

#[test]
fn message_too_large_comes_from_the_handler() {
    let chat = Chat::start(false);
    let content = "x".repeat(MAX_MESSAGE_CHARS + 1);
    let reply = chat.post_json(
        "/spaces/1/messages",
        &json!({ "content": content }).to_string(),
    );
    let error = reply.error(400, "MESSAGE_TOO_LARGE");
    assert_eq!(
        error["message"],
        "Message body exceeds the maximum allowed size."
    );
}

#[test]
fn unknown_error_in_production_has_no_trace_of_its_cause() {
    let chat = Chat::start(false);
    let reply = chat.get("/status");
    let error = reply.error(500, "UNKNOWN_ERROR");
    assert_eq!(error["message"], "An unexpected server error occurred.");
    assert_eq!(error.get("details"), None);
    let text = reply.text();
    for secret in [
        "db-primary",
        "5432",
        "connection refused",
        "details",
        "Custom",
    ] {
        assert!(!text.contains(secret), "{secret:?} leaked: {text}");
    }
}

#[test]
fn development_mode_is_chosen_per_app() {
    // Both apps live in this process, at the same time.
    let production = Chat::start(false);
    let development = Chat::start(true);

    let reply = development.get("/status");
    let error = reply.error(500, "UNKNOWN_ERROR");
    assert_eq!(error["message"], "An unexpected server error occurred.");
    let sources = error["details"]["sources"]
        .as_array()
        .unwrap_or_else(|| panic!("a source chain: {error}"));
    assert!(
        sources
            .iter()
            .any(|source| source == "connection refused: db-primary:5432"),
        "{sources:?}"
    );
    assert!(error["details"]["debug"].is_string(), "{error}");

    let reply = production.get("/status");
    let error = reply.error(500, "UNKNOWN_ERROR");
    assert_eq!(error.get("details"), None);
    assert!(!reply.text().contains("db-primary"));

    // A client error has no cause, but development still describes it.
    let reply = development.get("/users/2");
    let error = reply.error(404, "USER_NOT_FOUND");
    assert!(error["details"].is_object(), "{error}");
}

// --- The framework's rejections -------------------------------------------

#[test]
fn malformed_json_is_400() {
    let chat = Chat::start(false);
    let reply = chat.post_json("/spaces/1/messages", r#"{"content":"#);
    let error = reply.error(400, "app:malformed_json");
    assert_eq!(error["message"], "The request body is not valid JSON.");
    assert_eq!(
        error["reason"],
        "EOF while parsing a value at line 1 column 11"
    );

    let reply = chat.post_json("/spaces/1/messages", "not json");
    let error = reply.error(400, "app:malformed_json");
    assert_eq!(error["reason"], "expected ident at line 1 column 2");
}

#[test]
fn json_of_the_wrong_shape_is_422() {
    let chat = Chat::start(false);
    let reply = chat.post_json("/spaces/1/messages", r#"{"text": "hi"}"#);
    let error = reply.error(422, "app:invalid_body");
    assert_eq!(
        error["message"],
        "The request body does not have the expected shape."
    );
    assert_eq!(
        error["reason"],
        "missing field `content` at line 1 column 14"
    );

    let reply = chat.post_json("/spaces/1/messages", r#"{"content": 5}"#);
    let error = reply.error(422, "app:invalid_body");
    let reason = error["reason"].as_str().expect("a reason");
    assert!(reason.starts_with("invalid type: integer `5`"), "{reason}");
}

#[test]
fn a_body_that_is_not_declared_json_is_415() {
    let chat = Chat::start(false);
    // No content-type at all.
    let reply = chat.send(
        chat.request(Method::POST, "/spaces/1/messages")
            .body(r#"{"content": "hi"}"#),
    );
    let error = reply.error(415, "app:unsupported_media_type");
    assert_eq!(
        error["message"],
        "Expected a request with `Content-Type: application/json`."
    );
    // Another type.
    let reply = chat.send(
        chat.request(Method::POST, "/spaces/1/messages")
            .header("content-type", "text/plain")
            .body(r#"{"content": "hi"}"#),
    );
    reply.error(415, "app:unsupported_media_type");
}

#[test]
fn a_body_over_the_limit_is_413() {
    let chat = Chat::start(false);
    let content = "x".repeat(MAX_BODY_BYTES);
    let reply = chat.post_json(
        "/spaces/1/messages",
        &json!({ "content": content }).to_string(),
    );
    let error = reply.error(413, "app:payload_too_large");
    assert_eq!(error["message"], "The request body is too large.");
}

#[test]
fn a_bad_path_parameter_is_invalid_path() {
    let chat = Chat::start(false);
    let reply = chat.get("/users/abc");
    let error = reply.error(400, "app:invalid_path");
    assert_eq!(error["message"], "A path parameter is invalid.");
    assert_eq!(error["reason"], r#"can not parse "abc" to a u64"#);
    assert_eq!(
        error["violations"],
        json!([{"parameter": "id", "in": "path", "code": "int_parsing", "message": "Input should be a valid integer, unable to parse string as an integer"}])
    );
}

#[test]
fn a_bad_query_is_invalid_query() {
    let chat = Chat::start(false);
    let reply = chat.get("/spaces/1/messages?limit=lots");
    let error = reply.error(400, "app:invalid_query");
    assert_eq!(error["message"], "The query string is invalid.");
    assert_eq!(error["reason"], "limit: invalid digit found in string");
    assert_eq!(
        error["violations"],
        json!([{"parameter": "limit", "in": "query", "code": "int_parsing", "message": "Input should be a valid integer, unable to parse string as an integer"}])
    );

    let reply = chat.get("/spaces/1/messages?limit=-1");
    reply.error(400, "app:invalid_query");
}

#[test]
fn an_unknown_route_is_route_not_found() {
    let chat = Chat::start(false);
    for (method, path) in [
        (Method::GET, "/nowhere"),
        (Method::POST, "/accounts"),
        (Method::GET, "/users/1/friends"),
    ] {
        let reply = chat.send(chat.request(method, path));
        let error = reply.error(404, "app:route_not_found");
        assert_eq!(error["message"], "No route matches this path.");
    }
}

#[test]
fn a_wrong_method_is_method_not_allowed_with_allow() {
    let chat = Chat::start(false);
    let reply = chat.send(chat.request(Method::DELETE, "/users/1"));
    let error = reply.error(405, "app:method_not_allowed");
    assert_eq!(error["message"], "This method is not allowed on this path.");
    assert_eq!(reply.header("allow"), Some("GET"));

    let reply = chat.send(chat.request(Method::PUT, "/spaces/1/messages"));
    reply.error(405, "app:method_not_allowed");
    let mut allowed: Vec<&str> = reply
        .header("allow")
        .expect("an Allow header")
        .split(',')
        .map(str::trim)
        .collect();
    allowed.sort_unstable();
    assert_eq!(allowed, ["GET", "POST"]);
}

/// What a client of the chat server reads its rejections back into:
/// errbook's own `Rejection`, under the server's `app:` codes.
#[derive(Debug, ApiError)]
#[api(parse)]
enum ChatReply {
    #[api(transparent, prefix = "app:", rename_all = "snake_case")]
    Rejected(Rejection),
    #[api(other)]
    Other(errbook::Unknown),
}

#[test]
fn a_client_reads_the_renamed_rejections_back_into_rejection() {
    let chat = Chat::start(false);
    let decode = |reply: &Reply| {
        let status = errbook::http::StatusCode::from_u16(reply.status).expect("a status");
        ChatReply::from_parts(status, &reply.headers, &reply.body)
            .unwrap_or_else(|err| panic!("{err}: {}", reply.text()))
    };
    let reply = chat.post_json("/spaces/1/messages", r#"{"text": "hi"}"#);
    let ChatReply::Rejected(Rejection::InvalidBody { reason, .. }) = decode(&reply) else {
        panic!("{}", reply.text());
    };
    assert_eq!(reason, "missing field `content` at line 1 column 14");
    let reply = chat.get("/spaces/1/messages?limit=lots");
    assert!(matches!(
        decode(&reply),
        ChatReply::Rejected(Rejection::InvalidQuery { .. })
    ));
    let reply = chat.send(chat.request(Method::DELETE, "/users/1"));
    assert!(matches!(
        decode(&reply),
        ChatReply::Rejected(Rejection::MethodNotAllowed)
    ));
    let ChatReply::Other(other) = decode(&chat.get("/users/2")) else {
        panic!("a chat code is not a rejection");
    };
    assert_eq!(other.code(), "USER_NOT_FOUND");
}

// --- Request ids ----------------------------------------------------------

#[test]
fn an_incoming_request_id_is_echoed_in_the_header_and_body() {
    let chat = Chat::start(false);
    let ask = |method: Method, path: &str, id: &str| {
        chat.send(chat.request(method, path).header("x-request-id", id))
    };

    // Success: the header only.
    let reply = ask(Method::GET, "/users/1", "req-1");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("x-request-id"), Some("req-1"));

    // Handler errors, extractor rejections, the default service, the
    // router's 405: the header and the body.
    for (method, path, status, code) in [
        (Method::GET, "/users/2", 404, "USER_NOT_FOUND"),
        (Method::GET, "/status", 500, "UNKNOWN_ERROR"),
        (
            Method::GET,
            "/spaces/1/messages?limit=101",
            429,
            "RATE_LIMITED",
        ),
        (Method::GET, "/users/abc", 400, "app:invalid_path"),
        (
            Method::GET,
            "/spaces/1/messages?limit=x",
            400,
            "app:invalid_query",
        ),
        (Method::GET, "/nowhere", 404, "app:route_not_found"),
        (Method::DELETE, "/users/1", 405, "app:method_not_allowed"),
    ] {
        let id = format!("req-{code}");
        let reply = ask(method, path, &id);
        let error = reply.error(status, code);
        assert_eq!(error["request_id"], id.as_str(), "{path}");
        assert_eq!(reply.header("x-request-id"), Some(id.as_str()), "{path}");
    }
    let reply = chat.send(
        chat.request(Method::POST, "/spaces/1/messages")
            .header("x-request-id", "req-json")
            .header("content-type", "application/json")
            .body("{"),
    );
    let error = reply.error(400, "app:malformed_json");
    assert_eq!(error["request_id"], "req-json");
}

#[test]
fn a_request_id_is_made_when_there_is_none() {
    let chat = Chat::start(false);
    let first = chat.get("/users/2");
    let second = chat.get("/users/2");
    let mut ids = Vec::new();
    for reply in [&first, &second] {
        let error = reply.error(404, "USER_NOT_FOUND");
        let id = reply.header("x-request-id").expect("an id");
        assert!(!id.is_empty());
        assert_eq!(error["request_id"], id, "the same id in the body");
        ids.push(id.to_owned());
    }
    assert_ne!(ids[0], ids[1]);
    let success = chat.get("/users/1");
    assert!(
        success
            .header("x-request-id")
            .is_some_and(|id| !ids.iter().any(|seen| seen == id))
    );

    // An id that is not safe to echo is replaced.
    for unsafe_id in ["two words".to_owned(), "x".repeat(200)] {
        let reply = chat.send(
            chat.request(Method::GET, "/users/2")
                .header("x-request-id", &unsafe_id),
        );
        let error = reply.error(404, "USER_NOT_FOUND");
        let id = reply.header("x-request-id").expect("an id");
        assert_ne!(id, unsafe_id);
        assert!(
            !id.is_empty() && id.len() <= 128 && !id.contains(' '),
            "{id}"
        );
        assert_eq!(error["request_id"], id);
    }
}

// --- The id in the body: an app with the nested envelope --------------------
//
// Its rejections keep errbook's codes but for two it names itself.

#[derive(Debug, ApiError)]
#[api(display)]
enum AppError {
    #[api(code = "USER_NOT_FOUND", status = 404, message = "User not found.")]
    UserNotFound,
    #[api(code = "GUARDED", status = 403, message = "A middleware refused.")]
    Guarded,
    /// The framework's rejections, two of them under this app's own codes.
    #[api(
        transparent,
        codes(RouteNotFound = "NO_SUCH_ROUTE", MethodNotAllowed = "WRONG_METHOD")
    )]
    Rejected(Rejection),
}

async fn get_user(id: web::Path<u64>) -> Result<HttpResponse, AppError> {
    match id.into_inner() {
        1 => Ok(HttpResponse::Ok().body("ada")),
        _ => Err(AppError::UserNotFound),
    }
}

/// The id as the handler sees it: in the context, and in the header.
async fn whoami(request: HttpRequest) -> HttpResponse {
    let context = RequestContext::current().id().unwrap_or("none").to_owned();
    let header = request
        .headers()
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .unwrap_or("none");
    HttpResponse::Ok().body(format!("{context} {header}"))
}

/// A middleware that returns (does not render) an error for `/guarded`:
/// actix-web would render it in its dispatcher, outside the request's scope.
async fn guard(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if request.path() == "/guarded" {
        return Err(AppError::Guarded.into());
    }
    next.call(request).await
}

fn nested_app() -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new()
        .configure(errbook::actix::configure::<AppError>)
        .service(web::resource("/users/{id}").route(web::get().to(get_user)))
        .service(web::resource("/whoami").route(web::get().to(whoami)))
        .wrap(from_fn(guard))
        .wrap(errbook::actix::Fallback::<AppError>::new())
        .wrap(errbook::actix::RequestIds::new().development(false))
}

fn start_nested_app() -> (SocketAddr, ServerHandle, JoinHandle<std::io::Result<()>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let addr = listener.local_addr().expect("an address");
    let (sender, receiver) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(nested_app)
                .workers(1)
                .disable_signals()
                .listen(listener)?
                .run();
            sender.send(server.handle()).expect("the test waits");
            server.await
        })
    });
    let handle = receiver.recv().expect("the server starts");
    (addr, handle, thread)
}

#[test]
fn every_error_carries_the_request_id_in_its_body() {
    let (addr, handle, thread) = start_nested_app();
    let client = Http::new(addr);
    let ask = |method: Method, path: &str, id: &str| {
        client.send(client.request(method, path).header("x-request-id", id))
    };

    // A handler's error.
    let reply = ask(Method::GET, "/users/2", "req-1");
    let error = reply.error(404, "USER_NOT_FOUND");
    assert_eq!(error["request_id"], "req-1");
    assert_eq!(reply.header("x-request-id"), Some("req-1"));

    // An extractor's.
    let reply = ask(Method::GET, "/users/abc", "req-2");
    let error = reply.error(400, "INVALID_PATH");
    assert_eq!(error["request_id"], "req-2");

    // The default service's and the router's 405.
    let reply = ask(Method::GET, "/nowhere", "req-3");
    assert_eq!(reply.error(404, "NO_SUCH_ROUTE")["request_id"], "req-3");
    let reply = ask(Method::POST, "/users/1", "req-4");
    assert_eq!(reply.error(405, "WRONG_METHOD")["request_id"], "req-4");
    assert_eq!(reply.header("allow"), Some("GET"));

    // An error a middleware returns.
    let reply = ask(Method::GET, "/guarded", "req-5");
    let error = reply.error(403, "GUARDED");
    assert_eq!(error["request_id"], "req-5");
    assert_eq!(reply.header("x-request-id"), Some("req-5"));

    // A made id is the same in the header and the body.
    let reply = client.get("/users/2");
    let error = reply.error(404, "USER_NOT_FOUND");
    assert_eq!(
        Some(error["request_id"].as_str().expect("an id")),
        reply.header("x-request-id")
    );

    // Handlers run in the scope too.
    let reply = ask(Method::GET, "/whoami", "req-6");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.text(), "req-6 req-6");
    // A made id is set on the request too.
    let reply = client.get("/whoami");
    let id = reply.header("x-request-id").expect("an id");
    assert_eq!(reply.text(), format!("{id} {id}"));

    drop(client);
    drop(handle.stop(true));
    thread
        .join()
        .expect("the server thread")
        .expect("a clean shutdown");
}

// --- The OpenAPI document ----------------------------------------------------

#[cfg(feature = "utoipa")]
#[test]
fn the_openapi_document_lists_every_route_served_and_no_other() {
    use errbook_examples::{actix_app, chat_openapi};

    let chat = Chat::start(false);
    let served = chat_openapi::served_operations(
        actix_app::routes().iter().map(|(path, _)| *path),
        |method, path| {
            let method = Method::from_bytes(method.as_bytes()).expect("a method");
            chat.send(
                chat.request(method, path)
                    .header("content-type", "application/json")
                    .body(r#"{"content":"hi"}"#),
            )
            .body
        },
    )
    .unwrap_or_else(|err| panic!("{err}"));
    let documented = chat_openapi::operations_of(&chat_openapi::document());
    assert_eq!(
        served, documented,
        "the routes served (left) and those the document lists (right) differ"
    );
    assert!(documented.contains(&("GET".to_owned(), "/status".to_owned())));
}

// --- a body with several problems: one response -----------------------------

/// `POST /users` with `body`, as request `req-3`.
fn create_user(chat: &Chat, body: &str) -> Reply {
    chat.send(
        chat.request(Method::POST, "/users")
            .header("content-type", "application/json")
            .header("x-request-id", "req-3")
            .body(body.to_owned()),
    )
}

#[test]
fn three_members_of_the_wrong_kind_are_three_violations_in_one_response() {
    let chat = Chat::start(false);
    let reply = create_user(&chat, r#"{"name": 7, "age": "old", "email": false}"#);
    assert_eq!(reply.status, 422);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.text(), WRONG_KINDS);
}

#[test]
fn three_members_the_check_refuses_are_three_violations_in_one_response() {
    let chat = Chat::start(false);
    let reply = create_user(&chat, r#"{"name": "", "age": 7, "email": "ada"}"#);
    assert_eq!(reply.status, 422);
    assert_eq!(reply.text(), REFUSED);
}

#[test]
fn the_reading_and_the_check_answer_together_in_the_types_order() {
    let chat = Chat::start(false);
    let reply = create_user(&chat, r#"{"age": "old", "name": ""}"#);
    assert_eq!(reply.status, 422);
    assert_eq!(reply.text(), MIXED);
    let reply = create_user(
        &chat,
        r#"{"name": "ada", "age": 36, "email": "ada@example.com"}"#,
    );
    assert_eq!(reply.status, 201, "{}", reply.text());
    assert_eq!(reply.json(), json!({"id": 2, "name": "ada"}));
}

#[test]
fn a_message_of_the_wrong_shape_names_its_member() {
    let chat = Chat::start(false);
    let reply = chat.post_json("/spaces/1/messages", r#"{"content": ["hi"]}"#);
    let error = reply.error(422, "app:invalid_body");
    assert_eq!(
        error["violations"],
        json!([{"pointer": "/content", "code": "string_type", "message": "Input should be a valid string"}])
    );
}

const WRONG_KINDS: &str = r#"{"error":{"code":"app:invalid_body","message":"The request body does not have the expected shape.","retry_after_ms":null,"missing_permission":null,"reason":"invalid type: integer `7`, expected a string at line 1 column 10","violations":[{"pointer":"/name","code":"string_type","message":"Input should be a valid string"},{"pointer":"/age","code":"int_type","message":"Input should be a valid integer"},{"pointer":"/email","code":"string_type","message":"Input should be a valid string"}],"request_id":"req-3"}}"#;

const REFUSED: &str = r#"{"error":{"code":"app:invalid_body","message":"The request body does not have the expected shape.","retry_after_ms":null,"missing_permission":null,"reason":"name: String should have at least 1 character","violations":[{"pointer":"/name","code":"string_too_short","message":"String should have at least 1 character","ctx":{"min_length":1}},{"pointer":"/age","code":"greater_than_equal","message":"Input should be greater than or equal to 13","ctx":{"ge":13}},{"pointer":"/email","code":"value_error","message":"value is not a valid email address: An email address must have an @-sign."}],"request_id":"req-3"}}"#;

const MIXED: &str = r#"{"error":{"code":"app:invalid_body","message":"The request body does not have the expected shape.","retry_after_ms":null,"missing_permission":null,"reason":"invalid type: string \"old\", expected u8 at line 1 column 13","violations":[{"pointer":"/name","code":"string_too_short","message":"String should have at least 1 character","ctx":{"min_length":1}},{"pointer":"/age","code":"int_type","message":"Input should be a valid integer"},{"pointer":"/email","code":"missing","message":"Field required"}],"request_id":"req-3"}}"#;
