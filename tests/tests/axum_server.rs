//! The axum example server over real HTTP (feature `axum`): the chat API's
//! errors, axum's own rejections and fallbacks in the chat envelope,
//! request ids, and development mode per router.
//!
//! The servers listen on ephemeral ports of 127.0.0.1, started once in a
//! runtime every test shares; a production and a development server run
//! side by side, so their bodies also show that the mode is per router.

#![cfg(feature = "axum")]

use std::net::SocketAddr;
use std::sync::OnceLock;

use axum::Router;
use axum::routing::get;
use errbook::axum::{Path, RequestIds, not_found};
use errbook::{ApiError, Rejection};
use errbook_examples::axum_app::{self, BODY_LIMIT};
use errbook_examples::chat_server::MAX_MESSAGE_CHARS;
use reqwest::Method;
use reqwest::header::HeaderMap;
use serde_json::{Value, json};

/// An app whose rejections render as problem+json, with codes of its own:
/// errbook's in kebab case, and one named outright.
#[derive(Debug, ApiError)]
#[api(format = problem)]
enum ProblemError {
    #[api(
        transparent,
        rename_all = "kebab-case",
        codes(RouteNotFound = "no-such-route")
    )]
    Rejected(Rejection),
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

struct Servers {
    runtime: tokio::runtime::Runtime,
    /// `axum_app::serve(listener, false)`.
    production: SocketAddr,
    /// `axum_app::serve(listener, true)`.
    development: SocketAddr,
    /// A router rejecting with `Rejection` itself (nested format), its
    /// request ids from `axum::middleware::from_fn(request_id)`.
    nested: SocketAddr,
    /// A router rejecting with `ProblemError`, with a `RequestIds` layer
    /// reading `x-correlation-id`.
    problem: SocketAddr,
}

async fn listener() -> (tokio::net::TcpListener, SocketAddr) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("an ephemeral port");
    let addr = listener.local_addr().expect("its address");
    (listener, addr)
}

async fn start_chat(development: bool) -> SocketAddr {
    let (listener, addr) = listener().await;
    tokio::spawn(axum_app::serve(listener, development));
    addr
}

async fn start(router: Router) -> SocketAddr {
    let (listener, addr) = listener().await;
    tokio::spawn(async move { axum::serve(listener, router).await });
    addr
}

async fn item(Path(id, _): Path<u32>) -> String {
    id.to_string()
}

async fn problem_item(Path(id, _): Path<u32, ProblemError>) -> String {
    id.to_string()
}

fn servers() -> &'static Servers {
    static SERVERS: OnceLock<Servers> = OnceLock::new();
    SERVERS.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime");
        let (production, development, nested, problem) = runtime.block_on(async {
            let nested = Router::new()
                .route("/items/{id}", get(item))
                .fallback(not_found::<Rejection>)
                .layer(axum::middleware::from_fn(errbook::axum::request_id));
            let problem = Router::new()
                .route("/items/{id}", get(problem_item))
                .fallback(not_found::<ProblemError>)
                .layer(
                    RequestIds::new()
                        .header(reqwest::header::HeaderName::from_static("x-correlation-id")),
                );
            (
                start_chat(false).await,
                start_chat(true).await,
                start(nested).await,
                start(problem).await,
            )
        });
        Servers {
            runtime,
            production,
            development,
            nested,
            problem,
        }
    })
}

/// A response as the client received it.
struct Reply {
    status: u16,
    headers: HeaderMap,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(name)
            .map(|value| value.to_str().expect("a text header"))
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body).expect("a JSON body")
    }

    /// The chat envelope's `error` object.
    fn error(&self) -> Value {
        let body = self.json();
        assert_eq!(
            body.as_object().map(serde_json::Map::len),
            Some(1),
            "one `error` member: {body}"
        );
        body["error"].clone()
    }

    /// The `error` object of a chat error, checking the envelope's headers.
    fn chat_error(&self, status: u16, code: &str) -> Value {
        assert_eq!(self.status, status, "{}", self.body);
        assert_eq!(self.header("content-type"), Some("application/json"));
        let error = self.error();
        assert_eq!(error["code"], code, "{}", self.body);
        error
    }
}

