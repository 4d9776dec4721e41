//! Reading a JSON request body into a type, with every problem found
//! reported as a [`Violation`] at its member's RFC 6901 pointer.
//!
//! `serde_json` stops at the first problem, and says where it is by line
//! and column. [`Reader::read`] reads the body with `serde_json` first, so
//! a good body costs what `serde_json::from_slice` costs. A body of the
//! wrong shape is read a second time, from its parsed JSON, by a reader
//! that knows the pointer of every member and goes on past each problem:
//! a member of the wrong kind is reported and replaced by a placeholder
//! (`0`, `""`, an empty list), a missing member is reported and filled, an
//! unknown one (`#[serde(deny_unknown_fields)]`) is reported and left out,
//! and the type is read again, until the whole body is read or
//! [`Reader::max_violations`] are found. A struct's members are reported
//! in the order the struct declares them.
//!
//! ```
//! use errbook::violations::json::{self, JsonErrorKind};
//!
//! #[derive(Debug, serde::Deserialize)]
//! struct NewUser {
//!     name: String,
//!     age: u8,
//!     tags: Vec<String>,
//! }
//!
//! let error = json::from_slice::<NewUser>(br#"{"age": "ten", "tags": ["a", 3]}"#).unwrap_err();
//! assert_eq!(error.kind(), JsonErrorKind::Shape);
//! let found: Vec<(&str, &str, &str)> = error
//!     .violations()
//!     .iter()
//!     .map(|v| match v.location() {
//!         errbook::Location::Body(pointer) => (pointer.as_str(), v.code(), v.message()),
//!         _ => unreachable!(),
//!     })
//!     .collect();
//! assert_eq!(found, [
//!     ("/name", "missing", "Field required"),
//!     ("/age", "int_type", "Input should be a valid integer"),
//!     ("/tags/1", "string_type", "Input should be a valid string"),
//! ]);
//!
//! // Not JSON at all: one violation, at the body itself.
//! let error = json::from_slice::<NewUser>(br#"{"name": "#).unwrap_err();
//! assert_eq!(error.kind(), JsonErrorKind::Syntax);
//! let only = error.violations().iter().next().unwrap();
//! assert_eq!(only.code(), "json_invalid");
//! assert_eq!(only.message(), "EOF while parsing a value at line 1 column 9");
//! ```
//!
//! The codes and messages are pydantic's where it has one for the
//! problem, so a FastAPI client reads them as it reads its own server's:
//!
//! | the body | code | message |
//! |---|---|---|
//! | not JSON, or cut short | `json_invalid` | `serde_json`'s, with the line and column |
//! | a member missing | `missing` | `Field required` |
//! | a member the type refuses (`deny_unknown_fields`) | `extra_forbidden` | `Extra inputs are not permitted` |
//! | a string expected | `string_type` | `Input should be a valid string` |
//! | an integer expected | `int_type` | `Input should be a valid integer` |
//! | a number expected | `float_type` | `Input should be a valid number` |
//! | a boolean expected | `bool_type` | `Input should be a valid boolean` |
//! | a list (a tuple) expected | `list_type` (`tuple_type`) | `Input should be a valid list` (`tuple`) |
//! | an object expected: a map (a struct) | `dict_type` (`model_attributes_type`) | `Input should be a valid dictionary` (`… or object to extract fields from`) |
//! | `null` expected | `none_required` | `Input should be None` |
//! | an enum's variant expected | `enum` | `Input should be 'a', 'b' or 'c'` |
//! | a value the type refuses (out of range, wrong length) | `invalid_value`, `invalid_length`, `invalid_type` | serde's |
//! | a type's own check (`#[serde(try_from)]`, a `Deserialize` of your own) | `value_error` | its message |
//!
//! [`Reader::with_input`] adds each member's value as the violation's
//! `input` (for a missing member, the object that lacks it), as FastAPI
//! does. [`Reader::read_valid`] also runs the type's [`Validate`] check,
//! so a request learns in one response everything wrong with it.

mod access;
mod de;
mod error;
mod placeholder;
mod tree;

use core::fmt;

use serde::de::DeserializeOwned;
use serde_json::error::Category;

use super::{Location, Pointer, Validate, Violation, Violations, codes};
use crate::Rejection;
use de::{Node, Pass, Patch};
use tree::Tree;

/// Why a body was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonErrorKind {
    /// Not JSON, or cut short: one violation, at the body itself.
    Syntax,
    /// JSON, not of the type's shape: a violation per problem found.
    Shape,
    /// Of the type's shape, refused by its [`Validate`] check.
    Invalid,
}

