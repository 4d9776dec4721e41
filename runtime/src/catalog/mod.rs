//! The catalog: every code of an error type, with what documents it.
//!
//! `T::catalog()` (from [`ApiError::catalog`](crate::ApiError::catalog))
//! walks the codes of `T` in declaration order, the codes of types nested
//! with `#[api(transparent)]` included, without allocating: the catalog is
//! a tree of `'static` slices the derive writes at compile time.
//!
//! ```
//! use errbook::ApiError;
//! use errbook::catalog::Status;
//!
//! /// Session errors.
//! #[derive(Debug, ApiError)]
//! #[api(prefix = "session:", rename_all = "snake_case", status = 401)]
//! enum SessionError {
//!     /// Session has expired (max lifetime).
//!     Expired,
//! }
//!
//! /// User errors.
//! #[derive(Debug, ApiError)]
//! #[api(prefix = "user:", rename_all = "snake_case")]
//! enum UserError {
//!     /// User not found.
//!     #[api(status = 404, message = "User {id} not found.")]
//!     NotFound { #[api(field)] id: u64 },
//!     #[api(transparent)]
//!     Session(SessionError),
//! }
//!
//! let codes: Vec<String> = UserError::catalog().iter().map(|e| e.code.to_string()).collect();
//! assert_eq!(codes, ["user:not_found", "session:expired"]);
//! let first = UserError::catalog().iter().next().unwrap();
//! assert_eq!(first.status, Status::Fixed(404));
//! assert_eq!(first.message, Some("User {id} not found."));
//! assert_eq!(first.fields[0].name, "id");
//! assert_eq!(first.fields[0].rust_type, "u64");
//! ```

use core::fmt;

use crate::Code;

/// Deepest `transparent` nesting a catalog walks; checked at compile time.
pub const MAX_DEPTH: usize = 32;

/// The codes of one error type: its own entries and the catalogs of the
/// types it nests, in declaration order.
#[derive(Clone, Copy, Debug)]
pub struct Catalog {
    /// The type's name, as written (`UserError`).
    pub type_name: &'static str,
    /// The type's doc comment (the catalog's group title).
    pub description: Option<&'static str>,
    /// The type's `#[api(domain = "…")]`.
    pub domain: Option<&'static str>,
    /// The type's `#[api(docs = "…/{code}")]`.
    pub docs: Option<&'static str>,
    /// Entries and nested catalogs, in declaration order.
    pub items: &'static [Item],
}

/// One item of a [`Catalog`].
#[derive(Clone, Copy, Debug)]
pub enum Item {
    /// A code of this type.
    Entry(Entry),
    /// A `transparent` variant: the catalog of the inner type.
    Nested(&'static Catalog),
}

/// One code, with everything that documents it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The code.
    pub code: Code<'static>,
    /// The variant's name (the struct's, for a struct).
    pub variant: &'static str,
    /// The HTTP status.
    pub status: Status,
    /// The message template as written (`"User {id} not found."`); `None`
    /// when the message is the status's reason phrase.
    pub message: Option<&'static str>,
    /// The problem+json title.
    pub title: Option<&'static str>,
    /// The variant's doc comment.
    pub description: Option<&'static str>,
    /// The members exposed with `#[api(field)]`.
    pub fields: &'static [FieldInfo],
    /// The unit of the `retry_after` field, when the code carries one.
    pub retry_after: Option<RetryAfterUnit>,
    /// The variant is `#[deprecated]`.
    pub deprecated: bool,
}

/// The status of a catalog entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Always this status.
    Fixed(u16),
    /// Chosen at run time by a `#[api(status)]` field.
    Varies,
    /// The code never travels over HTTP (`#[api(status = none)]`).
    None,
}

/// An exposed member of an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldInfo {
    /// The member's name in the body.
    pub name: &'static str,
    /// The field's Rust type, as written (`Option<u64>`).
    pub rust_type: &'static str,
    /// The JSON Schema of the field's type, for OpenAPI documents.
    pub schema: FieldSchema,
}

