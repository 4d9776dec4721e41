//! The catalog: every code of an error type, with what documents it.
//!
//! `T::catalog()` (from [`ApiError::catalog`](crate::ApiError::catalog))
//! walks the codes of `T` in declaration order, the codes of types nested
//! with `#[api(transparent)]` included, without allocating: each derived
//! type's codes are one packed table the derive writes at compile time (a
//! string of text and a byte string of records), and an [`Entry`] is a
//! small `Copy` handle into it, read through its methods.
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

pub use crate::retry_after::RetryAfterUnit;
pub use entry::{Aliases, Entry, FieldInfo, FieldSchema, Part, Parts, Status, Template};
pub(crate) use table::Own;
#[doc(hidden)]
pub use table::{Table, catalog_of, entry_in, find_entry_of, table_entry};

mod entry;
mod table;

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
    /// The module that declares the type (`module_path!()`), for derived
    /// types: with the name, what tells one type from another when the
    /// uniqueness check meets the same code twice.
    module: &'static str,
    /// Whether every duplicate among the codes of this catalog is an
    /// error where the type is defined: derived types, save a generic one
    /// with `transparent` variants, whose check runs where it is used.
    checked: bool,
    description: Option<&'static str>,
    domain: Option<&'static str>,
    docs: Option<&'static str>,
    /// Where `docs`' placeholder is, worked out once, for reading a type
    /// URI back to its code.
    docs_split: crate::decode::Split,
    items: Source,
}

