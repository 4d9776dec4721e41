//! Catalog snapshots: a test that fails when an error code a client relies
//! on is removed or renamed, changes its status, or changes its message's
//! placeholders.
//!
//! A snapshot is a file checked in next to the tests that records the
//! contract of an error type's [`Catalog`]: for every code, the variant that
//! declares it, its status, the placeholders of its message template, the
//! members it exposes with `#[api(field)]`, and whether it is deprecated.
//! [`assert_stable`] compares the type's catalog with the file and panics
//! with one line per change:
//!
//! ```no_run
//! # use errbook::ApiError;
//! # #[derive(Debug, ApiError)]
//! # #[api(status = 404)]
//! # enum UserError { NotFound }
//! #[test]
//! fn error_codes_are_stable() {
//!     errbook::catalog::snapshot::assert_stable::<UserError>(concat!(
//!         env!("CARGO_MANIFEST_DIR"),
//!         "/snapshots/user_error.json"
//!     ));
//! }
//! ```
//!
//! Run the tests with `ERRBOOK_SNAPSHOT=overwrite` to write the snapshot
//! (the first time) or rewrite it (after an intended change), then review
//! and commit the file's diff, as with trybuild's `TRYBUILD=overwrite`.
//! Without the variable a missing snapshot fails, saying how to create it.
//!
//! # What fails
//!
//! Every difference between the catalog and the snapshot fails, each listed
//! as a [`Change`] and marked breaking or not:
//!
//! | change | breaking |
//! |---|---|
//! | a code is removed (a new code on the same variant is suggested as its new name) | yes |
//! | a status changes (`403 -> 401`, `varies`, `none`) | yes |
//! | the placeholders of a message change (`{id} -> {id, name}`) | yes |
//! | an exposed member is removed | yes |
//! | a code is added, a member is added | no |
//! | a code is deprecated or no longer deprecated | no |
//! | a code moves to another variant or type, the type is renamed | no |
//!
//! Changes that break no client fail too: a code missing from the snapshot
//! is a code the guard does not protect, so a new code is recorded on
//! purpose, with the variable, in the same commit that adds it. The failure
//! then is a reminder, not a verdict; a breaking change is one to reconsider
//! (keep the old code and mark it `#[deprecated]` instead).
//!
//! The wording of a message is not part of the contract: changing a
//! template's text while keeping its placeholders passes, and the snapshot
//! does not record it. Neither does it record titles, descriptions, field
//! types, documentation URLs or the order of codes. The comparison is by
//! code; the file's layout is free to be edited by hand, an overwrite
//! writes it back in declaration order.
//!
//! # The file
//!
//! Pretty JSON, one code per line in declaration order, so that a review
//! reads the diff line by line; keys that hold nothing are left out:
//!
//! ```json
//! {
//!   "errbook_snapshot": 1,
//!   "type": "UserError",
//!   "codes": [
//!     {"code": "user:not_found", "variant": "UserError::NotFound", "status": 404, "placeholders": ["id"], "fields": ["id"]},
//!     {"code": 40901, "variant": "UserError::Taken", "status": 409, "deprecated": true},
//!     {"code": "M_UNRECOGNIZED", "variant": "UserError::Unrecognized", "status": "varies"}
//!   ]
//! }
//! ```
//!
//! A string code is a JSON string and an integer code a JSON number, as on
//! the wire; a status is a number, `"varies"` (a `#[api(status)]` field) or
//! `"none"` (`#[api(status = none)]`). A file that is not such a document is
//! a [`Malformed`] error naming what is wrong, never a panic of its own.
//!
//! # Without files
//!
//! [`render`] writes a snapshot and [`compare`] checks a catalog against
//! one, without touching the file system or the environment:
//!
//! ```
//! use errbook::ApiError;
//! use errbook::catalog::snapshot::{self, Change, Mismatch};
//!
//! mod v1 {
//!     #[derive(Debug, errbook::ApiError)]
//!     #[api(prefix = "user:", rename_all = "snake_case")]
//!     pub enum UserError {
//!         /// No user has this ID.
//!         #[api(status = 404, message = "User {id} not found.")]
//!         NotFound { id: u64 },
//!         /// The name is taken.
//!         #[api(status = 409)]
//!         NameTaken,
//!     }
//! }
//!
//! mod v2 {
//!     #[derive(Debug, errbook::ApiError)]
//!     #[api(prefix = "user:", rename_all = "snake_case")]
//!     pub enum UserError {
//!         /// No user has this ID.
//!         #[api(status = 404, message = "There is no user {id}.")] // new wording: fine
//!         NotFound { id: u64 },
//!         /// The name is taken.
//!         #[api(status = 400)] // was 409: breaking
//!         NameTaken,
//!     }
//! }
//!
//! let recorded = snapshot::render(v1::UserError::catalog());
//! assert!(snapshot::compare(v1::UserError::catalog(), &recorded).is_ok());
//!
//! let Err(Mismatch::Changed(changes)) = snapshot::compare(v2::UserError::catalog(), &recorded)
//! else {
//!     panic!("the status changed")
//! };
//! assert!(changes.is_breaking());
//! assert!(matches!(
//!     changes.iter().next(),
//!     Some(Change::StatusChanged { code, .. }) if code == r#""user:name_taken""#
//! ));
//! assert_eq!(
//!     changes.to_string(),
//!     r#""user:name_taken": status changed: 409 -> 400 [breaking]"#,
//! );
//!
//! assert!(matches!(snapshot::compare(v2::UserError::catalog(), "{"), Err(Mismatch::Malformed(_))));
//! ```

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::{self, Write as _};
use std::io;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::{Catalog, Status};
use crate::{ApiError, Code};

