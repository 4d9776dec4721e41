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
//! let mut codes = Vec::new();
//! for entry in UserError::catalog() {
//!     codes.push(entry.code().to_string());
//! }
//! assert_eq!(codes, ["user:not_found", "session:expired"]);
//! let first = UserError::catalog().iter().next().unwrap();
//! assert_eq!(first.status(), Status::Fixed(404));
//! assert_eq!(first.message(), Some("User {id} not found."));
//! assert_eq!(first.fields()[0].name(), "id");
//! assert_eq!(first.fields()[0].rust_type(), "u64");
//! assert_eq!(first.catalog().type_name(), "UserError");
//! ```

use core::fmt;

use crate::Code;
pub use crate::retry_after::RetryAfterUnit;

/// Deepest `transparent` nesting a catalog walks; checked at compile time.
pub const MAX_DEPTH: usize = 32;

/// The codes of one error type: its own entries and the catalogs of the
/// types it nests, in declaration order.
///
/// The derive builds it at compile time; it can grow new data without
/// breaking code the derive already wrote, so it is read through methods.
#[derive(Clone, Copy, Debug)]
pub struct Catalog {
    type_name: &'static str,
    description: Option<&'static str>,
    domain: Option<&'static str>,
    docs: Option<&'static str>,
    items: &'static [Item],
}

/// One item of a [`Catalog`].
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum Item {
    /// A code of this type.
    Entry(&'static Entry),
    /// A `transparent` variant: the catalog of the inner type.
    Nested(&'static Catalog),
}

/// One code, with everything static about it: the one record the derive
/// writes per code, which [`ApiError`](crate::ApiError)'s provided methods
/// read.
#[derive(Clone, Copy)]
pub struct Entry {
    code: Code<'static>,
    code_json: &'static str,
    variant: &'static str,
    status: Status,
    template: Option<Template>,
    title: Option<&'static str>,
    description: Option<&'static str>,
    fields: &'static [FieldInfo],
    retry_after: Option<RetryAfterUnit>,
    aliases: &'static [Code<'static>],
    deprecated: bool,
    catalog: fn() -> &'static Catalog,
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

/// A message template (`"User {id} not found."`), parsed once by the
/// derive: its text as written and its [`Part`]s.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Template {
    raw: &'static str,
    parts: &'static [Part],
}

/// A piece of a [`Template`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Part {
    /// Literal text, `{{` and `}}` already resolved to one brace.
    #[non_exhaustive]
    Text {
        /// The text.
        text: &'static str,
        /// The same text escaped for a JSON string, without the quotes.
        json: &'static str,
    },
    /// A field interpolated with `Display`.
    #[non_exhaustive]
    Arg {
        /// The field's name, or its position for a tuple field (`"0"`).
        name: &'static str,
        /// The format spec after `:` (`".1"` in `{used:.1}`), if any.
        spec: Option<&'static str>,
        /// Which of the variant's placeholders it is, for
        /// [`ApiError::fmt_arg`](crate::ApiError::fmt_arg): the same field
        /// named twice has one slot.
        slot: usize,
    },
}