/// A body [`Reader`] refused: what kind of problem, `serde_json`'s
/// explanation of the first one, and the violations.
///
/// It converts into a [`Rejection`]: `MALFORMED_JSON` for
/// [`Syntax`](JsonErrorKind::Syntax), `INVALID_BODY` otherwise, both
/// carrying the violations.
#[derive(Clone, Debug)]
pub struct JsonError {
    kind: JsonErrorKind,
    reason: String,
    violations: Violations,
}

impl JsonError {
    /// What kind of problem.
    pub fn kind(&self) -> JsonErrorKind {
        self.kind
    }

    /// `serde_json`'s explanation of the first problem (`invalid type:
    /// string "ten", expected u8 at line 1 column 13`), or, refused by
    /// [`Validate`], the first violation's field path and message.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// Every problem found, in order.
    pub fn violations(&self) -> &Violations {
        &self.violations
    }

    /// The violations.
    pub fn into_violations(self) -> Violations {
        self.violations
    }

    fn syntax(reason: String) -> Self {
        let violation = Violation::body(Pointer::root(), codes::JSON_INVALID, reason.clone());
        JsonError {
            kind: JsonErrorKind::Syntax,
            reason,
            violations: Violations::new().with(violation),
        }
    }

    fn invalid(violations: Violations) -> Self {
        let reason = violations
            .iter()
            .next()
            .map(|first| match first.location() {
                Location::Body(pointer) if pointer.is_root() => first.message().to_owned(),
                location => format!("{}: {}", location.to_field_path(), first.message()),
            })
            .unwrap_or_default();
        JsonError {
            kind: JsonErrorKind::Invalid,
            reason,
            violations,
        }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for JsonError {}

impl From<JsonError> for Rejection {
    fn from(error: JsonError) -> Self {
        let JsonError {
            kind,
            reason,
            violations,
        } = error;
        match kind {
            JsonErrorKind::Syntax => Rejection::MalformedJson { reason, violations },
            JsonErrorKind::Shape | JsonErrorKind::Invalid => {
                Rejection::InvalidBody { reason, violations }
            }
        }
    }
}

/// Reads JSON bodies, reporting every problem found; see the
/// [module](self).
///
/// ```
/// use errbook::violations::json::Reader;
///
/// #[derive(Debug, serde::Deserialize)]
/// struct Page {
///     limit: u32,
/// }
///
/// let error = Reader::new().with_input(true).read::<Page>(br#"{"limit": -1}"#).unwrap_err();
/// let violation = error.violations().iter().next().unwrap();
/// assert_eq!(violation.code(), "invalid_value");
/// assert_eq!(violation.get("input").map(|input| input.get()), Some("-1"));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Reader {
    input: bool,
    max: usize,
}

impl Default for Reader {
    fn default() -> Self {
        Reader::new()
    }
}

impl Reader {
    /// A reader that reports up to 32 violations, without the members'
    /// values.
    pub const fn new() -> Self {
        Reader {
            input: false,
            max: 32,
        }
    }

    /// Whether each violation carries the member's value as `input`, as
    /// FastAPI's do (for a missing member, the object that lacks it).
    /// Off by default: the body is the client's own, but sending it back
    /// makes every response as large as the request.
    #[must_use]
    pub const fn with_input(mut self, input: bool) -> Self {
        self.input = input;
        self
    }

    /// Stops after `max` violations (at least one). A problem that
    /// stops `serde` (a missing member, a value out of range, an unknown
    /// variant) costs one more reading of the body, so this also bounds
    /// the work a bad body costs: at most `max + 1` readings of its parsed
    /// JSON.
    #[must_use]
    pub const fn max_violations(mut self, max: usize) -> Self {
        self.max = if max == 0 { 1 } else { max };
        self
    }

    /// `body` as a `T`, or every problem found with it.
    pub fn read<T: DeserializeOwned>(&self, body: &[u8]) -> Result<T, JsonError> {
        self.read_with(body, |_: &T| Ok(()))
    }

    /// `body` as a `T` that passes its [`Validate`] check, or every
    /// problem found with it.
    ///
    /// When the body is of the type's shape, the check's violations are
    /// the answer. When it is not, the check still runs, on the value read
    /// with placeholders in place of the members that failed, and its
    /// violations at those members (or inside them) are dropped: the
    /// response names each problem of each member once, the reading's and
    /// the check's together, as FastAPI's does. A rule that compares two
    /// members sees the placeholder of one that failed; see [`Validate`].
    pub fn read_valid<T: DeserializeOwned + Validate>(&self, body: &[u8]) -> Result<T, JsonError> {
        self.read_with(body, T::validate)
    }

