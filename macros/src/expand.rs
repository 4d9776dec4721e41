//! Code generation. Every decision that can fail was taken in `ast` and
//! `valid`; this file only writes tokens.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::DeriveInput;
use syn::spanned::Spanned;

use crate::ast::{Field, Input, RetryUnit, Shape, Variant};
use crate::attr::{CodeLit, FormatValue};
use crate::generics::Bounds;
use crate::template::{Arg, Piece};
use crate::{fallback, valid};

pub(crate) fn derive(input: &DeriveInput) -> TokenStream {
    let mut errors = darling::Error::accumulator();
    let model = ast_checked(input, &mut errors);
    match (model, errors.finish()) {
        (Some(model), Ok(())) => expand(&model),
        (_, Err(err)) => fallback::expand(input, err.write_errors()),
        (None, Ok(())) => fallback::expand(input, TokenStream::new()),
    }
}

fn ast_checked(input: &DeriveInput, errors: &mut darling::error::Accumulator) -> Option<Input> {
    let model = Input::from_syn(input, errors)?;
    valid::check(&model, errors);
    Some(model)
}

/// Puts the attributes every generated impl carries on `item`.
pub(crate) fn wrap(item: &TokenStream) -> TokenStream {
    quote! {
        #[automatically_derived]
        #[allow(deprecated, unused_qualifications, clippy::used_underscore_binding)]
        #item
    }
}

