//! The packed form of a derived type's codes: one string of text and one
//! byte string of little-endian 32-bit words, which [`Entry`]'s accessors
//! read.
//!
//! The derive writes each type's table as two literals and a handful of
//! slices (nested catalogs, exposed fields), not as a constant per code:
//! a literal costs the compiler next to nothing, where each constant item
//! is a body to type-check, borrow-check and evaluate (about 0.3 ms each,
//! most of a 1,000-variant crate's time; see BENCHMARKS.md).
//!
//! Layout of the words (the derive's `codegen/table.rs` writes the same):
//!
//! * word 0: the number of records `n`;
//! * a record's word 0 is its flags (bits 0 to 12: nested, status varies or
//!   none, integer code, deprecated, retry unit, template, title,
//!   description, violations, violations in an `Option`) with the fixed
//!   status in its high half;
//! * words `1 + RECORD * i ..`: record `i`, one per variant in declaration
//!   order (its item index), [`RECORD`] words each;
//! * after the records: the parts of templates ([`PART`] words each) and
//!   the aliases ([`ALIAS`] words each) that records point to.
//!
//! A string is two words, its start and length in bytes in the text. Every
//! read is checked: a table that does not follow the layout reads as empty
//! strings and zeros, never a panic.

use super::{Catalog, Entry, FieldInfo, Item};

mod search;

pub(crate) use search::Own;

/// Words per record.
pub(crate) const RECORD: usize = 21;
/// Words per template part.
pub(crate) const PART: usize = 5;
/// Words per alias.
pub(crate) const ALIAS: usize = 3;

// Word offsets in a record.
pub(crate) const FLAGS: usize = 0;
/// A string code (start, length), an integer code (low, high word), or a
/// nested catalog's index.
pub(crate) const CODE: usize = 1;
pub(crate) const CODE_JSON: usize = 3;
pub(crate) const VARIANT: usize = 5;
pub(crate) const TEMPLATE: usize = 7;
pub(crate) const TITLE: usize = 9;
pub(crate) const DESCRIPTION: usize = 11;
/// First word of the parts, and their number.
pub(crate) const PARTS: usize = 13;
/// First word of the aliases, and their number.
pub(crate) const ALIASES: usize = 15;
/// First index in the table's fields, and their number.
pub(crate) const FIELDS: usize = 17;
/// The 64-bit FNV-1a hash of the code's text (low, high word), for the
/// compile-time uniqueness check: in a renamed table only. A derived
/// table leaves these words zero and has its hashes in one slice
/// (`Table::hashes`), read in constant evaluation a few statements a code.
pub(crate) const HASH: usize = 19;

// Flags (word 0 of a record).
pub(crate) const NESTED: u32 = 1;
pub(crate) const STATUS_VARIES: u32 = 1 << 2;
pub(crate) const STATUS_NONE: u32 = 1 << 3;
pub(crate) const CODE_INT: u32 = 1 << 4;
pub(crate) const DEPRECATED: u32 = 1 << 5;
pub(crate) const RETRY_SECONDS: u32 = 1 << 6;
pub(crate) const RETRY_MILLISECONDS: u32 = 1 << 7;
pub(crate) const HAS_TEMPLATE: u32 = 1 << 8;
pub(crate) const HAS_TITLE: u32 = 1 << 9;
pub(crate) const HAS_DESCRIPTION: u32 = 1 << 10;
/// The variant carries a [`Violations`](crate::Violations) list
/// (`#[api(violations)]`). Added with the violations model: a flag, so
/// the record keeps its 21 words and older tables read as having none.
pub(crate) const HAS_VIOLATIONS: u32 = 1 << 11;
/// The list is an `Option<Violations>`: a `None` writes no list (the
/// OpenAPI schema's member is then optional).
#[cfg_attr(not(feature = "utoipa"), allow(dead_code))]
pub(crate) const VIOLATIONS_OPTION: u32 = 1 << 12;
/// The fixed status is the high half of the flags.
pub(crate) const STATUS_SHIFT: u32 = 16;

// Part flags (word 0 of a part); the slot is the high 24 bits.
pub(crate) const PART_ARG: u32 = 1;
pub(crate) const PART_SPEC: u32 = 2;
pub(crate) const SLOT_SHIFT: u32 = 8;

/// A derived type's codes, packed; see the module documentation. Built by
/// the derive, read through [`Catalog`] and [`Entry`].
#[doc(hidden)]
#[derive(Clone, Copy)]
pub struct Table {
    text: &'static str,
    words: &'static [u8],
    /// A derived table's code hashes, one per record (0 for a nested
    /// record; a code whose hash is 0 has 1), which the uniqueness check
    /// reads in constant evaluation a few statements per code. Empty for
    /// a renamed table, whose hashes are in its words' `HASH` fields.
    hashes: &'static [u64],
    nested: &'static [&'static Catalog],
    fields: &'static [FieldInfo],
    catalog: fn() -> &'static Catalog,
    /// For a table of renamed codes, the table it renames: same records,
    /// other codes.
    from: Option<&'static Table>,
}

