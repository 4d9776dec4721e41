//! What the derive's constants refuse in a renaming: the compile errors
//! of `prefix`, `rename_all` and `codes` on a `transparent` variant.

use super::{FNV_OFFSET, New, Out, Rename, new_code};
use crate::Code;
use crate::catalog::Catalog;
use crate::catalog::unique::{Message as Problem, same_str};

/// What is wrong with renaming the codes of `inner` (named `name` in the
/// source) with `rename` as a whole, if anything: a catalog the derive did
/// not write; for `prefix` and `rename_all`, a nested type's codes (which
/// they would not reach) and an integer code (which they cannot rename); a
/// code renamed to nothing. `key` names the key the message is about.
pub const fn check(
    inner: &'static Catalog,
    rename: &Rename,
    name: &str,
    key: &str,
) -> Option<Problem> {
    let Some(table) = inner.table() else {
        return Some(
            Problem::new()
                .push("`")
                .push(name)
                .push("` has no derived catalog, so `")
                .push(key)
                .push("` cannot rename its codes; derive `ApiError` for it"),
        );
    };
    // `codes` alone leaves the codes of a nested type as they are, like
    // every code it does not name.
    let nested = table.nested();
    let mut i = 0;
    while i < nested.len() && rename.renames_all() {
        if crate::catalog::unique::count(&[nested[i]]) > 0 {
            return Some(
                Problem::new()
                    .push("`")
                    .push(name)
                    .push("` nests the codes of `")
                    .push(nested[i].type_name())
                    .push("`, which `")
                    .push(key)
                    .push("` does not rename; nest `")
                    .push(nested[i].type_name())
                    .push("` in a `transparent` variant of its own to rename them there"),
            );
        }
        i += 1;
    }
    let mut index = 0;
    while index < table.len() {
        index += 1;
        let Some(entry) = table.entry_at(index - 1) else {
            continue;
        };
        let new = new_code(entry, rename);
        if let (New::Keep, Code::Int(_)) = (new, entry.code())
            && rename.renames_all()
        {
            return Some(
                Problem::new()
                    .push("`")
                    .push(name)
                    .push("::")
                    .push(entry.variant())
                    .push("` has the integer code `")
                    .push_code(entry.code())
                    .push("`, which `")
                    .push(key)
                    .push("` cannot rename; give it a code of its own: `codes(")
                    .push(entry.variant())
                    .push(" = \"…\")`"),
            );
        }
        let mut out = Out {
            buf: &mut [],
            len: 0,
            hash: FNV_OFFSET,
            escape: false,
        };
        out.code(new, rename);
        if out.len == 0 && !matches!(new, New::Keep) {
            return Some(
                Problem::new()
                    .push("`")
                    .push(key)
                    .push("` makes the code of `")
                    .push(name)
                    .push("::")
                    .push(entry.variant())
                    .push("` empty; give it a code of its own: `codes(")
                    .push(entry.variant())
                    .push(" = \"…\")`"),
            );
        }
    }
    None
}

/// What is wrong with `codes(variant = …)` for `inner` (named `name`):
/// that `inner` has no variant `variant` with a code of its own.
pub const fn check_variant(inner: &'static Catalog, name: &str, variant: &str) -> Option<Problem> {
    let Some(table) = inner.table() else {
        // `check` reports it.
        return None;
    };
    let mut index = 0;
    while index < table.len() {
        if let Some(entry) = table.entry_at(index)
            && same_str(entry.variant(), variant)
        {
            return None;
        }
        index += 1;
    }
    let mut problem = Problem::new()
        .push("`codes` names `")
        .push(variant)
        .push("`, which is not a variant of `")
        .push(name)
        .push("` with a code of its own; its variants are ");
    let mut index = 0;
    let mut listed = 0;
    while index < table.len() {
        if let Some(entry) = table.entry_at(index) {
            if listed > 0 {
                problem = problem.push(", ");
            }
            problem = problem.push("`").push(entry.variant()).push("`");
            listed += 1;
        }
        index += 1;
    }
    Some(problem)
}
