//! Whether an input's `#[api(...)]` keys are clean (all known, in their
//! place, given once), read from the attributes' tokens without parsing
//! the values: a clean input is read by darling in one pass, and only an
//! input with a mistake takes the key-by-key reading of [`crate::sanitize`].

use syn::{Attribute, Data, DeriveInput, Meta};

use crate::keys::{self, Site};

/// Whether every `#[api(...)]` key of `input` is known, in its place and
/// given once (the registry's rules, as [`sanitize`] applies them), so that
/// darling reading the whole input is all the checking left.
pub(crate) fn keys_clean(input: &DeriveInput) -> bool {
    let (site, field_site) = match input.data {
        Data::Struct(_) => (Site::Struct, Site::StructField),
        Data::Enum(_) | Data::Union(_) => (Site::Enum, Site::EnumField),
    };
    let fields_clean =
        |fields: &syn::Fields| fields.iter().all(|f| attrs_clean(&f.attrs, field_site));
    attrs_clean(&input.attrs, site)
        && match &input.data {
            Data::Enum(data) => data
                .variants
                .iter()
                .all(|v| attrs_clean(&v.attrs, Site::Variant) && fields_clean(&v.fields)),
            Data::Struct(data) => fields_clean(&data.fields),
            Data::Union(_) => false,
        }
}

/// Reads the keys of each `#[api(...)]` from its tokens, without parsing
/// the values: a key is an identifier followed by `= value` (up to the next
/// comma), by a parenthesized list, or by nothing. Anything else (a value
/// with `<` in it, whose commas tokens do not group, included) is not
/// clean, and takes the key-by-key reading, which says what is wrong.
fn attrs_clean(attrs: &[Attribute], site: Site) -> bool {
    use proc_macro2::{Delimiter, TokenTree};

    let mut seen: Vec<String> = Vec::new();
    let mut key_clean = |name: String| {
        let Some(key) = keys::lookup(&name) else {
            return false;
        };
        if seen.contains(&name) && !key.repeatable {
            return false;
        }
        seen.push(name);
        key.allowed(site.place())
    };
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("api"))
        .all(|attr| {
            let Meta::List(list) = &attr.meta else {
                return false;
            };
            if !matches!(list.delimiter, syn::MacroDelimiter::Paren(_)) {
                return false;
            }
            let mut tokens = list.tokens.clone().into_iter();
            loop {
                match tokens.next() {
                    None => return true,
                    Some(TokenTree::Ident(ident)) => {
                        if !key_clean(ident.to_string()) {
                            return false;
                        }
                    }
                    Some(_) => return false,
                }
                match tokens.next() {
                    None => return true,
                    Some(TokenTree::Punct(p)) if p.as_char() == ',' => {}
                    Some(TokenTree::Punct(p)) if p.as_char() == '=' => {
                        let mut value = 0;
                        loop {
                            match tokens.next() {
                                None => return value > 0,
                                Some(TokenTree::Punct(p)) if p.as_char() == ',' => {
                                    if value == 0 {
                                        return false;
                                    }
                                    break;
                                }
                                Some(TokenTree::Punct(p)) if p.as_char() == '<' => return false,
                                Some(_) => value += 1,
                            }
                        }
                    }
                    Some(TokenTree::Group(group))
                        if group.delimiter() == Delimiter::Parenthesis =>
                    {
                        match tokens.next() {
                            None => return true,
                            Some(TokenTree::Punct(p)) if p.as_char() == ',' => {}
                            Some(_) => return false,
                        }
                    }
                    Some(_) => return false,
                }
            }
        })
}
