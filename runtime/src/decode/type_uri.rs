//! A problem's `type` URI back to its code: the inverse of
//! `#[api(docs = "https://…/{code}")]`.

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
    // Entries of one type share its template: the candidate is worked out
    // once per run of entries with the same one.
    let mut last: Option<(&'static str, Option<&str>)> = None;
    for entry in catalog {
        let Some(template) = entry.catalog().docs() else {
            continue;
        };
        let candidate = match last {
            Some((seen, candidate)) if core::ptr::eq(seen, template) => candidate,
            _ => {
                let candidate = code_in(template, uri);
                last = Some((template, candidate));
                candidate
            }
        };
        let Some(text) = candidate else { continue };
        if entry.answers_to(Code::Str(text))
            || text
                .parse::<i64>()
                .is_ok_and(|int| entry.answers_to(Code::Int(int)))
        {
            return Some(entry.code());
        }
    }
    None
}

/// The code `template` makes into `uri`, if it makes it from one: every
/// `{code}` of the template stands for the same text.
fn code_in<'u>(template: &str, uri: &'u str) -> Option<&'u str> {
    let count = template.matches(PLACEHOLDER).count();
    if count == 0 {
        return None;
    }
    let literal = template.len() - count * PLACEHOLDER.len();
    let len = uri.len().checked_sub(literal)?;
    if len % count != 0 {
        return None;
    }
    let len = len / count;
    let start = template.find(PLACEHOLDER)?;
    let code = uri.get(start..start + len)?;
    if code.is_empty() {
        return None;
    }
    // The whole URI, rebuilt from the template, must match.
    let mut rest = uri;
    let mut parts = template.split(PLACEHOLDER).peekable();
    while let Some(text) = parts.next() {
        rest = rest.strip_prefix(text)?;
        if parts.peek().is_some() {
            rest = rest.strip_prefix(code)?;
        }
    }
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
        ];
        for (template, uri, code) in cases {
            assert_eq!(code_in(template, uri), code, "{template} {uri}");
        }
    }
}
