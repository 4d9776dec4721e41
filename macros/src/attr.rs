//! darling receivers: the `#[api(...)]` syntax, one receiver per position.
//!
//! [`sanitize`] looks each key up in the registry ([`crate::keys`]) first:
//! unknown and misplaced keys are reported and removed there, so each
//! receiver carries only the keys valid at its position.

use darling::error::Accumulator;
use darling::util::{Flag, Override, SpannedValue};
use darling::{FromDeriveInput, FromField, FromMeta, FromVariant};
use proc_macro2::Span;
use quote::ToTokens;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Attribute, Data, DeriveInput, Expr, Lit, Meta, Token, UnOp};

use crate::keys::{self, Site};

/// `#[api(...)]` on the enum or struct.
#[derive(FromDeriveInput)]
#[darling(
    attributes(api),
    forward_attrs(doc, deprecated),
    supports(enum_any, struct_any)
)]
pub(crate) struct InputAttrs {
    pub(crate) ident: syn::Ident,
    pub(crate) generics: syn::Generics,
    pub(crate) data: darling::ast::Data<VariantAttrs, FieldAttrs>,
    pub(crate) attrs: Vec<syn::Attribute>,
    /// `rename_all = "snake_case"`: the case of codes derived from names.
    pub(crate) rename_all: Option<SpannedValue<String>>,
    /// `prefix = "user:"`: prepended to derived codes.
    pub(crate) prefix: Option<SpannedValue<String>>,
    /// `status = 404`: the default status (on a struct, its status);
    /// `status = none`: the type's codes never travel over HTTP.
    pub(crate) status: Option<StatusValue>,
    /// `format = problem` / `format = path::To::Format`: the default envelope.
    pub(crate) format: Option<FormatValue>,
    /// `domain = "…"`: the error domain.
    pub(crate) domain: Option<SpannedValue<String>>,
    /// `docs = "https://…/{code}"`: the documentation URL of each code.
    pub(crate) docs: Option<SpannedValue<String>>,
    /// `title = "…"`: a struct's problem title.
    pub(crate) title: Option<SpannedValue<String>>,
    /// `parse`: also generate the client-side decoder.
    pub(crate) parse: Flag,
    /// `display`: implement `Display` as the public message.
    pub(crate) display: Flag,
    /// `code = "…"` / `code = 404`: a struct's code.
    pub(crate) code: Option<CodeValue>,
    /// `message = "…"`: a struct's message template.
    pub(crate) message: Option<SpannedValue<String>>,
    /// `transparent`: a newtype struct that is its one field's error.
    pub(crate) transparent: Flag,
}

/// `#[api(...)]` on a variant.
#[derive(FromVariant)]
#[darling(attributes(api), forward_attrs(doc, deprecated))]
pub(crate) struct VariantAttrs {
    pub(crate) ident: syn::Ident,
    pub(crate) fields: darling::ast::Fields<FieldAttrs>,
    pub(crate) attrs: Vec<syn::Attribute>,
    /// `code = "…"` / `code = 404`: the code, taken verbatim.
    pub(crate) code: Option<CodeValue>,
    /// `status = 404`: the HTTP status.
    pub(crate) status: Option<StatusValue>,
    /// `message = "…"`: the public message template.
    pub(crate) message: Option<SpannedValue<String>>,
    /// `title = "…"`: the problem+json title of this problem type.
    pub(crate) title: Option<SpannedValue<String>>,
    /// `transparent`: the variant is its one field's error.
    pub(crate) transparent: Flag,
    /// `other`: the catch-all for unknown codes when parsing.
    pub(crate) other: Flag,
    /// `alias = "old_code"` / `alias = 40400` (repeatable): an older code
    /// still parsed.
    #[darling(multiple)]
    pub(crate) alias: Vec<CodeValue>,
    /// `skip_parse`: the decoder never produces this variant.
    pub(crate) skip_parse: Flag,
}

/// `#[api(...)]` on a field.
#[derive(FromField)]
#[darling(attributes(api), forward_attrs(source, from))]
pub(crate) struct FieldAttrs {
    pub(crate) ident: Option<syn::Ident>,
    pub(crate) ty: syn::Type,
    pub(crate) attrs: Vec<syn::Attribute>,
    /// `field` / `field = "name"`: an extra envelope member.
    pub(crate) field: Option<SpannedValue<Override<String>>>,
    /// `source`: the internal cause.
    pub(crate) source: Flag,
    /// `retry_after` / `retry_after = "ms"` / `retry_after = "s"`.
    pub(crate) retry_after: Option<SpannedValue<Override<String>>>,
    /// `status`: an `http::StatusCode` field that is the status.
    pub(crate) status: Flag,
}

