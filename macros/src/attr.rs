//! darling receivers: the `#[api(...)]` syntax, one receiver per position.
//!
//! Every receiver also accepts the keys that belong elsewhere (as
//! [`Misplaced`]), so that a key in the wrong place is reported as such, with
//! where it belongs, rather than as unknown.

use darling::error::Accumulator;
use darling::util::{Flag, Override, SpannedValue};
use darling::{FromDeriveInput, FromField, FromMeta, FromVariant};
use proc_macro2::Span;
use quote::ToTokens;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Attribute, Data, DeriveInput, Expr, Lit, Meta, Token, UnOp};

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
    pub(crate) title: Option<Keyed<SpannedValue<String>>>,
    /// `parse`: also generate the client-side decoder.
    pub(crate) parse: Flag,
    /// `display`: implement `Display` as the public message.
    pub(crate) display: Flag,
    /// `code = "…"` / `code = 404`: a struct's code.
    pub(crate) code: Option<Keyed<CodeValue>>,
    /// `message = "…"`: a struct's message template.
    pub(crate) message: Option<Keyed<SpannedValue<String>>>,
    /// `transparent`: a newtype struct that is its one field's error.
    pub(crate) transparent: Flag,
    /// Variant keys of the decoder, reported as misplaced.
    pub(crate) other: Option<Misplaced>,
    #[darling(multiple)]
    pub(crate) alias: Vec<Misplaced>,
    pub(crate) skip_parse: Option<Misplaced>,
    /// Field keys, reported as misplaced.
    pub(crate) field: Option<Misplaced>,
    pub(crate) source: Option<Misplaced>,
    pub(crate) retry_after: Option<Misplaced>,
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
    /// Container keys, reported as misplaced.
    pub(crate) rename_all: Option<Misplaced>,
    pub(crate) prefix: Option<Misplaced>,
    pub(crate) parse: Option<Misplaced>,
    pub(crate) display: Option<Misplaced>,
    pub(crate) format: Option<Misplaced>,
    pub(crate) domain: Option<Misplaced>,
    pub(crate) docs: Option<Misplaced>,
    /// Field keys, reported as misplaced.
    pub(crate) field: Option<Misplaced>,
    pub(crate) source: Option<Misplaced>,
    pub(crate) retry_after: Option<Misplaced>,
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
    /// Variant and container keys, reported as misplaced.
    pub(crate) code: Option<Misplaced>,
    pub(crate) message: Option<Misplaced>,
    pub(crate) transparent: Option<Misplaced>,
    pub(crate) rename_all: Option<Misplaced>,
    pub(crate) prefix: Option<Misplaced>,
    pub(crate) title: Option<Misplaced>,
    pub(crate) format: Option<Misplaced>,
    pub(crate) domain: Option<Misplaced>,
    pub(crate) docs: Option<Misplaced>,
    pub(crate) parse: Option<Misplaced>,
    pub(crate) display: Option<Misplaced>,
    pub(crate) other: Option<Misplaced>,
    #[darling(multiple)]
    pub(crate) alias: Vec<Misplaced>,
    pub(crate) skip_parse: Option<Misplaced>,
}

/// A value that also remembers the span of its key, for keys that are
/// valid in one shape of the container and misplaced in the other.
pub(crate) struct Keyed<T> {
    pub(crate) key: Span,
    pub(crate) value: T,
}

impl<T: FromMeta> FromMeta for Keyed<T> {
    fn from_meta(item: &Meta) -> darling::Result<Self> {
        Ok(Keyed {
            key: item.path().span(),
            value: T::from_meta(item)?,
        })
    }
}

/// A key written where it does not belong; remembers where it was.
pub(crate) struct Misplaced(pub(crate) Span);

