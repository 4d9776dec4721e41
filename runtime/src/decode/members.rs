//! [`Members`]: the members of a body a format does not read itself, kept
//! as borrowed raw JSON in an inline buffer.

use core::fmt;
use core::mem::ManuallyDrop;
use std::borrow::Cow;

use serde_json::value::RawValue;

/// How many members [`Members`] holds before it allocates.
const INLINE: usize = 4;

/// One member: its name and its raw JSON value.
type Member<'a> = (Cow<'a, str>, &'a RawValue);

/// The members of an error body that are not the format's own, in the
/// body's order: each name with its value as borrowed raw JSON. A body's
/// first few members are held without allocating.
///
/// Dropping it looks at the members there are: none, for most bodies, costs
/// a comparison, where dropping every slot and the spill checked each.
///
/// ```
/// use errbook::decode::Members;
/// use serde_json::value::RawValue;
///
/// let id: &RawValue = serde_json::from_str("7").unwrap();
/// let mut members = Members::new();
/// members.push("id", id);
/// assert_eq!(members.get("id").unwrap().get(), "7");
/// assert_eq!(members.len(), 1);
/// assert_eq!(members.iter().map(|(name, _)| name).collect::<Vec<_>>(), ["id"]);
/// ```
#[derive(Clone, Default)]
pub struct Members<'a> {
    len: usize,
    /// The first [`INLINE`] members; dropped by [`Members`]' `Drop`, up to
    /// `len`.
    inline: ManuallyDrop<[Option<Member<'a>>; INLINE]>,
    /// The others; dropped by [`Members`]' `Drop` when `len` is above
    /// [`INLINE`].
    spill: ManuallyDrop<Vec<Member<'a>>>,
}

impl Drop for Members<'_> {
    #[inline]
    fn drop(&mut self) {
        if self.len == 0 {
            return;
        }
        for slot in self.inline.iter_mut().take(self.len) {
            *slot = None;
        }
        if self.len > INLINE {
            drop(core::mem::take(&mut *self.spill));
        }
    }
}

impl<'a> Members<'a> {
    /// No members.
    pub fn new() -> Self {
        Members::default()
    }

    /// Adds the member `name` with its raw JSON `value`, after the others.
    #[inline]
    pub fn push(&mut self, name: impl Into<Cow<'a, str>>, value: &'a RawValue) {
        let member = (name.into(), value);
        match self.inline.get_mut(self.len) {
            Some(slot) => *slot = Some(member),
            None => self.spill.push(member),
        }
        self.len += 1;
    }

    /// The raw JSON of the first member named `name`.
    #[inline]
    pub fn get(&self, name: &str) -> Option<&'a RawValue> {
        for (member, value) in self.inline.iter().map_while(Option::as_ref) {
            if member == name {
                return Some(value);
            }
        }
        self.spill
            .iter()
            .find(|(member, _)| member == name)
            .map(|(_, value)| *value)
    }

    /// The members, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &'a RawValue)> + Clone + '_ {
        self.entries().map(|(name, value)| (&**name, *value))
    }

    /// How many members there are.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn entries(&self) -> impl Iterator<Item = &Member<'a>> + Clone + '_ {
        self.inline
            .iter()
            .map_while(Option::as_ref)
            .chain(self.spill.iter())
    }
}

impl fmt::Debug for Members<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<'a, N: Into<Cow<'a, str>>> Extend<(N, &'a RawValue)> for Members<'a> {
    fn extend<I: IntoIterator<Item = (N, &'a RawValue)>>(&mut self, members: I) {
        for (name, value) in members {
            self.push(name, value);
        }
    }
}

impl<'a, N: Into<Cow<'a, str>>> FromIterator<(N, &'a RawValue)> for Members<'a> {
    fn from_iter<I: IntoIterator<Item = (N, &'a RawValue)>>(members: I) -> Self {
        let mut all = Members::new();
        all.extend(members);
        all
    }
}
