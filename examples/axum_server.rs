//! The chat API's errors served by axum 0.8: handler errors, axum's own
//! rejections and the 404/405 fallbacks, all in the chat API's envelope,
//! with `x-request-id` on every response.
//!
//! ```text
//! cargo run --example axum_server --features axum [-- [PORT] [--development]]
//! ```
//!
//! Listens on 127.0.0.1:3000 (or the port given, or `$PORT`) until Ctrl-C.
//! `--development` adds each error's `details` (its `Debug` and source
//! chain) to bodies. The routes are listed in
//! `errbook_examples::axum_app`.

use errbook_examples::axum_app;

fn main() -> std::io::Result<()> {
    let mut port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|port| port.parse().ok())
        .unwrap_or(3000);
    let mut development = false;
    for arg in std::env::args().skip(1) {
        if arg == "--development" {
            development = true;
        } else if let Ok(given) = arg.parse() {
            port = given;
        } else {
            eprintln!("usage: axum_server [PORT] [--development]");
            std::process::exit(2);
        }
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        let addr = listener.local_addr()?;
        let mode = if development {
            "development"
        } else {
            "production"
        };
        println!("chat API on http://{addr} ({mode} mode); Ctrl-C to stop. Try:");
        println!();
        for line in [
            format!("curl -i http://{addr}/users/1"),
            format!("curl -i http://{addr}/users/2"),
            format!("curl -i http://{addr}/users/abc"),
            format!(
                "curl -i -X POST http://{addr}/spaces/13/messages -H 'content-type: application/json' -d '{{\"content\":\"hi\"}}'"
            ),
            format!(
                "curl -i -X POST http://{addr}/spaces/1/messages -H 'content-type: application/json' -d '{{\"content\":'"
            ),
            format!("curl -i -X POST http://{addr}/spaces/1/messages -d 'hi'"),
            format!("curl -i 'http://{addr}/spaces/1/messages?limit=500'"),
            format!("curl -i -H 'x-request-id: req-42' http://{addr}/status"),
            format!("curl -i -X DELETE http://{addr}/users/1"),
            format!("curl -i http://{addr}/nowhere"),
        ] {
            println!("  {line}");
        }
        println!();
        axum_app::serve(listener, development).await
    })
}
