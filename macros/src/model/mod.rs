//! The model of one derive: what the attributes mean, with the spans that
//! diagnostics point at. Built from the darling receivers in [`crate::attr`].

use darling::FromDeriveInput;
use darling::util::{Override, SpannedValue};
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{DeriveInput, Ident, Member, Type};

use crate::attr::{
    CodeLit, CodeValue, CodesValue, FORMATS, FieldAttrs, FormatValue, InputAttrs, StatusValue,
    VariantAttrs,
};
use crate::case::RenameRule;
use crate::template::{self, Piece};

pub(crate) struct Input {
    pub(crate) ident: Ident,
    pub(crate) generics: syn::Generics,
    pub(crate) shape: Shape,
    pub(crate) variants: Vec<Variant>,
    /// The type's default format.
    pub(crate) format: FormatValue,
    /// `domain = "…"`.
    pub(crate) domain: Option<String>,
    /// `docs = "https://…/{code}"`.
    pub(crate) docs: Option<String>,
    /// `status = none`: the type's codes never travel over HTTP.
    pub(crate) no_http: Option<Span>,
    /// The type's doc comment.
    pub(crate) description: Option<String>,
    /// `parse`: also generate the decoder.
    pub(crate) parse: Option<Span>,
    /// `display`: implement `Display` as the public message.
    pub(crate) display: Option<Span>,
    /// `error`: implement `Display` (unless `display` does) and
    /// `std::error::Error`.
    pub(crate) error: Option<Span>,
}

impl Input {
    /// The members the type's format writes itself, when the derive knows
    /// them (a built-in format); a format of the user's is checked by the
    /// generated code instead.
    pub(crate) fn reserved(&self) -> Option<(&'static str, &'static [&'static str])> {
        match &self.format {
            FormatValue::Builtin((name, _, reserved)) => Some((name, reserved)),
            FormatValue::Custom(_) => None,
        }
    }
}

impl Input {
    /// The `transparent` variants (or struct) that get `From` of their
    /// field's type, for `?`: not under `skip_from`, not when thiserror's
    /// `#[from]` writes it, and not for a field of a type parameter's type,
    /// which would overlap core's `impl<T> From<T> for T`.
    pub(crate) fn conversions(&self) -> impl Iterator<Item = (&Variant, &Field)> {
        self.variants.iter().filter_map(|variant| {
            variant.transparent?;
            if variant.skip_from.is_some() {
                return None;
            }
            let [field] = variant.fields.as_slice() else {
                return None;
            };
            (field.thiserror_from.is_none() && !crate::generics::is_open(&field.ty, &self.generics))
                .then_some((variant, field))
        })
    }

    /// The variants (or struct) whose one field is `#[api(violations)]`,
    /// which get `From<errbook::Violations>`, for `?`: not under
    /// `skip_from`, not when thiserror's `#[from]` writes a `From` of the
    /// field, and only for a field written `Violations` or
    /// `Option<Violations>` (any other type is refused on its own).
    pub(crate) fn violations_conversions(&self) -> impl Iterator<Item = (&Variant, &Field)> {
        self.variants.iter().filter_map(|variant| {
            if variant.transparent.is_some() || variant.skip_from.is_some() {
                return None;
            }
            let [field] = variant.fields.as_slice() else {
                return None;
            };
            (field.violations.is_some()
                && field.thiserror_from.is_none()
                && lower::may_be_violations(&field.ty))
            .then_some((variant, field))
        })
    }

