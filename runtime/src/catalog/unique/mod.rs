//! Compile-time uniqueness of codes across composed types.
//!
//! The derive (for a type with `transparent` variants) and
//! `assert_unique_codes!` evaluate [`duplicate`] in a constant: the
//! 64-bit hashes of every catalog's codes (the derive stores each in its
//! record) go into a set of a fixed size; only for a hash met twice are the
//! codes looked up and their texts compared, so the check costs O(n) steps
//! of constant evaluation (see BENCHMARKS.md). A constant fails once, so
//! one message names every duplicate code (up to [`LISTED`] of them).

use super::{Catalog, MAX_DEPTH, table};
use crate::Code;

/// Where a code is declared, for the codes of a hash that occurs twice.
#[derive(Clone, Copy)]
pub struct Key {
    catalog: &'static Catalog,
    index: usize,
    /// Which part of the check the code is in: a direct item of the one
    /// type checked (its own codes are [`OWN`]), or one of several roots.
    branch: usize,
    /// Whether that part checks its own codes, so that a duplicate inside
    /// it is reported there, once, and not again here.
    checked: bool,
}

/// The branch of a checked type's own codes.
const OWN: usize = usize::MAX;

/// FNV-1a of the code's text, as the derive computes it into the table
/// (and the tests' tables): an integer to sort by.
#[cfg(test)]
pub(crate) const fn code_hash(code: &Code<'_>) -> u64 {
    let mut digits = [0u8; 20];
    let bytes = text(code, &mut digits);
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

impl Key {
    const fn code(&self) -> Code<'static> {
        match self.catalog.entry_at(self.index) {
            Some(entry) => entry.code(),
            None => Code::Str(""),
        }
    }

    const fn variant(&self) -> &'static str {
        match self.catalog.entry_at(self.index) {
            Some(entry) => entry.variant(),
            None => "",
        }
    }
}

