//! The chat API's errors served by actix-web 4, the framework's own
//! rejections included.
//!
//! `cargo run --example actix_server --features actix-web` listens on
//! 127.0.0.1:3001 (or the address given as the first argument, or in
//! `ADDR`) until Ctrl-C. `--dev` (or `APP_DEV=1`) renders errors in
//! development mode, with `details`.

use std::net::TcpListener;

use errbook_examples::actix_app;

fn main() -> std::io::Result<()> {
    let mut addr = std::env::var("ADDR").unwrap_or_else(|_| "127.0.0.1:3001".to_owned());
    let mut development = std::env::var_os("APP_DEV").is_some();
    for arg in std::env::args().skip(1) {
        if arg == "--dev" {
            development = true;
        } else {
            addr = arg;
        }
    }

    let listener = TcpListener::bind(&addr)?;
    let addr = listener.local_addr()?;
    let mode = if development {
        "development"
    } else {
        "production"
    };
    println!("chat API (actix-web, {mode} mode) on http://{addr}; Ctrl-C stops it");
    println!();
    println!("  curl -i http://{addr}/users/1");
    println!("  curl -i http://{addr}/users/2                      # USER_NOT_FOUND");
    println!("  curl -i http://{addr}/users/abc                    # app:invalid_path");
    println!(
        "  curl -i -H 'content-type: application/json' -d '{{\"content\":\"hi\"}}' http://{addr}/spaces/13/messages   # FORBIDDEN"
    );
    println!(
        "  curl -i -H 'content-type: application/json' -d '{{\"content\":' http://{addr}/spaces/1/messages   # app:malformed_json"
    );
    println!("  curl -i 'http://{addr}/spaces/1/messages?limit=500'   # RATE_LIMITED, Retry-After");
    println!("  curl -i -H 'x-request-id: req-42' http://{addr}/status   # UNKNOWN_ERROR");
    println!("  curl -i -X DELETE http://{addr}/users/1             # app:method_not_allowed");
    println!("  curl -i http://{addr}/nowhere                      # app:route_not_found");

    actix_web::rt::System::new().block_on(actix_app::server(listener, development)?)
}
