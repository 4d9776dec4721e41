//! The codes of a nested type, renamed where it is nested:
//! `#[api(transparent, prefix = "app:", rename_all = "snake_case",
//! codes(MalformedJson = "app:bad_json"))]`.
//!
//! The derive of the outer type cannot see the inner type's codes, so the
//! renaming happens in constant evaluation: [`text`] and [`words`] copy the
//! inner type's packed table, every record as it was but its code (and the
//! code's JSON text and hash), and the outer type's catalog nests that copy
//! instead of the inner catalog. The catalog, the uniqueness check, the
//! OpenAPI document and the formats' fast paths read the copy like any
//! derived table; the nesting variant's code and entry are read from the
//! copy, and [`from_raw`] takes a renamed code back to the inner type's
//! own before the inner decoder reads it.
//!
//! Every function here is total: a catalog it cannot rename is copied as
//! it is, and `check` (evaluated once, under the key) says what is wrong.

// Lengths and offsets in a table are 32-bit words by design.
#![allow(clippy::cast_possible_truncation)]

use super::table::{self, Table};
use super::unique::same_str;
use super::{Catalog, Entry};
use crate::Code;
use crate::decode::{DecodeErrorKind, RawError};

mod check;

pub use check::{check, check_variant};

/// A `rename_all` rule, applied to the words of a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// `lowercase`
    Lower,
    /// `UPPERCASE`
    Upper,
    /// `PascalCase`
    Pascal,
    /// `camelCase`
    Camel,
    /// `snake_case`
    Snake,
    /// `SCREAMING_SNAKE_CASE`
    ScreamingSnake,
    /// `kebab-case`
    Kebab,
    /// `SCREAMING-KEBAB-CASE`
    ScreamingKebab,
}

/// How a nesting variant renames its inner type's codes: `prefix` and
/// `case` for every code, and the codes given to variants by name, which
/// win over them.
#[derive(Clone, Copy, Debug)]
pub struct Rename {
    prefix: &'static str,
    case: Option<Case>,
    codes: &'static [(&'static str, Code<'static>)],
}

impl Rename {
    /// The renaming of `#[api(prefix = …, rename_all = …, codes(…))]`.
    pub const fn new(
        prefix: &'static str,
        case: Option<Case>,
        codes: &'static [(&'static str, Code<'static>)],
    ) -> Self {
        Rename {
            prefix,
            case,
            codes,
        }
    }

    /// Whether every code is renamed (`prefix` or `rename_all`), not only
    /// those named in `codes`.
    const fn renames_all(&self) -> bool {
        !self.prefix.is_empty() || self.case.is_some()
    }

    /// The code `codes(…)` gives the variant `name`.
    const fn given(&self, name: &str) -> Option<Code<'static>> {
        let mut i = 0;
        while i < self.codes.len() {
            if same_str(self.codes[i].0, name) {
                return Some(self.codes[i].1);
            }
            i += 1;
        }
        None
    }
}

/// What a record's code becomes.
#[derive(Clone, Copy)]
enum New {
    /// As it was.
    Keep,
    /// A string code: given verbatim, or the inner code renamed.
    Str { text: &'static str, renamed: bool },
    /// An integer code, given.
    Int(i64),
}

const fn new_code(entry: Entry, rename: &Rename) -> New {
    match rename.given(entry.variant()) {
        Some(Code::Str(text)) => New::Str {
            text,
            renamed: false,
        },
        Some(Code::Int(value)) => New::Int(value),
        None => match entry.code() {
            Code::Str(text) if rename.renames_all() => New::Str {
                text,
                renamed: true,
            },
            // An integer code cannot be renamed: `check` says so.
            _ => New::Keep,
        },
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// Bytes written into a buffer (or only counted, past its end), with the
/// FNV-1a hash of what was written, and JSON string escaping when asked.
struct Out<'a> {
    buf: &'a mut [u8],
    len: usize,
    hash: u64,
    escape: bool,
}

impl Out<'_> {
    const fn put(&mut self, byte: u8) {
        if self.len < self.buf.len() {
            self.buf[self.len] = byte;
        }
        self.len += 1;
    }

    /// One byte of a code: hashed, and escaped in a JSON string as
    /// `serde_json` escapes it.
    const fn byte(&mut self, byte: u8) {
        self.hash ^= byte as u64;
        self.hash = self.hash.wrapping_mul(FNV_PRIME);
        if !self.escape {
            self.put(byte);
            return;
        }
        match byte {
            b'"' | b'\\' => {
                self.put(b'\\');
                self.put(byte);
            }
            b'\n' => self.two(b'n'),
            b'\r' => self.two(b'r'),
            b'\t' => self.two(b't'),
            0x08 => self.two(b'b'),
            0x0c => self.two(b'f'),
            0..0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.put(b'\\');
                self.put(b'u');
                self.put(b'0');
                self.put(b'0');
                self.put(HEX[(byte >> 4) as usize]);
                self.put(HEX[(byte & 0xf) as usize]);
            }
            _ => self.put(byte),
        }
    }

