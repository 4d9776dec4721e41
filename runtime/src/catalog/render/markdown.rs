//! The catalog as a Markdown page: [`Markdown`], grouped as [`Layout`] says.

use core::fmt::{self, Write as _};

use crate::Code;
use crate::catalog::{Catalog, Entry, Status};
use crate::format::DocsUrl;

pub use super::title::section_title;

/// How a [`Markdown`] page groups the codes.
///
/// ```
/// use errbook::ApiError;
/// use errbook::catalog::render::{Layout, Markdown};
///
/// #[derive(Debug, ApiError)]
/// #[api(status = 404)]
/// enum PostError {
///     /// Post not found.
///     NotFound,
/// }
///
/// let page = Markdown::new(PostError::catalog(), Layout::ByStatus);
/// assert_eq!(page.layout(), Layout::ByStatus);
/// assert!(page.to_string().starts_with("### 404 Not Found\n"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layout {
    /// One section per HTTP status, in ascending order: a
    /// `| Code | Description |` table each. Codes whose status is chosen at
    /// run time follow under "Status chosen at run time", then codes that
    /// never travel over HTTP under "Codes without HTTP status".
    ByStatus,
    /// One section per error type, in declaration order, titled by
    /// [`section_title`] (the first sentence of the type's doc comment): a
    /// `| Code | HTTP Status | Description |` table each.
    ByDomain,
}

/// A catalog as a Markdown page; [`Display`](fmt::Display) writes it.
///
/// Each section is a heading (`###` for [`Layout::ByStatus`], `##` for
/// [`Layout::ByDomain`]; see [`heading_level`](Markdown::heading_level)), a
/// blank line and a table; sections are separated by a blank line, and a
/// catalog without codes renders as nothing.
///
/// The columns are `Code`, `HTTP Status` (by domain only) and
/// `Description`, then, when asked for, `Message`
/// ([`with_messages`](Markdown::with_messages)) and `Fields`
/// ([`with_fields`](Markdown::with_fields)). In the tables:
///
/// - the code is a code span (`` `user:not_found` ``) in both layouts, a
///   link to its page when the declaring type has
///   `#[api(docs = "…/{code}")]`;
/// - the description is the first paragraph of the variant's doc comment,
///   or its message template when it has none (and the page has no
///   `Message` column), followed by "(deprecated)" for a `#[deprecated]`
///   variant;
/// - `|` is escaped as `\|` and line breaks become spaces, so a cell never
///   breaks its row.
///
/// Several codes sharing a status are all listed, in declaration order:
/// nothing collapses.
///
/// ```
/// use errbook::ApiError;
/// use errbook::catalog::render::Markdown;
///
/// #[derive(Debug, ApiError)]
/// enum ChatError {
///     /// Insufficient permissions. Check `missing_permission`.
///     #[api(status = 403)]
///     Forbidden,
///     /// The user is banned | kicked.
///     #[api(status = 403)]
///     Banned,
///     /// Use `FORBIDDEN`.
///     #[deprecated]
///     #[api(status = 403)]
///     Denied,
/// }
///
/// assert_eq!(
///     format!("{}", Markdown::by_status(ChatError::catalog())),
///     concat!(
///         "### 403 Forbidden\n",
///         "\n",
///         "| Code | Description |\n",
///         "|---|---|\n",
///         "| `FORBIDDEN` | Insufficient permissions. Check `missing_permission`. |\n",
///         "| `BANNED` | The user is banned \\| kicked. |\n",
///         "| `DENIED` | Use `FORBIDDEN`. (deprecated) |\n",
///     ),
/// );
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Markdown<'a> {
    catalog: &'a Catalog,
    layout: Layout,
    level: u8,
    messages: bool,
    fields: bool,
}

