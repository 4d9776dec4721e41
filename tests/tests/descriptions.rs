//! `description()`: the variant's (or struct's) doc comment.

use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(status = 400)]
enum Documented {
    /// No user exists with this ID.
    OneLine,
    /// Rate limit exceeded.
    /// Retry after `retry_after_ms` milliseconds.
    TwoLines,
    #[doc = "   Leading and trailing spaces are trimmed.   "]
    Padded,
    /// First paragraph.
    ///
    /// Second paragraph,
    /// on two lines.
    Paragraphs,
    /**
     * A block comment.
     */
    Block,
    #[doc = "An explicit doc attribute."]
    Attribute,
    /// Unicode: „Zoë“ — 🦀.
    Unicode,
    Undocumented,
    #[allow(clippy::empty_docs)]
    ///
    EmptyDoc,
}

/// A forbidden action.
/// Check `missing_permission`.
#[derive(Debug, ApiError)]
#[api(code = "FORBIDDEN", status = 403)]
struct Forbidden;

#[derive(Debug, ApiError)]
#[api(status = 404)]
struct Bare;

#[test]
fn one_line() {
    assert_eq!(
        Documented::OneLine.doc(),
        Some("No user exists with this ID.")
    );
}

#[test]
fn lines_are_joined_with_a_space() {
    assert_eq!(
        Documented::TwoLines.doc(),
        Some("Rate limit exceeded. Retry after `retry_after_ms` milliseconds.")
    );
}

#[test]
fn lines_are_trimmed() {
    assert_eq!(
        Documented::Padded.doc(),
        Some("Leading and trailing spaces are trimmed.")
    );
}

#[test]
fn paragraphs_are_kept() {
    assert_eq!(
        Documented::Paragraphs.doc(),
        Some("First paragraph.\n\nSecond paragraph, on two lines.")
    );
}

#[test]
fn doc_attribute() {
    assert_eq!(
        Documented::Attribute.doc(),
        Some("An explicit doc attribute.")
    );
}

#[test]
fn block_comment_without_its_decoration() {
    // As rustdoc renders it: the leading `*` of each line is decoration.
    assert_eq!(Documented::Block.doc(), Some("A block comment."));
}

#[test]
fn unicode() {
    assert_eq!(Documented::Unicode.doc(), Some("Unicode: „Zoë“ — 🦀."));
}

#[test]
fn no_doc_comment_is_none() {
    assert_eq!(Documented::Undocumented.doc(), None);
    assert_eq!(Documented::EmptyDoc.doc(), None);
    assert_eq!(Bare.doc(), None);
}

#[test]
fn struct_doc_comment() {
    assert_eq!(
        Forbidden.doc(),
        Some("A forbidden action. Check `missing_permission`.")
    );
}

#[test]
fn description_is_not_the_message() {
    // The doc comment documents; the public message stays the reason phrase.
    assert_eq!(Documented::OneLine.message().to_string(), "Bad Request");
    let body = String::from_utf8(Documented::OneLine.to_response().into_body()).unwrap();
    assert!(!body.contains("No user exists"), "{body}");
}