/// Where a catalog's items are: a list (a catalog made by hand) or a
/// derived type's packed table.
#[derive(Clone, Copy, Debug)]
enum Source {
    List(&'static [Item]),
    Table(&'static Table),
    /// A derived type's own table, held in its catalog: the derive writes
    /// the catalog as one constant, with no constant of the table to
    /// evaluate and check beside it.
    Own(Table),
}

/// The table a [`Items`] walks: one that lives as long as its entries.
#[derive(Clone, Copy, Debug)]
enum Walked {
    List(&'static [Item]),
    Table(&'static Table),
}

/// One item of a [`Catalog`].
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum Item {
    /// A code of this type.
    Entry(Entry),
    /// A `transparent` variant: the catalog of the inner type.
    Nested(&'static Catalog),
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
            module: "",
            checked: false,
            description: None,
            domain: None,
            docs: None,
            docs_split: crate::decode::Split::NONE,
            items: Source::List(items),
        }
    }

    /// A catalog over a table of its own, for the tests' hand-built tables.
    #[cfg(test)]
    pub(crate) const fn __table(
        type_name: &'static str,
        module: &'static str,
        checked: bool,
        table: &'static Table,
    ) -> Self {
        Catalog {
            type_name,
            module,
            checked,
            description: None,
            domain: None,
            docs: None,
            docs_split: crate::decode::Split::NONE,
            items: Source::Table(table),
        }
    }

    /// A derived type's catalog, its table held in place: what the derive
    /// writes as its type's `CATALOG`, one constant. `description` is the
    /// type's doc comment, empty for none.
    #[doc(hidden)]
    #[allow(clippy::too_many_arguments)]
    pub const fn __derived(
        type_name: &'static str,
        module: &'static str,
        checked: bool,
        text: &'static str,
        words: &'static [u8],
        hashes: &'static [u64],
        nested: &'static [&'static Catalog],
        fields: &'static [FieldInfo],
        catalog: fn() -> &'static Catalog,
        description: &'static str,
    ) -> Self {
        Catalog {
            type_name,
            module,
            checked,
            // A doc comment is never empty: an empty one is none.
            description: if description.is_empty() {
                None
            } else {
                Some(description)
            },
            domain: None,
            docs: None,
            docs_split: crate::decode::Split::NONE,
            items: Source::Own(Table::__new(text, words, hashes, nested, fields, catalog)),
        }
    }

    /// The catalog of `from` with its codes renamed: `from`'s name,
    /// description, domain and docs, over the renamed `table`.
    #[doc(hidden)]
    pub const fn __renamed(from: &'static Catalog, table: &'static Table) -> Self {
        Catalog {
            items: Source::Table(table),
            ..*from
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
        self.docs_split = crate::decode::Split::of(docs);
        self
    }

    /// Whether `self` and `other` are the same type's catalog (reached by
    /// two paths of a composition): the same name in the same module. For
    /// constant evaluation, which cannot compare addresses.
    pub(crate) const fn same_type(&self, other: &Catalog) -> bool {
        unique::same_bytes(self.type_name.as_bytes(), other.type_name.as_bytes())
            && unique::same_bytes(self.module.as_bytes(), other.module.as_bytes())
    }

    /// Whether duplicates among these codes are reported where the type is
    /// defined.
    pub(crate) const fn checked(&self) -> bool {
        self.checked
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

    /// The `docs` template and where its placeholder is.
    #[inline]
    pub(crate) const fn docs_split(&self) -> Option<(&'static str, crate::decode::Split)> {
        match self.docs {
            Some(docs) => Some((docs, self.docs_split)),
            None => None,
        }
    }

    /// Entries and nested catalogs, in declaration order.
    pub fn items(&self) -> Items {
        Items {
            source: self.walked(),
            next: 0,
        }
    }

    /// The number of items (entries and nested catalogs).
    pub(crate) const fn item_count(&self) -> usize {
        match &self.items {
            Source::List(items) => items.len(),
            Source::Table(table) => table.len(),
            Source::Own(table) => table.len(),
        }
    }

    /// The packed table of a derived type's catalog.
    pub(crate) const fn table(&'static self) -> Option<&'static Table> {
        match &self.items {
            Source::Table(table) => Some(table),
            Source::Own(table) => Some(table),
            Source::List(_) => None,
        }
    }

    /// What [`items`](Self::items) walks: a table held in place is read
    /// in the declaring catalog, which lives as long as its entries.
    fn walked(&self) -> Walked {
        match &self.items {
            Source::List(items) => Walked::List(items),
            Source::Table(table) => Walked::Table(table),
            Source::Own(table) => match table.catalog().table() {
                Some(table) => Walked::Table(table),
                None => Walked::List(&[]),
            },
        }
    }

    /// The catalog that declares every entry of this one, when that is one
    /// catalog: a derived type's, whose entries are its own (what
    /// [`Entry::catalog`] says of each).
    #[inline]
    pub(crate) fn declaring(&self) -> Option<&'static Catalog> {
        match &self.items {
            Source::Table(table) => Some(table.catalog()),
            Source::Own(table) => Some(table.catalog()),
            Source::List(_) => None,
        }
    }

    /// Item `index`, when it is a nested catalog (for constant evaluation).
    pub(crate) const fn nested_at(&self, index: usize) -> Option<&'static Catalog> {
        match &self.items {
            Source::List(items) if index < items.len() => match items[index] {
                Item::Nested(catalog) => Some(catalog),
                Item::Entry(_) => None,
            },
            Source::List(_) => None,
            Source::Table(table) => table.nested_at(index),
            Source::Own(table) => table.nested_at(index),
        }
    }

    /// Item `index`, when it is an entry (for constant evaluation).
    pub(crate) const fn entry_at(&'static self, index: usize) -> Option<Entry> {
        match &self.items {
            Source::List(items) if index < items.len() => match items[index] {
                Item::Entry(entry) => Some(entry),
                Item::Nested(_) => None,
            },
            Source::List(_) => None,
            Source::Table(table) => table.entry_at(index),
            Source::Own(table) => table.entry_at(index),
        }
    }

    /// The code hash of item `index`, when it is an entry (for constant
    /// evaluation).
    pub(crate) const fn code_hash_at(&self, index: usize) -> Option<u64> {
        match &self.items {
            Source::Table(table) => table.hash_at(index),
            Source::Own(table) => table.hash_at(index),
            Source::List(items) if index < items.len() => match items[index] {
                Item::Entry(entry) => Some(entry.code_hash()),
                Item::Nested(_) => None,
            },
            Source::List(_) => None,
        }
    }

    /// Every entry with the catalog (the type) that declares it, nested
    /// catalogs included, in declaration order. A type nested by two paths
    /// (two per-endpoint enums that both wrap `AuthError`) is listed once,
    /// where it is first reached.
    pub fn entries(&self) -> Entries<'_> {
        let stack = core::array::from_fn(|_| (self.items(), self));
        Entries {
            stack,
            depth: 1,
            seen: [None; SEEN],
            seen_len: 0,
        }
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

/// The items of a [`Catalog`], in declaration order; made by
/// [`Catalog::items`].
#[derive(Clone, Debug)]
pub struct Items {
    source: Walked,
    next: usize,
}

impl Iterator for Items {
    type Item = Item;

    #[inline]
    fn next(&mut self) -> Option<Item> {
        let item = match self.source {
            Walked::List(items) => items.get(self.next).copied(),
            Walked::Table(table) => table.item(self.next),
        }?;
        self.next += 1;
        Some(item)
    }
}

impl<'a> IntoIterator for &'a Catalog {
    type Item = Entry;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// Every [`Entry`] of a [`Catalog`], in declaration order; made by
/// [`Catalog::iter`].
#[derive(Clone, Debug)]
pub struct Iter<'a>(Entries<'a>);

impl Iterator for Iter<'_> {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        self.0.next().map(|(_, entry)| entry)
    }
}

/// Walks a [`Catalog`] depth first, in declaration order, with a fixed
/// stack: no allocation. Made by [`Catalog::entries`].
#[derive(Clone, Debug)]
pub struct Entries<'a> {
    stack: [(Items, &'a Catalog); MAX_DEPTH + 1],
    depth: usize,
    /// The nested catalogs walked so far: a type reached again by another
    /// path (a diamond) is walked once.
    seen: [Option<&'a Catalog>; SEEN],
    seen_len: usize,
}

/// How many nested catalogs [`Entries`] remembers to walk a diamond's type
/// once; past that many distinct nested types, a type reached twice is
/// listed twice.
const SEEN: usize = 64;

impl<'a> Entries<'a> {
    /// Whether `catalog` was walked before; remembers it otherwise.
    fn seen_before(&mut self, catalog: &'a Catalog) -> bool {
        let seen = &self.seen[..self.seen_len];
        if seen.iter().flatten().any(|c| core::ptr::eq(*c, catalog)) {
            return true;
        }
        if let Some(slot) = self.seen.get_mut(self.seen_len) {
            *slot = Some(catalog);
            self.seen_len += 1;
        }
        false
    }
}

impl<'a> Iterator for Entries<'a> {
    type Item = (&'a Catalog, Entry);

    fn next(&mut self) -> Option<Self::Item> {
        while self.depth > 0 {
            let level = self.depth - 1;
            let owner = self.stack[level].1;
            let Some(first) = self.stack[level].0.next() else {
                self.depth -= 1;
                continue;
            };
            match first {
                Item::Entry(entry) => return Some((owner, entry)),
                // Nesting deeper than MAX_DEPTH is refused at compile time;
                // should it happen anyway, it is skipped, never a panic.
                Item::Nested(catalog) if self.depth <= MAX_DEPTH => {
                    if !self.seen_before(catalog) {
                        self.stack[self.depth] = (catalog.items(), catalog);
                        self.depth += 1;
                    }
                }
                Item::Nested(_) => {}
            }
        }
        None
    }
}

#[doc(hidden)]
pub mod rename;
pub mod render;
pub mod snapshot;
#[doc(hidden)]
pub mod unique;