impl FromMeta for Misplaced {
    fn from_meta(item: &syn::Meta) -> darling::Result<Self> {
        Ok(Misplaced(item.path().span()))
    }
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

/// A status literal; its range is checked in `valid`. `none` is
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

/// How each key is written, for the message about a malformed value.
const SYNTAX: &[(&str, &str)] = &[
    ("rename_all", "`rename_all = \"snake_case\"`"),
    ("prefix", "`prefix = \"user:\"`"),
    (
        "status",
        "`status = 404` (a bare `status` marks an `http::StatusCode` field)",
    ),
    ("code", "`code = \"user:not_found\"` or `code = 40401`"),
    ("message", "`message = \"User {id} not found.\"`"),
    ("transparent", "a bare `transparent`"),
    ("title", "`title = \"You do not have enough credit.\"`"),
    ("parse", "a bare `parse`"),
    ("display", "a bare `display`"),
    ("other", "a bare `other`"),
    ("alias", "`alias = \"old_code\"` or `alias = 40400`"),
    ("skip_parse", "a bare `skip_parse`"),
    (
        "format",
        "`format = problem` or `format = path::to::MyFormat`",
    ),
    ("domain", "`domain = \"api.example.com\"`"),
    ("docs", "`docs = \"https://example.com/errors/{code}\"`"),
    ("field", "`field` or `field = \"name\"`"),
    ("source", "a bare `source`"),
    (
        "retry_after",
        "`retry_after`, `retry_after = \"ms\"` or `retry_after = \"s\"`",
    ),
];

/// The input with the `#[api(...)]` keys that failed to parse removed, and
/// where they were removed from.
pub(crate) struct Sanitized {
    pub(crate) input: DeriveInput,
    /// A key of the container (or of a struct's field) was removed.
    pub(crate) container: bool,
    /// Variants that lost a key of their own or of one of their fields.
    pub(crate) variants: Vec<syn::Ident>,
}

/// Checks every `#[api(...)]` key on its own, with the receiver of its
/// position, and removes the keys that fail (and repeated keys). darling
/// rejects a whole receiver for one bad key; checking key by key lets the
/// later phases still report the user's other mistakes in the same compile.
pub(crate) fn sanitize(input: &DeriveInput, errors: &mut Accumulator) -> Sanitized {
    let mut out = input.clone();
    let mut container = false;
    let mut variants = Vec::new();
    out.attrs = sanitize_attrs(&input.attrs, errors, &mut container, |attr| {
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
                variant.attrs = sanitize_attrs(&variant.attrs, errors, &mut removed, |attr| {
                    let probe = syn::Variant {
                        attrs: vec![attr],
                        ident: variant.ident.clone(),
                        fields: syn::Fields::Unit,
                        discriminant: None,
                    };
                    VariantAttrs::from_variant(&probe).map(drop)
                });
                sanitize_fields(&mut variant.fields, errors, &mut removed);
                if removed {
                    variants.push(variant.ident.clone());
                }
            }
        }
        Data::Struct(data) => sanitize_fields(&mut data.fields, errors, &mut container),
        Data::Union(_) => {}
    }
    Sanitized {
        input: out,
        container,
        variants,
    }
}

fn sanitize_fields(fields: &mut syn::Fields, errors: &mut Accumulator, removed: &mut bool) {
    for field in fields.iter_mut() {
        field.attrs = sanitize_attrs(&field.attrs, errors, removed, |attr| {
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
        let mut kept: Punctuated<Meta, Token![,]> = Punctuated::new();
        for item in items {
            let key = key_name(&item);
            // `alias` is the one key that may repeat: a code can have had
            // several older names.
            if key != "alias" && seen.contains(&key) {
                errors.push(
                    darling::Error::custom(format!("`{key}` is given twice; keep one"))
                        .with_span(item.path()),
                );
                *removed = true;
                continue;
            }
            seen.push(key);
            let single: Attribute = syn::parse_quote!(#[api(#item)]);
            match probe(single) {
                Ok(()) => kept.push(item),
                Err(err) => {
                    for err in err {
                        errors.push(restyle(err, &item));
                    }
                    *removed = true;
                }
            }
        }
        let mut attr = attr.clone();
        attr.meta = Meta::List(syn::MetaList {
            path: list.path.clone(),
            delimiter: list.delimiter.clone(),
            tokens: kept.into_token_stream(),
        });
        out.push(attr);
    }
    out
}

fn key_name(item: &Meta) -> String {
    item.path().to_token_stream().to_string().replace(' ', "")
}

/// darling's own messages ("Unknown field: `x`. Did you mean `y`?",
/// "Unexpected type `int`") in rustc's style, with the key's syntax as the
/// hint. Our own `FromMeta` messages pass through unchanged.
fn restyle(err: darling::Error, item: &Meta) -> darling::Error {
    let key = key_name(item);
    let err = err.with_span(item);
    let span = err.span();
    let text = syn::Error::from(err).to_string();
    let syntax = SYNTAX.iter().find(|(k, _)| *k == key).map_or_else(
        || format!("`{key} = …`"),
        |(_, syntax)| (*syntax).to_owned(),
    );
    let text = if let Some(rest) = text.strip_prefix("Unknown field: ") {
        let (name, hint) = rest.split_once(". ").unwrap_or((rest, ""));
        let hint = if let Some(alt) = hint.strip_prefix("Did you mean ") {
            format!("; did you mean {alt}")
        } else if let Some(alts) = hint.strip_prefix("Available values: ") {
            format!("; expected one of {alts}")
        } else {
            String::new()
        };
        format!("unknown key {name} in `#[api(…)]`{hint}")
    } else if let (Some("`path`"), Meta::NameValue(nv)) =
        (text.strip_prefix("Unexpected type "), item)
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
    use darling::FromDeriveInput;

    use super::{InputAttrs, closest_format, edit_distance, sanitize};

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
}
