//! One code's record: [`Entry`], its [`Status`], its message [`Template`]
//! and [`Part`]s, and its exposed [`FieldInfo`]s.

use core::fmt;

use super::table::{self, Table};
use super::{Catalog, RetryAfterUnit};
use crate::Code;
use crate::format::NoneAs;

/// One code, with everything static about it: the one record the derive
/// writes per code, which [`ApiError`](crate::ApiError)'s provided methods
/// read.
///
/// A small handle into the declaring type's packed table: copy it freely;
/// every accessor reads the table.
#[derive(Clone, Copy)]
pub struct Entry {
    table: &'static Table,
    /// The record's first word.
    at: usize,
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
#[derive(Clone, Copy)]
pub struct Template {
    entry: Entry,
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
    option: bool,
    none: Option<NoneAs>,
}

impl FieldInfo {
    /// A member whose schema is unknown.
    pub const fn new(name: &'static str, rust_type: &'static str) -> Self {
        FieldInfo {
            name,
            rust_type,
            schema: FieldSchema::UNKNOWN,
            option: false,
            none: None,
        }
    }

    /// The same member, of an `Option` type, with the field's own choice
    /// of how `None` is written (`#[api(field, none = "omit" | "null")]`).
    #[must_use]
    pub const fn option(mut self, none: Option<NoneAs>) -> Self {
        self.option = true;
        self.none = none;
        self
    }

    /// Whether the field is an `Option`, which a format may leave out of
    /// the body when it is `None`.
    pub const fn is_option(&self) -> bool {
        self.option
    }

    /// How the field is written when it is `None`, in a format whose own
    /// choice is `format` ([`Format::NONE`](crate::Format::NONE)): `None`
    /// for a field that is not an `Option`.
    ///
    /// ```
    /// use errbook::{ApiError, Format};
    /// use errbook::format::{Matrix, Nested, NoneAs};
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api(code = "M_LIMIT_EXCEEDED", status = 429)]
    /// struct Limited {
    ///     #[api(field)]
    ///     retry_after_ms: Option<u64>,
    ///     #[api(field, none = "null")]
    ///     hint: Option<String>,
    /// }
    ///
    /// let entry = Limited::catalog().iter().next().unwrap();
    /// let [retry, hint] = entry.fields() else { unreachable!() };
    /// assert_eq!(retry.when_none(Matrix::NONE), Some(NoneAs::Omit));
    /// assert_eq!(retry.when_none(Nested::NONE), Some(NoneAs::Null));
    /// assert_eq!(hint.when_none(Matrix::NONE), Some(NoneAs::Null));
    /// ```
    pub const fn when_none(&self, format: NoneAs) -> Option<NoneAs> {
        match (self.option, self.none) {
            (false, _) => None,
            (true, Some(none)) => Some(none),
            (true, None) => Some(format),
        }
    }

    /// The field's own choice of how `None` is written, if it made one.
    pub const fn none_as(&self) -> Option<NoneAs> {
        self.none
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
    /// The entry whose record starts at word `at` of `table`.
    #[inline]
    pub(super) const fn at(table: &'static Table, at: usize) -> Self {
        Entry { table, at }
    }

    /// The table and the record's first word.
    #[inline]
    pub(super) const fn place(self) -> (&'static Table, usize) {
        (self.table, self.at)
    }

    #[inline]
    const fn flags(self) -> u32 {
        self.table.word(self.at + table::FLAGS)
    }

    #[inline]
    const fn has(self, flag: u32) -> bool {
        self.flags() & flag != 0
    }

    /// The string at `field` of the record, when `flag` says it is there.
    #[inline]
    const fn str_if(self, flag: u32, field: usize) -> Option<&'static str> {
        if self.has(flag) {
            Some(self.table.str(self.at + field))
        } else {
            None
        }
    }

