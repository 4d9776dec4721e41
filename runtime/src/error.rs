//! The `ApiError` trait.

use core::fmt;
use core::time::Duration;

use http::StatusCode;
use serde::Serialize;

use crate::catalog::Entry;
use crate::format::{Context, DocsUrl, Envelope, Format, NoneAs};
use crate::{Catalog, Code, Message};

/// An error that knows how it travels over HTTP: its code, status, public
/// message and extra envelope members.
///
/// Implement it with `#[derive(ApiError)]`; the provided methods render it.
///
/// ```
/// use errbook::ApiError;
///
/// #[derive(Debug, ApiError)]
/// #[api(prefix = "user:", rename_all = "snake_case")]
/// enum UserError {
///     /// No user exists with this ID.
///     #[api(status = 404, message = "User {id} not found.")]
///     NotFound { id: u64 },
/// }
///
/// let err = UserError::NotFound { id: 7 };
/// assert_eq!(err.code(), "user:not_found");
/// assert_eq!(err.status(), 404);
/// assert_eq!(err.message().to_string(), "User 7 not found.");
/// assert_eq!(err.doc(), Some("No user exists with this ID."));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an errbook error: it does not implement `ApiError`",
    label = "not an `ApiError`",
    note = "derive it: `#[derive(Debug, errbook::ApiError)]` on `{Self}`, with its codes and statuses in `#[api(…)]`"
)]
pub trait ApiError: fmt::Debug {
    /// The envelope [`to_response`](ApiError::to_response) and
    /// [`envelope`](ApiError::envelope) use: `#[api(format = …)]`, by default
    /// [`format::Nested`](crate::format::Nested).
    type Format: Format + Default;

    /// Every code of this type, the codes of `transparent` nested types
    /// included, in declaration order; see [`catalog`](crate::catalog).
    ///
    /// The derive writes it. A hand-written impl that leaves it out has an
    /// empty catalog, so its codes are neither documented nor checked for
    /// uniqueness.
    const CATALOG: &'static Catalog = &Catalog::EMPTY;

    /// The catalog of this type: [`CATALOG`](ApiError::CATALOG).
    fn catalog() -> &'static Catalog
    where
        Self: Sized,
    {
        Self::CATALOG
    }

    /// The catalog entry of this error's code: everything static about it
    /// (template, title, doc comment, exposed fields, …). `None` for an
    /// error that is in no catalog, such as an [`Unknown`](crate::Unknown)
    /// code a client decoded.
    fn entry(&self) -> Option<Entry> {
        defaults::entry(self)
    }

