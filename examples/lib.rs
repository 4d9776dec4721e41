//! Runnable examples of errbook: `cargo run --example showcase`.
