//! What changed between a snapshot and the catalog: [`Changes`], one
//! [`Change`] each, and whether it breaks clients.

use std::collections::{BTreeSet, HashMap};
use std::fmt::{self, Write as _};

use super::file::{Recorded, Snapshot};
use crate::catalog::Status;

/// Every difference between a catalog and its snapshot: the snapshot's
/// type first, then the snapshot's codes in its order, then the new codes
/// in declaration order. Its `Display` is one change per line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes(Vec<Change>);

impl Changes {
    /// The changes, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Change> {
        self.0.iter()
    }

    /// The changes, as a slice.
    pub fn as_slice(&self) -> &[Change] {
        &self.0
    }

    /// The number of changes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is no change.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether one of the changes breaks clients.
    pub fn is_breaking(&self) -> bool {
        self.0.iter().any(Change::is_breaking)
    }
}

impl<'a> IntoIterator for &'a Changes {
    type Item = &'a Change;
    type IntoIter = std::slice::Iter<'a, Change>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl IntoIterator for Changes {
    type Item = Change;
    type IntoIter = std::vec::IntoIter<Change>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for Changes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, change) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_char('\n')?;
            }
            fmt::Display::fmt(change, f)?;
        }
        Ok(())
    }
}

/// One difference between a catalog and its snapshot.
///
/// A `code` is written as in the snapshot, as JSON: a string code with its
/// quotes (`"user:not_found"`), an integer code bare (`40401`). A `variant`
/// is `Type::Variant` (a struct's name alone).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Change {
    /// The snapshot was taken of a type of another name (not breaking; or
    /// the test names the wrong file).
    TypeRenamed {
        /// The name in the snapshot.
        old: String,
        /// The catalog's.
        new: String,
    },
    /// A code of the snapshot is gone (breaking).
    Removed {
        /// The code.
        code: String,
        /// The variant that declared it.
        variant: String,
        /// A new code the same variant has now: the code was likely
        /// renamed to it.
        renamed_to: Option<String>,
    },
    /// A code is not in the snapshot (not breaking).
    Added {
        /// The code.
        code: String,
        /// The variant that declares it.
        variant: String,
        /// A removed code the same variant had: the code was likely
        /// renamed from it.
        renamed_from: Option<String>,
    },
    /// A code's status changed (breaking).
    StatusChanged {
        /// The code.
        code: String,
        /// The status in the snapshot.
        old: Status,
        /// The catalog's.
        new: Status,
    },
    /// The placeholders of a code's message changed (breaking): the sets of
    /// names, sorted.
    PlaceholdersChanged {
        /// The code.
        code: String,
        /// The placeholders in the snapshot.
        old: Vec<String>,
        /// The catalog's.
        new: Vec<String>,
    },
    /// The members a code exposes changed (breaking when one is removed):
    /// the sets of names, sorted.
    FieldsChanged {
        /// The code.
        code: String,
        /// The members in the snapshot.
        old: Vec<String>,
        /// The catalog's.
        new: Vec<String>,
    },
    /// A code was deprecated, or no longer is (not breaking).
    DeprecationChanged {
        /// The code.
        code: String,
        /// Whether it is deprecated now.
        deprecated: bool,
    },
    /// A code is declared by another variant or type (not breaking).
    VariantChanged {
        /// The code.
        code: String,
        /// The variant in the snapshot.
        old: String,
        /// The catalog's.
        new: String,
    },
}

impl Change {
    /// Whether the change breaks clients that rely on the snapshot: a
    /// removed code, a new status, new placeholders, a removed member.
    pub fn is_breaking(&self) -> bool {
        match self {
            Change::Removed { .. }
            | Change::StatusChanged { .. }
            | Change::PlaceholdersChanged { .. } => true,
            Change::FieldsChanged { old, new, .. } => old.iter().any(|name| !new.contains(name)),
            Change::TypeRenamed { .. }
            | Change::Added { .. }
            | Change::DeprecationChanged { .. }
            | Change::VariantChanged { .. } => false,
        }
    }

