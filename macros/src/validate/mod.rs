//! Rules that span several attributes, one `check_*` per rule; the rules of
//! the client-side decoder (`parse`) are in [`decoder`], those of the
//! `From` impls of `transparent` variants in [`from`].

mod decoder;
mod from;

use std::collections::{HashMap, HashSet};

use darling::error::Accumulator;
use quote::ToTokens;
use syn::Member;

use crate::attr::CodeLit;
use crate::model::{Input, Shape, Variant, placeholders};
use crate::template::{Arg, Piece};

pub(crate) fn check(input: &Input, errors: &mut Accumulator) {
    check_status_none_format(input, errors);
    check_unique_codes(input, errors);
    decoder::check_parse_keys(input, errors);
    from::check_from(input, errors);
    for variant in &input.variants {
        check_code_text(input, variant, errors);
        check_rename(input, variant, errors);
        if let Some(span) = variant.transparent {
            check_delegating(input, variant, "transparent", span, errors);
            continue;
        }
        if let Some(span) = variant.other {
            check_delegating(input, variant, "other", span, errors);
            continue;
        }
        check_status(input, variant, errors);
        check_template(variant, errors);
        check_title(variant, errors);
        check_members(input, variant, errors);
        check_none(variant, errors);
        check_single_roles(variant, errors);
        check_violations_alone(variant, errors);
    }
}

fn noun(input: &Input) -> &'static str {
    match input.shape {
        Shape::Enum => "variant",
        Shape::Struct => "struct",
    }
}

/// Two variants of one type never share a code, whether written or derived;
/// the error sits on the second and names the first.
fn check_unique_codes(input: &Input, errors: &mut Accumulator) {
    let mut seen: HashMap<String, &Variant> = HashMap::new();
    for variant in &input.variants {
        let Some(code) = &variant.code else { continue };
        let key = match &code.lit {
            CodeLit::Str(s) => s.clone(),
            CodeLit::Int(i) => i.to_string(),
        };
        let Some(first) = seen.get(&key) else {
            seen.insert(key, variant);
            continue;
        };
        let this = if code.derived {
            ", derived from this variant's name,"
        } else {
            ""
        };
        let theirs = if first.code.as_ref().is_some_and(|c| c.derived) {
            " (derived from its name)"
        } else {
            ""
        };
        errors.push(
            darling::Error::custom(format!(
                "duplicate code `{key}`{this} already used by variant `{}`{theirs}; give one of them another `code`",
                first.ident
            ))
            .with_span(&code.span),
        );
    }
}

/// A written code is not empty and has no whitespace or control characters
/// (clients compare codes verbatim, and logs print them). A derived code is
/// an identifier behind the `prefix`, which `model` checks on its own.
fn check_code_text(input: &Input, variant: &Variant, errors: &mut Accumulator) {
    let Some(code) = &variant.code else { return };
    let CodeLit::Str(text) = &code.lit else {
        return;
    };
    if code.derived {
        return;
    }
    let empty = format!(
        "a code cannot be empty; write one, like `code = \"user:not_found\"`, or remove `code` to derive it from the {} name",
        noun(input)
    );
    if let Some(problem) = code_text_problem(text, empty) {
        errors.push(darling::Error::custom(problem).with_span(&code.span));
    }
}

/// What is wrong with a code written as `text`, if anything: empty (the
/// message `empty`), whitespace, control characters.
fn code_text_problem(text: &str, empty: String) -> Option<String> {
    let problem = if text.is_empty() {
        empty
    } else if text.contains(char::is_whitespace) {
        format!(
            "code `{}` contains whitespace, and clients compare codes verbatim; join the words with `_`, `-` or `:`",
            text.escape_debug()
        )
    } else if let Some(c) = text.chars().find(|c| c.is_control()) {
        format!(
            "code `{}` contains a control character (`{}`), and clients compare codes verbatim; remove it",
            text.escape_debug(),
            c.escape_debug()
        )
    } else {
        return None;
    };
    Some(problem)
}

