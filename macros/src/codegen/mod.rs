//! Code generation, split by what it writes: the `ApiError` impl
//! ([`api_impl`]), the catalog table ([`catalog`]), the client-side decoder
//! ([`decoder`]), the compile-time checks ([`checks`]) and the `From` impls
//! of `transparent` variants ([`from`]). Every decision
//! that can fail was taken in `model` and `validate`; these files only write
//! tokens.

pub(crate) mod api_impl;
pub(crate) mod catalog;
pub(crate) mod checks;
pub(crate) mod decoder;
pub(crate) mod from;

pub(crate) use catalog::type_string;

use std::fmt::Write as _;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use crate::attr::{CodeLit, FormatValue};
use crate::model::{Field, Input, NoneAs, Rename, RetryUnit, Shape, Variant};

/// Everything a derive without mistakes emits.
pub(crate) fn expand(input: &Input) -> TokenStream {
    let api_impl = api_impl::expand(input);
    let checks = checks::expand(input);
    let decoder = decoder::expand(input);
    let from = from::expand(input);
    quote! {
        #api_impl
        #checks
        #decoder
        #from
    }
}

/// Puts the attributes every generated trait impl carries on `item`.
pub(crate) fn wrap(item: &TokenStream) -> TokenStream {
    quote! {
        #[automatically_derived]
        #[allow(deprecated, unused_qualifications, clippy::used_underscore_binding)]
        #item
    }
}

/// Puts the attributes every generated inherent impl carries on `item`:
/// those of [`wrap`] but `#[automatically_derived]`, which rustc takes on
/// trait impls only.
pub(crate) fn wrap_inherent(item: &TokenStream) -> TokenStream {
    quote! {
        #[allow(deprecated, unused_qualifications, clippy::used_underscore_binding)]
        #item
    }
}

