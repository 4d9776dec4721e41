//! The registry of `#[api(...)]` keys: one row per key, saying where it may
//! be written, how, and what it means. It decides which keys are unknown or
//! misplaced before the darling receivers in [`crate::attr`] see them, so a
//! receiver carries only the keys of its own position.

use Place::{Enum, Field, Struct, Variant};

/// A position an `#[api(...)]` key can be written at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    Enum,
    Struct,
    Variant,
    Field,
}

/// How a key is written.
pub(crate) enum Syntax {
    /// The same wherever the key is valid.
    Same(&'static str),
    /// One way on a field, another on a type or a variant (`status`).
    OnField {
        field: &'static str,
        elsewhere: &'static str,
    },
}

/// One row of the registry. Adding a key is a row here and a field in the
/// receiver of each place it is valid at.
pub(crate) struct Key {
    pub(crate) name: &'static str,
    /// Where the key may be written; anywhere else it is misplaced.
    pub(crate) places: &'static [Place],
    /// The hint in the message about a malformed value.
    pub(crate) syntax: Syntax,
    /// The key may be written more than once at one position.
    pub(crate) repeatable: bool,
    /// What the key means, in one line.
    #[cfg_attr(
        not(test),
        expect(dead_code, reason = "documentation of the row, checked by the tests")
    )]
    pub(crate) doc: &'static str,
}

const TYPE: &[Place] = &[Enum, Struct];
/// An enum takes these on each variant; a struct, being one code, on itself.
const CODE: &[Place] = &[Struct, Variant];
/// The type's keys that also rename the codes a `transparent` variant
/// nests.
const RENAMING: &[Place] = &[Enum, Struct, Variant];

const fn key(
    name: &'static str,
    places: &'static [Place],
    syntax: &'static str,
    doc: &'static str,
) -> Key {
    Key {
        name,
        places,
        syntax: Syntax::Same(syntax),
        repeatable: false,
        doc,
    }
}

pub(crate) const KEYS: &[Key] = &[
    key(
        "rename_all",
        RENAMING,
        "`rename_all = \"snake_case\"`",
        "the case of codes derived from variant names; with `transparent`, of the inner type's codes",
    ),
    key(
        "prefix",
        RENAMING,
        "`prefix = \"user:\"`",
        "prepended to derived codes; with `transparent`, to the inner type's codes",
    ),
    Key {
        name: "status",
        places: &[Enum, Struct, Variant, Field],
        syntax: Syntax::OnField {
            field: "a bare `status` to mark the `http::StatusCode` field that is the status (a fixed `status = 404` goes on the variant or struct)",
            elsewhere: "`status = 404` (a bare `status` marks an `http::StatusCode` field)",
        },
        repeatable: false,
        doc: "the HTTP status (on the type: the default, or `none`); on a field, marks the field that is the status",
    },
    key(
        "format",
        TYPE,
        "`format = problem` or `format = path::to::MyFormat`",
        "the default envelope",
    ),
    key(
        "domain",
        TYPE,
        "`domain = \"api.example.com\"`",
        "the error domain",
    ),
    key(
        "docs",
        TYPE,
        "`docs = \"https://example.com/errors/{code}\"`",
        "the documentation URL of each code",
    ),
    key(
        "parse",
        TYPE,
        "a bare `parse`",
        "also generate the client-side decoder",
    ),
    key(
        "display",
        TYPE,
        "a bare `display`",
        "implement `Display` as the public message",
    ),
    key(
        "error",
        TYPE,
        "a bare `error`",
        "implement `Display` and `std::error::Error` (`source()` is the `source` field)",
    ),
    key(
        "code",
        CODE,
        "`code = \"user:not_found\"` or `code = 40401`",
        "the code, taken verbatim",
    ),
    key(
        "message",
        CODE,
        "`message = \"User {id} not found.\"`",
        "the public message template",
    ),
    key(
        "title",
        CODE,
        "`title = \"You do not have enough credit.\"`",
        "the problem+json title",
    ),
    key(
        "transparent",
        CODE,
        "a bare `transparent`",
        "the one field's error is this code's error",
    ),
    key(
        "codes",
        CODE,
        "`codes(MalformedJson = \"app:bad_json\")`",
        "with `transparent`: the code of each named variant of the inner type",
    ),
    key(
        "skip_from",
        CODE,
        "a bare `skip_from`",
        "with `transparent` (or a lone `violations` field): no `From` impl is generated",
    ),
    key(
        "other",
        &[Variant],
        "a bare `other`",
        "with `parse`: the catch-all for unknown codes",
    ),
    Key {
        repeatable: true,
        ..key(
            "alias",
            &[Variant],
            "`alias = \"old_code\"` or `alias = 40400`",
            "with `parse`: an older code still decoded into this variant",
        )
    },
    key(
        "skip_parse",
        &[Variant],
        "a bare `skip_parse`",
        "with `parse`: the decoder never produces this variant",
    ),
    key(
        "field",
        &[Field],
        "`field` or `field = \"name\"`",
        "expose the field as an extra envelope member",
    ),
    key(
        "source",
        &[Field],
        "a bare `source`",
        "the internal cause, never in a body",
    ),
    key(
        "retry_after",
        &[Field],
        "`retry_after`, `retry_after = \"ms\"` or `retry_after = \"s\"`",
        "the delay sent as `Retry-After`",
    ),
    key(
        "none",
        &[Field],
        "`none = \"omit\"` or `none = \"null\"`",
        "how an exposed `Option` field that is `None` is written",
    ),
    key(
        "default",
        &[Field],
        "`default` or `default = \"path::to::function\"`",
        "with `parse`: the value of a member the response does not have",
    ),
    key(
        "violations",
        &[Field],
        "a bare `violations`",
        "the `errbook::Violations` list the formats write in their own member",
    ),
];

