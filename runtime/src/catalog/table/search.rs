//! Finding a record of a [`Table`]: by code (or alias), by the code a type
//! URI documents, by status and fixed message.
//!
//! A search is one pass over the records, each read from its own bytes (a
//! record's words at fixed offsets of a fixed-size array, without a bounds
//! check per word); a record the words do not hold whole reads as zeros.
//! Most records are passed over by a word or two (a code of another
//! length, another status); the few others are looked at out of the loop.
//! A nested record is passed over, and one whose catalog is missing ends
//! the search, as it ends a walk of the items.

use core::ops::ControlFlow;

use super::{
    ALIAS, ALIASES, CODE, CODE_INT, FLAGS, HAS_TEMPLATE, HAS_VIOLATIONS, NESTED, PART, PART_ARG,
    PARTS, RECORD, STATUS_NONE, STATUS_SHIFT, STATUS_VARIES, Table,
};
use crate::Code;

/// The words of one record, four bytes each.
type Record = [[u8; 4]; RECORD];

/// A record of zeros, for one the words do not hold.
const ZEROS: Record = [[0; 4]; RECORD];

/// Word `index` (below [`RECORD`]) of `record`.
#[inline]
fn word(record: &Record, index: usize) -> u32 {
    u32::from_le_bytes(record[index])
}

/// Whether `a` and `b` are the same bytes: eight at a time, the last eight
/// overlapping the others, in place of a call to `bcmp` (whose call and
/// set-up cost a code or message of a few words as much as the compare).
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let len = a.len();
    if len != b.len() {
        return false;
    }
    let (Some(a_last), Some(b_last)) = (a.last_chunk::<8>(), b.last_chunk::<8>()) else {
        // Under eight bytes.
        return a.iter().zip(b).all(|(x, y)| x == y);
    };
    let (a_words, _) = a.as_chunks::<8>();
    let (b_words, _) = b.as_chunks::<8>();
    a_words
        .iter()
        .zip(b_words)
        .all(|(x, y)| u64::from_ne_bytes(*x) == u64::from_ne_bytes(*y))
        && u64::from_ne_bytes(*a_last) == u64::from_ne_bytes(*b_last)
}

/// What the entry [`Table::find_documented`] finds answers to: its own
/// code is the text, or the text as an integer, or neither (an alias is).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Own {
    /// Its code is the text.
    Text,
    /// Its code is the text as this integer.
    Int(i64),
    /// One of its aliases answers.
    Alias,
}

