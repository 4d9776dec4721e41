//! Reading the `#[api(...)]` keys before darling does: each key is looked
//! up in the registry ([`crate::keys`]); unknown and misplaced keys are
//! reported and removed, and a key darling rejects is reported and removed
//! on its own, so one mistake never hides the others.

use darling::error::Accumulator;
use darling::{FromDeriveInput, FromField, FromVariant};
use quote::ToTokens;
use syn::punctuated::Punctuated;
use syn::{Attribute, Data, DeriveInput, Meta, Token};

use crate::attr::{FieldAttrs, InputAttrs, NOT_A_CODE, VariantAttrs};
use crate::keys::{self, Site};

/// The input with the `#[api(...)]` keys that failed removed, and where
/// they were removed from. A misplaced key counts only when it belongs on
/// the variant (or struct) whose field carries it: anywhere else it could
/// not have given that part anything.
pub(crate) struct Sanitized {
    pub(crate) input: DeriveInput,
    /// A key of the container (or of a struct's field) was removed.
    pub(crate) container: bool,
    /// Variants that lost a key of their own or of one of their fields.
    pub(crate) variants: Vec<syn::Ident>,
}

/// What [`sanitize`] removed, without the input.
pub(crate) struct Removed {
    /// A key of the container (or of a struct's field) was removed.
    pub(crate) container: bool,
    /// Variants that lost a key of their own or of one of their fields.
    pub(crate) variants: Vec<syn::Ident>,
}

impl Removed {
    /// Nothing removed: the input's keys were all clean.
    pub(crate) fn none() -> Removed {
        Removed {
            container: false,
            variants: Vec::new(),
        }
    }
}

impl Sanitized {
    /// What was removed.
    pub(crate) fn removed(self) -> Removed {
        Removed {
            container: self.container,
            variants: self.variants,
        }
    }
}

/// Checks every `#[api(...)]` key on its own: against the registry (unknown
/// or misplaced), then with the receiver of its position; removes the keys
/// that fail (and repeated keys). darling rejects a whole receiver for one
/// bad key; checking key by key lets the later phases still report the
/// user's other mistakes in the same compile.
pub(crate) fn sanitize(input: &DeriveInput, errors: &mut Accumulator) -> Sanitized {
    let mut out = input.clone();
    let mut container = false;
    let mut variants = Vec::new();
    let (site, field_site) = match input.data {
        Data::Struct(_) => (Site::Struct, Site::StructField),
        Data::Enum(_) | Data::Union(_) => (Site::Enum, Site::EnumField),
    };
    out.attrs = sanitize_attrs(&input.attrs, site, errors, &mut container, |attr| {
        let probe = DeriveInput {
            attrs: vec![attr],
            vis: input.vis.clone(),
            ident: input.ident.clone(),
            generics: input.generics.clone(),
            data: Data::Struct(syn::DataStruct {
                struct_token: Token![struct](input.ident.span()),
                fields: syn::Fields::Unit,
                semi_token: None,
            }),
        };
        InputAttrs::from_derive_input(&probe).map(drop)
    });
    match &mut out.data {
        Data::Enum(data) => {
            for variant in &mut data.variants {
                let mut removed = false;
                variant.attrs = sanitize_attrs(
                    &variant.attrs,
                    Site::Variant,
                    errors,
                    &mut removed,
                    |attr| {
                        let probe = syn::Variant {
                            attrs: vec![attr],
                            ident: variant.ident.clone(),
                            fields: syn::Fields::Unit,
                            discriminant: None,
                        };
                        VariantAttrs::from_variant(&probe).map(drop)
                    },
                );
                sanitize_fields(&mut variant.fields, field_site, errors, &mut removed);
                if removed {
                    variants.push(variant.ident.clone());
                }
            }
        }
        Data::Struct(data) => {
            sanitize_fields(&mut data.fields, field_site, errors, &mut container);
        }
        Data::Union(_) => {}
    }
    Sanitized {
        input: out,
        container,
        variants,
    }
}

