//! What errbook asks of your types, one trait per need.
//!
//! Each trait holds for every type that has what it asks (a blanket impl),
//! so you never implement one. They exist for their compile errors: the
//! derive asks for them on the field at fault (and the framework glue on
//! the error type it converts into), so a type that lacks what its role
//! needs is one error, under that type, that names the missing trait and
//! the fix, rather than errors inside generated code.
//!
//! | trait | asked of | holds for |
//! |---|---|---|
//! | [`ExposedField`] | an `#[api(field)]` field's type | `serde::Serialize` |
//! | [`TemplateField`] | a field named in a `message` template | `Display` |
//! | [`ParseMember`] | with `parse`, a field read back from the body | `serde::de::DeserializeOwned` |
//! | [`ParseDefault`] | with `parse`, a field not in the body | `Default` |
//! | [`OtherField`] | the field of an `#[api(other)]` variant | [`Unknown`](crate::Unknown) |
//! | [`TransparentField`] | the field of a `transparent` variant | [`ApiError`] |
//! | [`ParseTransparent`] | the same, in a variant decoded with `parse` | [`Parse`] |
//! | [`FromRejection`] | the error type of errbook's extractors and fallbacks | `From<Rejection>` |

use core::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::catalog::Catalog;
use crate::decode::{DecodeErrorKind, RawError};
use crate::error::defaults::Inner;
use crate::{ApiError, FieldVisitor, Parse, Rejection};

/// The type of an exposed field (`#[api(field)]`): written as a member of
/// the body with `serde::Serialize`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a member of the body: it does not implement `serde::Serialize`",
    label = "exposed by `#[api(field)]`",
    note = "derive `serde::Serialize` for it, or remove `field` to keep it out of the body"
)]
pub trait ExposedField {
    /// Hands the field to `visitor` as the member `name`.
    #[doc(hidden)]
    fn __visit<V: FieldVisitor + ?Sized>(
        &self,
        visitor: &mut V,
        name: &str,
    ) -> Result<(), V::Error>;
}

#[diagnostic::do_not_recommend]
impl<T: Serialize + ?Sized> ExposedField for T {
    #[inline]
    fn __visit<V: FieldVisitor + ?Sized>(
        &self,
        visitor: &mut V,
        name: &str,
    ) -> Result<(), V::Error> {
        visitor.visit(name, self)
    }
}

/// The type of a field named in a `message` template (`{id}`): written
/// with its `Display`, never `Debug`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be written in a message template: it does not implement `Display`",
    label = "named in the `message` template",
    note = "a placeholder is written with `Display`; errbook refuses `Debug` (`:?`), whose output must never reach a public body",
    note = "implement `Display` for it, or expose it with `#[api(field)]` and leave it out of the message"
)]
pub trait TemplateField {
    /// The field, as a placeholder writes it (with the template's format
    /// spec, which reaches its `Display`).
    #[doc(hidden)]
    fn __shown(&self) -> Shown<'_, Self>;
}

#[diagnostic::do_not_recommend]
impl<T: fmt::Display + ?Sized> TemplateField for T {
    #[inline]
    fn __shown(&self) -> Shown<'_, Self> {
        Shown {
            value: self,
            fmt: <T as fmt::Display>::fmt,
        }
    }
}

/// A template field, displayed: its `Display` is the field's, whatever
/// the field's type, so that a field without one is the single error of
/// [`TemplateField`], not a second one where it is written.
#[doc(hidden)]
pub struct Shown<'a, T: ?Sized> {
    value: &'a T,
    fmt: fn(&T, &mut fmt::Formatter<'_>) -> fmt::Result,
}

impl<T: ?Sized> fmt::Display for Shown<'_, T> {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.fmt)(self.value, f)
    }
}

/// With `parse`, a field read back from the response (an exposed field,
/// or one that is the whole message): any `serde::Deserialize` type that
/// owns its data.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read back from a response: it does not implement `serde::Deserialize`",
    label = "read from the response body",
    note = "derive `serde::Deserialize` for it, or mark the variant `#[api(skip_parse)]`"
)]
pub trait ParseMember: Sized {
    /// The member `name` of `raw`.
    #[doc(hidden)]
    fn __member(raw: &RawError<'_>, name: &str) -> Result<Self, DecodeErrorKind>;

    /// The member `name` of `raw`; `None` when the body has no such member.
    #[doc(hidden)]
    fn __member_present(raw: &RawError<'_>, name: &str) -> Result<Option<Self>, DecodeErrorKind>;

    /// The message of `raw`, for a field that is the whole message.
    #[doc(hidden)]
    fn __message(raw: &RawError<'_>) -> Result<Self, DecodeErrorKind>;
}

#[diagnostic::do_not_recommend]
impl<T: DeserializeOwned> ParseMember for T {
    fn __member(raw: &RawError<'_>, name: &str) -> Result<Self, DecodeErrorKind> {
        raw.member(name)
    }

    fn __member_present(raw: &RawError<'_>, name: &str) -> Result<Option<Self>, DecodeErrorKind> {
        match raw.member_raw(name) {
            Some(_) => raw.member(name).map(Some),
            None => Ok(None),
        }
    }

    fn __message(raw: &RawError<'_>) -> Result<Self, DecodeErrorKind> {
        raw.message_as()
    }
}

/// With `parse`, a field the decoder cannot read from a response (neither
/// exposed nor the whole message): it gets its `Default`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no `Default`, so this field cannot be rebuilt from a response",
    label = "not in the body and not `Default`",
    note = "expose it with `#[api(field)]`, give its type a `Default`, or mark the variant `#[api(skip_parse)]`"
)]
pub trait ParseDefault {
    /// The value of a field that is not in the body.
    #[doc(hidden)]
    fn __parse_default() -> Self;
}

impl<T: Default> ParseDefault for T {
    fn __parse_default() -> Self {
        T::default()
    }
}

/// The field of an `#[api(other)]` variant: an [`Unknown`](crate::Unknown).
#[diagnostic::on_unimplemented(
    message = "the field of an `#[api(other)]` variant must be `errbook::Unknown`, not `{Self}`",
    label = "not `errbook::Unknown`",
    note = "write the variant like `Other(errbook::Unknown)`: it keeps the code, message, status and members of a code the decoder does not know"
)]
pub trait OtherField {
    /// The unknown error the field holds.
    #[doc(hidden)]
    fn __as_unknown(&self) -> &crate::Unknown;
    /// The field holding `unknown`.
    #[doc(hidden)]
    fn __from_unknown(unknown: crate::Unknown) -> Self;
}