/// The expression inside the invisible group a `macro_rules!` fragment
/// (`$code:literal`, `$status:expr`) arrives in.
fn ungroup(mut expr: &Expr) -> &Expr {
    while let Expr::Group(group) = expr {
        expr = &group.expr;
    }
    expr
}

/// A code literal: `"user:not_found"` or `40401`.
#[derive(Clone, Debug)]
pub(crate) struct CodeValue {
    pub(crate) code: CodeLit,
    pub(crate) span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CodeLit {
    Str(String),
    Int(i64),
}

impl FromMeta for CodeValue {
    fn from_expr(expr: &Expr) -> darling::Result<Self> {
        match ungroup(expr) {
            Expr::Lit(lit) => Self::from_value(&lit.lit),
            Expr::Unary(unary) if matches!(unary.op, UnOp::Neg(_)) => {
                let Expr::Lit(syn::ExprLit {
                    lit: Lit::Int(int), ..
                }) = &*unary.expr
                else {
                    return Err(code_error(expr.span()));
                };
                let value = int.base10_parse::<i64>().map_err(|_| {
                    darling::Error::custom("integer code out of range for i64").with_span(expr)
                })?;
                Ok(CodeValue {
                    code: CodeLit::Int(-value),
                    span: expr.span(),
                })
            }
            _ => Err(code_error(expr.span())),
        }
    }

    fn from_value(lit: &Lit) -> darling::Result<Self> {
        match lit {
            Lit::Str(s) => Ok(CodeValue {
                code: CodeLit::Str(s.value()),
                span: s.span(),
            }),
            Lit::Int(int) => int
                .base10_parse::<i64>()
                .map(|value| CodeValue {
                    code: CodeLit::Int(value),
                    span: int.span(),
                })
                .map_err(|_| {
                    darling::Error::custom("integer code out of range for i64").with_span(int)
                }),
            _ => Err(code_error(lit.span())),
        }
    }
}

/// The message for a value that is no code; `restyle` names the key when it
/// is not `code` (an `alias`).
const NOT_A_CODE: &str =
    "expected a string or integer code, like `code = \"user:not_found\"` or `code = 40401`";

fn code_error(span: Span) -> darling::Error {
    darling::Error::custom(NOT_A_CODE).with_span(&span)
}

/// A status literal; its range is checked in `validate`. `none` is
/// `status = none`: no HTTP status at all.
#[derive(Clone, Copy, Debug)]
pub(crate) struct StatusValue {
    pub(crate) value: u64,
    pub(crate) none: bool,
    pub(crate) span: Span,
}

impl FromMeta for StatusValue {
    fn from_value(lit: &Lit) -> darling::Result<Self> {
        match lit {
            Lit::Int(int) => Ok(StatusValue {
                value: int.base10_parse::<u64>().unwrap_or(u64::MAX),
                none: false,
                span: int.span(),
            }),
            Lit::Str(s) if s.value().parse::<u16>().is_ok() => Err(darling::Error::custom(format!(
                "expected an integer HTTP status, found a string; write it without quotes: `status = {}`",
                s.value()
            ))
            .with_span(s)),
            _ => Err(status_error(lit.span())),
        }
    }

    fn from_expr(expr: &Expr) -> darling::Result<Self> {
        match ungroup(expr) {
            Expr::Lit(lit) => Self::from_value(&lit.lit),
            Expr::Path(path) if path.path.is_ident("none") => Ok(StatusValue {
                value: 0,
                none: true,
                span: path.span(),
            }),
            _ => Err(status_error(expr.span())),
        }
    }

