//! The catalog table: every variant's record (its entry, or the nested
//! catalog of a delegating variant) packed into one string of text and one
//! byte string of words, plus the nested catalogs and exposed fields. The
//! runtime's `catalog/table.rs` documents the layout and reads it.
//!
//! Two literals cost the compiler next to nothing where a constant per code
//! costs a body to check and evaluate each; a key a variant does not use
//! adds no token to the generated code.

use std::collections::HashMap;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{entry_indices, json_escape};
use crate::attr::CodeLit;
use crate::model::{Input, RetryUnit, Variant};
use crate::template::Piece;

// The layout, as the runtime's `catalog/table.rs` reads it.
const RECORD: usize = 21;
const FLAGS: usize = 0;
const CODE: usize = 1;
const CODE_JSON: usize = 3;
const VARIANT: usize = 5;
const TEMPLATE: usize = 7;
const TITLE: usize = 9;
const DESCRIPTION: usize = 11;
const PARTS: usize = 13;
const ALIASES: usize = 15;
const FIELDS: usize = 17;
// Words 19 and 20 (`HASH`) stay zero: a derived table's hashes are its
// `hashes` slice; a renamed copy, built by the runtime, fills them.

const NESTED: u32 = 1;
const STATUS_VARIES: u32 = 1 << 2;
const STATUS_NONE: u32 = 1 << 3;
const CODE_INT: u32 = 1 << 4;
const DEPRECATED: u32 = 1 << 5;
const RETRY_SECONDS: u32 = 1 << 6;
const RETRY_MILLISECONDS: u32 = 1 << 7;
const HAS_TEMPLATE: u32 = 1 << 8;
const HAS_TITLE: u32 = 1 << 9;
const HAS_DESCRIPTION: u32 = 1 << 10;
const HAS_VIOLATIONS: u32 = 1 << 11;
const VIOLATIONS_OPTION: u32 = 1 << 12;
const STATUS_SHIFT: u32 = 16;

const PART_ARG: u32 = 1;
const PART_SPEC: u32 = 2;
const SLOT_SHIFT: u32 = 8;

