//! Compile-time uniqueness of codes across composed types.
//!
//! The derive (for a type with `transparent` variants) and
//! `assert_unique_codes!` evaluate [`duplicate`] in a constant: the
//! 64-bit hashes of every catalog's codes (the derive stores each in its
//! record) are flattened into an array, heap-sorted and compared neighbour
//! to neighbour; only for a hash that occurs twice are the codes looked up
//! and their texts compared, so the check costs O(n log n) integer
//! comparisons of constant evaluation. Sorting hashes
//! rather than texts is what keeps 1,000 codes well under a second (see
//! BENCHMARKS.md).

use super::{Catalog, MAX_DEPTH, table};
use crate::Code;

/// Where a code is declared, for the codes of a hash that occurs twice.
#[derive(Clone, Copy)]
pub struct Key<'a> {
    catalog: &'a Catalog,
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

impl Key<'_> {
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
pub const fn count(roots: &[&Catalog]) -> usize {
    let mut total = 0;
    let mut i = 0;
    while i < roots.len() {
        total += count_in(roots[i], 1);
        i += 1;
    }
    total
}

const fn count_in(catalog: &Catalog, depth: usize) -> usize {
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

/// The number of slots of [`duplicate`]'s set for `roots`: the smallest
/// power of two at least twice [`count`], so that a probe ends soon.
pub const fn slots(roots: &[&Catalog]) -> usize {
    (2 * count(roots)).next_power_of_two()
}

/// The first two codes of `roots` that are the same text, as a message
/// naming the code and both places; the caller panics with it, in constant
/// evaluation. `SLOTS` is [`slots`] of the same roots.
///
/// Each code's hash (stored in its record) goes into an open-addressing
/// set: O(n) steps of constant evaluation, where sorting took O(n log n)
/// swaps. Codes are looked up and their texts compared only for a hash
/// already in the set.
pub const fn duplicate<const SLOTS: usize>(roots: &[&Catalog]) -> Option<Message> {
    let mut set = [0u64; SLOTS];
    let mut i = 0;
    while i < roots.len() {
        // The search passes two small keys up, not the message: a value
        // returned is a copy in constant evaluation.
        if let Some((first, second)) = insert::<SLOTS>(roots[i], &mut set, roots) {
            return Some(message_for(&first, &second));
        }
        i += 1;
    }
    None
}

/// Puts the hashes of `catalog`'s codes (nested ones included) into `set`;
/// for a hash already there, the duplicate of `roots` with that hash, if
/// the texts are equal.
const fn insert<'a, const SLOTS: usize>(
    catalog: &Catalog,
    set: &mut [u64; SLOTS],
    roots: &[&'a Catalog],
) -> Option<(Key<'a>, Key<'a>)> {
    if let Some(table) = catalog.table() {
        // The records read in place, without a call per word: each call
        // is a frame to set up in constant evaluation.
        let (words, nested) = (table.raw_words(), table.nested());
        let end = match words.first() {
            Some(&count) => table::RECORD
                .saturating_mul(u32::from_le_bytes(count) as usize)
                .saturating_add(1),
            None => 0,
        };
        let mut record = 1;
        while record < end && end <= words.len() {
            let [flags, ..] = words[record + table::FLAGS];
            if flags as u32 & table::NESTED == 0 {
                let low = u32::from_le_bytes(words[record + table::HASH]);
                let high = u32::from_le_bytes(words[record + table::HASH + 1]);
                let hash = (high as u64) << 32 | low as u64;
                if let Some(found) = insert_hash::<SLOTS>(hash, set, roots) {
                    return Some(found);
                }
            } else {
                let which = u32::from_le_bytes(words[record + table::CODE]) as usize;
                if which < nested.len()
                    && let Some(found) = insert::<SLOTS>(nested[which], set, roots)
                {
                    return Some(found);
                }
            }
            record += table::RECORD;
        }
        return None;
    }
    let mut i = 0;
    while i < catalog.item_count() {
        if let Some(inner) = catalog.nested_at(i) {
            if let Some(found) = insert::<SLOTS>(inner, set, roots) {
                return Some(found);
            }
        } else if let Some(hash) = catalog.code_hash_at(i)
            && let Some(found) = insert_hash::<SLOTS>(hash, set, roots)
        {
            return Some(found);
        }
        i += 1;
    }
    None
}

/// Puts one hash into `set` (0 marks a free slot, so a hash of 0 is stored
/// as 1: a false match is settled by comparing texts).
const fn insert_hash<'a, const SLOTS: usize>(
    hash: u64,
    set: &mut [u64; SLOTS],
    roots: &[&'a Catalog],
) -> Option<(Key<'a>, Key<'a>)> {
    let hash = if hash == 0 { 1 } else { hash };
    // The low bits of FNV-1a are as well mixed as the high ones.
    #[allow(clippy::cast_possible_truncation)]
    let mut slot = hash as usize & (SLOTS - 1);
    loop {
        if set[slot] == 0 {
            set[slot] = hash;
            return None;
        }
        if set[slot] == hash {
            return duplicate_with_hash::<SLOTS>(roots, hash);
        }
        slot = (slot + 1) & (SLOTS - 1);
    }
}

/// The first two codes of `roots` with hash `hash` that are the same text:
/// equal codes have equal hashes, and codes of equal hashes are almost
/// always equal.
const fn duplicate_with_hash<'a, const N: usize>(
    roots: &[&'a Catalog],
    hash: u64,
) -> Option<(Key<'a>, Key<'a>)> {
    let empty = Key {
        catalog: &Catalog::EMPTY,
        index: 0,
        branch: OWN,
        checked: false,
    };
    let mut keys = [empty; N];
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
const fn same_declaration(a: &Key<'_>, b: &Key<'_>) -> bool {
    a.index == b.index && a.catalog.same_type(b.catalog)
}

/// Whether one part that checks its own codes holds both `keys[a]`'s and
/// `keys[b]`'s declarations, so that its own check reports them (once) and
/// this one need not: a type nesting a faulty type gives no second error.
const fn reported_within(keys: &[Key<'_>], found: usize, a: usize, b: usize) -> bool {
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

const fn message_for(first: &Key<'_>, second: &Key<'_>) -> Message {
    // Name the two places in a fixed order, so that the message does not
    // depend on the order in which the walk met them.
    let (first, second) = if compare_names(first, second) <= 0 {
        (first, second)
    } else {
        (second, first)
    };
    Message::new()
        .push("duplicate code `")
        .push_code(first.code())
        .push("`: `")
        .push(first.catalog.type_name)
        .push("::")
        .push(first.variant())
        .push("` and `")
        .push(second.catalog.type_name)
        .push("::")
        .push(second.variant())
        .push("` both have it; every code of an API must be unique")
}

const fn compare_names(a: &Key<'_>, b: &Key<'_>) -> i8 {
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
const fn keys_with<'a>(
    catalog: &'a Catalog,
    hash: u64,
    branch: (usize, bool),
    keys: &mut [Key<'a>],
    mut at: usize,
) -> usize {
    let mut i = 0;
    while i < catalog.item_count() {
        if let Some(inner) = catalog.nested_at(i) {
            at = keys_with(inner, hash, branch, keys, at);
        } else if let Some(found) = catalog.code_hash_at(i)
            && (found == hash || (found == 0 && hash == 1))
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
const fn compare(a: &Key<'_>, b: &Key<'_>) -> i8 {
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
    bytes: [u8; 512],
    len: usize,
}

impl Message {
    pub(crate) const fn new() -> Self {
        Message {
            bytes: [0; 512],
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
        let mut digits = [0u8; 20];
        self.append_bytes(text(&code, &mut digits));
        self
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
mod tests {
    use super::*;
    use crate::catalog::table::Table;
    use crate::catalog::table::test_table::{CODE_INT, NESTED, int, words};

    const fn size(records: usize) -> usize {
        4 * (1 + crate::catalog::table::RECORD * records)
    }

    const NEG: (u32, u32) = int(-12);
    static INNER_TABLE: Table = Table::__new(
        "bBNeg",
        &words::<{ size(2) }>("bBNeg", &[[0, 0, 1, 1, 1], [CODE_INT, NEG.0, NEG.1, 2, 3]]),
        &[],
        &[],
        || &INNER,
    );
    static INNER: Catalog = Catalog::__table("Inner", "tests", false, &INNER_TABLE);

    static OUTER_TABLE: Table = Table::__new(
        "aAI",
        &words::<{ size(3) }>(
            "aAI",
            &[
                [0, 0, 1, 1, 1],
                [NESTED, 0, 0, 0, 0],
                [CODE_INT, 404, 0, 2, 1],
            ],
        ),
        &[&INNER],
        &[],
        || &OUTER,
    );
    static OUTER: Catalog = Catalog::__table("Outer", "tests", false, &OUTER_TABLE);

    // Evaluated by the compiler: a failure is a build error of this crate.
    const _: () = assert!(duplicate::<{ slots(&[&OUTER]) }>(&[&OUTER]).is_none());

    #[test]
    fn counts_nested_codes() {
        assert_eq!(count(&[&OUTER]), 4);
        assert_eq!(count(&[&OUTER, &INNER]), 6);
    }

    #[test]
    fn integer_codes_compare_and_hash_by_their_decimal_text() {
        let (int, text) = (Code::Int(404), Code::Str("404"));
        assert_eq!(compare_codes(&int, &text), 0);
        assert_eq!(code_hash(&int), code_hash(&text));
        assert_eq!(compare_codes(&Code::Int(-12), &int), -1);
        let mut digits = [0; 20];
        assert_eq!(
            super::text(&Code::Int(i64::MIN), &mut digits),
            b"-9223372036854775808"
        );
    }

    #[test]
    fn the_tables_carry_each_code_s_hash() {
        let hashes: Vec<(u64, u64)> = OUTER
            .iter()
            .map(|entry| (entry.code_hash(), code_hash(&entry.code())))
            .collect();
        assert_eq!(hashes.len(), 4);
        assert!(hashes.iter().all(|(stored, computed)| stored == computed));
    }

    static LEFT_TABLE: Table = Table::__new(
        "xXSeven",
        &words::<{ size(2) }>("xXSeven", &[[0, 0, 1, 1, 1], [CODE_INT, 7, 0, 2, 5]]),
        &[],
        &[],
        || &LEFT,
    );
    static LEFT: Catalog = Catalog::__table("Left", "tests", false, &LEFT_TABLE);

    static RIGHT_TABLE: Table = Table::__new(
        "yY7SevenText",
        &words::<{ size(2) }>("yY7SevenText", &[[0, 0, 1, 1, 1], [0, 2, 1, 3, 9]]),
        &[],
        &[],
        || &RIGHT,
    );
    static RIGHT: Catalog = Catalog::__table("Right", "tests", false, &RIGHT_TABLE);

    #[test]
    fn a_duplicate_names_the_code_and_both_places() {
        let found = duplicate::<{ slots(&[&RIGHT, &LEFT]) }>(&[&RIGHT, &LEFT]);
        assert_eq!(
            found.as_ref().map(Message::as_str),
            Some(
                "duplicate code `7`: `Left::Seven` and `Right::SevenText` both have it; every code of an API must be unique"
            )
        );
        assert!(duplicate::<{ slots(&[&LEFT]) }>(&[&LEFT]).is_none());
    }

    #[test]
    fn hashes_of_many_distinct_codes_do_not_collide() {
        let hashes: std::collections::HashSet<u64> = (0..5000)
            .map(|i| code_hash(&Code::Str(&format!("domain_{}:operation_{i}", i % 16))))
            .collect();
        assert_eq!(hashes.len(), 5000);
    }

    #[test]
    fn the_set_finds_a_hash_seen_before_and_only_then() {
        const SLOTS: usize = 8;
        let mut set = [0u64; SLOTS];
        // Hashes that share their low bits probe to the next free slot; 0
        // is stored as 1. Without roots, a hash seen before has no codes
        // to compare and reports nothing, and is not stored twice.
        for hash in [0, 8, 16, 3, 11] {
            assert!(insert_hash::<SLOTS>(hash, &mut set, &[]).is_none());
        }
        assert_eq!(set, [8, 1, 16, 3, 11, 0, 0, 0]);
        assert!(insert_hash::<SLOTS>(16, &mut set, &[]).is_none());
        assert_eq!(set, [8, 1, 16, 3, 11, 0, 0, 0]);
    }

    #[test]
    fn long_messages_are_cut_at_a_char_boundary() {
        let mut message = Message::new();
        for _ in 0..200 {
            message = message.push("é");
        }
        assert!(message.as_str().len() <= 512);
        assert!(message.as_str().chars().all(|c| c == 'é'));
    }
}
