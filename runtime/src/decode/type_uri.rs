//! A problem's `type` URI back to its code: the inverse of
//! `#[api(docs = "https://…/{code}")]`.

use core::ops::{ControlFlow, Range};

use crate::catalog::{Entry, Item, MAX_DEPTH, Own, Table, table_entry};
use crate::{Catalog, Code};

const PLACEHOLDER: &str = "{code}";

/// Where a `docs` template's `{code}` is: worked out once, when the
/// catalog is built (`Catalog::__docs`), rather than for every body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Split {
    /// No placeholder: the template makes no code's URL.
    None,
    /// One placeholder, after `prefix` bytes and before `suffix` bytes.
    One {
        /// The bytes before it.
        prefix: usize,
        /// The bytes after it.
        suffix: usize,
    },
    /// More than one: the URI is matched with the whole template.
    Several,
}

impl Split {
    /// No template.
    pub(crate) const NONE: Split = Split::None;

    /// The placeholders of `template`, from the left, as
    /// [`placeholders`] finds them.
    pub(crate) const fn of(template: &str) -> Split {
        let bytes = template.as_bytes();
        let mut first = None;
        let mut at = 0;
        while at < bytes.len() {
            if is_placeholder_at(bytes, at) {
                if first.is_some() {
                    return Split::Several;
                }
                first = Some(at);
                at += PLACEHOLDER.len();
            } else {
                at += 1;
            }
        }
        match first {
            Some(at) => Split::One {
                prefix: at,
                suffix: bytes.len() - at - PLACEHOLDER.len(),
            },
            None => Split::None,
        }
    }
}

