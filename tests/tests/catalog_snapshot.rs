//! `errbook::catalog::snapshot`: a catalog compared with a snapshot of an
//! earlier version of its type fails, naming each change, when a code is
//! removed or renamed, changes status, or changes its placeholders; a new
//! wording passes; `Mode::Overwrite` writes the file.

// The versions' variants are never constructed: only their catalogs are read.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use errbook::catalog::Status;
use errbook::catalog::snapshot::{
    self, Change, Changes, Failure, Mismatch, Mode, Outcome, assert_stable_with, check, compare,
    render,
};
use errbook::{ApiError, Catalog};

/// Session errors, nested in every version of `UserError`.
#[derive(Debug, ApiError)]
#[api(prefix = "session:", rename_all = "snake_case", status = 401)]
pub enum SessionError {
    /// The session has expired.
    Expired,
}

/// The version every other one is compared with.
mod v1 {
    use super::{ApiError, SessionError};

    /// User errors.
    #[derive(Debug, ApiError)]
    #[api(prefix = "user:", rename_all = "snake_case")]
    pub(crate) enum UserError {
        /// No user has this ID.
        #[api(status = 404, message = "User {id} not found.")]
        NotFound { id: u64 },
        /// The name is taken.
        #[api(status = 409, message = "The name {name} is taken.")]
        NameTaken {
            #[api(field)]
            name: String,
        },
        /// Too many requests.
        #[api(code = 42901, status = 429, message = "Slow down.")]
        RateLimited {
            #[api(field, retry_after)]
            retry_after: u64,
        },
        #[api(transparent)]
        Session(SessionError),
    }
}

// v1 with `NameTaken` gone.
mod removed {
    use super::{ApiError, SessionError};

    /// User errors.
    #[derive(Debug, ApiError)]
    #[api(prefix = "user:", rename_all = "snake_case")]
    pub(crate) enum UserError {
        /// No user has this ID.
        #[api(status = 404, message = "User {id} not found.")]
        NotFound { id: u64 },
        /// Too many requests.
        #[api(code = 42901, status = 429, message = "Slow down.")]
        RateLimited {
            #[api(field, retry_after)]
            retry_after: u64,
        },
        #[api(transparent)]
        Session(SessionError),
    }
}

// v1 with `NotFound`'s code written as `user:unknown`.
mod renamed {
    use super::{ApiError, SessionError};

    /// User errors.
    #[derive(Debug, ApiError)]
    #[api(prefix = "user:", rename_all = "snake_case")]
    pub(crate) enum UserError {
        /// No user has this ID.
        #[api(code = "user:unknown", status = 404, message = "User {id} not found.")]
        NotFound { id: u64 },
        /// The name is taken.
        #[api(status = 409, message = "The name {name} is taken.")]
        NameTaken {
            #[api(field)]
            name: String,
        },
        /// Too many requests.
        #[api(code = 42901, status = 429, message = "Slow down.")]
        RateLimited {
            #[api(field, retry_after)]
            retry_after: u64,
        },
        #[api(transparent)]
        Session(SessionError),
    }
}

// v1 with `NameTaken` sent as 400.
mod status {
    use super::{ApiError, SessionError};

    /// User errors.
    #[derive(Debug, ApiError)]
    #[api(prefix = "user:", rename_all = "snake_case")]
    pub(crate) enum UserError {
        /// No user has this ID.
        #[api(status = 404, message = "User {id} not found.")]
        NotFound { id: u64 },
        /// The name is taken.
        #[api(status = 400, message = "The name {name} is taken.")]
        NameTaken {
            #[api(field)]
            name: String,
        },
        /// Too many requests.
        #[api(code = 42901, status = 429, message = "Slow down.")]
        RateLimited {
            #[api(field, retry_after)]
            retry_after: u64,
        },
        #[api(transparent)]
        Session(SessionError),
    }
}

// v1 with `NotFound`'s message naming the user instead of the ID.
mod placeholders {
    use super::{ApiError, SessionError};

    /// User errors.
    #[derive(Debug, ApiError)]
    #[api(prefix = "user:", rename_all = "snake_case")]
    pub(crate) enum UserError {
        /// No user has this ID.
        #[api(status = 404, message = "User {name} ({id:>6}) not found.")]
        NotFound { id: u64, name: String },
        /// The name is taken.
        #[api(status = 409, message = "The name {name} is taken.")]
        NameTaken {
            #[api(field)]
            name: String,
        },
        /// Too many requests.
        #[api(code = 42901, status = 429, message = "Slow down.")]
        RateLimited {
            #[api(field, retry_after)]
            retry_after: u64,
        },
        #[api(transparent)]
        Session(SessionError),
    }
}

