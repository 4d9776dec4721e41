//! Compile-time uniqueness of codes across composed types.
//!
//! The derive (for a type with `transparent` variants) and
//! `assert_unique_codes!` evaluate [`duplicate`] in a constant: the
//! codes of every catalog are flattened into an array with a 64-bit hash of
//! their text, heap-sorted by hash and compared neighbour to neighbour
//! (texts are compared only where hashes are equal), so the check costs
//! O(n log n) integer comparisons of constant evaluation. Sorting hashes
//! rather than texts is what keeps 1,000 codes well under a second (see
//! BENCHMARKS.md).

use super::{Catalog, MAX_DEPTH};
use crate::Code;

/// One code: its hash and where it is declared (its text is read from
/// there only when two hashes are equal).
#[derive(Clone, Copy)]
pub struct Key<'a> {
    hash: u64,
    catalog: &'a Catalog,
    index: usize,
}

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

/// The first two codes of `roots` that are the same text, as a message
/// naming the code and both places; the caller panics with it, in constant
/// evaluation. `N` is [`count`] of the same roots.
pub const fn duplicate<const N: usize>(roots: &[&Catalog]) -> Option<Message> {
    let empty = Key {
        hash: 0,
        catalog: &Catalog::EMPTY,
        index: 0,
    };
    let mut keys = [empty; N];
    let mut filled = 0;
    let mut i = 0;
    while i < roots.len() {
        filled = flatten(roots[i], &mut keys, filled);
        i += 1;
    }
    heap_sort(&mut keys);
    // Equal codes have equal hashes, so they sit in one run of equal
    // hashes; within a run (almost always one key) texts are compared.
    let mut start = 0;
    while start < N {
        let mut end = start + 1;
        while end < N && keys[end].hash == keys[start].hash {
            end += 1;
        }
        let mut a = start;
        while a < end {
            let mut b = a + 1;
            while b < end {
                if compare(&keys[a], &keys[b]) == 0 {
                    return Some(message_for(&keys[a], &keys[b]));
                }
                b += 1;
            }
            a += 1;
        }
        start = end;
    }
    None
}

