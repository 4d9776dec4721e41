//! The rules of `#[api(parse)]`: its keys, the `other` variant, aliases,
//! and fields the decoder must be able to rebuild.

use std::collections::HashMap;

use darling::error::Accumulator;
use syn::Type;

use crate::attr::CodeLit;
use crate::model::{Input, Shape, Variant};

/// `other`, `alias` and `skip_parse` need `#[api(parse)]`. With it: at most
/// one `other` variant, which is neither `transparent` nor `skip_parse`; an
/// alias is a well-formed code that no variant already has, on a variant the
/// decoder matches by code; and every variant the decoder can produce can be
/// rebuilt (a `source` cannot come back from a response, a borrowed member
/// cannot outlive it).
pub(super) fn check_parse_keys(input: &Input, errors: &mut Accumulator) {
    let Some(_) = input.parse else {
        for field in input.variants.iter().flat_map(|v| &v.fields) {
            if let Some((_, span)) = &field.default {
                errors.push(
                    darling::Error::custom(format!(
                        "`default` only matters to the decoder; add `#[api(parse)]` to the {} to generate it",
                        if input.shape == Shape::Enum { "enum" } else { "struct" }
                    ))
                    .with_span(span),
                );
            }
        }
        for variant in &input.variants {
            let used = [
                ("other", variant.other),
                ("alias", variant.aliases.first().map(|a| a.1)),
                ("skip_parse", variant.skip_parse),
            ];
            for (key, span) in used {
                if let Some(span) = span {
                    errors.push(
                        darling::Error::custom(format!(
                            "`{key}` only matters to the decoder; add `#[api(parse)]` to the {} to generate it",
                            if input.shape == Shape::Enum { "enum" } else { "struct" }
                        ))
                        .with_span(&span),
                    );
                }
            }
        }
        return;
    };
    check_other(input, errors);
    check_aliases(input, errors);
    check_read_back(input, errors);
    for variant in &input.variants {
        if variant.skip_parse.is_some() || variant.transparent.is_some() || variant.other.is_some()
        {
            continue;
        }
        if let Some(span) = variant.fields.iter().find_map(|f| f.source) {
            errors.push(
                darling::Error::custom(format!(
                    "the `source` of `{}` cannot be rebuilt from a response; mark the variant `#[api(skip_parse)]` so the decoder never produces it",
                    variant.ident
                ))
                .with_span(&span),
            );
        }
        let message = variant.message_field().map(|f| &f.member);
        for field in &variant.fields {
            let read = field.exposed.is_some() || message == Some(&field.member);
            if !read || field.status.is_some() {
                continue;
            }
            if let Type::Reference(reference) = ungroup_type(&field.ty) {
                let owned = match ungroup_type(&reference.elem) {
                    Type::Path(path) if path.path.is_ident("str") => "`String`",
                    Type::Slice(_) => "a `Vec`",
                    _ => "the type itself, not a reference",
                };
                errors.push(
                    darling::Error::custom(format!(
                        "a borrowed field cannot be read back, since a decoded error outlives the response it was read from; use an owned type ({owned}), or mark `{}` `#[api(skip_parse)]`",
                        variant.ident
                    ))
                    .with_span(&field.ty),
                );
            }
        }
    }
}

/// Every variant the decoder can produce reads back from the body its own
/// format writes. A `detail` body is the message alone: the decoder finds
/// the variant by its status and fixed message, so the status is fixed, the
/// message has no placeholder, and an exposed field, which the body drops,
/// says with `default` what it comes back as.
fn check_read_back(input: &Input, errors: &mut Accumulator) {
    if !matches!(input.reserved(), Some(("detail", _))) {
        return;
    }
    for variant in &input.variants {
        if variant.skip_parse.is_some() || variant.transparent.is_some() || variant.other.is_some()
        {
            continue;
        }
        let skip = format!(
            "or mark `{}` `#[api(skip_parse)]` so the decoder never produces it",
            variant.ident
        );
        if let Some(message) = &variant.message
            && message
                .pieces
                .iter()
                .any(|piece| !matches!(piece, crate::template::Piece::Text(_)))
        {
            errors.push(
                darling::Error::custom(format!(
                    "a `detail` body has no code, so the decoder finds a variant by its status and its fixed message, and this message has a placeholder; write a fixed message, use a format with a code (`nested`, `problem`, `matrix`, `google`), {skip}"
                ))
                .with_span(&message.span),
            );
        }
        for field in &variant.fields {
            if let Some(span) = field.status {
                errors.push(
                    darling::Error::custom(format!(
                        "a `detail` body has no code, so the decoder finds a variant by its fixed status, and this field chooses the status at run time; give the variant a fixed `status`, use a format with a code, {skip}"
                    ))
                    .with_span(&span),
                );
            }
            if let Some((name, span)) = &field.exposed
                && field.default.is_none()
                && field.source.is_none()
            {
                errors.push(
                    darling::Error::custom(format!(
                        "the `detail` format writes the message alone, so the member `{name}` is not in the body and cannot be read back; give the field `default` (or `default = \"path::to::function\"`) for the value a client gets, remove `field`, {skip}"
                    ))
                    .with_span(span),
                );
            }
        }
    }
}