    fn from_word() -> darling::Result<Self> {
        Err(darling::Error::custom(
            "`status` on a variant needs a value, like `status = 404`; a bare `status` marks an `http::StatusCode` field",
        ))
    }
}

fn status_error(span: Span) -> darling::Error {
    darling::Error::custom(
        "expected an integer HTTP status, like `status = 404` (or `status = none` on a type whose codes never travel over HTTP)",
    )
    .with_span(&span)
}

/// The built-in formats: the name written in `format = …`, the type, and
/// the members each writes itself (its `Format::RESERVED`).
pub(crate) const FORMATS: &[(&str, &str, &[&str])] = &[
    ("nested", "Nested", &["code", "message", "details"]),
    (
        "problem",
        "Problem",
        &[
            "type", "title", "status", "detail", "instance", "code", "details",
        ],
    ),
    ("matrix", "Matrix", &["errcode", "error", "details"]),
    ("detail", "Detail", &["detail", "details"]),
    ("google", "Google", &[]),
];

/// `format = problem` (a built-in, by its name) or `format = my::Format`.
#[derive(Clone, Debug)]
pub(crate) enum FormatValue {
    Builtin(&'static (&'static str, &'static str, &'static [&'static str])),
    Custom(syn::Path),
}

impl FromMeta for FormatValue {
    fn from_expr(expr: &Expr) -> darling::Result<Self> {
        match ungroup(expr) {
            Expr::Path(path) => Self::from_path(&path.path),
            Expr::Lit(lit) => Self::from_value(&lit.lit),
            _ => Err(not_a_format(expr)),
        }
    }

    fn from_value(lit: &Lit) -> darling::Result<Self> {
        match lit {
            Lit::Str(s) => s
                .parse::<syn::Path>()
                .map_err(|_| not_a_format(lit))
                .and_then(|path| Self::from_path(&path).map_err(|e| e.with_span(s))),
            _ => Err(not_a_format(lit)),
        }
    }
}

impl FormatValue {
    fn from_path(path: &syn::Path) -> darling::Result<Self> {
        if let Some(ident) = path.get_ident() {
            let name = ident.to_string();
            if let Some(builtin) = FORMATS.iter().find(|(n, _, _)| *n == name) {
                return Ok(FormatValue::Builtin(builtin));
            }
            // A lower-case single name is meant as a built-in, a type is
            // named in CamelCase or by path.
            if name.chars().next().is_some_and(char::is_lowercase) {
                let hint = closest_format(&name)
                    .map_or_else(String::new, |n| format!(" did you mean `{n}`?"));
                return Err(darling::Error::custom(format!(
                    "unknown format `{name}`;{hint} expected {}",
                    format_names()
                ))
                .with_span(ident));
            }
        }
        Ok(FormatValue::Custom(path.clone()))
    }
}

/// The value of `format = …` is neither a name nor a path.
fn not_a_format(value: &impl ToTokens) -> darling::Error {
    darling::Error::custom(format!(
        "`format` takes a format's name or a type's path, not `{}`; expected {}",
        value.to_token_stream(),
        format_names()
    ))
    .with_span(value)
}

fn format_names() -> String {
    let names: Vec<String> = FORMATS.iter().map(|(n, _, _)| format!("`{n}`")).collect();
    format!(
        "one of {}, or the path of a type implementing `errbook::Format`",
        names.join(", ")
    )
}

/// The built-in format one or two typing mistakes away from `name`.
fn closest_format(name: &str) -> Option<&'static str> {
    FORMATS
        .iter()
        .map(|(n, _, _)| (edit_distance(name, n), *n))
        .filter(|(distance, _)| *distance <= 2)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, n)| n)
}

/// Levenshtein distance, counting an adjacent swap as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut rows = vec![(0..=b.len()).collect::<Vec<usize>>()];
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (rows[i - 1][j] + 1)
                .min(row[j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(rows[i - 2][j - 2] + 1);
            }
        }
        rows.push(row);
    }
    rows[a.len()][b.len()]
}

/// The input with the `#[api(...)]` keys that failed removed, and where
/// they were removed from. A misplaced key counts only when it belongs on
/// the variant (or struct) whose field carries it: anywhere else it could
/// not have given that part anything.
pub(crate) struct Sanitized {
    pub(crate) input: DeriveInput,
    /// A key of the container (or of a struct's field) was removed.
    pub(crate) container: bool,
    /// Variants that lost a key of their own or of one of their fields.
    pub(crate) variants: Vec<syn::Ident>,
}

/// What [`sanitize`] removed, without the input.
pub(crate) struct Removed {
    /// A key of the container (or of a struct's field) was removed.
    pub(crate) container: bool,
    /// Variants that lost a key of their own or of one of their fields.
    pub(crate) variants: Vec<syn::Ident>,
}

