//! The `ApiError` trait.

use core::fmt;
use core::time::Duration;

use http::StatusCode;
use serde::Serialize;

use crate::catalog::Entry;
use crate::erased::{self, DynError};
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
    /// The derive gives it. A hand-written impl that leaves it out has an
    /// empty catalog, so its codes are neither documented nor checked for
    /// uniqueness.
    const CATALOG: &'static Catalog = &Self::__CATALOG;

    /// The catalog [`CATALOG`](ApiError::CATALOG) borrows by default, which
    /// the derive writes by value: the borrow is made here, once, where a
    /// borrow in each impl cost every derived type a check of its own.
    #[doc(hidden)]
    const __CATALOG: Catalog = Catalog::EMPTY;

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
        match self.__inner() {
            Some(inner) => inner.entry(),
            None => None,
        }
    }

    /// The machine-readable code: by default the [`entry`](ApiError::entry)'s
    /// (the inner error's for a `transparent` variant), or the empty code
    /// for an error in no catalog. A hand-written impl writes it.
    fn code(&self) -> Code<'_> {
        match self.__inner() {
            Some(inner) => inner.code(),
            None => defaults::entry_code(self.entry()),
        }
    }

    /// The HTTP status: by default the [`entry`](ApiError::entry)'s fixed
    /// status (the inner error's for a `transparent` variant), or 500. A
    /// hand-written impl writes it.
    fn status(&self) -> StatusCode {
        match self.__inner() {
            Some(inner) => inner.status(),
            None => defaults::entry_status(self.entry()),
        }
    }

    /// Writes the public message (the `message` template with its fields
    /// interpolated) into `f`, without allocating.
    ///
    /// By default, the [`entry`](ApiError::entry)'s template with each
    /// placeholder written by [`fmt_arg`](ApiError::fmt_arg), or the
    /// status's reason phrase.
    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.__inner() {
            Some(inner) => inner.fmt_message(f),
            None => defaults::write_message(self.entry(), &defaults::Args(self), f),
        }
    }

    /// Writes the value of the message template's placeholder `slot` (see
    /// [`Part::Arg`](crate::catalog::Part::Arg)) with its format spec.
    ///
    /// A placeholder without a spec is the field's `Display` into `f` as
    /// given, so `f`'s flags apply to it; [`fmt_message`](ApiError::fmt_message)
    /// hands each placeholder a formatter of its own, without flags.
    fn fmt_arg(&self, slot: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.__inner() {
            Some(inner) => inner.fmt_arg(slot, f),
            None => Ok(()),
        }
    }

    /// Hands each extra envelope member (fields marked `#[api(field)]`) to
    /// `visitor`, in declaration order.
    fn visit_fields<V: FieldVisitor + ?Sized>(&self, visitor: &mut V) -> Result<(), V::Error> {
        let _ = visitor;
        Ok(())
    }

    /// How long the client should wait before retrying (`Retry-After`).
    fn retry_after(&self) -> Option<Duration> {
        match self.__inner() {
            Some(inner) => inner.retry_after(),
            None => None,
        }
    }

    /// The internal cause, never shown in a production body.
    fn source_error(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self.__inner() {
            Some(inner) => inner.source_error(),
            None => None,
        }
    }

    /// What this error means, from the variant's doc comment.
    fn doc(&self) -> Option<&'static str> {
        match self.__inner() {
            Some(inner) => inner.doc(),
            None => defaults::entry_doc(self.entry()),
        }
    }

    /// The problem type's title (`#[api(title = "…")]`), for
    /// [`Problem`](crate::format::Problem); `None` means the status's reason
    /// phrase.
    fn title(&self) -> Option<&'static str> {
        match self.__inner() {
            Some(inner) => inner.title(),
            None => defaults::entry_title(self.entry()),
        }
    }

    /// The error domain (`#[api(domain = "…")]`), for
    /// [`Google`](crate::format::Google)'s `ErrorInfo.domain`.
    fn domain(&self) -> Option<&'static str> {
        match self.__inner() {
            Some(inner) => inner.domain(),
            None => defaults::entry_domain(self.entry()),
        }
    }

    /// Whether the error travels over HTTP. `false` for a type with
    /// `#[api(status = none)]` (protocol or federation codes), whose
    /// [`status`](ApiError::status) is 500 should it be rendered as a
    /// response anyway.
    fn has_status(&self) -> bool {
        match self.__inner() {
            Some(inner) => inner.has_status(),
            None => defaults::entry_has_status(self.entry()),
        }
    }

    /// The documentation URL template (`#[api(docs = "https://…/{code}")]`).
    fn docs_template(&self) -> Option<&'static str> {
        match self.__inner() {
            Some(inner) => inner.docs_template(),
            None => defaults::entry_docs(self.entry()),
        }
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
        match self.__inner() {
            Some(inner) => inner.unknown(),
            None => None,
        }
    }

    /// What was wrong with the request, field by field: the
    /// `#[api(violations)]` field of the variant (the inner error's for a
    /// `transparent` variant); `None` for a variant without one. Every
    /// built-in format writes it; a format of your own reads it here.
    ///
    /// ```
    /// use errbook::{ApiError, Violations, violations::Pointer};
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api(code = "INVALID", status = 422, message = "Your request is not valid.")]
    /// struct Invalid {
    ///     #[api(violations)]
    ///     violations: Violations,
    /// }
    ///
    /// let err = Invalid { violations: Violations::new().body(Pointer::root().field("age"), "positive", "must be positive") };
    /// assert_eq!(err.violations().map(Violations::len), Some(1));
    /// assert!(err.entry().unwrap().has_violations());
    /// ```
    fn violations(&self) -> Option<&crate::Violations> {
        match self.__inner() {
            Some(inner) => inner.violations(),
            None => None,
        }
    }

    /// What this error says of its code, at once: [`code`](ApiError::code),
    /// [`doc`](ApiError::doc), [`title`](ApiError::title),
    /// [`domain`](ApiError::domain), [`docs_template`](ApiError::docs_template)
    /// and [`has_status`](ApiError::has_status): those methods' answers.
    /// A response asks a derived type's ([`__WRITTEN`](ApiError::__WRITTEN))
    /// from its entry instead, in non-generic code, without compiling this
    /// method or the six for the type.
    #[doc(hidden)]
    fn __statics(&self) -> defaults::Statics<'_> {
        defaults::Statics {
            code: self.code(),
            doc: self.doc(),
            title: self.title(),
            domain: self.domain(),
            docs_template: self.docs_template(),
            has_status: self.has_status(),
        }
    }

    /// What the derive wrote, as the bits of `defaults::WRITES_*`: which
    /// of [`status`](ApiError::status),
    /// [`retry_after`](ApiError::retry_after),
    /// [`source_error`](ApiError::source_error),
    /// [`violations`](ApiError::violations),
    /// [`visit_fields`](ApiError::visit_fields) and
    /// [`fmt_arg`](ApiError::fmt_arg) the impl writes, and
    /// `DERIVED`: [`code`](ApiError::code), [`doc`](ApiError::doc),
    /// [`title`](ApiError::title), [`domain`](ApiError::domain),
    /// [`docs_template`](ApiError::docs_template),
    /// [`has_status`](ApiError::has_status), [`unknown`](ApiError::unknown)
    /// and [`fmt_message`](ApiError::fmt_message) are the provided ones,
    /// read from the entry (the derive never writes them). For what is
    /// provided, a response takes the answer in errbook's non-generic code,
    /// without compiling the provided method for the type. By default the
    /// six are written and nothing is derived: every method is asked.
    #[doc(hidden)]
    const __WRITTEN: u8 = defaults::WRITES_ALL;

    // `__WRITTEN`'s bits as constants of their own: a branch on a constant
    // is settled per type, where one on a value computed from it is not.
    #[doc(hidden)]
    const __ENTRY_STATICS: bool = Self::__WRITTEN & defaults::DERIVED != 0;
    #[doc(hidden)]
    const __WRITES_STATUS: bool = Self::__WRITTEN & defaults::WRITES_STATUS != 0;
    #[doc(hidden)]
    const __WRITES_RETRY_AFTER: bool = Self::__WRITTEN & defaults::WRITES_RETRY_AFTER != 0;
    #[doc(hidden)]
    const __WRITES_SOURCE: bool = Self::__WRITTEN & defaults::WRITES_SOURCE != 0;
    #[doc(hidden)]
    const __WRITES_VIOLATIONS: bool = Self::__WRITTEN & defaults::WRITES_VIOLATIONS != 0;
    #[doc(hidden)]
    const __WRITES_FIELDS: bool = Self::__WRITTEN & defaults::WRITES_FIELDS != 0;
    #[doc(hidden)]
    const __WRITES_FMT_ARG: bool = Self::__WRITTEN & defaults::WRITES_FMT_ARG != 0;

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
    fn to_response(&self) -> http::Response<Vec<u8>>
    where
        Self: Sized,
    {
        self.to_response_as(Self::Format::default())
    }

    /// The HTTP response in `format`.
    fn to_response_as<F: Format>(&self, format: F) -> http::Response<Vec<u8>>
    where
        Self: Sized,
    {
        format.__respond(DynError::new(self))
    }

    /// Hands each extra envelope member to a `dyn` visitor: what
    /// [`to_response`](ApiError::to_response) renders through.
    #[doc(hidden)]
    fn __visit_erased(&self, visitor: &mut dyn erased::Visitor) -> Result<(), erased::Stop> {
        self.visit_fields(&mut erased::Forward(visitor))
    }
}

#[doc(hidden)]
pub mod defaults;

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

    /// Receives one member from behind a `&dyn` (see
    /// [`ApiError::to_response`]); `None` to receive it through
    /// [`visit`](FieldVisitor::visit) instead. The built-in writers take it
    /// as it is, to write it straight into the body.
    #[doc(hidden)]
    #[inline]
    fn __visit_field(
        &mut self,
        name: &str,
        value: &dyn erased::Field,
    ) -> Option<Result<(), Self::Error>> {
        let _ = (name, value);
        None
    }
}