// v1 with new wordings, the same placeholders (in another order, one of them
// twice, one with a format spec), a new title and new descriptions.
mod wording {
    use super::{ApiError, SessionError};

    /// User errors.
    #[derive(Debug, ApiError)]
    #[api(prefix = "user:", rename_all = "snake_case")]
    pub(crate) enum UserError {
        /// There is no user with this ID, or it was deleted.
        #[api(status = 404, message = "There is no user {id:>6} (looked for {id}).")]
        NotFound { id: u64 },
        /// Someone else has this name.
        #[api(
            status = 409,
            title = "Name taken",
            message = "Someone else is called {name}; pick another name."
        )]
        NameTaken {
            #[api(field)]
            name: String,
        },
        /// Slow down.
        #[api(code = 42901, status = 429)]
        RateLimited {
            #[api(field, retry_after = "ms")]
            retry_after: u64,
        },
        #[api(transparent)]
        Session(SessionError),
    }
}

// v1 with `NameTaken` deprecated.
mod deprecated {
    use super::{ApiError, SessionError};

    /// User errors.
    #[derive(Debug, ApiError)]
    #[api(prefix = "user:", rename_all = "snake_case")]
    pub(crate) enum UserError {
        /// No user has this ID.
        #[api(status = 404, message = "User {id} not found.")]
        NotFound { id: u64 },
        /// The name is taken.
        #[deprecated = "names are no longer unique"]
        #[api(status = 409, message = "The name {name} is taken.")]
        NameTaken {
            #[api(field)]
            name: String,
        },
        /// Too many requests.
        #[api(code = 42901, status = 429, message = "Slow down.")]
        RateLimited {
            #[api(field, retry_after)]
            retry_after: u64,
        },
        #[api(transparent)]
        Session(SessionError),
    }
}

// v1 with one more code.
mod added {
    use super::{ApiError, SessionError};

    /// User errors.
    #[derive(Debug, ApiError)]
    #[api(prefix = "user:", rename_all = "snake_case")]
    pub(crate) enum UserError {
        /// No user has this ID.
        #[api(status = 404, message = "User {id} not found.")]
        NotFound { id: u64 },
        /// The name is taken.
        #[api(status = 409, message = "The name {name} is taken.")]
        NameTaken {
            #[api(field)]
            name: String,
        },
        /// Too many requests.
        #[api(code = 42901, status = 429, message = "Slow down.")]
        RateLimited {
            #[api(field, retry_after)]
            retry_after: u64,
        },
        /// The user is banned.
        #[api(status = 403)]
        Banned,
        #[api(transparent)]
        Session(SessionError),
    }
}

// v1 with `NameTaken` exposing `suggestion` instead of `name`, and
// `NotFound` exposing its `id`.
mod fields {
    use super::{ApiError, SessionError};

    /// User errors.
    #[derive(Debug, ApiError)]
    #[api(prefix = "user:", rename_all = "snake_case")]
    pub(crate) enum UserError {
        /// No user has this ID.
        #[api(status = 404, message = "User {id} not found.")]
        NotFound {
            #[api(field)]
            id: u64,
        },
        /// The name is taken.
        #[api(status = 409, message = "The name {name} is taken.")]
        NameTaken {
            name: String,
            #[api(field)]
            suggestion: String,
        },
        /// Too many requests.
        #[api(code = 42901, status = 429, message = "Slow down.")]
        RateLimited {
            #[api(field, retry_after)]
            retry_after: u64,
        },
        #[api(transparent)]
        Session(SessionError),
    }
}

// v1 with `NameTaken` renamed in Rust, its code kept, and `RateLimited`'s
// integer code written as a string.
mod variant {
    use super::{ApiError, SessionError};

    /// User errors.
    #[derive(Debug, ApiError)]
    #[api(prefix = "user:", rename_all = "snake_case")]
    pub(crate) enum UserError {
        /// No user has this ID.
        #[api(status = 404, message = "User {id} not found.")]
        NotFound { id: u64 },
        /// The name is taken.
        #[api(
            code = "user:name_taken",
            status = 409,
            message = "The name {name} is taken."
        )]
        NameInUse {
            #[api(field)]
            name: String,
        },
        /// Too many requests.
        #[api(code = "42901", status = 429, message = "Slow down.")]
        RateLimited {
            #[api(field, retry_after)]
            retry_after: u64,
        },
        #[api(transparent)]
        Session(SessionError),
    }
}

