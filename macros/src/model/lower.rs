//! Lowering the darling receivers into the model: codes from names and
//! rename rules, messages, fields and their keys, doc comments.

#![allow(clippy::wildcard_imports)]

use super::*;

/// The rule `rename_all = "…"` names, with the span of its value; an
/// unknown name is an error.
pub(super) fn parse_rule(
    name: &SpannedValue<String>,
    errors: &mut darling::error::Accumulator,
) -> Option<(RenameRule, Span)> {
    match RenameRule::from_name(name) {
        Ok(rule) => Some((rule, name.span())),
        Err(err) => {
            errors.push(darling::Error::custom(err).with_span(&name.span()));
            None
        }
    }
}

/// The renaming of a `transparent` variant's inner codes, when one of its
/// keys is written.
pub(super) fn lower_rename(
    prefix: Option<&SpannedValue<String>>,
    rule: Option<(RenameRule, Span)>,
    codes: Option<CodesValue>,
    errors: &mut darling::error::Accumulator,
) -> Option<Rename> {
    if prefix.is_none() && rule.is_none() && codes.is_none() {
        return None;
    }
    if let Some(prefix) = prefix {
        check_prefix(prefix, errors);
    }
    let (codes, codes_key) = match codes {
        Some(value) => (
            value
                .codes
                .into_iter()
                .map(|(ident, code)| (ident, code.code, code.span))
                .collect(),
            Some(value.span),
        ),
        None => (Vec::new(), None),
    };
    Some(Rename {
        prefix: prefix.map(|p| (p.as_str().to_owned(), p.span())),
        rule,
        codes,
        codes_key,
    })
}

/// A documentation URL template names the code it documents, `{code}`,
/// and no other placeholder: only `{code}` is filled in.
pub(super) fn check_docs(docs: &SpannedValue<String>, errors: &mut darling::error::Accumulator) {
    let message = if docs.contains("{code}") {
        let Some(other) = placeholders(docs).find(|p| *p != "{code}") else {
            return;
        };
        format!(
            "`docs` fills in only `{{code}}`; `{other}` would stay in every URL as written; remove it"
        )
    } else {
        format!(
            "`docs = {:?}` has no `{{code}}`, so every code would link to the same page; write it like `docs = \"https://example.com/errors/{{code}}\"`",
            docs.as_str()
        )
    };
    errors.push(darling::Error::custom(message).with_span(&docs.span()));
}

/// Each `{…}` in `text`, braces included.
pub(crate) fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices('{').filter_map(|(at, _)| {
        let len = text[at..].find('}')?;
        Some(&text[at..=at + len])
    })
}

/// A prefix starts every derived code, so it follows the code rules: no
/// whitespace, no control characters.
pub(super) fn check_prefix(
    prefix: &SpannedValue<String>,
    errors: &mut darling::error::Accumulator,
) {
    if let Some(c) = prefix.chars().find(|c| c.is_whitespace() || c.is_control()) {
        let (what, fix) = if c.is_whitespace() {
            ("whitespace".to_owned(), "join words with `_`, `-` or `:`")
        } else {
            (
                format!("a control character (`{}`)", c.escape_debug()),
                "remove it",
            )
        };
        errors.push(
            darling::Error::custom(format!(
                "prefix `{}` contains {what}, and it starts every derived code, which clients compare verbatim; {fix}",
                prefix.escape_debug()
            ))
            .with_span(&prefix.span()),
        );
    }
}

/// The code as written, or derived from the name with `rename_all` and
/// `prefix`.
pub(super) fn derive_code(
    explicit: Option<CodeValue>,
    ident: &Ident,
    rule: RenameRule,
    prefix: &str,
) -> Code {
    if let Some(value) = explicit {
        return Code {
            lit: value.code,
            span: value.span,
            derived: false,
        };
    }
    let name = ident.to_string();
    let name = name.trim_start_matches("r#");
    Code {
        lit: CodeLit::Str(format!("{prefix}{}", rule.apply(name))),
        span: ident.span(),
        derived: true,
    }
}