/// An exposed member of an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldInfo {
    name: &'static str,
    rust_type: &'static str,
    schema: FieldSchema,
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

    /// The same member with `schema`.
    #[must_use]
    pub const fn with_schema(mut self, schema: FieldSchema) -> Self {
        self.schema = schema;
        self
    }

    /// The member's name in the body.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The field's Rust type, as written (`Option<u64>`).
    pub const fn rust_type(&self) -> &'static str {
        self.rust_type
    }

    /// The JSON Schema of the field's type, for OpenAPI documents.
    pub const fn schema(&self) -> FieldSchema {
        self.schema
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

impl Catalog {
    /// A catalog with no codes.
    pub const EMPTY: Catalog = Catalog::new("", &[]);

    /// A catalog of `items`, named `type_name`: the derive writes one per
    /// type; one of your own can gather several types on one page.
    ///
    /// ```
    /// use errbook::ApiError;
    /// use errbook::catalog::{Catalog, Item};
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api(status = 404)]
    /// enum UserError { UserNotFound }
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api(status = 404)]
    /// enum PostError { PostNotFound }
    ///
    /// static API: Catalog = Catalog::new(
    ///     "Api",
    ///     &[Item::Nested(UserError::CATALOG), Item::Nested(PostError::CATALOG)],
    /// )
    /// .with_description("Every error of the API.");
    ///
    /// assert_eq!(API.len(), 2);
    /// ```
    pub const fn new(type_name: &'static str, items: &'static [Item]) -> Self {
        Catalog {
            type_name,
            description: None,
            domain: None,
            docs: None,
            items,
        }
    }

    /// The same catalog with a doc comment (its group title).
    #[must_use]
    pub const fn with_description(mut self, description: &'static str) -> Self {
        self.description = Some(description);
        self
    }

    #[doc(hidden)]
    #[must_use]
    pub const fn __domain(mut self, domain: &'static str) -> Self {
        self.domain = Some(domain);
        self
    }

    #[doc(hidden)]
    #[must_use]
    pub const fn __docs(mut self, docs: &'static str) -> Self {
        self.docs = Some(docs);
        self
    }

    /// The type's name, as written (`UserError`).
    pub const fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// The type's doc comment (the catalog's group title).
    pub const fn description(&self) -> Option<&'static str> {
        self.description
    }

    /// The type's `#[api(domain = "…")]`.
    pub const fn domain(&self) -> Option<&'static str> {
        self.domain
    }

    /// The type's `#[api(docs = "…/{code}")]`.
    pub const fn docs(&self) -> Option<&'static str> {
        self.docs
    }

    /// Entries and nested catalogs, in declaration order.
    pub const fn items(&self) -> &'static [Item] {
        self.items
    }

    /// Every entry with the catalog (the type) that declares it, nested
    /// catalogs included, in declaration order.
    pub fn entries(&self) -> Entries<'_> {
        let mut stack = [(&[][..], self); MAX_DEPTH + 1];
        stack[0] = (self.items, self);
        Entries { stack, depth: 1 }
    }

    /// Every entry, nested catalogs included, in declaration order; also
    /// what `for entry in T::catalog()` walks.
    pub fn iter(&self) -> Iter<'_> {
        Iter(self.entries())
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

/// The entry at `index` of `items`, if it is an entry.
#[doc(hidden)]
#[inline]
pub fn item_entry(items: &'static [Item], index: usize) -> Option<&'static Entry> {
    match items.get(index) {
        Some(Item::Entry(entry)) => Some(entry),
        _ => None,
    }
}

impl<'a> IntoIterator for &'a Catalog {
    type Item = &'a Entry;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// Every [`Entry`] of a [`Catalog`], in declaration order; made by
/// [`Catalog::iter`].
#[derive(Clone, Debug)]
pub struct Iter<'a>(Entries<'a>);

impl<'a> Iterator for Iter<'a> {
    type Item = &'a Entry;

    fn next(&mut self) -> Option<&'a Entry> {
        self.0.next().map(|(_, entry)| entry)
    }
}

impl Entry {
    #[doc(hidden)]
    pub const fn __new(
        code: Code<'static>,
        code_json: &'static str,
        variant: &'static str,
        status: Status,
        catalog: fn() -> &'static Catalog,
    ) -> Self {
        Entry {
            code,
            code_json,
            variant,
            status,
            template: None,
            title: None,
            description: None,
            fields: &[],
            retry_after: None,
            aliases: &[],
            deprecated: false,
            catalog,
        }
    }

    #[doc(hidden)]
    #[must_use]
    pub const fn __template(mut self, raw: &'static str, parts: &'static [Part]) -> Self {
        self.template = Some(Template { raw, parts });
        self
    }

    #[doc(hidden)]
    #[must_use]
    pub const fn __title(mut self, title: &'static str) -> Self {
        self.title = Some(title);
        self
    }

    #[doc(hidden)]
    #[must_use]
    pub const fn __description(mut self, description: &'static str) -> Self {
        self.description = Some(description);
        self
    }

    #[doc(hidden)]
    #[must_use]
    pub const fn __fields(mut self, fields: &'static [FieldInfo]) -> Self {
        self.fields = fields;
        self
    }

    #[doc(hidden)]
    #[must_use]
    pub const fn __retry_after(mut self, unit: RetryAfterUnit) -> Self {
        self.retry_after = Some(unit);
        self
    }

