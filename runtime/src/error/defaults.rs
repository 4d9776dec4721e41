//! What the provided methods of [`ApiError`] do; the derive calls them for
//! the variants it does not write an arm for.
//!
//! A provided method asks [`ApiError::__inner`] first (through
//! [`Wrapped`]), then the entry; the work is in non-generic helpers
//! (`entry_*`, [`write_message`]), compiled once, so that what each error
//! type compiles is one small body per method.

use core::fmt;

use http::StatusCode;

use core::time::Duration;

use super::ApiError;
use crate::Code;
use crate::catalog::{Entry, Part, Status};
use crate::erased;

/// The methods of [`ApiError`] that need a value, callable on a
/// `dyn` error: what a type with `transparent` variants hands its
/// provided methods through [`ApiError::__inner`], so that the derive
/// writes one `match` to the inner error instead of one per method, and
/// what [`ApiError::to_response`] renders.
///
/// The methods without arguments are one slot, [`ask`](Inner::ask), read
/// through the inherent methods of `dyn Inner` (`entry`, `status`, …):
/// one function per error type where one per method and type was a
/// function each to compile, for the same call and one `match`.
pub trait Inner: fmt::Debug {
    fn ask(&self, what: Ask) -> Answer<'_>;
    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
    fn fmt_arg(&self, slot: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result;
    fn visit_erased(&self, visitor: &mut dyn erased::Visitor) -> Result<(), erased::Stop>;
}

/// [`ApiError::__WRITTEN`]'s bit for `status`.
pub const WRITES_STATUS: u8 = 1;
/// [`ApiError::__WRITTEN`]'s bit for `retry_after`.
pub const WRITES_RETRY_AFTER: u8 = 2;
/// [`ApiError::__WRITTEN`]'s bit for `source_error`.
pub const WRITES_SOURCE: u8 = 4;
/// [`ApiError::__WRITTEN`]'s bit for `violations`.
pub const WRITES_VIOLATIONS: u8 = 8;
/// [`ApiError::__WRITTEN`]'s bit for a derived type's provided methods.
pub const DERIVED: u8 = 16;
/// [`ApiError::__WRITTEN`]'s bit for `visit_fields`.
pub const WRITES_FIELDS: u8 = 32;
/// [`ApiError::__WRITTEN`]'s bit for `fmt_arg`.
pub const WRITES_FMT_ARG: u8 = 64;
/// [`ApiError::__WRITTEN`]'s default: every method asked.
pub const WRITES_ALL: u8 = WRITES_STATUS
    | WRITES_RETRY_AFTER
    | WRITES_SOURCE
    | WRITES_VIOLATIONS
    | WRITES_FIELDS
    | WRITES_FMT_ARG;

/// Which of [`ApiError`]'s methods without arguments [`Inner::ask`] calls.
#[derive(Clone, Copy, Debug)]
pub enum Ask {
    Entry,
    Statics,
    Status,
    RetryAfter,
    Source,
    Unknown,
    Violations,
    Inner,
}

/// What [`Inner::ask`] answers: the method's value, in the variant of the
/// [`Ask`] it was asked.
pub enum Answer<'a> {
    Entry(Option<Entry>),
    Statics(Statics<'a>),
    Status(StatusCode),
    RetryAfter(Option<Duration>),
    Source(Option<&'a (dyn std::error::Error + 'static)>),
    Unknown(Option<&'a crate::Unknown>),
    Violations(Option<&'a crate::Violations>),
    Inner(Option<Wrapped<'a>>),
}

impl<E: ApiError> Inner for E {
    fn ask(&self, what: Ask) -> Answer<'_> {
        match what {
            Ask::Entry => Answer::Entry(ApiError::entry(self)),
            // A derived type's are read from its entry, in non-generic
            // code, without compiling `__statics` for the type.
            Ask::Statics if E::__ENTRY_STATICS => {
                Answer::Statics(statics(ApiError::__inner(self), ApiError::entry(self)))
            }
            Ask::Statics => Answer::Statics(ApiError::__statics(self)),
            // The provided answers of the methods the type does not write
            // (the `if`s are settled per type).
            Ask::Status if !E::__WRITES_STATUS => Answer::Status(match ApiError::__inner(self) {
                Some(inner) => inner.status(),
                None => entry_status(ApiError::entry(self)),
            }),
            Ask::Status => Answer::Status(ApiError::status(self)),
            Ask::RetryAfter if !E::__WRITES_RETRY_AFTER => {
                Answer::RetryAfter(ApiError::__inner(self).and_then(Wrapped::retry_after))
            }
            Ask::RetryAfter => Answer::RetryAfter(ApiError::retry_after(self)),
            Ask::Source if !E::__WRITES_SOURCE => {
                Answer::Source(ApiError::__inner(self).and_then(Wrapped::source_error))
            }
            Ask::Source => Answer::Source(ApiError::source_error(self)),
            // The derive never writes `unknown`: the provided one's answer,
            // without compiling it for the type.
            Ask::Unknown if E::__ENTRY_STATICS => {
                Answer::Unknown(ApiError::__inner(self).and_then(Wrapped::unknown))
            }
            Ask::Unknown => Answer::Unknown(ApiError::unknown(self)),
            Ask::Violations if !E::__WRITES_VIOLATIONS => {
                Answer::Violations(ApiError::__inner(self).and_then(Wrapped::violations))
            }
            Ask::Violations => Answer::Violations(ApiError::violations(self)),
            Ask::Inner => Answer::Inner(ApiError::__inner(self)),
        }
    }
    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A derived type's message is the provided one: written here, in
        // non-generic code, without compiling `fmt_message` and a `dyn Arg`
        // table for the type (the `if` is settled per type).
        if E::__ENTRY_STATICS {
            return message_of(self, f);
        }
        ApiError::fmt_message(self, f)
    }
    fn fmt_arg(&self, slot: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !E::__WRITES_FMT_ARG {
            return match ApiError::__inner(self) {
                Some(inner) => inner.fmt_arg(slot, f),
                None => Ok(()),
            };
        }
        ApiError::fmt_arg(self, slot, f)
    }
    fn visit_erased(&self, visitor: &mut dyn erased::Visitor) -> Result<(), erased::Stop> {
        // The provided `visit_fields` visits nothing.
        if !E::__WRITES_FIELDS {
            return Ok(());
        }
        ApiError::__visit_erased(self, visitor)
    }
}

// `ask`'s answers, one method each. An answer of another variant than the
// one asked cannot happen (the blanket impl is the only impl); it reads as
// the method's default.
/// The provided [`ApiError::fmt_message`] of `error`: its inner error's
/// message, or its entry's template filled in.
fn message_of(error: &dyn Inner, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match error.inner() {
        Some(inner) => inner.fmt_message(f),
        None => write_message(error.entry(), &DynArgs(error), f),
    }
}

/// A `dyn Inner`'s placeholders and status for [`write_message`]: one
/// table for every type, where [`Args`] is one per type.
struct DynArgs<'a>(&'a dyn Inner);