/// The number of codes of `roots`, nested ones included. Fails constant
/// evaluation for nesting deeper than [`MAX_DEPTH`].
pub const fn count(roots: &[&'static Catalog]) -> usize {
    let mut total = 0;
    let mut i = 0;
    while i < roots.len() {
        total += count_in(roots[i], 1);
        i += 1;
    }
    total
}

const fn count_in(catalog: &'static Catalog, depth: usize) -> usize {
    assert!(
        depth <= MAX_DEPTH,
        "`transparent` nesting is deeper than errbook's catalog walks (32 levels)"
    );
    let mut total = 0;
    if let Some(table) = catalog.table() {
        // Every record is an entry or one of the nested catalogs.
        let nested = table.nested();
        total = table.len().saturating_sub(nested.len());
        let mut k = 0;
        while k < nested.len() {
            total += count_in(nested[k], depth + 1);
            k += 1;
        }
        return total;
    }
    let mut i = 0;
    while i < catalog.item_count() {
        total += match catalog.nested_at(i) {
            Some(inner) => count_in(inner, depth + 1),
            None => catalog.entry_at(i).is_some() as usize,
        };
        i += 1;
    }
    total
}

/// The slots of [`duplicate`]'s set: a fixed size, so that the check
/// needs no constant computed beforehand by a walk of its own (a second
/// walk of every catalog, in a second constant evaluation). Allocating it
/// costs constant evaluation the same at 256 slots as at this size.
pub const SET: usize = 1 << 14;

/// How many codes the check takes: past them, linear probing would not end.
/// An API with more codes is refused with a message saying so.
pub const MAX_CODES: usize = SET / 2;

/// The codes of `roots` that occur twice (the first [`LISTED`] of them),
/// as one message naming each code and both places; the caller panics
/// with it, in constant evaluation.
///
/// Each code's hash (stored in its record) goes into an open-addressing
/// set: O(n) steps of constant evaluation, where sorting took O(n log n)
/// swaps. Codes are looked up and their texts compared only for a hash
/// already in the set. Fails constant evaluation for `transparent`
/// nesting deeper than [`MAX_DEPTH`] or more than [`MAX_CODES`] codes.
// The set's 128 KiB live in constant evaluation's memory: the derive and
// `assert_unique_codes!` call this in a constant only, never at run time.
#[allow(clippy::large_stack_arrays)]
pub const fn duplicate(roots: &[&'static Catalog]) -> Option<Message> {
    let mut set = Set {
        slots: [0; SET],
        used: 0,
    };
    let mut found = Found::new();
    let mut i = 0;
    while i < roots.len() && !found.more {
        insert(roots[i], 1, &mut set, roots, &mut found);
        i += 1;
    }
    found.finish()
}

/// The hashes met so far (0 marks a free slot, so a hash of 0 is stored as
/// 1: a false match is settled by comparing texts), and how many.
struct Set {
    slots: [u64; SET],
    used: usize,
}

impl Set {
    /// Puts `hash` in; whether it was there already.
    const fn met(&mut self, hash: u64) -> bool {
        let hash = if hash == 0 { 1 } else { hash };
        // The low bits of FNV-1a are as well mixed as the high ones.
        #[allow(clippy::cast_possible_truncation)]
        let mut slot = hash as usize & (SET - 1);
        while self.slots[slot] != 0 && self.slots[slot] != hash {
            slot = (slot + 1) & (SET - 1);
        }
        if self.slots[slot] == hash {
            return true;
        }
        assert!(
            self.used < MAX_CODES,
            "more than 8192 codes under one type: errbook's compile-time check of their uniqueness stops there"
        );
        self.slots[slot] = hash;
        self.used += 1;
        false
    }
}

/// How many duplicate codes one message names; past them it says there
/// are more. Each is a sentence of its own, and the message has to stay
/// readable in one compile error.
pub const LISTED: usize = 4;

/// The duplicates met so far: the hash of each code named (a code that
/// occurs three times is named once), and the message naming them.
struct Found {
    hashes: [u64; LISTED],
    count: usize,
    /// A duplicate past the [`LISTED`] ones: the walk stops there.
    more: bool,
    message: Message,
}

impl Found {
    const fn new() -> Self {
        Found {
            hashes: [0; LISTED],
            count: 0,
            more: false,
            message: Message::new(),
        }
    }

    /// Whether the code of `hash` is named already.
    const fn names(&self, hash: u64) -> bool {
        let mut i = 0;
        while i < self.count {
            if self.hashes[i] == hash {
                return true;
            }
            i += 1;
        }
        false
    }

    /// Names the code of `hash`, held by `first` and `second`, in the
    /// message (or notes that there are more).
    const fn add(&mut self, hash: u64, first: &Key, second: &Key) {
        if self.count == LISTED {
            self.more = true;
            return;
        }
        if self.count > 0 {
            self.message.append("; ");
        }
        write_pair(&mut self.message, first, second);
        self.hashes[self.count] = hash;
        self.count += 1;
    }

    const fn finish(mut self) -> Option<Message> {
        if self.count == 0 {
            return None;
        }
        if self.more {
            self.message.append("; and more");
        }
        self.message.append("; every code of an API must be unique");
        Some(self.message)
    }
}

/// Puts the hashes of `catalog`'s codes (nested ones included) into `set`;
/// for a hash already there, the duplicate of `roots` with that hash, if
/// the texts are equal, goes into `found`. Stops once `found` is full.
/// `depth` is the catalog's nesting level, 1 for a root.
const fn insert(
    catalog: &'static Catalog,
    depth: usize,
    set: &mut Set,
    roots: &[&'static Catalog],
    found: &mut Found,
) {
    assert!(
        depth <= MAX_DEPTH,
        "`transparent` nesting is deeper than errbook's catalog walks (32 levels)"
    );
    if let Some(table) = catalog.table()
        && !table.hashes().is_empty()
    {
        // A derived table: its hashes in one slice, 0 for each nested
        // record, whose catalogs are `nested` in the same order. A few
        // statements per code, each costing constant evaluation some
        // thousands of instructions.
        let (hashes, nested) = (table.hashes(), table.nested());
        let (mut i, mut k) = (0, 0);
        while i < hashes.len() && !found.more {
            let hash = hashes[i];
            if hash != 0 {
                if set.met(hash) {
                    met_twice(hash, roots, found);
                }
            } else if k < nested.len() {
                insert(nested[k], depth + 1, set, roots, found);
                k += 1;
            }
            i += 1;
        }
        return;
    }
    if let Some(table) = catalog.table() {
        // The records read in place, with as few calls per record as can
        // be: each call is a frame to set up in constant evaluation, which
        // costs more than the reads.
        let (bytes, nested) = (table.raw_bytes(), table.nested());
        let records = if bytes.len() >= 4 {
            u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize
        } else {
            0
        };
        let mut record = 4;
        let mut left = records;
        while left > 0 && record + 4 * table::RECORD <= bytes.len() && !found.more {
            if bytes[record + 4 * table::FLAGS] as u32 & table::NESTED == 0 {
                let at = record + 4 * table::HASH;
                let hash = u64::from_le_bytes([
                    bytes[at],
                    bytes[at + 1],
                    bytes[at + 2],
                    bytes[at + 3],
                    bytes[at + 4],
                    bytes[at + 5],
                    bytes[at + 6],
                    bytes[at + 7],
                ]);
                if set.met(hash) {
                    met_twice(hash, roots, found);
                }
            } else {
                let at = record + 4 * table::CODE;
                let which =
                    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
                        as usize;
                if which < nested.len() {
                    insert(nested[which], depth + 1, set, roots, found);
                }
            }
            record += 4 * table::RECORD;
            left -= 1;
        }
        return;
    }
    let mut i = 0;
    while i < catalog.item_count() && !found.more {
        if let Some(inner) = catalog.nested_at(i) {
            insert(inner, depth + 1, set, roots, found);
        } else if let Some(hash) = catalog.code_hash_at(i)
            && set.met(hash)
        {
            met_twice(hash, roots, found);
        }
        i += 1;
    }
}

/// A hash already in the set: the codes of `roots` with it are looked up,
/// once per code, for `found`.
const fn met_twice(hash: u64, roots: &[&'static Catalog], found: &mut Found) {
    let hash = if hash == 0 { 1 } else { hash };
    if !found.names(hash)
        && let Some((first, second)) = duplicate_with_hash(roots, hash)
    {
        found.add(hash, &first, &second);
    }
}

/// How many codes with one hash [`duplicate_with_hash`] compares: a code
/// declared more often than that is still found, among the first ones.
const KEYS: usize = 64;

/// The first two codes of `roots` with hash `hash` that are the same text:
/// equal codes have equal hashes, and codes of equal hashes are almost
/// always equal.
const fn duplicate_with_hash(roots: &[&'static Catalog], hash: u64) -> Option<(Key, Key)> {
    let empty = Key {
        catalog: &Catalog::EMPTY,
        index: 0,
        branch: OWN,
        checked: false,
    };
    let mut keys = [empty; KEYS];
    let mut found = 0;
    if let [root] = roots {
        // One type (the derive's check): its direct items are the
        // branches, its own codes one more.
        let mut i = 0;
        while i < root.item_count() {
            if let Some(inner) = root.nested_at(i) {
                found = keys_with(inner, hash, (i, inner.checked()), &mut keys, found);
            } else if let Some(code) = root.code_hash_at(i)
                && (code == hash || (code == 0 && hash == 1))
                && found < KEYS
            {
                keys[found] = Key {
                    catalog: root,
                    index: i,
                    branch: OWN,
                    checked: false,
                };
                found += 1;
            }
            i += 1;
        }
    } else {
        // Several types (`assert_unique_codes!`): each is a branch.
        let mut i = 0;
        while i < roots.len() {
            found = keys_with(roots[i], hash, (i, roots[i].checked()), &mut keys, found);
            i += 1;
        }
    }
    let mut a = 0;
    while a < found {
        let mut b = a + 1;
        while b < found {
            // The same variant of the same type, reached by two paths (a
            // diamond), is one code, not two.
            if !same_declaration(&keys[a], &keys[b])
                && !reported_within(&keys, found, a, b)
                && compare(&keys[a], &keys[b]) == 0
            {
                return Some((keys[a], keys[b]));
            }
            b += 1;
        }
        a += 1;
    }
    None
}

/// The same variant of the same type, reached by two paths (a diamond):
/// one code, not two.
const fn same_declaration(a: &Key, b: &Key) -> bool {
    a.index == b.index && a.catalog.same_type(b.catalog)
}

/// Whether one part that checks its own codes holds both `keys[a]`'s and
/// `keys[b]`'s declarations, so that its own check reports them (once) and
/// this one need not: a type nesting a faulty type gives no second error.
const fn reported_within(keys: &[Key], found: usize, a: usize, b: usize) -> bool {
    let mut i = 0;
    while i < found {
        let with_a = &keys[i];
        if with_a.checked && with_a.branch != OWN && same_declaration(with_a, &keys[a]) {
            let mut j = 0;
            while j < found {
                let with_b = &keys[j];
                if with_b.branch == with_a.branch && same_declaration(with_b, &keys[b]) {
                    return true;
                }
                j += 1;
            }
        }
        i += 1;
    }
    false
}

/// Names the code of `first` and `second`, and both places, in a fixed
/// order, so that the message does not depend on the order in which the
/// walk met them.
const fn write_pair(message: &mut Message, first: &Key, second: &Key) {
    let (first, second) = if compare_names(first, second) <= 0 {
        (first, second)
    } else {
        (second, first)
    };
    message.append("duplicate code `");
    message.append_code(first.code());
    message.append("`: `");
    message.append(first.catalog.type_name);
    message.append("::");
    message.append(first.variant());
    message.append("` and `");
    message.append(second.catalog.type_name);
    message.append("::");
    message.append(second.variant());
    message.append("` both have it");
}

const fn compare_names(a: &Key, b: &Key) -> i8 {
    match compare_bytes(
        a.catalog.type_name.as_bytes(),
        b.catalog.type_name.as_bytes(),
    ) {
        0 => compare_bytes(a.variant().as_bytes(), b.variant().as_bytes()),
        order => order,
    }
}

/// The keys of `catalog`'s codes whose hash is `hash` into `keys` from
/// `at`; the index after the last.
const fn keys_with(
    catalog: &'static Catalog,
    hash: u64,
    branch: (usize, bool),
    keys: &mut [Key],
    mut at: usize,
) -> usize {
    let mut i = 0;
    while i < catalog.item_count() {
        if let Some(inner) = catalog.nested_at(i) {
            at = keys_with(inner, hash, branch, keys, at);
        } else if let Some(found) = catalog.code_hash_at(i)
            && (found == hash || (found == 0 && hash == 1))
            && at < keys.len()
        {
            keys[at] = Key {
                catalog,
                index: i,
                branch: branch.0,
                checked: branch.1,
            };
            at += 1;
        }
        i += 1;
    }
    at
}

/// The code's text, as clients print it: a string as it is, an integer in
/// decimal.
const fn text<'a>(code: &'a Code<'_>, digits: &'a mut [u8; 20]) -> &'a [u8] {
    match code {
        Code::Str(s) => s.as_bytes(),
        Code::Int(value) => {
            let mut n = value.unsigned_abs();
            let mut at = digits.len();
            loop {
                at -= 1;
                // `n % 10` is below 10, so the cast cannot truncate.
                #[allow(clippy::cast_possible_truncation)]
                let digit = (n % 10) as u8;
                digits[at] = b'0' + digit;
                n /= 10;
                if n == 0 {
                    break;
                }
            }
            if *value < 0 {
                at -= 1;
                digits[at] = b'-';
            }
            digits.split_at(at).1
        }
    }
}

/// Orders keys by the bytes of their code's text.
const fn compare(a: &Key, b: &Key) -> i8 {
    compare_codes(&a.code(), &b.code())
}

/// Orders codes by the bytes of their text.
const fn compare_codes(a: &Code<'_>, b: &Code<'_>) -> i8 {
    let (mut da, mut db) = ([0u8; 20], [0u8; 20]);
    compare_bytes(text(a, &mut da), text(b, &mut db))
}

/// Whether two byte strings are equal, in constant evaluation.
pub(crate) const fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    compare_bytes(a, b) == 0
}

/// Whether two strings are equal, in constant evaluation.
pub(crate) const fn same_str(a: &str, b: &str) -> bool {
    same_bytes(a.as_bytes(), b.as_bytes())
}

const fn compare_bytes(a: &[u8], b: &[u8]) -> i8 {
    let len = if a.len() < b.len() { a.len() } else { b.len() };
    let mut i = 0;
    while i < len {
        if a[i] != b[i] {
            return if a[i] < b[i] { -1 } else { 1 };
        }
        i += 1;
    }
    if a.len() == b.len() {
        0
    } else if a.len() < b.len() {
        -1
    } else {
        1
    }
}

/// A fixed buffer for the panic message: constant evaluation cannot
/// allocate. A message longer than the buffer is cut at a char boundary.
pub struct Message {
    bytes: [u8; 1024],
    len: usize,
}

impl Message {
    pub(crate) const fn new() -> Self {
        Message {
            bytes: [0; 1024],
            len: 0,
        }
    }

    const fn append(&mut self, text: &str) {
        self.append_bytes(text.as_bytes());
    }

    const fn append_bytes(&mut self, bytes: &[u8]) {
        let mut i = 0;
        while i < bytes.len() && self.len < self.bytes.len() {
            self.bytes[self.len] = bytes[i];
            self.len += 1;
            i += 1;
        }
    }

    /// The message with `text` after it, for messages built in one
    /// expression.
    pub(crate) const fn push(mut self, text: &str) -> Self {
        self.append(text);
        self
    }

    /// The message with `code`'s text after it.
    pub(crate) const fn push_code(mut self, code: Code<'_>) -> Self {
        self.append_code(code);
        self
    }

    const fn append_code(&mut self, code: Code<'_>) {
        let mut digits = [0u8; 20];
        self.append_bytes(text(&code, &mut digits));
    }

    /// The message.
    pub const fn as_str(&self) -> &str {
        let mut len = self.len;
        loop {
            match core::str::from_utf8(self.bytes.split_at(len).0) {
                Ok(text) => return text,
                Err(_) => len -= 1,
            }
        }
    }
}

#[cfg(test)]
mod tests;