/// The catalog of the type: the expression of the `ApiError` impl's
/// `__CATALOG`, one call with the table's literals (no constant of its own
/// to check and evaluate beside it, and no borrow: `CATALOG` borrows it in
/// errbook's provided constant, where a borrow in each impl had the const
/// checker ask whether a `Catalog` may be mutated through it, once per
/// type), and the private inherent items
/// (`__ERRBOOK_*`) of the renamed copies of nested tables, if any.
pub(crate) fn catalog(input: &Input) -> (TokenStream, TokenStream) {
    let type_name = input.ident.to_string();
    let mut table = Writer::new(input.variants.len());
    let mut nested = Vec::new();
    let mut fields = Vec::new();
    let mut renamed = Vec::new();
    for (record, (variant, index)) in entry_indices(input).enumerate() {
        if index.is_some() {
            table.entry(record, input, variant, &mut fields);
            continue;
        }
        table.nested(record, nested.len());
        if variant.other.is_some() {
            nested.push(quote!(<::errbook::Unknown as ::errbook::ApiError>::CATALOG));
        } else if let Some(items) = super::renamed(input, variant) {
            let catalog = &items.catalog;
            nested.push(quote!(Self::#catalog));
            renamed.push(renamed_items(input, variant, &items));
        } else if let Some(field) = variant.fields.first() {
            let api = super::inner_api(input, variant, &field.ty);
            nested.push(quote!(#api::CATALOG));
        }
    }
    let (text, words, hashes) = table.finish();
    let description = input
        .description
        .as_ref()
        .map_or_else(|| quote!(""), |d| quote!(#d));
    let domain = input.domain.as_ref().map(|d| quote!(.__domain(#d)));
    let docs = input.docs.as_ref().map(|d| quote!(.__docs(#d)));
    // The derive refuses a duplicate among a type's own codes, and checks
    // a non-generic type's nested codes in a constant; a generic type with
    // `transparent` variants is checked where it is used.
    let checked =
        input.generics.params.is_empty() || input.variants.iter().all(|v| v.transparent.is_none());
    let nested = if nested.is_empty() {
        quote!(::errbook::__private::NO_NESTED)
    } else {
        quote!(&[#(#nested),*])
    };
    let fields = if fields.is_empty() {
        quote!(::errbook::__private::NO_FIELDS)
    } else {
        quote!(&[#(#fields),*])
    };
    let catalog = quote! {
        ::errbook::__private::Catalog::__derived(
            #type_name,
            ::core::module_path!(),
            #checked,
            #text,
            #words,
            &[#(#hashes),*],
            #nested,
            #fields,
            ::errbook::__private::catalog_of::<Self>,
            #description,
        )#domain #docs
    };
    (catalog, quote!(#(#renamed)*))
}

/// The renamed copy of a `transparent` variant's inner table, built in
/// constant evaluation (the derive cannot see the inner codes): its text
/// and words, the table, and the catalog the type's table nests instead of
/// the inner one. The arrays' lengths name no `Self`, so that a generic
/// type's impl can hold them too.
fn renamed_items(input: &Input, variant: &Variant, items: &super::Renamed) -> TokenStream {
    let (Some(field), Some(rename)) = (variant.fields.first(), &variant.rename) else {
        return TokenStream::new();
    };
    let ty = &field.ty;
    let api = super::inner_api(input, variant, ty);
    let inner = quote!(#api::CATALOG);
    let rename = super::rename_expr(rename);
    let super::Renamed {
        rename: rename_const,
        text,
        words,
        table,
        catalog,
        catalog_fn,
    } = items;
    quote! {
        const #rename_const: ::errbook::__private::Rename = #rename;
        const #text: [
            ::core::primitive::u8;
            ::errbook::__private::rename::text_len(#inner, &#rename)
        ] = ::errbook::__private::rename::text(#inner, &Self::#rename_const);
        const #words: [
            ::core::primitive::u8;
            ::errbook::__private::rename::words_len(#inner)
        ] = ::errbook::__private::rename::words(#inner, &Self::#rename_const);
        const #table: ::errbook::__private::Table = ::errbook::__private::Table::__renamed(
            &Self::#text,
            &Self::#words,
            #inner,
            Self::#catalog_fn,
        );
        const #catalog: &'static ::errbook::Catalog =
            &::errbook::__private::Catalog::__renamed(#inner, &Self::#table);
        fn #catalog_fn() -> &'static ::errbook::Catalog {
            Self::#catalog
        }
    }
}

/// The text and words of a table being written.
struct Writer {
    text: String,
    /// Strings already in `text`, with their place.
    strings: HashMap<String, (u32, u32)>,
    words: Vec<u32>,
    /// Each record's code hash, 0 for a nested record: the table's
    /// `hashes`, which its words leave out.
    hashes: Vec<u64>,
}

impl Writer {
    fn new(records: usize) -> Self {
        let mut words = vec![0; 1 + RECORD * records];
        words[0] = to_u32(records);
        Writer {
            text: String::new(),
            strings: HashMap::new(),
            words,
            hashes: vec![0; records],
        }
    }

    /// The place of `s` in the text, added once.
    fn string(&mut self, s: &str) -> (u32, u32) {
        if let Some(&place) = self.strings.get(s) {
            return place;
        }
        let place = (to_u32(self.text.len()), to_u32(s.len()));
        self.text.push_str(s);
        self.strings.insert(s.to_owned(), place);
        place
    }

    fn set(&mut self, at: usize, (a, b): (u32, u32)) {
        self.words[at] = a;
        self.words[at + 1] = b;
    }

    fn nested(&mut self, record: usize, index: usize) {
        let at = 1 + RECORD * record;
        self.words[at + FLAGS] = NESTED;
        self.words[at + CODE] = to_u32(index);
    }

    fn entry(
        &mut self,
        record: usize,
        input: &Input,
        variant: &Variant,
        fields: &mut Vec<TokenStream>,
    ) {
        let at = 1 + RECORD * record;
        let mut flags = 0;
        match variant.code.as_ref().map(|c| &c.lit) {
            Some(CodeLit::Int(i)) => {
                flags |= CODE_INT;
                self.hashes[record] = hash(&i.to_string());
                self.set(at + CODE, int_words(*i));
                let json = self.string(&i.to_string());
                self.set(at + CODE_JSON, json);
            }
            code => {
                let code = match code {
                    Some(CodeLit::Str(s)) => s.as_str(),
                    _ => "",
                };
                self.hashes[record] = hash(code);
                let escaped = json_escape(code);
                let json = self.string(&format!("\"{escaped}\""));
                self.set(at + CODE_JSON, json);
                // The code inside its JSON text, when escaping left it as is.
                let place = if escaped == code {
                    (json.0 + 1, to_u32(code.len()))
                } else {
                    self.string(code)
                };
                self.set(at + CODE, place);
            }
        }
        let name = self.string(&variant.ident.to_string());
        self.set(at + VARIANT, name);
        if input.no_http.is_some() {
            flags |= STATUS_NONE;
        } else if variant.fields.iter().any(|f| f.status.is_some()) {
            flags |= STATUS_VARIES;
        } else {
            let code = variant
                .status
                .and_then(|s| u16::try_from(s.value).ok())
                .unwrap_or(500);
            flags |= u32::from(code) << STATUS_SHIFT;
        }
        if let Some(message) = &variant.message {
            flags |= HAS_TEMPLATE;
            let raw = self.string(&message.raw);
            self.set(at + TEMPLATE, raw);
            let start = self.words.len();
            for piece in &message.pieces {
                match piece {
                    Piece::Text(text) => {
                        let place = self.string(text);
                        let json = self.string(&json_escape(text));
                        self.words.extend([0, place.0, place.1, json.0, json.1]);
                    }
                    Piece::Arg { arg, spec } => {
                        let slot = variant.slot_of(arg, spec.as_deref()).unwrap_or(0);
                        let name = self.string(&arg.to_string());
                        let (part, spec) = match spec {
                            Some(spec) => (PART_ARG | PART_SPEC, self.string(spec)),
                            None => (PART_ARG, (0, 0)),
                        };
                        let part = part | to_u32(slot) << SLOT_SHIFT;
                        self.words.extend([part, name.0, name.1, spec.0, spec.1]);
                    }
                }
            }
            self.set(at + PARTS, (to_u32(start), to_u32(message.pieces.len())));
        }
        if let Some(title) = &variant.title {
            flags |= HAS_TITLE;
            let place = self.string(title);
            self.set(at + TITLE, place);
        }
        if let Some(description) = &variant.description {
            flags |= HAS_DESCRIPTION;
            let place = self.string(description);
            self.set(at + DESCRIPTION, place);
        }
        let start = fields.len();
        fields.extend(
            variant
                .fields
                .iter()
                .filter(|f| f.source.is_none())
                .filter_map(|f| f.exposed.as_ref().map(|(name, _)| (name, f)))
                .map(|(name, field)| {
                    let ty = &field.ty;
                    let rust_type = type_string(ty);
                    let option = field.option.then(|| {
                        let none = super::none_as(field);
                        quote!(.option(#none))
                    });
                    quote!(::errbook::__private::FieldInfo::new(#name, #rust_type)
                        .with_schema(::errbook::__field_schema!(#ty))
                        #option)
                }),
        );
        if fields.len() > start {
            self.set(at + FIELDS, (to_u32(start), to_u32(fields.len() - start)));
        }
        match variant.fields.iter().find_map(|f| f.retry_after) {
            Some((RetryUnit::Secs, _)) => flags |= RETRY_SECONDS,
            Some((RetryUnit::Millis, _)) => flags |= RETRY_MILLISECONDS,
            None => {}
        }
        if !variant.aliases.is_empty() {
            let start = self.words.len();
            for (alias, _) in &variant.aliases {
                let alias = match alias {
                    CodeLit::Str(s) => {
                        let place = self.string(s);
                        [0, place.0, place.1]
                    }
                    CodeLit::Int(i) => {
                        let (low, high) = int_words(*i);
                        [CODE_INT, low, high]
                    }
                };
                self.words.extend(alias);
            }
            self.set(at + ALIASES, (to_u32(start), to_u32(variant.aliases.len())));
        }
        if variant.deprecated {
            flags |= DEPRECATED;
        }
        if let Some(field) = variant.fields.iter().find(|f| f.violations.is_some()) {
            flags |= HAS_VIOLATIONS;
            if field.option {
                flags |= VIOLATIONS_OPTION;
            }
        }
        self.words[at + FLAGS] = flags;
    }

    /// The text, the words and the hashes, as literals.
    fn finish(self) -> (Literal, Literal, Vec<Literal>) {
        let bytes: Vec<u8> = self.words.iter().flat_map(|w| w.to_le_bytes()).collect();
        let hashes = self.hashes.into_iter().map(Literal::u64_suffixed);
        (
            Literal::string(&self.text),
            Literal::byte_string(&bytes),
            hashes.collect(),
        )
    }
}

/// The FNV-1a hash (64 bits) of a code's text, for the runtime's
/// compile-time uniqueness check; 1 for a hash of 0, which marks a nested
/// record in the table's hashes.
fn hash(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash.max(1)
}

/// An integer code as its two words (low, high).
fn int_words(value: i64) -> (u32, u32) {
    let bits = value.cast_unsigned();
    // Truncation is the point: the low and the high half.
    #[allow(clippy::cast_possible_truncation)]
    (bits as u32, (bits >> 32) as u32)
}

/// A length or index in the table; a table over 4 GiB is not written.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// `::errbook::__private::RetryAfterUnit::…`.
pub(crate) fn retry_unit(unit: RetryUnit) -> TokenStream {
    match unit {
        RetryUnit::Millis => quote!(::errbook::__private::RetryAfterUnit::Milliseconds),
        RetryUnit::Secs => quote!(::errbook::__private::RetryAfterUnit::Seconds),
    }
}

/// A type as it reads in source: `Option<u64>`, `&'a str`, `Vec<(u8, String)>`.
pub(crate) fn type_string(ty: &syn::Type) -> String {
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
