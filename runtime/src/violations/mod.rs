//! What was wrong with a request, field by field: a [`Violations`] list of
//! [`Violation`]s, each with a [`Location`] (an RFC 6901 [`Pointer`] into
//! the request body, or a named path, query, header or cookie parameter),
//! a machine code, a message and optional extra members.
//!
//! A variant carries one through a field marked `#[api(violations)]`;
//! every built-in format writes it in its own shape (problem+json's
//! `errors`, FastAPI's `detail` list, Google's `google.rpc.BadRequest`, a
//! `violations` member for nested and matrix) and reads it back.
//!
//! ```
//! use errbook::violations::{Location, Pointer, Violation, Violations};
//!
//! let violations = Violations::new()
//!     .body(Pointer::root().field("age"), "greater_than", "must be a positive integer")
//!     .query("page", "int_parsing", "must be an integer")
//!     .with(Violation::body(Pointer::root().field("items").index(0).field("title"), "missing", "Field required")
//!         .extra("input", serde_json::json!({})));
//! assert_eq!(violations.len(), 3);
//! let first = violations.iter().next().unwrap();
//! assert_eq!(first.location(), &Location::Body(Pointer::parse("/age").unwrap()));
//! assert_eq!(first.code(), "greater_than");
//! ```

pub(crate) mod codes;
pub mod json;
mod pointer;
pub(crate) mod read;
pub(crate) mod render;
mod validate;

pub use pointer::{Pointer, Token};
pub use validate::Validate;

use serde::Serialize;
use serde_json::Value;
use serde_json::value::RawValue;

/// Where a violation is: in the request body, or in a named parameter.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Location {
    /// A member of the request body, by its JSON pointer (the root for the
    /// body as a whole).
    Body(Pointer),
    /// A path parameter.
    Path(String),
    /// A query parameter.
    Query(String),
    /// A header.
    Header(String),
    /// A cookie.
    Cookie(String),
    /// An item of a parameter that carries a list (`?tag=1&tag=x`), by its
    /// index: FastAPI's `["query", "tag", 1]`. `parameter` is a parameter
    /// location (not a body one, nor an item).
    Item {
        /// The parameter.
        parameter: Box<Location>,
        /// The item's index in the parameter's list.
        index: usize,
    },
}

impl Location {
    /// A member of the body.
    pub fn body(pointer: Pointer) -> Self {
        Location::Body(pointer)
    }

    /// The parameter's kind as OpenAPI's `in` names it (`"path"`,
    /// `"query"`, `"header"`, `"cookie"`), and its name; `None` for a
    /// body location.
    pub fn parameter(&self) -> Option<(&'static str, &str)> {
        match self {
            Location::Body(_) => None,
            Location::Path(name) => Some(("path", name)),
            Location::Query(name) => Some(("query", name)),
            Location::Header(name) => Some(("header", name)),
            Location::Cookie(name) => Some(("cookie", name)),
            Location::Item { parameter, .. } => parameter.parameter(),
        }
    }

    /// The index of an [`Item`](Location::Item) in its parameter's list.
    pub fn index(&self) -> Option<usize> {
        match self {
            Location::Item { index, .. } => Some(*index),
            _ => None,
        }
    }

    /// Item `index` of the parameter location `parameter`; `None` when
    /// `parameter` is a body location or an item.
    pub fn item(parameter: Location, index: usize) -> Option<Self> {
        match parameter {
            Location::Body(_) | Location::Item { .. } => None,
            parameter => Some(Location::Item {
                parameter: Box::new(parameter),
                index,
            }),
        }
    }

    /// The parameter location of kind `kind` (`"path"`, `"query"`,
    /// `"header"`, `"cookie"`), named `name`.
    pub fn from_parameter(kind: &str, name: impl Into<String>) -> Option<Self> {
        let name = name.into();
        Some(match kind {
            "path" => Location::Path(name),
            "query" => Location::Query(name),
            "header" => Location::Header(name),
            "cookie" => Location::Cookie(name),
            _ => return None,
        })
    }

    /// FastAPI's `loc`: `["body", "items", 0, "title"]`, `["query", "page"]`.
    /// A pointer's tokens that are array indices (digits only, no leading
    /// zero) are numbers; the others are strings.
    pub fn to_loc(&self) -> Vec<Value> {
        let Location::Body(pointer) = self else {
            let (kind, name) = self.parameter().unwrap_or(("query", ""));
            let mut loc = vec![Value::from(kind), Value::from(name)];
            loc.extend(self.index().map(Value::from));
            return loc;
        };
        let mut loc = vec![Value::from("body")];
        loc.extend(pointer.tokens().map(|token| match token {
            Token::Index(index) => Value::from(index),
            Token::Key(key) => Value::from(key.into_owned()),
        }));
        loc
    }

    /// A location from FastAPI's `loc`; `None` when it is not one (an
    /// empty list, a first item other than `body`, `path`, `query`,
    /// `header`, `cookie`, a parameter without exactly one name (and at
    /// most one index after it), an item neither a string nor a
    /// non-negative integer).
    pub fn from_loc(loc: &[Value]) -> Option<Self> {
        let (first, rest) = loc.split_first()?;
        match first.as_str()? {
            "body" => {
                let mut pointer = Pointer::root();
                for item in rest {
                    pointer = match item {
                        Value::String(key) => pointer.field(key),
                        Value::Number(n) => pointer.index(usize::try_from(n.as_u64()?).ok()?),
                        _ => return None,
                    };
                }
                Some(Location::Body(pointer))
            }
            kind => match rest {
                [Value::String(name)] => Location::from_parameter(kind, name.as_str()),
                [Value::String(name), Value::Number(index)] => Location::item(
                    Location::from_parameter(kind, name.as_str())?,
                    usize::try_from(index.as_u64()?).ok()?,
                ),
                _ => None,
            },
        }
    }

