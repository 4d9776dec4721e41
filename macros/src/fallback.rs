//! What a derive with mistakes emits besides its errors: an impl with the
//! right signatures and no logic, so the user sees their mistakes and not a
//! cascade of "`ApiError` is not implemented" errors.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::expand::wrap;

pub(crate) fn expand(input: &DeriveInput, errors: TokenStream) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
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