fn sanitize_fields(
    fields: &mut syn::Fields,
    site: Site,
    errors: &mut Accumulator,
    removed: &mut bool,
) {
    for field in fields.iter_mut() {
        field.attrs = sanitize_attrs(&field.attrs, site, errors, removed, |attr| {
            let probe = syn::Field {
                attrs: vec![attr],
                ..field.clone()
            };
            FieldAttrs::from_field(&probe).map(drop)
        });
    }
}

fn sanitize_attrs(
    attrs: &[Attribute],
    site: Site,
    errors: &mut Accumulator,
    removed: &mut bool,
    probe: impl Fn(Attribute) -> darling::Result<()>,
) -> Vec<Attribute> {
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::with_capacity(attrs.len());
    for attr in attrs {
        if !attr.path().is_ident("api") {
            out.push(attr.clone());
            continue;
        }
        let list = match &attr.meta {
            Meta::List(list) => list,
            Meta::Path(path) => {
                errors.push(
                    darling::Error::custom(
                        "`#[api]` without keys does nothing; write keys, like `#[api(status = 404)]`, or remove it",
                    )
                    .with_span(path),
                );
                *removed = true;
                continue;
            }
            Meta::NameValue(nv) => {
                errors.push(
                    darling::Error::custom(
                        "`#[api = …]` is not supported; write keys, like `#[api(status = 404)]`",
                    )
                    .with_span(&nv.path),
                );
                *removed = true;
                continue;
            }
        };
        let items = match attr.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated) {
            Ok(items) => items,
            Err(err) => {
                errors.push(
                    darling::Error::custom(format!(
                        "{err}; write keys, like `#[api(status = 404)]`"
                    ))
                    .with_span(&err.span()),
                );
                *removed = true;
                continue;
            }
        };
        // Each key in source order: rejected by the registry (its error), or
        // a candidate for darling.
        let mut checked: Vec<Result<(Meta, &'static keys::Key), darling::Error>> = Vec::new();
        for item in items {
            let name = key_name(&item);
            let key = keys::lookup(&name);
            let repeated = seen.contains(&name);
            if repeated && !key.is_some_and(|key| key.repeatable) {
                checked.push(Err(darling::Error::custom(format!(
                    "`{name}` is given twice; keep one"
                ))
                .with_span(item.path())));
                *removed = true;
                continue;
            }
            seen.push(name);
            let Some(key) = key else {
                checked.push(Err(unknown_key(&item)));
                *removed = true;
                continue;
            };
            if !key.allowed(site.place()) {
                // A repeatable key is reported where it is first misplaced.
                if !repeated {
                    checked.push(Err(
                        darling::Error::custom(key.misplaced(site)).with_span(item.path())
                    ));
                }
                *removed |= key.leaves_owner_incomplete(site);
                continue;
            }
            checked.push(Ok((item, key)));
        }
        let with = |items: &mut dyn Iterator<Item = &Meta>| {
            let items: Punctuated<&Meta, Token![,]> = items.collect();
            let mut attr = attr.clone();
            attr.meta = Meta::List(syn::MetaList {
                path: list.path.clone(),
                delimiter: list.delimiter.clone(),
                tokens: items.into_token_stream(),
            });
            attr
        };
        // Keys are read independently: when the attribute's keys all read
        // together, each reads alone, and one probe does for all of them.
        let together = with(
            &mut checked
                .iter()
                .filter_map(|c| c.as_ref().ok().map(|(item, _)| item)),
        );
        let all_read = probe(together.clone()).is_ok();
        let mut kept: Vec<&Meta> = Vec::new();
        for result in &checked {
            match result {
                Err(err) => errors.push(err.clone()),
                Ok(_) if all_read => {}
                Ok((item, key)) => match probe(with(&mut std::iter::once(item))) {
                    Ok(()) => kept.push(item),
                    Err(err) => {
                        for err in err {
                            errors.push(restyle(err, item, key.syntax(site)));
                        }
                        *removed = true;
                    }
                },
            }
        }
        out.push(if all_read {
            together
        } else {
            with(&mut kept.into_iter())
        });
    }
    out
}