/// Sends a request to `addr`; `with` adds headers and a body.
fn send(
    addr: SocketAddr,
    method: Method,
    path: &str,
    with: impl FnOnce(reqwest::RequestBuilder) -> reqwest::RequestBuilder,
) -> Reply {
    let url = format!("http://{addr}{path}");
    servers().runtime.block_on(async move {
        let client = reqwest::Client::builder()
            .no_proxy()
            .build()
            .expect("a client");
        let response = with(client.request(method, url))
            .send()
            .await
            .expect("the server answers");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.bytes().await.expect("the body");
        Reply {
            status,
            headers,
            body: String::from_utf8(body.to_vec()).expect("a UTF-8 body"),
        }
    })
}

fn get_from(addr: SocketAddr, path: &str) -> Reply {
    send(addr, Method::GET, path, |request| request)
}

fn get_prod(path: &str) -> Reply {
    get_from(servers().production, path)
}

fn post_json(path: &str, body: impl Into<String>) -> Reply {
    let body = body.into();
    send(servers().production, Method::POST, path, |request| {
        request
            .header("content-type", "application/json")
            .body(body)
    })
}

// --- success ---------------------------------------------------------------

#[test]
fn existing_user_is_200_with_json() {
    let reply = get_prod("/users/1");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.json(), json!({"id": 1, "name": "ada"}));
}

#[test]
fn posted_message_is_201_up_to_the_longest_content() {
    let content = "x".repeat(MAX_MESSAGE_CHARS);
    let reply = post_json(
        "/spaces/7/messages",
        json!({ "content": content }).to_string(),
    );
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.json(), json!({"space": 7, "content": content}));
}

#[test]
fn listing_messages_within_the_limit_is_200() {
    for path in ["/spaces/1/messages", "/spaces/1/messages?limit=100"] {
        let reply = get_prod(path);
        assert_eq!(reply.status, 200, "{path}: {}", reply.body);
        assert_eq!(reply.json(), json!([]), "{path}");
    }
}

// --- the chat API's errors -------------------------------------------------

#[test]
fn unknown_user_is_user_not_found() {
    let reply = get_prod("/users/2");
    let error = reply.chat_error(404, "USER_NOT_FOUND");
    assert_eq!(error["message"], "No user exists with this ID.");
    // The chat envelope writes both optional members, `null` when absent.
    assert_eq!(error["retry_after_ms"], Value::Null);
    assert_eq!(error["missing_permission"], Value::Null);
    assert!(error.get("details").is_none(), "production: {}", reply.body);
}