/// The environment variable that [`assert_stable`] reads: `overwrite`
/// writes the snapshot instead of comparing with it.
pub const ENV_VAR: &str = "ERRBOOK_SNAPSHOT";

/// The version of the file format, its `"errbook_snapshot"` member.
pub const FORMAT_VERSION: u64 = 1;

const HOW_TO_OVERWRITE: &str = "ERRBOOK_SNAPSHOT=overwrite cargo test";

/// Compares `T`'s catalog with the snapshot at `path`, or writes the
/// snapshot when the environment variable `ERRBOOK_SNAPSHOT` is
/// `overwrite`.
///
/// # Panics
///
/// When the catalog differs from the snapshot (listing every change), when
/// the snapshot is missing, unreadable or malformed, when it cannot be
/// written, and when `ERRBOOK_SNAPSHOT` has a value other than `overwrite`.
#[track_caller]
pub fn assert_stable<T: ApiError>(path: impl AsRef<Path>) {
    match Mode::from_env() {
        Ok(mode) => assert_stable_with::<T>(path, mode),
        Err(failure) => panic!("{failure}"),
    }
}

/// [`assert_stable`] with the mode given rather than read from the
/// environment: tests of the guard itself use it, so that they never race
/// on the process's environment.
///
/// # Panics
///
/// As [`assert_stable`] does, save for the environment variable.
#[track_caller]
pub fn assert_stable_with<T: ApiError>(path: impl AsRef<Path>, mode: Mode) {
    let path = path.as_ref();
    match check(T::catalog(), path, mode) {
        Ok(Outcome::Matched) => {}
        Ok(outcome) => eprintln!("{outcome} the snapshot {}", path.display()),
        Err(failure) => panic!("{failure}"),
    }
}

