//! [`Violations`] from the `garde` crate's reports (feature `garde`,
//! garde 0.23).
//!
//! A `garde::Report` converts into [`Violations`] with `From`, nested
//! structs and lists included; [`validate`] runs a value's checks and
//! gives the list, so that `?` reaches a variant whose only field is
//! `#[api(violations)]` (the derive writes its `From<Violations>`):
//!
//! ```
//! use errbook::{ApiError, Violations};
//! use garde::Validate;
//!
//! #[derive(Validate)]
//! struct Signup {
//!     #[garde(length(min = 3, max = 20))]
//!     name: String,
//!     #[garde(range(min = 18))]
//!     age: u8,
//! }
//!
//! #[derive(Debug, ApiError)]
//! #[api(format = detail)]
//! enum SignupError {
//!     #[api(code = "INVALID", status = 422, message = "Your request is not valid.")]
//!     Invalid { #[api(violations)] violations: Violations },
//! }
//!
//! fn signup(form: &Signup) -> Result<(), SignupError> {
//!     errbook::garde::validate(form)?;
//!     Ok(())
//! }
//!
//! let err = signup(&Signup { name: "Ada".into(), age: 12 }).unwrap_err();
//! assert_eq!(
//!     err.to_response().body().as_slice(),
//!     br#"{"detail":[{"type":"invalid","loc":["body","age"],"msg":"lower than 18"}]}"#,
//! );
//! ```
//!
//! Each error of a report is one [`Violation`], in the report's order:
//!
//! - **where**: a [`Pointer`] into the body from the error's path, each
//!   field by the name garde reports (the Rust field name: garde 0.23
//!   reads neither `#[serde(rename)]` nor its own `rename`), each list
//!   item by its index (`/items/0/title`), a map's entry by its key; an
//!   error of the value as a whole points at the root.
//! - **code**: `invalid`. garde's errors carry a message and no code, and
//!   a code made from the message's words would change with garde's
//!   wording; clients that need a code per rule get one from the
//!   `validator` integration, or build their [`Violation`]s by hand.
//! - **message**: garde's message, as it is.
//!
//! [`Pointer`]: crate::violations::Pointer

use ::garde::Report;
use serde_json::Value;

use crate::violations::Pointer;
use crate::{Violation, Violations};

/// The code of every violation garde reports.
pub const CODE: &str = "invalid";

/// Runs `value`'s checks (with the default context): its violations, if
/// any. For a context of your own, convert the report:
/// `value.validate_with(&context).map_err(Violations::from)?`.
///
/// ```
/// use garde::Validate;
///
/// #[derive(Validate)]
/// struct Order {
///     #[garde(dive)]
///     items: Vec<Item>,
/// }
///
/// #[derive(Validate)]
/// struct Item {
///     #[garde(length(min = 1))]
///     title: String,
/// }
///
/// let order = Order { items: vec![Item { title: "tea".into() }, Item { title: String::new() }] };
/// let violations = errbook::garde::validate(&order).unwrap_err();
/// let violation = violations.iter().next().unwrap();
/// assert_eq!(violation.location().to_field_path(), "items[1].title");
/// assert_eq!(violation.code(), "invalid");
/// assert_eq!(violation.message(), "length is lower than 1");
/// ```
pub fn validate<T>(value: &T) -> Result<(), Violations>
where
    T: ::garde::Validate + ?Sized,
    T::Context: Default,
{
    value.validate().map_err(Violations::from)
}

impl From<Report> for Violations {
    fn from(report: Report) -> Self {
        Violations::from(&report)
    }
}

impl From<&Report> for Violations {
    fn from(report: &Report) -> Self {
        report
            .iter()
            .map(|(path, error)| Violation::body(pointer(path), CODE, error.message()))
            .collect()
    }
}

/// The pointer of a path. garde writes a path as a list of `[kind,
/// name]` pairs, outermost first (`[["key","items"],["index","0"]]`); a
/// `none` component (the inside of an `Option`, of a newtype) adds no
/// token.
fn pointer(path: &::garde::error::Path) -> Pointer {
    let mut pointer = Pointer::root();
    let Ok(Value::Array(components)) = serde_json::to_value(path) else {
        return pointer;
    };
    for component in &components {
        let (Some(kind), Some(name)) = (
            component.get(0).and_then(Value::as_str),
            component.get(1).and_then(Value::as_str),
        ) else {
            continue;
        };
        pointer = match (kind, name.parse::<usize>()) {
            ("none", _) => pointer,
            ("index", Ok(index)) => pointer.index(index),
            _ => pointer.field(name),
        };
    }
    pointer
}

#[cfg(test)]
mod tests {
    use ::garde::Error;
    use ::garde::error::Path;

    use super::*;

    #[test]
    fn paths_become_pointers() {
        let mut report = Report::new();
        report.append(Path::empty(), Error::new("whole"));
        report.append(
            Path::new("address").join("city"),
            Error::new("length is lower than 1"),
        );
        report.append(Path::new("items").join(0usize).join("a/b"), Error::new("x"));
        report.append(Path::new("tags").join("0"), Error::new("y"));
        report.append(
            Path::new("note").join(::garde::error::NoKey::default()),
            Error::new("z"),
        );
        let pointers: Vec<String> = Violations::from(report)
            .iter()
            .map(|v| match v.location() {
                crate::Location::Body(pointer) => pointer.as_str().to_owned(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            pointers,
            ["", "/address/city", "/items/0/a~1b", "/tags/0", "/note"]
        );
    }
}