impl Removed {
    /// Nothing removed: the input's keys were all clean.
    pub(crate) fn none() -> Removed {
        Removed {
            container: false,
            variants: Vec::new(),
        }
    }
}

impl Sanitized {
    /// What was removed.
    pub(crate) fn removed(self) -> Removed {
        Removed {
            container: self.container,
            variants: self.variants,
        }
    }
}

/// Whether every `#[api(...)]` key of `input` is known, in its place and
/// given once (the registry's rules, as [`sanitize`] applies them), so that
/// darling reading the whole input is all the checking left.
pub(crate) fn keys_clean(input: &DeriveInput) -> bool {
    let (site, field_site) = match input.data {
        Data::Struct(_) => (Site::Struct, Site::StructField),
        Data::Enum(_) | Data::Union(_) => (Site::Enum, Site::EnumField),
    };
    let fields_clean =
        |fields: &syn::Fields| fields.iter().all(|f| attrs_clean(&f.attrs, field_site));
    attrs_clean(&input.attrs, site)
        && match &input.data {
            Data::Enum(data) => data
                .variants
                .iter()
                .all(|v| attrs_clean(&v.attrs, Site::Variant) && fields_clean(&v.fields)),
            Data::Struct(data) => fields_clean(&data.fields),
            Data::Union(_) => false,
        }
}

fn attrs_clean(attrs: &[Attribute], site: Site) -> bool {
    let mut seen: Vec<String> = Vec::new();
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("api"))
        .all(|attr| {
            if !matches!(attr.meta, Meta::List(_)) {
                return false;
            }
            let Ok(items) = attr.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
            else {
                return false;
            };
            items.iter().all(|item| {
                let name = key_name(item);
                let Some(key) = keys::lookup(&name) else {
                    return false;
                };
                if seen.contains(&name) && !key.repeatable {
                    return false;
                }
                seen.push(name);
                key.allowed(site.place())
            })
        })
}

/// Checks every `#[api(...)]` key on its own: against the registry (unknown
/// or misplaced), then with the receiver of its position; removes the keys
/// that fail (and repeated keys). darling rejects a whole receiver for one
/// bad key; checking key by key lets the later phases still report the
/// user's other mistakes in the same compile.
pub(crate) fn sanitize(input: &DeriveInput, errors: &mut Accumulator) -> Sanitized {
    let mut out = input.clone();
    let mut container = false;
    let mut variants = Vec::new();
    let (site, field_site) = match input.data {
        Data::Struct(_) => (Site::Struct, Site::StructField),
        Data::Enum(_) | Data::Union(_) => (Site::Enum, Site::EnumField),
    };
    out.attrs = sanitize_attrs(&input.attrs, site, errors, &mut container, |attr| {
        let probe = DeriveInput {
            attrs: vec![attr],
            vis: input.vis.clone(),
            ident: input.ident.clone(),
            generics: input.generics.clone(),
            data: Data::Struct(syn::DataStruct {
                struct_token: Token![struct](input.ident.span()),
                fields: syn::Fields::Unit,
                semi_token: None,
            }),
        };
        InputAttrs::from_derive_input(&probe).map(drop)
    });
    match &mut out.data {
        Data::Enum(data) => {
            for variant in &mut data.variants {
                let mut removed = false;
                variant.attrs = sanitize_attrs(
                    &variant.attrs,
                    Site::Variant,
                    errors,
                    &mut removed,
                    |attr| {
                        let probe = syn::Variant {
                            attrs: vec![attr],
                            ident: variant.ident.clone(),
                            fields: syn::Fields::Unit,
                            discriminant: None,
                        };
                        VariantAttrs::from_variant(&probe).map(drop)
                    },
                );
                sanitize_fields(&mut variant.fields, field_site, errors, &mut removed);
                if removed {
                    variants.push(variant.ident.clone());
                }
            }
        }
        Data::Struct(data) => {
            sanitize_fields(&mut data.fields, field_site, errors, &mut container);
        }
        Data::Union(_) => {}
    }
    Sanitized {
        input: out,
        container,
        variants,
    }
}