    #[doc(hidden)]
    #[must_use]
    pub const fn __aliases(mut self, aliases: &'static [Code<'static>]) -> Self {
        self.aliases = aliases;
        self
    }

    #[doc(hidden)]
    #[must_use]
    pub const fn __deprecated(mut self) -> Self {
        self.deprecated = true;
        self
    }

    /// The code.
    pub const fn code(&self) -> Code<'static> {
        self.code
    }

    /// The code as JSON: a string with its quotes (`"user:not_found"`),
    /// escaped, or a number (`40401`).
    pub const fn code_json(&self) -> &'static str {
        self.code_json
    }

    /// The variant's name (the struct's, for a struct).
    pub const fn variant(&self) -> &'static str {
        self.variant
    }

    /// The HTTP status.
    pub const fn status(&self) -> Status {
        self.status
    }

    /// The message template, parsed; `None` when the message is the
    /// status's reason phrase.
    pub const fn template(&self) -> Option<&Template> {
        self.template.as_ref()
    }

    /// The message template as written (`"User {id} not found."`); `None`
    /// when the message is the status's reason phrase.
    pub const fn message(&self) -> Option<&'static str> {
        match &self.template {
            Some(template) => Some(template.raw),
            None => None,
        }
    }

    /// The problem+json title (`#[api(title = "…")]`).
    pub const fn title(&self) -> Option<&'static str> {
        self.title
    }

    /// The variant's doc comment.
    pub const fn description(&self) -> Option<&'static str> {
        self.description
    }

    /// The members exposed with `#[api(field)]`.
    pub const fn fields(&self) -> &'static [FieldInfo] {
        self.fields
    }

    /// The unit of the `retry_after` field, when the code carries one.
    pub const fn retry_after(&self) -> Option<RetryAfterUnit> {
        self.retry_after
    }

    /// Older codes a client still decodes into this one
    /// (`#[api(alias = "…")]`).
    pub const fn aliases(&self) -> &'static [Code<'static>] {
        self.aliases
    }

    /// Whether the code is this entry's or one of its aliases.
    pub fn answers_to(&self, code: Code<'_>) -> bool {
        self.code == code || self.aliases.contains(&code)
    }

    /// Whether the variant is `#[deprecated]`.
    pub const fn deprecated(&self) -> bool {
        self.deprecated
    }

    /// The catalog of the type that declares this code.
    pub fn catalog(&self) -> &'static Catalog {
        (self.catalog)()
    }
}

impl PartialEq for Entry {
    /// Entries are equal when everything they say is: the declaring type is
    /// compared by name.
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
            && self.variant == other.variant
            && self.status == other.status
            && self.template == other.template
            && self.title == other.title
            && self.description == other.description
            && self.fields == other.fields
            && self.retry_after == other.retry_after
            && self.aliases == other.aliases
            && self.deprecated == other.deprecated
            && self.catalog().type_name == other.catalog().type_name
    }
}

impl Eq for Entry {}

impl fmt::Debug for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Entry")
            .field("code", &self.code)
            .field("variant", &self.variant)
            .field("status", &self.status)
            .field("message", &self.message())
            .field("title", &self.title)
            .field("description", &self.description)
            .field("fields", &self.fields)
            .field("retry_after", &self.retry_after)
            .field("aliases", &self.aliases)
            .field("deprecated", &self.deprecated)
            .finish_non_exhaustive()
    }
}

impl Template {
    /// The template as written.
    pub const fn raw(&self) -> &'static str {
        self.raw
    }

    /// Its text and placeholders, in order.
    pub const fn parts(&self) -> &'static [Part] {
        self.parts
    }
}

impl Part {
    #[doc(hidden)]
    pub const fn __text(text: &'static str, json: &'static str) -> Self {
        Part::Text { text, json }
    }

    #[doc(hidden)]
    pub const fn __plain(text: &'static str) -> Self {
        Part::Text { text, json: text }
    }

    #[doc(hidden)]
    pub const fn __arg(name: &'static str, slot: usize) -> Self {
        Part::Arg {
            name,
            spec: None,
            slot,
        }
    }

    #[doc(hidden)]
    pub const fn __arg_spec(name: &'static str, slot: usize, spec: &'static str) -> Self {
        Part::Arg {
            name,
            spec: Some(spec),
            slot,
        }
    }
}

impl Status {
    /// The HTTP status a response with this entry's code has: the fixed
    /// one, or 500 for a code that never travels over HTTP. `None` when it
    /// is chosen at run time.
    pub fn http(self) -> Option<http::StatusCode> {
        match self {
            Status::Fixed(code) => Some(
                http::StatusCode::from_u16(code).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
            ),
            Status::None => Some(http::StatusCode::INTERNAL_SERVER_ERROR),
            Status::Varies => None,
        }
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