fn key_name(item: &Meta) -> String {
    item.path().to_token_stream().to_string().replace(' ', "")
}

/// A key the registry does not know, with the registered key it most
/// likely meant (darling's suggestion, over the registry's names).
fn unknown_key(item: &Meta) -> darling::Error {
    let name = key_name(item);
    let names: Vec<&str> = keys::names().collect();
    let text = darling::Error::unknown_field_with_alts(&name, &names).to_string();
    let hint = text
        .split_once(". Did you mean ")
        .map_or_else(String::new, |(_, alt)| format!("; did you mean {alt}"));
    darling::Error::custom(format!("unknown key `{name}` in `#[api(…)]`{hint}"))
        .with_span(item.path())
}

/// darling's own messages ("Unexpected type `int`") in rustc's style, with
/// the key's syntax as the hint. Our own `FromMeta` messages pass through
/// unchanged.
fn restyle(err: darling::Error, item: &Meta, syntax: &str) -> darling::Error {
    let key = key_name(item);
    let err = err.with_span(item);
    let span = err.span();
    let text = syn::Error::from(err).to_string();
    let takes_a_string = syntax.contains("= \"");
    // darling reads a list given to a flag as nested keys.
    let text = if text.starts_with("Unknown field: ") {
        return darling::Error::custom(format!("`{key}` does not take a list; write {syntax}"))
            .with_span(item);
    } else if let (Some("`path`"), Meta::NameValue(nv), true) =
        (text.strip_prefix("Unexpected type "), item, takes_a_string)
    {
        format!(
            "`{key}` takes a string, not the bare name `{}`; put it in quotes: {syntax}",
            nv.value.to_token_stream().to_string().replace(' ', "")
        )
    } else if let Some(found) = text.strip_prefix("Unexpected type ") {
        let found = match found.trim_matches('`') {
            "int" => "an integer",
            "bool" => "a boolean",
            "string" => "a string",
            "float" => "a float",
            "char" => "a character",
            "path" => "a name",
            _ => "this value",
        };
        format!("`{key}` does not take {found}; write {syntax}")
    } else if let Some(format) = text.strip_prefix("Unexpected meta-item format ") {
        match format.trim_matches('`') {
            "word" | "path" => format!("`{key}` needs a value; write {syntax}"),
            "list" => format!("`{key}` does not take a list; write {syntax}"),
            _ => format!("`{key}` does not take a value here; write {syntax}"),
        }
    } else if text == NOT_A_CODE && key != "code" {
        format!("`{key}` takes a string or integer code; write {syntax}")
    } else {
        text
    };
    darling::Error::custom(text).with_span(&span)
}

#[cfg(test)]
mod tests {
    use darling::FromDeriveInput;
    use proc_macro2::Span;

    use super::sanitize;
    use crate::attr::InputAttrs;
    use crate::clean::keys_clean;

