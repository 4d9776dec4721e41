//! Message templates: `"User {id} not found."`, `"{0}"`, `{{` / `}}` escapes.

/// One piece of a parsed template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Piece {
    /// Text written as it is (escapes already resolved).
    Text(String),
    /// A field interpolated with `Display`, with an optional format spec
    /// (`{used:.1}`).
    Arg { arg: Arg, spec: Option<String> },
}

/// The field a placeholder names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Arg {
    Named(String),
    Index(usize),
}

impl std::fmt::Display for Arg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Arg::Named(name) => f.write_str(name),
            Arg::Index(index) => write!(f, "{index}"),
        }
    }
}

/// Parses a template. The error is a sentence for the user, spanned later on
/// the literal.
pub(crate) fn parse(template: &str) -> Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut chars = template.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '{' if chars.peek().map(|&(_, c)| c) == Some('{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek().map(|&(_, c)| c) == Some('}') => {
                chars.next();
                text.push('}');
            }
            '}' => {
                return Err(format!(
                    "unmatched `}}` at byte {at} of the message; write `}}}}` for a literal brace"
                ));
            }
            '{' => {
                let mut inner = String::new();
                let mut closed = false;
                for (_, c) in chars.by_ref() {
                    if c == '}' {
                        closed = true;
                        break;
                    }
                    if c == '{' {
                        break;
                    }
                    inner.push(c);
                }
                if !closed {
                    return Err(format!(
                        "unclosed `{{` at byte {at} of the message; write `{{{{` for a literal brace"
                    ));
                }
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                pieces.push(placeholder(&inner)?);
            }
            c => text.push(c),
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(pieces)
}

fn placeholder(inner: &str) -> Result<Piece, String> {
    let (name, spec) = match inner.split_once(':') {
        Some((name, spec)) => (name.trim(), Some(spec)),
        None => (inner.trim(), None),
    };
    if spec.is_some_and(|spec| spec.contains('?')) {
        return Err(format!(
            "`{{{inner}}}` asks for `Debug` output, which never reaches a public message; use `{{{name}}}` (Display)"
        ));
    }
    let arg = if name.is_empty() {
        return Err(
            "empty placeholder `{}` in the message; name a field (`{id}`) or a position (`{0}`)"
                .to_owned(),
        );
    } else if name.bytes().all(|b| b.is_ascii_digit()) {
        Arg::Index(
            name.parse()
                .map_err(|_| format!("position `{{{name}}}` is too large"))?,
        )
    } else if is_ident(name) {
        Arg::Named(name.strip_prefix("r#").unwrap_or(name).to_owned())
    } else {
        return Err(format!(
            "`{{{inner}}}` is not a placeholder: name a field (`{{id}}`) or a position (`{{0}}`); write `{{{{` for a literal brace"
        ));
    };
    Ok(Piece::Arg {
        arg,
        spec: spec.map(str::to_owned),
    })
}

fn is_ident(name: &str) -> bool {
    let name = name.strip_prefix("r#").unwrap_or(name);
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::{Arg, Piece, parse};

    fn text(s: &str) -> Piece {
        Piece::Text(s.to_owned())
    }

    fn named(s: &str) -> Piece {
        Piece::Arg {
            arg: Arg::Named(s.to_owned()),
            spec: None,
        }
    }

    #[test]
    fn parses_templates() {
        let table: &[(&str, Vec<Piece>)] = &[
            ("Slow down.", vec![text("Slow down.")]),
            (
                "User {id} not found.",
                vec![text("User "), named("id"), text(" not found.")],
            ),
            (
                "{0}",
                vec![Piece::Arg {
                    arg: Arg::Index(0),
                    spec: None,
                }],
            ),
            ("{reason}", vec![named("reason")]),
            ("{{literal}} {x}", vec![text("{literal} "), named("x")]),
            ("a }} b", vec![text("a } b")]),
            (
                "Used {used:.1} MB",
                vec![
                    text("Used "),
                    Piece::Arg {
                        arg: Arg::Named("used".into()),
                        spec: Some(".1".into()),
                    },
                    text(" MB"),
                ],
            ),
            ("{r#type}", vec![named("type")]),
            ("", vec![]),
        ];
        for (template, pieces) in table {
            assert_eq!(parse(template).as_ref(), Ok(pieces), "{template}");
        }
    }

    #[test]
    fn rejects_broken_templates() {
        let table: &[(&str, &str)] = &[
            ("User {id not found", "unclosed `{`"),
            ("User id} not found", "unmatched `}`"),
            ("{}", "empty placeholder"),
            ("{a b}", "is not a placeholder"),
            ("{id:?}", "`Debug` output"),
            ("{a{b}", "unclosed `{`"),
        ];
        for (template, expected) in table {
            let err = parse(template).expect_err(template);
            assert!(err.contains(expected), "{template}: {err}");
        }
    }
}
