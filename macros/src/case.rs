//! Case conversion of variant names into codes (`rename_all`).

use std::fmt;

/// A `rename_all` rule, named as serde names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RenameRule {
    Lower,
    Upper,
    Pascal,
    Camel,
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

/// Every rule with the name it is written as, in the order error messages list them.
pub(crate) const RULES: &[(&str, RenameRule)] = &[
    ("snake_case", RenameRule::Snake),
    ("SCREAMING_SNAKE_CASE", RenameRule::ScreamingSnake),
    ("kebab-case", RenameRule::Kebab),
    ("SCREAMING-KEBAB-CASE", RenameRule::ScreamingKebab),
    ("camelCase", RenameRule::Camel),
    ("PascalCase", RenameRule::Pascal),
    ("lowercase", RenameRule::Lower),
    ("UPPERCASE", RenameRule::Upper),
];

/// The error for a name that is not a rule: it lists the valid ones.
pub(crate) struct ParseError<'a>(pub(crate) &'a str);

impl fmt::Display for ParseError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown rename rule `rename_all = {:?}`, expected one of ",
            self.0
        )?;
        for (i, (name, _)) in RULES.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{name:?}")?;
        }
        Ok(())
    }
}

impl RenameRule {
    pub(crate) fn from_name(name: &str) -> Result<Self, ParseError<'_>> {
        RULES
            .iter()
            .find(|(rule, _)| *rule == name)
            .map(|(_, rule)| *rule)
            .ok_or(ParseError(name))
    }

    /// Applies the rule to a `PascalCase` variant name. Words break before an
    /// upper-case letter that follows a lower-case letter or a digit, and
    /// before the last capital of an acronym (`HTTPTimeout` is `HTTP` +
    /// `Timeout`), so acronyms stay whole in every case.
    pub(crate) fn apply(self, ident: &str) -> String {
        let words = words(ident);
        match self {
            RenameRule::Lower => ident.to_lowercase(),
            RenameRule::Upper => ident.to_uppercase(),
            RenameRule::Pascal => ident.to_owned(),
            RenameRule::Camel => {
                let mut out = String::new();
                for (i, word) in words.iter().enumerate() {
                    if i == 0 {
                        out.push_str(&word.to_lowercase());
                    } else {
                        capitalize(word, &mut out);
                    }
                }
                out
            }
            RenameRule::Snake => join(&words, "_", false),
            RenameRule::ScreamingSnake => join(&words, "_", true),
            RenameRule::Kebab => join(&words, "-", false),
            RenameRule::ScreamingKebab => join(&words, "-", true),
        }
    }
}

fn capitalize(word: &str, out: &mut String) {
    let mut chars = word.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(&chars.as_str().to_lowercase());
    }
}

fn join(words: &[&str], separator: &str, upper: bool) -> String {
    let mut out = String::new();
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        if upper {
            out.push_str(&word.to_uppercase());
        } else {
            out.push_str(&word.to_lowercase());
        }
    }
    out
}

fn words(ident: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = ident.char_indices().collect();
    let mut words = Vec::new();
    let mut start = 0;
    for i in 1..chars.len() {
        let (at, c) = chars[i];
        let prev = chars[i - 1].1;
        let next = chars.get(i + 1).map(|&(_, c)| c);
        let boundary = if c == '_' {
            false
        } else if prev == '_' {
            true
        } else if c.is_uppercase() {
            prev.is_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_uppercase() && next.is_some_and(char::is_lowercase))
        } else {
            false
        };
        if boundary {
            let word = ident[start..at].trim_matches('_');
            if !word.is_empty() {
                words.push(word);
            }
            start = at;
        }
    }
    let word = ident[start..].trim_matches('_');
    if !word.is_empty() {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::{RULES, RenameRule};

    #[test]
    fn every_rule_on_every_shape() {
        #[rustfmt::skip]
        let table: &[(&str, [&str; 8])] = &[
            // ident: snake, SCREAMING_SNAKE, kebab, SCREAMING-KEBAB, camel, Pascal, lower, UPPER
            ("NotFound", ["not_found", "NOT_FOUND", "not-found", "NOT-FOUND", "notFound", "NotFound", "notfound", "NOTFOUND"]),
            ("Banned", ["banned", "BANNED", "banned", "BANNED", "banned", "Banned", "banned", "BANNED"]),
            ("HTTPTimeout", ["http_timeout", "HTTP_TIMEOUT", "http-timeout", "HTTP-TIMEOUT", "httpTimeout", "HTTPTimeout", "httptimeout", "HTTPTIMEOUT"]),
            ("Oauth2Failed", ["oauth2_failed", "OAUTH2_FAILED", "oauth2-failed", "OAUTH2-FAILED", "oauth2Failed", "Oauth2Failed", "oauth2failed", "OAUTH2FAILED"]),
            ("UserIDInvalid", ["user_id_invalid", "USER_ID_INVALID", "user-id-invalid", "USER-ID-INVALID", "userIdInvalid", "UserIDInvalid", "useridinvalid", "USERIDINVALID"]),
        ];
        for (ident, expected) in table {
            for ((name, rule), want) in RULES.iter().zip(expected) {
                assert_eq!(rule.apply(ident), *want, "{name} of {ident}");
            }
        }
    }

    #[test]
    fn unknown_rule_lists_the_valid_ones() {
        let Err(err) = RenameRule::from_name("snake") else {
            panic!("`snake` is not a rule");
        };
        let text = err.to_string();
        assert!(
            text.starts_with("unknown rename rule `rename_all = \"snake\"`"),
            "{text}"
        );
        for (name, _) in RULES {
            assert!(text.contains(name), "{text} lists {name}");
        }
    }
}
