//! The client reads an error body only up to its limit: a server that
//! offers gigabytes (chunked, or with a `Content-Length` saying so) costs it
//! a megabyte, and the `DecodeError` keeps only the start (feature
//! `reqwest`).
//!
//! `cargo test -p errbook-tests --features reqwest --test client_limits --
//! --nocapture` prints the peak resident memory and the time taken.

#![cfg(feature = "reqwest")]

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use errbook::client::{ClientError, Reader};
use errbook::decode::{DecodeErrorKind, KEPT_BODY, MAX_BODY};
use errbook::{ApiError, Parse, Unknown};

#[derive(Debug, ApiError)]
#[api(parse)]
enum ChatError {
    #[api(code = "USER_NOT_FOUND", status = 404, message = "User not found.")]
    UserNotFound,
    #[api(other)]
    Other(Unknown),
}

/// What the server offers: 4 GiB.
const OFFERED: u64 = 4 << 30;

/// How the server frames its body.
#[derive(Clone, Copy, Debug)]
enum Framing {
    /// `transfer-encoding: chunked`, 64 KiB a chunk.
    Chunked,
    /// `content-length: <len>`.
    Length,
}

/// The body's opening and closing; a message of `a`s fills the rest.
const OPENING: &[u8] = br#"{"error":{"code":"X","message":""#;
const CLOSING: &[u8] = br#""}}"#;

/// The bytes of a body of `len` bytes from `offset`, at most `filler`'s
/// length of them.
fn piece(filler: &[u8], offset: u64, len: u64) -> Vec<u8> {
    let n = usize::try_from(len - offset).map_or(filler.len(), |left| left.min(filler.len()));
    let mut piece = filler[..n].to_vec();
    let end = offset + n as u64;
    let closing_at = len - CLOSING.len() as u64;
    for (at, byte) in (0..).zip(OPENING).chain((closing_at..).zip(CLOSING)) {
        if (offset..end).contains(&at) {
            piece[usize::try_from(at - offset).unwrap()] = *byte;
        }
    }
    piece
}

/// A server that answers one request with a 500 whose JSON error body is
/// `len` bytes (a message of `a`s), written until done or until the client
/// goes away; it counts the bytes it managed to send.
struct Streamer {
    addr: SocketAddr,
    sent: Arc<AtomicU64>,
    thread: JoinHandle<()>,
}

