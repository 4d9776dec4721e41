//! The model of one derive: what the attributes mean, with the spans that
//! diagnostics point at. Built from the darling receivers in [`crate::attr`].

use darling::FromDeriveInput;
use darling::util::{Override, SpannedValue};
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{DeriveInput, Ident, Member, Type};

use crate::attr::{
    CodeLit, CodeValue, FORMATS, FieldAttrs, FormatValue, InputAttrs, StatusValue, VariantAttrs,
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
    /// `code`, `status`, `message`, `title` as written, for `transparent`'s
    /// check.
    pub(crate) explicit_keys: Vec<(&'static str, Span)>,
    /// A key of the variant (or of the container) was rejected while
    /// parsing: checks for something missing are skipped, since the
    /// rejected key may have been it.
    pub(crate) incomplete: bool,
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
    /// Keys a transparent variant's field may not carry.
    pub(crate) keys: Vec<(&'static str, Span)>,
    /// The type is written `Option<…>`: `None` may be left out of a body.
    pub(crate) option: bool,
    /// `none = "omit" | "null"`, with the span of its value.
    pub(crate) none: Option<(NoneAs, Span)>,
    /// `default` / `default = "path"`, with the span of the key.
    pub(crate) default: Option<(FieldDefault, Span)>,
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
        let clean = crate::sanitize::keys_clean(input)
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

        let rule = rename_rule(&attrs, errors);
        let prefix = attrs.prefix.as_ref().map_or("", |p| p.as_str());
        if let Some(prefix) = &attrs.prefix {
            check_prefix(prefix, errors);
        }

        let (shape, variants) = match attrs.data {
            darling::ast::Data::Enum(variants) => {
                let variants = variants
                    .into_iter()
                    .map(|v| lower_variant(v, rule, prefix, errors))
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
                (Shape::Struct, vec![keys.lower(rule, prefix, errors)])
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
        })
    }
}

fn rename_rule(attrs: &InputAttrs, errors: &mut darling::error::Accumulator) -> RenameRule {
    let Some(name) = &attrs.rename_all else {
        return RenameRule::ScreamingSnake;
    };
    RenameRule::from_name(name).unwrap_or_else(|err| {
        errors.push(darling::Error::custom(err).with_span(&name.span()));
        RenameRule::ScreamingSnake
    })
}

/// A documentation URL template names the code it documents, `{code}`,
/// and no other placeholder: only `{code}` is filled in.
fn check_docs(docs: &SpannedValue<String>, errors: &mut darling::error::Accumulator) {
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
fn check_prefix(prefix: &SpannedValue<String>, errors: &mut darling::error::Accumulator) {
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
fn derive_code(explicit: Option<CodeValue>, ident: &Ident, rule: RenameRule, prefix: &str) -> Code {
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

fn lower_variant(
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
    variant
}

/// The keys a variant and a struct share, as written.
struct VariantKeys<'a> {
    ident: Ident,
    attrs: &'a [syn::Attribute],
    fields: darling::ast::Fields<FieldAttrs>,
    code: Option<CodeValue>,
    status: Option<StatusValue>,
    message: Option<SpannedValue<String>>,
    title: Option<SpannedValue<String>>,
    transparent: darling::util::Flag,
}

impl VariantKeys<'_> {
    fn lower(
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
            explicit_keys,
            incomplete: false,
            ident: self.ident,
        }
    }
}

fn lower_message(
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

fn lower_fields(fields: Vec<FieldAttrs>, errors: &mut darling::error::Accumulator) -> Vec<Field> {
    fields
        .into_iter()
        .enumerate()
        .map(|(index, attrs)| lower_field(index, attrs, errors))
        .collect()
}

fn lower_field(index: usize, attrs: FieldAttrs, errors: &mut darling::error::Accumulator) -> Field {
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

    Field {
        member,
        option: is_option(&attrs.ty),
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
fn is_option(mut ty: &Type) -> bool {
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

/// Puts `span` on every token of a path read from a string, so rustc's
/// errors about it point at the string.
fn set_path_span(path: &mut syn::Path, span: Span) {
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
fn doc_string(attrs: &[syn::Attribute]) -> Option<String> {
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