    const fn two(&mut self, letter: u8) {
        self.put(b'\\');
        self.put(letter);
    }

    const fn bytes(&mut self, bytes: &[u8]) {
        let mut i = 0;
        while i < bytes.len() {
            self.byte(bytes[i]);
            i += 1;
        }
    }

    /// The code `new` stands for.
    const fn code(&mut self, new: New, rename: &Rename) {
        match new {
            New::Keep => {}
            New::Str {
                text,
                renamed: false,
            } => self.bytes(text.as_bytes()),
            New::Str {
                text,
                renamed: true,
            } => {
                self.bytes(rename.prefix.as_bytes());
                match rename.case {
                    Some(case) => self.cased(text.as_bytes(), case),
                    None => self.bytes(text.as_bytes()),
                }
            }
            New::Int(value) => {
                let mut digits = [0u8; 20];
                self.bytes(decimal(value, &mut digits));
            }
        }
    }

    /// `code` in `case`, from its words: runs of letters and digits, split
    /// before an upper-case letter that follows a lower-case letter or a
    /// digit, and before the last capital of an acronym (`HTTPTimeout`);
    /// every other ASCII character (`_`, `-`, `:`, `.`) only separates
    /// words. Only ASCII letters change case.
    const fn cased(&mut self, code: &[u8], case: Case) {
        let mut word = 0;
        let mut i = 0;
        while i < code.len() {
            if !is_word_byte(code[i]) {
                i += 1;
                continue;
            }
            let start = i;
            i += 1;
            while i < code.len() && is_word_byte(code[i]) && !boundary(code, i) {
                i += 1;
            }
            if word > 0 {
                match case {
                    Case::Snake | Case::ScreamingSnake => self.byte(b'_'),
                    Case::Kebab | Case::ScreamingKebab => self.byte(b'-'),
                    _ => {}
                }
            }
            let mut k = start;
            while k < i {
                let first = k == start;
                let upper = match case {
                    Case::ScreamingSnake | Case::ScreamingKebab | Case::Upper => true,
                    Case::Pascal => first,
                    Case::Camel => first && word > 0,
                    Case::Snake | Case::Kebab | Case::Lower => false,
                };
                self.byte(if upper {
                    code[k].to_ascii_uppercase()
                } else {
                    code[k].to_ascii_lowercase()
                });
                k += 1;
            }
            word += 1;
        }
    }
}

const fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte >= 0x80
}

/// A word starts at `code[i]`, inside a run of letters and digits.
const fn boundary(code: &[u8], i: usize) -> bool {
    let (prev, c) = (code[i - 1], code[i]);
    if !c.is_ascii_uppercase() {
        return false;
    }
    prev.is_ascii_lowercase()
        || prev.is_ascii_digit()
        || (prev.is_ascii_uppercase() && i + 1 < code.len() && code[i + 1].is_ascii_lowercase())
}

/// `value` in decimal, written at the end of `digits`.
const fn decimal(value: i64, digits: &mut [u8; 20]) -> &[u8] {
    let mut n = value.unsigned_abs();
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if value < 0 {
        at -= 1;
        digits[at] = b'-';
    }
    digits.split_at(at).1
}