/// The changes from `old` to `new`, as `compare` finds them.
fn changes(old: &Catalog, new: &Catalog) -> Changes {
    match compare(new, &render(old)) {
        Err(Mismatch::Changed(changes)) => changes,
        other => panic!("expected changes, got {other:?}"),
    }
}

/// The lines of `changes`' `Display`.
fn lines(changes: &Changes) -> Vec<String> {
    changes.to_string().lines().map(str::to_owned).collect()
}

#[test]
fn the_file_is_one_code_per_line_in_declaration_order() {
    assert_eq!(
        render(v1::UserError::catalog()),
        r#"{
  "errbook_snapshot": 1,
  "type": "UserError",
  "codes": [
    {"code": "user:not_found", "variant": "UserError::NotFound", "status": 404, "placeholders": ["id"]},
    {"code": "user:name_taken", "variant": "UserError::NameTaken", "status": 409, "placeholders": ["name"], "fields": ["name"]},
    {"code": 42901, "variant": "UserError::RateLimited", "status": 429, "fields": ["retry_after"]},
    {"code": "session:expired", "variant": "SessionError::Expired", "status": 401}
  ]
}
"#
    );
    // The file is JSON.
    let value: serde_json::Value = serde_json::from_str(&render(v1::UserError::catalog())).unwrap();
    assert_eq!(value["codes"][2]["code"], 42901);
}

#[test]
fn an_unchanged_catalog_matches_its_snapshot() {
    let catalog = v1::UserError::catalog();
    assert_eq!(compare(catalog, &render(catalog)), Ok(()));
    assert_eq!(
        compare(SessionError::catalog(), &render(SessionError::catalog())),
        Ok(())
    );
}

