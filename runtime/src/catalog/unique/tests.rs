//! The uniqueness check on hand-made tables: hashes, integer codes, the
//! set, and the messages.

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
    &[],
    &[&INNER],
    &[],
    || &OUTER,
);
static OUTER: Catalog = Catalog::__table("Outer", "tests", false, &OUTER_TABLE);

// Evaluated by the compiler: a failure is a build error of this crate.
const _: () = assert!(duplicate(&[&OUTER]).is_none());

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
    &[],
    || &LEFT,
);
static LEFT: Catalog = Catalog::__table("Left", "tests", false, &LEFT_TABLE);

static RIGHT_TABLE: Table = Table::__new(
    "yY7SevenText",
    &words::<{ size(2) }>("yY7SevenText", &[[0, 0, 1, 1, 1], [0, 2, 1, 3, 9]]),
    &[],
    &[],
    &[],
    || &RIGHT,
);
static RIGHT: Catalog = Catalog::__table("Right", "tests", false, &RIGHT_TABLE);

#[test]
fn a_duplicate_names_the_code_and_both_places() {
    let found = duplicate(&[&RIGHT, &LEFT]);
    assert_eq!(
        found.as_ref().map(Message::as_str),
        Some(
            "duplicate code `7`: `Left::Seven` and `Right::SevenText` both have it; every code of an API must be unique"
        )
    );
    assert!(duplicate(&[&LEFT]).is_none());
}

#[test]
fn hashes_of_many_distinct_codes_do_not_collide() {
    let hashes: std::collections::HashSet<u64> = (0..5000)
        .map(|i| code_hash(&Code::Str(&format!("domain_{}:operation_{i}", i % 16))))
        .collect();
    assert_eq!(hashes.len(), 5000);
}

/// A catalog named `name` whose codes are the letters of `codes`, each
/// the code of a variant of the same name.
macro_rules! letters {
    ($table:ident, $catalog:ident, $name:literal, $codes:literal) => {
        static $table: Table = Table::__new(
            $codes,
            &{
                const RECORDS: [[u32; 5]; $codes.len()] = {
                    let mut records = [[0u32; 5]; $codes.len()];
                    let mut i = 0u32;
                    while (i as usize) < records.len() {
                        records[i as usize] = [0, i, 1, i, 1];
                        i += 1;
                    }
                    records
                };
                words::<{ size($codes.len()) }>($codes, &RECORDS)
            },
            &[],
            &[],
            &[],
            || &$catalog,
        );
        static $catalog: Catalog = Catalog::__table($name, "tests", false, &$table);
    };
}

letters!(UP_TABLE, UP, "Up", "abcdef");
letters!(TWO_TABLE, TWO, "Two", "zab");
letters!(THREE_TABLE, THREE, "Three", "ay");
letters!(DOWN_TABLE, DOWN, "Down", "edcbax");

#[test]
fn every_duplicate_code_is_named_once_in_one_message() {
    let found = duplicate(&[&UP, &TWO, &THREE]);
    // `a` is in all three, and named once.
    assert_eq!(
        found.as_ref().map(Message::as_str),
        Some(
            "duplicate code `a`: `Two::a` and `Up::a` both have it; duplicate code `b`: `Two::b` and `Up::b` both have it; every code of an API must be unique"
        )
    );
}

#[test]
fn past_the_listed_duplicates_the_message_says_there_are_more() {
    let found = duplicate(&[&UP, &DOWN]);
    let message = found.as_ref().map(Message::as_str).unwrap();
    assert_eq!(message.matches("duplicate code").count(), LISTED);
    assert!(message.starts_with("duplicate code `e`: `Down::e` and `Up::e` both have it; "));
    assert!(
        message.ends_with("; and more; every code of an API must be unique"),
        "{message}"
    );
    assert!(!message.contains("`a`") && !message.contains("`x`"));
}

#[test]
// The set as the check builds it: 128 KiB, well within a test thread's stack.
#[allow(clippy::large_stack_arrays)]
fn the_set_finds_a_hash_seen_before_and_only_then() {
    let mut set = Set {
        slots: [0; SET],
        used: 0,
    };
    // Hashes that share their low bits probe to the next free slot; 0
    // is stored as 1. A hash seen before is reported, and not stored
    // twice.
    let base = SET as u64;
    for hash in [0, base, 2 * base, 3, base + 3] {
        assert!(!set.met(hash), "{hash}");
    }
    assert_eq!(set.slots[..6], [base, 1, 2 * base, 3, base + 3, 0]);
    assert!(set.met(2 * base));
    assert!(set.met(0));
    assert_eq!(set.slots[..6], [base, 1, 2 * base, 3, base + 3, 0]);
    assert_eq!(set.used, 5);
}

#[test]
// The set as the check builds it: 128 KiB, well within a test thread's stack.
#[allow(clippy::large_stack_arrays)]
fn more_codes_than_the_check_takes_are_refused() {
    let mut set = Set {
        slots: [0; SET],
        used: MAX_CODES,
    };
    let refused = std::panic::catch_unwind(move || set.met(7)).unwrap_err();
    let message = refused.downcast_ref::<&str>().copied().unwrap_or_default();
    assert!(
        message.starts_with("more than 8192 codes under one type"),
        "{message}"
    );
}

#[test]
fn long_messages_are_cut_at_a_char_boundary() {
    let mut message = Message::new();
    for _ in 0..700 {
        message = message.push("é");
    }
    assert_eq!(message.as_str().len(), 1024);
    assert!(message.as_str().chars().all(|c| c == 'é'));
}