impl<'a> Markdown<'a> {
    /// The page of `catalog` in `layout`, with that layout's default heading
    /// level (`###` by status, `##` by domain).
    ///
    /// ```
    /// use errbook::ApiError;
    /// use errbook::catalog::render::{Layout, Markdown};
    ///
    /// /// Post errors.
    /// #[derive(Debug, ApiError)]
    /// #[api(status = 404)]
    /// enum PostError {
    ///     /// Post not found.
    ///     NotFound,
    /// }
    ///
    /// let page = Markdown::new(PostError::catalog(), Layout::ByDomain).to_string();
    /// assert!(page.starts_with("## Post errors\n"));
    /// ```
    pub fn new(catalog: &'a Catalog, layout: Layout) -> Self {
        let level = match layout {
            Layout::ByStatus => 3,
            Layout::ByDomain => 2,
        };
        Markdown {
            catalog,
            layout,
            level,
            messages: false,
            fields: false,
        }
    }

    /// The page grouped by HTTP status ([`Layout::ByStatus`]), with `###`
    /// headings.
    ///
    /// ```
    /// use errbook::ApiError;
    /// use errbook::catalog::render::Markdown;
    ///
    /// #[derive(Debug, ApiError)]
    /// enum RoomError {
    ///     /// The voice room is full.
    ///     #[api(status = 503)]
    ///     RoomFull,
    ///     /// The room does not exist.
    ///     #[api(status = 404)]
    ///     RoomNotFound,
    /// }
    ///
    /// let page = Markdown::by_status(RoomError::catalog()).to_string();
    /// let headings: Vec<&str> = page.lines().filter(|l| l.starts_with('#')).collect();
    /// assert_eq!(headings, ["### 404 Not Found", "### 503 Service Unavailable"]);
    /// ```
    pub fn by_status(catalog: &'a Catalog) -> Self {
        Markdown::new(catalog, Layout::ByStatus)
    }

    /// The page grouped by error type ([`Layout::ByDomain`]), with `##`
    /// headings: one section per type, titled by the first sentence of its
    /// doc comment ([`section_title`]).
    ///
    /// ```
    /// use errbook::ApiError;
    /// use errbook::catalog::render::Markdown;
    ///
    /// /// Session errors. All of them answer 401, and the client signs in
    /// /// again.
    /// #[derive(Debug, ApiError)]
    /// #[api(prefix = "session:", rename_all = "snake_case", status = 401)]
    /// enum SessionError {
    ///     /// Session has expired (max lifetime)
    ///     Expired,
    /// }
    ///
    /// /// Every error of the API.
    /// #[derive(Debug, ApiError)]
    /// enum AppError {
    ///     #[api(transparent)]
    ///     Session(SessionError),
    /// }
    ///
    /// // `AppError` has no codes of its own: no section of its own.
    /// assert_eq!(
    ///     Markdown::by_domain(AppError::catalog()).to_string(),
    ///     concat!(
    ///         "## Session errors\n",
    ///         "\n",
    ///         "| Code | HTTP Status | Description |\n",
    ///         "|---|---|---|\n",
    ///         "| `session:expired` | 401 | Session has expired (max lifetime) |\n",
    ///     ),
    /// );
    /// ```
    pub fn by_domain(catalog: &'a Catalog) -> Self {
        Markdown::new(catalog, Layout::ByDomain)
    }

    /// Adds a `Message` column: the public message template as written
    /// (placeholders such as `{id}` included), or the status's reason
    /// phrase for a code without a template and with a fixed status (what
    /// its body says). The `Description` column then holds the doc comment
    /// alone, without falling back to the template.
    ///
    /// ```
    /// use errbook::ApiError;
    /// use errbook::catalog::render::Markdown;
    ///
    /// #[derive(Debug, ApiError)]
    /// enum UserError {
    ///     /// No user has this ID.
    ///     #[api(status = 404, message = "User {id} not found.")]
    ///     UserNotFound { id: u64 },
    ///     /// The account is locked.
    ///     #[api(status = 423)]
    ///     Locked,
    /// }
    ///
    /// assert_eq!(
    ///     Markdown::by_status(UserError::catalog()).with_messages().to_string(),
    ///     concat!(
    ///         "### 404 Not Found\n",
    ///         "\n",
    ///         "| Code | Description | Message |\n",
    ///         "|---|---|---|\n",
    ///         "| `USER_NOT_FOUND` | No user has this ID. | User {id} not found. |\n",
    ///         "\n",
    ///         "### 423 Locked\n",
    ///         "\n",
    ///         "| Code | Description | Message |\n",
    ///         "|---|---|---|\n",
    ///         "| `LOCKED` | The account is locked. | Locked |\n",
    ///     ),
    /// );
    /// ```
    #[must_use]
    pub const fn with_messages(mut self) -> Self {
        self.messages = true;
        self
    }

