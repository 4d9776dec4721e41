//! `From<Inner>` for each `transparent` variant that gets one
//! ([`Input::conversions`]), so that `?` wraps the inner error; and
//! `From<errbook::Violations>` for the variant whose only field is
//! `#[api(violations)]` ([`Input::violations_conversions`]), so that `?`
//! turns a validator's errors into it.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::Type;

use super::{variant_path, wrap};
use crate::generics::may_unify;
use crate::model::Input;

/// The impls, each spanned on its `transparent` key (where rustc reports a
/// hand-written impl it conflicts with). After a mistake the derive may
/// not have refused yet, a type already converted from is left out: its
/// error is the derive's, not a conflict of impls.
pub(crate) fn expand(input: &Input) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let mut written: Vec<&Type> = input
        .thiserror_conversions()
        .map(|(_, field)| &field.ty)
        .collect();
    let mut impls = TokenStream::new();
    for (variant, field) in input.conversions() {
        let ty = &field.ty;
        if written
            .iter()
            .any(|seen| may_unify(seen, ty, &input.generics))
        {
            continue;
        }
        written.push(ty);
        let path = variant_path(input, variant);
        let member = &field.member;
        let span = variant
            .transparent
            .unwrap_or_else(proc_macro2::Span::call_site);
        impls.extend(wrap(&quote_spanned! {span=>
            impl #impl_generics ::core::convert::From<#ty> for #ident #ty_generics #where_clause {
                #[inline]
                fn from(__source: #ty) -> Self {
                    #path { #member: __source }
                }
            }
        }));
    }
    impls.extend(violations(input, &written));
    quote!(#impls)
}

/// `From<errbook::Violations>`, spanned on the `violations` key; none after
/// a mistake the derive refuses (a second such variant, thiserror's
/// `#[from]` of a `Violations`).
fn violations(input: &Input, written: &[&Type]) -> TokenStream {
    let Some((variant, field)) = input.violations_conversions().next() else {
        return TokenStream::new();
    };
    let thiserror_writes_it = written.iter().any(|ty| {
        matches!(ty, Type::Path(path) if path.path.segments.last().is_some_and(|last| last.ident == "Violations"))
    });
    if thiserror_writes_it {
        return TokenStream::new();
    }
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let path = variant_path(input, variant);
    let member = &field.member;
    let ty = &field.ty;
    let span = field
        .violations
        .unwrap_or_else(proc_macro2::Span::call_site);
    wrap(&quote_spanned! {span=>
        impl #impl_generics ::core::convert::From<::errbook::Violations> for #ident #ty_generics #where_clause {
            #[inline]
            fn from(__source: ::errbook::Violations) -> Self {
                #path {
                    #member: <#ty as ::errbook::__private::ViolationsField>::from_read(
                        ::core::option::Option::Some(__source),
                    ),
                }
            }
        }
    })
}
