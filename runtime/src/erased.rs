//! An error behind a `&dyn`: what [`ApiError::to_response`] renders.
//!
//! Rendering a response is the largest piece of code an error type uses.
//! Written generically over the error type, it would be compiled again in
//! the user's crate for every type that calls `to_response` (and again for
//! every nested type's fields). Instead, `to_response` hands the built-in
//! formats a [`DynError`], one concrete type, so that their response code is
//! compiled once, here; what an error type costs is the table of its
//! methods ([`Inner`]).
//!
//! An extra member's value crosses the `dyn` as a [`Field`]: the built-in
//! writers write it as JSON straight into the body, as the generic path
//! does; any other visitor gets it as a [`Serialize`] value, through the
//! JSON text it writes.

use core::fmt;
use core::time::Duration;

use http::StatusCode;
use serde::{Serialize, Serializer};

use crate::catalog::Entry;
use crate::error::defaults::{Inner, Statics};
use crate::format::{Context, Envelope, Format, NoneAs};
use crate::{ApiError, Code, FieldVisitor};

/// An extra member's value, behind a `&dyn`.
pub trait Field {
    /// Writes the value as JSON into `out`.
    fn write(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error>;

    /// The value as a [`serde_json::Value`].
    fn value(&self) -> Result<serde_json::Value, serde_json::Error>;
}

/// A value of any [`Serialize`] type, sized for the `&dyn` [`Field`].
pub(crate) struct Ref<'a, T: ?Sized>(pub &'a T);

impl<T: Serialize + ?Sized> Field for Ref<'_, T> {
    #[inline]
    fn write(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        serde_json::to_writer(out, self.0)
    }

    fn value(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::to_value(self.0)
    }
}

impl Serialize for dyn Field + '_ {
    /// Through the JSON text the value writes: what a visitor that is not
    /// one of the built-in writers receives.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut text = Vec::new();
        self.write(&mut text).map_err(serde::ser::Error::custom)?;
        let text = String::from_utf8(text).map_err(serde::ser::Error::custom)?;
        let raw =
            serde_json::value::RawValue::from_string(text).map_err(serde::ser::Error::custom)?;
        raw.serialize(serializer)
    }
}

/// A [`FieldVisitor`] behind a `&dyn`.
pub trait Visitor {
    /// Receives one member; `Err` stops the visit.
    fn visit(&mut self, name: &str, value: &dyn Field) -> Result<(), Stop>;

    /// Receives a `None` member; see [`FieldVisitor::visit_none`].
    fn visit_none(&mut self, name: &str, none: Option<NoneAs>) -> Result<(), Stop>;
}

/// A visit stopped; the visitor keeps why.
#[derive(Debug)]
pub struct Stop;

/// The type's side: its fields, handed to a `dyn` [`Visitor`].
pub(crate) struct Forward<'v>(pub &'v mut dyn Visitor);

impl FieldVisitor for Forward<'_> {
    type Error = Stop;

    #[inline]
    fn visit<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), Stop> {
        self.0.visit(name, &Ref(value))
    }

    #[inline]
    fn visit_none(&mut self, name: &str, none: Option<NoneAs>) -> Result<(), Stop> {
        self.0.visit_none(name, none)
    }
}

/// The renderer's side: a [`FieldVisitor`] fed from a `dyn` [`Visitor`],
/// keeping its error.
struct Back<'v, V: FieldVisitor + ?Sized> {
    visitor: &'v mut V,
    error: Option<V::Error>,
}

impl<V: FieldVisitor + ?Sized> Back<'_, V> {
    fn keep(&mut self, result: Result<(), V::Error>) -> Result<(), Stop> {
        result.map_err(|error| {
            self.error = Some(error);
            Stop
        })
    }
}

impl<V: FieldVisitor + ?Sized> Visitor for Back<'_, V> {
    fn visit(&mut self, name: &str, value: &dyn Field) -> Result<(), Stop> {
        let result = match self.visitor.__visit_field(name, value) {
            Some(result) => result,
            None => self.visitor.visit(name, value),
        };
        self.keep(result)
    }

    fn visit_none(&mut self, name: &str, none: Option<NoneAs>) -> Result<(), Stop> {
        let result = self.visitor.visit_none(name, none);
        self.keep(result)
    }
}

/// An error behind a `&dyn`; see the [module](self).
///
/// What a response asks more than once (the entry, the status, whether the
/// error is an [`Unknown`](crate::Unknown)) is read once, when it is made.
#[derive(Clone, Copy)]
pub struct DynError<'a> {
    error: &'a dyn Inner,
    entry: Option<Entry>,
    status: StatusCode,
    unknown: Option<&'a crate::Unknown>,
    statics: Statics<'a>,
}

impl<'a> DynError<'a> {
    /// `error`, erased.
    #[inline]
    pub fn new<E: ApiError>(error: &'a E) -> Self {
        // Through the `dyn` table's answers, which take a derived type's
        // provided ones in errbook's code (`Inner::ask`).
        let error: &'a dyn Inner = error;
        DynError {
            error,
            entry: error.entry(),
            status: error.status(),
            unknown: error.unknown(),
            statics: error.statics(),
        }
    }
}

impl fmt::Debug for DynError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.error, f)
    }
}

// An internal type: not one to show users among the errors they could use.
#[diagnostic::do_not_recommend]
impl ApiError for DynError<'_> {
    type Format = crate::format::Nested;

    #[inline]
    fn entry(&self) -> Option<Entry> {
        self.entry
    }

    fn code(&self) -> Code<'_> {
        self.statics.code
    }

    #[inline]
    fn status(&self) -> StatusCode {
        self.status
    }

    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt_message(f)
    }

    fn fmt_arg(&self, slot: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt_arg(slot, f)
    }

    fn visit_fields<V: FieldVisitor + ?Sized>(&self, visitor: &mut V) -> Result<(), V::Error> {
        let mut back = Back {
            visitor,
            error: None,
        };
        match (self.error.visit_erased(&mut back), back.error) {
            (Err(Stop), Some(error)) => Err(error),
            _ => Ok(()),
        }
    }

    fn retry_after(&self) -> Option<Duration> {
        self.error.retry_after()
    }

    fn source_error(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.error.source_error()
    }

    fn doc(&self) -> Option<&'static str> {
        self.statics.doc
    }

    fn title(&self) -> Option<&'static str> {
        self.statics.title
    }

    fn domain(&self) -> Option<&'static str> {
        self.statics.domain
    }

    fn has_status(&self) -> bool {
        self.statics.has_status
    }

    fn docs_template(&self) -> Option<&'static str> {
        self.statics.docs_template
    }

    #[inline]
    fn unknown(&self) -> Option<&crate::Unknown> {
        self.unknown
    }

    fn violations(&self) -> Option<&crate::Violations> {
        self.error.violations()
    }

    #[inline]
    fn __statics(&self) -> Statics<'_> {
        self.statics
    }

    fn __visit_erased(&self, visitor: &mut dyn Visitor) -> Result<(), Stop> {
        self.error.visit_erased(visitor)
    }
}

/// The response of `error` in `format`, in the current request's context.
pub(crate) fn respond<F: Format>(format: F, error: DynError<'_>) -> http::Response<Vec<u8>> {
    crate::request::with_current(|context: Context<'_>| {
        Envelope::new(&error, format, context).to_response()
    })
}
