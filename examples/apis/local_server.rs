//! A minimal HTTP/1.1 server on 127.0.0.1 for the client examples and
//! tests: it answers each request with the next canned response, then
//! stops. Standard library only.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener};
use std::thread::JoinHandle;

use errbook::http::Response;

/// Serves `responses` in order, one per connection, on an ephemeral port of
/// 127.0.0.1; returns its address and the thread, which ends after the
/// last response.
pub fn serve(responses: Vec<Response<Vec<u8>>>) -> std::io::Result<(SocketAddr, JoinHandle<()>)> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    let handle = std::thread::spawn(move || {
        for response in responses {
            let Ok((stream, _)) = listener.accept() else {
                return;
            };
            let mut reader = BufReader::new(stream);
            // Read the request head; requests here have no body.
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let mut stream = reader.into_inner();
            let status = response.status();
            let mut head = format!(
                "HTTP/1.1 {} {}\r\n",
                status.as_u16(),
                status.canonical_reason().unwrap_or("")
            );
            for (name, value) in response.headers() {
                let _ = write!(head, "{name}: {}\r\n", value.to_str().unwrap_or(""));
            }
            let _ = write!(
                head,
                "content-length: {}\r\nconnection: close\r\n\r\n",
                response.body().len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(response.body());
        }
    });
    Ok((addr, handle))
}
