//! The catalog table: one entry per own code with everything static about
//! it, the items in declaration order (own entries and nested catalogs),
//! and the catalog itself. A key a variant does not use adds nothing to its
//! entry.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{entry_indices, json_escape};
use crate::attr::CodeLit;
use crate::model::{Input, RetryUnit, Variant};
use crate::template::Piece;

/// The catalog of the type, as private inherent constants (`__ERRBOOK_*`)
/// that the `ApiError` impl points to: an impl that fails (a type without
/// `Debug`) is then one error, not one more for each constant.
pub(crate) fn inherent(input: &Input) -> TokenStream {
    let type_name = input.ident.to_string();
    let mut entries = Vec::new();
    let mut items = Vec::new();
    for (variant, index) in entry_indices(input) {
        match index {
            Some(index) => {
                // Each entry a constant of its own: one body each to check
                // (one body for all costs the borrow checker more than
                // linearly), and no pointer into the middle of one large
                // table (which costs the code generator time quadratic in
                // the number of entries).
                let name = format_ident!("__ERRBOOK_ENTRY_{}", index);
                let entry = entry(input, variant);
                entries.push(quote! {
                    const #name: __Entry = #entry;
                });
                items.push(quote!(__Item::Entry(&Self::#name)));
            }
            None if variant.other.is_some() => {
                items.push(quote!(__Item::Nested(
                    <::errbook::Unknown as ::errbook::ApiError>::CATALOG
                )));
            }
            None => {
                let ty = variant.fields.first().map(|f| &f.ty);
                items.push(quote!(
                    __Item::Nested(<#ty as ::errbook::ApiError>::CATALOG)
                ));
            }
        }
    }
    let description = input
        .description
        .as_ref()
        .map(|d| quote!(.with_description(#d)));
    let domain = input.domain.as_ref().map(|d| quote!(.__domain(#d)));
    let docs = input.docs.as_ref().map(|d| quote!(.__docs(#d)));
    let catalog_fn = (!entries.is_empty()).then(|| {
        quote! {
            fn __errbook_catalog() -> &'static ::errbook::Catalog {
                Self::__ERRBOOK_CATALOG
            }
        }
    });
    quote! {
        const __ERRBOOK_CATALOG: &'static ::errbook::Catalog = &::errbook::__private::Catalog::new(
            #type_name,
            Self::__ERRBOOK_ITEMS,
        )#description #domain #docs;
        #catalog_fn
        #(#entries)*
        const __ERRBOOK_ITEMS: &'static [__Item] = &[#(#items),*];
    }
}

/// One entry: the code (and its JSON text), the variant, the status, and a
/// builder call for each key the variant uses.
fn entry(input: &Input, variant: &Variant) -> TokenStream {
    let (code, json) = match variant.code.as_ref().map(|c| &c.lit) {
        Some(CodeLit::Str(s)) => (quote!(__Code::Str(#s)), format!("\"{}\"", json_escape(s))),
        Some(CodeLit::Int(i)) => (quote!(__Code::Int(#i)), i.to_string()),
        None => (quote!(__Code::Str("")), "\"\"".to_owned()),
    };
    let name = variant.ident.to_string();
    let status = if input.no_http.is_some() {
        quote!(__Status::None)
    } else if variant.fields.iter().any(|f| f.status.is_some()) {
        quote!(__Status::Varies)
    } else {
        let code = variant
            .status
            .and_then(|s| u16::try_from(s.value).ok())
            .unwrap_or(500);
        let code = proc_macro2::Literal::u16_unsuffixed(code);
        quote!(__Status::Fixed(#code))
    };
    let template = variant.message.as_ref().map(|message| {
        let raw = &message.raw;
        let parts = message.pieces.iter().map(|piece| match piece {
            Piece::Text(text) => {
                let json = json_escape(text);
                if json == *text {
                    quote!(__Part::__plain(#text))
                } else {
                    quote!(__Part::__text(#text, #json))
                }
            }
            Piece::Arg { arg, spec } => {
                let slot = proc_macro2::Literal::usize_unsuffixed(
                    variant.slot_of(arg, spec.as_deref()).unwrap_or(0),
                );
                let name = arg.to_string();
                if let Some(spec) = spec {
                    quote!(__Part::__arg_spec(#name, #slot, #spec))
                } else {
                    quote!(__Part::__arg(#name, #slot))
                }
            }
        });
        quote!(.__template(#raw, &[#(#parts),*]))
    });
    let title = variant.title.as_ref().map(|t| quote!(.__title(#t)));
    let description = variant
        .description
        .as_ref()
        .map(|d| quote!(.__description(#d)));
    let fields: Vec<TokenStream> = variant
        .fields
        .iter()
        .filter(|f| f.source.is_none())
        .filter_map(|f| f.exposed.as_ref().map(|(name, _)| (name, &f.ty)))
        .map(|(name, ty)| {
            let rust_type = type_string(ty);
            quote!(__FieldInfo::new(#name, #rust_type)
                .with_schema(::errbook::__field_schema!(#ty)))
        })
        .collect();
    let fields = (!fields.is_empty()).then(|| quote!(.__fields(&[#(#fields),*])));
    let retry_after = variant
        .fields
        .iter()
        .find_map(|f| f.retry_after)
        .map(|(unit, _)| {
            let unit = retry_unit(unit);
            quote!(.__retry_after(#unit))
        });
    let aliases: Vec<TokenStream> = variant
        .aliases
        .iter()
        .map(|(alias, _)| match alias {
            CodeLit::Str(s) => quote!(__Code::Str(#s)),
            CodeLit::Int(i) => quote!(__Code::Int(#i)),
        })
        .collect();
    let aliases = (!aliases.is_empty()).then(|| quote!(.__aliases(&[#(#aliases),*])));
    let deprecated = variant.deprecated.then(|| quote!(.__deprecated()));
    quote! {
        __Entry::__new(
            #code,
            #json,
            #name,
            #status,
            Self::__errbook_catalog,
        )#template #title #description #fields #retry_after #aliases #deprecated
    }
}

/// `::errbook::__private::RetryAfterUnit::…`.
pub(crate) fn retry_unit(unit: RetryUnit) -> TokenStream {
    match unit {
        RetryUnit::Millis => quote!(::errbook::__private::RetryAfterUnit::Milliseconds),
        RetryUnit::Secs => quote!(::errbook::__private::RetryAfterUnit::Seconds),
    }
}

/// A type as it reads in source: `Option<u64>`, `&'a str`, `Vec<(u8, String)>`.
fn type_string(ty: &syn::Type) -> String {
    use proc_macro2::TokenTree;
    fn walk(tokens: TokenStream, out: &mut String) {
        let mut prev_word = false;
        for tree in tokens {
            match tree {
                TokenTree::Group(group) => {
                    let (open, close) = match group.delimiter() {
                        proc_macro2::Delimiter::Parenthesis => ("(", ")"),
                        proc_macro2::Delimiter::Bracket => ("[", "]"),
                        proc_macro2::Delimiter::Brace => ("{", "}"),
                        proc_macro2::Delimiter::None => ("", ""),
                    };
                    out.push_str(open);
                    walk(group.stream(), out);
                    out.push_str(close);
                    prev_word = false;
                }
                TokenTree::Punct(punct) => {
                    match punct.as_char() {
                        c @ (',' | ';') => {
                            out.push(c);
                            out.push(' ');
                        }
                        c @ ('+' | '=') => {
                            out.push(' ');
                            out.push(c);
                            out.push(' ');
                        }
                        c => out.push(c),
                    }
                    prev_word = false;
                }
                TokenTree::Ident(ident) => {
                    if prev_word {
                        out.push(' ');
                    }
                    out.push_str(&ident.to_string());
                    prev_word = true;
                }
                TokenTree::Literal(lit) => {
                    if prev_word {
                        out.push(' ');
                    }
                    out.push_str(&lit.to_string());
                    prev_word = true;
                }
            }
        }
    }
    let mut out = String::new();
    walk(quote!(#ty), &mut out);
    out.trim()
        .replace(",  ", ", ")
        .replace(", )", ")")
        .replace(", ]", "]")
}

#[cfg(test)]
mod tests {
    use super::type_string;

    #[test]
    fn types_read_as_in_source() {
        let table: &[(syn::Type, &str)] = &[
            (syn::parse_quote!(u64), "u64"),
            (syn::parse_quote!(Option<u64>), "Option<u64>"),
            (syn::parse_quote!(&'a str), "&'a str"),
            (syn::parse_quote!(Vec<(u8, String)>), "Vec<(u8, String)>"),
            (
                syn::parse_quote!(std::time::Duration),
                "std::time::Duration",
            ),
            (syn::parse_quote!([u8; 4]), "[u8; 4]"),
            (
                syn::parse_quote!(Box<dyn std::error::Error + Send>),
                "Box<dyn std::error::Error + Send>",
            ),
            (
                syn::parse_quote!(HashMap<String, Vec<T>>),
                "HashMap<String, Vec<T>>",
            ),
        ];
        for (ty, expected) in table {
            assert_eq!(type_string(ty), *expected);
        }
    }
}