/// The type inside the invisible groups and parentheses of `macro_rules!`
/// fragments.
fn ungroup_type(mut ty: &Type) -> &Type {
    loop {
        match ty {
            Type::Group(group) => ty = &group.elem,
            Type::Paren(paren) => ty = &paren.elem,
            _ => return ty,
        }
    }
}

/// One `other` variant at most, and it is decoded into: neither
/// `transparent` (its field is an `errbook::Unknown`, not an inner error)
/// nor `skip_parse`.
fn check_other(input: &Input, errors: &mut Accumulator) {
    let mut first_other: Option<&Variant> = None;
    for variant in &input.variants {
        let Some(span) = variant.other else { continue };
        if let Some(first) = first_other {
            errors.push(
                darling::Error::custom(format!(
                    "a second `other` variant: `{}` already receives every unknown code; keep one",
                    first.ident
                ))
                .with_span(&span),
            );
            continue;
        }
        first_other = Some(variant);
        if variant.transparent.is_some() {
            errors.push(
                darling::Error::custom(
                    "`other` cannot be combined with `transparent`: an `other` variant holds the `errbook::Unknown` of an unknown code, a `transparent` one an inner error; remove one of them",
                )
                .with_span(&span),
            );
        }
        if let Some(skip) = variant.skip_parse {
            errors.push(
                darling::Error::custom(format!(
                    "`skip_parse` cannot be combined with `other`: `{}` is where the decoder puts every unknown code; remove `skip_parse`",
                    variant.ident
                ))
                .with_span(&skip),
            );
        }
    }
}

/// An alias is an older code the decoder still reads into its variant: a
/// well-formed code, on a variant matched by its own code, that no variant
/// has as its code or alias.
fn check_aliases(input: &Input, errors: &mut Accumulator) {
    let mut owners: HashMap<String, (&Variant, bool)> = HashMap::new();
    for variant in &input.variants {
        if let Some(code) = &variant.code {
            owners
                .entry(code_text(&code.lit))
                .or_insert((variant, false));
        }
    }
    for variant in &input.variants {
        let refusal = if variant.other.is_some() {
            Some(format!(
                "`alias` cannot be combined with `other`: `{}` already receives every code no variant has; remove the alias",
                variant.ident
            ))
        } else if variant.transparent.is_some() {
            Some(
                "`alias` cannot be combined with `transparent`: the inner error decodes its own codes; put the alias on the variant of the inner type that has the code now"
                    .to_owned(),
            )
        } else if variant.skip_parse.is_some() {
            Some(format!(
                "`alias` cannot be combined with `skip_parse`: the decoder never produces `{}`; remove one of them",
                variant.ident
            ))
        } else {
            None
        };
        if let Some(refusal) = refusal {
            for (_, span) in &variant.aliases {
                errors.push(darling::Error::custom(&refusal).with_span(span));
            }
            continue;
        }
        for (lit, span) in &variant.aliases {
            let alias = code_text(lit);
            let text = match lit {
                CodeLit::Str(text) => text.as_str(),
                CodeLit::Int(_) => "",
            };
            let problem = if matches!(lit, CodeLit::Str(text) if text.is_empty()) {
                "an alias cannot be empty; write the older code this variant had, like `alias = \"USER_NOT_FOUND\"`, or remove it".to_owned()
            } else if text.contains(char::is_whitespace) {
                format!(
                    "alias `{}` contains whitespace, and codes never do (clients compare them verbatim); write the older code exactly as it was sent",
                    text.escape_debug()
                )
            } else if let Some(c) = text.chars().find(|c| c.is_control()) {
                format!(
                    "alias `{}` contains a control character (`{}`), and codes never do; write the older code exactly as it was sent",
                    text.escape_debug(),
                    c.escape_debug()
                )
            } else if let Some((owner, was_alias)) = owners.get(alias.as_str()) {
                match (owner.ident == variant.ident, was_alias) {
                    (true, false) => format!(
                        "alias `{alias}` is the code of `{}` itself; an alias names an older code the variant no longer has; remove it",
                        variant.ident
                    ),
                    (true, true) => format!("alias `{alias}` is given twice; keep one"),
                    (false, false) => format!(
                        "alias `{alias}` is the code of variant `{}`, so it would decode into `{}`; an alias names an older code that no variant has now; remove it",
                        owner.ident, owner.ident
                    ),
                    (false, true) => format!(
                        "alias `{alias}` is already an alias of variant `{}`; an older code decodes into one variant; keep one of the aliases",
                        owner.ident
                    ),
                }
            } else {
                owners.insert(alias, (variant, true));
                continue;
            };
            errors.push(darling::Error::custom(problem).with_span(span));
        }
    }
}

fn code_text(code: &CodeLit) -> String {
    match code {
        CodeLit::Str(s) => s.clone(),
        CodeLit::Int(i) => i.to_string(),
    }
}
