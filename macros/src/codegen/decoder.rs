//! The client-side decoder of `#[api(parse)]`: `errbook::Parse` and the
//! inherent `from_response` / `from_parts`. The body's code (or status and
//! fixed message) is looked up in the catalog's entries at run time; the
//! generated code only builds the variant of the entry found.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::{catalog::retry_unit, entry_indices, variant_path, wrap};
use crate::generics::Bounds;
use crate::model::{FieldDefault, Input, RetryUnit, Variant};

pub(crate) fn expand(input: &Input) -> TokenStream {
    if input.parse.is_none() {
        return TokenStream::new();
    }
    let ident = &input.ident;
    let (_, ty_generics, _) = input.generics.split_for_impl();
    let self_ty = quote!(#ident #ty_generics);
    let mut bounds = Bounds::new(&input.generics);

    let mut found = Vec::new();
    let mut skip = Vec::new();
    let mut nested = Vec::new();
    let mut other = None;
    for (variant, index) in entry_indices(input) {
        let path = variant_path(input, variant);
        if variant.other.is_some() {
            let Some(field) = variant.fields.first() else {
                continue;
            };
            let (ty, member) = (&field.ty, &field.member);
            bounds.require(ty, &quote!(::errbook::bounds::OtherField));
            let unknown = quote_spanned!(ty.span()=>
                <#ty as ::errbook::bounds::OtherField>::__from_unknown(
                    ::errbook::Unknown::from_raw(__raw)
                )
            );
            other = Some(quote!(
                return ::core::result::Result::Ok(::core::option::Option::Some(
                    #path { #member: #unknown }
                ));
            ));
            continue;
        }
        if variant.transparent.is_some() {
            if variant.skip_parse.is_some() {
                continue;
            }
            let Some(field) = variant.fields.first() else {
                continue;
            };
            let ty = &field.ty;
            bounds.require(ty, &quote!(::errbook::Parse));
            let member = &field.member;
            // The inner decoder, named as every other use of the inner type
            // names it, or, for an inner type that mentions the type's
            // parameters, through the bound just required.
            let decode = if crate::generics::mentions_params(ty, &input.generics) {
                quote!(<#ty as ::errbook::Parse>::from_raw)
            } else {
                let api = super::inner_api(input, variant, ty);
                quote!(#api::__from_raw)
            };
            // A renamed code is taken back to the inner type's own first.
            let read = if let Some(super::Renamed { table, .. }) = super::renamed(input, variant) {
                quote!(::errbook::__private::rename::from_raw(&Self::#table, __raw, #decode)?)
            } else {
                quote!(#decode(__raw)?)
            };
            nested.push(quote!(
                if let ::core::option::Option::Some(__inner) = #read
                {
                    return ::core::result::Result::Ok(::core::option::Option::Some(
                        #path { #member: __inner }
                    ));
                }
            ));
            continue;
        }
        let Some(index) = index else { continue };
        if variant.skip_parse.is_some() {
            skip.push(index);
            continue;
        }
        let build = construct(variant, &path, &mut bounds);
        found.push(quote!(#index => #build,));
    }
    let lookup = (!found.is_empty()).then(|| {
        // One `return` for every arm: the arms are the variants' values.
        let lookup = quote! {
            if let ::core::option::Option::Some(__index) = ::errbook::__private::find_entry_of::<Self>(
                &[#(#skip),*],
                __raw,
            ) {
                '__found: {
                    let __value = match __index {
                        #(#found)*
                        _ => break '__found,
                    };
                    return ::core::result::Result::Ok(::core::option::Option::Some(__value));
                }
            }
        };
        if other.is_none() {
            return lookup;
        }
        // A known code whose body lacks a member the variant needs goes to
        // `other`, kept whole, like a code the client does not know.
        quote! {
            let __known = || -> ::core::result::Result<
                ::core::option::Option<Self>,
                ::errbook::__private::DecodeErrorKind,
            > {
                #lookup
                ::core::result::Result::Ok(::core::option::Option::None)
            };
            match __known() {
                ::core::result::Result::Ok(::core::option::Option::None)
                | ::core::result::Result::Err(
                    ::errbook::__private::DecodeErrorKind::MissingMember { .. },
                ) => {}
                __decoded => return __decoded,
            }
        }
    });
    let other =
        other.unwrap_or_else(|| quote!(::core::result::Result::Ok(::core::option::Option::None)));
    let generics = bounds.finish(&self_ty);
    let (impl_generics, _, where_clause) = generics.split_for_impl();

    let parse_impl = wrap(&quote! {
        impl #impl_generics ::errbook::Parse for #self_ty #where_clause {
            fn from_raw(
                __raw: &::errbook::__private::RawError<'_>,
            ) -> ::core::result::Result<::core::option::Option<Self>, ::errbook::__private::DecodeErrorKind> {
                #lookup
                #(#nested)*
                #other
            }
        }
    });
    let inherent = super::wrap_inherent(&inherent(&quote!(#impl_generics), &self_ty, where_clause));
    quote! {
        #parse_impl
        #inherent
    }
}

/// The inherent `from_response` and `from_parts`, which need no import.
pub(crate) fn inherent(
    impl_generics: &TokenStream,
    self_ty: &TokenStream,
    where_clause: Option<&syn::WhereClause>,
) -> TokenStream {
    quote! {
        impl #impl_generics #self_ty #where_clause {
            /// Reads an error response back into this type, in its own
            /// format (`#[api(parse)]`).
            pub fn from_response<__B: ::core::convert::AsRef<[::core::primitive::u8]>>(
                response: &::errbook::http::Response<__B>,
            ) -> ::core::result::Result<Self, ::errbook::decode::DecodeError> {
                <Self as ::errbook::Parse>::from_response(response)
            }

            /// Reads an error response's status, headers and body back into
            /// this type, in its own format (`#[api(parse)]`).
            pub fn from_parts(
                status: ::errbook::http::StatusCode,
                headers: &::errbook::http::HeaderMap,
                body: &[::core::primitive::u8],
            ) -> ::core::result::Result<Self, ::errbook::decode::DecodeError> {
                <Self as ::errbook::Parse>::from_parts(status, headers, body)
            }
        }
    }
}

/// `Path { member: value, … }`, each field rebuilt from the response.
fn construct(variant: &Variant, path: &TokenStream, bounds: &mut Bounds<'_>) -> TokenStream {
    let whole_message = variant.message_field().map(|f| f.member.clone());
    let fields = variant.fields.iter().map(|field| {
        let member = &field.member;
        let ty = &field.ty;
        let span = ty.span();
        let value = if field.status.is_some() {
            quote_spanned!(span=> __raw.status())
        } else if field.violations.is_some() {
            quote_spanned!(span=> ::errbook::__private::read_violations::<#ty>(__raw)?)
        } else if let Some((name, _)) = &field.exposed {
            bounds.require(ty, &quote!(::errbook::bounds::ParseMember));
            // A missing member reads as `null`: `None` for an `Option`,
            // `MissingMember` for the rest.
            let absent = if let Some((default, _)) = &field.default {
                default_value(ty, default, bounds)
            } else if field.duration {
                super::duration_read(field, name, false)
            } else {
                quote_spanned!(span=>
                    <#ty as ::errbook::bounds::ParseMember>::__member(__raw, #name)?
                )
            };
            let absent = match field.retry_after {
                Some((unit, _)) => retry_value(ty, unit, &absent, bounds),
                None => absent,
            };
            if field.default.is_none() && field.retry_after.is_none() {
                absent
            } else {
                let present = if field.duration {
                    super::duration_read(field, name, true)
                } else {
                    quote_spanned!(span=>
                        <#ty as ::errbook::bounds::ParseMember>::__member_present(__raw, #name)?
                    )
                };
                quote_spanned!(span=>
                    match #present {
                        ::core::option::Option::Some(__value) => __value,
                        ::core::option::Option::None => #absent,
                    }
                )
            }
        } else if whole_message.as_ref() == Some(member) {
            bounds.require(ty, &quote!(::errbook::bounds::ParseMember));
            quote_spanned!(span=> <#ty as ::errbook::bounds::ParseMember>::__message(__raw)?)
        } else {
            let default = match &field.default {
                Some((default, _)) => default_value(ty, default, bounds),
                None => default_value(ty, &FieldDefault::Trait, bounds),
            };
            match field.retry_after {
                Some((unit, _)) => retry_value(ty, unit, &default, bounds),
                None => default,
            }
        };
        quote!(#member: #value,)
    });
    quote!(#path { #(#fields)* })
}

/// The value of a field the response does not carry.
fn default_value(ty: &syn::Type, default: &FieldDefault, bounds: &mut Bounds<'_>) -> TokenStream {
    match default {
        FieldDefault::Trait => {
            bounds.require(ty, &quote!(::errbook::bounds::ParseDefault));
            quote_spanned!(ty.span()=>
                <#ty as ::errbook::bounds::ParseDefault>::__parse_default()
            )
        }
        FieldDefault::Path(path) => {
            let span = path.span();
            quote_spanned!(span=> {
                let __default: #ty = #path();
                __default
            })
        }
    }
}

/// The body's member, when present, is exact; a `Retry-After` header
/// (whole seconds) stands in for it when the body has none, and the default
/// when neither is there.
fn retry_value(
    ty: &syn::Type,
    unit: RetryUnit,
    otherwise: &TokenStream,
    bounds: &mut Bounds<'_>,
) -> TokenStream {
    bounds.require(ty, &quote!(::errbook::__private::FromRetryAfter));
    let unit = retry_unit(unit);
    quote_spanned!(ty.span()=>
        match __raw.retry_after() {
            ::core::option::Option::Some(__delay) => {
                <#ty as ::errbook::__private::FromRetryAfter>::from_retry_after(__delay, #unit)
            }
            ::core::option::Option::None => #otherwise,
        }
    )
}