/// `prefix`, `rename_all` and `codes(…)` on a variant (or a struct) rename
/// the codes of the error it nests: they need `transparent` and an inner
/// type the constant evaluation that renames can name. Each variant is
/// given a code once, and a code written in `codes` follows the code rules.
fn check_rename(input: &Input, variant: &Variant, errors: &mut Accumulator) {
    let Some(rename) = &variant.rename else {
        return;
    };
    if variant.transparent.is_none() {
        for (key, span) in rename.keys() {
            let text = match (input.shape, key) {
                (Shape::Enum, "codes") => format!(
                    "`codes` renames the codes of the error a `transparent` variant nests, and `{}` is not `transparent`; give it its own code with `code = \"…\"`",
                    variant.ident
                ),
                (Shape::Enum, _) => format!(
                    "`{key}` on a variant renames the codes of the error a `transparent` variant nests, and `{}` is not `transparent`; to set the codes derived from the variant names, move `{key}` into the `#[api(…)]` of the enum",
                    variant.ident
                ),
                (Shape::Struct, _) => format!(
                    "`codes` renames the codes of the error a `transparent` struct wraps, and `{}` is not `transparent`; give it its own code with `code = \"…\"`",
                    variant.ident
                ),
            };
            errors.push(darling::Error::custom(text).with_span(&span));
        }
        return;
    }
    let [field] = variant.fields.as_slice() else {
        // `check_delegating` says how many fields it needs.
        return;
    };
    if crate::generics::mentions_params(&field.ty, &input.generics) {
        let (key, span) = rename.key();
        errors.push(
            darling::Error::custom(format!(
                "`{key}` renames the codes of `{}` at compile time, in a constant that cannot depend on the generic parameters of `{}`; nest a type without them, or rename the codes where the type is nested with its parameters given",
                crate::codegen::type_string(&field.ty),
                input.ident
            ))
            .with_span(&span),
        );
    }
    let mut named: Vec<&syn::Ident> = Vec::new();
    for (ident, code, span) in &rename.codes {
        if named.contains(&ident) {
            errors.push(
                darling::Error::custom(format!("`codes` gives `{ident}` a code twice; keep one"))
                    .with_span(ident),
            );
            continue;
        }
        named.push(ident);
        if let CodeLit::Str(text) = code {
            let empty = format!(
                "a code cannot be empty; write one, like `{ident} = \"app:not_found\"`, or leave `{ident}` out of `codes` to rename its code with the rest"
            );
            if let Some(problem) = code_text_problem(text, empty) {
                errors.push(darling::Error::custom(problem).with_span(span));
            }
        }
    }
}

/// Every non-transparent variant has a status in 400..=599: its own, a
/// `#[api(status)]` field, or the container's default.
fn check_status(input: &Input, variant: &Variant, errors: &mut Accumulator) {
    let field_status = variant.fields.iter().find_map(|f| f.status);
    if let Some(status) = variant.status.filter(|s| s.none) {
        errors.push(
            darling::Error::custom(
                "`status = none` belongs on the enum: it says that none of the type's codes travel over HTTP",
            )
            .with_span(&status.span),
        );
        return;
    }
    if input.no_http.is_some() {
        check_no_status(input, variant, field_status, errors);
        return;
    }
    match (&variant.status, field_status) {
        (Some(status), _) if !(400..=599).contains(&status.value) => {
            errors.push(
                darling::Error::custom(format!(
                    "status {} is not an HTTP error status; use 400..=599",
                    status.value
                ))
                .with_span(&status.span),
            );
        }
        (Some(status), Some(_)) if variant.explicit_keys.iter().any(|(k, _)| *k == "status") => {
            errors.push(
                darling::Error::custom(
                    "the status is set twice: by `status = …` and by a `#[api(status)]` field; keep one",
                )
                .with_span(&status.span),
            );
        }
        (None, None) if !variant.incomplete => {
            let what = match input.shape {
                Shape::Enum => format!(
                    "variant `{}` has no status; add `#[api(status = …)]` to it, or a default `#[api(status = …)]` on the enum",
                    variant.ident
                ),
                Shape::Struct => format!(
                    "struct `{}` has no status; add `#[api(status = …)]` to it",
                    variant.ident
                ),
            };
            errors.push(darling::Error::custom(what).with_span(&variant.ident));
        }
        _ => {}
    }
}

