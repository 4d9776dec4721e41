//! Compile-time checks the derive cannot make itself: codes unique across
//! nested types, and a user format's reserved member names.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use crate::model::Input;

pub(crate) fn expand(input: &Input) -> TokenStream {
    let format = super::format_type(input);
    let unique = unique_check(input);
    let reserved = reserved_checks(input, &format);
    let renames = rename_checks(input);
    quote! {
        #unique
        #reserved
        #renames
    }
}

/// For each renaming `transparent` variant: a constant that fails to
/// evaluate, under the key, when the inner type's codes cannot be renamed
/// as written (`prefix` over an integer code, codes of a type nested
/// deeper, a variant `codes` names that has no code of its own). The
/// renaming itself never fails: it copies what it cannot rename.
fn rename_checks(input: &Input) -> TokenStream {
    let checks = input.variants.iter().filter_map(|variant| {
        super::renamed(input, variant)?;
        let rename = variant.rename.as_ref()?;
        let ty = &variant.fields.first()?.ty;
        let name = super::type_string(ty);
        let api = super::inner_api(input, variant, ty);
        let inner = quote!(#api::CATALOG);
        let expr = super::rename_expr(rename);
        let (key, span) = rename.key();
        let whole = quote_spanned!(span=>
            const _: () = if let ::core::option::Option::Some(__problem) =
                ::errbook::__private::rename::check(#inner, &#expr, #name, #key)
            {
                ::core::panic!("{}", __problem.as_str())
            };
        );
        let variants = rename.codes.iter().map(|(ident, _, _)| {
            let variant = ident.to_string();
            let variant = variant.trim_start_matches("r#");
            quote_spanned!(ident.span()=>
                const _: () = if let ::core::option::Option::Some(__problem) =
                    ::errbook::__private::rename::check_variant(#inner, #name, #variant)
                {
                    ::core::panic!("{}", __problem.as_str())
                };
            )
        });
        Some(quote!(#whole #(#variants)*))
    });
    quote!(#(#checks)*)
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
            ::errbook::__private::duplicate(&[<#ident as ::errbook::ApiError>::CATALOG])
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
