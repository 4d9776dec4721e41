//! Compile-time checks the derive cannot make itself: codes unique across
//! nested types, and a user format's reserved member names.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use crate::model::Input;

pub(crate) fn expand(input: &Input) -> TokenStream {
    let format = super::format_type(input);
    let unique = unique_check(input);
    let reserved = reserved_checks(input, &format);
    quote! {
        #unique
        #reserved
    }
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
                { ::errbook::__private::slots(&[<#ident as ::errbook::ApiError>::CATALOG]) },
            >(&[<#ident as ::errbook::ApiError>::CATALOG])
        {
            ::core::panic!("{}", __duplicate.as_str())
        };
    )
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