fn sanitize_fields(
    fields: &mut syn::Fields,
    site: Site,
    errors: &mut Accumulator,
    removed: &mut bool,
) {
    for field in fields.iter_mut() {
        field.attrs = sanitize_attrs(&field.attrs, site, errors, removed, |attr| {
            let probe = syn::Field {
                attrs: vec![attr],
                ..field.clone()
            };
            FieldAttrs::from_field(&probe).map(drop)
        });
    }
}

fn sanitize_attrs(
    attrs: &[Attribute],
    site: Site,
    errors: &mut Accumulator,
    removed: &mut bool,
    probe: impl Fn(Attribute) -> darling::Result<()>,
) -> Vec<Attribute> {
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::with_capacity(attrs.len());
    for attr in attrs {
        if !attr.path().is_ident("api") {
            out.push(attr.clone());
            continue;
        }
        let list = match &attr.meta {
            Meta::List(list) => list,
            Meta::Path(path) => {
                errors.push(
                    darling::Error::custom(
                        "`#[api]` without keys does nothing; write keys, like `#[api(status = 404)]`, or remove it",
                    )
                    .with_span(path),
                );
                *removed = true;
                continue;
            }
            Meta::NameValue(nv) => {
                errors.push(
                    darling::Error::custom(
                        "`#[api = …]` is not supported; write keys, like `#[api(status = 404)]`",
                    )
                    .with_span(&nv.path),
                );
                *removed = true;
                continue;
            }
        };
        let items = match attr.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated) {
            Ok(items) => items,
            Err(err) => {
                errors.push(
                    darling::Error::custom(format!(
                        "{err}; write keys, like `#[api(status = 404)]`"
                    ))
                    .with_span(&err.span()),
                );
                *removed = true;
                continue;
            }
        };
        // Each key in source order: rejected by the registry (its error), or
        // a candidate for darling.
        let mut checked: Vec<Result<(Meta, &'static keys::Key), darling::Error>> = Vec::new();
        for item in items {
            let name = key_name(&item);
            let key = keys::lookup(&name);
            let repeated = seen.contains(&name);
            if repeated && !key.is_some_and(|key| key.repeatable) {
                checked.push(Err(darling::Error::custom(format!(
                    "`{name}` is given twice; keep one"
                ))
                .with_span(item.path())));
                *removed = true;
                continue;
            }
            seen.push(name);
            let Some(key) = key else {
                checked.push(Err(unknown_key(&item)));
                *removed = true;
                continue;
            };
            if !key.allowed(site.place()) {
                // A repeatable key is reported where it is first misplaced.
                if !repeated {
                    checked.push(Err(
                        darling::Error::custom(key.misplaced(site)).with_span(item.path())
                    ));
                }
                *removed |= key.leaves_owner_incomplete(site);
                continue;
            }
            checked.push(Ok((item, key)));
        }
        let with = |items: &mut dyn Iterator<Item = &Meta>| {
            let items: Punctuated<&Meta, Token![,]> = items.collect();
            let mut attr = attr.clone();
            attr.meta = Meta::List(syn::MetaList {
                path: list.path.clone(),
                delimiter: list.delimiter.clone(),
                tokens: items.into_token_stream(),
            });
            attr
        };
        // Keys are read independently: when the attribute's keys all read
        // together, each reads alone, and one probe does for all of them.
        let together = with(
            &mut checked
                .iter()
                .filter_map(|c| c.as_ref().ok().map(|(item, _)| item)),
        );
        let all_read = probe(together.clone()).is_ok();
        let mut kept: Vec<&Meta> = Vec::new();
        for result in &checked {
            match result {
                Err(err) => errors.push(err.clone()),
                Ok(_) if all_read => {}
                Ok((item, key)) => match probe(with(&mut std::iter::once(item))) {
                    Ok(()) => kept.push(item),
                    Err(err) => {
                        for err in err {
                            errors.push(restyle(err, item, key.syntax(site)));
                        }
                        *removed = true;
                    }
                },
            }
        }
        out.push(if all_read {
            together
        } else {
            with(&mut kept.into_iter())
        });
    }
    out
}

fn key_name(item: &Meta) -> String {
    item.path().to_token_stream().to_string().replace(' ', "")
}