    /// The machine-readable code: by default the [`entry`](ApiError::entry)'s
    /// (the inner error's for a `transparent` variant), or the empty code
    /// for an error in no catalog. A hand-written impl writes it.
    fn code(&self) -> Code<'_> {
        defaults::code(self)
    }

    /// The HTTP status: by default the [`entry`](ApiError::entry)'s fixed
    /// status (the inner error's for a `transparent` variant), or 500. A
    /// hand-written impl writes it.
    fn status(&self) -> StatusCode {
        defaults::status(self)
    }

    /// Writes the public message (the `message` template with its fields
    /// interpolated) into `f`, without allocating.
    ///
    /// By default, the [`entry`](ApiError::entry)'s template with each
    /// placeholder written by [`fmt_arg`](ApiError::fmt_arg), or the
    /// status's reason phrase.
    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        defaults::fmt_message(self, f)
    }

    /// Writes the value of the message template's placeholder `slot` (see
    /// [`Part::Arg`](crate::catalog::Part::Arg)) with its format spec.
    ///
    /// A placeholder without a spec is the field's `Display` into `f` as
    /// given, so `f`'s flags apply to it; [`fmt_message`](ApiError::fmt_message)
    /// hands each placeholder a formatter of its own, without flags.
    fn fmt_arg(&self, slot: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        defaults::fmt_arg(self, slot, f)
    }

    /// Hands each extra envelope member (fields marked `#[api(field)]`) to
    /// `visitor`, in declaration order.
    fn visit_fields<V: FieldVisitor + ?Sized>(&self, visitor: &mut V) -> Result<(), V::Error> {
        let _ = visitor;
        Ok(())
    }

    /// How long the client should wait before retrying (`Retry-After`).
    fn retry_after(&self) -> Option<Duration> {
        defaults::retry_after(self)
    }

    /// The internal cause, never shown in a production body.
    fn source_error(&self) -> Option<&(dyn std::error::Error + 'static)> {
        defaults::source_error(self)
    }

    /// What this error means, from the variant's doc comment.
    fn doc(&self) -> Option<&'static str> {
        defaults::doc(self)
    }

    /// The problem type's title (`#[api(title = "…")]`), for
    /// [`Problem`](crate::format::Problem); `None` means the status's reason
    /// phrase.
    fn title(&self) -> Option<&'static str> {
        defaults::title(self)
    }

    /// The error domain (`#[api(domain = "…")]`), for
    /// [`Google`](crate::format::Google)'s `ErrorInfo.domain`.
    fn domain(&self) -> Option<&'static str> {
        defaults::domain(self)
    }

    /// Whether the error travels over HTTP. `false` for a type with
    /// `#[api(status = none)]` (protocol or federation codes), whose
    /// [`status`](ApiError::status) is 500 should it be rendered as a
    /// response anyway.
    fn has_status(&self) -> bool {
        defaults::has_status(self)
    }

    /// The documentation URL template (`#[api(docs = "https://…/{code}")]`).
    fn docs_template(&self) -> Option<&'static str> {
        defaults::docs_template(self)
    }

    /// The documentation URL of this error's code: the
    /// [`docs_template`](ApiError::docs_template) with `{code}` replaced,
    /// rendered on demand.
    fn docs_url(&self) -> Option<DocsUrl<'_>> {
        self.docs_template()
            .map(|template| DocsUrl::new(template, self.code()))
    }

    /// The [`Unknown`](crate::Unknown) this error is: an error a client
    /// decoded without knowing its code (an `#[api(other)]` variant, a
    /// `transparent` variant around one, or an `Unknown` itself). `None`
    /// for every error with a variant of its own.
    ///
    /// Rendered in the format it was read in, an unknown error is the body
    /// it was read from, member for member; the formats ask this to know.
    ///
    /// ```
    /// use errbook::{ApiError, Unknown};
    /// use errbook::http::{HeaderMap, StatusCode};
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api(parse)]
    /// enum ChatError {
    ///     #[api(code = "FORBIDDEN", status = 403, message = "No permission.")]
    ///     Forbidden,
    ///     #[api(other)]
    ///     Other(Unknown),
    /// }
    ///
    /// let body = br#"{"error":{"code":"NEW_IN_V3","message":"Something new."}}"#;
    /// let err = ChatError::from_parts(StatusCode::CONFLICT, &HeaderMap::new(), body).unwrap();
    /// assert_eq!(err.unknown().and_then(Unknown::json), Some(r#"{"error":{"code":"NEW_IN_V3","message":"Something new."}}"#));
    /// assert!(ChatError::Forbidden.unknown().is_none());
    /// ```
    fn unknown(&self) -> Option<&crate::Unknown> {
        defaults::unknown(self)
    }

    /// The error a `transparent` (or `other`) variant wraps, which the
    /// provided methods ask first. The derive writes it; `None` by
    /// default.
    #[doc(hidden)]
    fn __inner(&self) -> Option<defaults::Wrapped<'_>> {
        None
    }

    /// The public message, rendered on demand by its `Display`.
    fn message(&self) -> Message<'_, Self> {
        Message::new(self)
    }

    /// A [`Serialize`] view of the error in its type's default format, in
    /// production unless [`set_development_mode`](crate::set_development_mode)
    /// switched development on.
    fn envelope(&self) -> Envelope<'_, Self, Self::Format> {
        Envelope::new(self, Self::Format::default(), Context::current())
    }

    /// A [`Serialize`] view of the error in `format`.
    fn envelope_as<F: Format>(&self, format: F) -> Envelope<'_, Self, F> {
        Envelope::new(self, format, Context::current())
    }

    /// The HTTP response in the type's default format: status,
    /// `content-type`, `Retry-After` when known, and the JSON body.
    ///
    /// Inside a [`RequestContext`](crate::request::RequestContext) scope the
    /// body names the request's id, and development mode follows the
    /// context; see [`request`](crate::request).
    fn to_response(&self) -> http::Response<Vec<u8>> {
        self.to_response_as(Self::Format::default())
    }

    /// The HTTP response in `format`.
    fn to_response_as<F: Format>(&self, format: F) -> http::Response<Vec<u8>> {
        crate::request::with_current(|context| Envelope::new(self, format, context).to_response())
    }
}