fn option_str(value: Option<&String>) -> TokenStream {
    value.map_or_else(
        || quote!(::core::option::Option::None),
        |text| quote!(::core::option::Option::Some(#text)),
    )
}

fn expand(input: &Input) -> TokenStream {
    let ident = &input.ident;
    let self_ty = {
        let (_, ty_generics, _) = input.generics.split_for_impl();
        quote!(#ident #ty_generics)
    };
    let mut bounds = Bounds::new(&input.generics);
    let mut arms = Arms::default();
    for variant in &input.variants {
        arms.push(input, variant, &mut bounds);
    }
    let generics = bounds.finish(&self_ty);
    let (impl_generics, _, where_clause) = generics.split_for_impl();
    let matcher = |arms: &[TokenStream]| {
        if arms.is_empty() {
            quote!(match *self {})
        } else {
            quote!(match self { #(#arms)* })
        }
    };
    let code = matcher(&arms.code);
    let status = matcher(&arms.status);
    let message = matcher(&arms.message);
    let fields = matcher(&arms.fields);
    let retry_after = matcher(&arms.retry_after);
    let source = matcher(&arms.source);
    let description = matcher(&arms.description);
    let title = matcher(&arms.title);
    let domain = matcher(&arms.domain);
    let docs = matcher(&arms.docs);
    let has_status = matcher(&arms.has_status);
    let format = match &input.format {
        FormatValue::Builtin((_, ty, _)) => {
            let ty = format_ident!("{}", ty);
            quote!(::errbook::format::#ty)
        }
        FormatValue::Custom(path) => quote!(#path),
    };
    let reserved_checks = reserved_checks(input, &format);
    let catalog = catalog(input);
    let unique_check = unique_check(input);
    let parse = crate::parse::expand(input);

    let api_impl = wrap(&quote! {
        impl #impl_generics ::errbook::ApiError for #self_ty #where_clause {
            type Format = #format;

            const CATALOG: &'static ::errbook::Catalog = &#catalog;

            fn code(&self) -> ::errbook::Code<'_> {
                #code
            }

            fn status(&self) -> ::errbook::__private::StatusCode {
                #status
            }

            fn fmt_message(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #message
            }

            fn visit_fields<__V: ::errbook::FieldVisitor + ?::core::marker::Sized>(
                &self,
                __visitor: &mut __V,
            ) -> ::core::result::Result<(), __V::Error> {
                #fields
            }

            fn retry_after(&self) -> ::core::option::Option<::core::time::Duration> {
                #retry_after
            }

            fn source_error(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
                #source
            }

            fn description(&self) -> ::core::option::Option<&'static ::core::primitive::str> {
                #description
            }

            fn title(&self) -> ::core::option::Option<&'static ::core::primitive::str> {
                #title
            }

            fn domain(&self) -> ::core::option::Option<&'static ::core::primitive::str> {
                #domain
            }

            fn docs_template(&self) -> ::core::option::Option<&'static ::core::primitive::str> {
                #docs
            }

            fn has_status(&self) -> ::core::primitive::bool {
                #has_status
            }
        }
    });
    // Spanned on `display`, so a second `Display` impl is reported there.
    let display = input.display.map(|span| {
        wrap(&quote_spanned! {span=>
            impl #impl_generics ::core::fmt::Display for #self_ty #where_clause {
                fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::errbook::ApiError::fmt_message(self, __formatter)
                }
            }
        })
    });
    let predicates = where_clause.map(|w| &w.predicates).into_iter().flatten();
    quote! {
        #api_impl
        #reserved_checks
        #unique_check
        #parse
        #display
        ::errbook::__integrate! { [#impl_generics] [#self_ty] [#(#predicates,)*] }
    }
}

/// The type's catalog: its entries and, for `transparent` variants, the
/// inner type's catalog, in declaration order.
fn catalog(input: &Input) -> TokenStream {
    let type_name = input.ident.to_string();
    let description = option_str(input.description.as_ref());
    let domain = option_str(input.domain.as_ref());
    let docs = option_str(input.docs.as_ref());
    let items = input.variants.iter().map(|variant| {
        if variant.other.is_some() {
            return quote!(::errbook::__private::Item::Nested(
                <::errbook::Unknown as ::errbook::ApiError>::CATALOG
            ));
        }
        if variant.transparent.is_some() {
            let ty = variant.fields.first().map(|f| &f.ty);
            return quote!(::errbook::__private::Item::Nested(
                <#ty as ::errbook::ApiError>::CATALOG
            ));
        }
        let code = match variant.code.as_ref().map(|c| &c.lit) {
            Some(CodeLit::Int(i)) => quote!(::errbook::Code::Int(#i)),
            Some(CodeLit::Str(s)) => quote!(::errbook::Code::Str(#s)),
            None => quote!(::errbook::Code::Str("")),
        };
        let name = variant.ident.to_string();
        let status = if input.no_http.is_some() {
            quote!(::errbook::catalog::Status::None)
        } else if variant.fields.iter().any(|f| f.status.is_some()) {
            quote!(::errbook::catalog::Status::Varies)
        } else {
            let code = variant
                .status
                .and_then(|s| u16::try_from(s.value).ok())
                .unwrap_or(500);
            quote!(::errbook::catalog::Status::Fixed(#code))
        };
        let message = option_str(variant.message.as_ref().map(|m| &m.raw));
        let title = option_str(variant.title.as_ref());
        let description = option_str(variant.description.as_ref());
        let fields = variant
            .fields
            .iter()
            .filter(|f| f.source.is_none())
            .filter_map(|f| f.exposed.as_ref().map(|(name, _)| (name, &f.ty)))
            .map(|(name, ty)| {
                let rust_type = type_string(ty);
                quote!(::errbook::__private::FieldInfo {
                    name: #name,
                    rust_type: #rust_type,
                    schema: ::errbook::__field_schema!(#ty),
                })
            });
        let retry_after = match variant.fields.iter().find_map(|f| f.retry_after) {
            Some((RetryUnit::Millis, _)) => quote!(::core::option::Option::Some(
                ::errbook::__private::RetryAfterUnit::Milliseconds
            )),
            Some((RetryUnit::Secs, _)) => quote!(::core::option::Option::Some(
                ::errbook::__private::RetryAfterUnit::Seconds
            )),
            None => quote!(::core::option::Option::None),
        };
        let deprecated = variant.deprecated;
        quote!(::errbook::__private::Item::Entry(::errbook::__private::Entry {
            code: #code,
            variant: #name,
            status: #status,
            message: #message,
            title: #title,
            description: #description,
            fields: &[#(#fields),*],
            retry_after: #retry_after,
            deprecated: #deprecated,
        }))
    });
    quote!(::errbook::Catalog {
        type_name: #type_name,
        description: #description,
        domain: #domain,
        docs: #docs,
        items: &[#(#items),*],
    })
}

/// For a type that nests others with `transparent`: a constant that fails
/// to evaluate, naming the code and both places, when two of its codes
/// (nested ones included) are the same. Generic types cannot be named in a
/// free constant and are checked where they are instantiated, by the type
/// that nests them or by `errbook::assert_unique_codes!`.
fn unique_check(input: &Input) -> TokenStream {
    if input.variants.iter().all(|v| v.transparent.is_none()) || !input.generics.params.is_empty() {
        return TokenStream::new();
    }
    let ident = &input.ident;
    // A large API's check may pass rustc's step budget for constant
    // evaluation, which is a lint for runaway loops; this one is bounded.
    quote_spanned!(ident.span()=>
        #[allow(long_running_const_eval)]
        const _: () = if let ::core::option::Option::Some(__duplicate) =
            ::errbook::__private::duplicate::<
                { ::errbook::__private::count(&[<#ident as ::errbook::ApiError>::CATALOG]) },
            >(&[<#ident as ::errbook::ApiError>::CATALOG])
        {
            ::core::panic!("{}", __duplicate.as_str())
        };
    )
}

/// A type as it reads in source: `Option<u64>`, `&'a str`, `Vec<(u8, String)>`.
fn type_string(ty: &syn::Type) -> String {
    use proc_macro2::TokenTree;
    fn walk(tokens: TokenStream, out: &mut String) {
        let mut prev_word = false;
        for tree in tokens {
            match tree {
                TokenTree::Group(group) => {
                    let (open, close) = match group.delimiter() {
                        proc_macro2::Delimiter::Parenthesis => ("(", ")"),
                        proc_macro2::Delimiter::Bracket => ("[", "]"),
                        proc_macro2::Delimiter::Brace => ("{", "}"),
                        proc_macro2::Delimiter::None => ("", ""),
                    };
                    out.push_str(open);
                    walk(group.stream(), out);
                    out.push_str(close);
                    prev_word = false;
                }
                TokenTree::Punct(punct) => {
                    match punct.as_char() {
                        c @ (',' | ';') => {
                            out.push(c);
                            out.push(' ');
                        }
                        c @ ('+' | '=') => {
                            out.push(' ');
                            out.push(c);
                            out.push(' ');
                        }
                        c => out.push(c),
                    }
                    prev_word = false;
                }
                TokenTree::Ident(ident) => {
                    if prev_word {
                        out.push(' ');
                    }
                    out.push_str(&ident.to_string());
                    prev_word = true;
                }
                TokenTree::Literal(lit) => {
                    if prev_word {
                        out.push(' ');
                    }
                    out.push_str(&lit.to_string());
                    prev_word = true;
                }
            }
        }
    }
    let mut out = String::new();
    walk(quote!(#ty), &mut out);
    out.trim()
        .replace(",  ", ", ")
        .replace(", )", ")")
        .replace(", ]", "]")
}

/// For a format of the user's, whose members the derive cannot know: a
/// constant that fails to evaluate, under the field, when an exposed member
/// is one the format reserves.
fn reserved_checks(input: &Input, format: &TokenStream) -> TokenStream {
    if input.reserved().is_some() {
        return TokenStream::new();
    }
    let checks = input
        .variants
        .iter()
        .filter(|v| v.transparent.is_none())
        .flat_map(|v| &v.fields)
        .filter_map(|f| f.exposed.as_ref())
        .map(|(name, span)| {
            let message = format!(
                "member name `{name}` is reserved by the format `{}`; rename it: `#[api(field = \"…\")]`",
                format.to_string().replace(' ', "")
            );
            quote_spanned!(*span=>
                const _: () = if ::errbook::__private::is_reserved(
                    <#format as ::errbook::Format>::RESERVED,
                    #name,
                ) {
                    ::core::panic!(#message)
                };
            )
        });
    quote!(#(#checks)*)
}

/// One match arm per variant for each generated method.
#[derive(Default)]
struct Arms {
    code: Vec<TokenStream>,
    status: Vec<TokenStream>,
    message: Vec<TokenStream>,
    fields: Vec<TokenStream>,
    retry_after: Vec<TokenStream>,
    source: Vec<TokenStream>,
    description: Vec<TokenStream>,
    title: Vec<TokenStream>,
    domain: Vec<TokenStream>,
    docs: Vec<TokenStream>,
    has_status: Vec<TokenStream>,
}

impl Arms {
    fn push(&mut self, input: &Input, variant: &Variant, bounds: &mut Bounds<'_>) {
        if variant.transparent.is_some() || variant.other.is_some() {
            self.push_transparent(input, variant, bounds);
            return;
        }
        let path = variant_path(input, variant);
        let any = quote!(#path { .. });

        let code = match variant.code.as_ref().map(|c| &c.lit) {
            Some(CodeLit::Int(i)) => quote!(::errbook::Code::Int(#i)),
            Some(CodeLit::Str(s)) => quote!(::errbook::Code::Str(#s)),
            None => quote!(::core::unreachable!()),
        };
        self.code.push(quote!(#any => #code,));
        let description = option_str(variant.description.as_ref());
        self.description.push(quote!(#any => #description,));
        let title = option_str(variant.title.as_ref());
        self.title.push(quote!(#any => #title,));
        let domain = option_str(input.domain.as_ref());
        self.domain.push(quote!(#any => #domain,));
        let docs = option_str(input.docs.as_ref());
        self.docs.push(quote!(#any => #docs,));
        let has_status = input.no_http.is_none();
        self.has_status.push(quote!(#any => #has_status,));

        let (status_pat, status) = status_expr(variant, &path);
        self.status.push(quote!(#status_pat => #status,));
        self.message.push(message_arm(variant, &path, bounds));
        self.fields.push(fields_arm(variant, &path, bounds));
        self.retry_after
            .push(retry_after_arm(variant, &path, bounds));
        self.source.push(source_arm(variant, &path, bounds));
    }

    fn push_transparent(&mut self, input: &Input, variant: &Variant, bounds: &mut Bounds<'_>) {
        let path = variant_path(input, variant);
        let Some(field) = variant.fields.first() else {
            return;
        };
        let pat = pattern(&path, &[field]);
        let binding = field.binding();
        // Every use names the inner type the same way as the catalog does,
        // so an inner type that is not an `ApiError` is one diagnostic.
        let ty = &field.ty;
        // An `other` variant's field is an `errbook::Unknown`, reached
        // through `OtherField` so that any other type is one diagnostic.
        let (api, inner) = if variant.other.is_some() {
            bounds.require(ty, &quote!(::errbook::__private::OtherField));
            (
                quote!(<::errbook::Unknown as ::errbook::ApiError>),
                quote_spanned!(ty.span()=>
                    <#ty as ::errbook::__private::OtherField>::as_unknown(#binding)
                ),
            )
        } else {
            bounds.require(ty, &quote!(::errbook::ApiError));
            (quote!(<#ty as ::errbook::ApiError>), quote!(#binding))
        };
        self.code.push(quote!(#pat => #api::code(#inner),));
        self.status.push(quote!(#pat => #api::status(#inner),));
        self.message
            .push(quote!(#pat => #api::fmt_message(#inner, __formatter),));
        self.fields
            .push(quote!(#pat => #api::visit_fields(#inner, __visitor),));
        self.retry_after
            .push(quote!(#pat => #api::retry_after(#inner),));
        self.source
            .push(quote!(#pat => #api::source_error(#inner),));
        self.description
            .push(quote!(#pat => #api::description(#inner),));
        self.title.push(quote!(#pat => #api::title(#inner),));
        self.domain.push(quote!(#pat => #api::domain(#inner),));
        self.docs.push(quote!(#pat => #api::docs_template(#inner),));
        self.has_status
            .push(quote!(#pat => #api::has_status(#inner),));
    }
}

/// The pattern and expression of a variant's status: a `#[api(status)]`
/// field wins over the literal (the variant's or the container default).
/// A type with `status = none` answers 500 if rendered over HTTP anyway.
fn status_expr(variant: &Variant, path: &TokenStream) -> (TokenStream, TokenStream) {
    if let Some(field) = variant.fields.iter().find(|f| f.status.is_some()) {
        let binding = field.binding();
        let value = quote_spanned!(field.ty.span()=> {
            let __status: ::errbook::__private::StatusCode = *#binding;
            ::errbook::__private::runtime_status(__status)
        });
        return (pattern(path, &[field]), value);
    }
    let code = variant
        .status
        .and_then(|s| u16::try_from(s.value).ok())
        .unwrap_or(500);
    (
        quote!(#path { .. }),
        quote!(::errbook::__private::status(#code)),
    )
}

fn message_arm(variant: &Variant, path: &TokenStream, bounds: &mut Bounds<'_>) -> TokenStream {
    // Declared by the generated signature at the call site; a use spanned on
    // the user's tokens must carry the same hygiene to resolve, inside a
    // `macro_rules!` too.
    let formatter = quote::format_ident!("__formatter");
    let Some(message) = &variant.message else {
        let (pat, status) = status_expr(variant, path);
        return quote!(#pat => __formatter.write_str(::errbook::__private::reason(#status)),);
    };
    let mut used: Vec<&Field> = Vec::new();
    let mut writes = Vec::new();
    for piece in &message.pieces {
        match piece {
            Piece::Text(text) => writes.push(quote!(__formatter.write_str(#text)?;)),
            Piece::Arg { arg, spec } => {
                let Some(field) = lookup(variant, arg) else {
                    continue;
                };
                if !used.iter().any(|f| f.member == field.member) {
                    used.push(field);
                }
                let binding = field.binding();
                bounds.require(&field.ty, &quote!(::core::fmt::Display));
                // A fresh `{}` (or the template's own spec), so the caller's
                // flags on the whole message do not reach the field.
                let fmt = spec
                    .as_ref()
                    .map_or_else(|| "{}".to_owned(), |spec| format!("{{:{spec}}}"));
                writes.push(quote_spanned!(message.span=>
                    ::core::write!(#formatter, #fmt, #binding)?;
                ));
            }
        }
    }
    let pat = pattern(path, &used);
    quote!(#pat => {
        #(#writes)*
        ::core::result::Result::Ok(())
    })
}

fn fields_arm(variant: &Variant, path: &TokenStream, bounds: &mut Bounds<'_>) -> TokenStream {
    let visitor = quote::format_ident!("__visitor");
    let exposed: Vec<&Field> = variant
        .fields
        .iter()
        .filter(|f| f.exposed.is_some() && f.source.is_none())
        .collect();
    let visits: Vec<TokenStream> = exposed
        .iter()
        .map(|field| {
            let binding = field.binding();
            let name = field.exposed.as_ref().map_or("", |(n, _)| n.as_str());
            bounds.require(&field.ty, &quote!(::errbook::__private::Serialize));
            quote_spanned!(field.ty.span()=>
                ::errbook::FieldVisitor::visit(#visitor, #name, #binding)?;
            )
        })
        .collect();
    let pat = pattern(path, &exposed);
    quote!(#pat => {
        #(#visits)*
        ::core::result::Result::Ok(())
    })
}

fn retry_after_arm(variant: &Variant, path: &TokenStream, bounds: &mut Bounds<'_>) -> TokenStream {
    let Some((field, unit)) = variant
        .fields
        .iter()
        .find_map(|f| f.retry_after.map(|(unit, _)| (f, unit)))
    else {
        return quote!(#path { .. } => ::core::option::Option::None,);
    };
    let pat = pattern(path, &[field]);
    let binding = field.binding();
    let unit = match unit {
        RetryUnit::Millis => quote!(::errbook::__private::Unit::Millis),
        RetryUnit::Secs => quote!(::errbook::__private::Unit::Secs),
    };
    bounds.require(&field.ty, &quote!(::errbook::__private::RetryAfter));
    let call = quote_spanned!(field.ty.span()=>
        ::errbook::__private::RetryAfter::retry_after(#binding, #unit)
    );
    quote!(#pat => #call,)
}

fn source_arm(variant: &Variant, path: &TokenStream, bounds: &mut Bounds<'_>) -> TokenStream {
    let Some(field) = variant.fields.iter().find(|f| f.source.is_some()) else {
        return quote!(#path { .. } => ::core::option::Option::None,);
    };
    let pat = pattern(path, &[field]);
    let binding = field.binding();
    bounds.require(&field.ty, &quote!(::std::error::Error + 'static));
    // `(*binding)` starts method lookup at the field's own type, so a
    // `Box<dyn Error>` derefs to `dyn Error` instead of matching `&T`.
    let call = quote_spanned!(field.ty.span()=> {
        use ::errbook::__private::AsDynError as _;
        ::core::option::Option::Some((*#binding).as_dyn_error())
    });
    quote!(#pat => #call,)
}

fn lookup<'v>(variant: &'v Variant, arg: &Arg) -> Option<&'v Field> {
    variant.fields.iter().find(|f| match (&f.member, arg) {
        (syn::Member::Named(ident), Arg::Named(name)) => {
            ident.to_string().trim_start_matches("r#") == name
        }
        (syn::Member::Unnamed(index), Arg::Index(i)) => {
            usize::try_from(index.index).is_ok_and(|index| index == *i)
        }
        _ => false,
    })
}

pub(crate) fn variant_path(input: &Input, variant: &Variant) -> TokenStream {
    match input.shape {
        Shape::Enum => {
            let ident = &variant.ident;
            quote!(Self::#ident)
        }
        Shape::Struct => quote!(Self),
    }
}

/// `Path { member: __field_member, .. }`, binding only `fields`.
fn pattern(path: &TokenStream, fields: &[&Field]) -> TokenStream {
    let bindings = fields.iter().map(|field| {
        let member = &field.member;
        let binding = field.binding();
        quote!(#member: #binding,)
    });
    quote!(#path { #(#bindings)* .. })
}

#[cfg(test)]
mod tests {
    use super::type_string;

    #[test]
    fn types_read_as_in_source() {
        let table: &[(syn::Type, &str)] = &[
            (syn::parse_quote!(u64), "u64"),
            (syn::parse_quote!(Option<u64>), "Option<u64>"),
            (syn::parse_quote!(&'a str), "&'a str"),
            (syn::parse_quote!(Vec<(u8, String)>), "Vec<(u8, String)>"),
            (
                syn::parse_quote!(std::time::Duration),
                "std::time::Duration",
            ),
            (syn::parse_quote!([u8; 4]), "[u8; 4]"),
            (
                syn::parse_quote!(Box<dyn std::error::Error + Send>),
                "Box<dyn std::error::Error + Send>",
            ),
            (
                syn::parse_quote!(HashMap<String, Vec<T>>),
                "HashMap<String, Vec<T>>",
            ),
        ];
        for (ty, expected) in table {
            assert_eq!(type_string(ty), *expected);
        }
    }
}