/// A type without HTTP statuses cannot default to a format whose body
/// carries the HTTP status (problem+json's `status`, Google's `code`).
fn check_status_none_format(input: &Input, errors: &mut Accumulator) {
    let (Some(span), Some((format, _))) = (input.no_http, input.reserved()) else {
        return;
    };
    if matches!(format, "problem" | "google") {
        errors.push(
            darling::Error::custom(format!(
                "`status = none` cannot be combined with `format = {format}`, whose body carries the HTTP status; choose `nested`, `matrix`, `detail` or a format of your own"
            ))
            .with_span(&span),
        );
    }
}

/// A type with `status = none` has codes that never travel over HTTP
/// (protocol codes, federation codes): none of its variants names a status.
fn check_no_status(
    input: &Input,
    variant: &Variant,
    field_status: Option<proc_macro2::Span>,
    errors: &mut Accumulator,
) {
    let explicit = variant
        .explicit_keys
        .iter()
        .find(|(k, _)| *k == "status")
        .map(|(_, span)| *span);
    for span in explicit.into_iter().chain(field_status) {
        errors.push(
            darling::Error::custom(format!(
                "`{}` has `status = none`, so its codes carry no HTTP status; remove this status, or move the variant to a type with statuses",
                input.ident
            ))
            .with_span(&span),
        );
    }
}

/// A placeholder names a field of its variant (by name, or by position in a
/// tuple variant), and never the internal `source`.
fn check_template(variant: &Variant, errors: &mut Accumulator) {
    let Some(message) = &variant.message else {
        return;
    };
    for piece in &message.pieces {
        let Piece::Arg { arg, .. } = piece else {
            continue;
        };
        let member = match arg {
            Arg::Named(name) => {
                if !variant.named {
                    let hint = match variant.fields.len() {
                        0 => "it has no fields".to_owned(),
                        1 => "its one field is positional: use `{0}`".to_owned(),
                        n => format!("its fields are positional: use `{{0}}`..`{{{}}}`", n - 1),
                    };
                    errors.push(
                        darling::Error::custom(format!(
                            "unknown field `{name}` in the message of `{}`; {hint}",
                            variant.ident
                        ))
                        .with_span(&message.span),
                    );
                    continue;
                }
                match variant.fields.iter().find(|f| matches!(&f.member, Member::Named(i) if i.to_string().trim_start_matches("r#") == name)) {
                    Some(field) => field.member.clone(),
                    None => Member::Named(syn::Ident::new("__errbook_unknown", message.span)),
                }
            }
            Arg::Index(index) => {
                if variant.named || *index >= variant.fields.len() {
                    let has = match (&variant.fields[..], variant.named) {
                        ([], _) => "it has no fields".to_owned(),
                        ([first, ..], true) => format!(
                            "its fields are named: use `{{{}}}`",
                            first.member.to_token_stream()
                        ),
                        ([_], false) => "it has one field: `{0}`".to_owned(),
                        (fields, false) => {
                            format!(
                                "it has {} fields: `{{0}}`..`{{{}}}`",
                                fields.len(),
                                fields.len() - 1
                            )
                        }
                    };
                    errors.push(
                        darling::Error::custom(format!(
                            "no field at position `{{{index}}}` in the message of `{}`; {has}",
                            variant.ident
                        ))
                        .with_span(&message.span),
                    );
                    continue;
                }
                Member::Unnamed(syn::Index {
                    index: u32::try_from(*index).unwrap_or(u32::MAX),
                    span: message.span,
                })
            }
        };
        match variant.field(&member) {
            None => {
                let names: Vec<String> = variant
                    .fields
                    .iter()
                    .map(|f| match &f.member {
                        Member::Named(i) => format!("`{i}`"),
                        Member::Unnamed(i) => format!("`{}`", i.index),
                    })
                    .collect();
                let known = if names.is_empty() {
                    "it has no fields".to_owned()
                } else {
                    format!("its fields are {}", names.join(", "))
                };
                errors.push(
                    darling::Error::custom(format!(
                        "unknown field `{arg}` in the message of `{}`; {known}",
                        variant.ident
                    ))
                    .with_span(&message.span),
                );
            }
            Some(field) if field.source.is_some() => {
                errors.push(
                    darling::Error::custom(format!(
                        "`{{{arg}}}` is the internal `source` of `{}`, which never appears in a public message; log it, or expose a safe field instead",
                        variant.ident
                    ))
                    .with_span(&message.span),
                );
            }
            Some(_) => {}
        }
    }
}