    /// The fields whose `From` thiserror's `#[from]` writes.
    pub(crate) fn thiserror_conversions(&self) -> impl Iterator<Item = (&Variant, &Field)> {
        self.variants.iter().flat_map(|variant| {
            variant
                .fields
                .iter()
                .filter(|field| field.thiserror_from.is_some())
                .map(move |field| (variant, field))
        })
    }
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
    /// `title = "…"`, the problem+json title.
    pub(crate) title: Option<String>,
    pub(crate) transparent: Option<Span>,
    pub(crate) fields: Vec<Field>,
    pub(crate) named: bool,
    pub(crate) description: Option<String>,
    /// `#[deprecated]`.
    pub(crate) deprecated: bool,
    /// `other`: the catch-all for unknown codes when parsing.
    pub(crate) other: Option<Span>,
    /// `alias = "…"` / `alias = 40400`: older codes still parsed.
    pub(crate) aliases: Vec<(CodeLit, Span)>,
    /// `skip_parse`: the decoder never produces this variant.
    pub(crate) skip_parse: Option<Span>,
    /// `skip_from`: a `transparent` variant without its `From` impl.
    pub(crate) skip_from: Option<Span>,
    /// `prefix`, `rename_all` and `codes(…)` on the variant (on a
    /// transparent struct, on the struct): the inner type's codes renamed.
    pub(crate) rename: Option<Rename>,
    /// `code`, `status`, `message`, `title` as written, for `transparent`'s
    /// check.
    pub(crate) explicit_keys: Vec<(&'static str, Span)>,
    /// A key of the variant (or of the container) was rejected while
    /// parsing: checks for something missing are skipped, since the
    /// rejected key may have been it.
    pub(crate) incomplete: bool,
}

/// How a `transparent` variant renames its inner type's codes.
pub(crate) struct Rename {
    /// `prefix = "app:"`.
    pub(crate) prefix: Option<(String, Span)>,
    /// `rename_all = "snake_case"`.
    pub(crate) rule: Option<(RenameRule, Span)>,
    /// `codes(Variant = "…", …)`: each variant named, its code, and the
    /// span of the code.
    pub(crate) codes: Vec<(Ident, CodeLit, Span)>,
    /// The span of the `codes` key.
    pub(crate) codes_key: Option<Span>,
}

impl Rename {
    /// The keys written, with their spans, in the order they are
    /// reported.
    pub(crate) fn keys(&self) -> Vec<(&'static str, Span)> {
        [
            ("prefix", self.prefix.as_ref().map(|(_, span)| *span)),
            ("rename_all", self.rule.map(|(_, span)| span)),
            ("codes", self.codes_key),
        ]
        .into_iter()
        .filter_map(|(key, span)| span.map(|span| (key, span)))
        .collect()
    }