pub(super) fn lower_variant(
    attrs: VariantAttrs,
    rule: RenameRule,
    prefix: &str,
    errors: &mut darling::error::Accumulator,
) -> Variant {
    let mut variant = VariantKeys {
        ident: attrs.ident,
        attrs: &attrs.attrs,
        fields: attrs.fields,
        code: attrs.code,
        status: attrs.status,
        message: attrs.message,
        title: attrs.title,
        transparent: attrs.transparent,
    }
    .lower(rule, prefix, errors);
    let own_rule = attrs
        .rename_all
        .as_ref()
        .and_then(|name| parse_rule(name, errors));
    variant.rename = lower_rename(attrs.prefix.as_ref(), own_rule, attrs.codes, errors);
    variant.other = attrs.other.is_present().then(|| attrs.other.span());
    variant.aliases = attrs
        .alias
        .iter()
        .map(|alias| (alias.code.clone(), alias.span))
        .collect();
    variant.skip_parse = attrs
        .skip_parse
        .is_present()
        .then(|| attrs.skip_parse.span());
    variant.skip_from = attrs.skip_from.is_present().then(|| attrs.skip_from.span());
    variant
}

/// The keys a variant and a struct share, as written.
pub(super) struct VariantKeys<'a> {
    pub(super) ident: Ident,
    pub(super) attrs: &'a [syn::Attribute],
    pub(super) fields: darling::ast::Fields<FieldAttrs>,
    pub(super) code: Option<CodeValue>,
    pub(super) status: Option<StatusValue>,
    pub(super) message: Option<SpannedValue<String>>,
    pub(super) title: Option<SpannedValue<String>>,
    pub(super) transparent: darling::util::Flag,
}

impl VariantKeys<'_> {
    pub(super) fn lower(
        self,
        rule: RenameRule,
        prefix: &str,
        errors: &mut darling::error::Accumulator,
    ) -> Variant {
        let named = self.fields.style == darling::ast::Style::Struct;
        let fields = lower_fields(self.fields.fields, errors);
        let explicit_keys = [
            ("code", self.code.as_ref().map(|c| c.span)),
            ("status", self.status.map(|s| s.span)),
            ("message", self.message.as_ref().map(SpannedValue::span)),
            ("title", self.title.as_ref().map(SpannedValue::span)),
        ]
        .into_iter()
        .filter_map(|(key, span)| span.map(|span| (key, span)))
        .collect();
        let code = derive_code(self.code, &self.ident, rule, prefix);
        Variant {
            code: Some(code),
            title: self.title.map(SpannedValue::into_inner),
            status: self.status,
            message: self.message.as_ref().and_then(|m| lower_message(m, errors)),
            transparent: self
                .transparent
                .is_present()
                .then(|| self.transparent.span()),
            fields,
            named,
            description: doc_string(self.attrs),
            deprecated: self.attrs.iter().any(|a| a.path().is_ident("deprecated")),
            other: None,
            aliases: Vec::new(),
            skip_parse: None,
            skip_from: None,
            rename: None,
            explicit_keys,
            incomplete: false,
            ident: self.ident,
        }
    }
}

pub(super) fn lower_message(
    message: &SpannedValue<String>,
    errors: &mut darling::error::Accumulator,
) -> Option<Message> {
    match template::parse(message) {
        Ok(pieces) => Some(Message {
            raw: message.as_str().to_owned(),
            pieces,
            span: message.span(),
        }),
        Err(err) => {
            errors.push(darling::Error::custom(err).with_span(&message.span()));
            None
        }
    }
}

pub(super) fn lower_fields(
    fields: Vec<FieldAttrs>,
    errors: &mut darling::error::Accumulator,
) -> Vec<Field> {
    fields
        .into_iter()
        .enumerate()
        .map(|(index, attrs)| lower_field(index, attrs, errors))
        .collect()
}

