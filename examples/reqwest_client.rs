//! A `reqwest` client reading a chat API's responses: the success body, or
//! the typed error the server answered with.
//!
//! `cargo run --example reqwest_client --features reqwest` starts a local
//! server on 127.0.0.1 and makes five requests to it; the last keeps what
//! the server said (its request id and message) beside the variant.

use errbook::client::{ClientError, Reader};
use errbook::request::RequestContext;
use errbook::{ApiError, Parse, Unknown};
use errbook_examples::local_server;

/// The client's view of the chat API's errors.
#[derive(Debug, ApiError)]
#[api(parse)]
enum ChatError {
    /// No user exists with this ID.
    #[api(
        code = "USER_NOT_FOUND",
        status = 404,
        message = "User {id} not found."
    )]
    UserNotFound {
        #[api(field)]
        id: u64,
    },
    /// Rate limit exceeded.
    #[api(code = "RATE_LIMITED", status = 429, message = "Rate limit exceeded.")]
    RateLimited {
        #[api(field, retry_after = "ms")]
        retry_after_ms: u64,
    },
    /// A code this client does not know yet.
    #[api(other)]
    Other(Unknown),
}

/// A user, the success body.
#[derive(Debug, serde::Deserialize)]
struct User {
    name: String,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let ok = errbook::http::Response::new(br#"{"name":"Ada"}"#.to_vec());
    let (addr, server) = local_server::serve(vec![
        ok,
        ChatError::UserNotFound { id: 7 }.to_response(),
        ChatError::RateLimited {
            retry_after_ms: 1500,
        }
        .to_response(),
        {
            let mut proxy = errbook::http::Response::new(b"<html>502 Bad Gateway</html>".to_vec());
            *proxy.status_mut() = errbook::http::StatusCode::BAD_GATEWAY;
            proxy
        },
        // As a server inside a request's context renders it.
        RequestContext::new()
            .with_id("req-7f3a")
            .run(|| ChatError::UserNotFound { id: 9 }.to_response()),
    ])?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let client = reqwest::Client::new();
        for path in ["/users/1", "/users/7", "/messages", "/users/2"] {
            let response = client.get(format!("http://{addr}{path}")).send().await?;
            match ChatError::from_reqwest::<User>(response).await {
                Ok(user) => println!("GET {path}: user {}", user.name),
                Err(ClientError::Api(ChatError::UserNotFound { id })) => {
                    println!("GET {path}: no user {id}");
                }
                Err(ClientError::Api(ChatError::RateLimited { retry_after_ms })) => {
                    println!("GET {path}: rate limited, retry in {retry_after_ms} ms");
                }
                Err(ClientError::Api(other)) => println!("GET {path}: {}", other.code()),
                Err(err) => println!("GET {path}: {err}"),
            }
        }
        let path = "/users/9";
        let response = client.get(format!("http://{addr}{path}")).send().await?;
        // Error bodies over 64 KiB are refused; the request id is kept.
        let reader = Reader::new().limit(64 * 1024);
        match reader.received::<ChatError, User>(response).await {
            Ok(user) => println!("GET {path}: user {}", user.name),
            // "404 USER_NOT_FOUND: User 9 not found. (request req-7f3a)"
            Err(ClientError::Api(received)) => println!("GET {path}: {received}"),
            Err(err) => println!("GET {path}: {err}"),
        }
        Ok::<_, Box<dyn std::error::Error>>(())
    })?;
    server.join().map_err(|_| "the server thread panicked")?;
    Ok(())
}