    /// Adds a `Fields` column: the members each code adds to its body
    /// (`#[api(field)]`), as code spans in declaration order, separated by
    /// commas; empty for a code without any.
    ///
    /// ```
    /// use errbook::ApiError;
    /// use errbook::catalog::render::Markdown;
    ///
    /// /// Rate limits.
    /// #[derive(Debug, ApiError)]
    /// enum LimitError {
    ///     /// Too many requests.
    ///     #[api(status = 429, message = "Slow down.")]
    ///     RateLimited {
    ///         #[api(field, retry_after = "ms")]
    ///         retry_after_ms: u64,
    ///         #[api(field = "scope")]
    ///         bucket: String,
    ///     },
    ///     /// The plan allows no more projects.
    ///     #[api(status = 403)]
    ///     QuotaReached,
    /// }
    ///
    /// let page = Markdown::by_domain(LimitError::catalog()).with_messages().with_fields();
    /// assert_eq!(
    ///     page.to_string(),
    ///     concat!(
    ///         "## Rate limits\n",
    ///         "\n",
    ///         "| Code | HTTP Status | Description | Message | Fields |\n",
    ///         "|---|---|---|---|---|\n",
    ///         "| `RATE_LIMITED` | 429 | Too many requests. | Slow down. | `retry_after_ms`, `scope` |\n",
    ///         "| `QUOTA_REACHED` | 403 | The plan allows no more projects. | Forbidden |  |\n",
    ///     ),
    /// );
    /// ```
    #[must_use]
    pub const fn with_fields(mut self) -> Self {
        self.fields = true;
        self
    }

