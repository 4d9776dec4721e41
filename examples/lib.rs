//! Runnable examples of errbook: each module models one real API's error
//! page, and `cargo run --example <name>` prints its responses.
//!
//! | module | example | API |
//! |---|---|---|
//! | [`chat_api`] | `cargo run --example chat_api` | a chat API: `{"error": {"code", "message", …}}`, federation codes |
//! | [`domain_api`] | `cargo run --example domain_api` | `domain:operation` codes, one enum per domain, development `details` |
//! | [`community_api`] | `cargo run --example community_api` | integer and string codes, version errors, `retry_after` seconds |
//! | [`art_api`] | `cargo run --example art_api` | FastAPI `{"detail": …}` bodies and an MQTT format of its own |
//! | [`matrix_api`] | `cargo run --example matrix_api` | the Matrix client-server API's `errcode` / `error` |
//!
//! `cargo run --example catalog` prints the error-code page of the domain
//! API, built from its enums (`-- --chat` for the chat API's; `-- --help`
//! for the other renderings and columns).
//!
//! The examples are not part of the published crate: run them from a clone
//! of the repository.

#[cfg(feature = "actix-web")]
#[path = "apis/actix_app.rs"]
pub mod actix_app;
#[path = "apis/art_api.rs"]
pub mod art_api;
#[cfg(feature = "axum")]
#[path = "apis/axum_app.rs"]
pub mod axum_app;
#[path = "apis/chat_api.rs"]
pub mod chat_api;
#[cfg(feature = "utoipa")]
#[path = "apis/chat_openapi.rs"]
pub mod chat_openapi;
#[path = "apis/chat_server.rs"]
pub mod chat_server;
#[path = "apis/community_api.rs"]
pub mod community_api;
#[path = "apis/domain_api.rs"]
pub mod domain_api;
#[path = "apis/local_server.rs"]
pub mod local_server;
#[path = "apis/matrix_api.rs"]
pub mod matrix_api;

use errbook::ApiError;
use errbook::http::Response;

/// Prints `response` as a client receives it: the status line, the headers
/// and the body, under a `# title` line.
pub fn print_response(title: &str, response: &Response<Vec<u8>>) {
    let status = response.status();
    println!("# {title}");
    println!(
        "HTTP/1.1 {} {}",
        status.as_u16(),
        status.canonical_reason().unwrap_or("")
    );
    for (name, value) in response.headers() {
        println!("{name}: {}", value.to_str().unwrap_or("<binary>"));
    }
    println!();
    println!("{}", String::from_utf8_lossy(response.body()));
    println!();
}

/// Prints `error`'s response in its type's format, titled with its code and
/// description.
pub fn print_error<E: ApiError>(error: &E) {
    let title = match error.doc() {
        Some(description) => format!("{} ({description})", error.code()),
        None => error.code().to_string(),
    };
    print_response(&title, &error.to_response());
}