impl Table {
    #[doc(hidden)]
    pub const fn __new(
        text: &'static str,
        words: &'static [u8],
        hashes: &'static [u64],
        nested: &'static [&'static Catalog],
        fields: &'static [FieldInfo],
        catalog: fn() -> &'static Catalog,
    ) -> Self {
        Table {
            text,
            words,
            hashes,
            nested,
            fields,
            catalog,
            from: None,
        }
    }

    /// The table of `from`'s codes renamed (see [`rename`](super::rename)):
    /// `text` and `words` are its copy with other codes; the nested
    /// catalogs and the exposed fields are `from`'s own.
    #[doc(hidden)]
    pub const fn __renamed(
        text: &'static [u8],
        words: &'static [u8],
        from: &'static Catalog,
        catalog: fn() -> &'static Catalog,
    ) -> Self {
        let text = match core::str::from_utf8(text) {
            Ok(text) => text,
            Err(_) => "",
        };
        match from.table() {
            Some(from) => Table {
                text,
                words,
                hashes: &[],
                nested: from.nested,
                fields: from.fields,
                catalog,
                from: Some(from),
            },
            None => Table {
                text,
                words: &[],
                hashes: &[],
                nested: &[],
                fields: &[],
                catalog,
                from: None,
            },
        }
    }

    /// The text all strings are slices of.
    pub(super) const fn text(&self) -> &'static str {
        self.text
    }

    /// The words, as bytes.
    pub(super) const fn bytes(&self) -> &'static [u8] {
        self.words
    }

    /// The table this one renames.
    pub(super) const fn from(&self) -> Option<&'static Table> {
        self.from
    }

    /// The number of records (items).
    #[inline]
    pub(crate) const fn len(&self) -> usize {
        self.word(0) as usize
    }

    /// Word `index`, or 0 past the end. Plain indexing: this runs in
    /// constant evaluation too, where every call is costly.
    #[inline]
    pub(super) const fn word(&self, index: usize) -> u32 {
        let words = self.words;
        if index >= words.len() / 4 {
            return 0;
        }
        let at = index * 4;
        u32::from_le_bytes([words[at], words[at + 1], words[at + 2], words[at + 3]])
    }

    /// The 64 bits at words `index` (low) and `index + 1` (high).
    #[inline]
    pub(super) const fn bits(&self, index: usize) -> u64 {
        (self.word(index + 1) as u64) << 32 | self.word(index) as u64
    }

    /// The string at words `index` and `index + 1`, or `""` when they do
    /// not name one.
    #[inline]
    pub(super) const fn str(&self, index: usize) -> &'static str {
        self.slice(self.word(index), self.word(index + 1))
    }

    /// The `len` bytes of the text from `start`, or `""` when they are not
    /// a string of it.
    #[inline]
    pub(super) const fn slice(&self, start: u32, len: u32) -> &'static str {
        match self.text.split_at_checked(start as usize) {
            Some((_, rest)) => match rest.split_at_checked(len as usize) {
                Some((s, _)) => s,
                None => "",
            },
            None => "",
        }
    }

    /// Words `index..index + N` with one bounds check, zeros past the end.
    #[inline]
    pub(super) fn words<const N: usize>(&self, index: usize) -> [u32; N] {
        let mut out = [0; N];
        let bytes = index
            .checked_mul(4)
            .and_then(|at| self.words.get(at..at.checked_add(4 * N)?));
        if let Some(bytes) = bytes {
            for (word, chunk) in out.iter_mut().zip(bytes.chunks_exact(4)) {
                if let Some(chunk) = chunk.first_chunk::<4>() {
                    *word = u32::from_le_bytes(*chunk);
                }
            }
        }
        out
    }

    /// The first word of record `index`.
    #[inline]
    pub(super) const fn record(index: usize) -> usize {
        1 + RECORD * index
    }

    /// Item `index`: the entry, or the nested catalog; read with one
    /// bounds check.
    #[inline]
    pub(crate) fn item(&'static self, index: usize) -> Option<Item> {
        if index >= self.len() {
            return None;
        }
        let at = Table::record(index);
        let [flags, which] = self.words::<2>(at + FLAGS);
        if flags & NESTED == 0 {
            Some(Item::Entry(Entry::at(self, at)))
        } else {
            self.nested
                .get(which as usize)
                .map(|catalog| Item::Nested(catalog))
        }
    }

    /// Item `index`, when it is an entry.
    #[inline]
    pub(super) const fn entry_at(&'static self, index: usize) -> Option<Entry> {
        if index >= self.len() {
            return None;
        }
        let at = Table::record(index);
        if self.word(at + FLAGS) & NESTED == 0 {
            Some(Entry::at(self, at))
        } else {
            None
        }
    }

    /// Item `index`, when it is a nested catalog.
    #[inline]
    pub(super) const fn nested_at(&self, index: usize) -> Option<&'static Catalog> {
        if index >= self.len() {
            return None;
        }
        let at = Table::record(index);
        if self.word(at + FLAGS) & NESTED == 0 {
            return None;
        }
        let which = self.word(at + CODE) as usize;
        if which < self.nested.len() {
            Some(self.nested[which])
        } else {
            None
        }
    }

    /// The words' bytes, for the uniqueness check's walk in constant
    /// evaluation.
    pub(crate) const fn raw_bytes(&self) -> &'static [u8] {
        self.words
    }

    /// The code hashes of a derived table, one per record, 0 for a nested
    /// record; empty for a renamed table.
    pub(crate) const fn hashes(&self) -> &'static [u64] {
        self.hashes
    }

    /// The nested catalogs, one per nested record, in order.
    pub(crate) const fn nested(&self) -> &'static [&'static Catalog] {
        self.nested
    }

    /// The code hash of record `index`, when it is an entry.
    #[inline]
    pub(crate) const fn hash_at(&self, index: usize) -> Option<u64> {
        let at = Table::record(index);
        if index >= self.len() || self.word(at + FLAGS) & NESTED != 0 {
            return None;
        }
        if index < self.hashes.len() {
            return Some(self.hashes[index]);
        }
        Some(self.bits(at + HASH))
    }

    /// The exposed fields `start..start + len`, or none.
    #[inline]
    pub(super) fn fields(&self, start: usize, len: usize) -> &'static [FieldInfo] {
        self.fields.get(start..start + len).unwrap_or(&[])
    }

    #[inline]
    pub(super) fn catalog(&self) -> &'static Catalog {
        (self.catalog)()
    }
}