    /// The key a problem with the renaming as a whole is reported under:
    /// `prefix`, else `rename_all`, else `codes`.
    pub(crate) fn key(&self) -> (&'static str, Span) {
        self.keys()
            .first()
            .copied()
            .unwrap_or(("codes", Span::call_site()))
    }
}

pub(crate) struct Code {
    pub(crate) lit: CodeLit,
    pub(crate) span: Span,
    /// Derived from the variant name (`rename_all` + `prefix`).
    pub(crate) derived: bool,
}

pub(crate) struct Message {
    /// The template as written, for the catalog.
    pub(crate) raw: String,
    pub(crate) pieces: Vec<Piece>,
    pub(crate) span: Span,
}

pub(crate) struct Field {
    pub(crate) member: Member,
    pub(crate) ty: Type,
    /// The envelope member name, with the span of the `field` key.
    pub(crate) exposed: Option<(String, Span)>,
    pub(crate) source: Option<Span>,
    pub(crate) retry_after: Option<(RetryUnit, Span)>,
    /// `#[api(status)]`: this `http::StatusCode` field is the status.
    pub(crate) status: Option<Span>,
    /// thiserror's `#[from]`, which writes the `From` impl of the field's
    /// type.
    pub(crate) thiserror_from: Option<Span>,
    /// The type may be `core::time::Duration` (written `Duration`, or an
    /// `Option` of it, by any path): its member is a number in the field's
    /// unit, when the type turns out to be that one.
    pub(crate) duration: bool,
    /// Keys a transparent variant's field may not carry.
    pub(crate) keys: Vec<(&'static str, Span)>,
    /// The type is written `Option<…>`: `None` may be left out of a body.
    pub(crate) option: bool,
    /// `none = "omit" | "null"`, with the span of its value.
    pub(crate) none: Option<(NoneAs, Span)>,
    /// `default` / `default = "path"`, with the span of the key.
    pub(crate) default: Option<(FieldDefault, Span)>,
    /// `violations`: the variant's `errbook::Violations`.
    pub(crate) violations: Option<Span>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum NoneAs {
    Omit,
    Null,
}

pub(crate) enum FieldDefault {
    /// A bare `default`: the type's `Default`.
    Trait,
    /// `default = "path"`: a function returning the value.
    Path(syn::Path),
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum RetryUnit {
    Millis,
    Secs,
}

impl Field {
    /// The identifier a generated pattern binds this field to. It carries
    /// the span of the field's type, so that rustc's errors about the
    /// field's value (not `Serialize`, not `Display`) point at the type.
    pub(crate) fn binding(&self) -> Ident {
        let span = self.ty.span();
        match &self.member {
            Member::Named(ident) => {
                let name = ident.to_string();
                Ident::new(&format!("__field_{}", name.trim_start_matches("r#")), span)
            }
            Member::Unnamed(index) => Ident::new(&format!("__field_{}", index.index), span),
        }
    }
}

impl Variant {
    pub(crate) fn field(&self, member: &Member) -> Option<&Field> {
        self.fields.iter().find(|f| f.member == *member)
    }

    /// The variant is another error (`transparent`) or the decoder's
    /// catch-all (`other`): every method asks the field.
    pub(crate) fn delegates(&self) -> bool {
        self.transparent.is_some() || self.other.is_some()
    }

    /// The field a template placeholder names (`{id}`, `{0}`, `{r#type}`).
    pub(crate) fn arg_field(&self, arg: &template::Arg) -> Option<&Field> {
        self.fields.iter().find(|f| match (&f.member, arg) {
            (Member::Named(ident), template::Arg::Named(name)) => {
                ident.to_string().trim_start_matches("r#") == name
            }
            (Member::Unnamed(index), template::Arg::Index(i)) => {
                usize::try_from(index.index).is_ok_and(|index| index == *i)
            }
            _ => false,
        })
    }

    /// The field that is the whole message template (`message = "{reason}"`).
    pub(crate) fn message_field(&self) -> Option<&Field> {
        let message = self.message.as_ref()?;
        let [Piece::Arg { arg, spec: None }] = message.pieces.as_slice() else {
            return None;
        };
        self.arg_field(arg)
    }

    /// The template's placeholder slots, in order of first use: each
    /// distinct field with its format spec (the same field written twice
    /// the same way is one slot).
    pub(crate) fn template_slots(&self) -> Vec<(&Field, Option<&str>)> {
        let mut slots: Vec<(&Field, Option<&str>)> = Vec::new();
        for piece in self.message.iter().flat_map(|m| &m.pieces) {
            if let Piece::Arg { arg, spec } = piece
                && let Some(field) = self.arg_field(arg)
                && !slots
                    .iter()
                    .any(|(f, s)| f.member == field.member && *s == spec.as_deref())
            {
                slots.push((field, spec.as_deref()));
            }
        }
        slots
    }

    /// The slot of a placeholder.
    pub(crate) fn slot_of(&self, arg: &template::Arg, spec: Option<&str>) -> Option<usize> {
        let field = self.arg_field(arg)?;
        self.template_slots()
            .iter()
            .position(|(f, s)| f.member == field.member && *s == spec)
    }
}

impl Input {
    /// Reads the derive input. Mistakes go to `errors`; `None` when the
    /// input could not be read at all.
    pub(crate) fn from_syn(
        input: &DeriveInput,
        errors: &mut darling::error::Accumulator,
    ) -> Option<Input> {
        if let syn::Data::Union(data) = &input.data {
            errors.push(
                darling::Error::custom(
                    "`ApiError` cannot be derived for a union; derive it on an enum or a struct",
                )
                .with_span(&data.union_token),
            );
            return None;
        }
        // Most inputs have no mistake in their keys: darling reads them
        // whole. Only when something is off are they read key by key, so
        // that every mistake is reported and the rest still checked.
        let clean = crate::clean::keys_clean(input)
            .then(|| InputAttrs::from_derive_input(input).ok())
            .flatten();
        let (attrs, sanitized) = if let Some(attrs) = clean {
            (attrs, crate::sanitize::Removed::none())
        } else {
            let sanitized = crate::sanitize::sanitize(input, errors);
            let attrs = errors.handle(InputAttrs::from_derive_input(&sanitized.input))?;
            (attrs, sanitized.removed())
        };

        if let Some(docs) = &attrs.docs {
            check_docs(docs, errors);
        }
        let no_http = attrs.status.filter(|s| s.none).map(|s| s.span);

        let rule = attrs
            .rename_all
            .as_ref()
            .and_then(|name| parse_rule(name, errors));
        let prefix = attrs.prefix.as_ref().map_or("", |p| p.as_str());
        // On a transparent struct, `prefix` and `rename_all` rename the
        // inner type's codes, like on a transparent variant.
        let renames_inner =
            matches!(attrs.data, darling::ast::Data::Struct(_)) && attrs.transparent.is_present();
        if let Some(prefix) = attrs.prefix.as_ref().filter(|_| !renames_inner) {
            check_prefix(prefix, errors);
        }
        let derive_rule = rule.map_or(RenameRule::ScreamingSnake, |(rule, _)| rule);

        let (shape, variants) = match attrs.data {
            darling::ast::Data::Enum(variants) => {
                let variants = variants
                    .into_iter()
                    .map(|v| lower_variant(v, derive_rule, prefix, errors))
                    .collect();
                (Shape::Enum, variants)
            }
            darling::ast::Data::Struct(fields) => {
                let keys = VariantKeys {
                    ident: attrs.ident.clone(),
                    attrs: &attrs.attrs,
                    fields,
                    code: attrs.code,
                    // On a struct, `status` is the container's key: its
                    // `none` form is the type's opt-out, not a status.
                    status: attrs.status.filter(|s| !s.none),
                    message: attrs.message,
                    title: attrs.title,
                    transparent: attrs.transparent,
                };
                let mut variant = keys.lower(derive_rule, prefix, errors);
                variant.skip_from = attrs.skip_from.is_present().then(|| attrs.skip_from.span());
                variant.rename = if renames_inner {
                    lower_rename(attrs.prefix.as_ref(), rule, attrs.codes, errors)
                } else {
                    lower_rename(None, None, attrs.codes, errors)
                };
                (Shape::Struct, vec![variant])
            }
        };
        let mut variants: Vec<Variant> = variants;
        for variant in &mut variants {
            variant.incomplete = sanitized.container || sanitized.variants.contains(&variant.ident);
            if variant.transparent.is_some() || variant.other.is_some() {
                variant.code = None;
            } else if shape == Shape::Enum && variant.status.is_none() {
                variant.status = attrs.status.filter(|s| !s.none);
            }
        }

        Some(Input {
            ident: attrs.ident,
            generics: attrs.generics,
            shape,
            variants,
            format: attrs.format.unwrap_or(FormatValue::Builtin(&FORMATS[0])),
            domain: attrs.domain.map(SpannedValue::into_inner),
            docs: attrs.docs.map(SpannedValue::into_inner),
            no_http,
            description: doc_string(&attrs.attrs),
            parse: attrs.parse.is_present().then(|| attrs.parse.span()),
            display: attrs.display.is_present().then(|| attrs.display.span()),
            error: attrs
                .error
                .is_present()
                .then(|| attrs.error.span())
                .filter(|&span| !thiserror_error(input, span, errors)),
        })
    }
}

mod lower;

/// Whether the input carries thiserror's `#[error(…)]` (on the type or a
/// variant) under the `error` key, which would write the same `Display`
/// and `Error` impls: one error on the key, which then writes neither.
fn thiserror_error(
    input: &syn::DeriveInput,
    key: Span,
    errors: &mut darling::error::Accumulator,
) -> bool {
    let has = |attrs: &[syn::Attribute]| attrs.iter().any(|a| a.path().is_ident("error"));
    let found = has(&input.attrs)
        || match &input.data {
            syn::Data::Enum(data) => data.variants.iter().any(|v| has(&v.attrs)),
            _ => false,
        };
    if found {
        errors.push(
            darling::Error::custom(
                "`error` writes the `Display` and `std::error::Error` impls that thiserror's \
                 `#[derive(Error)]` (with its `#[error(…)]`) writes too; leave `error` out",
            )
            .with_span(&key),
        );
    }
    found
}

pub(crate) use lower::placeholders;
use lower::{
    VariantKeys, check_docs, check_prefix, doc_string, lower_rename, lower_variant, parse_rule,
};

#[cfg(test)]
mod tests {
    use super::placeholders;

    #[test]
    fn placeholders_are_found_with_their_braces() {
        let found: Vec<&str> = placeholders("https://x/{code}/{status}?q={").collect();
        assert_eq!(found, ["{code}", "{status}"]);
        assert_eq!(placeholders("no braces").count(), 0);
    }
}
