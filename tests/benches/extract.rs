//! `cargo bench -p errbook-tests --bench extract`: what reading a JSON
//! request body costs with errbook's extractors, against the plain reads
//! the frameworks do.
//!
//! * **plain**: `serde_json::from_slice::<T>` (actix-web's `web::Json`);
//! * **tracked**: `serde_path_to_error::deserialize` over a
//!   `serde_json::Deserializer`, then its `end` (axum's `Json`: the path of
//!   every member kept while reading, for its error message);
//! * **errbook**: `violations::json::Reader::read` (errbook's axum `Json`):
//!   `serde_json::from_slice`, and, for a body it refuses, the collecting
//!   reading that reports every problem at its pointer;
//! * **errbook-raw**: the same after `serde_json::from_slice::<Box<RawValue>>`,
//!   as errbook's actix-web `Json` reads the body through `web::Json`
//!   (syntax and limits under the app's `JsonConfig`).
//!
//! Each on a good body and on a body with three problems (two members of
//! the wrong kind and a missing one), of two sizes. The harness is
//! `decode`'s: a warm-up, then alternating batches, and the median time
//! per call of each.

use std::hint::black_box;
use std::time::Duration;

use errbook::violations::json::Reader;
use serde::Deserialize;
use serde_json::value::RawValue;

#[path = "harness/mod.rs"]
mod harness;

use harness::{Batches, medians_per_call};

const BATCHES: Batches = Batches {
    rounds: 31,
    batch: Duration::from_millis(10),
};

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct NewUser {
    name: String,
    age: u8,
    email: String,
    tags: Vec<String>,
    address: Address,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Address {
    street: String,
    city: String,
    zip: u32,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Batch {
    users: Vec<NewUser>,
}

const GOOD: &str = r#"{"name":"Ada Lovelace","age":36,"email":"ada@example.com","tags":["math","engines","poetry"],"address":{"street":"12 St James's Square","city":"London","zip":10001}}"#;
const BAD: &str = r#"{"name":7,"age":"old","tags":["math","engines","poetry"],"address":{"street":"12 St James's Square","city":"London","zip":10001}}"#;

fn batch(users: usize, last: &str) -> String {
    let mut body = String::from(r#"{"users":["#);
    for _ in 1..users {
        body.push_str(GOOD);
        body.push(',');
    }
    body.push_str(last);
    body.push_str("]}");
    body
}

fn plain<T: for<'de> Deserialize<'de>>(body: &[u8]) -> bool {
    serde_json::from_slice::<T>(body).is_ok()
}

fn tracked<T: for<'de> Deserialize<'de>>(body: &[u8]) -> bool {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize::<_, T>(&mut deserializer)
        .map_err(|error| error.to_string())
        .and_then(|_| deserializer.end().map_err(|error| error.to_string()))
        .is_ok()
}

fn errbook<T: for<'de> Deserialize<'de>>(body: &[u8]) -> bool {
    match Reader::new().read::<T>(body) {
        Ok(_) => true,
        Err(error) => error.violations().is_empty(),
    }
}

fn errbook_raw<T: for<'de> Deserialize<'de>>(body: &[u8]) -> bool {
    match serde_json::from_slice::<Box<RawValue>>(body) {
        Ok(raw) => errbook::<T>(raw.get().as_bytes()),
        Err(_) => false,
    }
}

fn run<T: for<'de> Deserialize<'de>>(name: &str, body: &str) {
    let body = body.as_bytes();
    // The three problems of a bad body are all found.
    if let Err(error) = Reader::new().read::<T>(body) {
        assert_eq!(error.violations().len(), 3, "{name}");
    }
    let [p, t, e, r] = medians_per_call(
        BATCHES,
        &mut [
            &mut || {
                black_box(plain::<T>(black_box(body)));
            },
            &mut || {
                black_box(tracked::<T>(black_box(body)));
            },
            &mut || {
                black_box(errbook::<T>(black_box(body)));
            },
            &mut || {
                black_box(errbook_raw::<T>(black_box(body)));
            },
        ],
    );
    let ratio = |d: Duration| d.as_secs_f64() / p.as_secs_f64();
    println!(
        "{name:<28} {len:>7} B  plain {p:>10.2?}  tracked {t:>10.2?} ({:.2}x)  errbook {e:>10.2?} ({:.2}x)  errbook-raw {r:>10.2?} ({:.2}x)",
        ratio(t),
        ratio(e),
        ratio(r),
        len = body.len(),
    );
}

fn main() {
    run::<NewUser>("good, one user", GOOD);
    run::<NewUser>("bad, one user", BAD);
    let good = batch(100, GOOD);
    let bad = batch(100, BAD);
    run::<Batch>("good, 100 users", &good);
    run::<Batch>("bad (last of 100 users)", &bad);
}