impl FieldInfo {
    /// A member whose schema is unknown.
    pub const fn new(name: &'static str, rust_type: &'static str) -> Self {
        FieldInfo {
            name,
            rust_type,
            schema: FieldSchema::UNKNOWN,
        }
    }
}

/// The JSON Schema of an exposed field's type, made on demand.
///
/// The derive fills it in when errbook's `utoipa` feature is on and the
/// field's type implements `utoipa::PartialSchema` (strings, numbers,
/// `Option`s, `Vec`s and every `#[derive(ToSchema)]` type); otherwise it is
/// unknown, and documents render the member as any JSON value.
///
/// Two `FieldSchema`s always compare equal: a schema is a function of the
/// field's [`rust_type`](FieldInfo::rust_type), which is compared instead.
#[derive(Clone, Copy)]
pub struct FieldSchema(fn() -> Option<serde_json::Value>);

impl FieldSchema {
    /// No schema known.
    pub const UNKNOWN: FieldSchema = FieldSchema(|| None);

    /// The schema `make` returns, as JSON; `None` when it has none.
    pub const fn new(make: fn() -> Option<serde_json::Value>) -> Self {
        FieldSchema(make)
    }

    /// The schema as JSON (`{"type": "integer", …}`), when known.
    pub fn get(&self) -> Option<serde_json::Value> {
        (self.0)()
    }
}

impl PartialEq for FieldSchema {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for FieldSchema {}

impl fmt::Debug for FieldSchema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FieldSchema")
    }
}

/// The unit of a `retry_after` field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryAfterUnit {
    /// A `Duration`, or a number of seconds.
    Seconds,
    /// A number of milliseconds.
    Milliseconds,
}

impl Catalog {
    /// A catalog with no codes.
    pub const EMPTY: Catalog = Catalog {
        type_name: "",
        description: None,
        domain: None,
        docs: None,
        items: &[],
    };

    /// Every entry with the catalog (the type) that declares it, nested
    /// catalogs included, in declaration order.
    pub fn entries(&self) -> Entries<'_> {
        let mut stack = [(&[][..], self); MAX_DEPTH + 1];
        stack[0] = (self.items, self);
        Entries { stack, depth: 1 }
    }

    /// Every entry, nested catalogs included, in declaration order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries().map(|(_, entry)| entry)
    }

    /// The number of codes, nested ones included.
    pub fn len(&self) -> usize {
        self.entries().count()
    }

    /// Whether the type has no codes at all.
    pub fn is_empty(&self) -> bool {
        self.entries().next().is_none()
    }
}

/// Walks a [`Catalog`] depth first, in declaration order, with a fixed
/// stack: no allocation. Made by [`Catalog::entries`].
#[derive(Clone, Debug)]
pub struct Entries<'a> {
    stack: [(&'a [Item], &'a Catalog); MAX_DEPTH + 1],
    depth: usize,
}

impl<'a> Iterator for Entries<'a> {
    type Item = (&'a Catalog, &'a Entry);

    fn next(&mut self) -> Option<Self::Item> {
        while self.depth > 0 {
            let level = self.depth - 1;
            let (items, owner) = self.stack[level];
            let Some((first, rest)) = items.split_first() else {
                self.depth -= 1;
                continue;
            };
            self.stack[level].0 = rest;
            match first {
                Item::Entry(entry) => return Some((owner, entry)),
                // Nesting deeper than MAX_DEPTH is refused at compile time;
                // should it happen anyway, it is skipped, never a panic.
                Item::Nested(catalog) if self.depth <= MAX_DEPTH => {
                    self.stack[self.depth] = (catalog.items, catalog);
                    self.depth += 1;
                }
                Item::Nested(_) => {}
            }
        }
        None
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Status::Fixed(code) => fmt::Display::fmt(code, f),
            Status::Varies => f.write_str("varies"),
            Status::None => f.write_str("none"),
        }
    }
}

pub mod render;
pub mod snapshot;
#[doc(hidden)]
pub mod unique;