pub(super) fn lower_field(
    index: usize,
    attrs: FieldAttrs,
    errors: &mut darling::error::Accumulator,
) -> Field {
    let span = match &attrs.ident {
        Some(ident) => ident.span(),
        None => attrs.ty.span(),
    };
    let member = match &attrs.ident {
        Some(ident) => Member::Named(ident.clone()),
        None => Member::Unnamed(syn::Index {
            index: u32::try_from(index).unwrap_or(u32::MAX),
            span,
        }),
    };
    let mut keys = Vec::new();

    let exposed = attrs.field.as_ref().and_then(|value| {
        let key_span = value.span();
        keys.push(("field", key_span));
        match (&**value, &attrs.ident) {
            (Override::Explicit(name), _) => Some((name.clone(), key_span)),
            (Override::Inherit, Some(ident)) => {
                Some((ident.to_string().trim_start_matches("r#").to_owned(), key_span))
            }
            (Override::Inherit, None) => {
                errors.push(
                    darling::Error::custom(
                        "a tuple field has no name to expose; name the member: `#[api(field = \"name\")]`",
                    )
                    .with_span(&key_span),
                );
                None
            }
        }
    });

    let thiserror_source = attrs
        .attrs
        .iter()
        .find(|a| a.path().is_ident("source") || a.path().is_ident("from"))
        .map(|a| a.path().span());
    let thiserror_from = attrs
        .attrs
        .iter()
        .find(|a| a.path().is_ident("from"))
        .map(|a| a.path().span());
    let named_source = attrs
        .ident
        .as_ref()
        .filter(|ident| *ident == "source" && attrs.field.is_none())
        .map(Ident::span);
    let source = if attrs.source.is_present() {
        keys.push(("source", attrs.source.span()));
        Some(attrs.source.span())
    } else {
        thiserror_source.or(named_source)
    };

    let retry_after = attrs.retry_after.as_ref().and_then(|value| {
        let key_span = value.span();
        keys.push(("retry_after", key_span));
        let unit = match &**value {
            Override::Inherit => Some(RetryUnit::Secs),
            Override::Explicit(unit) if unit == "ms" => Some(RetryUnit::Millis),
            Override::Explicit(unit) if unit == "s" => Some(RetryUnit::Secs),
            Override::Explicit(_) => None,
        };
        if unit.is_none() {
            errors.push(
                darling::Error::custom(
                    "unknown `retry_after` unit; expected `retry_after = \"ms\"` or `retry_after = \"s\"` (a bare `retry_after` means seconds, or a `Duration` as it is)",
                )
                .with_span(&key_span),
            );
        }
        unit.map(|unit| (unit, key_span))
    });

    let status = attrs.status.is_present().then(|| attrs.status.span());
    if let Some(span) = status {
        keys.push(("status", span));
    }

    let none = attrs.none.as_ref().and_then(|value| {
        let span = value.span();
        keys.push(("none", span));
        let none = match value.as_str() {
            "omit" => Some(NoneAs::Omit),
            "null" => Some(NoneAs::Null),
            _ => None,
        };
        if none.is_none() {
            errors.push(
                darling::Error::custom(
                    "unknown `none` value; expected `none = \"omit\"` (the member is left out of the body) or `none = \"null\"` (it is written as `null`)",
                )
                .with_span(&span),
            );
        }
        none.map(|none| (none, span))
    });

    let default = attrs.default.as_ref().and_then(|value| {
        let span = value.span();
        keys.push(("default", span));
        match &**value {
            Override::Inherit => Some((FieldDefault::Trait, span)),
            Override::Explicit(text) => {
                if let Ok(mut path) = syn::parse_str::<syn::Path>(text) {
                    set_path_span(&mut path, span);
                    Some((FieldDefault::Path(path), span))
                } else {
                    errors.push(
                        darling::Error::custom(format!(
                            "`default = \"{}\"` is not a path; write the path of a function that returns the value, like `default = \"Vec::new\"`, or a bare `default` for the type's `Default`",
                            text.escape_debug()
                        ))
                        .with_span(&span),
                    );
                    None
                }
            }
        }
    });

    let violations = attrs
        .violations
        .is_present()
        .then(|| attrs.violations.span());
    if let Some(span) = violations {
        keys.push(("violations", span));
    }

    Field {
        member,
        violations,
        option: is_option(&attrs.ty),
        duration: may_be_duration(&attrs.ty),
        thiserror_from,
        ty: attrs.ty,
        exposed,
        source,
        retry_after,
        status,
        keys,
        none,
        default,
    }
}

