//! The `ApiError` impl (and `Display` under `display`). One `match` finds
//! a value's catalog entry; everything static is read from it by the
//! trait's provided methods. A method gets an arm only for the variants
//! whose values it needs (message placeholders, exposed fields, retry
//! delay, source, run-time status); every other variant falls to the
//! provided behaviour, which reaches a delegating variant's inner error
//! through one generated `__inner` match (`visit_fields`, generic, keeps
//! an arm per delegating variant).

use std::collections::HashMap;
use std::fmt::Write as _;

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use super::{Delegate, catalog, delegate, entry_indices, pattern, variant_path, wrap};
use crate::generics::Bounds;
use crate::model::{Field, Input, Variant};

pub(crate) fn expand(input: &Input) -> TokenStream {
    let ident = &input.ident;
    let self_ty = {
        let (_, ty_generics, _) = input.generics.split_for_impl();
        quote!(#ident #ty_generics)
    };
    let mut bounds = Bounds::new(&input.generics);
    let delegates: Vec<(&Variant, Delegate)> = input
        .variants
        .iter()
        .filter(|v| v.delegates())
        .filter_map(|v| delegate(input, v).map(|d| (v, d)))
        .collect();
    for (variant, _) in &delegates {
        if let Some(field) = variant.fields.first() {
            let bound = if variant.other.is_some() {
                quote!(::errbook::bounds::OtherField)
            } else {
                quote!(::errbook::ApiError)
            };
            bounds.require(&field.ty, &bound);
        }
    }
    let methods = Methods {
        input,
        delegates: &delegates,
    };
    let (catalog, renamed) = catalog::catalog(input);
    let entry = methods.entry();
    let status = methods.status();
    let fmt_arg = methods.fmt_arg(&mut bounds);
    let fields = methods.visit_fields(&mut bounds);
    let retry_after = methods.retry_after(&mut bounds);
    let source = methods.source_error(&mut bounds);
    let violations = methods.violations();
    let inner = methods.inner();
    let format = super::format_type(input);

    // Which of the methods with provided answers the impl writes, with
    // the runtime's `defaults::WRITES_*` bits, and `DERIVED` (16): the
    // rest are the provided ones.
    let written = [
        (&status, 1),
        (&retry_after, 2),
        (&source, 4),
        (&violations, 8),
        (&fields, 32),
        (&fmt_arg, 64),
    ]
    .iter()
    .filter(|(method, _)| !method.is_empty())
    .fold(16u8, |bits, (_, bit)| bits | bit);
    let written = proc_macro2::Literal::u8_unsuffixed(written);
    let generics = bounds.finish(&self_ty);
    let (impl_generics, _, where_clause) = generics.split_for_impl();
    let api_impl = wrap(&quote! {
        impl #impl_generics ::errbook::ApiError for #self_ty #where_clause {
            type Format = #format;
            const __CATALOG: ::errbook::Catalog = #catalog;
            #entry
            #status
            #fmt_arg
            #fields
            #retry_after
            #source
            #violations
            #inner
            const __WRITTEN: ::core::primitive::u8 = #written;
        }
    });
    // Spanned on `display` (or `error`), so a second `Display` impl is
    // reported there.
    let display = input.display.or(input.error).map(|span| {
        wrap(&quote_spanned! {span=>
            impl #impl_generics ::core::fmt::Display for #self_ty #where_clause {
                fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::errbook::ApiError::fmt_message(self, __formatter)
                }
            }
        })
    });
    // Spanned on `error`, so a second `Error` impl (thiserror's) is
    // reported there.
    let error = input.error.map(|span| {
        wrap(&quote_spanned! {span=>
            impl #impl_generics ::std::error::Error for #self_ty #where_clause {
                fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
                    ::errbook::ApiError::source_error(self)
                }
            }
        })
    });
    let renamed = (!renamed.is_empty()).then(|| {
        super::wrap_inherent(&quote! {
            impl #impl_generics #self_ty #where_clause {
                #renamed
            }
        })
    });
    let predicates = where_clause.map(|w| &w.predicates).into_iter().flatten();
    quote! {
        #renamed
        #api_impl
        #display
        #error
        ::errbook::__integrate! { [#impl_generics] [#self_ty] [#(#predicates,)*] }
    }
}

/// A method's arm for one variant: its pattern, its body, and what makes
/// two arms one (the body and the types of the fields it binds).
struct Arm {
    pat: TokenStream,
    body: TokenStream,
    key: String,
}

impl Arm {
    fn new(input: &Input, variant: &Variant, fields: &[&Field], body: TokenStream) -> Self {
        let mut key = body.to_string();
        for field in fields {
            let (member, ty) = (&field.member, &field.ty);
            let _ = write!(key, "|{}:{}", quote!(#member), quote!(#ty));
        }
        Arm {
            pat: pattern(&variant_path(input, variant), fields),
            body,
            key,
        }
    }
}

struct Methods<'a> {
    input: &'a Input,
    delegates: &'a [(&'a Variant, Delegate)],
}