impl Streamer {
    fn start(framing: Framing, len: u64) -> Streamer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
        let addr = listener.local_addr().expect("its address");
        let sent = Arc::new(AtomicU64::new(0));
        let counter = Arc::clone(&sent);
        let thread = std::thread::spawn(move || {
            let Ok((stream, _)) = listener.accept() else {
                return;
            };
            // A client that stops reading must not hang the test.
            let _ = stream.set_write_timeout(Some(Duration::from_secs(20)));
            let mut reader = BufReader::new(stream);
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let mut stream = reader.into_inner();
            let framing_header = match framing {
                Framing::Chunked => "transfer-encoding: chunked".to_owned(),
                Framing::Length => format!("content-length: {len}"),
            };
            let head = format!(
                "HTTP/1.1 500 Internal Server Error\r\ncontent-type: application/json\r\n{framing_header}\r\n\r\n"
            );
            if stream.write_all(head.as_bytes()).is_err() {
                return;
            }
            let filler = vec![b'a'; 64 << 10];
            let mut offset = 0;
            while offset < len {
                let piece = piece(&filler, offset, len);
                let written = match framing {
                    Framing::Chunked => {
                        let size = format!("{:x}\r\n", piece.len());
                        stream
                            .write_all(size.as_bytes())
                            .and_then(|()| stream.write_all(&piece))
                            .and_then(|()| stream.write_all(b"\r\n"))
                    }
                    Framing::Length => stream.write_all(&piece),
                };
                if written.is_err() {
                    return;
                }
                let piece_len = u64::try_from(piece.len()).unwrap();
                counter.fetch_add(piece_len, Ordering::Relaxed);
                offset += piece_len;
            }
            if let Framing::Chunked = framing {
                let _ = stream.write_all(b"0\r\n\r\n");
            }
        });
        Streamer { addr, sent, thread }
    }

    /// What the server sent in all, once the exchange is over.
    fn finish(self) -> u64 {
        self.thread.join().expect("the server thread");
        self.sent.load(Ordering::Relaxed)
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

/// Asks `streamer` with `reader`.
fn ask(streamer: &Streamer, reader: Reader) -> Result<(), ClientError<ChatError>> {
    runtime().block_on(async {
        let response = reqwest::Client::new()
            .get(format!("http://{}/", streamer.addr))
            .send()
            .await
            .expect("the server answers");
        reader.read::<ChatError, ()>(response).await
    })
}

/// The peak resident set size of this process, in bytes (`VmHWM`).
#[cfg(target_os = "linux")]
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

#[cfg(not(target_os = "linux"))]
fn peak_rss() -> Option<u64> {
    None
}

/// The most a test of this file may take the process's memory to.
const RSS_CEILING: u64 = 64 << 20;

fn too_large(result: Result<(), ClientError<ChatError>>) -> errbook::decode::DecodeError {
    match result {
        Err(ClientError::Decode(err)) => err,
        other => panic!("a body over the limit: {other:?}"),
    }
}

#[test]
fn a_chunked_body_of_gigabytes_is_read_only_to_the_limit() {
    let started = Instant::now();
    let streamer = Streamer::start(Framing::Chunked, OFFERED);
    let err = too_large(ask(&streamer, Reader::new()));
    let elapsed = started.elapsed();
    let sent = streamer.finish();

    let DecodeErrorKind::TooLarge { len, limit } = *err.kind() else {
        panic!("too large: {err}");
    };
    assert_eq!(limit, MAX_BODY);
    assert!(len > MAX_BODY, "{len}");
    assert_eq!(err.status(), 500);
    // The start of the body is kept for logs, and no more.
    assert_eq!(err.body().len(), KEPT_BODY);
    assert!(
        err.body()
            .starts_with(br#"{"error":{"code":"X","message":"aaa"#)
    );
    assert_eq!(err.body_len(), len);
    // The server could send what the client read and what the sockets'
    // buffers hold, not the gigabytes it offered.
    assert!(sent < 64 << 20, "the server sent {sent} bytes");

    let peak = peak_rss();
    if let Some(peak) = peak {
        assert!(peak < RSS_CEILING, "peak resident memory {peak} bytes");
    }
    eprintln!(
        "chunked {OFFERED} bytes offered: {sent} sent, {len} read, peak RSS {} KiB, {elapsed:?}",
        peak.unwrap_or(0) >> 10
    );
}

#[test]
fn a_content_length_over_the_limit_is_refused_before_reading() {
    let started = Instant::now();
    let streamer = Streamer::start(Framing::Length, OFFERED);
    let err = too_large(ask(&streamer, Reader::new()));
    let elapsed = started.elapsed();
    let sent = streamer.finish();

    assert_eq!(
        *err.kind(),
        DecodeErrorKind::TooLarge {
            len: usize::try_from(OFFERED).unwrap(),
            limit: MAX_BODY,
        }
    );
    assert!(err.body().is_empty(), "nothing of the body is read");
    assert!(sent < 64 << 20, "the server sent {sent} bytes");

    let peak = peak_rss();
    if let Some(peak) = peak {
        assert!(peak < RSS_CEILING, "peak resident memory {peak} bytes");
    }
    eprintln!(
        "content-length {OFFERED}: {sent} sent, peak RSS {} KiB, {elapsed:?}",
        peak.unwrap_or(0) >> 10
    );
}

#[test]
fn the_limit_is_the_readers() {
    let limit = 4096;
    let reader = Reader::new().limit(limit);
    assert_eq!(reader.max_error_body(), limit);
    assert_eq!(Reader::new().max_error_body(), MAX_BODY);
    assert_eq!(Reader::new().limit(usize::MAX).max_error_body(), MAX_BODY);

    for framing in [Framing::Chunked, Framing::Length] {
        // A body of exactly the limit is read and decoded.
        let streamer = Streamer::start(framing, limit as u64);
        match ask(&streamer, reader) {
            Err(ClientError::Api(err @ ChatError::Other(_))) => {
                assert_eq!(err.code(), "X");
                let message_len = limit - OPENING.len() - CLOSING.len();
                assert_eq!(err.message().to_string().len(), message_len);
            }
            other => panic!("{framing:?}: a body at the limit decodes: {other:?}"),
        }
        streamer.finish();

        // One byte more is not.
        let streamer = Streamer::start(framing, limit as u64 + 1);
        let err = too_large(ask(&streamer, reader));
        assert!(
            matches!(err.kind(), DecodeErrorKind::TooLarge { len, limit: 4096 } if *len > limit),
            "{framing:?}: {err:?}"
        );
        streamer.finish();
    }
}

#[test]
fn from_reqwest_has_the_default_limit() {
    let streamer = Streamer::start(Framing::Length, MAX_BODY as u64 + 1);
    let result = runtime().block_on(async {
        let response = reqwest::get(format!("http://{}/", streamer.addr))
            .await
            .expect("the server answers");
        ChatError::from_reqwest::<()>(response).await
    });
    let err = too_large(result);
    assert!(matches!(
        err.kind(),
        DecodeErrorKind::TooLarge {
            limit: MAX_BODY,
            ..
        }
    ));
    streamer.finish();
}