    fn read_with<T: DeserializeOwned>(
        &self,
        body: &[u8],
        validate: impl Fn(&T) -> Result<(), Violations>,
    ) -> Result<T, JsonError> {
        let error = match serde_json::from_slice::<T>(body) {
            Ok(value) => {
                return match validate(&value) {
                    Ok(()) => Ok(value),
                    Err(violations) => Err(JsonError::invalid(violations)),
                };
            }
            Err(error) => error,
        };
        let reason = error.to_string();
        if error.classify() != Category::Data {
            return Err(JsonError::syntax(reason));
        }
        // A body the type refused may not be JSON either (`{} {}`: the
        // type is read before the end is checked).
        let root = match serde_json::from_slice::<Tree<'_>>(body) {
            Ok(root) => root,
            Err(error) => return Err(JsonError::syntax(error.to_string())),
        };
        let (mut violations, value, patches) = collect::<T>(&root, self.input, self.max);
        if let Some(value) = value
            && let Err(checked) = validate(&value)
        {
            let reported: Vec<Pointer> = violations
                .iter()
                .filter_map(body_pointer)
                .cloned()
                .collect();
            let before = violations.len();
            violations.extend(checked.into_iter().filter(|violation| {
                body_pointer(violation)
                    .is_none_or(|at| !reported.iter().any(|failed| covers(failed, at)))
            }));
            if before > 0 && violations.len() > before {
                // Both lists follow the type's order; merged, too.
                in_order::<T>(&root, patches, &mut violations);
            }
        }
        violations.truncate(self.max);
        if violations.is_empty() {
            // The second reading found nothing the first did: the first's
            // explanation, at the body.
            violations.push(Violation::body(
                Pointer::root(),
                codes::VALUE_ERROR,
                reason.clone(),
            ));
        }
        Err(JsonError {
            kind: JsonErrorKind::Shape,
            reason,
            violations: violations.into_iter().collect(),
        })
    }
}

/// `body` as a `T`, or every problem found with it: [`Reader::read`] with
/// the defaults.
pub fn from_slice<T: DeserializeOwned>(body: &[u8]) -> Result<T, JsonError> {
    Reader::new().read(body)
}

fn body_pointer(violation: &Violation) -> Option<&Pointer> {
    match violation.location() {
        Location::Body(pointer) => Some(pointer),
        _ => None,
    }
}

/// Whether `inner` is `outer` or a member inside it.
fn covers(outer: &Pointer, inner: &Pointer) -> bool {
    inner
        .as_str()
        .strip_prefix(outer.as_str())
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The violations found in `root` read as a `T`, in the order met, and the
/// `T` read with placeholders when a pass read it whole.
fn collect<T: DeserializeOwned>(
    root: &Tree<'_>,
    input: bool,
    max: usize,
) -> (Vec<Violation>, Option<T>, Vec<Patch>) {
    let mut patches: Vec<Patch> = Vec::new();
    loop {
        let mut pass = Pass {
            patches,
            found: Vec::new(),
            input,
            visited: None,
        };
        let result = T::deserialize(Node {
            value: Some(root),
            pointer: Pointer::root(),
            pass: &mut pass,
        });
        let Pass {
            patches: kept,
            mut found,
            ..
        } = pass;
        patches = kept;
        let error = match result {
            Ok(value) => return (found, Some(value), patches),
            Err(error) => error,
        };
        if error.placeholder {
            return (found, None, patches);
        }
        let (pointer, mend, violation) = error.violation(root, input);
        if patches.iter().any(|patch| patch.pointer == pointer) {
            // The member failed again, with its placeholder: its violation
            // is among those found.
            return (found, None, patches);
        }
        if found.len() >= max {
            found.push(violation);
            return (found, None, patches);
        }
        patches.push(Patch {
            pointer,
            mend,
            violation,
        });
    }
}

/// Sorts `violations` (stably) in the order the members they are at are
/// read, as one more pass over `root` with `patches` reads them; a member
/// the pass does not read sorts with the closest one it reads that holds
/// it, a parameter last.
fn in_order<T: DeserializeOwned>(
    root: &Tree<'_>,
    patches: Vec<Patch>,
    violations: &mut [Violation],
) {
    let mut pass = Pass {
        patches,
        found: Vec::new(),
        input: false,
        visited: Some(Vec::new()),
    };
    let _ = T::deserialize(Node {
        value: Some(root),
        pointer: Pointer::root(),
        pass: &mut pass,
    });
    let visited = pass.visited.unwrap_or_default();
    let mut first: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (at, pointer) in visited.iter().enumerate() {
        first.entry(pointer.as_str()).or_insert(at);
    }
    let rank = |violation: &Violation| {
        let Some(pointer) = body_pointer(violation) else {
            return usize::MAX;
        };
        let mut text = pointer.as_str();
        loop {
            if let Some(at) = first.get(text) {
                return *at;
            }
            match text.rfind('/') {
                Some(cut) => text = &text[..cut],
                None => return usize::MAX - 1,
            }
        }
    };
    violations.sort_by_cached_key(rank);
}

#[cfg(test)]
mod tests;
