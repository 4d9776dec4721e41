//! A catalog's section title: the first sentence of its type's doc
//! comment.

use crate::catalog::Catalog;

/// The title of a type's section in [`Layout::ByDomain`](super::Layout::ByDomain): the first
/// sentence of the type's doc comment (its summary line) without a final
/// period, or the type's name when it has no doc comment.
///
/// The first sentence ends at the first `.`, `!` or `?` followed by a space
/// and a word that does not start with a lowercase letter, outside code
/// spans; a period that ends an abbreviation with periods of its own
/// (`e.g.`, `i.e.`) or an ellipsis ends none. `/// User errors. Each is a
/// 4xx.` gives `User errors`; a doc comment of one sentence, or one whose
/// first paragraph has no sentence end, is titled by that paragraph.
///
/// Types with the same title share one section, placed where the first
/// of their codes is: an API whose page lists two types in one table
/// gives both the same first sentence.
///
/// ```
/// use errbook::ApiError;
/// use errbook::catalog::render::section_title;
///
/// /// Session errors. All of them are 401s: the client signs in again,
/// /// e.g. with a refresh token.
/// ///
/// /// They come from the session store.
/// #[derive(Debug, ApiError)]
/// #[api(status = 401)]
/// enum SessionError {
///     Expired,
/// }
///
/// /// Upload errors, e.g. a file over the size limit.
/// #[derive(Debug, ApiError)]
/// #[api(status = 413)]
/// enum UploadError {
///     TooLarge,
/// }
///
/// #[derive(Debug, ApiError)]
/// #[api(status = 404)]
/// enum PostError {
///     NotFound,
/// }
///
/// assert_eq!(section_title(SessionError::catalog()), "Session errors");
/// assert_eq!(section_title(UploadError::catalog()), "Upload errors, e.g. a file over the size limit");
/// assert_eq!(section_title(PostError::catalog()), "PostError");
/// ```
pub fn section_title(catalog: &Catalog) -> &'static str {
    let Some(sentence) = catalog.description.map(first_sentence) else {
        return catalog.type_name;
    };
    if sentence.is_empty() {
        return catalog.type_name;
    }
    match sentence.strip_suffix('.') {
        Some(title) if !title.ends_with('.') && !title.trim_end().is_empty() => title.trim_end(),
        _ => sentence,
    }
}

/// The first sentence of `doc`'s first paragraph, trimmed: see
/// [`section_title`].
fn first_sentence(doc: &'static str) -> &'static str {
    let doc = doc.trim_start();
    // The first paragraph ends at a line holding only whitespace.
    let mut end = doc.len();
    let mut offset = 0;
    for line in doc.split_inclusive('\n') {
        if offset > 0 && line.trim().is_empty() {
            end = offset;
            break;
        }
        offset += line.len();
    }
    let paragraph = &doc[..end];

    let bytes = paragraph.as_bytes();
    // The length of the run of backticks that opened the code span we are
    // in, if any.
    let mut fence: Option<usize> = None;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte == b'`' {
            let run = bytes[at..].iter().take_while(|&&b| b == b'`').count();
            fence = match fence {
                // A run that nothing closes is literal backticks.
                None if closes(&bytes[at + run..], run) => Some(run),
                Some(open) if open == run => None,
                open => open,
            };
            at += run;
            continue;
        }
        if fence.is_none() && matches!(byte, b'.' | b'!' | b'?') && ends_sentence(paragraph, at) {
            return paragraph[..=at].trim_end();
        }
        at += 1;
    }
    paragraph.trim_end()
}

/// Whether `rest` holds a run of exactly `run` backticks, which closes a
/// code span opened by such a run.
fn closes(rest: &[u8], run: usize) -> bool {
    rest.split(|&b| b != b'`')
        .any(|backticks| backticks.len() == run)
}

/// Whether the `.`, `!` or `?` at byte `at` of `text` ends a sentence: it
/// is followed by whitespace and a word that does not start with a
/// lowercase letter, and a period does not end an abbreviation (`e.g.`) or
/// belong to an ellipsis.
fn ends_sentence(text: &str, at: usize) -> bool {
    let rest = &text[at + 1..];
    if !rest.starts_with(char::is_whitespace) {
        return false;
    }
    let next = rest.trim_start().chars().next();
    if next.is_none_or(char::is_lowercase) {
        return false;
    }
    let word = text[..at].rsplit(char::is_whitespace).next().unwrap_or("");
    !(text.as_bytes()[at] == b'.' && word.contains('.'))
}