/// Compares `catalog` with the snapshot at `path` (with
/// [`Mode::Compare`]) or writes it there (with [`Mode::Overwrite`],
/// creating missing directories): [`assert_stable_with`] without the panic.
pub fn check(catalog: &Catalog, path: impl AsRef<Path>, mode: Mode) -> Result<Outcome, Failure> {
    let path = path.as_ref();
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) if mode == Mode::Compare => {
            return Err(Failure::Read {
                path: path.to_owned(),
                error,
            });
        }
        // Overwriting does not need what is there.
        Err(_) => None,
    };
    match mode {
        Mode::Compare => {
            let Some(text) = existing else {
                return Err(Failure::Missing {
                    path: path.to_owned(),
                    type_name: catalog.type_name.to_owned(),
                });
            };
            match compare(catalog, &text) {
                Ok(()) => Ok(Outcome::Matched),
                Err(Mismatch::Malformed(error)) => Err(Failure::Malformed {
                    path: path.to_owned(),
                    error,
                }),
                Err(Mismatch::Changed(changes)) => Err(Failure::Changed {
                    path: path.to_owned(),
                    type_name: catalog.type_name.to_owned(),
                    changes,
                }),
            }
        }
        Mode::Overwrite => {
            let text = render(catalog);
            if existing.as_deref() == Some(text.as_str()) {
                return Ok(Outcome::Matched);
            }
            let write = |path: &Path| {
                if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir)?;
                }
                std::fs::write(path, &text)
            };
            write(path).map_err(|error| Failure::Write {
                path: path.to_owned(),
                error,
            })?;
            Ok(if existing.is_some() {
                Outcome::Rewritten
            } else {
                Outcome::Created
            })
        }
    }
}

/// What [`check`] does with the snapshot file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Compare the catalog with the file; fail on any change.
    Compare,
    /// Write the catalog to the file, creating or replacing it.
    Overwrite,
}

impl Mode {
    /// The mode `ERRBOOK_SNAPSHOT` asks for: [`Mode::Overwrite`] for
    /// `overwrite`, [`Mode::Compare`] when unset or empty, and an error for
    /// any other value (a typo should not silently compare).
    pub fn from_env() -> Result<Mode, Failure> {
        match std::env::var_os(ENV_VAR) {
            None => Ok(Mode::Compare),
            Some(value) if value.is_empty() => Ok(Mode::Compare),
            Some(value) if value == "overwrite" => Ok(Mode::Overwrite),
            Some(value) => Err(Failure::Env {
                value: value.to_string_lossy().into_owned(),
            }),
        }
    }
}

/// What [`check`] did, when it did not fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The snapshot matches the catalog (and was left as it is).
    Matched,
    /// There was no snapshot; it was written.
    Created,
    /// The snapshot differed from the catalog; it was rewritten.
    Rewritten,
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Outcome::Matched => "matched",
            Outcome::Created => "created",
            Outcome::Rewritten => "rewrote",
        })
    }
}

/// Why [`check`] failed; its `Display` is the message [`assert_stable`]
/// panics with.
#[derive(Debug)]
#[non_exhaustive]
pub enum Failure {
    /// There is no snapshot file (and the mode is [`Mode::Compare`]).
    Missing {
        /// The snapshot's path.
        path: PathBuf,
        /// The type whose snapshot it is.
        type_name: String,
    },
    /// The snapshot file cannot be read.
    Read {
        /// The snapshot's path.
        path: PathBuf,
        /// Why.
        error: io::Error,
    },
    /// The snapshot file cannot be written.
    Write {
        /// The snapshot's path.
        path: PathBuf,
        /// Why.
        error: io::Error,
    },
    /// The snapshot file is not a snapshot.
    Malformed {
        /// The snapshot's path.
        path: PathBuf,
        /// What is wrong with it.
        error: Malformed,
    },
    /// The catalog differs from the snapshot.
    Changed {
        /// The snapshot's path.
        path: PathBuf,
        /// The type whose catalog it is.
        type_name: String,
        /// Every change.
        changes: Changes,
    },
    /// `ERRBOOK_SNAPSHOT` has a value other than `overwrite`.
    Env {
        /// The value.
        value: String,
    },
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Missing { path, type_name } => write!(
                f,
                "no snapshot of the error catalog of `{type_name}` at {}; create it with `{HOW_TO_OVERWRITE}`, then review and commit it",
                path.display(),
            ),
            Failure::Read { path, error } => {
                write!(f, "cannot read the snapshot {}: {error}", path.display())
            }
            Failure::Write { path, error } => {
                write!(f, "cannot write the snapshot {}: {error}", path.display())
            }
            Failure::Malformed { path, error } => write!(
                f,
                "the snapshot {} is malformed: {error}; fix it, or rewrite it with `{HOW_TO_OVERWRITE}`",
                path.display(),
            ),
            Failure::Changed {
                path,
                type_name,
                changes,
            } => {
                let breaking = changes.iter().filter(|c| c.is_breaking()).count();
                writeln!(
                    f,
                    "the error catalog of `{type_name}` differs from its snapshot {} ({} {}, {breaking} breaking):",
                    path.display(),
                    changes.len(),
                    if changes.len() == 1 {
                        "change"
                    } else {
                        "changes"
                    },
                )?;
                for change in changes {
                    writeln!(f, "    {change}")?;
                }
                if breaking > 0 {
                    writeln!(
                        f,
                        "A breaking change breaks clients that rely on a code, its status or its message's placeholders; \
                         consider keeping the old code and marking it #[deprecated]."
                    )?;
                }
                write!(
                    f,
                    "If the changes are intended, rewrite the snapshot with `{HOW_TO_OVERWRITE}` and commit it."
                )
            }
            Failure::Env { value } => write!(
                f,
                "{ENV_VAR} is `{value}`: set it to `overwrite` to rewrite snapshots, or unset it to compare with them"
            ),
        }
    }
}