pub(crate) fn lookup(name: &str) -> Option<&'static Key> {
    KEYS.iter().find(|key| key.name == name)
}

pub(crate) fn names() -> impl Iterator<Item = &'static str> {
    KEYS.iter().map(|key| key.name)
}

/// Where a key is being read: a place, and for a field, the shape of the
/// type it is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Site {
    Enum,
    Struct,
    Variant,
    EnumField,
    StructField,
}

impl Site {
    pub(crate) fn place(self) -> Place {
        match self {
            Site::Enum => Place::Enum,
            Site::Struct => Place::Struct,
            Site::Variant => Place::Variant,
            Site::EnumField | Site::StructField => Place::Field,
        }
    }

    fn noun(self) -> &'static str {
        noun(self.place())
    }

    /// The places of the type this site is in, in the order a misplaced
    /// key is sent to the first that takes it.
    fn places(self) -> &'static [Place] {
        match self {
            Site::Enum | Site::Variant | Site::EnumField => &[Variant, Enum, Field],
            Site::Struct | Site::StructField => &[Struct, Field],
        }
    }
}

fn noun(place: Place) -> &'static str {
    match place {
        Place::Enum => "the enum",
        Place::Struct => "the struct",
        Place::Variant => "a variant",
        Place::Field => "a field",
    }
}

impl Key {
    pub(crate) fn allowed(&self, place: Place) -> bool {
        self.places.contains(&place)
    }

    pub(crate) fn syntax(&self, site: Site) -> &'static str {
        match self.syntax {
            Syntax::Same(syntax) => syntax,
            Syntax::OnField { field, .. } if site.place() == Place::Field => field,
            Syntax::OnField { elsewhere, .. } => elsewhere,
        }
    }

    /// The error for this key written at `site`, where it is not valid.
    pub(crate) fn misplaced(&self, site: Site) -> String {
        let key = self.name;
        let Some(belongs) = site.places().iter().find(|place| self.allowed(**place)) else {
            // Only the decoder's keys are valid on a variant alone.
            return format!(
                "`{key}` belongs on a variant of an enum; a struct with `#[api(parse)]` decodes its own code only"
            );
        };
        let belongs = noun(*belongs);
        format!(
            "`{key}` belongs on {belongs}, not on {}; move it into the `#[api(…)]` of {belongs}",
            site.noun()
        )
    }

    /// A key of the variant (or struct) written on one of its fields: the
    /// variant may lack what the key would have given it, so checks for
    /// something missing are skipped.
    pub(crate) fn leaves_owner_incomplete(&self, site: Site) -> bool {
        site.place() == Place::Field && self.allowed(Place::Variant)
    }
}

#[cfg(test)]
mod tests {
    use super::{KEYS, Place, Site, lookup};

    #[test]
    fn names_are_unique_and_each_row_has_one_line_of_doc() {
        for (i, key) in KEYS.iter().enumerate() {
            assert!(
                KEYS[..i].iter().all(|other| other.name != key.name),
                "{}",
                key.name
            );
            assert!(!key.places.is_empty(), "{}", key.name);
            assert!(
                !key.doc.is_empty() && !key.doc.contains('\n'),
                "{}",
                key.name
            );
            assert!(!key.doc.ends_with('.'), "{}", key.name);
        }
    }

    #[test]
    fn misplaced_keys_say_where_they_belong() {
        let cases = [
            (
                "code",
                Site::Enum,
                "`code` belongs on a variant, not on the enum; move it into the `#[api(…)]` of a variant",
            ),
            (
                "field",
                Site::Struct,
                "`field` belongs on a field, not on the struct; move it into the `#[api(…)]` of a field",
            ),
            (
                "alias",
                Site::Struct,
                "`alias` belongs on a variant of an enum; a struct with `#[api(parse)]` decodes its own code only",
            ),
            (
                "domain",
                Site::Variant,
                "`domain` belongs on the enum, not on a variant; move it into the `#[api(…)]` of the enum",
            ),
            (
                "source",
                Site::Variant,
                "`source` belongs on a field, not on a variant; move it into the `#[api(…)]` of a field",
            ),
            (
                "message",
                Site::EnumField,
                "`message` belongs on a variant, not on a field; move it into the `#[api(…)]` of a variant",
            ),
            (
                "docs",
                Site::EnumField,
                "`docs` belongs on the enum, not on a field; move it into the `#[api(…)]` of the enum",
            ),
            (
                "title",
                Site::StructField,
                "`title` belongs on the struct, not on a field; move it into the `#[api(…)]` of the struct",
            ),
            (
                "skip_parse",
                Site::StructField,
                "`skip_parse` belongs on a variant of an enum; a struct with `#[api(parse)]` decodes its own code only",
            ),
        ];
        for (name, site, expected) in cases {
            let key = lookup(name).expect("a registered key");
            assert!(!key.allowed(site.place()), "{name} at {site:?}");
            assert_eq!(key.misplaced(site), expected, "{name} at {site:?}");
        }
    }

