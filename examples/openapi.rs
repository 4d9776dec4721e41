//! The OpenAPI document of the chat API's server, every route the axum and
//! actix-web example servers serve, its error responses generated from the
//! catalog of `ServerError` (the chat API's codes and errbook's
//! `Rejection`s, in the chat API's own envelope). The document is built in
//! `errbook_examples::chat_openapi`.
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

use errbook_examples::chat_openapi;

fn main() -> Result<(), serde_json::Error> {
    let document = match std::env::args().nth(1).as_deref() {
        None => chat_openapi::document(),
        Some("--components") => chat_openapi::with_components(),
        Some(_) => {
            eprintln!("usage: openapi [--components]");
            std::process::exit(2);
        }
    };
    println!("{}", document.to_pretty_json()?);
    Ok(())
}