impl std::error::Error for Failure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Failure::Read { error, .. } | Failure::Write { error, .. } => Some(error),
            Failure::Malformed { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// Writes the snapshot of `catalog`: the text [`Mode::Overwrite`] puts in
/// the file.
pub fn render(catalog: &Catalog) -> String {
    let mut out = String::new();
    // Writing to a `String` cannot fail.
    let _ = write_snapshot(&mut out, catalog.type_name, &contract(catalog));
    out
}

/// Compares `catalog` with the snapshot `text`: `Ok` when the contract it
/// records is the catalog's, else every change or what makes the text no
/// snapshot.
pub fn compare(catalog: &Catalog, text: &str) -> Result<(), Mismatch> {
    let snapshot = parse(text).map_err(Mismatch::Malformed)?;
    let changes = diff(&snapshot, catalog.type_name, &contract(catalog));
    if changes.0.is_empty() {
        Ok(())
    } else {
        Err(Mismatch::Changed(changes))
    }
}

/// Why [`compare`] did not match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// The text is not a snapshot.
    Malformed(Malformed),
    /// The catalog differs from the snapshot.
    Changed(Changes),
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Mismatch::Malformed(error) => write!(f, "malformed snapshot: {error}"),
            Mismatch::Changed(changes) => fmt::Display::fmt(changes, f),
        }
    }
}

impl std::error::Error for Mismatch {}

/// What makes a text no snapshot: invalid JSON (with its line and column),
/// a missing or mistyped member, an unknown key, a code listed twice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Malformed {
    message: String,
}

impl Malformed {
    fn new(message: impl Into<String>) -> Malformed {
        Malformed {
            message: message.into(),
        }
    }
}

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Malformed {}

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

/// What a snapshot records of one code.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Recorded {
    /// The code as JSON: `"user:not_found"` or `40401`.
    code: String,
    variant: String,
    status: Status,
    /// Sorted, without duplicates.
    placeholders: Vec<String>,
    /// In declaration order.
    fields: Vec<String>,
    deprecated: bool,
}

/// A parsed snapshot.
struct Snapshot {
    type_name: String,
    codes: Vec<Recorded>,
}

fn code_json(code: Code<'_>) -> String {
    match code {
        Code::Str(s) => json_string(s),
        Code::Int(i) => i.to_string(),
    }
}

fn json_string(s: &str) -> String {
    Value::from(s).to_string()
}

/// The contract of every code of `catalog`, in declaration order.
fn contract(catalog: &Catalog) -> Vec<Recorded> {
    catalog
        .entries()
        .map(|(owner, entry)| Recorded {
            code: code_json(entry.code),
            variant: if entry.variant == owner.type_name {
                entry.variant.to_owned()
            } else {
                format!("{}::{}", owner.type_name, entry.variant)
            },
            status: entry.status,
            placeholders: entry.message().map(placeholders).unwrap_or_default(),
            fields: entry.fields.iter().map(|f| f.name.to_owned()).collect(),
            deprecated: entry.deprecated,
        })
        .collect()
}

