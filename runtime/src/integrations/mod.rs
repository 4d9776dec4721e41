//! The framework integrations, each behind its feature: `axum`,
//! `actix` (feature `actix-web`), `utoipa`, `reqwest` (public as
//! `errbook::client`) and `tracing`.
//!
//! The core (`error`, `code`, `format`, `catalog`, `decode`) knows no
//! framework; each integration adapts it to one.

#[cfg(feature = "actix-web")]
pub mod actix;
#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "reqwest")]
pub mod reqwest;
#[cfg(feature = "tracing")]
pub(crate) mod tracing;
#[cfg(feature = "utoipa")]
pub mod utoipa;