impl Arg for DynArgs<'_> {
    fn fmt_arg(&self, slot: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_arg(slot, f)
    }
    fn status(&self) -> StatusCode {
        self.0.status()
    }
}

impl dyn Inner + '_ {
    /// The error a delegating variant wraps.
    pub fn inner(&self) -> Option<Wrapped<'_>> {
        match self.ask(Ask::Inner) {
            Answer::Inner(inner) => inner,
            _ => None,
        }
    }
    pub fn entry(&self) -> Option<Entry> {
        match self.ask(Ask::Entry) {
            Answer::Entry(entry) => entry,
            _ => None,
        }
    }
    pub fn statics(&self) -> Statics<'_> {
        match self.ask(Ask::Statics) {
            Answer::Statics(statics) => statics,
            _ => Statics::of(None),
        }
    }
    pub fn status(&self) -> StatusCode {
        match self.ask(Ask::Status) {
            Answer::Status(status) => status,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
    pub fn retry_after(&self) -> Option<Duration> {
        match self.ask(Ask::RetryAfter) {
            Answer::RetryAfter(delay) => delay,
            _ => None,
        }
    }
    pub fn source_error(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self.ask(Ask::Source) {
            Answer::Source(source) => source,
            _ => None,
        }
    }
    pub fn unknown(&self) -> Option<&crate::Unknown> {
        match self.ask(Ask::Unknown) {
            Answer::Unknown(unknown) => unknown,
            _ => None,
        }
    }
    pub fn violations(&self) -> Option<&crate::Violations> {
        match self.ask(Ask::Violations) {
            Answer::Violations(violations) => violations,
            _ => None,
        }
    }
}

/// What an error says of its code that is the same for every value of its
/// variant (an [`Unknown`](crate::Unknown)'s code aside): read through one
/// method of the `dyn` table, [`ApiError::__statics`], where one per datum
/// made each error type compile six methods and their shims. A derived
/// type reads them all from its entry ([`statics`]); a hand-written impl
/// gets its own methods' answers.
#[derive(Clone, Copy, Debug)]
pub struct Statics<'a> {
    pub code: Code<'a>,
    pub doc: Option<&'static str>,
    pub title: Option<&'static str>,
    pub domain: Option<&'static str>,
    pub docs_template: Option<&'static str>,
    pub has_status: bool,
}