    /// An AIP-193 field path (`items[0].title`); a parameter is its name
    /// (in backticks when it is no identifier: `` `x-token` ``), an item
    /// of one its name and index (`tag[1]`).
    pub fn to_field_path(&self) -> String {
        match self {
            Location::Body(pointer) => pointer.to_field_path(),
            _ => self.parameter().map_or_else(String::new, |(_, name)| {
                let pointer = Pointer::root().field(name);
                match self.index() {
                    Some(index) => pointer.index(index),
                    None => pointer,
                }
                .to_field_path()
            }),
        }
    }
}

/// One thing wrong with a request; see the [module](self).
///
/// Its extra members are kept as JSON text, exactly as written or read, so
/// a FastAPI body's `input` goes back member for member.
#[derive(Clone, Debug)]
pub struct Violation {
    location: Location,
    code: String,
    message: String,
    extra: Vec<(String, Box<RawValue>)>,
}

impl PartialEq for Violation {
    fn eq(&self, other: &Self) -> bool {
        self.location == other.location
            && self.code == other.code
            && self.message == other.message
            && self.extra.len() == other.extra.len()
            && self
                .extras()
                .zip(other.extras())
                .all(|((a, x), (b, y))| a == b && x.get() == y.get())
    }
}

impl Eq for Violation {}

impl Violation {
    /// A violation at `location`.
    pub fn new(location: Location, code: impl Into<String>, message: impl Into<String>) -> Self {
        Violation {
            location,
            code: code.into(),
            message: message.into(),
            extra: Vec::new(),
        }
    }

    /// A violation at a member of the body.
    pub fn body(pointer: Pointer, code: impl Into<String>, message: impl Into<String>) -> Self {
        Violation::new(Location::Body(pointer), code, message)
    }

    /// With an extra member (FastAPI's `input` and `ctx`, say), after
    /// those it has; one of the same name is replaced. A value whose
    /// `Serialize` fails is left out.
    #[must_use]
    pub fn extra(self, name: impl Into<String>, value: impl Serialize) -> Self {
        match serde_json::value::to_raw_value(&value) {
            Ok(raw) => self.extra_raw(name, raw),
            Err(_) => self,
        }
    }

    /// With an extra member given as JSON text.
    #[must_use]
    pub fn extra_raw(mut self, name: impl Into<String>, value: Box<RawValue>) -> Self {
        let name = name.into();
        match self.extra.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.extra.push((name, value)),
        }
        self
    }

    /// Where it is.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// The machine code (`"missing"`, `"greater_than"`).
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The extra members as JSON text, in the order they were added (or
    /// read).
    pub fn extras(&self) -> impl ExactSizeIterator<Item = (&str, &RawValue)> {
        self.extra
            .iter()
            .map(|(name, value)| (name.as_str(), &**value))
    }

    /// The extra member `name`, as JSON text.
    pub fn get(&self, name: &str) -> Option<&RawValue> {
        self.extra
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| &**v)
    }
}

/// The violations of one request, in order; see the [module](self).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Violations {
    items: Vec<Violation>,
}

impl Violations {
    /// No violations.
    pub const fn new() -> Self {
        Violations { items: Vec::new() }
    }

    /// With `violation` after the others.
    #[must_use]
    pub fn with(mut self, violation: Violation) -> Self {
        self.items.push(violation);
        self
    }

    /// With a violation at a member of the body.
    #[must_use]
    pub fn body(
        self,
        pointer: Pointer,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        self.with(Violation::body(pointer, code, message))
    }

    /// With a violation of a path parameter.
    #[must_use]
    pub fn path(
        self,
        name: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        self.with(Violation::new(Location::Path(name.into()), code, message))
    }

    /// With a violation of a query parameter.
    #[must_use]
    pub fn query(
        self,
        name: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        self.with(Violation::new(Location::Query(name.into()), code, message))
    }

    /// With a violation of a header.
    #[must_use]
    pub fn header(
        self,
        name: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        self.with(Violation::new(Location::Header(name.into()), code, message))
    }

    /// Adds `violation` after the others.
    pub fn push(&mut self, violation: Violation) {
        self.items.push(violation);
    }

    /// The violations, in order.
    pub fn iter(&self) -> core::slice::Iter<'_, Violation> {
        self.items.iter()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl<'a> IntoIterator for &'a Violations {
    type Item = &'a Violation;
    type IntoIter = core::slice::Iter<'a, Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl IntoIterator for Violations {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl FromIterator<Violation> for Violations {
    fn from_iter<I: IntoIterator<Item = Violation>>(iter: I) -> Self {
        Violations {
            items: iter.into_iter().collect(),
        }
    }
}

impl Extend<Violation> for Violations {
    fn extend<I: IntoIterator<Item = Violation>>(&mut self, iter: I) {
        self.items.extend(iter);
    }
}

#[cfg(test)]
mod tests;
