//! The client-side decoder of `#[api(parse)]`: `errbook::Parse` and the
//! inherent `from_response` / `from_parts`.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::ast::{Field, Input, RetryUnit, Variant};
use crate::attr::CodeLit;
use crate::expand::{variant_path, wrap};
use crate::generics::Bounds;
use crate::template::Piece;

pub(crate) fn expand(input: &Input) -> TokenStream {
    if input.parse.is_none() {
        return TokenStream::new();
    }
    let ident = &input.ident;
    let (_, ty_generics, _) = input.generics.split_for_impl();
    let self_ty = quote!(#ident #ty_generics);
    let mut bounds = Bounds::new(&input.generics);

    let mut by_code = Vec::new();
    let mut by_message = Vec::new();
    let mut nested = Vec::new();
    let mut other = None;
    for variant in &input.variants {
        let path = variant_path(input, variant);
        if variant.other.is_some() {
            let Some(field) = variant.fields.first() else {
                continue;
            };
            let (ty, member) = (&field.ty, &field.member);
            bounds.require(ty, &quote!(::errbook::__private::OtherField));
            let unknown = quote_spanned!(ty.span()=>
                <#ty as ::errbook::__private::OtherField>::from_unknown(
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
        if variant.skip_parse.is_some() {
            continue;
        }
        if variant.transparent.is_some() {
            let Some(field) = variant.fields.first() else {
                continue;
            };
            let ty = &field.ty;
            bounds.require(ty, &quote!(::errbook::Parse));
            let member = &field.member;
            nested.push(quote!(
                if let ::core::option::Option::Some(__inner) =
                    <#ty as ::errbook::Parse>::from_raw(__raw)?
                {
                    return ::core::result::Result::Ok(::core::option::Option::Some(
                        #path { #member: __inner }
                    ));
                }
            ));
            continue;
        }
        let build = construct(variant, &path, &mut bounds);
        // The code and the aliases, as a pattern of one `match` on the code
        // (`Code::Str("A" | "B") | Code::Int(1)`): compiled in the user's
        // crate, a string code is compared where it is matched, without a
        // call.
        let (mut strs, mut ints) = (Vec::new(), Vec::new());
        for code in variant
            .code
            .iter()
            .map(|code| &code.lit)
            .chain(variant.aliases.iter().map(|(alias, _)| alias))
        {
            match code {
                CodeLit::Str(code) => strs.push(quote!(#code)),
                CodeLit::Int(code) => ints.push(quote!(#code)),
            }
        }
        let mut pattern = Vec::new();
        if !strs.is_empty() {
            pattern.push(quote!(::errbook::Code::Str(#(#strs)|*)));
        }
        if !ints.is_empty() {
            pattern.push(quote!(::errbook::Code::Int(#(#ints)|*)));
        }
        if !pattern.is_empty() {
            by_code.push(quote!(
                #(#pattern)|* => {
                    return ::core::result::Result::Ok(::core::option::Option::Some(#build));
                }
            ));
        }
        // A body without a code (FastAPI's `detail`) is matched by its
        // status and its message, for variants whose message is fixed: a
        // template without placeholders, or no template (the status's
        // reason phrase).
        let status_field = variant.fields.iter().any(|f| f.status.is_some());
        if let (Some(status), false) = (variant.status, status_field) {
            let status = u16::try_from(status.value).unwrap_or(500);
            let text = if variant.message.is_none() {
                Some(quote!(::errbook::__private::reason(::errbook::__private::status(#status))))
            } else {
                static_message(variant).map(|text| quote!(#text))
            };
            if let Some(text) = text {
                by_message.push(quote!(
                    if __raw.status() == #status
                        && __raw.message() == ::core::option::Option::Some(#text)
                    {
                        return ::core::result::Result::Ok(::core::option::Option::Some(#build));
                    }
                ));
            }
        }
    }
    let other =
        other.unwrap_or_else(|| quote!(::core::result::Result::Ok(::core::option::Option::None)));
    let generics = bounds.finish(&self_ty);
    let (impl_generics, _, where_clause) = generics.split_for_impl();

    let parse_impl = wrap(&quote! {
        impl #impl_generics ::errbook::Parse for #self_ty #where_clause {
            fn from_raw(
                __raw: &::errbook::__private::RawError<'_>,
            ) -> ::core::result::Result<::core::option::Option<Self>, ::errbook::__private::DecodeErrorKind> {
                match __raw.code() {
                    ::core::option::Option::Some(__code) => {
                        #[allow(unreachable_patterns)]
                        match __code {
                            #(#by_code)*
                            _ => {}
                        }
                    }
                    ::core::option::Option::None => {
                        #(#by_message)*
                    }
                }
                #(#nested)*
                #other
            }
        }
    });
    let inherent = wrap(&quote! {
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
    });
    quote! {
        #parse_impl
        #inherent
    }
}

/// The message of a variant whose template has no placeholder.
fn static_message(variant: &Variant) -> Option<String> {
    let message = variant.message.as_ref()?;
    let mut text = String::new();
    for piece in &message.pieces {
        match piece {
            Piece::Text(part) => text.push_str(part),
            Piece::Arg { .. } => return None,
        }
    }
    Some(text)
}

/// The field that is the whole message template (`message = "{reason}"`).
pub(crate) fn message_field(variant: &Variant) -> Option<&Field> {
    let message = variant.message.as_ref()?;
    let [Piece::Arg { arg, spec: None }] = message.pieces.as_slice() else {
        return None;
    };
    variant.fields.iter().find(|f| match (&f.member, arg) {
        (syn::Member::Named(ident), crate::template::Arg::Named(name)) => {
            ident.to_string().trim_start_matches("r#") == name
        }
        (syn::Member::Unnamed(index), crate::template::Arg::Index(i)) => {
            usize::try_from(index.index).is_ok_and(|index| index == *i)
        }
        _ => false,
    })
}

/// `Path { member: value, … }`, each field rebuilt from the response.
fn construct(variant: &Variant, path: &TokenStream, bounds: &mut Bounds<'_>) -> TokenStream {
    let whole_message = message_field(variant).map(|f| f.member.clone());
    let fields = variant.fields.iter().map(|field| {
        let member = &field.member;
        let ty = &field.ty;
        let span = ty.span();
        let value = if field.status.is_some() {
            quote_spanned!(span=> __raw.status())
        } else if let Some((name, _)) = &field.exposed {
            bounds.require(ty, &quote!(::errbook::__private::ParseMember));
            let member_value = quote_spanned!(span=>
                ::errbook::__private::member::<#ty>(__raw, #name)?
            );
            match field.retry_after {
                Some((unit, _)) => retry_value(ty, unit, &member_value, bounds),
                None => member_value,
            }
        } else if whole_message.as_ref() == Some(member) {
            bounds.require(ty, &quote!(::errbook::__private::ParseMember));
            quote_spanned!(span=> ::errbook::__private::message_as::<#ty>(__raw)?)
        } else {
            bounds.require(ty, &quote!(::errbook::__private::ParseDefault));
            let default = quote_spanned!(span=>
                <#ty as ::errbook::__private::ParseDefault>::parse_default()
            );
            match field.retry_after {
                Some((unit, _)) => retry_value(ty, unit, &default, bounds),
                None => default,
            }
        };
        quote!(#member: #value,)
    });
    quote!(#path { #(#fields)* })
}

/// A `Retry-After` header wins over the body's member (or the default).
fn retry_value(
    ty: &syn::Type,
    unit: RetryUnit,
    otherwise: &TokenStream,
    bounds: &mut Bounds<'_>,
) -> TokenStream {
    bounds.require(ty, &quote!(::errbook::__private::FromRetryAfter));
    let unit = match unit {
        RetryUnit::Millis => quote!(::errbook::__private::Unit::Millis),
        RetryUnit::Secs => quote!(::errbook::__private::Unit::Secs),
    };
    quote_spanned!(ty.span()=>
        match __raw.retry_after() {
            ::core::option::Option::Some(__delay) => {
                <#ty as ::errbook::__private::FromRetryAfter>::from_retry_after(__delay, #unit)
            }
            ::core::option::Option::None => #otherwise,
        }
    )
}