impl Statics<'static> {
    /// What `entry` says; the defaults for an error in no catalog.
    pub fn of(entry: Option<Entry>) -> Self {
        Statics {
            code: entry_code(entry),
            doc: entry_doc(entry),
            title: entry_title(entry),
            domain: entry_domain(entry),
            docs_template: entry_docs(entry),
            has_status: entry_has_status(entry),
        }
    }
}

/// A derived type's [`Statics`]: the inner error's for a delegating
/// variant, its entry's otherwise.
pub fn statics(inner: Option<Wrapped<'_>>, entry: Option<Entry>) -> Statics<'_> {
    match inner {
        Some(inner) => inner.statics(),
        None => Statics::of(entry),
    }
}

/// The error a delegating variant wraps, and the renamed codes of a
/// `transparent` variant with `prefix`, `rename_all` or `codes`.
#[derive(Clone, Copy)]
pub struct Wrapped<'a> {
    error: &'a dyn Inner,
    renamed: Option<&'static crate::catalog::Table>,
}

impl<'a> Wrapped<'a> {
    /// The inner error as it is.
    #[inline]
    pub fn new(error: &'a dyn Inner) -> Self {
        Wrapped {
            error,
            renamed: None,
        }
    }

    /// The inner error, its codes those of `table`.
    #[inline]
    pub fn renamed(error: &'a dyn Inner, table: &'static crate::catalog::Table) -> Self {
        Wrapped {
            error,
            renamed: Some(table),
        }
    }

    /// The inner error's entry, renamed.
    pub fn entry(self) -> Option<Entry> {
        let entry = self.error.entry()?;
        Some(match self.renamed {
            Some(table) => table.renamed(entry).unwrap_or(entry),
            None => entry,
        })
    }

    /// The inner error's code, renamed.
    pub fn code(self) -> Code<'a> {
        self.statics().code
    }

    /// What the inner error says of its code, the code renamed.
    pub fn statics(self) -> Statics<'a> {
        let mut statics = self.error.statics();
        if let Some(entry) = self
            .renamed
            .and_then(|table| table.renamed(self.error.entry()?))
        {
            statics.code = entry.code();
        }
        statics
    }

    /// The inner error's status.
    #[inline]
    pub fn status(self) -> StatusCode {
        self.error.status()
    }

    /// The inner error's message.
    #[inline]
    pub fn fmt_message(self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt_message(f)
    }

    /// The inner error's placeholder.
    #[inline]
    pub fn fmt_arg(self, slot: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt_arg(slot, f)
    }

    /// The inner error's delay.
    #[inline]
    pub fn retry_after(self) -> Option<Duration> {
        self.error.retry_after()
    }

    /// The inner error's source.
    #[inline]
    pub fn source_error(self) -> Option<&'a (dyn std::error::Error + 'static)> {
        self.error.source_error()
    }

    /// The inner error's doc comment.
    #[inline]
    pub fn doc(self) -> Option<&'static str> {
        self.error.statics().doc
    }

    /// The inner error's problem title.
    #[inline]
    pub fn title(self) -> Option<&'static str> {
        self.error.statics().title
    }

    /// The inner error's domain.
    #[inline]
    pub fn domain(self) -> Option<&'static str> {
        self.error.statics().domain
    }

    /// The inner error's documentation URL template.
    #[inline]
    pub fn docs_template(self) -> Option<&'static str> {
        self.error.statics().docs_template
    }

    /// Whether the inner error travels over HTTP.
    #[inline]
    pub fn has_status(self) -> bool {
        self.error.statics().has_status
    }

    /// The [`Unknown`](crate::Unknown) the inner error is.
    #[inline]
    pub fn unknown(self) -> Option<&'a crate::Unknown> {
        self.error.unknown()
    }

    /// The inner error's violations.
    #[inline]
    pub fn violations(self) -> Option<&'a crate::Violations> {
        self.error.violations()
    }
}