/// What the provided methods of [`ApiError`] do; the derive calls them for
/// the variants it does not write an arm for.
#[doc(hidden)]
pub mod defaults {
    use core::fmt;

    use http::StatusCode;

    use core::time::Duration;

    use super::ApiError;
    use crate::Code;
    use crate::catalog::{Entry, Part, Status, Template};

    /// The methods of [`ApiError`] that need a value, callable on a
    /// `dyn` error: what a type with `transparent` variants hands its
    /// provided methods through [`ApiError::__inner`], so that the derive
    /// writes one `match` to the inner error instead of one per method.
    pub trait Inner {
        fn entry(&self) -> Option<Entry>;
        fn code(&self) -> Code<'_>;
        fn status(&self) -> StatusCode;
        fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
        fn fmt_arg(&self, slot: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result;
        fn retry_after(&self) -> Option<Duration>;
        fn source_error(&self) -> Option<&(dyn std::error::Error + 'static)>;
        fn doc(&self) -> Option<&'static str>;
        fn title(&self) -> Option<&'static str>;
        fn domain(&self) -> Option<&'static str>;
        fn docs_template(&self) -> Option<&'static str>;
        fn has_status(&self) -> bool;
        fn unknown(&self) -> Option<&crate::Unknown>;
    }

    impl<E: ApiError> Inner for E {
        fn entry(&self) -> Option<Entry> {
            ApiError::entry(self)
        }
        fn code(&self) -> Code<'_> {
            ApiError::code(self)
        }
        fn status(&self) -> StatusCode {
            ApiError::status(self)
        }
        fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            ApiError::fmt_message(self, f)
        }
        fn fmt_arg(&self, slot: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            ApiError::fmt_arg(self, slot, f)
        }
        fn retry_after(&self) -> Option<Duration> {
            ApiError::retry_after(self)
        }
        fn source_error(&self) -> Option<&(dyn std::error::Error + 'static)> {
            ApiError::source_error(self)
        }
        fn doc(&self) -> Option<&'static str> {
            ApiError::doc(self)
        }
        fn title(&self) -> Option<&'static str> {
            ApiError::title(self)
        }
        fn domain(&self) -> Option<&'static str> {
            ApiError::domain(self)
        }
        fn docs_template(&self) -> Option<&'static str> {
            ApiError::docs_template(self)
        }
        fn has_status(&self) -> bool {
            ApiError::has_status(self)
        }
        fn unknown(&self) -> Option<&crate::Unknown> {
            ApiError::unknown(self)
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
        fn entry(self) -> Option<Entry> {
            let entry = self.error.entry()?;
            Some(match self.renamed {
                Some(table) => table.renamed(entry).unwrap_or(entry),
                None => entry,
            })
        }

        /// The inner error's code, renamed.
        fn code(self) -> Code<'a> {
            let renamed = self
                .renamed
                .and_then(|table| table.renamed(self.error.entry()?));
            match renamed {
                Some(entry) => entry.code(),
                None => self.error.code(),
            }
        }
    }

    /// The inner error's entry; none for an error in no catalog.
    #[inline]
    pub fn entry<E: ApiError + ?Sized>(error: &E) -> Option<Entry> {
        error.__inner().and_then(Wrapped::entry)
    }

    /// The inner error's code, or the entry's; an error in no catalog has
    /// the empty code.
    #[inline]
    pub fn code<E: ApiError + ?Sized>(error: &E) -> Code<'_> {
        if let Some(inner) = error.__inner() {
            return inner.code();
        }
        error.entry().map_or(Code::Str(""), Entry::code)
    }

    /// The inner error's status, or the entry's fixed status; 500 for a
    /// code that never travels over HTTP or is in no catalog.
    #[inline]
    pub fn status<E: ApiError + ?Sized>(error: &E) -> StatusCode {
        if let Some(inner) = error.__inner() {
            return inner.error.status();
        }
        error
            .entry()
            .and_then(|entry| entry.status().http())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
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
        error.__inner().and_then(|inner| inner.error.retry_after())
    }

    /// The inner error's source; none otherwise.
    #[inline]
    pub fn source_error<E: ApiError + ?Sized>(
        error: &E,
    ) -> Option<&(dyn std::error::Error + 'static)> {
        error.__inner().and_then(|inner| inner.error.source_error())
    }

    /// The [`Unknown`](crate::Unknown) the inner error is; none otherwise.
    #[inline]
    pub fn unknown<E: ApiError + ?Sized>(error: &E) -> Option<&crate::Unknown> {
        error.__inner().and_then(|inner| inner.error.unknown())
    }

    /// The inner error's message, or the entry's template with its
    /// placeholders filled in, or the status's reason phrase.
    pub fn fmt_message<E: ApiError + ?Sized>(error: &E, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(inner) = error.__inner() {
            return inner.error.fmt_message(f);
        }
        match error.entry().and_then(Entry::template) {
            Some(template) => write_template(error, template, f),
            None => f.write_str(crate::__private::reason(error.status())),
        }
    }

    fn write_template<E: ApiError + ?Sized>(
        error: &E,
        template: Template,
        f: &mut fmt::Formatter<'_>,
    ) -> fmt::Result {
        for part in template.parts() {
            match part {
                Part::Text { text, .. } => f.write_str(text)?,
                // A fresh `{}`, so the caller's flags on the whole message
                // do not reach the field.
                Part::Arg { slot, .. } => write!(f, "{}", Slot { error, slot })?,
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

    /// The entry's doc comment.
    #[inline]
    pub fn doc<E: ApiError + ?Sized>(error: &E) -> Option<&'static str> {
        match error.__inner() {
            Some(inner) => inner.error.doc(),
            None => error.entry().and_then(Entry::description),
        }
    }

    /// The entry's problem title.
    #[inline]
    pub fn title<E: ApiError + ?Sized>(error: &E) -> Option<&'static str> {
        match error.__inner() {
            Some(inner) => inner.error.title(),
            None => error.entry().and_then(Entry::title),
        }
    }

    /// The declaring type's domain.
    #[inline]
    pub fn domain<E: ApiError + ?Sized>(error: &E) -> Option<&'static str> {
        match error.__inner() {
            Some(inner) => inner.error.domain(),
            None => error.entry().and_then(|entry| entry.catalog().domain()),
        }
    }

    /// The declaring type's documentation URL template.
    #[inline]
    pub fn docs_template<E: ApiError + ?Sized>(error: &E) -> Option<&'static str> {
        match error.__inner() {
            Some(inner) => inner.error.docs_template(),
            None => error.entry().and_then(|entry| entry.catalog().docs()),
        }
    }

    /// Whether the entry's code travels over HTTP.
    #[inline]
    pub fn has_status<E: ApiError + ?Sized>(error: &E) -> bool {
        match error.__inner() {
            Some(inner) => inner.error.has_status(),
            None => error
                .entry()
                .is_none_or(|entry| entry.status() != Status::None),
        }
    }
}

