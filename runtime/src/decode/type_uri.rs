//! A problem's `type` URI back to its code: the inverse of
//! `#[api(docs = "https://…/{code}")]`.

use core::ops::ControlFlow;

use crate::catalog::{Entry, Item, MAX_DEPTH, Table, table_entry};
use crate::{Catalog, Code};

const PLACEHOLDER: &str = "{code}";

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
        return documented_in(table, declaring, uri);
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

/// The code of `catalog` whose documentation URL is `uri`, when `uri` is
/// not itself one of its codes (or aliases): [`code_of_type`] unless a
/// code answers to `uri`, in one walk of the catalog.
pub(crate) fn documented(catalog: &Catalog, uri: &str) -> Option<Code<'static>> {
    if let Some((table, declaring)) = flat(catalog) {
        if table.find_code(Code::Str(uri), &[]).is_some() {
            return None;
        }
        return documented_in(table, declaring, uri);
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
    if direct.is_break() { None } else { documented }
}

/// The table of a catalog that is one derived type's codes, without nested
/// types that have codes (an `other` variant nests `Unknown`'s empty
/// catalog), and that type's catalog: searched record by record, in
/// order, as a walk of its entries is.
#[inline]
fn flat(catalog: &Catalog) -> Option<(&'static Table, &'static Catalog)> {
    let table = catalog
        .table()
        .filter(|table| table.nested().iter().all(|nested| nested.item_count() == 0))?;
    Some((table, catalog.declaring()?))
}

/// The first code of `table` (whose entries are `declaring`'s) that
/// `declaring`'s `docs` template makes into `uri`: [`code_of_type`] on a
/// flat catalog.
fn documented_in(
    table: &'static Table,
    declaring: &'static Catalog,
    uri: &str,
) -> Option<Code<'static>> {
    let text = code_in(declaring.docs()?, uri)?;
    let by_text = table.find_code(Code::Str(text), &[]);
    let by_int = text
        .parse::<i64>()
        .ok()
        .and_then(|int| table.find_code(Code::Int(int), &[]));
    let index = match (by_text, by_int) {
        (Some(text), Some(int)) => text.min(int),
        (Some(index), None) | (None, Some(index)) => index,
        (None, None) => return None,
    };
    table_entry(table, index).map(Entry::code)
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
        let template = declaring.unwrap_or_else(|| entry.catalog()).docs()?;
        let candidate = match self.last {
            Some((seen, candidate)) if core::ptr::eq(seen, template) => candidate,
            _ => {
                let candidate = code_in(template, uri).map(|text| (text, text.parse::<i64>().ok()));
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
        while let Some(offset) = bytes.get(from..)?.iter().position(|byte| *byte == b'{') {
            let at = from + offset;
            if bytes[at..].starts_with(PLACEHOLDER.as_bytes()) {
                from = at + PLACEHOLDER.len();
                return Some(at);
            }
            from = at + 1;
        }
        None
    })
}

/// The code `template` makes into `uri`, if it makes it from one: every
/// `{code}` of the template stands for the same text.
fn code_in<'u>(template: &str, uri: &'u str) -> Option<&'u str> {
    let mut found = placeholders(template);
    let first = found.next()?;
    if found.next().is_none() {
        // One placeholder (the usual template): the URI less the text
        // around it.
        let code = uri
            .strip_prefix(template.get(..first)?)?
            .strip_suffix(template.get(first + PLACEHOLDER.len()..)?)?;
        return (!code.is_empty()).then_some(code);
    }
    let count = placeholders(template).count();
    if count == 0 {
        return None;
    }
    let literal = template.len() - count * PLACEHOLDER.len();
    let len = uri.len().checked_sub(literal)?;
    if len % count != 0 {
        return None;
    }
    let len = len / count;
    let start = placeholders(template).next()?;
    let code = uri.get(start..start + len)?;
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
    rest.is_empty().then_some(code)
}

#[cfg(test)]
mod tests {
    use super::code_in;

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
            assert_eq!(code_in(template, uri), code, "{template} {uri}");
        }
    }
}
