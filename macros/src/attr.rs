//! darling receivers: the `#[api(...)]` syntax, one receiver per position.
//!
//! [`crate::sanitize`] looks each key up in the registry ([`crate::keys`]) first:
//! unknown and misplaced keys are reported and removed there, so each
//! receiver carries only the keys valid at its position.

use darling::util::{Flag, Override, SpannedValue};
use darling::{FromDeriveInput, FromField, FromMeta, FromVariant};
use proc_macro2::Span;
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::{Expr, Lit, UnOp};

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
    /// `error`: implement `Display` and `std::error::Error`.
    pub(crate) error: Flag,
    /// `code = "…"` / `code = 404`: a struct's code.
    pub(crate) code: Option<CodeValue>,
    /// `message = "…"`: a struct's message template.
    pub(crate) message: Option<SpannedValue<String>>,
    /// `transparent`: a newtype struct that is its one field's error.
    pub(crate) transparent: Flag,
    /// `codes(Variant = "…", …)`: with `transparent`, the codes of the
    /// inner type's variants.
    pub(crate) codes: Option<CodesValue>,
    /// `skip_from`: with `transparent`, no `From` impl of the inner type.
    pub(crate) skip_from: Flag,
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
    /// `prefix = "app:"`: with `transparent`, prepended to the inner
    /// type's codes.
    pub(crate) prefix: Option<SpannedValue<String>>,
    /// `rename_all = "snake_case"`: with `transparent`, the case of the
    /// inner type's codes.
    pub(crate) rename_all: Option<SpannedValue<String>>,
    /// `codes(Variant = "…", …)`: with `transparent`, the codes of the
    /// inner type's variants.
    pub(crate) codes: Option<CodesValue>,
    /// `skip_from`: with `transparent`, no `From` impl of the inner type.
    pub(crate) skip_from: Flag,
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
    /// `none = "omit"` / `none = "null"`: how an exposed `Option` that is
    /// `None` is written, whatever the format's own choice.
    pub(crate) none: Option<SpannedValue<String>>,
    /// `default` / `default = "path::to::fn"`: with `parse`, the value of a
    /// member the response does not have.
    pub(crate) default: Option<SpannedValue<Override<String>>>,
    /// `violations`: the field is the variant's `errbook::Violations`.
    pub(crate) violations: Flag,
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

/// `codes(MalformedJson = "app:bad_json", RouteNotFound = 40401)`: a code
/// for each variant of the inner type named, with the span of the key.
#[derive(Clone, Debug)]
pub(crate) struct CodesValue {
    pub(crate) codes: Vec<(syn::Ident, CodeValue)>,
    pub(crate) span: Span,
}

/// How each item of `codes(…)` is written.
const CODES_SYNTAX: &str = "`codes` takes the inner type's variants with their codes, like `codes(MalformedJson = \"app:bad_json\")`";

impl FromMeta for CodesValue {
    fn from_meta(item: &syn::Meta) -> darling::Result<Self> {
        let syn::Meta::List(list) = item else {
            return Err(darling::Error::custom(CODES_SYNTAX).with_span(item));
        };
        let items = darling::ast::NestedMeta::parse_meta_list(list.tokens.clone())?;
        if items.is_empty() {
            return Err(darling::Error::custom(CODES_SYNTAX).with_span(item));
        }
        let mut errors = darling::Error::accumulator();
        let mut codes = Vec::new();
        for nested in &items {
            let darling::ast::NestedMeta::Meta(syn::Meta::NameValue(pair)) = nested else {
                errors.push(darling::Error::custom(CODES_SYNTAX).with_span(nested));
                continue;
            };
            let Some(ident) = pair.path.get_ident() else {
                errors.push(
                    darling::Error::custom(format!(
                        "{CODES_SYNTAX}; a variant is named by its name alone"
                    ))
                    .with_span(&pair.path),
                );
                continue;
            };
            if let Some(code) = errors.handle(CodeValue::from_expr(&pair.value)) {
                codes.push((ident.clone(), code));
            }
        }
        errors.finish_with(CodesValue {
            codes,
            span: item.path().span(),
        })
    }
}

/// The message for a value that is no code; `restyle` names the key when it
/// is not `code` (an `alias`).
pub(crate) const NOT_A_CODE: &str =
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
    (
        "nested",
        "Nested",
        &["code", "message", "violations", "details"],
    ),
    (
        "problem",
        "Problem",
        &[
            "type", "title", "status", "detail", "instance", "code", "errors", "details",
        ],
    ),
    (
        "matrix",
        "Matrix",
        &["errcode", "error", "violations", "details"],
    ),
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

#[cfg(test)]
mod tests {
    use darling::{FromDeriveInput, FromField, FromVariant};
    use proc_macro2::Span;

    use super::{FieldAttrs, InputAttrs, VariantAttrs, closest_format, edit_distance};
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