const fn put_word(words: &mut [u8], index: usize, value: u32) {
    let at = index * 4;
    if at + 4 <= words.len() {
        let bytes = value.to_le_bytes();
        words[at] = bytes[0];
        words[at + 1] = bytes[1];
        words[at + 2] = bytes[2];
        words[at + 3] = bytes[3];
    }
}

/// Writes the renamed copy of `inner`'s table into `text` and `words`
/// (either may be empty, to count), and returns the text's length.
const fn build(
    inner: &'static Catalog,
    rename: &Rename,
    text: &mut [u8],
    words: &mut [u8],
) -> usize {
    let Some(table) = inner.table() else {
        return 0;
    };
    let base = table.text().as_bytes();
    let mut out = Out {
        buf: text,
        len: 0,
        hash: FNV_OFFSET,
        escape: false,
    };
    let mut i = 0;
    while i < base.len() {
        out.put(base[i]);
        i += 1;
    }
    let raw = table.bytes();
    let mut i = 0;
    while i < raw.len() && i < words.len() {
        words[i] = raw[i];
        i += 1;
    }
    let mut index = 0;
    while index < table.len() {
        let at = Table::record(index);
        index += 1;
        let Some(entry) = table.entry_at(index - 1) else {
            continue;
        };
        let new = new_code(entry, rename);
        let flags = table.word(at + table::FLAGS);
        let (flags, code) = match new {
            // A derived table's hashes are not in its words: the copy
            // keeps the code's in its own.
            New::Keep => {
                if let Some(hash) = table.hash_at(index - 1) {
                    put_word(words, at + table::HASH, hash as u32);
                    put_word(words, at + table::HASH + 1, (hash >> 32) as u32);
                }
                continue;
            }
            New::Int(value) => {
                let bits = value.cast_unsigned();
                (flags | table::CODE_INT, (bits as u32, (bits >> 32) as u32))
            }
            New::Str { .. } => {
                let start = out.len;
                out.code(new, rename);
                (
                    flags & !table::CODE_INT,
                    (start as u32, (out.len - start) as u32),
                )
            }
        };
        // The code's JSON text, and the hash of the code's text.
        out.hash = FNV_OFFSET;
        let start = out.len;
        if let New::Str { .. } = new {
            out.escape = true;
            out.put(b'"');
            out.code(new, rename);
            out.put(b'"');
            out.escape = false;
        } else {
            out.code(new, rename);
        }
        let json = (start as u32, (out.len - start) as u32);
        put_word(words, at + table::FLAGS, flags);
        put_word(words, at + table::CODE, code.0);
        put_word(words, at + table::CODE + 1, code.1);
        put_word(words, at + table::CODE_JSON, json.0);
        put_word(words, at + table::CODE_JSON + 1, json.1);
        put_word(words, at + table::HASH, out.hash as u32);
        put_word(words, at + table::HASH + 1, (out.hash >> 32) as u32);
    }
    out.len
}

/// The length of the renamed table's text.
pub const fn text_len(inner: &'static Catalog, rename: &Rename) -> usize {
    build(inner, rename, &mut [], &mut [])
}

/// The renamed table's text: the inner table's, then the new codes.
pub const fn text<const N: usize>(inner: &'static Catalog, rename: &Rename) -> [u8; N] {
    let mut text = [0; N];
    build(inner, rename, &mut text, &mut []);
    text
}

/// The length of the renamed table's words: the inner table's.
pub const fn words_len(inner: &'static Catalog) -> usize {
    match inner.table() {
        Some(table) => table.bytes().len(),
        None => 0,
    }
}

/// The renamed table's words: the inner table's, each record's code,
/// code JSON and hash replaced.
pub const fn words<const N: usize>(inner: &'static Catalog, rename: &Rename) -> [u8; N] {
    let mut words = [0; N];
    build(inner, rename, &mut [], &mut words);
    words
}