/// The names of a template's placeholders, sorted and deduplicated: `{id}`,
/// `{0}`, `{used:.1}` (the spec is wording), never `{{` or `}}`.
fn placeholders(template: &str) -> Vec<String> {
    let mut names = BTreeSet::new();
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        let after = &rest[at + 1..];
        if rest[at..].starts_with('}') {
            rest = after.strip_prefix('}').unwrap_or(after);
            continue;
        }
        if let Some(after) = after.strip_prefix('{') {
            rest = after;
            continue;
        }
        let Some(end) = after.find(['}', '{']) else {
            break;
        };
        let inner = &after[..end];
        let name = inner.split_once(':').map_or(inner, |(name, _)| name).trim();
        let name = name.strip_prefix("r#").unwrap_or(name);
        if !name.is_empty() {
            // `{00}` is `{0}`.
            let name = match name.parse::<u64>() {
                Ok(index) if name.bytes().all(|b| b.is_ascii_digit()) => index.to_string(),
                _ => name.to_owned(),
            };
            names.insert(name);
        }
        rest = &after[end..];
        rest = rest.strip_prefix('}').unwrap_or(rest);
    }
    names.into_iter().collect()
}

fn write_snapshot(out: &mut String, type_name: &str, codes: &[Recorded]) -> fmt::Result {
    fn names(out: &mut String, key: &str, names: &[String]) -> fmt::Result {
        if names.is_empty() {
            return Ok(());
        }
        write!(out, ", \"{key}\": [")?;
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&json_string(name));
        }
        out.push(']');
        Ok(())
    }

    writeln!(out, "{{")?;
    writeln!(out, "  \"errbook_snapshot\": {FORMAT_VERSION},")?;
    writeln!(out, "  \"type\": {},", json_string(type_name))?;
    if codes.is_empty() {
        writeln!(out, "  \"codes\": []")?;
    } else {
        writeln!(out, "  \"codes\": [")?;
        for (i, code) in codes.iter().enumerate() {
            write!(
                out,
                "    {{\"code\": {}, \"variant\": {}, \"status\": ",
                code.code,
                json_string(&code.variant)
            )?;
            match code.status {
                Status::Fixed(status) => write!(out, "{status}")?,
                Status::Varies => out.push_str("\"varies\""),
                Status::None => out.push_str("\"none\""),
            }
            names(out, "placeholders", &code.placeholders)?;
            names(out, "fields", &code.fields)?;
            if code.deprecated {
                out.push_str(", \"deprecated\": true");
            }
            out.push('}');
            if i + 1 < codes.len() {
                out.push(',');
            }
            out.push('\n');
        }
        writeln!(out, "  ]")?;
    }
    writeln!(out, "}}")
}

fn parse(text: &str) -> Result<Snapshot, Malformed> {
    let value: Value =
        serde_json::from_str(text).map_err(|error| Malformed::new(format!("not JSON: {error}")))?;
    let Value::Object(root) = value else {
        return Err(Malformed::new(
            "expected a JSON object with `errbook_snapshot`, `type` and `codes`",
        ));
    };
    only_keys(
        &root,
        &["errbook_snapshot", "type", "codes"],
        "the snapshot",
    )?;
    match root.get("errbook_snapshot") {
        Some(version) if version.as_u64() == Some(FORMAT_VERSION) => {}
        Some(version) => {
            return Err(Malformed::new(format!(
                "`errbook_snapshot` is {version}; this version of errbook reads version {FORMAT_VERSION}"
            )));
        }
        None => {
            return Err(Malformed::new(
                "`errbook_snapshot` (the format version) is missing",
            ));
        }
    }
    let type_name = match root.get("type") {
        Some(Value::String(name)) => name.clone(),
        Some(_) => return Err(Malformed::new("`type` is not a string")),
        None => return Err(Malformed::new("`type` is missing")),
    };
    let entries = match root.get("codes") {
        Some(Value::Array(entries)) => entries,
        Some(_) => return Err(Malformed::new("`codes` is not an array")),
        None => return Err(Malformed::new("`codes` is missing")),
    };
    let mut codes = Vec::with_capacity(entries.len());
    let mut seen = HashSet::new();
    for (index, entry) in entries.iter().enumerate() {
        let recorded = parse_entry(entry)
            .map_err(|error| Malformed::new(format!("`codes[{index}]`: {error}")))?;
        if !seen.insert(recorded.code.clone()) {
            return Err(Malformed::new(format!(
                "`codes[{index}]`: code {} is listed twice",
                recorded.code
            )));
        }
        codes.push(recorded);
    }
    Ok(Snapshot { type_name, codes })
}

