//! [`Violations`] from the `validator` crate's errors (feature
//! `validator`, validator 0.21).
//!
//! A `validator::ValidationErrors` converts into [`Violations`] with
//! `From`, nested structs and lists included; [`validate`] runs a value's
//! checks and gives the list, so that `?` reaches a variant whose only
//! field is `#[api(violations)]` (the derive writes its
//! `From<Violations>`):
//!
//! ```
//! use errbook::{ApiError, Violations};
//! use validator::Validate;
//!
//! #[derive(Validate)]
//! struct Signup {
//!     #[validate(email)]
//!     email: String,
//!     #[validate(length(min = 3, max = 20))]
//!     name: String,
//! }
//!
//! #[derive(Debug, ApiError)]
//! #[api(format = problem)]
//! enum SignupError {
//!     #[api(code = "INVALID", status = 422, message = "Your request is not valid.")]
//!     Invalid { #[api(violations)] violations: Violations },
//! }
//!
//! fn signup(form: &Signup) -> Result<(), SignupError> {
//!     errbook::validator::validate(form)?;
//!     Ok(())
//! }
//!
//! let err = signup(&Signup { email: "ada".into(), name: "Ada".into() }).unwrap_err();
//! assert_eq!(
//!     err.to_response().body().as_slice(),
//!     br##"{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"Your request is not valid.","code":"INVALID","errors":[{"detail":"must be a valid email address","pointer":"#/email","code":"email"}]}"##,
//! );
//! ```
//!
//! Each `validator::ValidationError` is one [`Violation`]:
//!
//! - **where**: a [`Pointer`] into the body built from the names validator
//!   reports (the Rust field names: validator does not read
//!   `#[serde(rename)]`), a nested struct one member deeper
//!   (`/address/city`), an item of a list by its index
//!   (`/items/0/title`). A struct-level check (`#[validate(schema(…))]`,
//!   reported under `__all__`) points at the struct itself, the root for
//!   the value validated.
//! - **code**: the error's `code` (`length`, `email`, `range`, or your
//!   own).
//! - **message**: the error's `message` when it has one; otherwise a text
//!   made from the code and its parameters: `length must be between 3 and
//!   20`, `must be at least 18`, `must be a valid email address`, and, for
//!   a code errbook does not know, `failed the <code> check`.
//! - **extra members**: the parameters as a `ctx` object (`{"min":3,"max":20}`),
//!   FastAPI's name for them, which the `detail` format writes after `msg`.
//!   The `value` parameter (the input itself) and `must_match`'s `other`
//!   (the other field's input) are left out: a body does not echo back a
//!   password that was too short.
//!
//! Fields come in the order of their names (validator keeps them in a
//! hash map), a struct-level error first; a field's errors in the order
//! validator found them; a list's items by index.
//!
//! [`Pointer`]: crate::violations::Pointer

use std::collections::BTreeMap;

use ::validator::{ValidationError, ValidationErrors, ValidationErrorsKind};
use serde_json::Value;

use crate::violations::Pointer;
use crate::{Violation, Violations};

/// Runs `value`'s checks: its violations, if any.
///
/// ```
/// use validator::Validate;
///
/// #[derive(Validate)]
/// struct Page {
///     #[validate(range(min = 1))]
///     number: u32,
/// }
///
/// let violations = errbook::validator::validate(&Page { number: 0 }).unwrap_err();
/// let violation = violations.iter().next().unwrap();
/// assert_eq!(violation.location().to_loc(), ["body", "number"]);
/// assert_eq!(violation.code(), "range");
/// assert_eq!(violation.message(), "must be at least 1");
/// assert_eq!(violation.get("ctx").unwrap().get(), r#"{"min":1}"#);
/// assert!(errbook::validator::validate(&Page { number: 2 }).is_ok());
/// ```
pub fn validate<T: ::validator::Validate + ?Sized>(value: &T) -> Result<(), Violations> {
    value.validate().map_err(|errors| Violations::from(&errors))
}

impl From<ValidationErrors> for Violations {
    fn from(errors: ValidationErrors) -> Self {
        Violations::from(&errors)
    }
}

impl From<&ValidationErrors> for Violations {
    fn from(errors: &ValidationErrors) -> Self {
        let mut violations = Violations::new();
        walk(errors, &Pointer::root(), &mut violations);
        violations
    }
}

/// What validator names a struct-level error.
const STRUCT: &str = "__all__";
/// What validator names the list of a `Vec<T>` validated on its own.
const LIST: &str = "_tmp_validator";

fn walk(errors: &ValidationErrors, at: &Pointer, out: &mut Violations) {
    let mut fields: Vec<_> = errors.errors().iter().collect();
    fields.sort_by(|(a, _), (b, _)| (*a != STRUCT, a).cmp(&(*b != STRUCT, b)));
    for (name, kind) in fields {
        let here = if name == STRUCT || name == LIST {
            at.clone()
        } else {
            at.clone().field(name)
        };
        match kind {
            ValidationErrorsKind::Field(errors) => {
                for error in errors {
                    out.push(violation(here.clone(), error));
                }
            }
            ValidationErrorsKind::Struct(errors) => walk(errors, &here, out),
            ValidationErrorsKind::List(items) => {
                for (index, errors) in items {
                    walk(errors, &here.clone().index(*index), out);
                }
            }
        }
    }
}