#[test]
fn a_removed_code_is_breaking() {
    let changes = changes(v1::UserError::catalog(), removed::UserError::catalog());
    assert_eq!(
        changes.as_slice(),
        [Change::Removed {
            code: r#""user:name_taken""#.to_owned(),
            variant: "UserError::NameTaken".to_owned(),
            renamed_to: None,
        }]
    );
    assert!(changes.is_breaking());
    assert_eq!(
        lines(&changes),
        [r#""user:name_taken" (UserError::NameTaken): removed [breaking]"#]
    );
}

#[test]
fn a_renamed_code_is_a_removal_with_a_hint() {
    let changes = changes(v1::UserError::catalog(), renamed::UserError::catalog());
    assert_eq!(
        lines(&changes),
        [
            r#""user:not_found" (UserError::NotFound): removed; renamed? UserError::NotFound now has code "user:unknown" [breaking]"#,
            r#""user:unknown" (UserError::NotFound): new code; renamed from "user:not_found"? [not breaking]"#,
        ]
    );
    assert!(matches!(
        &changes.as_slice()[0],
        Change::Removed { renamed_to: Some(new), .. } if new == r#""user:unknown""#
    ));
    assert!(matches!(
        &changes.as_slice()[1],
        Change::Added { renamed_from: Some(old), .. } if old == r#""user:not_found""#
    ));
    assert!(changes.is_breaking());
}

#[test]
fn a_changed_status_is_breaking() {
    let changes = changes(v1::UserError::catalog(), status::UserError::catalog());
    assert_eq!(
        changes.as_slice(),
        [Change::StatusChanged {
            code: r#""user:name_taken""#.to_owned(),
            old: Status::Fixed(409),
            new: Status::Fixed(400),
        }]
    );
    assert_eq!(
        lines(&changes),
        [r#""user:name_taken": status changed: 409 -> 400 [breaking]"#]
    );
}

#[test]
fn changed_placeholders_are_breaking() {
    let changes = changes(v1::UserError::catalog(), placeholders::UserError::catalog());
    assert_eq!(
        lines(&changes),
        [r#""user:not_found": placeholders changed: {id} -> {id, name} [breaking]"#]
    );
    assert!(changes.is_breaking());
    // And back: a placeholder removed.
    let back = self::changes(placeholders::UserError::catalog(), v1::UserError::catalog());
    assert_eq!(
        lines(&back),
        [r#""user:not_found": placeholders changed: {id, name} -> {id} [breaking]"#]
    );
}

#[test]
fn a_new_wording_with_the_same_placeholders_passes() {
    let snapshot = render(v1::UserError::catalog());
    assert_eq!(compare(wording::UserError::catalog(), &snapshot), Ok(()));
    // Nothing the snapshot records changed, so it is written the same.
    assert_eq!(render(wording::UserError::catalog()), snapshot);
}

#[test]
fn deprecation_is_recorded_and_not_breaking() {
    let changes = changes(v1::UserError::catalog(), deprecated::UserError::catalog());
    assert_eq!(
        changes.as_slice(),
        [Change::DeprecationChanged {
            code: r#""user:name_taken""#.to_owned(),
            deprecated: true,
        }]
    );
    assert!(!changes.is_breaking());
    assert_eq!(
        lines(&changes),
        [r#""user:name_taken": now deprecated [not breaking]"#]
    );
    assert!(
        render(deprecated::UserError::catalog())
            .contains(r#""fields": ["name"], "deprecated": true}"#)
    );
    let back = self::changes(deprecated::UserError::catalog(), v1::UserError::catalog());
    assert_eq!(
        lines(&back),
        [r#""user:name_taken": no longer deprecated [not breaking]"#]
    );
    // Removing a deprecated code is still a removal.
    let gone = self::changes(
        deprecated::UserError::catalog(),
        removed::UserError::catalog(),
    );
    assert!(gone.is_breaking());
}

#[test]
fn a_new_code_fails_without_breaking() {
    let changes = changes(v1::UserError::catalog(), added::UserError::catalog());
    assert_eq!(
        lines(&changes),
        [r#""user:banned" (UserError::Banned): new code [not breaking]"#]
    );
    assert!(!changes.is_breaking());
    assert_eq!(changes.as_slice()[0].code(), Some(r#""user:banned""#));
}

#[test]
fn a_removed_field_is_breaking_an_added_one_is_not() {
    let changes = changes(v1::UserError::catalog(), fields::UserError::catalog());
    assert_eq!(
        lines(&changes),
        [
            r#""user:not_found": fields changed: [] -> [id] [not breaking]"#,
            r#""user:name_taken": fields changed: [name] -> [suggestion] [breaking]"#,
        ]
    );
    assert!(!changes.as_slice()[0].is_breaking());
    assert!(changes.as_slice()[1].is_breaking());
}

#[test]
fn a_code_keeps_its_kind_and_may_change_variant() {
    let changes = changes(v1::UserError::catalog(), variant::UserError::catalog());
    assert_eq!(
        lines(&changes),
        [
            r#""user:name_taken": now declared by UserError::NameInUse (was UserError::NameTaken) [not breaking]"#,
            // 42901 and "42901" are two codes on the wire.
            r#"42901 (UserError::RateLimited): removed; renamed? UserError::RateLimited now has code "42901" [breaking]"#,
            r#""42901" (UserError::RateLimited): new code; renamed from 42901? [not breaking]"#,
        ]
    );
}

#[test]
fn a_snapshot_of_another_type_says_so() {
    let changes = changes(SessionError::catalog(), v1::UserError::catalog());
    assert_eq!(
        changes.as_slice()[0],
        Change::TypeRenamed {
            old: "SessionError".to_owned(),
            new: "UserError".to_owned(),
        }
    );
    assert_eq!(changes.len(), 4); // the type, and three new codes
    // A nested type's code moving to the top type is not breaking.
    let moved = r#"{"errbook_snapshot": 1, "type": "UserError", "codes": [
        {"code": "user:not_found", "variant": "UserError::NotFound", "status": 404, "placeholders": ["id"]},
        {"code": "user:name_taken", "variant": "UserError::NameTaken", "status": 409, "placeholders": ["name"], "fields": ["name"]},
        {"code": 42901, "variant": "UserError::RateLimited", "status": 429, "fields": ["retry_after"]},
        {"code": "session:expired", "variant": "UserError::Expired", "status": 401}
    ]}"#;
    let Err(Mismatch::Changed(changes)) = compare(v1::UserError::catalog(), moved) else {
        panic!("the variant changed");
    };
    assert!(!changes.is_breaking());
}

#[test]
fn every_change_is_listed_one_per_line() {
    // A snapshot edited by hand: keys in another order, codes in another
    // order, compact; what it records differs in three ways.
    let old = r#"{"codes": [
        {"code": "session:expired", "variant": "SessionError::Expired", "status": "none"},
        {"variant": "UserError::NotFound", "code": "user:not_found", "status": 404, "placeholders": ["id", "id"]},
        {"code": "user:gone", "variant": "UserError::Gone", "status": 410, "deprecated": true},
        {"code": 42901, "variant": "UserError::RateLimited", "status": "varies", "fields": ["retry_after"]},
        {"code": "user:name_taken", "variant": "UserError::NameTaken", "status": 409, "placeholders": ["name"], "fields": ["name"]}
    ], "type": "UserError", "errbook_snapshot": 1}"#;
    let Err(Mismatch::Changed(changes)) = compare(v1::UserError::catalog(), old) else {
        panic!("the catalog changed");
    };
    assert_eq!(
        lines(&changes),
        [
            r#""session:expired": status changed: none -> 401 [breaking]"#,
            r#""user:gone" (UserError::Gone): removed [breaking]"#,
            "42901: status changed: varies -> 429 [breaking]",
        ]
    );
    assert_eq!(
        Mismatch::Changed(changes.clone()).to_string(),
        changes.to_string()
    );
}

#[test]
fn statuses_that_vary_or_never_travel_round_trip() {
    /// Routing errors.
    #[derive(Debug, ApiError)]
    enum RoutingError {
        /// Unrecognized request.
        #[api(code = "M_UNRECOGNIZED", message = "Unrecognized {method} request")]
        Unrecognized {
            #[api(status)]
            status: errbook::http::StatusCode,
            method: String,
        },
    }
    /// Federation codes.
    #[derive(Debug, ApiError)]
    #[api(status = none, prefix = "FED_")]
    enum FederationCode {
        /// Denied.
        #[api(message = "Denied.")]
        Denied,
    }
    let routing = render(RoutingError::catalog());
    assert!(routing.contains(r#""status": "varies", "placeholders": ["method"]}"#));
    assert_eq!(compare(RoutingError::catalog(), &routing), Ok(()));
    let federation = render(FederationCode::catalog());
    assert!(federation.contains(r#""status": "none"}"#));
    assert_eq!(compare(FederationCode::catalog(), &federation), Ok(()));
    assert_eq!(
        lines(&changes(RoutingError::catalog(), FederationCode::catalog()))[1],
        r#""M_UNRECOGNIZED" (RoutingError::Unrecognized): removed [breaking]"#
    );
}

#[test]
fn an_empty_catalog_has_a_snapshot() {
    let empty = render(&Catalog::EMPTY);
    assert!(empty.contains(r#""codes": []"#));
    assert_eq!(compare(&Catalog::EMPTY, &empty), Ok(()));
}

#[test]
fn a_malformed_snapshot_is_an_error_naming_what_is_wrong() {
    let catalog = v1::UserError::catalog();
    let malformed = |text: &str| match compare(catalog, text) {
        Err(Mismatch::Malformed(error)) => error.to_string(),
        other => panic!("expected an error for {text:?}, got {other:?}"),
    };
    assert!(malformed("").starts_with("not JSON: "));
    assert!(malformed("{\"errbook_snapshot\": 1,\n  \"type\": ").contains("line 2"));
    assert!(malformed("[]").contains("expected a JSON object"));
    assert_eq!(
        malformed(r#"{"type": "UserError", "codes": []}"#),
        "`errbook_snapshot` (the format version) is missing"
    );
    assert_eq!(
        malformed(r#"{"errbook_snapshot": 2, "type": "UserError", "codes": []}"#),
        "`errbook_snapshot` is 2; this version of errbook reads version 1"
    );
    assert_eq!(
        malformed(r#"{"errbook_snapshot": 1, "codes": []}"#),
        "`type` is missing"
    );
    assert_eq!(
        malformed(r#"{"errbook_snapshot": 1, "type": "UserError", "codes": {}}"#),
        "`codes` is not an array"
    );
    assert!(
        malformed(r#"{"errbook_snapshot": 1, "type": "UserError", "codes": [], "code": []}"#)
            .starts_with("unknown key `code` in the snapshot; the keys are `errbook_snapshot`")
    );
    let entry = |entry: &str| {
        malformed(&format!(
            r#"{{"errbook_snapshot": 1, "type": "UserError", "codes": [
                {{"code": "user:not_found", "variant": "UserError::NotFound", "status": 404}},
                {entry}
            ]}}"#
        ))
    };
    assert_eq!(entry("3"), "`codes[1]`: not an object");
    assert_eq!(entry(r#"{"status": 404}"#), "`codes[1]`: `code` is missing");
    assert_eq!(
        entry(r#"{"code": 4.5, "variant": "A", "status": 404}"#),
        "`codes[1]`: `code` is 4.5, not a string or an integer"
    );
    assert_eq!(
        entry(r#"{"code": "A", "status": 404}"#),
        r#"`codes[1]`: "A": `variant` is missing"#
    );
    assert_eq!(
        entry(r#"{"code": "A", "variant": "A"}"#),
        r#"`codes[1]`: "A": `status` is missing"#
    );
    assert_eq!(
        entry(r#"{"code": "A", "variant": "A", "status": 70000}"#),
        r#"`codes[1]`: "A": `status` 70000 is not an HTTP status"#
    );
    assert_eq!(
        entry(r#"{"code": "A", "variant": "A", "status": "sometimes"}"#),
        r#"`codes[1]`: "A": `status` is "sometimes", not a number, "varies" or "none""#
    );
    assert_eq!(
        entry(r#"{"code": "A", "variant": "A", "status": 400, "placeholders": [1]}"#),
        r#"`codes[1]`: "A": `placeholders` holds 1, not a string"#
    );
    assert_eq!(
        entry(r#"{"code": "A", "variant": "A", "status": 400, "fields": "id"}"#),
        r#"`codes[1]`: "A": `fields` is not an array of strings"#
    );
    assert_eq!(
        entry(r#"{"code": "A", "variant": "A", "status": 400, "deprecated": "yes"}"#),
        r#"`codes[1]`: "A": `deprecated` is not true or false"#
    );
    assert!(
        entry(r#"{"code": "A", "variant": "A", "status": 400, "message": "Hi"}"#)
            .starts_with(r#"`codes[1]`: "A": unknown key `message` in an entry"#)
    );
    assert_eq!(
        entry(r#"{"code": "user:not_found", "variant": "A", "status": 400}"#),
        r#"`codes[1]`: code "user:not_found" is listed twice"#
    );
    // Rendered through `Mismatch`.
    assert_eq!(
        compare(catalog, "3").unwrap_err().to_string(),
        "malformed snapshot: expected a JSON object with `errbook_snapshot`, `type` and `codes`"
    );
}

/// A directory of its own under the system's temporary directory, removed
/// when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "errbook-snapshot-test-{}-{}-{name}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        TempDir(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn overwrite_creates_then_rewrites_the_file() {
    let dir = TempDir::new("overwrite");
    let path = dir.path().join("nested/dirs/user_error.json");

    // Missing: compare fails saying how to create it.
    let missing = check(v1::UserError::catalog(), &path, Mode::Compare).unwrap_err();
    assert!(matches!(missing, Failure::Missing { .. }));
    let message = missing.to_string();
    assert!(message.starts_with("no snapshot of the error catalog of `UserError` at "));
    assert!(message.contains("ERRBOOK_SNAPSHOT=overwrite cargo test"));

    // Overwrite creates it, directories included, with what `render` writes.
    assert_eq!(
        check(v1::UserError::catalog(), &path, Mode::Overwrite).unwrap(),
        Outcome::Created
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        render(v1::UserError::catalog())
    );
    assert_eq!(
        check(v1::UserError::catalog(), &path, Mode::Compare).unwrap(),
        Outcome::Matched
    );
    assert_eq!(
        check(v1::UserError::catalog(), &path, Mode::Overwrite).unwrap(),
        Outcome::Matched
    );
    assert_stable_with::<v1::UserError>(&path, Mode::Compare);
    // A new wording passes and leaves the file as it is.
    assert_stable_with::<wording::UserError>(&path, Mode::Compare);

    // A change fails, naming the type, the file and each change.
    let failure = check(status::UserError::catalog(), &path, Mode::Compare).unwrap_err();
    let Failure::Changed { changes, .. } = &failure else {
        panic!("expected changes, got {failure:?}");
    };
    assert_eq!(changes.len(), 1);
    let message = failure.to_string();
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "the error catalog of `UserError` differs from its snapshot {} (1 change, 1 breaking):",
            path.display()
        )
    );
    assert_eq!(
        lines[1],
        r#"    "user:name_taken": status changed: 409 -> 400 [breaking]"#
    );
    assert!(lines[2].contains("#[deprecated]"));
    assert!(lines[3].contains("ERRBOOK_SNAPSHOT=overwrite cargo test"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        render(v1::UserError::catalog()),
        "comparing never writes"
    );

    // On purpose: overwrite rewrites it, and the new version then passes.
    assert_eq!(
        check(status::UserError::catalog(), &path, Mode::Overwrite).unwrap(),
        Outcome::Rewritten
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        render(status::UserError::catalog())
    );
    assert_stable_with::<status::UserError>(&path, Mode::Compare);
}

#[test]
fn a_new_code_alone_fails_without_a_breaking_note() {
    let dir = TempDir::new("added");
    let path = dir.path().join("user_error.json");
    assert_stable_with::<v1::UserError>(&path, Mode::Overwrite);
    let message = check(added::UserError::catalog(), &path, Mode::Compare)
        .unwrap_err()
        .to_string();
    assert!(message.contains("(1 change, 0 breaking):\n"));
    assert!(message.contains(r#"    "user:banned" (UserError::Banned): new code [not breaking]"#));
    assert!(!message.contains("#[deprecated]"));
}

#[test]
fn the_assertion_panics_with_the_failure() {
    let dir = TempDir::new("panics");
    let path = dir.path().join("user_error.json");
    let panic = std::panic::catch_unwind(|| {
        assert_stable_with::<v1::UserError>(&path, Mode::Compare);
    })
    .unwrap_err();
    let message = panic.downcast_ref::<String>().unwrap();
    assert!(message.starts_with("no snapshot of the error catalog of `UserError`"));

    assert_stable_with::<v1::UserError>(&path, Mode::Overwrite);
    let panic = std::panic::catch_unwind(|| {
        assert_stable_with::<removed::UserError>(&path, Mode::Compare);
    })
    .unwrap_err();
    let message = panic.downcast_ref::<String>().unwrap();
    assert!(message.contains(r#""user:name_taken" (UserError::NameTaken): removed [breaking]"#));
}

#[test]
fn a_malformed_file_fails_and_overwrite_repairs_it() {
    let dir = TempDir::new("malformed");
    std::fs::create_dir_all(dir.path()).unwrap();
    let path = dir.path().join("user_error.json");
    std::fs::write(
        &path,
        "{\"errbook_snapshot\": 1, \"type\": \"UserError\",\n",
    )
    .unwrap();
    let failure = check(v1::UserError::catalog(), &path, Mode::Compare).unwrap_err();
    assert!(matches!(failure, Failure::Malformed { .. }));
    let message = failure.to_string();
    assert!(message.starts_with(&format!(
        "the snapshot {} is malformed: not JSON: ",
        path.display()
    )));
    assert!(
        message.ends_with("; fix it, or rewrite it with `ERRBOOK_SNAPSHOT=overwrite cargo test`")
    );
    assert!(std::error::Error::source(&failure).is_some());

    assert_eq!(
        check(v1::UserError::catalog(), &path, Mode::Overwrite).unwrap(),
        Outcome::Rewritten
    );
    assert_stable_with::<v1::UserError>(&path, Mode::Compare);
}

#[test]
fn an_unreadable_snapshot_is_an_error() {
    let dir = TempDir::new("unreadable");
    // A directory where the file should be.
    std::fs::create_dir_all(dir.path()).unwrap();
    let failure = check(v1::UserError::catalog(), dir.path(), Mode::Compare).unwrap_err();
    assert!(matches!(failure, Failure::Read { .. }), "{failure:?}");
    assert!(failure.to_string().starts_with("cannot read the snapshot "));
    let failure = check(v1::UserError::catalog(), dir.path(), Mode::Overwrite).unwrap_err();
    assert!(matches!(failure, Failure::Write { .. }), "{failure:?}");
    assert!(
        failure
            .to_string()
            .starts_with("cannot write the snapshot ")
    );
}

#[test]
fn the_environment_variable_is_named_in_every_hint() {
    assert_eq!(snapshot::ENV_VAR, "ERRBOOK_SNAPSHOT");
    let failure = Failure::Env {
        value: "overwirte".to_owned(),
    };
    assert_eq!(
        failure.to_string(),
        "ERRBOOK_SNAPSHOT is `overwirte`: set it to `overwrite` to rewrite snapshots, or unset it to compare with them"
    );
}