const fn message_for(first: &Key<'_>, second: &Key<'_>) -> Message {
    // Declaration order is lost in sorting: name the two places in a fixed
    // order so the message does not depend on hashes.
    let (first, second) = if compare_names(first, second) <= 0 {
        (first, second)
    } else {
        (second, first)
    };
    let mut message = Message::new();
    message.push("duplicate code `");
    push_code(&mut message, first.code());
    message.push("`: `");
    message.push(first.catalog.type_name);
    message.push("::");
    message.push(first.variant());
    message.push("` and `");
    message.push(second.catalog.type_name);
    message.push("::");
    message.push(second.variant());
    message.push("` both have it; every code of an API must be unique");
    message
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

/// The keys of `catalog`'s codes into `keys` from `at`, in no particular
/// order (they are sorted next); the index after the last.
const fn flatten<'a>(catalog: &'a Catalog, keys: &mut [Key<'a>], mut at: usize) -> usize {
    if let Some(table) = catalog.table() {
        let mut i = 0;
        while i < table.len() {
            if let Some(hash) = table.hash_at(i) {
                keys[at] = Key {
                    hash,
                    catalog,
                    index: i,
                };
                at += 1;
            }
            i += 1;
        }
        let nested = table.nested();
        let mut k = 0;
        while k < nested.len() {
            at = flatten(nested[k], keys, at);
            k += 1;
        }
        return at;
    }
    let mut i = 0;
    while i < catalog.item_count() {
        if let Some(inner) = catalog.nested_at(i) {
            at = flatten(inner, keys, at);
        } else if let Some(entry) = catalog.entry_at(i) {
            keys[at] = Key {
                hash: entry.code_hash(),
                catalog,
                index: i,
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

const fn heap_sort(keys: &mut [Key<'_>]) {
    let n = keys.len();
    let mut start = n / 2;
    while start > 0 {
        start -= 1;
        sift_down(keys, start, n);
    }
    let mut end = n;
    while end > 1 {
        end -= 1;
        swap(keys, 0, end);
        sift_down(keys, 0, end);
    }
}

/// Swaps two keys by copies: `slice::swap` is many times slower in
/// constant evaluation.
const fn swap(keys: &mut [Key<'_>], a: usize, b: usize) {
    let key = keys[a];
    keys[a] = keys[b];
    keys[b] = key;
}

const fn sift_down(keys: &mut [Key<'_>], mut root: usize, end: usize) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && keys[child].hash < keys[child + 1].hash {
            child += 1;
        }
        if keys[root].hash >= keys[child].hash {
            return;
        }
        swap(keys, root, child);
        root = child;
    }
}

/// A fixed buffer for the panic message: constant evaluation cannot
/// allocate. A message longer than the buffer is cut at a char boundary.
pub struct Message {
    bytes: [u8; 512],
    len: usize,
}

impl Message {
    const fn new() -> Self {
        Message {
            bytes: [0; 512],
            len: 0,
        }
    }

    const fn push(&mut self, text: &str) {
        self.push_bytes(text.as_bytes());
    }

    const fn push_bytes(&mut self, bytes: &[u8]) {
        let mut i = 0;
        while i < bytes.len() && self.len < self.bytes.len() {
            self.bytes[self.len] = bytes[i];
            self.len += 1;
            i += 1;
        }
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

const fn push_code(message: &mut Message, code: Code<'static>) {
    let mut digits = [0u8; 20];
    message.push_bytes(text(&code, &mut digits));
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
    static INNER: Catalog = Catalog::__table("Inner", &INNER_TABLE);

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
    static OUTER: Catalog = Catalog::__table("Outer", &OUTER_TABLE);

    // Evaluated by the compiler: a failure is a build error of this crate.
    const _: () = assert!(duplicate::<{ count(&[&OUTER]) }>(&[&OUTER]).is_none());

    #[test]
    fn counts_nested_codes() {
        assert_eq!(count(&[&OUTER]), 4);
        assert_eq!(count(&[&OUTER, &INNER]), 6);
    }

    fn key(code: Code<'static>) -> Key<'static> {
        Key {
            hash: code_hash(&code),
            catalog: &Catalog::EMPTY,
            index: 0,
        }
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

    #[test]
    fn heap_sort_orders_keys_by_hash() {
        let codes = ["m", "a", "zz", "b", "a1", "", "z", "a"];
        let mut keys = codes.map(|c| key(Code::Str(c)));
        heap_sort(&mut keys);
        assert!(keys.windows(2).all(|w| w[0].hash <= w[1].hash));
        // The two "a" keys are neighbours.
        let a = code_hash(&Code::Str("a"));
        let at: Vec<usize> = (0..keys.len()).filter(|&i| keys[i].hash == a).collect();
        assert_eq!(at.len(), 2);
        assert_eq!(at[1], at[0] + 1);
    }

    static LEFT_TABLE: Table = Table::__new(
        "xXSeven",
        &words::<{ size(2) }>("xXSeven", &[[0, 0, 1, 1, 1], [CODE_INT, 7, 0, 2, 5]]),
        &[],
        &[],
        || &LEFT,
    );
    static LEFT: Catalog = Catalog::__table("Left", &LEFT_TABLE);

    static RIGHT_TABLE: Table = Table::__new(
        "yY7SevenText",
        &words::<{ size(2) }>("yY7SevenText", &[[0, 0, 1, 1, 1], [0, 2, 1, 3, 9]]),
        &[],
        &[],
        || &RIGHT,
    );
    static RIGHT: Catalog = Catalog::__table("Right", &RIGHT_TABLE);

    #[test]
    fn a_duplicate_names_the_code_and_both_places() {
        let found = duplicate::<{ count(&[&RIGHT, &LEFT]) }>(&[&RIGHT, &LEFT]);
        assert_eq!(
            found.as_ref().map(Message::as_str),
            Some(
                "duplicate code `7`: `Left::Seven` and `Right::SevenText` both have it; every code of an API must be unique"
            )
        );
        assert!(duplicate::<{ count(&[&LEFT]) }>(&[&LEFT]).is_none());
    }

    #[test]
    fn hashes_of_many_distinct_codes_do_not_collide() {
        let names: Vec<&'static str> = (0..5000)
            .map(|i| &*Box::leak(format!("domain_{}:operation_{i}", i % 16).into_boxed_str()))
            .collect();
        let mut keys: Vec<Key<'_>> = names.iter().map(|n| key(Code::Str(n))).collect();
        heap_sort(&mut keys);
        assert!(keys.windows(2).all(|w| w[0].hash < w[1].hash));
    }

    #[test]
    fn long_messages_are_cut_at_a_char_boundary() {
        let mut message = Message::new();
        for _ in 0..200 {
            message.push("é");
        }
        assert!(message.as_str().len() <= 512);
        assert!(message.as_str().chars().all(|c| c == 'é'));
    }
}