/// Parameters that hold what the request sent, never written back.
const INPUT: [&str; 2] = ["value", "other"];

fn violation(at: Pointer, error: &ValidationError) -> Violation {
    let message = match &error.message {
        Some(message) => message.to_string(),
        None => default_message(&error.code, &error.params),
    };
    let violation = Violation::body(at, error.code.as_ref(), message);
    let ctx: BTreeMap<&str, &Value> = error
        .params
        .iter()
        .filter(|(name, _)| !INPUT.contains(&name.as_ref()))
        .map(|(name, value)| (name.as_ref(), value))
        .collect();
    if ctx.is_empty() {
        violation
    } else {
        violation.extra("ctx", ctx)
    }
}

/// The text of an error without a message of its own.
fn default_message<S: std::hash::BuildHasher>(
    code: &str,
    params: &std::collections::HashMap<std::borrow::Cow<'static, str>, Value, S>,
) -> String {
    let param = |name: &str| params.get(name).map(text);
    match code {
        "length" => {
            let bounds = match (param("equal"), param("min"), param("max")) {
                (Some(equal), _, _) => format!("exactly {equal}"),
                (None, Some(min), Some(max)) => format!("between {min} and {max}"),
                (None, Some(min), None) => format!("at least {min}"),
                (None, None, Some(max)) => format!("at most {max}"),
                (None, None, None) => return "has the wrong length".to_owned(),
            };
            format!("length must be {bounds}")
        }
        "range" => {
            let bounds: Vec<String> = [
                ("min", "at least"),
                ("exclusive_min", "greater than"),
                ("max", "at most"),
                ("exclusive_max", "less than"),
            ]
            .iter()
            .filter_map(|(name, words)| param(name).map(|bound| format!("{words} {bound}")))
            .collect();
            if bounds.is_empty() {
                "is out of range".to_owned()
            } else {
                format!("must be {}", bounds.join(" and "))
            }
        }
        "email" => "must be a valid email address".to_owned(),
        "url" => "must be a valid URL".to_owned(),
        "ip" => "must be a valid IP address".to_owned(),
        "credit_card" => "must be a valid credit card number".to_owned(),
        "must_match" => "must match the other field".to_owned(),
        "required" => "is required".to_owned(),
        "regex" => "does not match the expected pattern".to_owned(),
        "non_control_character" => "must not contain control characters".to_owned(),
        "contains" => match param("needle") {
            Some(needle) => format!("must contain {needle}"),
            None => "lacks a required part".to_owned(),
        },
        "does_not_contain" => match param("needle") {
            Some(needle) => format!("must not contain {needle}"),
            None => "contains a forbidden part".to_owned(),
        },
        code => format!("failed the {code} check"),
    }
}

/// A parameter as text: a string as it is, a whole number without its
/// fraction (validator writes bounds as floats: `1.0`), anything else as
/// JSON.
fn text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Number(number) => match number.as_f64() {
            Some(float) if float.fract() == 0.0 && float.abs() < 9_007_199_254_740_992.0 => {
                format!("{float:.0}")
            }
            _ => number.to_string(),
        },
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use serde_json::json;

    use super::*;

    fn error(code: &'static str, params: &[(&'static str, Value)]) -> ValidationError {
        let mut error = ValidationError::new(code);
        for (name, value) in params {
            error.add_param(Cow::Borrowed(*name), value);
        }
        error
    }

    #[test]
    fn messages_are_made_from_the_code_and_its_parameters() {
        for (error, message) in [
            (
                error("length", &[("min", json!(3)), ("max", json!(20))]),
                "length must be between 3 and 20",
            ),
            (
                error("length", &[("equal", json!(4))]),
                "length must be exactly 4",
            ),
            (
                error("range", &[("min", json!(18.0))]),
                "must be at least 18",
            ),
            (
                error(
                    "range",
                    &[("exclusive_min", json!(0.5)), ("max", json!(10.0))],
                ),
                "must be greater than 0.5 and at most 10",
            ),
            (
                error("contains", &[("needle", json!("@"))]),
                "must contain @",
            ),
            (
                error("terrible_password", &[]),
                "failed the terrible_password check",
            ),
            (
                error("email", &[]).with_message(Cow::Borrowed("Check the address.")),
                "Check the address.",
            ),
        ] {
            assert_eq!(violation(Pointer::root(), &error).message(), message);
        }
    }

    #[test]
    fn inputs_are_left_out_of_ctx() {
        let error = error(
            "must_match",
            &[("value", json!("hunter2")), ("other", json!("hunter3"))],
        );
        let violation = violation(Pointer::root().field("confirm"), &error);
        assert_eq!(violation.extras().len(), 0);
        let error = self::error("length", &[("min", json!(8)), ("value", json!("hunter2"))]);
        assert_eq!(
            super::violation(Pointer::root(), &error)
                .get("ctx")
                .unwrap()
                .get(),
            r#"{"min":8}"#
        );
    }
}