/// Whether `{code}` starts at byte `at` of `bytes`.
const fn is_placeholder_at(bytes: &[u8], at: usize) -> bool {
    let placeholder = PLACEHOLDER.as_bytes();
    if bytes.len() - at < placeholder.len() {
        return false;
    }
    let mut i = 0;
    while i < placeholder.len() {
        if bytes[at + i] != placeholder[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The code of `catalog` whose documentation URL is `uri`: the code (or
/// one of its aliases) that the declaring type's `docs` template, with
/// `{code}` replaced, makes into `uri`. `None` when no code's URL is
/// `uri`, or no type of the catalog has a template.
///
/// This is how a problem+json body without a `code` member (RFC 9457's own
/// examples) is read back: its `type` is the URL the server's `docs`
/// template made. [`Parse`](crate::Parse) does it for every body whose code
/// is none of the type's.
///
/// ```
/// use errbook::{ApiError, Code};
/// use errbook::decode::code_of_type;
///
/// #[derive(Debug, ApiError)]
/// #[api(parse, format = problem, docs = "https://example.com/probs/{code}")]
/// enum BillingError {
///     #[api(code = "out-of-credit", alias = "no-credit", status = 403)]
///     OutOfCredit,
/// }
///
/// let catalog = BillingError::catalog();
/// assert_eq!(code_of_type(catalog, "https://example.com/probs/out-of-credit"), Some(Code::Str("out-of-credit")));
/// assert_eq!(code_of_type(catalog, "https://example.com/probs/no-credit"), Some(Code::Str("out-of-credit")));
/// assert_eq!(code_of_type(catalog, "https://example.com/probs/other"), None);
/// assert_eq!(code_of_type(catalog, "about:blank"), None);
/// ```
pub fn code_of_type(catalog: &Catalog, uri: &str) -> Option<Code<'static>> {
    if let Some((table, declaring)) = flat(catalog) {
        let documented = documented_in(table, declaring, uri, false)?;
        return match documented.code {
            Known::Code(code) => Some(code),
            Known::Text(_) => table_entry(table, documented.entry?.1).map(Entry::code),
        };
    }
    let mut template = Template::default();
    match walk(
        catalog,
        1,
        &mut |entry, declaring| match template.code(entry, declaring, uri) {
            Some(code) => ControlFlow::Break(code),
            None => ControlFlow::Continue(()),
        },
    ) {
        ControlFlow::Break(code) => Some(code),
        ControlFlow::Continue(()) => None,
    }
}

/// The code a type URI documents, and where the decoder finds its entry.
pub(crate) struct Documented {
    /// The code.
    pub(crate) code: Known,
    /// The table and the index of the first entry that answers to the
    /// code, when the search found it: what [`Table::find_code`] finds
    /// there without a skip. Always there for [`Known::Text`].
    pub(crate) entry: Option<(&'static Table, usize)>,
}

/// The code a type URI documents.
pub(crate) enum Known {
    /// A code of the catalog.
    Code(Code<'static>),
    /// The URI's text at this range, the code of the entry found (without
    /// reading it from the table).
    Text(Range<usize>),
}

/// The code of `catalog` whose documentation URL is `uri`, when `uri` is
/// not itself one of its codes (or aliases): [`code_of_type`] unless a
/// code answers to `uri`, in one walk of the catalog.
pub(crate) fn documented(catalog: &Catalog, uri: &str) -> Option<Documented> {
    if let Some((table, declaring)) = flat(catalog) {
        return documented_in(table, declaring, uri, true);
    }
    let mut template = Template::default();
    let mut documented = None;
    let direct = walk(catalog, 1, &mut |entry, declaring| {
        if entry.answers_to(Code::Str(uri)) {
            return ControlFlow::Break(());
        }
        if documented.is_none() {
            documented = template.code(entry, declaring, uri);
        }
        ControlFlow::Continue(())
    });
    if direct.is_break() {
        None
    } else {
        documented.map(|code| Documented {
            code: Known::Code(code),
            entry: None,
        })
    }
}

/// The table of a catalog that is one derived type's codes, without nested
/// types that have codes (an `other` variant nests `Unknown`'s empty
/// catalog), and that type's catalog: searched record by record, in
/// order, as a walk of its entries is.
#[inline]
fn flat(catalog: &Catalog) -> Option<(&'static Table, &'static Catalog)> {
    let declaring = catalog.declaring()?;
    let table = declaring
        .table()
        .filter(|table| table.nested().iter().all(|nested| nested.item_count() == 0))?;
    Some((table, declaring))
}

/// The first code of `table` (whose entries are `declaring`'s) that
/// `declaring`'s `docs` template makes into `uri`: [`code_of_type`] on a
/// flat catalog; with `direct`, `None` when a code answers to `uri`
/// itself. One pass over the records finds the URI, the text the
/// template makes it from and that text as an integer. Inlined into its
/// two callers, as [`code_at`] is into it: each call costs a frame of
/// saved registers, a good part of a search of a few records.
#[allow(clippy::inline_always)]
#[inline(always)]
fn documented_in(
    table: &'static Table,
    declaring: &'static Catalog,
    uri: &str,
    direct: bool,
) -> Option<Documented> {
    let (template, split) = declaring.docs_split()?;
    let range = code_at(template, split, uri)?;
    let text = uri.get(range.clone())?;
    let int = integer(text);
    let (index, own) = table.find_documented(direct.then_some(uri), text, int)?;
    // The first entry that answers to the text or the integer is the first
    // that answers to its own code, when that is one of them (not an
    // alias).
    let (code, entry) = match own {
        Own::Text => (Known::Text(range), Some((table, index))),
        Own::Int(int) => (Known::Code(Code::Int(int)), Some((table, index))),
        Own::Alias => (Known::Code(table_entry(table, index)?.code()), None),
    };
    Some(Documented { code, entry })
}

/// `text` as an `i64`, as `str::parse` reads it; a text that cannot be one
/// (its first byte is no digit or sign) is refused without the parser.
#[inline]
fn integer(text: &str) -> Option<i64> {
    match text.as_bytes().first() {
        Some(b'0'..=b'9' | b'-' | b'+') => text.parse().ok(),
        _ => None,
    }
}

/// Calls `visit` with every entry of `catalog`, nested catalogs included,
/// in declaration order, until it breaks: what `for entry in catalog`
/// walks (nesting deeper than [`MAX_DEPTH`] skipped, as there), without
/// the iterator's fixed stack to set up. With each entry comes its
/// [`catalog`](Entry::catalog) when the walk knows it already (every entry
/// of a derived type's catalog is its own).
fn walk<B>(
    catalog: &Catalog,
    depth: usize,
    visit: &mut impl FnMut(Entry, Option<&'static Catalog>) -> ControlFlow<B>,
) -> ControlFlow<B> {
    let declaring = catalog.declaring();
    for item in catalog.items() {
        match item {
            Item::Entry(entry) => visit(entry, declaring)?,
            Item::Nested(nested) if depth <= MAX_DEPTH => walk(nested, depth + 1, visit)?,
            Item::Nested(_) => {}
        }
    }
    ControlFlow::Continue(())
}

/// The code text a template makes into the URI, with that text as an
/// integer.
type Candidate<'u> = Option<(&'u str, Option<i64>)>;

/// The code a type's `docs` template makes into a URI, worked out once
/// per run of entries with the same template (the entries of one type).
#[derive(Default)]
struct Template<'u> {
    /// The last template, and its candidate.
    last: Option<(&'static str, Candidate<'u>)>,
}

impl<'u> Template<'u> {
    /// `entry`'s code, when its type's template makes `uri` from it (or
    /// from one of its aliases); `declaring` is the entry's catalog, when
    /// known.
    #[inline]
    fn code(
        &mut self,
        entry: Entry,
        declaring: Option<&'static Catalog>,
        uri: &'u str,
    ) -> Option<Code<'static>> {
        let (template, split) = declaring.unwrap_or_else(|| entry.catalog()).docs_split()?;
        let candidate = match self.last {
            Some((seen, candidate)) if core::ptr::eq(seen, template) => candidate,
            _ => {
                let candidate =
                    code_in(template, split, uri).map(|text| (text, text.parse::<i64>().ok()));
                self.last = Some((template, candidate));
                candidate
            }
        };
        let (text, int) = candidate?;
        (entry.answers_to(Code::Str(text))
            || int.is_some_and(|int| entry.answers_to(Code::Int(int))))
        .then(|| entry.code())
    }
}

/// The byte offsets of the placeholders in `template`, from the left, as
/// `str::match_indices` finds them, with a byte scan (a substring
/// searcher is set up for each call of the `str` methods).
fn placeholders(template: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = template.as_bytes();
    let mut from = 0;
    core::iter::from_fn(move || {
        let at = placeholder(bytes, from)?;
        from = at + PLACEHOLDER.len();
        Some(at)
    })
}

/// The offset of the first `byte` in `bytes`: eight bytes at a time, where
/// `memchr` sets up for longer texts than a URI or a code.
#[inline]
pub(super) fn find_byte(bytes: &[u8], byte: u8) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    let pattern = u64::from_le_bytes([byte; 8]);
    let mut words = bytes.chunks_exact(8);
    let mut offset = 0;
    for word in &mut words {
        let Some(word) = word.first_chunk::<8>() else {
            break;
        };
        // A zero byte where `byte` was; the lowest flagged byte is exact
        // (a false flag can only follow a true one).
        let diff = u64::from_le_bytes(*word) ^ pattern;
        let zeros = diff.wrapping_sub(ONES) & !diff & HIGHS;
        if zeros != 0 {
            return Some(offset + (zeros.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    words
        .remainder()
        .iter()
        .position(|candidate| *candidate == byte)
        .map(|at| offset + at)
}

/// The first `{code}` of `template` from byte `from`.
#[inline]
fn placeholder(template: &[u8], mut from: usize) -> Option<usize> {
    loop {
        let at = from + find_byte(template.get(from..)?, b'{')?;
        if template.get(at..)?.starts_with(PLACEHOLDER.as_bytes()) {
            return Some(at);
        }
        from = at + 1;
    }
}

/// The code `template` (whose placeholders are where `split` says) makes
/// into `uri`, if it makes it from one: every `{code}` of the template
/// stands for the same text.
fn code_in<'u>(template: &str, split: Split, uri: &'u str) -> Option<&'u str> {
    uri.get(code_at(template, split, uri)?)
}

/// Where in `uri` the code [`code_in`] finds is.
#[allow(clippy::inline_always)]
#[inline(always)]
fn code_at(template: &str, split: Split, uri: &str) -> Option<Range<usize>> {
    match split {
        // The usual template: the URI less the text around the placeholder,
        // which is not empty.
        Split::One { prefix, suffix } => {
            let (bytes, uri_bytes) = (template.as_bytes(), uri.as_bytes());
            let end = uri.len().checked_sub(suffix)?;
            if end <= prefix
                || uri_bytes.get(..prefix) != bytes.get(..prefix)
                || uri_bytes.get(end..) != bytes.get(bytes.len().checked_sub(suffix)?..)
            {
                return None;
            }
            uri.get(prefix..end).map(|_| prefix..end)
        }
        Split::Several => code_at_several(template, uri),
        Split::None => None,
    }
}

/// [`code_at`] for a template with several placeholders.
fn code_at_several(template: &str, uri: &str) -> Option<Range<usize>> {
    let first = placeholder(template.as_bytes(), 0)?;
    let count = placeholders(template).count();
    let literal = template.len() - count * PLACEHOLDER.len();
    let len = uri.len().checked_sub(literal)?;
    if len % count != 0 {
        return None;
    }
    let len = len / count;
    let code = uri.get(first..first + len)?;
    if code.is_empty() {
        return None;
    }
    // The whole URI, rebuilt from the template, must match: each literal
    // run, then the code after every run but the last.
    let mut rest = uri;
    let mut run = 0;
    for at in placeholders(template) {
        rest = rest.strip_prefix(template.get(run..at)?)?;
        rest = rest.strip_prefix(code)?;
        run = at + PLACEHOLDER.len();
    }
    rest = rest.strip_prefix(template.get(run..)?)?;
    rest.is_empty().then_some(first..first + len)
}

#[cfg(test)]
mod tests {
    use super::{PLACEHOLDER, Split, code_in, find_byte, placeholders};

    #[test]
    fn splits_a_template_where_the_scan_finds_its_placeholders() {
        for template in [
            "",
            "{code}",
            "https://e.com/probs/{code}",
            "https://e.com/{code}.html",
            "https://e.com/{code}#{code}",
            "https://e.com/static",
            "{{code}}",
            "{code}{code}",
            "https://e.com/{code",
            "é{code}é",
            "{cod{code}",
        ] {
            let found: Vec<usize> = placeholders(template).collect();
            let expected = match found[..] {
                [] => Split::None,
                [at] => Split::One {
                    prefix: at,
                    suffix: template.len() - at - PLACEHOLDER.len(),
                },
                _ => Split::Several,
            };
            assert_eq!(Split::of(template), expected, "{template}");
        }
    }

    #[test]
    fn finds_the_first_byte_at_any_offset() {
        for len in 0..40 {
            for at in 0..len {
                for second in at..len {
                    let mut text = vec![b'x'; len];
                    text[at] = b'{';
                    text[second] = b'{';
                    assert_eq!(find_byte(&text, b'{'), Some(at), "{len} {at} {second}");
                }
                // A byte one above or below is not the byte.
                let mut text = vec![b'z'; len];
                text[at] = b'{' - 1;
                assert_eq!(find_byte(&text, b'{'), None);
                text[at] = 0x80 | b'{';
                assert_eq!(find_byte(&text, b'{'), None);
            }
            assert_eq!(find_byte(&vec![b'y'; len], b'{'), None);
        }
    }

    #[test]
    fn finds_the_code_a_template_makes() {
        let cases = [
            (
                "https://e.com/probs/{code}",
                "https://e.com/probs/x-y",
                Some("x-y"),
            ),
            (
                "https://e.com/{code}.html",
                "https://e.com/a:b.html",
                Some("a:b"),
            ),
            (
                "https://e.com/{code}#{code}",
                "https://e.com/ab#ab",
                Some("ab"),
            ),
            ("https://e.com/{code}#{code}", "https://e.com/ab#ac", None),
            ("https://e.com/probs/{code}", "https://e.com/probs/", None),
            ("https://e.com/probs/{code}", "https://e.org/probs/x", None),
            ("https://e.com/{code}.html", "https://e.com/x.htm", None),
            ("https://e.com/static", "https://e.com/static", None),
            ("/probs/{code}", "/probs/é", Some("é")),
            ("{code}é", "aé", Some("a")),
            ("é{code}", "\u{e9}", None),
            (
                "https://e.com/{x}/{code}",
                "https://e.com/{x}/ab",
                Some("ab"),
            ),
            ("{{code}}", "{ab}", Some("ab")),
            ("{code}{code}", "abab", Some("ab")),
            ("{code}{code}", "abc", None),
            ("https://e.com/{code", "https://e.com/{code", None),
        ];
        for (template, uri, code) in cases {
            assert_eq!(
                code_in(template, Split::of(template), uri),
                code,
                "{template} {uri}"
            );
        }
    }
}