impl Table {
    /// The records the words hold whole; the others read as [`ZEROS`].
    #[inline]
    fn records(&self) -> &'static [Record] {
        let words = self.words.get(4..).unwrap_or_default().as_chunks::<4>().0;
        words.as_chunks::<RECORD>().0
    }

    /// Whether a search ends at the nested `record`: its catalog is missing.
    #[inline]
    fn ends_search(&self, record: &Record) -> bool {
        word(record, CODE) as usize >= self.nested.len()
    }

    /// Whether the code at words `at + 1` and `at + 2`, whose flags are
    /// word `at` (an alias's), is `code`.
    #[inline]
    fn code_is(&self, at: usize, code: Code<'_>) -> bool {
        let [flags, low, high] = self.words::<3>(at);
        self.code_matches([flags, low, high], code)
    }

    /// Whether the code of the words `[flags, low, high]` is `code`: what
    /// comparing the [`Code`] read there with `code` says, with the lengths
    /// compared first, so a string code of another length is passed over
    /// without reading its text.
    #[inline]
    fn code_matches(&self, [flags, low, high]: [u32; 3], code: Code<'_>) -> bool {
        match code {
            Code::Int(value) => {
                flags & CODE_INT != 0
                    && (u64::from(high) << 32 | u64::from(low)).cast_signed() == value
            }
            Code::Str(text) => flags & CODE_INT == 0 && self.text_is(low, high, text),
        }
    }

    /// Whether the `len` bytes of the text from `start` read as `text`
    /// (a range that is not a string of the text reads as `""`; bytes equal
    /// to a string that is not empty are a string of the text, as they
    /// cannot start or end inside a character).
    #[inline]
    fn text_is(&self, start: u32, len: u32, text: &str) -> bool {
        if text.is_empty() {
            return self.slice(start, len).is_empty();
        }
        len as usize == text.len()
            && self
                .text
                .as_bytes()
                .get(start as usize..)
                .and_then(|rest| rest.get(..text.len()))
                .is_some_and(|bytes| same_bytes(bytes, text.as_bytes()))
    }

    /// Whether one of the `count` aliases from word `start` is `code`.
    #[inline]
    fn among_aliases(&self, start: u32, count: u32, code: Code<'_>) -> bool {
        for alias in 0..count as usize {
            if self.code_is(start as usize + ALIAS * alias, code) {
                return true;
            }
        }
        false
    }

    /// Whether the entry `record` answers to `code`: its code or one of its
    /// aliases is `code`. Inlined into each search.
    #[allow(clippy::inline_always)]
    #[inline(always)]
    fn record_answers(&self, record: &Record, code: Code<'_>) -> bool {
        self.code_matches(
            [
                word(record, FLAGS),
                word(record, CODE),
                word(record, CODE + 1),
            ],
            code,
        ) || self.among_aliases(word(record, ALIASES), word(record, ALIASES + 1), code)
    }

    /// Whether entry record `at` (its first word) answers to `code`: its
    /// code or one of its aliases is `code`.
    #[inline]
    pub(in crate::catalog) fn answers_to(&self, at: usize, code: Code<'_>) -> bool {
        let [start, count] = self.words::<2>(at + ALIASES);
        self.code_is(at + FLAGS, code) || self.among_aliases(start, count, code)
    }

    /// The index of the first entry, not at `skip`, that answers to
    /// `code`: a plain loop over the records' first three words, which
    /// does as well as a pre-filtered one for a code found in the first
    /// few records (the usual case).
    pub(crate) fn find_code(&'static self, code: Code<'_>, skip: &[usize]) -> Option<usize> {
        for index in 0..self.len() {
            let at = Table::record(index);
            let words = self.words::<3>(at + FLAGS);
            if words[0] & NESTED != 0 {
                if words[1] as usize >= self.nested.len() {
                    return None;
                }
                continue;
            }
            if (self.code_matches(words, code) || self.alias_is(at, code)) && !skip.contains(&index)
            {
                return Some(index);
            }
        }
        None
    }

    /// Whether one of the aliases of entry record `at` (its first word) is
    /// `code`.
    #[inline]
    fn alias_is(&self, at: usize, code: Code<'_>) -> bool {
        let [start, count] = self.words::<2>(at + ALIASES);
        self.among_aliases(start, count, code)
    }

    /// The index of the first entry that answers to `text` or to `int`
    /// (the first that [`find_code`](Table::find_code) finds for either,
    /// without a skip), and whether its own code is one of them, in one
    /// pass over the records; `None` when none answers, and when an entry
    /// answers to `uri`.
    pub(crate) fn find_documented(
        &'static self,
        uri: Option<&str>,
        text: &str,
        int: Option<i64>,
    ) -> Option<(usize, Own)> {
        let records = self.records();
        // A string record without aliases, of another length than both, is
        // passed over: its code answers to neither (not so when one is
        // empty, which a range out of the text reads as). Every other
        // string record without aliases is compared in the loop; a record
        // with an integer code or aliases is looked at out of it.
        let (text_len, uri_len) = (
            text.len() as u64,
            uri.map_or(u64::MAX, |uri| uri.len() as u64),
        );
        let lengths = text_len != 0 && uri_len != 0;
        let mut found = None;
        for index in 0..self.len() {
            let record = records.get(index).unwrap_or(&ZEROS);
            let flags = word(record, FLAGS);
            if flags & NESTED != 0 {
                if self.ends_search(record) {
                    return found;
                }
                continue;
            }
            let high = word(record, CODE + 1);
            if (flags & CODE_INT) | word(record, ALIASES + 1) == 0 {
                // A string code without aliases, compared here: what
                // `documented_here` does for it.
                let low = word(record, CODE);
                if lengths && u64::from(high) != text_len && u64::from(high) != uri_len {
                    continue;
                }
                if found.is_none() && self.text_is(low, high, text) {
                    found = Some((index, Own::Text));
                    if uri.is_none() {
                        return found;
                    }
                }
                if uri.is_some_and(|uri| self.text_is(low, high, uri)) {
                    return None;
                }
                continue;
            }
            if let ControlFlow::Break(result) =
                self.documented_here(index, record, uri, text, int, &mut found)
            {
                return result;
            }
        }
        found
    }

    /// [`find_documented`](Table::find_documented) at record `index`, with
    /// what was `found` before it: out of the loop, which most records
    /// leave by their first words.
    #[inline(never)]
    fn documented_here(
        &self,
        index: usize,
        record: &Record,
        uri: Option<&str>,
        text: &str,
        int: Option<i64>,
        found: &mut Option<(usize, Own)>,
    ) -> ControlFlow<Option<(usize, Own)>> {
        let flags = word(record, FLAGS);
        if flags & NESTED != 0 {
            return if self.ends_search(record) {
                ControlFlow::Break(*found)
            } else {
                ControlFlow::Continue(())
            };
        }
        if found.is_none() {
            let code = [flags, word(record, CODE), word(record, CODE + 1)];
            if self.code_matches(code, Code::Str(text)) {
                *found = Some((index, Own::Text));
            } else if let Some(int) = int
                && self.code_matches(code, Code::Int(int))
            {
                *found = Some((index, Own::Int(int)));
            } else if self.record_answers(record, Code::Str(text))
                || int.is_some_and(|int| self.record_answers(record, Code::Int(int)))
            {
                *found = Some((index, Own::Alias));
            }
            if found.is_some() && uri.is_none() {
                return ControlFlow::Break(*found);
            }
        }
        if uri.is_some_and(|uri| self.record_answers(record, Code::Str(uri))) {
            return ControlFlow::Break(None);
        }
        ControlFlow::Continue(())
    }

    /// The index of the first entry, not at `skip`, whose status is fixed
    /// at `status` and whose message is fixed at `message`: its template
    /// has no placeholder and reads `message`, or it has no template and
    /// `reason` (the status's reason phrase) is `message`. The template's
    /// text is compared only for records of that status.
    pub(crate) fn find_fixed(
        &'static self,
        status: u16,
        skip: &[usize],
        message: &str,
        reason: impl Fn() -> &'static str,
    ) -> Option<usize> {
        self.find_status(status, skip, |flags, record| {
            self.fixed_is(flags, record, message, &reason)
        })
    }

    /// The index of the first entry, not at `skip`, whose status is fixed
    /// at `status` and which carries violations (`#[api(violations)]`): the
    /// variant a FastAPI 422 list, which has no message, decodes into.
    pub(crate) fn find_violations(&'static self, status: u16, skip: &[usize]) -> Option<usize> {
        self.find_status(status, skip, |flags, _| flags & HAS_VIOLATIONS != 0)
    }

    /// The index of the first entry, not at `skip`, whose status is fixed
    /// at `status` and whose record `accepts` (given its flags); the status
    /// is read from the flags, so other records cost a word each.
    #[inline]
    fn find_status(
        &'static self,
        status: u16,
        skip: &[usize],
        accepts: impl Fn(u32, &Record) -> bool,
    ) -> Option<usize> {
        // A record the words do not hold reads as zeros: no status, never
        // accepted; the loop ends at the last record held.
        let records = self.records();
        let held = records.get(..self.len()).unwrap_or(records);
        let status = u32::from(status);
        for (index, record) in held.iter().enumerate() {
            let flags = word(record, FLAGS);
            if flags >> STATUS_SHIFT != status
                || flags & (NESTED | STATUS_NONE | STATUS_VARIES) != 0
            {
                if flags & NESTED != 0 && self.ends_search(record) {
                    return None;
                }
                continue;
            }
            if !skip.contains(&index) && accepts(flags, record) {
                return Some(index);
            }
        }
        None
    }

    /// Whether the fixed message of the entry `record` (whose flags are
    /// `flags`) is `message`: `Template::fixed_text`, or the reason phrase
    /// without a template, compared with it.
    #[inline]
    fn fixed_is(
        &self,
        flags: u32,
        record: &Record,
        message: &str,
        reason: impl Fn() -> &'static str,
    ) -> bool {
        if flags & HAS_TEMPLATE == 0 {
            return reason() == message;
        }
        match word(record, PARTS + 1) {
            0 => message.is_empty(),
            1 => {
                let [part, start, len, _, _] = self.words::<PART>(word(record, PARTS) as usize);
                part & PART_ARG == 0 && self.text_is(start, len, message)
            }
            _ => false,
        }
    }

    /// Whether [`find_code`](Table::find_code) finds in `other` what it
    /// finds in this table: they are one table, or tables of the same
    /// text, words and number of nested catalogs.
    #[inline]
    pub(crate) fn same_codes(&self, other: &Table) -> bool {
        core::ptr::eq(self, other)
            || (self.words == other.words
                && self.text == other.text
                && self.nested.len() == other.nested.len())
    }
}

#[cfg(test)]
mod tests {
    use super::same_bytes;

    #[test]
    fn same_bytes_is_slice_equality() {
        let text: Vec<u8> = (0..40u8).collect();
        for len in 0..text.len() {
            let a = &text[..len];
            assert!(same_bytes(a, a));
            assert!(!same_bytes(a, &text[..=len]));
            for at in 0..len {
                let mut b = a.to_vec();
                b[at] ^= 0x20;
                assert!(!same_bytes(a, &b), "{len} {at}");
            }
        }
    }
}
