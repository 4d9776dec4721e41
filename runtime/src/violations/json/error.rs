//! The error of the collecting pass: serde's error kinds kept apart, so
//! that each becomes a violation with a code of its own, and the member
//! it happened at.

use core::fmt;

use serde::de;

use super::super::{Pointer, Violation};
use super::codes;
use super::tree::Tree;

/// What failed, at which member.
#[derive(Debug)]
pub(super) struct Error {
    /// The innermost member the failure passed through.
    pub(super) at: Option<Pointer>,
    pub(super) kind: Kind,
    /// Failed inside a placeholder: a consequence of a violation already
    /// found, not one of its own.
    pub(super) placeholder: bool,
}

#[derive(Debug)]
pub(super) enum Kind {
    /// A struct lacks this member.
    Missing(&'static str),
    /// The member at `at` is not one of the struct's.
    Unknown,
    /// An enum's variant that does not exist; the ones that do.
    Variant(&'static [&'static str]),
    /// Any other failure: its code, and serde's message.
    Other(&'static str, String),
}

/// How a failure is mended in the next pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mend {
    /// The member's value is replaced by a placeholder (or, missing, one
    /// is added).
    Fill,
    /// The member is left out.
    Skip,
}

impl Error {
    fn new(kind: Kind) -> Self {
        Error {
            at: None,
            kind,
            placeholder: false,
        }
    }

    /// The error, at `pointer` unless a deeper member claimed it.
    pub(super) fn at(mut self, pointer: &Pointer) -> Self {
        if self.at.is_none() {
            self.at = Some(pointer.clone());
        }
        self
    }

    /// The error, marked as raised by a placeholder.
    pub(super) fn in_placeholder(mut self) -> Self {
        self.placeholder = true;
        self
    }

    /// The violation it reports, where it is, and how the next pass mends
    /// it; `input` adds the member's value (for a missing member, the
    /// object that lacks it), as FastAPI does.
    pub(super) fn violation(&self, root: &Tree<'_>, input: bool) -> (Pointer, Mend, Violation) {
        let at = self.at.clone().unwrap_or_default();
        let input_of = |pointer: &Pointer| root.at(pointer);
        let (pointer, mend, code, message, value) = match &self.kind {
            Kind::Missing(field) => (
                at.clone().field(field),
                Mend::Fill,
                codes::MISSING.0,
                codes::MISSING.1.to_owned(),
                input_of(&at),
            ),
            Kind::Unknown => (
                at.clone(),
                Mend::Skip,
                codes::EXTRA.0,
                codes::EXTRA.1.to_owned(),
                input_of(&at),
            ),
            Kind::Variant(expected) => (
                at.clone(),
                Mend::Fill,
                codes::ENUM,
                codes::one_of(expected),
                input_of(&at),
            ),
            Kind::Other(code, message) => (
                at.clone(),
                Mend::Fill,
                *code,
                message.clone(),
                input_of(&at),
            ),
        };
        let mut violation = Violation::body(pointer.clone(), code, message);
        if input && let Some(value) = value {
            violation = violation.extra("input", value);
        }
        (pointer, mend, violation)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Missing(field) => write!(f, "missing field `{field}`"),
            Kind::Unknown => f.write_str("unknown field"),
            Kind::Variant(expected) => f.write_str(&codes::one_of(expected)),
            Kind::Other(_, message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::new(Kind::Other(codes::VALUE_ERROR, msg.to_string()))
    }

    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Error::new(Kind::Other(
            codes::INVALID_TYPE,
            format!("invalid type: {unexp}, expected {exp}"),
        ))
    }

    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Error::new(Kind::Other(
            codes::INVALID_VALUE,
            format!("invalid value: {unexp}, expected {exp}"),
        ))
    }

    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        Error::new(Kind::Other(
            codes::INVALID_LENGTH,
            format!("invalid length {len}, expected {exp}"),
        ))
    }

    fn unknown_variant(_variant: &str, expected: &'static [&'static str]) -> Self {
        Error::new(Kind::Variant(expected))
    }

    fn unknown_field(_field: &str, _expected: &'static [&'static str]) -> Self {
        Error::new(Kind::Unknown)
    }

    fn missing_field(field: &'static str) -> Self {
        Error::new(Kind::Missing(field))
    }

    fn duplicate_field(field: &'static str) -> Self {
        Error::new(Kind::Other(
            codes::VALUE_ERROR,
            format!("duplicate field `{field}`"),
        ))
    }
}
