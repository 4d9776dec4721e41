//! What a derive with mistakes emits besides its errors: an impl with the
//! right signatures and no logic, so the user sees their mistakes and not a
//! cascade of "`ApiError` is not implemented" errors.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::expand::wrap;

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
    if generics.type_params().next().is_some() {
        let (_, ty_generics, _) = input.generics.split_for_impl();
        generics
            .make_where_clause()
            .predicates
            .push(syn::parse_quote!(#ident #ty_generics: ::core::fmt::Debug));
    }
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let body = quote! {
        impl #impl_generics ::errbook::ApiError for #ident #ty_generics #where_clause {
            type Format = ::errbook::format::Nested;

            fn code(&self) -> ::errbook::Code<'_> {
                ::core::unreachable!()
            }

            fn status(&self) -> ::errbook::__private::StatusCode {
                ::core::unreachable!()
            }

            fn fmt_message(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::unreachable!()
            }

            fn visit_fields<__V: ::errbook::FieldVisitor + ?::core::marker::Sized>(
                &self,
                _: &mut __V,
            ) -> ::core::result::Result<(), __V::Error> {
                ::core::unreachable!()
            }
        }
    };
    let wrapped = wrap(&body);
    quote! {
        #errors
        #wrapped
    }
}