    #[test]
    fn clean_keys_skip_the_key_by_key_reading() {
        let clean: syn::DeriveInput = syn::parse_quote! {
            #[api(prefix = "user:", status = 404, parse)]
            enum E {
                #[api(code = "A", message = "User {id}.", alias = "OLD", alias = "OLDER")]
                A { #[api(field)] id: u64 },
            }
        };
        assert!(keys_clean(&clean));
        let mistakes: [syn::DeriveInput; 6] = [
            syn::parse_quote! { #[api(stauts = 404)] enum E {} },
            syn::parse_quote! { #[api(code = "A")] enum E {} },
            syn::parse_quote! { enum E { #[api(status = 404, status = 410)] A } },
            syn::parse_quote! { enum E { #[api] A } },
            syn::parse_quote! { enum E { #[api = "x"] A } },
            syn::parse_quote! { enum E { A { #[api(message = "x")] id: u64 } } },
        ];
        for input in &mistakes {
            assert!(!keys_clean(input), "{}", quote::quote!(#input));
        }
    }

    fn messages(input: &syn::DeriveInput) -> Vec<String> {
        let mut errors = darling::Error::accumulator();
        sanitize(input, &mut errors);
        errors
            .into_inner()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn format_mistakes_name_the_value_and_the_choices() {
        let choices = "one of `nested`, `problem`, `matrix`, `detail`, `google`, or the path of a type implementing `errbook::Format`";
        assert_eq!(
            messages(&syn::parse_quote! {
                #[api(format = problme, docs = https)]
                enum E {}
            }),
            [
                format!("unknown format `problme`; did you mean `problem`? expected {choices}"),
                "`docs` takes a string, not the bare name `https`; put it in quotes: `docs = \"https://example.com/errors/{code}\"`".to_owned(),
            ],
        );
        assert_eq!(
            messages(&syn::parse_quote! {
                #[api(format = 3)]
                enum E {}
            }),
            [format!(
                "`format` takes a format's name or a type's path, not `3`; expected {choices}"
            )],
        );
        assert!(
            messages(&syn::parse_quote! {
                #[api(format = "problem", domain = "api.example.com")]
                enum E {}
            })
            .is_empty()
        );
    }

    #[test]
    fn sanitize_reports_each_bad_key_and_keeps_the_rest() {
        let input: syn::DeriveInput = syn::parse_quote! {
            #[api(stauts = 400, prefix = "user:")]
            enum E {
                #[api(status = 404, status = 410, message = 3)]
                A {
                    #[api(field, retry_after = 5)]
                    x: u64,
                },
                #[api(status = 404)]
                B,
            }
        };
        let mut errors = darling::Error::accumulator();
        let sanitized = sanitize(&input, &mut errors);
        let messages: Vec<String> = errors
            .into_inner()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            messages,
            [
                "unknown key `stauts` in `#[api(…)]`; did you mean `status`?",
                "`status` is given twice; keep one",
                "`message` does not take an integer; write `message = \"User {id} not found.\"`",
                "`retry_after` does not take an integer; write `retry_after`, `retry_after = \"ms\"` or `retry_after = \"s\"`",
            ],
        );
        assert!(sanitized.container);
        assert_eq!(sanitized.variants.len(), 1);
        assert_eq!(sanitized.variants[0], "A");
        // What is left parses, with the good keys kept.
        let attrs =
            InputAttrs::from_derive_input(&sanitized.input).expect("sanitized input parses");
        assert_eq!(attrs.prefix.as_deref().map(String::as_str), Some("user:"));
    }

    #[test]
    fn unknown_keys_suggest_the_closest_registered_key() {
        let cases = [
            ("stauts", "; did you mean `status`?"),
            ("rename", "; did you mean `rename_all`?"),
            ("mesage", "; did you mean `message`?"),
            ("skip_parsing", "; did you mean `skip_parse`?"),
            ("retry", "; did you mean `retry_after`?"),
            ("transparant", "; did you mean `transparent`?"),
            ("description", ""),
            ("bogus", ""),
        ];
        for (written, hint) in cases {
            let key = syn::Ident::new(written, Span::call_site());
            let input: syn::DeriveInput = syn::parse_quote! {
                enum E {
                    #[api(#key = 1)]
                    A,
                }
            };
            assert_eq!(
                messages(&input),
                [format!("unknown key `{written}` in `#[api(…)]`{hint}")],
            );
        }
    }

    #[test]
    fn misplaced_keys_are_reported_at_each_position() {
        let cases: [(syn::DeriveInput, &str); 9] = [
            (
                syn::parse_quote! { #[api(message = "m")] enum E {} },
                "`message` belongs on a variant, not on the enum; move it into the `#[api(…)]` of a variant",
            ),
            (
                syn::parse_quote! { #[api(retry_after)] struct S; },
                "`retry_after` belongs on a field, not on the struct; move it into the `#[api(…)]` of a field",
            ),
            (
                syn::parse_quote! { #[api(other)] struct S; },
                "`other` belongs on a variant of an enum; a struct with `#[api(parse)]` decodes its own code only",
            ),
            (
                syn::parse_quote! { enum E { #[api(format = problem)] A } },
                "`format` belongs on the enum, not on a variant; move it into the `#[api(…)]` of the enum",
            ),
            (
                syn::parse_quote! { enum E { #[api(source)] A(u8) } },
                "`source` belongs on a field, not on a variant; move it into the `#[api(…)]` of a field",
            ),
            (
                syn::parse_quote! { enum E { A(#[api(skip_parse)] u8) } },
                "`skip_parse` belongs on a variant, not on a field; move it into the `#[api(…)]` of a variant",
            ),
            (
                syn::parse_quote! { enum E { A { #[api(domain = "d")] x: u8 } } },
                "`domain` belongs on the enum, not on a field; move it into the `#[api(…)]` of the enum",
            ),
            (
                // On a variant, `prefix` renames a transparent variant's codes.
                syn::parse_quote! { enum E { A(#[api(prefix = "p")] Inner) } },
                "`prefix` belongs on a variant, not on a field; move it into the `#[api(…)]` of a variant",
            ),
            (
                syn::parse_quote! { struct S { #[api(transparent)] x: u8 } },
                "`transparent` belongs on the struct, not on a field; move it into the `#[api(…)]` of the struct",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(messages(&input), [expected]);
        }
    }

    #[test]
    fn a_variant_key_on_a_field_leaves_the_variant_incomplete() {
        let input: syn::DeriveInput = syn::parse_quote! {
            #[api(code = "c")]
            enum E {
                #[api(docs = "d")]
                A { #[api(code = "c")] x: u8 },
                B { #[api(domain = "d")] x: u8 },
            }
        };
        let mut errors = darling::Error::accumulator();
        let sanitized = sanitize(&input, &mut errors);
        assert_eq!(errors.into_inner().len(), 4);
        assert!(!sanitized.container);
        assert_eq!(sanitized.variants, ["A"]);
    }

    #[test]
    fn several_mistakes_are_all_reported_in_source_order() {
        let input: syn::DeriveInput = syn::parse_quote! {
            #[api(stauts = 400, field, parse = yes, title = "t", prefix = "p:")]
            enum E {
                #[api(status = 404, domain = "d", alias = "a", alias = "b", colde = "c")]
                A {
                    #[api(field, status = 500, message = "m")]
                    x: u16,
                },
                #[api(status = 404, status = 410)]
                B,
            }
        };
        let mut errors = darling::Error::accumulator();
        let sanitized = sanitize(&input, &mut errors);
        let messages: Vec<String> = errors
            .into_inner()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            messages,
            [
                "unknown key `stauts` in `#[api(…)]`; did you mean `status`?",
                "`field` belongs on a field, not on the enum; move it into the `#[api(…)]` of a field",
                "`parse` does not take a name; write a bare `parse`",
                "`title` belongs on a variant, not on the enum; move it into the `#[api(…)]` of a variant",
                "`domain` belongs on the enum, not on a variant; move it into the `#[api(…)]` of the enum",
                "unknown key `colde` in `#[api(…)]`; did you mean `code`?",
                "`status` does not take an integer; write a bare `status` to mark the `http::StatusCode` field that is the status (a fixed `status = 404` goes on the variant or struct)",
                "`message` belongs on a variant, not on a field; move it into the `#[api(…)]` of a variant",
                "`status` is given twice; keep one",
            ],
        );
        assert!(sanitized.container);
        assert_eq!(sanitized.variants, ["A", "B"]);
        let attrs =
            InputAttrs::from_derive_input(&sanitized.input).expect("sanitized input parses");
        assert_eq!(attrs.prefix.as_deref().map(String::as_str), Some("p:"));
    }
}
