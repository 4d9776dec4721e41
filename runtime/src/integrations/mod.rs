//! The framework integrations, each behind its feature: `axum`,
//! `actix` (feature `actix-web`), `utoipa`, `reqwest` (public as
//! `errbook::client`) and `tracing`; and the validators' errors as
//! violations: `validator` and `garde`.
//!
//! The core (`error`, `code`, `format`, `catalog`, `decode`) knows no
//! framework; each integration adapts it to one. What the web frameworks
//! share lives here once: the request-id policy ([`request_id`]) and the
//! JSON rejection classifier ([`rejection`]).

#[cfg(feature = "actix-web")]
pub mod actix;
#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "garde")]
pub mod garde;
#[cfg(feature = "reqwest")]
pub mod reqwest;
#[cfg(feature = "tracing")]
pub(crate) mod tracing;
#[cfg(feature = "utoipa")]
pub mod utoipa;
#[cfg(feature = "validator")]
pub mod validator;

#[cfg(any(feature = "axum", feature = "actix-web"))]
mod rejection;
#[cfg(any(feature = "axum", feature = "actix-web"))]
mod request_id;