impl OtherField for crate::Unknown {
    #[inline]
    fn __as_unknown(&self) -> &crate::Unknown {
        self
    }

    #[inline]
    fn __from_unknown(unknown: crate::Unknown) -> Self {
        unknown
    }
}

/// The error type `E` of errbook's framework glue (the axum extractors and
/// fallbacks, the actix-web configs and fallbacks): it converts a
/// [`Rejection`] into itself, usually by nesting it in a `transparent`
/// variant.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot carry the framework's rejections: it does not implement `From<errbook::Rejection>`",
    label = "rejections are converted into `{Self}`",
    note = "nest `errbook::Rejection` in it with an `#[api(transparent)]` variant, and implement `From<Rejection>` for it, wrapping the rejection in that variant"
)]
pub trait FromRejection: From<Rejection> {}

#[diagnostic::do_not_recommend]
impl<E: From<Rejection>> FromRejection for E {}

/// The field of a `transparent` variant: an error of its own, an
/// [`ApiError`].
///
/// The derive names the inner error through this trait alone (its catalog,
/// its fields, the error itself), so that a field that is not an error is
/// one compile error, however many times the generated code names it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an errbook error, so a `transparent` variant cannot wrap it",
    label = "not an `ApiError`",
    note = "derive `errbook::ApiError` for `{Self}`: a `transparent` variant's field is an error of its own"
)]
pub trait TransparentField: Sized {
    /// The inner type's catalog.
    #[doc(hidden)]
    const CATALOG: &'static Catalog;

    /// The inner error's fields.
    #[doc(hidden)]
    fn __visit_fields<V: FieldVisitor + ?Sized>(&self, visitor: &mut V) -> Result<(), V::Error>;

    /// The error as what `ApiError::__inner` wraps.
    #[doc(hidden)]
    fn __as_inner(&self) -> &dyn Inner;
}

#[diagnostic::do_not_recommend]
impl<T: ApiError> TransparentField for T {
    const CATALOG: &'static Catalog = T::CATALOG;

    #[inline]
    fn __visit_fields<V: FieldVisitor + ?Sized>(&self, visitor: &mut V) -> Result<(), V::Error> {
        self.visit_fields(visitor)
    }

    #[inline]
    fn __as_inner(&self) -> &dyn Inner {
        self
    }
}

/// The field of a `transparent` variant that is decoded (`#[api(parse)]`
/// without `skip_parse`): an error of its own with a decoder, a [`Parse`]
/// one. [`TransparentField`], asking one trait more: every use of the
/// inner type in such a variant goes through it, so that a field that is
/// not an error, or has no decoder, is one compile error.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read back from a response, so a decoded `transparent` variant cannot wrap it",
    label = "not an `ApiError` with `#[api(parse)]`",
    note = "derive `errbook::ApiError` for `{Self}` with `#[api(parse)]`, or mark this variant `#[api(skip_parse)]`"
)]
pub trait ParseTransparent: Sized {
    /// The inner type's catalog.
    #[doc(hidden)]
    const CATALOG: &'static Catalog;

    /// The inner error's fields.
    #[doc(hidden)]
    fn __visit_fields<V: FieldVisitor + ?Sized>(&self, visitor: &mut V) -> Result<(), V::Error>;

    /// The error as what `ApiError::__inner` wraps.
    #[doc(hidden)]
    fn __as_inner(&self) -> &dyn Inner;

    /// The inner error read from `raw`.
    #[doc(hidden)]
    fn __from_raw(raw: &RawError<'_>) -> Result<Option<Self>, DecodeErrorKind>;
}

#[diagnostic::do_not_recommend]
impl<T: Parse> ParseTransparent for T {
    const CATALOG: &'static Catalog = T::CATALOG;

    #[inline]
    fn __visit_fields<V: FieldVisitor + ?Sized>(&self, visitor: &mut V) -> Result<(), V::Error> {
        self.visit_fields(visitor)
    }

    #[inline]
    fn __as_inner(&self) -> &dyn Inner {
        self
    }

    #[inline]
    fn __from_raw(raw: &RawError<'_>) -> Result<Option<Self>, DecodeErrorKind> {
        T::from_raw(raw)
    }
}