/// A key the registry does not know, with the registered key it most
/// likely meant (darling's suggestion, over the registry's names).
fn unknown_key(item: &Meta) -> darling::Error {
    let name = key_name(item);
    let names: Vec<&str> = keys::names().collect();
    let text = darling::Error::unknown_field_with_alts(&name, &names).to_string();
    let hint = text
        .split_once(". Did you mean ")
        .map_or_else(String::new, |(_, alt)| format!("; did you mean {alt}"));
    darling::Error::custom(format!("unknown key `{name}` in `#[api(…)]`{hint}"))
        .with_span(item.path())
}

/// darling's own messages ("Unexpected type `int`") in rustc's style, with
/// the key's syntax as the hint. Our own `FromMeta` messages pass through
/// unchanged.
fn restyle(err: darling::Error, item: &Meta, syntax: &str) -> darling::Error {
    let key = key_name(item);
    let err = err.with_span(item);
    let span = err.span();
    let text = syn::Error::from(err).to_string();
    let takes_a_string = syntax.contains("= \"");
    // darling reads a list given to a flag as nested keys.
    let text = if text.starts_with("Unknown field: ") {
        return darling::Error::custom(format!("`{key}` does not take a list; write {syntax}"))
            .with_span(item);
    } else if let (Some("`path`"), Meta::NameValue(nv), true) =
        (text.strip_prefix("Unexpected type "), item, takes_a_string)
    {
        format!(
            "`{key}` takes a string, not the bare name `{}`; put it in quotes: {syntax}",
            nv.value.to_token_stream().to_string().replace(' ', "")
        )
    } else if let Some(found) = text.strip_prefix("Unexpected type ") {
        let found = match found.trim_matches('`') {
            "int" => "an integer",
            "bool" => "a boolean",
            "string" => "a string",
            "float" => "a float",
            "char" => "a character",
            "path" => "a name",
            _ => "this value",
        };
        format!("`{key}` does not take {found}; write {syntax}")
    } else if let Some(format) = text.strip_prefix("Unexpected meta-item format ") {
        match format.trim_matches('`') {
            "word" | "path" => format!("`{key}` needs a value; write {syntax}"),
            "list" => format!("`{key}` does not take a list; write {syntax}"),
            _ => format!("`{key}` does not take a value here; write {syntax}"),
        }
    } else if text == NOT_A_CODE && key != "code" {
        format!("`{key}` takes a string or integer code; write {syntax}")
    } else {
        text
    };
    darling::Error::custom(text).with_span(&span)
}

#[cfg(test)]
mod tests {