/// A title is the same for every occurrence of a problem type (RFC 9457),
/// so it is not a template: a `{field}` in it is a mistake for the message.
fn check_title(variant: &Variant, errors: &mut Accumulator) {
    let (Some(title), Some((_, span))) = (
        &variant.title,
        variant.explicit_keys.iter().find(|(k, _)| *k == "title"),
    ) else {
        return;
    };
    let field = placeholders(title).find(|p| {
        let name = p[1..p.len() - 1].split(':').next().unwrap_or("").trim();
        variant.fields.iter().any(|f| match &f.member {
            Member::Named(ident) => ident.to_string().trim_start_matches("r#") == name,
            Member::Unnamed(index) => index.index.to_string() == name,
        })
    });
    if let Some(field) = field {
        errors.push(
            darling::Error::custom(format!(
                "a `title` is not a template: `{field}` would appear as written, since the title is the same for every `{}`; interpolate the field in the `message` instead",
                variant.ident
            ))
            .with_span(span),
        );
    }
}

/// Exposed member names are unique within a variant and do not collide with
/// the members the type's format writes itself; a `source` is never exposed.
fn check_members(input: &Input, variant: &Variant, errors: &mut Accumulator) {
    let mut seen: HashSet<&str> = HashSet::new();
    for field in &variant.fields {
        let Some((name, span)) = &field.exposed else {
            continue;
        };
        if field.violations.is_some() {
            // `check_violations_alone` reports the `field` key.
            continue;
        }
        if field.source.is_some() {
            errors.push(
                darling::Error::custom(
                    "a `source` field is never public; remove `field`, or expose a safe value in another field",
                )
                .with_span(span),
            );
            continue;
        }
        if let Some((format, reserved)) = input
            .reserved()
            .filter(|(_, reserved)| reserved.contains(&name.as_str()))
        {
            errors.push(
                darling::Error::custom(format!(
                    "member name `{name}` is reserved by the `{format}` format (it writes {}); rename it: `#[api(field = \"…\")]`",
                    reserved
                        .iter()
                        .map(|r| format!("`{r}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
                .with_span(span),
            );
            continue;
        }
        if !seen.insert(name) {
            errors.push(
                darling::Error::custom(format!(
                    "duplicate member name `{name}` in `{}`; each exposed field needs its own name",
                    variant.ident
                ))
                .with_span(span),
            );
        }
    }
}

/// `none` says how an exposed `Option` that is `None` is written: it needs
/// `field` and a type written `Option<…>`.
fn check_none(variant: &Variant, errors: &mut Accumulator) {
    for field in &variant.fields {
        let Some((_, span)) = field.none else {
            continue;
        };
        let problem = if field.exposed.is_none() {
            "`none` says how an exposed field that is `None` is written, and this field is not in the body; add `field`, or remove `none`"
        } else if !field.option {
            "`none` applies to an `Option` field, and this field's type is not written `Option<…>`, so it is never `None`; remove `none`"
        } else {
            continue;
        };
        errors.push(darling::Error::custom(problem).with_span(&span));
    }
}

/// A `violations` field is the list alone: the format writes it in a member
/// of its own, so no other field key applies to it.
fn check_violations_alone(variant: &Variant, errors: &mut Accumulator) {
    for field in variant.fields.iter().filter(|f| f.violations.is_some()) {
        for (key, span) in field.keys.iter().filter(|(key, _)| *key != "violations") {
            errors.push(
                darling::Error::custom(format!(
                    "`{key}` cannot be combined with `violations`: the format writes the list in a member of its own; remove `{key}`"
                ))
                .with_span(span),
            );
        }
    }
}

/// A variant has at most one `source`, one `retry_after`, one `status` and
/// one `violations` field.
fn check_single_roles(variant: &Variant, errors: &mut Accumulator) {
    for (role, spans) in [
        (
            "source",
            variant
                .fields
                .iter()
                .filter_map(|f| f.source)
                .collect::<Vec<_>>(),
        ),
        (
            "retry_after",
            variant
                .fields
                .iter()
                .filter_map(|f| f.retry_after.map(|r| r.1))
                .collect(),
        ),
        (
            "status",
            variant.fields.iter().filter_map(|f| f.status).collect(),
        ),
        (
            "violations",
            variant.fields.iter().filter_map(|f| f.violations).collect(),
        ),
    ] {
        for span in spans.iter().skip(1) {
            errors.push(
                darling::Error::custom(format!(
                    "`{}` has more than one `{role}` field; keep one",
                    variant.ident
                ))
                .with_span(span),
            );
        }
    }
}

/// A `transparent` variant has exactly one field, the inner error, and no
/// `code`, `status` or `message` of its own: all of them come from the inner
/// error.
fn check_delegating(
    input: &Input,
    variant: &Variant,
    keyword: &str,
    span: proc_macro2::Span,
    errors: &mut Accumulator,
) {
    let other = keyword == "other";
    if variant.fields.len() != 1 {
        let (what, inner) = if other {
            (
                "an `errbook::Unknown`, which keeps what an unknown code carried",
                "errbook::Unknown",
            )
        } else {
            ("the inner error", "InnerError")
        };
        let like = match input.shape {
            Shape::Enum => format!("`{}({inner})`", variant.ident),
            Shape::Struct => format!("`struct {}({inner});`", variant.ident),
        };
        errors.push(
            darling::Error::custom(format!(
                "`{keyword}` needs exactly one field, {what}; {} `{}` has {}: write it like {like}",
                noun(input),
                variant.ident,
                variant.fields.len()
            ))
            .with_span(&span),
        );
    }
    for (key, key_span) in &variant.explicit_keys {
        let text = if other {
            format!(
                "`{key}` cannot be combined with `other`, which takes the {key} of the response it decodes; remove `{key}`"
            )
        } else {
            format!(
                "`{key}` cannot be combined with `{keyword}`, which takes the {key} from the inner error; remove one of them"
            )
        };
        errors.push(darling::Error::custom(text).with_span(key_span));
    }
    for field in &variant.fields {
        for (key, key_span) in &field.keys {
            let text = if other {
                format!(
                    "`{key}` cannot be used inside an `other` variant: its `errbook::Unknown` keeps the code, message, status and members of the response; remove it"
                )
            } else {
                format!(
                    "`{key}` cannot be used inside a `{keyword}` {}: the inner error provides its own; remove it",
                    noun(input)
                )
            };
            errors.push(darling::Error::custom(text).with_span(key_span));
        }
    }
}
