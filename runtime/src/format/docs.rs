use core::fmt;

use serde::{Serialize, Serializer};

use crate::Code;

/// A code's documentation URL: a `docs = "https://…/{code}"` template with
/// every `{code}` replaced, rendered on demand.
///
/// ```
/// use errbook::{Code, DocsUrl};
///
/// let url = DocsUrl::new("https://example.com/errors/{code}", Code::Str("user:not_found"));
/// assert_eq!(url.to_string(), "https://example.com/errors/user:not_found");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocsUrl<'a> {
    template: &'static str,
    code: Code<'a>,
}

impl<'a> DocsUrl<'a> {
    /// `template` with `{code}` standing for `code`.
    pub fn new(template: &'static str, code: Code<'a>) -> Self {
        DocsUrl { template, code }
    }
}

impl fmt::Display for DocsUrl<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.template;
        while let Some(at) = rest.find("{code}") {
            f.write_str(&rest[..at])?;
            fmt::Display::fmt(&self.code, f)?;
            rest = &rest[at + "{code}".len()..];
        }
        f.write_str(rest)
    }
}

impl Serialize for DocsUrl<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