    /// The code.
    #[inline]
    pub const fn code(self) -> Code<'static> {
        if self.has(table::CODE_INT) {
            Code::Int(self.table.bits(self.at + table::CODE).cast_signed())
        } else {
            Code::Str(self.table.str(self.at + table::CODE))
        }
    }

    /// The code as JSON: a string with its quotes (`"user:not_found"`),
    /// escaped, or a number (`40401`).
    #[inline]
    pub const fn code_json(self) -> &'static str {
        self.table.str(self.at + table::CODE_JSON)
    }

    /// The variant's name (the struct's, for a struct).
    #[inline]
    pub const fn variant(self) -> &'static str {
        self.table.str(self.at + table::VARIANT)
    }

    /// The HTTP status.
    #[inline]
    pub const fn status(self) -> Status {
        let flags = self.flags();
        if flags & table::STATUS_NONE != 0 {
            Status::None
        } else if flags & table::STATUS_VARIES != 0 {
            Status::Varies
        } else {
            // The high half of a `u32` fits a `u16`.
            #[allow(clippy::cast_possible_truncation)]
            Status::Fixed((flags >> table::STATUS_SHIFT) as u16)
        }
    }

    /// The message template, parsed; `None` when the message is the
    /// status's reason phrase.
    #[inline]
    pub const fn template(self) -> Option<Template> {
        if self.has(table::HAS_TEMPLATE) {
            Some(Template { entry: self })
        } else {
            None
        }
    }

    /// The message template as written (`"User {id} not found."`); `None`
    /// when the message is the status's reason phrase.
    #[inline]
    pub const fn message(self) -> Option<&'static str> {
        self.str_if(table::HAS_TEMPLATE, table::TEMPLATE)
    }

    /// Whether the variant carries a list of
    /// [`Violations`](crate::Violations) (a field marked
    /// `#[api(violations)]`), which every format writes.
    #[inline]
    pub const fn has_violations(self) -> bool {
        self.has(table::HAS_VIOLATIONS)
    }

    /// Whether the list is an `Option<Violations>`, which a `None` leaves
    /// out of the body.
    #[cfg(feature = "utoipa")]
    pub(crate) const fn violations_optional(self) -> bool {
        self.has(table::VIOLATIONS_OPTION)
    }

    /// The problem+json title (`#[api(title = "…")]`).
    #[inline]
    pub const fn title(self) -> Option<&'static str> {
        self.str_if(table::HAS_TITLE, table::TITLE)
    }

    /// The variant's doc comment.
    #[inline]
    pub const fn description(self) -> Option<&'static str> {
        self.str_if(table::HAS_DESCRIPTION, table::DESCRIPTION)
    }

    /// The members exposed with `#[api(field)]`.
    #[inline]
    pub fn fields(self) -> &'static [FieldInfo] {
        let start = self.table.word(self.at + table::FIELDS) as usize;
        let len = self.table.word(self.at + table::FIELDS + 1) as usize;
        self.table.fields(start, len)
    }

    /// The unit of the `retry_after` field, when the code carries one.
    #[inline]
    pub const fn retry_after(self) -> Option<RetryAfterUnit> {
        if self.has(table::RETRY_SECONDS) {
            Some(RetryAfterUnit::Seconds)
        } else if self.has(table::RETRY_MILLISECONDS) {
            Some(RetryAfterUnit::Milliseconds)
        } else {
            None
        }
    }

    /// Older codes a client still decodes into this one
    /// (`#[api(alias = "…")]`).
    #[inline]
    pub const fn aliases(self) -> Aliases {
        Aliases {
            table: self.table,
            at: self.table.word(self.at + table::ALIASES) as usize,
            left: self.table.word(self.at + table::ALIASES + 1) as usize,
        }
    }

    /// Whether the code is this entry's or one of its aliases.
    #[inline]
    pub fn answers_to(self, code: Code<'_>) -> bool {
        self.table.answers_to(self.at, code)
    }

    /// Whether the variant is `#[deprecated]`.
    #[inline]
    pub const fn deprecated(self) -> bool {
        self.has(table::DEPRECATED)
    }

    /// The hash of the code's text the derive computed (FNV-1a, 64 bits).
    #[inline]
    pub(crate) const fn code_hash(self) -> u64 {
        self.table.bits(self.at + table::HASH)
    }

    /// The catalog of the type that declares this code.
    #[inline]
    pub fn catalog(self) -> &'static Catalog {
        self.table.catalog()
    }
}