/// `Self::Variant`, or `Self` for a struct.
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
pub(crate) fn pattern(path: &TokenStream, fields: &[&Field]) -> TokenStream {
    let bindings = fields.iter().map(|field| {
        let member = &field.member;
        let binding = field.binding();
        quote!(#member: #binding,)
    });
    quote!(#path { #(#bindings)* .. })
}

/// The field's own choice of how `None` is written, as an
/// `Option<errbook::format::NoneAs>`.
pub(crate) fn none_as(field: &Field) -> TokenStream {
    match field.none {
        None => quote!(::core::option::Option::None),
        Some((NoneAs::Omit, _)) => {
            quote!(::core::option::Option::Some(
                ::errbook::format::NoneAs::Omit
            ))
        }
        Some((NoneAs::Null, _)) => {
            quote!(::core::option::Option::Some(
                ::errbook::format::NoneAs::Null
            ))
        }
    }
}

/// The unit a `Duration` field's member is written in: its `retry_after`
/// unit, seconds without one.
pub(crate) fn duration_unit(field: &Field) -> TokenStream {
    catalog::retry_unit(field.retry_after.map_or(RetryUnit::Secs, |(unit, _)| unit))
}

/// The visit of an exposed field whose type may be `Duration`: the value
/// the runtime's probe gives, a number when the type is `Duration`, the
/// field as it is otherwise.
pub(crate) fn duration_visit(field: &Field, name: &str) -> TokenStream {
    let binding = field.binding();
    let unit = duration_unit(field);
    let value = quote!(&(&::errbook::__private::Member(#binding, #unit)).errbook_value());
    let visit = if field.option {
        let none = none_as(field);
        quote!(::errbook::__private::visit_option_value(__visitor, #name, #value, #none)?;)
    } else {
        quote!(::errbook::FieldVisitor::visit(__visitor, #name, #value)?;)
    };
    quote_spanned!(field.ty.span()=> {
        #[allow(unused_imports)]
        use ::errbook::__private::{DurationValue as _, PlainValue as _};
        #visit
    })
}

/// The read of an exposed field whose type may be `Duration` (`present`:
/// `None` when the body lacks the member), through the runtime's probe.
pub(crate) fn duration_read(field: &Field, name: &str, present: bool) -> TokenStream {
    let ty = &field.ty;
    let unit = duration_unit(field);
    let method = if present {
        format_ident!("errbook_member_present")
    } else {
        format_ident!("errbook_member")
    };
    quote_spanned!(ty.span()=> {
        #[allow(unused_imports)]
        use ::errbook::__private::{ReadDuration as _, ReadPlain as _};
        (&::errbook::__private::ReadMember::<#ty>::new(#unit)).#method(__raw, #name)?
    })
}

/// The type's default format.
pub(crate) fn format_type(input: &Input) -> TokenStream {
    match &input.format {
        FormatValue::Builtin((_, ty, _)) => {
            let ty = format_ident!("{}", ty);
            quote!(::errbook::format::#ty)
        }
        FormatValue::Custom(path) => quote!(#path),
    }
}

/// Each variant with the index of its catalog item when it is an entry of
/// its own (the variant's position: every variant is one item), `None` for
/// a delegating variant (its item is the inner type's catalog).
pub(crate) fn entry_indices(input: &Input) -> impl Iterator<Item = (&Variant, Option<usize>)> {
    input
        .variants
        .iter()
        .enumerate()
        .map(|(index, variant)| (variant, (!variant.delegates()).then_some(index)))
}

/// The names of the inherent items holding a renaming `transparent`
/// variant's renamed codes (`catalog::renamed_items` writes them).
pub(crate) struct Renamed {
    pub(crate) rename: Ident,
    pub(crate) text: Ident,
    pub(crate) words: Ident,
    pub(crate) table: Ident,
    pub(crate) catalog: Ident,
    pub(crate) catalog_fn: Ident,
}

/// The items of `variant`'s renamed codes, when it is a `transparent`
/// variant with `prefix`, `rename_all` or `codes`.
pub(crate) fn renamed(input: &Input, variant: &Variant) -> Option<Renamed> {
    variant.transparent?;
    variant.rename.as_ref()?;
    let index = input
        .variants
        .iter()
        .position(|v| core::ptr::eq(v, variant))?;
    Some(Renamed {
        rename: format_ident!("__ERRBOOK_RENAME_{}", index),
        text: format_ident!("__ERRBOOK_RENAMED_TEXT_{}", index),
        words: format_ident!("__ERRBOOK_RENAMED_WORDS_{}", index),
        table: format_ident!("__ERRBOOK_RENAMED_TABLE_{}", index),
        catalog: format_ident!("__ERRBOOK_RENAMED_CATALOG_{}", index),
        catalog_fn: format_ident!("__errbook_renamed_catalog_{}", index),
    })
}

/// `::errbook::__private::Rename::new(prefix, case, codes)`: the renaming
/// as the runtime's constant functions read it.
pub(crate) fn rename_expr(rename: &Rename) -> TokenStream {
    let prefix = rename.prefix.as_ref().map_or("", |(p, _)| p.as_str());
    let case = if let Some((rule, _)) = rename.rule {
        let case = format_ident!("{}", format!("{rule:?}"));
        quote!(::core::option::Option::Some(::errbook::__private::Case::#case))
    } else {
        quote!(::core::option::Option::None)
    };
    let codes = rename.codes.iter().map(|(ident, code, _)| {
        let name = ident.to_string();
        let name = name.trim_start_matches("r#");
        let code = match code {
            CodeLit::Str(text) => quote!(::errbook::__private::Code::Str(#text)),
            CodeLit::Int(value) => {
                let value = proc_macro2::Literal::i64_suffixed(*value);
                quote!(::errbook::__private::Code::Int(#value))
            }
        };
        quote!((#name, #code))
    });
    quote!(::errbook::__private::Rename::new(#prefix, #case, &[#(#codes),*]))
}

/// A delegating variant: its pattern (binding the field), the `ApiError`
/// it delegates to, and the expression of the inner error.
pub(crate) struct Delegate {
    pub(crate) pat: TokenStream,
    pub(crate) api: TokenStream,
    pub(crate) inner: TokenStream,
}

/// The error a `transparent` variant wraps (of type `ty`), as generated
/// code names it: through `errbook::bounds::TransparentField`, or
/// `ParseTransparent` when the variant is decoded, the same way everywhere
/// (catalog, methods, decoder), so that an inner type that is not such an
/// error is one diagnostic. A decoded inner type that mentions the type's
/// parameters is asked `ApiError` here and `Parse` by the decoder's bounds.
pub(crate) fn inner_api(input: &Input, variant: &Variant, ty: &syn::Type) -> TokenStream {
    if input.parse.is_some()
        && variant.skip_parse.is_none()
        && !crate::generics::mentions_params(ty, &input.generics)
    {
        quote!(<#ty as ::errbook::bounds::ParseTransparent>)
    } else {
        quote!(<#ty as ::errbook::bounds::TransparentField>)
    }
}

/// The delegation of a `transparent` or `other` variant. The inner type is
/// named the same way everywhere ([`inner_api`]), so an inner type that is
/// not an `ApiError` is one diagnostic; an `other` field is reached
/// through `OtherField`, so any type but `Unknown` is one diagnostic too.
pub(crate) fn delegate(input: &Input, variant: &Variant) -> Option<Delegate> {
    let field = variant.fields.first()?;
    let path = variant_path(input, variant);
    let pat = pattern(&path, &[field]);
    let binding = field.binding();
    let ty = &field.ty;
    Some(if variant.other.is_some() {
        Delegate {
            pat,
            api: quote!(<::errbook::Unknown as ::errbook::bounds::TransparentField>),
            inner: quote::quote_spanned!(syn::spanned::Spanned::span(ty)=>
                <#ty as ::errbook::bounds::OtherField>::__as_unknown(#binding)
            ),
        }
    } else {
        Delegate {
            pat,
            api: inner_api(input, variant, ty),
            inner: quote!(#binding),
        }
    })
}

/// A string as the inside of a JSON string literal, escaped as
/// `serde_json` escapes it.
pub(crate) fn json_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::json_escape;

    /// What `serde_json::to_string` writes between the quotes (the runtime's
    /// tests compare the entries' JSON with `serde_json` itself).
    #[test]
    fn json_escapes_as_serde_json_does() {
        let table: &[(&str, &str)] = &[
            ("plain", "plain"),
            ("quote \" and \\ backslash", "quote \\\" and \\\\ backslash"),
            ("lines\nand\ttabs\r", "lines\\nand\\ttabs\\r"),
            ("\u{1}\u{8}\u{c}\u{1f}\u{7f}", "\\u0001\\b\\f\\u001f\u{7f}"),
            ("unicode é 日本 🎉 / slash", "unicode é 日本 🎉 / slash"),
        ];
        for (text, expected) in table {
            assert_eq!(json_escape(text), *expected, "{text:?}");
        }
    }
}