    /// Sets the level of the section headings: `1` for `#` … `6` for
    /// `######`; a level outside `1..=6` is brought into it.
    ///
    /// ```
    /// use errbook::ApiError;
    /// use errbook::catalog::render::Markdown;
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api(status = 410)]
    /// enum InviteError {
    ///     /// This invite has expired.
    ///     InviteExpired,
    /// }
    ///
    /// let page = Markdown::by_status(InviteError::catalog()).heading_level(2).to_string();
    /// assert!(page.starts_with("## 410 Gone\n"));
    /// ```
    #[must_use]
    pub fn heading_level(mut self, level: u8) -> Self {
        self.level = level.clamp(1, 6);
        self
    }

    /// The layout of this page.
    ///
    /// ```
    /// use errbook::Catalog;
    /// use errbook::catalog::render::{Layout, Markdown};
    ///
    /// assert_eq!(Markdown::by_domain(&Catalog::EMPTY).layout(), Layout::ByDomain);
    /// ```
    pub fn layout(&self) -> Layout {
        self.layout
    }

    /// Whether the page has a `Message` column ([`with_messages`](Markdown::with_messages)).
    pub const fn has_messages(&self) -> bool {
        self.messages
    }

    /// Whether the page has a `Fields` column ([`with_fields`](Markdown::with_fields)).
    pub const fn has_fields(&self) -> bool {
        self.fields
    }

    fn write_heading(&self, f: &mut fmt::Formatter<'_>, first: &mut bool) -> fmt::Result {
        if !*first {
            f.write_char('\n')?;
        }
        *first = false;
        for _ in 0..self.level {
            f.write_char('#')?;
        }
        f.write_char(' ')
    }

    /// The header row and the delimiter row of a table, after the heading's
    /// text: `Code`, the status when `status`, `Description`, and the
    /// columns asked for.
    fn write_table_header(&self, f: &mut fmt::Formatter<'_>, status: bool) -> fmt::Result {
        f.write_str("\n\n| Code |")?;
        let mut columns = 2;
        if status {
            f.write_str(" HTTP Status |")?;
            columns += 1;
        }
        f.write_str(" Description |")?;
        if self.messages {
            f.write_str(" Message |")?;
            columns += 1;
        }
        if self.fields {
            f.write_str(" Fields |")?;
            columns += 1;
        }
        f.write_str("\n|")?;
        for _ in 0..columns {
            f.write_str("---|")?;
        }
        f.write_char('\n')
    }

    /// One row of a table: the code, the status when `status`, the
    /// description, and the columns asked for.
    fn write_row(
        &self,
        f: &mut fmt::Formatter<'_>,
        owner: &Catalog,
        entry: Entry,
        status: bool,
    ) -> fmt::Result {
        f.write_str("| ")?;
        write_code(f, owner, entry.code())?;
        if status {
            f.write_str(" | ")?;
            match entry.status() {
                Status::Fixed(status) => write!(f, "{status}")?,
                Status::Varies => f.write_str("varies")?,
                Status::None => f.write_str("—")?,
            }
        }
        f.write_str(" | ")?;
        write_description(f, entry, !self.messages)?;
        if self.messages {
            f.write_str(" | ")?;
            write_message(f, entry)?;
        }
        if self.fields {
            f.write_str(" | ")?;
            write_fields(f, entry)?;
        }
        f.write_str(" |\n")
    }

    fn fmt_by_status(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        // Ascending statuses, one pass per distinct status: no allocation.
        let mut previous: Option<u16> = None;
        while let Some(status) = self
            .catalog
            .iter()
            .filter_map(|entry| match entry.status() {
                Status::Fixed(status) if previous.is_none_or(|p| status > p) => Some(status),
                _ => None,
            })
            .min()
        {
            self.write_heading(f, &mut first)?;
            write!(f, "{status}")?;
            if let Some(reason) = http::StatusCode::from_u16(status)
                .ok()
                .and_then(|s| s.canonical_reason())
            {
                write!(f, " {reason}")?;
            }
            self.write_status_table(f, Status::Fixed(status))?;
            previous = Some(status);
        }
        for (status, title) in [
            (Status::Varies, "Status chosen at run time"),
            (Status::None, "Codes without HTTP status"),
        ] {
            if self.catalog.iter().any(|entry| entry.status() == status) {
                self.write_heading(f, &mut first)?;
                f.write_str(title)?;
                self.write_status_table(f, status)?;
            }
        }
        Ok(())
    }

    fn write_status_table(&self, f: &mut fmt::Formatter<'_>, status: Status) -> fmt::Result {
        self.write_table_header(f, false)?;
        for (owner, entry) in self.catalog.entries() {
            if entry.status() == status {
                self.write_row(f, owner, entry, false)?;
            }
        }
        Ok(())
    }

    fn fmt_by_domain(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        let mut previous: Option<&Catalog> = None;
        for (index, (owner, _)) in self.catalog.entries().enumerate() {
            // A section starts at the first code of its title; the codes of
            // a run of one type are all in the section of the run's first.
            let seen = previous.is_some_and(|p| same_section(p, owner))
                || self
                    .catalog
                    .entries()
                    .take(index)
                    .any(|(other, _)| same_section(other, owner));
            previous = Some(owner);
            if seen {
                continue;
            }
            self.write_heading(f, &mut first)?;
            write_words(f, section_title(owner))?;
            self.write_table_header(f, true)?;
            for (other, entry) in self.catalog.entries().skip(index) {
                if same_section(other, owner) {
                    self.write_row(f, other, entry, true)?;
                }
            }
        }
        Ok(())
    }
}

impl fmt::Display for Markdown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.layout {
            Layout::ByStatus => self.fmt_by_status(f),
            Layout::ByDomain => self.fmt_by_domain(f),
        }
    }
}

/// Whether the codes of `a` and `b` go in one [`Layout::ByDomain`] section.
fn same_section(a: &Catalog, b: &Catalog) -> bool {
    core::ptr::eq(a, b) || section_title(a) == section_title(b)
}

/// The first paragraph of an entry's doc comment, else (when `template`)
/// its message template, else nothing.
fn summary(entry: Entry, template: bool) -> &'static str {
    let doc = entry
        .description()
        .map(|doc| doc.split("\n\n").next().unwrap_or(doc).trim())
        .filter(|text| !text.is_empty());
    match doc {
        Some(doc) => doc,
        None if template => entry.message().map_or("", str::trim),
        None => "",
    }
}

