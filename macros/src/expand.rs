//! Code generation. Every decision that can fail was taken in `ast` and
//! `valid`; this file only writes tokens.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::DeriveInput;

use crate::ast::{Field, Input, RetryUnit, Shape, Variant};
use crate::attr::CodeLit;
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
    let Arms {
        code,
        status,
        message,
        fields,
        retry_after,
        source,
        description,
    } = arms;
    let matcher = |arms: &[TokenStream]| {
        if arms.is_empty() {
            quote!(match *self {})
        } else {
            quote!(match self { #(#arms)* })
        }
    };
    let code = matcher(&code);
    let status = matcher(&status);
    let message = matcher(&message);
    let fields = matcher(&fields);
    let retry_after = matcher(&retry_after);
    let source = matcher(&source);
    let description = matcher(&description);

    wrap(&quote! {
        impl #impl_generics ::errbook::ApiError for #self_ty #where_clause {
            type Format = ::errbook::format::Nested;

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

            fn description(&self) -> ::core::option::Option<&'static str> {
                #description
            }
        }
    })
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
}

impl Arms {
    fn push(&mut self, input: &Input, variant: &Variant, bounds: &mut Bounds<'_>) {
        let description = match &variant.description {
            Some(doc) => quote!(::core::option::Option::Some(#doc)),
            None => quote!(::core::option::Option::None),
        };
        if variant.transparent.is_some() {
            self.push_transparent(input, variant, bounds);
            return;
        }

        let code = match variant.code.as_ref().map(|c| &c.lit) {
            Some(CodeLit::Int(i)) => quote!(::errbook::Code::Int(#i)),
            Some(CodeLit::Str(s)) => quote!(::errbook::Code::Str(#s)),
            None => quote!(::core::unreachable!()),
        };
        let path = variant_path(input, variant);
        self.code.push(quote!(#path { .. } => #code,));
        self.description.push(quote!(#path { .. } => #description,));

        // Status: a `#[api(status)]` field wins over the container default.
        let status_field = variant.fields.iter().find(|f| f.status.is_some());
        self.status.push(match (status_field, &variant.status) {
            (Some(field), _) => {
                let pat = pattern(&path, &[field]);
                let binding = field.binding();
                let value = quote_spanned!(field.ty_span()=> {
                    let __status: ::errbook::__private::StatusCode = *#binding;
                    ::errbook::__private::runtime_status(__status)
                });
                quote!(#pat => #value,)
            }
            (None, Some(status)) => {
                let value = u16::try_from(status.value).unwrap_or(500);
                quote!(#path { .. } => ::errbook::__private::status(#value),)
            }
            (None, None) => quote!(#path { .. } => ::core::unreachable!(),),
        });

        self.message.push(message_arm(variant, &path, bounds));

        let exposed: Vec<&Field> = variant
            .fields
            .iter()
            .filter(|f| f.exposed.is_some() && f.source.is_none())
            .collect();
        let visits = exposed.iter().map(|field| {
            let binding = field.binding();
            let name = field.exposed.as_ref().map_or(String::new(), |(n, _)| n.clone());
            bounds.require(&field.ty, &quote!(::errbook::__private::Serialize));
            quote_spanned!(field.ty_span()=> ::errbook::FieldVisitor::visit(__visitor, #name, #binding)?;)
        });
        let visits: Vec<TokenStream> = visits.collect();
        let pat = pattern(&path, &exposed);
        self.fields.push(quote!(#pat => {
            #(#visits)*
            ::core::result::Result::Ok(())
        }));

        self.retry_after.push(
            match variant.fields.iter().find(|f| f.retry_after.is_some()) {
                Some(field) => {
                    let pat = pattern(&path, &[field]);
                    let binding = field.binding();
                    let unit = match field.retry_after.map(|r| r.0) {
                        Some(RetryUnit::Millis) => quote!(::errbook::__private::Unit::Millis),
                        _ => quote!(::errbook::__private::Unit::Secs),
                    };
                    bounds.require(&field.ty, &quote!(::errbook::__private::RetryAfter));
                    let call = quote_spanned!(field.ty_span()=>
                        ::errbook::__private::RetryAfter::retry_after(#binding, #unit)
                    );
                    quote!(#pat => #call,)
                }
                None => quote!(#path { .. } => ::core::option::Option::None,),
            },
        );

        self.source
            .push(match variant.fields.iter().find(|f| f.source.is_some()) {
                Some(field) => {
                    let pat = pattern(&path, &[field]);
                    let binding = field.binding();
                    bounds.require(&field.ty, &quote!(::std::error::Error + 'static));
                    let call = quote_spanned!(field.ty_span()=> {
                        use ::errbook::__private::AsDynError as _;
                        ::core::option::Option::Some((*#binding).as_dyn_error())
                    });
                    quote!(#pat => #call,)
                }
                None => quote!(#path { .. } => ::core::option::Option::None,),
            });
    }

    fn push_transparent(&mut self, input: &Input, variant: &Variant, bounds: &mut Bounds<'_>) {
        let path = variant_path(input, variant);
        let Some(field) = variant.fields.first() else {
            return;
        };
        bounds.require(&field.ty, &quote!(::errbook::ApiError));
        let pat = pattern(&path, &[field]);
        let inner = field.binding();
        let trait_path = quote_spanned!(field.ty_span()=> ::errbook::ApiError);
        self.code.push(quote!(#pat => #trait_path::code(#inner),));
        self.status
            .push(quote!(#pat => #trait_path::status(#inner),));
        self.message
            .push(quote!(#pat => #trait_path::fmt_message(#inner, __formatter),));
        self.fields
            .push(quote!(#pat => #trait_path::visit_fields(#inner, __visitor),));
        self.retry_after
            .push(quote!(#pat => #trait_path::retry_after(#inner),));
        self.source
            .push(quote!(#pat => #trait_path::source_error(#inner),));
        self.description
            .push(quote!(#pat => #trait_path::description(#inner),));
    }
}

fn message_arm(variant: &Variant, path: &TokenStream, bounds: &mut Bounds<'_>) -> TokenStream {
    let Some(message) = &variant.message else {
        return quote!(#path { .. } => __formatter.write_str(
            ::errbook::__private::reason(::errbook::ApiError::status(self))
        ),);
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
                writes.push(match spec {
                    // A fresh `{}` so the caller's flags on the whole
                    // message do not reach the field.
                    None => quote_spanned!(message.span=>
                        ::core::write!(__formatter, "{}", #binding)?;
                    ),
                    Some(spec) => {
                        let fmt = format!("{{:{spec}}}");
                        quote_spanned!(message.span=>
                            ::core::write!(__formatter, #fmt, #binding)?;
                        )
                    }
                });
            }
        }
    }
    let pat = pattern(path, &used);
    quote!(#pat => {
        #(#writes)*
        ::core::result::Result::Ok(())
    })
}

fn lookup<'v>(variant: &'v Variant, arg: &Arg) -> Option<&'v Field> {
    variant.fields.iter().find(|f| match (&f.member, arg) {
        (syn::Member::Named(ident), Arg::Named(name)) => {
            ident.to_string().trim_start_matches("r#") == name
        }
        (syn::Member::Unnamed(index), Arg::Index(i)) => index.index as usize == *i,
        _ => false,
    })
}

fn variant_path(input: &Input, variant: &Variant) -> TokenStream {
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

impl Field {
    /// Where rustc's type errors about this field should point.
    fn ty_span(&self) -> Span {
        use syn::spanned::Spanned;
        self.ty.span()
    }
}