    /// The code the change is about (`None` for [`Change::TypeRenamed`]),
    /// written as JSON.
    pub fn code(&self) -> Option<&str> {
        match self {
            Change::TypeRenamed { .. } => None,
            Change::Removed { code, .. }
            | Change::Added { code, .. }
            | Change::StatusChanged { code, .. }
            | Change::PlaceholdersChanged { code, .. }
            | Change::FieldsChanged { code, .. }
            | Change::DeprecationChanged { code, .. }
            | Change::VariantChanged { code, .. } => Some(code),
        }
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn set(names: &[String]) -> String {
            format!("{{{}}}", names.join(", "))
        }
        fn list(names: &[String]) -> String {
            format!("[{}]", names.join(", "))
        }
        match self {
            Change::TypeRenamed { old, new } => write!(
                f,
                "type renamed: `{old}` -> `{new}` (or is this the snapshot of another type?)"
            )?,
            Change::Removed {
                code,
                variant,
                renamed_to,
            } => {
                write!(f, "{code} ({variant}): removed")?;
                if let Some(new) = renamed_to {
                    write!(f, "; renamed? {variant} now has code {new}")?;
                }
            }
            Change::Added {
                code,
                variant,
                renamed_from,
            } => {
                write!(f, "{code} ({variant}): new code")?;
                if let Some(old) = renamed_from {
                    write!(f, "; renamed from {old}?")?;
                }
            }
            Change::StatusChanged { code, old, new } => {
                write!(f, "{code}: status changed: {old} -> {new}")?;
            }
            Change::PlaceholdersChanged { code, old, new } => write!(
                f,
                "{code}: placeholders changed: {} -> {}",
                set(old),
                set(new)
            )?,
            Change::FieldsChanged { code, old, new } => {
                write!(f, "{code}: fields changed: {} -> {}", list(old), list(new))?;
            }
            Change::DeprecationChanged { code, deprecated } => write!(
                f,
                "{code}: {}",
                if *deprecated {
                    "now deprecated"
                } else {
                    "no longer deprecated"
                }
            )?,
            Change::VariantChanged { code, old, new } => {
                write!(f, "{code}: now declared by {new} (was {old})")?;
            }
        }
        f.write_str(if self.is_breaking() {
            " [breaking]"
        } else {
            " [not breaking]"
        })
    }
}

pub(super) fn diff(snapshot: &Snapshot, type_name: &str, current: &[Recorded]) -> Changes {
    let mut changes = Vec::new();
    if snapshot.type_name != type_name {
        changes.push(Change::TypeRenamed {
            old: snapshot.type_name.clone(),
            new: type_name.to_owned(),
        });
    }
    let now: HashMap<&str, &Recorded> = current.iter().map(|r| (r.code.as_str(), r)).collect();
    let before: HashMap<&str, &Recorded> = snapshot
        .codes
        .iter()
        .map(|r| (r.code.as_str(), r))
        .collect();
    // A code removed while its variant gained a new one was likely renamed.
    let added = || {
        current
            .iter()
            .filter(|r| !before.contains_key(r.code.as_str()))
    };
    let removed = || {
        snapshot
            .codes
            .iter()
            .filter(|r| !now.contains_key(r.code.as_str()))
    };
    for old in &snapshot.codes {
        let code = || old.code.clone();
        let Some(new) = now.get(old.code.as_str()) else {
            changes.push(Change::Removed {
                code: code(),
                variant: old.variant.clone(),
                renamed_to: added()
                    .find(|new| new.variant == old.variant)
                    .map(|new| new.code.clone()),
            });
            continue;
        };
        if old.status != new.status {
            changes.push(Change::StatusChanged {
                code: code(),
                old: old.status,
                new: new.status,
            });
        }
        if old.placeholders != new.placeholders {
            changes.push(Change::PlaceholdersChanged {
                code: code(),
                old: old.placeholders.clone(),
                new: new.placeholders.clone(),
            });
        }
        let sorted = |fields: &[String]| -> Vec<String> {
            let set: BTreeSet<&String> = fields.iter().collect();
            set.into_iter().cloned().collect()
        };
        let (old_fields, new_fields) = (sorted(&old.fields), sorted(&new.fields));
        if old_fields != new_fields {
            changes.push(Change::FieldsChanged {
                code: code(),
                old: old_fields,
                new: new_fields,
            });
        }
        if old.deprecated != new.deprecated {
            changes.push(Change::DeprecationChanged {
                code: code(),
                deprecated: new.deprecated,
            });
        }
        if old.variant != new.variant {
            changes.push(Change::VariantChanged {
                code: code(),
                old: old.variant.clone(),
                new: new.variant.clone(),
            });
        }
    }
    for new in added() {
        changes.push(Change::Added {
            code: new.code.clone(),
            variant: new.variant.clone(),
            renamed_from: removed()
                .find(|old| old.variant == new.variant)
                .map(|old| old.code.clone()),
        });
    }
    Changes(changes)
}
