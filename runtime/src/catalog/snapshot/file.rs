//! The snapshot file: the contract it records of each code, its writer
//! (one line per code, so that a change is a one-line diff) and its strict
//! parser.

use std::collections::{BTreeSet, HashSet};
use std::fmt::{self, Write as _};

use serde_json::{Map, Value};

use super::FORMAT_VERSION;
use crate::Code;
use crate::catalog::{Catalog, Part, Status, Template};

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

/// What a snapshot records of one code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Recorded {
    /// The code as JSON: `"user:not_found"` or `40401`.
    pub(super) code: String,
    pub(super) variant: String,
    pub(super) status: Status,
    /// Sorted, without duplicates.
    pub(super) placeholders: Vec<String>,
    /// In declaration order.
    pub(super) fields: Vec<String>,
    pub(super) deprecated: bool,
}

/// A parsed snapshot.
pub(super) struct Snapshot {
    pub(super) type_name: String,
    pub(super) codes: Vec<Recorded>,
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
pub(super) fn contract(catalog: &Catalog) -> Vec<Recorded> {
    catalog
        .entries()
        .map(|(owner, entry)| Recorded {
            code: code_json(entry.code()),
            variant: if entry.variant() == owner.type_name {
                entry.variant().to_owned()
            } else {
                format!("{}::{}", owner.type_name, entry.variant())
            },
            status: entry.status(),
            placeholders: entry.template().map(placeholders).unwrap_or_default(),
            fields: entry.fields().iter().map(|f| f.name.to_owned()).collect(),
            deprecated: entry.deprecated(),
        })
        .collect()
}

/// The names of a template's placeholders, sorted and deduplicated (the
/// spec is wording), from the parts the derive parsed.
fn placeholders(template: Template) -> Vec<String> {
    let names: BTreeSet<&str> = template
        .parts()
        .filter_map(|part| match part {
            Part::Arg { name, .. } => Some(name),
            Part::Text { .. } => None,
        })
        .collect();
    names.into_iter().map(str::to_owned).collect()
}

pub(super) fn write_snapshot(out: &mut String, type_name: &str, codes: &[Recorded]) -> fmt::Result {
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

pub(super) fn parse(text: &str) -> Result<Snapshot, Malformed> {
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

#[cfg(test)]
mod tests {
    use super::placeholders;
    use crate::ApiError;

    // Only its catalog is read.
    #[allow(dead_code)]
    #[derive(Debug, ApiError)]
    #[api(status = 400)]
    enum Templates {
        #[api(message = "User {id} not found.")]
        One { id: u64 },
        #[api(message = "{b} {a} {b}")]
        Repeated { a: u8, b: u8 },
        #[api(message = "{0}: {00}")]
        Positional(u8),
        #[api(message = "Used {used:.1} of {limit: >4}")]
        Specs { used: f64, limit: u32 },
        #[api(message = "{{literal}} and {r#type}")]
        Escapes { r#type: u8 },
        #[api(message = "}} {{ {x}")]
        Braces { x: u8 },
        #[api(message = "No placeholder.")]
        Plain,
    }

    #[test]
    fn placeholders_are_the_parsed_names_sorted() {
        let found: Vec<Vec<String>> = Templates::catalog()
            .iter()
            .map(|entry| entry.template().map(placeholders).unwrap_or_default())
            .collect();
        assert_eq!(
            found,
            [
                vec!["id"],
                vec!["a", "b"],
                vec!["0"],
                vec!["limit", "used"],
                vec!["type"],
                vec!["x"],
                vec![],
            ]
        );
    }
}