impl PartialEq for Entry {
    /// Entries are equal when everything they say is: the declaring type is
    /// compared by name.
    fn eq(&self, other: &Self) -> bool {
        self.code() == other.code()
            && self.variant() == other.variant()
            && self.status() == other.status()
            && self.template() == other.template()
            && self.title() == other.title()
            && self.description() == other.description()
            && self.fields() == other.fields()
            && self.retry_after() == other.retry_after()
            && self.aliases().eq(other.aliases())
            && self.deprecated() == other.deprecated()
            && self.catalog().type_name() == other.catalog().type_name()
    }
}

impl Eq for Entry {}

impl fmt::Debug for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Entry")
            .field("code", &self.code())
            .field("variant", &self.variant())
            .field("status", &self.status())
            .field("message", &self.message())
            .field("title", &self.title())
            .field("description", &self.description())
            .field("fields", &self.fields())
            .field("retry_after", &self.retry_after())
            .field("aliases", &self.aliases())
            .field("deprecated", &self.deprecated())
            .finish_non_exhaustive()
    }
}

/// The aliases of an [`Entry`], made by [`Entry::aliases`].
#[derive(Clone)]
pub struct Aliases {
    table: &'static Table,
    at: usize,
    left: usize,
}

impl Iterator for Aliases {
    type Item = Code<'static>;

    #[inline]
    fn next(&mut self) -> Option<Code<'static>> {
        if self.left == 0 {
            return None;
        }
        let at = self.at;
        self.at += table::ALIAS;
        self.left -= 1;
        Some(if self.table.word(at) & table::CODE_INT != 0 {
            Code::Int(self.table.bits(at + 1).cast_signed())
        } else {
            Code::Str(self.table.str(at + 1))
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for Aliases {}

impl fmt::Debug for Aliases {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

impl Template {
    /// The template as written.
    #[inline]
    pub const fn raw(self) -> &'static str {
        self.entry.table.str(self.entry.at + table::TEMPLATE)
    }

    /// Its text and placeholders, in order.
    #[inline]
    pub const fn parts(self) -> Parts {
        let table = self.entry.table;
        Parts {
            table,
            at: table.word(self.entry.at + table::PARTS) as usize,
            left: table.word(self.entry.at + table::PARTS + 1) as usize,
        }
    }
}

impl PartialEq for Template {
    fn eq(&self, other: &Self) -> bool {
        self.raw() == other.raw() && self.parts().eq(other.parts())
    }
}

impl Eq for Template {}

impl fmt::Debug for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Template")
            .field("raw", &self.raw())
            .field("parts", &self.parts())
            .finish()
    }
}

/// The [`Part`]s of a [`Template`], in order; made by [`Template::parts`].
#[derive(Clone)]
pub struct Parts {
    table: &'static Table,
    at: usize,
    left: usize,
}

impl Iterator for Parts {
    type Item = Part;

    #[inline]
    fn next(&mut self) -> Option<Part> {
        if self.left == 0 {
            return None;
        }
        let at = self.at;
        self.at += table::PART;
        self.left -= 1;
        let [flags, a, b, c, d] = self.table.words::<{ table::PART }>(at);
        Some(if flags & table::PART_ARG == 0 {
            let text = self.table.slice(a, b);
            // Most runs need no escaping: the derive points both at one string.
            Part::Text {
                text,
                json: if a == c { text } else { self.table.slice(c, d) },
            }
        } else {
            Part::Arg {
                name: self.table.slice(a, b),
                spec: if flags & table::PART_SPEC == 0 {
                    None
                } else {
                    Some(self.table.slice(c, d))
                },
                slot: (flags >> table::SLOT_SHIFT) as usize,
            }
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for Parts {}

impl fmt::Debug for Parts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
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