/// Whether `ty` is written `Option<…>` (or `core::option::Option<…>`).
pub(super) fn is_option(mut ty: &Type) -> bool {
    while let Type::Group(syn::TypeGroup { elem, .. }) | Type::Paren(syn::TypeParen { elem, .. }) =
        ty
    {
        ty = elem;
    }
    let Type::Path(path) = ty else { return false };
    path.qself.is_none()
        && path.path.segments.last().is_some_and(|segment| {
            segment.ident == "Option"
                && matches!(&segment.arguments, syn::PathArguments::AngleBracketed(args) if args.args.len() == 1)
        })
}

/// Whether `ty` may be `core::time::Duration`: a path ending in `Duration`
/// without generic arguments (`Duration`, `std::time::Duration`), or an
/// `Option` of one. The generated code asks the type itself, so another
/// `Duration` (chrono's, time's) stays what it is; a type alias is not
/// seen.
pub(super) fn may_be_duration(ty: &Type) -> bool {
    may_be(ty, "Duration")
}

/// Whether `ty` is written as `errbook::Violations` (by any path) or an
/// `Option` of one, as [`may_be_duration`] tells a `Duration`.
pub(super) fn may_be_violations(ty: &Type) -> bool {
    may_be(ty, "Violations")
}

/// A path ending in `name` without generic arguments, or an `Option` of
/// one.
fn may_be(ty: &Type, name: &str) -> bool {
    let Type::Path(path) = ungroup(ty) else {
        return false;
    };
    let Some(last) = path.path.segments.last() else {
        return false;
    };
    match &last.arguments {
        syn::PathArguments::None => path.qself.is_none() && last.ident == name,
        syn::PathArguments::AngleBracketed(args) if last.ident == "Option" => {
            matches!(args.args.first(), Some(syn::GenericArgument::Type(inner)) if args.args.len() == 1 && may_be(inner, name) && !is_option(inner))
        }
        _ => false,
    }
}

/// `ty` without the invisible groups and parentheses around it.
fn ungroup(mut ty: &Type) -> &Type {
    while let Type::Group(syn::TypeGroup { elem, .. }) | Type::Paren(syn::TypeParen { elem, .. }) =
        ty
    {
        ty = elem;
    }
    ty
}

/// Puts `span` on every token of a path read from a string, so rustc's
/// errors about it point at the string.
pub(super) fn set_path_span(path: &mut syn::Path, span: Span) {
    if let Some(colon) = &mut path.leading_colon {
        colon.spans = [span, span];
    }
    for mut pair in path.segments.pairs_mut() {
        pair.value_mut().ident.set_span(span);
        if let Some(colon) = pair.punct_mut() {
            colon.spans = [span, span];
        }
    }
}

/// The doc comment, lines trimmed and joined by spaces; paragraphs kept.
pub(super) fn doc_string(attrs: &[syn::Attribute]) -> Option<String> {
    let mut lines = Vec::new();
    for attr in attrs {
        if !attr.path().is_ident("doc") {
            continue;
        }
        if let syn::Meta::NameValue(nv) = &attr.meta
            && let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) = &nv.value
        {
            // A `/** … */` block arrives as one attribute with its lines.
            let value = s.value();
            if value.trim().is_empty() {
                lines.push(String::new());
            } else {
                lines.extend(value.lines().map(|l| l.trim().to_owned()));
            }
        }
    }
    // As rustdoc does: a `*` that starts every line of a block comment is
    // decoration, not text.
    let decorated = lines
        .iter()
        .filter(|l| !l.is_empty())
        .all(|l| l.starts_with('*'));
    let mut out = String::new();
    let mut blank = false;
    for line in &lines {
        let line = if decorated {
            line.trim_start_matches('*').trim()
        } else {
            line.as_str()
        };
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { " " });
        }
        blank = false;
        out.push_str(line);
    }
    (!out.is_empty()).then_some(out)
}
