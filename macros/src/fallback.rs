//! What a derive with mistakes emits besides its errors: every impl the
//! success path would emit (the trait, `Display` under `display`, `Parse`
//! under `parse`, the framework hooks), with the right signatures and no
//! logic, so the user sees their mistakes and not a cascade of "`ApiError`
//! is not implemented", "`Display` is missing" or "`Handler` is not
//! implemented" errors.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::codegen::wrap;

pub(crate) fn expand(input: &DeriveInput, errors: TokenStream) -> TokenStream {
    // A union never implements the trait; a stub would only add an error
    // about its missing `Debug`.
    if let syn::Data::Union(_) = input.data {
        return errors;
    }
    let ident = &input.ident;
    // The trait's `Debug` supertrait, as the real impl states it: a derived
    // `Debug` of a generic type holds only under bounds the stub lacks.
    let mut generics = input.generics.clone();
    let (_, ty_generics, _) = input.generics.split_for_impl();
    let self_ty = quote!(#ident #ty_generics);
    if generics.type_params().next().is_some() || generics.lifetimes().next().is_some() {
        generics
            .make_where_clause()
            .predicates
            .push(syn::parse_quote!(#self_ty: ::core::fmt::Debug));
    }
    let (impl_generics, _, where_clause) = generics.split_for_impl();
    let api = wrap(&quote! {
        impl #impl_generics ::errbook::ApiError for #self_ty #where_clause {
            type Format = ::errbook::format::Nested;

            fn code(&self) -> ::errbook::Code<'_> {
                ::errbook::Code::Str("")
            }

            fn status(&self) -> ::errbook::__private::StatusCode {
                ::errbook::__private::StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    });
    let display = container_flag(input, "display").then(|| {
        wrap(&quote! {
            impl #impl_generics ::core::fmt::Display for #self_ty #where_clause {
                fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::result::Result::Ok(())
                }
            }
        })
    });
    let parse = container_flag(input, "parse").then(|| {
        let parse = wrap(&quote! {
            impl #impl_generics ::errbook::Parse for #self_ty #where_clause {
                fn from_raw(
                    _: &::errbook::__private::RawError<'_>,
                ) -> ::core::result::Result<::core::option::Option<Self>, ::errbook::__private::DecodeErrorKind> {
                    ::core::result::Result::Ok(::core::option::Option::None)
                }
            }
        });
        let inherent = crate::codegen::wrap_inherent(&crate::codegen::decoder::inherent(&quote!(#impl_generics), &self_ty, where_clause));
        quote!(#parse #inherent)
    });
    let predicates = where_clause.map(|w| &w.predicates).into_iter().flatten();
    quote! {
        #errors
        #api
        #display
        #parse
        ::errbook::__integrate! { [#impl_generics] [#self_ty] [#(#predicates,)*] }
    }
}

/// Whether the container's `#[api(…)]` has the bare key `name`, read from
/// the tokens themselves: the attributes may be what failed to parse.
fn container_flag(input: &DeriveInput, name: &str) -> bool {
    input
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("api"))
        .filter_map(|attr| {
            attr.parse_args_with(
                syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated,
            )
            .ok()
        })
        .flatten()
        .any(|meta| matches!(meta, syn::Meta::Path(path) if path.is_ident(name)))
}
