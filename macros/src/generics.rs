//! Where-clause bounds for generic types: a bound only for a field whose type
//! mentions a type parameter, placed on the field's type.

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::{Generics, Type, WherePredicate};

/// Collects `FieldTy: Bound` predicates for the impl.
pub(crate) struct Bounds<'a> {
    params: Vec<String>,
    generics: &'a Generics,
    predicates: Vec<WherePredicate>,
}

impl<'a> Bounds<'a> {
    pub(crate) fn new(generics: &'a Generics) -> Self {
        Bounds {
            params: generics
                .type_params()
                .map(|p| p.ident.to_string())
                .collect(),
            generics,
            predicates: Vec::new(),
        }
    }

    /// Requires `ty: bound` when `ty` mentions a type parameter.
    pub(crate) fn require(&mut self, ty: &Type, bound: &TokenStream) {
        if self.params.is_empty() || !mentions(ty.to_token_stream(), &self.params) {
            return;
        }
        let predicate: WherePredicate = syn::parse_quote!(#ty: #bound);
        if !self.predicates.contains(&predicate) {
            self.predicates.push(predicate);
        }
    }

    /// The generics with `Self: Debug` (the trait's supertrait) and the
    /// collected predicates added.
    pub(crate) fn finish(self, self_ty: &TokenStream) -> Generics {
        let mut generics = self.generics.clone();
        let where_clause = generics.make_where_clause();
        if !self.params.is_empty() || self.generics.lifetimes().next().is_some() {
            where_clause
                .predicates
                .push(syn::parse_quote!(#self_ty: ::core::fmt::Debug));
        }
        where_clause.predicates.extend(self.predicates);
        generics
    }
}

/// Whether `ty` names one of `generics`' parameters: a type, a lifetime
/// or a const parameter.
pub(crate) fn mentions_params(ty: &Type, generics: &Generics) -> bool {
    let params: Vec<String> = generics
        .params
        .iter()
        .map(|param| match param {
            syn::GenericParam::Type(param) => param.ident.to_string(),
            syn::GenericParam::Lifetime(param) => param.lifetime.ident.to_string(),
            syn::GenericParam::Const(param) => param.ident.to_string(),
        })
        .collect();
    !params.is_empty() && mentions(ty.to_token_stream(), &params)
}

fn mentions(tokens: TokenStream, params: &[String]) -> bool {
    tokens.into_iter().any(|tree| match tree {
        TokenTree::Ident(ident) => params.iter().any(|p| ident == p),
        TokenTree::Group(group) => mentions(group.stream(), params),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::mentions;
    use quote::quote;

    #[test]
    fn finds_type_parameters_anywhere_in_a_type() {
        let params = ["T".to_owned()];
        assert!(mentions(quote!(T), &params));
        assert!(mentions(quote!(Vec<T>), &params));
        assert!(mentions(quote!(&'a [(u8, T)]), &params));
        assert!(!mentions(quote!(String), &params));
        assert!(!mentions(quote!(Tx), &params));
    }
}
