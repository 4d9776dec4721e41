//! Catalog renderers: the codes of a [`Catalog`](super::Catalog) as a
//! Markdown page, in one of two [`Layout`]s, or as [`Json`].
//!
//! Every renderer is a small value that borrows the catalog and implements
//! [`Display`](core::fmt::Display): it writes straight to the formatter,
//! row by row, without building a `String` first.
//!
//! - [`Markdown::by_status`]: one `### 400 Bad Request` section per status,
//!   in ascending order, each a `| Code | Description |` table; then the
//!   codes whose status is chosen at run time, then the codes without an
//!   HTTP status.
//! - [`Markdown::by_domain`]: one section per error type, in declaration
//!   order, titled by the first sentence of the type's doc comment
//!   ([`section_title`]), each a `| Code | HTTP Status | Description |`
//!   table.
//! - [`Json`]: a `serde::Serialize` array of every entry.
//!
//! Codes are code spans in both layouts. [`Markdown::with_messages`] adds
//! a `Message` column (each code's public message template) and
//! [`Markdown::with_fields`] a `Fields` column (the members each code adds
//! to its body), in either layout.
//!
//! ```
//! use errbook::ApiError;
//! use errbook::catalog::render::{Json, Markdown};
//!
//! /// User errors.
//! #[derive(Debug, ApiError)]
//! #[api(prefix = "user:", rename_all = "snake_case")]
//! enum UserError {
//!     /// Wrong password.
//!     #[api(status = 401)]
//!     InvalidPassword,
//!     /// User not found.
//!     #[api(status = 404)]
//!     NotFound,
//!     /// Not authenticated.
//!     #[api(status = 401)]
//!     Unauthorized,
//! }
//!
//! assert_eq!(
//!     Markdown::by_status(UserError::catalog()).to_string(),
//!     concat!(
//!         "### 401 Unauthorized\n",
//!         "\n",
//!         "| Code | Description |\n",
//!         "|---|---|\n",
//!         "| `user:invalid_password` | Wrong password. |\n",
//!         "| `user:unauthorized` | Not authenticated. |\n",
//!         "\n",
//!         "### 404 Not Found\n",
//!         "\n",
//!         "| Code | Description |\n",
//!         "|---|---|\n",
//!         "| `user:not_found` | User not found. |\n",
//!     ),
//! );
//! assert_eq!(
//!     Markdown::by_domain(UserError::catalog()).to_string(),
//!     concat!(
//!         "## User errors\n",
//!         "\n",
//!         "| Code | HTTP Status | Description |\n",
//!         "|---|---|---|\n",
//!         "| `user:invalid_password` | 401 | Wrong password. |\n",
//!         "| `user:not_found` | 404 | User not found. |\n",
//!         "| `user:unauthorized` | 401 | Not authenticated. |\n",
//!     ),
//! );
//! let json = serde_json::to_value(Json::new(UserError::catalog())).unwrap();
//! assert_eq!(json[1]["code"], "user:not_found");
//! assert_eq!(json[1]["status"], 404);
//! ```

mod json;
mod markdown;
mod title;

pub use json::Json;
pub use markdown::{Layout, Markdown, section_title};
