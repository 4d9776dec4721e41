//! darling receivers: the `#[api(...)]` syntax, one receiver per position.
//!
//! Every receiver also accepts the keys that belong elsewhere (as
//! [`Misplaced`]), so that a key in the wrong place is reported as such, with
//! where it belongs, rather than as unknown.

use darling::util::{Flag, Override, SpannedValue};
use darling::{FromDeriveInput, FromField, FromMeta, FromVariant};
use proc_macro2::Span;
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
    /// `status = 404`: the default status (on a struct, its status).
    pub(crate) status: Option<StatusValue>,
    /// `code = "…"` / `code = 404`: a struct's code.
    pub(crate) code: Option<CodeValue>,
    /// `message = "…"`: a struct's message template.
    pub(crate) message: Option<SpannedValue<String>>,
    /// `transparent`: a newtype struct that is its one field's error.
    pub(crate) transparent: Flag,
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
    /// `transparent`: the variant is its one field's error.
    pub(crate) transparent: Flag,
    /// Container keys, reported as misplaced.
    pub(crate) rename_all: Option<Misplaced>,
    pub(crate) prefix: Option<Misplaced>,
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
}

/// A key written where it does not belong; remembers where it was.
pub(crate) struct Misplaced(pub(crate) Span);

impl FromMeta for Misplaced {
    fn from_meta(item: &syn::Meta) -> darling::Result<Self> {
        Ok(Misplaced(item.path().span()))
    }
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
        match expr {
            Expr::Lit(lit) => Self::from_value(&lit.lit),
            Expr::Unary(unary) if matches!(unary.op, UnOp::Neg(_)) => {
                let Expr::Lit(syn::ExprLit { lit: Lit::Int(int), .. }) = &*unary.expr else {
                    return Err(code_error(expr.span()));
                };
                let value = int
                    .base10_parse::<i64>()
                    .map_err(|_| darling::Error::custom("integer code out of range for i64").with_span(expr))?;
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
                .map_err(|_| darling::Error::custom("integer code out of range for i64").with_span(int)),
            _ => Err(code_error(lit.span())),
        }
    }
}

fn code_error(span: Span) -> darling::Error {
    darling::Error::custom(
        "expected a string or integer code, like `code = \"user:not_found\"` or `code = 40401`",
    )
    .with_span(&span)
}

/// A status literal; its range is checked in `valid`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct StatusValue {
    pub(crate) value: u64,
    pub(crate) span: Span,
}

impl FromMeta for StatusValue {
    fn from_value(lit: &Lit) -> darling::Result<Self> {
        match lit {
            Lit::Int(int) => Ok(StatusValue {
                value: int.base10_parse::<u64>().unwrap_or(u64::MAX),
                span: int.span(),
            }),
            _ => Err(status_error(lit.span())),
        }
    }

    fn from_expr(expr: &Expr) -> darling::Result<Self> {
        match expr {
            Expr::Lit(lit) => Self::from_value(&lit.lit),
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
    darling::Error::custom("expected an integer HTTP status, like `status = 404`").with_span(&span)
}