/// The inner error's violations; none otherwise.
#[inline]
pub fn violations<E: ApiError + ?Sized>(error: &E) -> Option<&crate::Violations> {
    match error.__inner() {
        Some(inner) => inner.error.violations(),
        None => None,
    }
}

/// The inner error's entry; none for an error in no catalog.
#[inline]
pub fn entry<E: ApiError + ?Sized>(error: &E) -> Option<Entry> {
    match error.__inner() {
        Some(inner) => inner.entry(),
        None => None,
    }
}

pub fn entry_code(entry: Option<Entry>) -> Code<'static> {
    match entry {
        Some(entry) => entry.code(),
        None => Code::Str(""),
    }
}

/// The inner error's status, or the entry's fixed status; 500 for a
/// code that never travels over HTTP or is in no catalog.
#[inline]
pub fn status<E: ApiError + ?Sized>(error: &E) -> StatusCode {
    match error.__inner() {
        Some(inner) => inner.error.status(),
        None => entry_status(error.entry()),
    }
}

pub fn entry_status(entry: Option<Entry>) -> StatusCode {
    match entry.and_then(|entry| entry.status().http()) {
        Some(status) => status,
        None => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The inner error's placeholder; nothing otherwise.
#[inline]
pub fn fmt_arg<E: ApiError + ?Sized>(
    error: &E,
    slot: usize,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    match error.__inner() {
        Some(inner) => inner.error.fmt_arg(slot, f),
        None => Ok(()),
    }
}

/// The inner error's delay; none otherwise.
#[inline]
pub fn retry_after<E: ApiError + ?Sized>(error: &E) -> Option<Duration> {
    match error.__inner() {
        Some(inner) => inner.error.retry_after(),
        None => None,
    }
}

/// The inner error's source; none otherwise.
#[inline]
pub fn source_error<E: ApiError + ?Sized>(error: &E) -> Option<&(dyn std::error::Error + 'static)> {
    match error.__inner() {
        Some(inner) => inner.error.source_error(),
        None => None,
    }
}

/// A value's placeholders, behind a `&dyn`.
pub trait Arg {
    fn fmt_arg(&self, slot: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result;
    fn status(&self) -> StatusCode;
}

pub struct Args<'a, E: ?Sized>(pub &'a E);

impl<E: ApiError + ?Sized> Arg for Args<'_, E> {
    fn fmt_arg(&self, slot: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_arg(slot, f)
    }
    fn status(&self) -> StatusCode {
        self.0.status()
    }
}

/// The entry's template with its placeholders filled in, or the
/// status's reason phrase.
pub fn write_message(
    entry: Option<Entry>,
    args: &dyn Arg,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    let Some(template) = entry.and_then(Entry::template) else {
        return f.write_str(crate::__private::reason(args.status()));
    };
    for part in template.parts() {
        match part {
            Part::Text { text, .. } => f.write_str(text)?,
            // A fresh `{}`, so the caller's flags on the whole message
            // do not reach the field.
            Part::Arg { slot, .. } => write!(f, "{}", Slot { error: args, slot })?,
        }
    }
    Ok(())
}

/// One placeholder's value, by its slot.
pub(crate) struct Slot<'a, E: ?Sized> {
    pub(crate) error: &'a E,
    pub(crate) slot: usize,
}

impl<E: ApiError + ?Sized> fmt::Display for Slot<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt_arg(self.slot, f)
    }
}

impl fmt::Display for Slot<'_, dyn Arg + '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt_arg(self.slot, f)
    }
}

pub fn entry_doc(entry: Option<Entry>) -> Option<&'static str> {
    entry?.description()
}

pub fn entry_title(entry: Option<Entry>) -> Option<&'static str> {
    entry?.title()
}

pub fn entry_domain(entry: Option<Entry>) -> Option<&'static str> {
    entry?.catalog().domain()
}

pub fn entry_docs(entry: Option<Entry>) -> Option<&'static str> {
    entry?.catalog().docs()
}

pub fn entry_has_status(entry: Option<Entry>) -> bool {
    match entry {
        Some(entry) => entry.status() != Status::None,
        None => true,
    }
}