fn parse_entry(entry: &Value) -> Result<Recorded, String> {
    let Value::Object(entry) = entry else {
        return Err("not an object".to_owned());
    };
    let code = match entry.get("code") {
        Some(Value::String(code)) => json_string(code),
        Some(Value::Number(code)) if code.is_i64() => code.to_string(),
        Some(other) => return Err(format!("`code` is {other}, not a string or an integer")),
        None => return Err("`code` is missing".to_owned()),
    };
    let context = |message: String| format!("{code}: {message}");
    only_keys(
        entry,
        &[
            "code",
            "variant",
            "status",
            "placeholders",
            "fields",
            "deprecated",
        ],
        "an entry",
    )
    .map_err(|error| context(error.message))?;
    let variant = match entry.get("variant") {
        Some(Value::String(variant)) => variant.clone(),
        Some(_) => return Err(context("`variant` is not a string".to_owned())),
        None => return Err(context("`variant` is missing".to_owned())),
    };
    let status = match entry.get("status") {
        Some(Value::String(s)) if s == "varies" => Status::Varies,
        Some(Value::String(s)) if s == "none" => Status::None,
        Some(Value::Number(n)) => match n.as_u64().and_then(|n| u16::try_from(n).ok()) {
            Some(status) => Status::Fixed(status),
            None => return Err(context(format!("`status` {n} is not an HTTP status"))),
        },
        Some(other) => {
            return Err(context(format!(
                "`status` is {other}, not a number, \"varies\" or \"none\""
            )));
        }
        None => return Err(context("`status` is missing".to_owned())),
    };
    let names = |key: &str| -> Result<Vec<String>, String> {
        match entry.get(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| match item {
                    Value::String(name) => Ok(name.clone()),
                    other => Err(context(format!("`{key}` holds {other}, not a string"))),
                })
                .collect(),
            Some(_) => Err(context(format!("`{key}` is not an array of strings"))),
        }
    };
    let placeholders: BTreeSet<String> = names("placeholders")?.into_iter().collect();
    let fields = names("fields")?;
    let deprecated = match entry.get("deprecated") {
        None => false,
        Some(Value::Bool(deprecated)) => *deprecated,
        Some(_) => return Err(context("`deprecated` is not true or false".to_owned())),
    };
    Ok(Recorded {
        code,
        variant,
        status,
        placeholders: placeholders.into_iter().collect(),
        fields,
        deprecated,
    })
}

fn only_keys(object: &Map<String, Value>, known: &[&str], what: &str) -> Result<(), Malformed> {
    match object.keys().find(|key| !known.contains(&key.as_str())) {
        None => Ok(()),
        Some(key) => Err(Malformed::new(format!(
            "unknown key `{key}` in {what}; the keys are {}",
            known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

fn diff(snapshot: &Snapshot, type_name: &str, current: &[Recorded]) -> Changes {
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

#[cfg(test)]
mod tests {
    use super::placeholders;

    #[test]
    fn finds_placeholders() {
        assert_eq!(placeholders("User {id} not found."), ["id"]);
        assert_eq!(placeholders("{b} {a} {b}"), ["a", "b"]);
        assert_eq!(placeholders("{0}: {00}"), ["0"]);
        assert_eq!(
            placeholders("Used {used:.1} of {limit: >4}"),
            ["limit", "used"]
        );
        assert_eq!(placeholders("{{literal}} and {r#type}"), ["type"]);
        assert_eq!(placeholders("}} {{ {x}"), ["x"]);
        assert!(placeholders("No placeholder.").is_empty());
        // Broken templates never reach a catalog; they do not panic either.
        assert!(placeholders("{").is_empty());
        assert_eq!(placeholders("{a{b}"), ["a", "b"]);
        assert!(placeholders("}").is_empty());
    }
}
