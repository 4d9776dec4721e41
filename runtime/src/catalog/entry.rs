//! One code's record: [`Entry`], its [`Status`], its message [`Template`]
//! and [`Part`]s, and its exposed [`FieldInfo`]s.

use core::fmt;

use super::{Catalog, RetryAfterUnit};
use crate::Code;

/// One code, with everything static about it: the one record the derive
/// writes per code, which [`ApiError`](crate::ApiError)'s provided methods
/// read.
#[derive(Clone, Copy)]
pub struct Entry {
    pub(in crate::catalog) code: Code<'static>,
    pub(in crate::catalog) code_json: &'static str,
    pub(in crate::catalog) variant: &'static str,
    pub(in crate::catalog) status: Status,
    pub(in crate::catalog) template: Option<Template>,
    pub(in crate::catalog) title: Option<&'static str>,
    pub(in crate::catalog) description: Option<&'static str>,
    pub(in crate::catalog) fields: &'static [FieldInfo],
    pub(in crate::catalog) retry_after: Option<RetryAfterUnit>,
    pub(in crate::catalog) aliases: &'static [Code<'static>],
    pub(in crate::catalog) deprecated: bool,
    pub(in crate::catalog) catalog: fn() -> &'static Catalog,
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
    pub(in crate::catalog) raw: &'static str,
    pub(in crate::catalog) parts: &'static [Part],
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
    pub(in crate::catalog) name: &'static str,
    pub(in crate::catalog) rust_type: &'static str,
    pub(in crate::catalog) schema: FieldSchema,
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

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Status::Fixed(code) => fmt::Display::fmt(code, f),
            Status::Varies => f.write_str("varies"),
            Status::None => f.write_str("none"),
        }
    }
}
