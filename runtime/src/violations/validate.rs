//! [`Validate`]: a type's own check of a value read from a request.

use super::Violations;

/// A check of a value read from a request, reporting every violation at
/// once: the hook [`json::Reader::read_valid`](super::json::Reader::read_valid)
/// and the `ValidJson` extractors of the framework integrations run after
/// reading the body, so a client learns in one response everything wrong
/// with its request.
///
/// Each violation's location is the member's pointer in the body, as the
/// reader reports its own.
///
/// ```
/// use errbook::violations::{Pointer, Validate, Violations};
/// use errbook::violations::json::Reader;
///
/// #[derive(Debug, serde::Deserialize)]
/// struct NewUser {
///     name: String,
///     age: u8,
/// }
///
/// impl Validate for NewUser {
///     fn validate(&self) -> Result<(), Violations> {
///         let mut violations = Violations::new();
///         if self.name.is_empty() {
///             violations = violations.body(Pointer::root().field("name"), "too_short", "must not be empty");
///         }
///         if self.age < 18 {
///             violations = violations.body(Pointer::root().field("age"), "greater_than_equal", "must be at least 18");
///         }
///         if violations.is_empty() { Ok(()) } else { Err(violations) }
///     }
/// }
///
/// // Both members are wrong: both are reported.
/// let error = Reader::new().read_valid::<NewUser>(br#"{"name": "", "age": 7}"#).unwrap_err();
/// assert_eq!(error.violations().len(), 2);
/// // A member of the wrong kind, and a value the check refuses: both again.
/// let error = Reader::new().read_valid::<NewUser>(br#"{"name": 5, "age": 7}"#).unwrap_err();
/// let codes: Vec<&str> = error.violations().iter().map(|v| v.code()).collect();
/// assert_eq!(codes, ["string_type", "greater_than_equal"]);
/// ```
///
/// When the body had members of the wrong kind, or lacked some, the check
/// runs on the value read with placeholders in their place (`0`, `""`, an
/// empty list, `false`) and its violations at those members are dropped.
/// A rule on one member is then exact. A rule that compares members (an
/// end after a start) may see a placeholder; if that would report a
/// member the client got right, give the rule's violation the pointer of
/// the member that holds the placeholder, or check such rules in the
/// handler.
pub trait Validate {
    /// `Ok` when the value is valid, otherwise every violation found.
    fn validate(&self) -> Result<(), Violations>;
}

impl<T: Validate + ?Sized> Validate for &T {
    fn validate(&self) -> Result<(), Violations> {
        (**self).validate()
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate(&self) -> Result<(), Violations> {
        (**self).validate()
    }
}