#[test]
fn read_only_space_is_forbidden_with_missing_permission() {
    let reply = post_json("/spaces/13/messages", r#"{"content":"hi"}"#);
    let error = reply.chat_error(403, "FORBIDDEN");
    assert_eq!(
        error["message"],
        "You do not have permission to perform this action."
    );
    assert_eq!(error["missing_permission"], "send_messages");
    assert_eq!(error["retry_after_ms"], Value::Null);
}

#[test]
fn large_limit_is_rate_limited_with_retry_after() {
    let reply = get_prod("/spaces/1/messages?limit=500");
    let error = reply.chat_error(429, "RATE_LIMITED");
    // 1,500 ms, rounded up to whole seconds.
    assert_eq!(reply.header("retry-after"), Some("2"));
    assert_eq!(error["retry_after_ms"], 1500);
    assert_eq!(
        error["message"],
        "Rate limit exceeded. Retry after 1500 milliseconds."
    );
    assert_eq!(error["missing_permission"], Value::Null);
}

#[test]
fn content_over_the_longest_is_message_too_large() {
    let content = "x".repeat(MAX_MESSAGE_CHARS + 1);
    let reply = post_json(
        "/spaces/7/messages",
        json!({ "content": content }).to_string(),
    );
    let error = reply.chat_error(400, "MESSAGE_TOO_LARGE");
    assert_eq!(
        error["message"],
        "Message body exceeds the maximum allowed size."
    );
}

#[test]
fn unknown_error_in_production_has_no_trace_of_its_cause() {
    let reply = get_prod("/status");
    let error = reply.chat_error(500, "UNKNOWN_ERROR");
    assert_eq!(error["message"], "An unexpected server error occurred.");
    assert!(error.get("details").is_none(), "{}", reply.body);
    for secret in ["db-primary", "5432", "connection refused", "Custom", "Os"] {
        assert!(
            !reply.body.contains(secret),
            "`{secret}` leaked: {}",
            reply.body
        );
    }
}

#[test]
fn unknown_error_in_development_has_the_source_chain() {
    let reply = get_from(servers().development, "/status");
    let error = reply.chat_error(500, "UNKNOWN_ERROR");
    assert_eq!(error["message"], "An unexpected server error occurred.");
    assert_eq!(
        error["details"]["sources"],
        json!(["connection refused: db-primary:5432"]),
        "{}",
        reply.body
    );
    let debug = error["details"]["debug"].as_str().expect("a debug string");
    assert!(debug.contains("UnknownError"), "{debug}");
}

#[test]
fn development_mode_is_per_router() {
    let development = get_from(servers().development, "/users/2");
    let production = get_prod("/users/2");
    let development = development.chat_error(404, "USER_NOT_FOUND");
    let production = production.chat_error(404, "USER_NOT_FOUND");
    assert!(development.get("details").is_some(), "{development}");
    assert!(production.get("details").is_none(), "{production}");
    assert!(
        !errbook::development_mode(),
        "the process-wide setting is untouched"
    );
}

// --- axum's rejections, in the chat envelope -------------------------------

#[test]
fn malformed_json_is_400() {
    for (body, expected) in [
        (r#"{"content":"#, "EOF while parsing a value"),
        ("hello", "expected value at line 1 column 1"),
        (r#"{"content":"hi"} trailing"#, "trailing characters"),
    ] {
        let reply = post_json("/spaces/7/messages", body);
        let error = reply.chat_error(400, "app:malformed_json");
        assert_eq!(error["message"], "The request body is not valid JSON.");
        let reason = error["reason"].as_str().expect("a reason");
        assert!(reason.contains(expected), "{body}: {reason}");
        assert!(!reason.contains("Failed to"), "no axum prefix: {reason}");
    }
}

#[test]
fn json_of_the_wrong_shape_is_422() {
    let reply = post_json("/spaces/7/messages", r#"{"content": 5}"#);
    let error = reply.chat_error(422, "app:invalid_body");
    assert_eq!(
        error["message"],
        "The request body does not have the expected shape."
    );
    assert_eq!(
        error["reason"],
        "invalid type: integer `5`, expected a string at line 1 column 13"
    );
    assert_eq!(
        error["violations"],
        json!([{"pointer": "/content", "code": "string_type", "message": "Input should be a valid string"}])
    );

    let reply = post_json("/spaces/7/messages", "{}");
    let error = reply.chat_error(422, "app:invalid_body");
    let reason = error["reason"].as_str().expect("a reason");
    assert!(reason.starts_with("missing field `content`"), "{reason}");
    assert_eq!(
        error["violations"],
        json!([{"pointer": "/content", "code": "missing", "message": "Field required"}])
    );
}

#[test]
fn body_without_json_content_type_is_415() {
    for content_type in [None, Some("text/plain")] {
        let reply = send(
            servers().production,
            Method::POST,
            "/spaces/7/messages",
            |request| {
                let request = request.body(r#"{"content":"hi"}"#);
                match content_type {
                    Some(value) => request.header("content-type", value),
                    None => request,
                }
            },
        );
        let error = reply.chat_error(415, "app:unsupported_media_type");
        assert_eq!(
            error["message"], "Expected a request with `Content-Type: application/json`.",
            "{content_type:?}"
        );
    }
}

#[test]
fn body_over_the_limit_is_413() {
    // One byte over: the whole body is read before the limit trips.
    let body = format!(
        r#"{{"content":"{}"}}"#,
        "x".repeat(BODY_LIMIT + 1 - r#"{"content":""}"#.len())
    );
    assert_eq!(body.len(), BODY_LIMIT + 1);
    let reply = post_json("/spaces/7/messages", body);
    let error = reply.chat_error(413, "app:payload_too_large");
    assert_eq!(error["message"], "The request body is too large.");
}

#[test]
fn non_numeric_path_parameter_is_invalid_path() {
    for path in ["/users/abc", "/spaces/abc/messages"] {
        let reply = get_prod(path);
        let error = reply.chat_error(400, "app:invalid_path");
        assert_eq!(error["message"], "A path parameter is invalid.");
        assert_eq!(error["reason"], "Cannot parse `abc` to a `u64`", "{path}");
    }
}

#[test]
fn unparsable_query_is_invalid_query() {
    let reply = get_prod("/spaces/1/messages?limit=lots");
    let error = reply.chat_error(400, "app:invalid_query");
    assert_eq!(error["message"], "The query string is invalid.");
    let reason = error["reason"].as_str().expect("a reason");
    assert!(reason.starts_with("limit: "), "{reason}");
    assert!(!reason.contains("Failed to"), "no axum prefix: {reason}");
}

#[test]
fn unknown_route_is_route_not_found() {
    for path in ["/nowhere", "/accounts", "/users/1/extra"] {
        let reply = get_prod(path);
        let error = reply.chat_error(404, "app:route_not_found");
        assert_eq!(error["message"], "No route matches this path.", "{path}");
    }
    let reply = send(servers().production, Method::POST, "/nowhere", |request| {
        request
    });
    reply.chat_error(404, "app:route_not_found");
}

#[test]
fn wrong_method_is_method_not_allowed_with_allow() {
    let reply = send(
        servers().production,
        Method::DELETE,
        "/users/1",
        |request| request,
    );
    let error = reply.chat_error(405, "app:method_not_allowed");
    assert_eq!(error["message"], "This method is not allowed on this path.");
    assert_eq!(reply.header("allow"), Some("GET,HEAD"));

    let reply = send(
        servers().production,
        Method::PUT,
        "/spaces/1/messages",
        |request| request,
    );
    reply.chat_error(405, "app:method_not_allowed");
    let allow = reply.header("allow").expect("an Allow header");
    let mut methods: Vec<&str> = allow.split(',').collect();
    methods.sort_unstable();
    assert_eq!(methods, ["GET", "HEAD", "POST"]);
}

#[test]
fn a_client_reads_the_renamed_rejections_back_into_rejection() {
    let decode = |reply: &Reply| {
        let status = errbook::http::StatusCode::from_u16(reply.status).expect("a status");
        ChatReply::from_parts(status, &reply.headers, reply.body.as_bytes())
            .unwrap_or_else(|err| panic!("{err}: {}", reply.body))
    };
    let reply = post_json("/spaces/7/messages", r#"{"content":"#);
    let ChatReply::Rejected(Rejection::MalformedJson { reason, .. }) = decode(&reply) else {
        panic!("{}", reply.body);
    };
    assert!(reason.contains("EOF while parsing"), "{reason}");
    let reply = get_prod("/users/abc");
    let ChatReply::Rejected(Rejection::InvalidPath { reason, .. }) = decode(&reply) else {
        panic!("{}", reply.body);
    };
    assert_eq!(reason, "Cannot parse `abc` to a `u64`");
    assert!(matches!(
        decode(&get_prod("/nowhere")),
        ChatReply::Rejected(Rejection::RouteNotFound)
    ));
    let reply = send(
        servers().production,
        Method::DELETE,
        "/users/1",
        |request| request,
    );
    assert!(matches!(
        decode(&reply),
        ChatReply::Rejected(Rejection::MethodNotAllowed)
    ));
    // The chat API's own codes are not rejections.
    let ChatReply::Other(other) = decode(&get_prod("/users/2")) else {
        panic!("a chat code is not a rejection");
    };
    assert_eq!(other.code(), "USER_NOT_FOUND");
}

// --- request ids ------------------------------------------------------------

#[test]
fn incoming_request_id_is_echoed_on_every_response() {
    let paths = [
        (Method::GET, "/users/1"),
        (Method::GET, "/users/2"),
        (Method::GET, "/users/abc"),
        (Method::GET, "/status"),
        (Method::GET, "/nowhere"),
        (Method::DELETE, "/users/1"),
    ];
    for (method, path) in paths {
        let reply = send(servers().production, method, path, |request| {
            request.header("x-request-id", "req-7f3a")
        });
        assert_eq!(reply.header("x-request-id"), Some("req-7f3a"), "{path}");
        // Errors name it in the chat envelope too, handler errors and
        // framework rejections alike.
        if reply.status >= 400 {
            assert_eq!(reply.json()["error"]["request_id"], "req-7f3a", "{path}");
        }
    }
}

#[test]
fn request_id_is_made_when_none_is_sent() {
    let first = get_prod("/users/2");
    let second = get_prod("/users/2");
    let first = first.header("x-request-id").expect("an id").to_owned();
    let second = second.header("x-request-id").expect("an id").to_owned();
    assert!(!first.is_empty());
    assert_ne!(first, second, "ids are unique");
}

#[test]
fn unusable_incoming_request_id_is_replaced() {
    for id in ["has spaces", &"x".repeat(129)] {
        let reply = send(servers().production, Method::GET, "/users/1", |request| {
            request.header("x-request-id", id)
        });
        let made = reply.header("x-request-id").expect("an id");
        assert_ne!(made, id);
        assert!(made.bytes().all(|byte| byte.is_ascii_graphic()), "{made}");
    }
}

#[test]
fn request_id_is_the_request_id_member_of_a_nested_body() {
    let reply = send(servers().nested, Method::GET, "/items/x", |request| {
        request.header("x-request-id", "req-42")
    });
    assert_eq!(reply.status, 400);
    assert_eq!(reply.header("x-request-id"), Some("req-42"));
    assert_eq!(
        reply.body,
        r#"{"error":{"code":"INVALID_PATH","message":"A path parameter is invalid.","reason":"Cannot parse `x` to a `u32`","violations":[{"parameter":"id","in":"path","code":"int_parsing","message":"Input should be a valid integer, unable to parse string as an integer"}],"request_id":"req-42"}}"#
    );

    let reply = get_from(servers().nested, "/nowhere");
    let made = reply.header("x-request-id").expect("an id");
    assert_eq!(reply.status, 404);
    assert_eq!(reply.json()["error"]["request_id"], made);
    assert_eq!(reply.json()["error"]["code"], "ROUTE_NOT_FOUND");
}

#[test]
fn request_id_is_the_instance_of_a_problem_body() {
    let reply = send(servers().problem, Method::GET, "/missing", |request| {
        request.header("x-correlation-id", "corr-9")
    });
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(reply.header("x-correlation-id"), Some("corr-9"));
    assert_eq!(
        reply.json(),
        json!({
            "type": "about:blank",
            "title": "Not Found",
            "status": 404,
            "detail": "No route matches this path.",
            "instance": "corr-9",
            "code": "no-such-route",
        })
    );

    let reply = get_from(servers().problem, "/items/x");
    assert_eq!(reply.status, 400);
    assert_eq!(reply.json()["code"], "invalid-path");
    assert_eq!(reply.json()["detail"], "A path parameter is invalid.");

    let reply = get_from(servers().problem, "/items/1");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body, "1");
    assert!(reply.header("x-correlation-id").is_some());
    assert!(reply.header("x-request-id").is_none());
}

// --- the OpenAPI document -----------------------------------------------------

/// Every `(method, path)` the example server serves, sorted.
#[cfg(feature = "utoipa")]
fn served_operations() -> Vec<(String, String)> {
    errbook_examples::chat_openapi::served_operations(
        axum_app::routes().iter().map(|(path, _)| *path),
        |method, path| {
            let method = Method::from_bytes(method.as_bytes()).expect("a method");
            let reply = send(servers().production, method, path, |request| {
                request
                    .header("content-type", "application/json")
                    .body(r#"{"content":"hi"}"#)
            });
            reply.body.into_bytes()
        },
    )
    .unwrap_or_else(|err| panic!("{err}"))
}

#[cfg(feature = "utoipa")]
#[test]
fn the_openapi_document_lists_every_route_served_and_no_other() {
    use errbook_examples::chat_openapi;
    let documented = chat_openapi::operations_of(&chat_openapi::document());
    assert_eq!(
        served_operations(),
        documented,
        "the routes served (left) and those the document lists (right) differ"
    );
    assert!(documented.contains(&("GET".to_owned(), "/status".to_owned())));
}

// --- a body with several problems: one response -----------------------------

/// `POST /users` with `body`, as request `req-3`.
fn create_user(body: &str) -> Reply {
    let body = body.to_owned();
    send(servers().production, Method::POST, "/users", |request| {
        request
            .header("content-type", "application/json")
            .header("x-request-id", "req-3")
            .body(body)
    })
}

#[test]
fn three_members_of_the_wrong_kind_are_three_violations_in_one_response() {
    let reply = create_user(r#"{"name": 7, "age": "old", "email": false}"#);
    assert_eq!(reply.status, 422);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.body, WRONG_KINDS);
}

#[test]
fn three_members_the_check_refuses_are_three_violations_in_one_response() {
    let reply = create_user(r#"{"name": "", "age": 7, "email": "ada"}"#);
    assert_eq!(reply.status, 422);
    assert_eq!(reply.body, REFUSED);
}

#[test]
fn the_reading_and_the_check_answer_together_in_the_types_order() {
    let reply = create_user(r#"{"age": "old", "name": ""}"#);
    assert_eq!(reply.status, 422);
    assert_eq!(reply.body, MIXED);
    let reply = create_user(r#"{"name": "ada", "age": 36, "email": "ada@example.com"}"#);
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.json(), json!({"id": 2, "name": "ada"}));
}

#[test]
fn a_bad_path_or_query_parameter_is_named() {
    let reply = get_prod("/users/abc");
    let error = reply.chat_error(400, "app:invalid_path");
    assert_eq!(
        error["violations"],
        json!([{"parameter": "id", "in": "path", "code": "int_parsing", "message": "Input should be a valid integer, unable to parse string as an integer"}])
    );
    let reply = get_prod("/spaces/1/messages?limit=lots");
    let error = reply.chat_error(400, "app:invalid_query");
    assert_eq!(
        error["violations"],
        json!([{"parameter": "limit", "in": "query", "code": "int_parsing", "message": "Input should be a valid integer, unable to parse string as an integer"}])
    );
}

const WRONG_KINDS: &str = r#"{"error":{"code":"app:invalid_body","message":"The request body does not have the expected shape.","retry_after_ms":null,"missing_permission":null,"reason":"invalid type: integer `7`, expected a string at line 1 column 10","violations":[{"pointer":"/name","code":"string_type","message":"Input should be a valid string"},{"pointer":"/age","code":"int_type","message":"Input should be a valid integer"},{"pointer":"/email","code":"string_type","message":"Input should be a valid string"}],"request_id":"req-3"}}"#;

const REFUSED: &str = r#"{"error":{"code":"app:invalid_body","message":"The request body does not have the expected shape.","retry_after_ms":null,"missing_permission":null,"reason":"name: String should have at least 1 character","violations":[{"pointer":"/name","code":"string_too_short","message":"String should have at least 1 character","ctx":{"min_length":1}},{"pointer":"/age","code":"greater_than_equal","message":"Input should be greater than or equal to 13","ctx":{"ge":13}},{"pointer":"/email","code":"value_error","message":"value is not a valid email address: An email address must have an @-sign."}],"request_id":"req-3"}}"#;

const MIXED: &str = r#"{"error":{"code":"app:invalid_body","message":"The request body does not have the expected shape.","retry_after_ms":null,"missing_permission":null,"reason":"invalid type: string \"old\", expected u8 at line 1 column 13","violations":[{"pointer":"/name","code":"string_too_short","message":"String should have at least 1 character","ctx":{"min_length":1}},{"pointer":"/age","code":"int_type","message":"Input should be a valid integer"},{"pointer":"/email","code":"missing","message":"Field required"}],"request_id":"req-3"}}"#;