    #[test]
    fn clean_keys_skip_the_key_by_key_reading() {
        let clean: syn::DeriveInput = syn::parse_quote! {
            #[api(prefix = "user:", status = 404, parse)]
            enum E {
                #[api(code = "A", message = "User {id}.", alias = "OLD", alias = "OLDER")]
                A { #[api(field)] id: u64 },
            }
        };
        assert!(super::keys_clean(&clean));
        let mistakes: [syn::DeriveInput; 6] = [
            syn::parse_quote! { #[api(stauts = 404)] enum E {} },
            syn::parse_quote! { #[api(code = "A")] enum E {} },
            syn::parse_quote! { enum E { #[api(status = 404, status = 410)] A } },
            syn::parse_quote! { enum E { #[api] A } },
            syn::parse_quote! { enum E { #[api = "x"] A } },
            syn::parse_quote! { enum E { A { #[api(message = "x")] id: u64 } } },
        ];
        for input in &mistakes {
            assert!(!super::keys_clean(input), "{}", quote::quote!(#input));
        }
    }
    use darling::{FromDeriveInput, FromField, FromVariant};
    use proc_macro2::Span;

    use super::{FieldAttrs, InputAttrs, VariantAttrs, closest_format, edit_distance, sanitize};
    use crate::keys::{KEYS, Place};

    #[test]
    fn unknown_formats_suggest_the_closest_builtin() {
        assert_eq!(edit_distance("problme", "problem"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(closest_format("problme"), Some("problem"));
        assert_eq!(closest_format("nest"), Some("nested"));
        assert_eq!(closest_format("matrx"), Some("matrix"));
        assert_eq!(closest_format("json"), None);
    }

    fn messages(input: &syn::DeriveInput) -> Vec<String> {
        let mut errors = darling::Error::accumulator();
        sanitize(input, &mut errors);
        errors
            .into_inner()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn format_mistakes_name_the_value_and_the_choices() {
        let choices = "one of `nested`, `problem`, `matrix`, `detail`, `google`, or the path of a type implementing `errbook::Format`";
        assert_eq!(
            messages(&syn::parse_quote! {
                #[api(format = problme, docs = https)]
                enum E {}
            }),
            [
                format!("unknown format `problme`; did you mean `problem`? expected {choices}"),
                "`docs` takes a string, not the bare name `https`; put it in quotes: `docs = \"https://example.com/errors/{code}\"`".to_owned(),
            ],
        );
        assert_eq!(
            messages(&syn::parse_quote! {
                #[api(format = 3)]
                enum E {}
            }),
            [format!(
                "`format` takes a format's name or a type's path, not `3`; expected {choices}"
            )],
        );
        assert!(
            messages(&syn::parse_quote! {
                #[api(format = "problem", domain = "api.example.com")]
                enum E {}
            })
            .is_empty()
        );
    }

    #[test]
    fn sanitize_reports_each_bad_key_and_keeps_the_rest() {
        let input: syn::DeriveInput = syn::parse_quote! {
            #[api(stauts = 400, prefix = "user:")]
            enum E {
                #[api(status = 404, status = 410, message = 3)]
                A {
                    #[api(field, retry_after = 5)]
                    x: u64,
                },
                #[api(status = 404)]
                B,
            }
        };
        let mut errors = darling::Error::accumulator();
        let sanitized = sanitize(&input, &mut errors);
        let messages: Vec<String> = errors
            .into_inner()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            messages,
            [
                "unknown key `stauts` in `#[api(…)]`; did you mean `status`?",
                "`status` is given twice; keep one",
                "`message` does not take an integer; write `message = \"User {id} not found.\"`",
                "`retry_after` does not take an integer; write `retry_after`, `retry_after = \"ms\"` or `retry_after = \"s\"`",
            ],
        );
        assert!(sanitized.container);
        assert_eq!(sanitized.variants.len(), 1);
        assert_eq!(sanitized.variants[0], "A");
        // What is left parses, with the good keys kept.
        let attrs =
            InputAttrs::from_derive_input(&sanitized.input).expect("sanitized input parses");
        assert_eq!(attrs.prefix.as_deref().map(String::as_str), Some("user:"));
    }

    #[test]
    fn unknown_keys_suggest_the_closest_registered_key() {
        let cases = [
            ("stauts", "; did you mean `status`?"),
            ("rename", "; did you mean `rename_all`?"),
            ("mesage", "; did you mean `message`?"),
            ("skip_parsing", "; did you mean `skip_parse`?"),
            ("retry", "; did you mean `retry_after`?"),
            ("transparant", "; did you mean `transparent`?"),
            ("description", ""),
            ("bogus", ""),
        ];
        for (written, hint) in cases {
            let key = syn::Ident::new(written, Span::call_site());
            let input: syn::DeriveInput = syn::parse_quote! {
                enum E {
                    #[api(#key = 1)]
                    A,
                }
            };
            assert_eq!(
                messages(&input),
                [format!("unknown key `{written}` in `#[api(…)]`{hint}")],
            );
        }
    }

    #[test]
    fn misplaced_keys_are_reported_at_each_position() {
        let cases: [(syn::DeriveInput, &str); 8] = [
            (
                syn::parse_quote! { #[api(message = "m")] enum E {} },
                "`message` belongs on a variant, not on the enum; move it into the `#[api(…)]` of a variant",
            ),
            (
                syn::parse_quote! { #[api(retry_after)] struct S; },
                "`retry_after` belongs on a field, not on the struct; move it into the `#[api(…)]` of a field",
            ),
            (
                syn::parse_quote! { #[api(other)] struct S; },
                "`other` belongs on a variant of an enum; a struct with `#[api(parse)]` decodes its own code only",
            ),
            (
                syn::parse_quote! { enum E { #[api(format = problem)] A } },
                "`format` belongs on the enum, not on a variant; move it into the `#[api(…)]` of the enum",
            ),
            (
                syn::parse_quote! { enum E { #[api(source)] A(u8) } },
                "`source` belongs on a field, not on a variant; move it into the `#[api(…)]` of a field",
            ),
            (
                syn::parse_quote! { enum E { A(#[api(skip_parse)] u8) } },
                "`skip_parse` belongs on a variant, not on a field; move it into the `#[api(…)]` of a variant",
            ),
            (
                syn::parse_quote! { enum E { A { #[api(prefix = "p")] x: u8 } } },
                "`prefix` belongs on the enum, not on a field; move it into the `#[api(…)]` of the enum",
            ),
            (
                syn::parse_quote! { struct S { #[api(transparent)] x: u8 } },
                "`transparent` belongs on the struct, not on a field; move it into the `#[api(…)]` of the struct",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(messages(&input), [expected]);
        }
    }

    #[test]
    fn a_variant_key_on_a_field_leaves_the_variant_incomplete() {
        let input: syn::DeriveInput = syn::parse_quote! {
            #[api(code = "c")]
            enum E {
                #[api(docs = "d")]
                A { #[api(code = "c")] x: u8 },
                B { #[api(domain = "d")] x: u8 },
            }
        };
        let mut errors = darling::Error::accumulator();
        let sanitized = sanitize(&input, &mut errors);
        assert_eq!(errors.into_inner().len(), 4);
        assert!(!sanitized.container);
        assert_eq!(sanitized.variants, ["A"]);
    }

    #[test]
    fn several_mistakes_are_all_reported_in_source_order() {
        let input: syn::DeriveInput = syn::parse_quote! {
            #[api(stauts = 400, field, parse = yes, title = "t", prefix = "p:")]
            enum E {
                #[api(status = 404, rename_all = "snake_case", alias = "a", alias = "b", colde = "c")]
                A {
                    #[api(field, status = 500, message = "m")]
                    x: u16,
                },
                #[api(status = 404, status = 410)]
                B,
            }
        };
        let mut errors = darling::Error::accumulator();
        let sanitized = sanitize(&input, &mut errors);
        let messages: Vec<String> = errors
            .into_inner()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            messages,
            [
                "unknown key `stauts` in `#[api(…)]`; did you mean `status`?",
                "`field` belongs on a field, not on the enum; move it into the `#[api(…)]` of a field",
                "`parse` does not take a name; write a bare `parse`",
                "`title` belongs on a variant, not on the enum; move it into the `#[api(…)]` of a variant",
                "`rename_all` belongs on the enum, not on a variant; move it into the `#[api(…)]` of the enum",
                "unknown key `colde` in `#[api(…)]`; did you mean `code`?",
                "`status` does not take an integer; write a bare `status` to mark the `http::StatusCode` field that is the status (a fixed `status = 404` goes on the variant or struct)",
                "`message` belongs on a variant, not on a field; move it into the `#[api(…)]` of a variant",
                "`status` is given twice; keep one",
            ],
        );
        assert!(sanitized.container);
        assert_eq!(sanitized.variants, ["A", "B"]);
        let attrs =
            InputAttrs::from_derive_input(&sanitized.input).expect("sanitized input parses");
        assert_eq!(attrs.prefix.as_deref().map(String::as_str), Some("p:"));
    }

    /// A receiver has a field for a key exactly where the registry allows
    /// it: darling calls any other key unknown.
    #[test]
    fn each_receiver_carries_the_keys_of_its_position() {
        for key in KEYS {
            let name = syn::Ident::new(key.name, Span::call_site());
            let attr: syn::Attribute = syn::parse_quote!(#[api(#name)]);
            let unknown = |result: darling::Result<()>| {
                result.is_err_and(|err| err.to_string().starts_with("Unknown field"))
            };
            let container = unknown(
                InputAttrs::from_derive_input(&syn::parse_quote! { #attr struct S; }).map(drop),
            );
            let variant =
                unknown(VariantAttrs::from_variant(&syn::parse_quote! { #attr A }).map(drop));
            let input: syn::DeriveInput = syn::parse_quote! { struct S { #attr x: u8 } };
            let syn::Data::Struct(data) = input.data else {
                unreachable!("a struct")
            };
            let field = unknown(
                data.fields
                    .iter()
                    .try_for_each(|f| FieldAttrs::from_field(f).map(drop)),
            );
            assert_eq!(
                !container,
                key.allowed(Place::Enum) || key.allowed(Place::Struct),
                "{}",
                key.name
            );
            assert_eq!(!variant, key.allowed(Place::Variant), "{}", key.name);
            assert_eq!(!field, key.allowed(Place::Field), "{}", key.name);
        }
    }
}