    #[test]
    fn status_is_valid_everywhere_and_written_its_own_way_on_a_field() {
        let status = lookup("status").expect("a registered key");
        for place in [Place::Enum, Place::Struct, Place::Variant, Place::Field] {
            assert!(status.allowed(place));
        }
        assert!(status.syntax(Site::Variant).starts_with("`status = 404`"));
        assert!(
            status
                .syntax(Site::StructField)
                .starts_with("a bare `status`")
        );
    }

    /// The README's "Attribute reference" has one table per place; each
    /// documents exactly the keys valid there. A key valid on a variant
    /// but not on a struct says so, since the variant table is headed
    /// "(or on a struct)".
    #[test]
    fn the_readme_documents_every_key_where_it_is_valid() {
        let readme = include_str!("../../README.md");
        let section = readme
            .split_once("## Attribute reference")
            .and_then(|(_, rest)| rest.split("\n## ").next())
            .expect("README has an attribute reference");
        check_reference("README", section);
    }

    /// The derive's own rustdoc lists every key the same way, by place.
    #[test]
    fn the_derive_documents_every_key_where_it_is_valid() {
        let source = include_str!("lib.rs");
        let mut doc = String::new();
        let (before, _) = source
            .split_once("#[proc_macro_derive")
            .expect("the derive");
        for line in before.lines() {
            if let Some(line) = line.trim_start().strip_prefix("///") {
                doc.push_str(line.strip_prefix(' ').unwrap_or(line));
                doc.push('\n');
            }
        }
        check_reference("the derive's rustdoc", &doc);
    }

    /// Checks that `section` documents each key under the heading of each
    /// place it is valid at, and nowhere else.
    fn check_reference(source: &str, section: &str) {
        let tables = [
            ("On the enum or struct:", Place::Enum),
            ("On a variant (or on a struct):", Place::Variant),
            ("On a field:", Place::Field),
        ];
        for (heading, place) in tables {
            let rows = table_rows(source, section, heading);
            let mut documented: Vec<&str> = Vec::new();
            for (keys, meaning) in &rows {
                for name in keys {
                    let key = lookup(name).unwrap_or_else(|| {
                        panic!(
                            "{source} names `{name}` under {heading:?}, a key the registry lacks"
                        )
                    });
                    assert!(
                        key.allowed(place),
                        "{source} documents `{name}` under {heading:?}, where it is not valid"
                    );
                    if place == Place::Variant {
                        assert_eq!(
                            meaning.contains("on a variant only"),
                            !key.allowed(Place::Struct),
                            "{source}'s row of `{name}`: say \"on a variant only\" exactly when the key is not valid on a struct"
                        );
                    }
                    documented.push(name);
                }
            }
            for key in KEYS.iter().filter(|key| key.allowed(place)) {
                assert!(
                    documented.contains(&key.name),
                    "{source} does not document `{}` under {heading:?}",
                    key.name
                );
            }
        }
        // A struct's keys are those of the first two tables.
        for key in KEYS.iter().filter(|key| key.allowed(Place::Struct)) {
            assert!(
                key.allowed(Place::Enum) || key.allowed(Place::Variant),
                "{}",
                key.name
            );
        }
    }

    /// The rows of the table after `heading`: the keys named in backticks
    /// in the first column, and the second column.
    fn table_rows<'a>(
        source: &str,
        section: &'a str,
        heading: &str,
    ) -> Vec<(Vec<&'a str>, &'a str)> {
        let (_, after) = section
            .split_once(heading)
            .unwrap_or_else(|| panic!("{source} has no {heading:?}"));
        let rows: Vec<(Vec<&str>, &str)> = after
            .lines()
            .skip_while(|line| !line.starts_with('|'))
            .take_while(|line| line.starts_with('|'))
            .skip(2)
            .map(|line| {
                let mut cells = line.trim_matches('|').splitn(2, " | ");
                let first = cells.next().unwrap_or_default();
                let meaning = cells.next().unwrap_or_default();
                let keys = first
                    .split('`')
                    .skip(1)
                    .step_by(2)
                    .map(|code| {
                        code.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                            .next()
                            .unwrap_or_default()
                    })
                    .collect();
                (keys, meaning)
            })
            .collect();
        assert!(!rows.is_empty(), "{source}'s table {heading:?} is empty");
        rows
    }
}