/// The entry of item `index` of `table`, if it is an entry.
#[doc(hidden)]
#[inline]
pub fn table_entry(table: &'static Table, index: usize) -> Option<Entry> {
    table.entry_at(index)
}

/// The entry of item `index` of the table of `catalog()`, a derived type's
/// catalog (its `catalog_of`), if it is an entry: one function for every
/// type, where a generic one is one per type.
#[doc(hidden)]
#[inline]
pub fn entry_in(catalog: fn() -> &'static Catalog, index: usize) -> Option<Entry> {
    catalog().table()?.entry_at(index)
}

/// `T`'s catalog: what a derived type's table holds to find the catalog
/// that declares its entries, and hands to [`entry_in`].
#[doc(hidden)]
pub fn catalog_of<T: crate::ApiError + ?Sized>() -> &'static Catalog {
    T::CATALOG
}

/// The item of `T`'s own table that `raw` is (see
/// [`find_entry`](crate::parse::find_entry)): generic, one function per
/// type that decodes, where a function pointer to the catalog would cost
/// every decode an indirect call.
#[doc(hidden)]
pub fn find_entry_of<T: crate::ApiError + ?Sized>(
    skip: &[usize],
    raw: &crate::decode::RawError<'_>,
) -> Option<usize> {
    crate::parse::find_entry(T::CATALOG.table()?, skip, raw)
}

impl core::fmt::Debug for Table {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Table")
            .field("records", &self.len())
            .finish_non_exhaustive()
    }
}

/// Tables written by hand, for the catalog's own tests.
#[cfg(test)]
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)]
pub(crate) mod test_table {
    pub(crate) use super::{CODE_INT, NESTED};

    /// The words of a table whose records are `[flags, code, code,
    /// variant start, variant length]` (a nested record: `[NESTED, index,
    /// 0, 0, 0]`) over `text`, with each code's hash, every other word
    /// zero. `W` is `4 * (1 + RECORD * records)`.
    pub(crate) const fn words<const W: usize>(text: &str, records: &[[u32; 5]]) -> [u8; W] {
        let mut out = [0u8; W];
        put(&mut out, 0, records.len() as u32);
        let mut i = 0;
        while i < records.len() {
            let at = super::Table::record(i);
            let [flags, a, b, start, len] = records[i];
            put(&mut out, at + super::FLAGS, flags);
            put(&mut out, at + super::CODE, a);
            put(&mut out, at + super::CODE + 1, b);
            put(&mut out, at + super::VARIANT, start);
            put(&mut out, at + super::VARIANT + 1, len);
            if flags & NESTED == 0 {
                let code = if flags & CODE_INT == 0 {
                    let (_, rest) = text.as_bytes().split_at(a as usize);
                    crate::Code::Str(match core::str::from_utf8(rest.split_at(b as usize).0) {
                        Ok(code) => code,
                        Err(_) => "",
                    })
                } else {
                    crate::Code::Int(((b as u64) << 32 | a as u64) as i64)
                };
                let hash = crate::catalog::unique::code_hash(&code);
                put(&mut out, at + super::HASH, hash as u32);
                put(&mut out, at + super::HASH + 1, (hash >> 32) as u32);
            }
            i += 1;
        }
        out
    }

    const fn put<const W: usize>(out: &mut [u8; W], word: usize, value: u32) {
        let bytes = value.to_le_bytes();
        let mut i = 0;
        while i < 4 {
            out[word * 4 + i] = bytes[i];
            i += 1;
        }
    }

    /// The two words of an integer code.
    pub(crate) const fn int(value: i64) -> (u32, u32) {
        let bits = value as u64;
        (bits as u32, (bits >> 32) as u32)
    }
}