/// Receives an error's extra envelope members; see
/// [`ApiError::visit_fields`].
///
/// Formats implement it to write the members into their body; the
/// [`FieldVisitor`] for a closure-free collection is a two-method impl:
///
/// ```
/// use errbook::{ApiError, FieldVisitor};
///
/// struct Names(Vec<String>);
///
/// impl FieldVisitor for Names {
///     type Error = core::convert::Infallible;
///     fn visit<T: serde::Serialize + ?Sized>(&mut self, name: &str, _: &T) -> Result<(), Self::Error> {
///         self.0.push(name.to_owned());
///         Ok(())
///     }
/// }
///
/// #[derive(Debug, ApiError)]
/// #[api(code = "FORBIDDEN", status = 403)]
/// struct Forbidden {
///     #[api(field)]
///     missing_permission: String,
///     internal_note: String,
/// }
///
/// let mut names = Names(Vec::new());
/// let err = Forbidden { missing_permission: "manage_messages".into(), internal_note: "x".into() };
/// let Ok(()) = err.visit_fields(&mut names);
/// assert_eq!(names.0, ["missing_permission"]);
/// ```
pub trait FieldVisitor {
    /// What a failed visit returns.
    type Error;

    /// Receives one member.
    fn visit<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), Self::Error>;

    /// Receives an `Option` member that is `None`, with the field's own
    /// choice (`#[api(field, none = "omit" | "null")]`), if it made one.
    /// A format writes it as that choice says, or else as its
    /// [`Format::NONE`] says.
    ///
    /// By default: left out when the field says `omit`, otherwise
    /// [`visit`](FieldVisitor::visit)ed as `null`.
    fn visit_none(&mut self, name: &str, none: Option<NoneAs>) -> Result<(), Self::Error> {
        match none {
            Some(NoneAs::Omit) => Ok(()),
            Some(NoneAs::Null) | None => self.visit(name, &()),
        }
    }
}