impl Methods<'_> {
    /// A method body: the given arms, and `otherwise` for the variants
    /// left (the provided behaviour, which asks a delegating variant's
    /// inner error through `__inner`). Arms with the same body over fields
    /// of the same types are one arm with an or-pattern: one body for the
    /// compiler to check, not one per variant.
    fn dispatch(&self, arms: Vec<Arm>, otherwise: &TokenStream) -> TokenStream {
        self.dispatch_with(arms, None::<&fn(&Delegate) -> TokenStream>, otherwise)
    }

    /// [`dispatch`](Self::dispatch), with an arm per delegating variant
    /// calling `call` on the inner error when there is a `call`: for
    /// `visit_fields`, which is generic and cannot go through `__inner`.
    fn dispatch_with(
        &self,
        arms: Vec<Arm>,
        call: Option<&impl Fn(&Delegate) -> TokenStream>,
        otherwise: &TokenStream,
    ) -> TokenStream {
        let forwarded = if call.is_some() { self.delegates } else { &[] };
        let covered = arms.len() + forwarded.len();
        if covered == 0 {
            return otherwise.clone();
        }
        let mut groups: Vec<(Vec<TokenStream>, TokenStream)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for Arm { pat, body, key } in arms {
            if let Some(&at) = index.get(&key) {
                groups[at].0.push(pat);
            } else {
                index.insert(key, groups.len());
                groups.push((vec![pat], body));
            }
        }
        let arms = groups
            .into_iter()
            .map(|(pats, body)| quote!(#(#pats)|* => #body,));
        let delegated = forwarded.iter().map(|(_, d)| {
            let pat = &d.pat;
            let body = call.map(|call| call(d));
            quote!(#pat => #body,)
        });
        let rest = (covered < self.input.variants.len()).then(|| quote!(_ => #otherwise,));
        quote! {
            match self {
                #(#arms)*
                #(#delegated)*
                #rest
            }
        }
    }

    /// A provided method written only when some own variant needs it:
    /// `arms`, `otherwise` (the provided behaviour) for the rest, under
    /// `signature`.
    fn optional(
        &self,
        arms: Vec<Arm>,
        otherwise: &TokenStream,
        signature: &TokenStream,
    ) -> TokenStream {
        if arms.is_empty() {
            return TokenStream::new();
        }
        let body = self.dispatch(arms, otherwise);
        quote! {
            #signature {
                #body
            }
        }
    }

    /// One arm per own variant: the index of its item. The items are
    /// named once, not in every arm: a constant is written into the code
    /// wherever it is named. A delegating variant's entry is its inner
    /// error's, which the provided `entry` asks through `__inner`; a type
    /// of delegating variants only keeps the provided method.
    fn entry(&self) -> TokenStream {
        let own = self.own().next().is_some();
        if !own && !self.input.variants.is_empty() {
            return TokenStream::new();
        }
        let arms: Vec<TokenStream> = entry_indices(self.input)
            .filter_map(|(variant, index)| {
                let path = variant_path(self.input, variant);
                let index = index?;
                Some(quote!(#path { .. } => #index,))
            })
            .collect();
        let rest = (arms.len() < self.input.variants.len())
            .then(|| quote!(_ => return ::errbook::__private::defaults::entry(self),));
        let body = if self.input.variants.is_empty() {
            quote!(match *self {})
        } else {
            quote! {
                let __index: ::core::primitive::usize = match self { #(#arms)* #rest };
                ::errbook::__private::entry_in(::errbook::__private::catalog_of::<Self>, __index)
            }
        };
        quote! {
            fn entry(&self) -> ::core::option::Option<::errbook::__private::Entry> {
                #body
            }
        }
    }

    /// A `#[api(status)]` field is the status; the rest is the entry's
    /// (the provided method, written only for such fields).
    fn status(&self) -> TokenStream {
        let arms = self
            .own()
            .filter_map(|variant| {
                let field = variant.fields.iter().find(|f| f.status.is_some())?;
                let binding = field.binding();
                let value = quote_spanned!(field.ty.span()=> {
                    let __status: ::errbook::__private::StatusCode = *#binding;
                    ::errbook::__private::runtime_status(__status)
                });
                Some(Arm::new(self.input, variant, &[field], value))
            })
            .collect();
        self.optional(
            arms,
            &quote!(::errbook::__private::defaults::status(self)),
            &quote!(fn status(&self) -> ::errbook::__private::StatusCode),
        )
    }

    /// The value of each placeholder slot, with the template's format spec.
    fn fmt_arg(&self, bounds: &mut Bounds<'_>) -> TokenStream {
        // Declared by the generated signature at the call site; a use
        // spanned on the user's tokens must carry the same hygiene to
        // resolve, inside a `macro_rules!` too.
        let formatter = format_ident!("__formatter");
        let arms: Vec<Arm> = self
            .own()
            .filter_map(|variant| {
                let message = variant.message.as_ref()?;
                let slots = variant.template_slots();
                if slots.is_empty() {
                    return None;
                }
                let writes: Vec<TokenStream> = slots
                    .iter()
                    .map(|(field, spec)| {
                        let ty = &field.ty;
                        let binding = field.binding();
                        // A spec may name another trait than `Display`
                        // (`{id:x}`, `{ratio:e}`): then the field as it is.
                        let other_trait = spec.as_ref().is_some_and(|spec| {
                            spec.ends_with(['x', 'X', 'o', 'b', 'e', 'E', 'p'])
                        });
                        // Else through `TemplateField`, under the field's
                        // type: a type without `Display` is that one
                        // error, in errbook's words.
                        let shown = if other_trait {
                            quote!(#binding)
                        } else {
                            bounds.require(ty, &quote!(::errbook::bounds::TemplateField));
                            quote_spanned!(ty.span()=>
                                <#ty as ::errbook::bounds::TemplateField>::__shown(#binding)
                            )
                        };
                        // Without a spec, the field's `Display` itself: a
                        // call, where `write!` builds format arguments.
                        match spec {
                            None => quote_spanned!(message.span=>
                                ::core::fmt::Display::fmt(&#shown, #formatter)
                            ),
                            Some(spec) => {
                                let fmt = format!("{{:{spec}}}");
                                quote_spanned!(message.span=>
                                    ::core::write!(#formatter, #fmt, #shown)
                                )
                            }
                        }
                    })
                    .collect();
                let mut fields: Vec<&Field> = Vec::new();
                for (field, _) in &slots {
                    if !fields.iter().any(|f| f.member == field.member) {
                        fields.push(field);
                    }
                }
                let body = if let [write] = writes.as_slice() {
                    quote!(#write)
                } else {
                    let slots = (0..writes.len()).map(|slot| quote!(#slot));
                    quote!(match __slot {
                        #(#slots => #writes,)*
                        _ => ::core::result::Result::Ok(()),
                    })
                };
                Some(Arm::new(self.input, variant, &fields, body))
            })
            .collect();
        self.optional(
            arms,
            &quote!(::errbook::__private::defaults::fmt_arg(
                self,
                __slot,
                __formatter
            )),
            &quote! {
                    fn fmt_arg(
                &self,
                __slot: ::core::primitive::usize,
                __formatter: &mut ::core::fmt::Formatter<'_>,
            ) -> ::core::fmt::Result
                },
        )
    }

    fn visit_fields(&self, bounds: &mut Bounds<'_>) -> TokenStream {
        let visitor = format_ident!("__visitor");
        let arms: Vec<Arm> = self
            .own()
            .filter_map(|variant| {
                let exposed: Vec<&Field> = variant
                    .fields
                    .iter()
                    .filter(|f| f.exposed.is_some() && f.source.is_none())
                    .collect();
                if exposed.is_empty() {
                    return None;
                }
                let visits = exposed.iter().map(|field| {
                    let binding = field.binding();
                    let name = field.exposed.as_ref().map_or("", |(n, _)| n.as_str());
                    let ty = &field.ty;
                    bounds.require(ty, &quote!(::errbook::bounds::ExposedField));
                    if field.duration {
                        return super::duration_visit(field, name);
                    }
                    // Through `ExposedField`, under the field's type: a type
                    // without `Serialize` is that one error, in errbook's
                    // words.
                    let visit = quote_spanned!(ty.span()=>
                        <#ty as ::errbook::bounds::ExposedField>::__visit(#binding, #visitor, #name)?
                    );
                    if field.option {
                        // `None` as the field says, or else as the format does.
                        let none = super::none_as(field);
                        quote_spanned!(ty.span()=>
                            match #binding {
                                ::core::option::Option::None => {
                                    ::errbook::FieldVisitor::visit_none(#visitor, #name, #none)?
                                }
                                ::core::option::Option::Some(_) => #visit,
                            }
                        )
                    } else {
                        quote_spanned!(ty.span()=> #visit;)
                    }
                });
                let body = quote!({
                    #(#visits)*
                    ::core::result::Result::Ok(())
                });
                Some(Arm::new(self.input, variant, &exposed, body))
            })
            .collect();
        if arms.is_empty() && self.delegates.is_empty() {
            return TokenStream::new();
        }
        let body = self.dispatch_with(
            arms,
            Some(&|Delegate { api, inner, .. }: &Delegate| quote!(#api::__visit_fields(#inner, __visitor))),
            &quote!(::core::result::Result::Ok(())),
        );
        quote! {
            fn visit_fields<__V: ::errbook::FieldVisitor + ?::core::marker::Sized>(
                &self,
                __visitor: &mut __V,
            ) -> ::core::result::Result<(), __V::Error> {
                #body
            }
        }
    }

    fn retry_after(&self, bounds: &mut Bounds<'_>) -> TokenStream {
        let arms: Vec<Arm> = self
            .own()
            .filter_map(|variant| {
                let (field, unit) = variant
                    .fields
                    .iter()
                    .find_map(|f| f.retry_after.map(|(unit, _)| (f, unit)))?;
                bounds.require(&field.ty, &quote!(::errbook::__private::RetryAfter));
                let binding = field.binding();
                let unit = catalog::retry_unit(unit);
                let call = quote_spanned!(field.ty.span()=>
                    ::errbook::__private::RetryAfter::retry_after(#binding, #unit)
                );
                Some(Arm::new(self.input, variant, &[field], call))
            })
            .collect();
        self.optional(
            arms,
            &quote!(::errbook::__private::defaults::retry_after(self)),
            &quote! {
                fn retry_after(&self) -> ::core::option::Option<::core::time::Duration>
            },
        )
    }

    fn source_error(&self, bounds: &mut Bounds<'_>) -> TokenStream {
        let arms: Vec<Arm> = self
            .own()
            .filter_map(|variant| {
                let field = variant.fields.iter().find(|f| f.source.is_some())?;
                bounds.require(&field.ty, &quote!(::std::error::Error + 'static));
                let binding = field.binding();
                // `(*binding)` starts method lookup at the field's own type,
                // so a `Box<dyn Error>` derefs to `dyn Error` instead of
                // matching `&T`.
                let call = quote_spanned!(field.ty.span()=> {
                    use ::errbook::__private::AsDynError as _;
                    ::core::option::Option::Some((*#binding).as_dyn_error())
                });
                Some(Arm::new(self.input, variant, &[field], call))
            })
            .collect();
        self.optional(
            arms,
            &quote!(::errbook::__private::defaults::source_error(self)),
            &quote! {
                fn source_error(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)>
            },
        )
    }

    /// The `#[api(violations)]` field, for the variants that have one.
    fn violations(&self) -> TokenStream {
        let arms = self
            .own()
            .filter_map(|variant| {
                let field = variant.fields.iter().find(|f| f.violations.is_some())?;
                let binding = field.binding();
                let call = quote_spanned!(field.ty.span()=>
                    ::errbook::__private::ViolationsField::violations(#binding)
                );
                Some(Arm::new(self.input, variant, &[field], call))
            })
            .collect();
        self.optional(
            arms,
            &quote!(::errbook::__private::defaults::violations(self)),
            &quote! {
                fn violations(&self) -> ::core::option::Option<&::errbook::Violations>
            },
        )
    }

    /// The one `match` from a value to the error a delegating variant
    /// wraps, which every provided method asks first: one arm per
    /// delegating variant, not one per variant and method.
    fn inner(&self) -> TokenStream {
        if self.delegates.is_empty() {
            return TokenStream::new();
        }
        let wrapped = quote!(::errbook::__private::defaults::Wrapped);
        // Without renamed codes, the arms are the inner errors, wrapped
        // once after the `match`.
        let renames = self
            .delegates
            .iter()
            .any(|(variant, _)| super::renamed(self.input, variant).is_some());
        let arms = self
            .delegates
            .iter()
            .map(|(variant, Delegate { pat, api, inner })| {
                let value = if let Some(super::Renamed { table, .. }) =
                    super::renamed(self.input, variant)
                {
                    let binding = variant.fields.first().map(Field::binding);
                    quote!(#wrapped::renamed(#api::__as_inner(#binding), &Self::#table))
                } else if renames {
                    quote!(#wrapped::new(#api::__as_inner(#inner)))
                } else {
                    quote!(#api::__as_inner(#inner))
                };
                quote!(#pat => #value,)
            });
        let rest = (self.delegates.len() < self.input.variants.len())
            .then(|| quote!(_ => return ::core::option::Option::None,));
        let value = quote! {
            match self {
                #(#arms)*
                #rest
            }
        };
        let value = if renames {
            value
        } else {
            quote!(#wrapped::new(#value))
        };
        quote! {
            fn __inner(&self) -> ::core::option::Option<#wrapped<'_>> {
                ::core::option::Option::Some(#value)
            }
        }
    }

    /// The variants with an entry of their own.
    fn own(&self) -> impl Iterator<Item = &Variant> {
        self.input.variants.iter().filter(|v| !v.delegates())
    }
}