fn write_description(f: &mut fmt::Formatter<'_>, entry: Entry, template: bool) -> fmt::Result {
    let text = summary(entry, template);
    Cell(f).write_str(text)?;
    if entry.deprecated() {
        if !text.is_empty() {
            f.write_char(' ')?;
        }
        f.write_str("(deprecated)")?;
    }
    Ok(())
}

/// The message cell: the template as written, or the reason phrase of a
/// fixed status.
fn write_message(f: &mut fmt::Formatter<'_>, entry: Entry) -> fmt::Result {
    if let Some(template) = entry.message() {
        return Cell(f).write_str(template.trim());
    }
    let reason = entry
        .status()
        .http()
        .and_then(|status| status.canonical_reason());
    match (entry.status(), reason) {
        (Status::Fixed(_), Some(reason)) => f.write_str(reason),
        _ => Ok(()),
    }
}

/// The fields cell: each exposed member as a code span, comma-separated.
fn write_fields(f: &mut fmt::Formatter<'_>, entry: Entry) -> fmt::Result {
    for (index, field) in entry.fields().iter().enumerate() {
        if index > 0 {
            f.write_str(", ")?;
        }
        write_code_span(f, field.name())?;
    }
    Ok(())
}

/// Writes a heading's text on one line: every run of whitespace, line
/// breaks included, as one space.
fn write_words(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    for (index, word) in text.split_whitespace().enumerate() {
        if index > 0 {
            f.write_char(' ')?;
        }
        f.write_str(word)?;
    }
    Ok(())
}

/// The code as a code span, linked to its page when `owner` has `docs`.
fn write_code(f: &mut fmt::Formatter<'_>, owner: &Catalog, code: Code<'_>) -> fmt::Result {
    let write = |f: &mut fmt::Formatter<'_>| match code {
        Code::Str(text) => write_code_span(f, text),
        Code::Int(number) => write!(f, "`{number}`"),
    };
    let Some(docs) = owner.docs else {
        return write(f);
    };
    f.write_char('[')?;
    write(f)?;
    f.write_str("](")?;
    write!(Url(f), "{}", DocsUrl::new(docs, code))?;
    f.write_char(')')
}

/// A code span that holds any text: the fence is longer than the longest
/// run of backticks in the text, and padded with spaces when the text
/// starts or ends with one.
fn write_code_span(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    let mut longest = 0_usize;
    let mut run = 0_usize;
    for c in text.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let pad = text.starts_with('`') || text.ends_with('`');
    for _ in 0..=longest {
        f.write_char('`')?;
    }
    if pad {
        f.write_char(' ')?;
    }
    Cell(f).write_str(text)?;
    if pad {
        f.write_char(' ')?;
    }
    for _ in 0..=longest {
        f.write_char('`')?;
    }
    Ok(())
}

/// Writes the text of a table cell: `|` escaped, line breaks as spaces.
struct Cell<'f, 'a>(&'f mut fmt::Formatter<'a>);

impl fmt::Write for Cell<'_, '_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let mut rest = text;
        while let Some(at) = rest.find(['|', '\n', '\r']) {
            let (before, after) = rest.split_at(at);
            self.0.write_str(before)?;
            let mut chars = after.chars();
            match chars.next() {
                Some('|') => self.0.write_str("\\|")?,
                _ => self.0.write_char(' ')?,
            }
            rest = chars.as_str();
        }
        self.0.write_str(rest)
    }
}

/// Writes a link destination inside a table cell: the characters that would
/// end it or the row backslash-escaped, spaces percent-encoded.
struct Url<'f, 'a>(&'f mut fmt::Formatter<'a>);

impl fmt::Write for Url<'_, '_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        for c in text.chars() {
            match c {
                '(' | ')' | '<' | '>' | '|' | '\\' => {
                    self.0.write_char('\\')?;
                    self.0.write_char(c)?;
                }
                ' ' => self.0.write_str("%20")?,
                '\n' | '\r' => {}
                c => self.0.write_char(c)?,
            }
        }
        Ok(())
    }
}