impl Table {
    /// The record of this renamed table that stands for `entry`, a record
    /// of the table it renames.
    pub(crate) fn renamed(&'static self, entry: Entry) -> Option<Entry> {
        let from = self.from()?;
        let (of, at) = entry.place();
        // The same record of a table with the same layout: two copies of
        // one constant may have different addresses, so the record is
        // compared, not the table's address.
        let record = at.checked_sub(1)?;
        if record % table::RECORD != 0
            || record / table::RECORD >= from.len()
            || of.len() != from.len()
            || of.hash_at(record / table::RECORD) != from.hash_at(record / table::RECORD)
            || of.word(at + table::FLAGS) != from.word(at + table::FLAGS)
        {
            return None;
        }
        Some(Entry::at(self, at))
    }
}

/// The inner value of a renaming `transparent` variant for `raw`, read by
/// `read` (the inner type's decoder): a renamed code (or an alias) is
/// taken back to the inner type's own code first. A code that the
/// renaming replaced is not the variant's; every other body (an unknown
/// code, one without a code) goes to the inner decoder as it is.
pub fn from_raw<T>(
    table: &'static Table,
    raw: &RawError<'_>,
    read: fn(&RawError<'_>) -> Result<Option<T>, DecodeErrorKind>,
) -> Result<Option<T>, DecodeErrorKind> {
    let (Some(code), Some(from)) = (raw.code(), table.from()) else {
        return read(raw);
    };
    let mut replaced = false;
    for index in 0..table.len() {
        let (Some(entry), Some(own)) = (table.entry_at(index), from.entry_at(index)) else {
            continue;
        };
        if entry.answers_to(code) {
            let mut raw = raw.clone();
            raw.set_code(own.code());
            return read(&raw);
        }
        replaced |= own.code() == code;
    }
    if replaced {
        return Ok(None);
    }
    read(raw)
}

#[cfg(test)]
mod tests {
    use super::{Case, Out};

    fn cased(code: &str, case: Case) -> String {
        let mut buf = [0u8; 64];
        let mut out = Out {
            buf: &mut buf,
            len: 0,
            hash: 0,
            escape: false,
        };
        out.cased(code.as_bytes(), case);
        let len = out.len;
        String::from_utf8(buf[..len].to_vec()).unwrap()
    }

    #[test]
    fn codes_are_recased_from_their_words() {
        #[rustfmt::skip]
        let table: &[(&str, [&str; 8])] = &[
            // code: snake, SCREAMING_SNAKE, kebab, SCREAMING-KEBAB, camel, Pascal, lower, UPPER
            ("MALFORMED_JSON", ["malformed_json", "MALFORMED_JSON", "malformed-json", "MALFORMED-JSON", "malformedJson", "MalformedJson", "malformedjson", "MALFORMEDJSON"]),
            ("user:not_found", ["user_not_found", "USER_NOT_FOUND", "user-not-found", "USER-NOT-FOUND", "userNotFound", "UserNotFound", "usernotfound", "USERNOTFOUND"]),
            ("HTTPTimeout", ["http_timeout", "HTTP_TIMEOUT", "http-timeout", "HTTP-TIMEOUT", "httpTimeout", "HttpTimeout", "httptimeout", "HTTPTIMEOUT"]),
            ("oauth2Failed", ["oauth2_failed", "OAUTH2_FAILED", "oauth2-failed", "OAUTH2-FAILED", "oauth2Failed", "Oauth2Failed", "oauth2failed", "OAUTH2FAILED"]),
            ("déjà-vu", ["déjà_vu", "DéJà_VU", "déjà-vu", "DéJà-VU", "déjàVu", "DéjàVu", "déjàvu", "DéJàVU"]),
        ];
        let cases = [
            Case::Snake,
            Case::ScreamingSnake,
            Case::Kebab,
            Case::ScreamingKebab,
            Case::Camel,
            Case::Pascal,
            Case::Lower,
            Case::Upper,
        ];
        for (code, expected) in table {
            for (case, want) in cases.iter().zip(expected) {
                assert_eq!(cased(code, *case), *want, "{case:?} of {code}");
            }
        }
    }
}
