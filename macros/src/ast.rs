//! The model of one derive: what the attributes mean, with the spans that
//! diagnostics point at. Built from the darling receivers in [`crate::attr`].

use darling::FromDeriveInput;
use darling::util::{Override, SpannedValue};
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{DeriveInput, Ident, Member, Type};

use crate::attr::{CodeLit, CodeValue, FieldAttrs, InputAttrs, Misplaced, StatusValue, VariantAttrs};
use crate::case::RenameRule;
use crate::template::{self, Piece};

pub(crate) struct Input {
    pub(crate) ident: Ident,
    pub(crate) generics: syn::Generics,
    pub(crate) shape: Shape,
    pub(crate) variants: Vec<Variant>,
    /// The members the type's format writes itself.
    pub(crate) reserved: &'static [&'static str],
    pub(crate) format_name: &'static str,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Enum,
    Struct,
}

pub(crate) struct Variant {
    pub(crate) ident: Ident,
    /// `None` for a transparent variant, whose code is its field's.
    pub(crate) code: Option<Code>,
    pub(crate) status: Option<StatusValue>,
    pub(crate) message: Option<Message>,
    pub(crate) transparent: Option<Span>,
    pub(crate) fields: Vec<Field>,
    pub(crate) named: bool,
    pub(crate) description: Option<String>,
    /// `code`, `status`, `message` as written, for `transparent`'s check.
    pub(crate) explicit_keys: Vec<(&'static str, Span)>,
}

pub(crate) struct Code {
    pub(crate) lit: CodeLit,
    pub(crate) span: Span,
    /// Derived from the variant name (`rename_all` + `prefix`).
    pub(crate) derived: bool,
}

pub(crate) struct Message {
    pub(crate) pieces: Vec<Piece>,
    pub(crate) span: Span,
}

pub(crate) struct Field {
    pub(crate) member: Member,
    pub(crate) ty: Type,
    pub(crate) span: Span,
    /// The envelope member name, with the span of the `field` key.
    pub(crate) exposed: Option<(String, Span)>,
    pub(crate) source: Option<Span>,
    pub(crate) retry_after: Option<(RetryUnit, Span)>,
    /// `#[api(status)]`: this `http::StatusCode` field is the status.
    pub(crate) status: Option<Span>,
    /// Keys a transparent variant's field may not carry.
    pub(crate) keys: Vec<(&'static str, Span)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum RetryUnit {
    Millis,
    Secs,
}

impl Field {
    /// The identifier a generated pattern binds this field to.
    pub(crate) fn binding(&self) -> Ident {
        match &self.member {
            Member::Named(ident) => {
                let name = ident.to_string();
                Ident::new(&format!("__field_{}", name.trim_start_matches("r#")), ident.span())
            }
            Member::Unnamed(index) => Ident::new(&format!("__field_{}", index.index), self.span),
        }
    }
}

impl Variant {
    pub(crate) fn field(&self, member: &Member) -> Option<&Field> {
        self.fields.iter().find(|f| f.member == *member)
    }
}

impl Input {
    /// Reads the derive input. Mistakes go to `errors`; `None` when the
    /// input could not be read at all.
    pub(crate) fn from_syn(input: &DeriveInput, errors: &mut darling::error::Accumulator) -> Option<Input> {
        if let syn::Data::Union(data) = &input.data {
            errors.push(
                darling::Error::custom(
                    "`ApiError` cannot be derived for a union; derive it on an enum or a struct",
                )
                .with_span(&data.union_token),
            );
            return None;
        }
        let attrs = errors.handle(InputAttrs::from_derive_input(input))?;

        for (key, misplaced) in [
            ("field", &attrs.field),
            ("source", &attrs.source),
            ("retry_after", &attrs.retry_after),
        ] {
            misplaced_key(errors, key, misplaced, "a field", container_noun(&attrs));
        }

        let rule = match &attrs.rename_all {
            Some(name) => match RenameRule::from_name(name) {
                Ok(rule) => rule,
                Err(err) => {
                    errors.push(darling::Error::custom(err).with_span(&name.span()));
                    RenameRule::ScreamingSnake
                }
            },
            None => RenameRule::ScreamingSnake,
        };
        let prefix = attrs.prefix.as_ref().map_or("", |p| p.as_str());

        let (shape, variants) = match attrs.data {
            darling::ast::Data::Enum(variants) => {
                for (key, present) in [
                    ("code", attrs.code.as_ref().map(|c| c.span)),
                    ("message", attrs.message.as_ref().map(SpannedValue::span)),
                    ("transparent", attrs.transparent.is_present().then(|| attrs.transparent.span())),
                ] {
                    if let Some(span) = present {
                        errors.push(
                            darling::Error::custom(format!(
                                "`{key}` belongs on a variant, not on the enum; put `#[api({key} = …)]` above the variant"
                            ))
                            .with_span(&span),
                        );
                    }
                }
                let variants = variants
                    .into_iter()
                    .map(|v| lower_variant(v, rule, prefix, errors))
                    .collect();
                (Shape::Enum, variants)
            }
            darling::ast::Data::Struct(fields) => {
                let named = fields.style == darling::ast::Style::Struct;
                let fields = lower_fields(fields.fields, errors);
                let code = derive_code(attrs.code, &attrs.ident, rule, prefix);
                let mut explicit_keys = Vec::new();
                if let Some(code) = &code.0 {
                    explicit_keys.push(("code", code.span));
                }
                if let Some(status) = &attrs.status {
                    explicit_keys.push(("status", status.span));
                }
                if let Some(message) = &attrs.message {
                    explicit_keys.push(("message", message.span()));
                }
                let variant = Variant {
                    code: code.1,
                    status: attrs.status,
                    message: attrs.message.as_ref().and_then(|m| lower_message(m, errors)),
                    transparent: attrs.transparent.is_present().then(|| attrs.transparent.span()),
                    fields,
                    named,
                    description: doc_string(&attrs.attrs),
                    explicit_keys,
                    ident: attrs.ident.clone(),
                };
                (Shape::Struct, vec![variant])
            }
        };
        let mut variants: Vec<Variant> = variants;
        for variant in &mut variants {
            if variant.transparent.is_some() {
                variant.code = None;
            }
        }

        Some(Input {
            ident: attrs.ident,
            generics: attrs.generics,
            shape,
            variants,
            reserved: &["code", "message", "details"],
            format_name: "nested",
        })
        .map(|mut input| {
            if input.shape == Shape::Enum {
                let default = attrs.status;
                for variant in &mut input.variants {
                    if variant.status.is_none() && variant.transparent.is_none() {
                        variant.status = default;
                    }
                }
            }
            input
        })
    }
}

fn container_noun(attrs: &InputAttrs) -> &'static str {
    if matches!(attrs.data, darling::ast::Data::Enum(_)) {
        "the enum"
    } else {
        "the struct"
    }
}

fn misplaced_key(
    errors: &mut darling::error::Accumulator,
    key: &str,
    misplaced: &Option<Misplaced>,
    belongs: &str,
    here: &str,
) {
    if let Some(Misplaced(span)) = misplaced {
        errors.push(
            darling::Error::custom(format!("`{key}` belongs on {belongs}, not on {here}")).with_span(span),
        );
    }
}

/// The code as written, or derived from the name: `(explicit, effective)`.
fn derive_code(
    explicit: Option<CodeValue>,
    ident: &Ident,
    rule: RenameRule,
    prefix: &str,
) -> (Option<CodeValue>, Option<Code>) {
    let effective = match &explicit {
        Some(value) => Code {
            lit: value.code.clone(),
            span: value.span,
            derived: false,
        },
        None => {
            let name = ident.to_string();
            let name = name.trim_start_matches("r#");
            Code {
                lit: CodeLit::Str(format!("{prefix}{}", rule.apply(name))),
                span: ident.span(),
                derived: true,
            }
        }
    };
    (explicit, Some(effective))
}

fn lower_variant(
    attrs: VariantAttrs,
    rule: RenameRule,
    prefix: &str,
    errors: &mut darling::error::Accumulator,
) -> Variant {
    for (key, misplaced, belongs) in [
        ("rename_all", &attrs.rename_all, "the enum"),
        ("prefix", &attrs.prefix, "the enum"),
        ("field", &attrs.field, "a field"),
        ("source", &attrs.source, "a field"),
        ("retry_after", &attrs.retry_after, "a field"),
    ] {
        misplaced_key(errors, key, misplaced, belongs, "a variant");
    }
    let named = attrs.fields.style == darling::ast::Style::Struct;
    let fields = lower_fields(attrs.fields.fields, errors);
    let mut explicit_keys = Vec::new();
    if let Some(code) = &attrs.code {
        explicit_keys.push(("code", code.span));
    }
    if let Some(status) = &attrs.status {
        explicit_keys.push(("status", status.span));
    }
    if let Some(message) = &attrs.message {
        explicit_keys.push(("message", message.span()));
    }
    let (_, code) = derive_code(attrs.code, &attrs.ident, rule, prefix);
    Variant {
        code,
        status: attrs.status,
        message: attrs.message.as_ref().and_then(|m| lower_message(m, errors)),
        transparent: attrs.transparent.is_present().then(|| attrs.transparent.span()),
        fields,
        named,
        description: doc_string(&attrs.attrs),
        explicit_keys,
        ident: attrs.ident,
    }
}

fn lower_message(message: &SpannedValue<String>, errors: &mut darling::error::Accumulator) -> Option<Message> {
    match template::parse(message) {
        Ok(pieces) => Some(Message {
            pieces,
            span: message.span(),
        }),
        Err(err) => {
            errors.push(darling::Error::custom(err).with_span(&message.span()));
            None
        }
    }
}

fn lower_fields(fields: Vec<FieldAttrs>, errors: &mut darling::error::Accumulator) -> Vec<Field> {
    fields
        .into_iter()
        .enumerate()
        .map(|(index, attrs)| lower_field(index, attrs, errors))
        .collect()
}

fn lower_field(index: usize, attrs: FieldAttrs, errors: &mut darling::error::Accumulator) -> Field {
    for (key, misplaced, belongs) in [
        ("code", &attrs.code, "a variant"),
        ("message", &attrs.message, "a variant"),
        ("transparent", &attrs.transparent, "a variant"),
        ("rename_all", &attrs.rename_all, "the enum"),
        ("prefix", &attrs.prefix, "the enum"),
    ] {
        misplaced_key(errors, key, misplaced, belongs, "a field");
    }
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

    Field {
        member,
        ty: attrs.ty,
        span,
        exposed,
        source,
        retry_after,
        status,
        keys,
    }
}

/// The doc comment, lines trimmed and joined by spaces; paragraphs kept.
fn doc_string(attrs: &[syn::Attribute]) -> Option<String> {
    let mut lines = Vec::new();
    for attr in attrs {
        if !attr.path().is_ident("doc") {
            continue;
        }
        if let syn::Meta::NameValue(nv) = &attr.meta {
            if let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) = &nv.value {
                lines.push(s.value());
            }
        }
    }
    let mut out = String::new();
    let mut blank = false;
    for line in &lines {
        let line = line.trim();
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
