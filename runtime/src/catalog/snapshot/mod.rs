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

mod diff;
mod file;

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use super::Catalog;
use crate::ApiError;
use diff::diff;
use file::{contract, parse, write_snapshot};

pub use diff::{Change, Changes};
pub use file::Malformed;

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
    if changes.is_empty() {
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
