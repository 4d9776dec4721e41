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

/// Whether `ty` may be any type at all, as far as coherence can tell: a
/// type parameter (`T`) or a projection from one (`T::Error`,
/// `<T as Trait>::Error`). `From` of such a type overlaps core's
/// `impl<T> From<T> for T`.
pub(crate) fn is_open(ty: &Type, generics: &Generics) -> bool {
    match ungroup(ty) {
        Type::Path(path) => {
            path.qself.is_some() && mentions_params(ty, generics)
                || path.path.leading_colon.is_none()
                    && path
                        .path
                        .segments
                        .first()
                        .is_some_and(|first| generics.type_params().any(|p| p.ident == first.ident))
        }
        _ => false,
    }
}

/// Whether `a` and `b` may be one type for some choice of `generics`'
/// parameters: written alike, where a type parameter (or a projection from
/// one) stands for any type and lifetimes are not told apart, as coherence
/// does not tell them apart. Two paths to one type written differently
/// (`Inner`, `crate::Inner`) are not seen.
pub(crate) fn may_unify(a: &Type, b: &Type, generics: &Generics) -> bool {
    let (a, b) = (ungroup(a), ungroup(b));
    if is_open(a, generics) || is_open(b, generics) {
        return true;
    }
    match (a, b) {
        (Type::Path(a), Type::Path(b)) if a.qself.is_none() && b.qself.is_none() => {
            a.path.leading_colon.is_some() == b.path.leading_colon.is_some()
                && a.path.segments.len() == b.path.segments.len()
                && a.path.segments.iter().zip(&b.path.segments).all(|(a, b)| {
                    a.ident == b.ident && arguments_unify(&a.arguments, &b.arguments, generics)
                })
        }
        (Type::Reference(a), Type::Reference(b)) => {
            a.mutability.is_some() == b.mutability.is_some()
                && may_unify(&a.elem, &b.elem, generics)
        }
        (Type::Tuple(a), Type::Tuple(b)) => {
            a.elems.len() == b.elems.len()
                && a.elems
                    .iter()
                    .zip(&b.elems)
                    .all(|(a, b)| may_unify(a, b, generics))
        }
        (Type::Slice(a), Type::Slice(b)) => may_unify(&a.elem, &b.elem, generics),
        (Type::Array(a), Type::Array(b)) => may_unify(&a.elem, &b.elem, generics),
        (a, b) => a.to_token_stream().to_string() == b.to_token_stream().to_string(),
    }
}

fn arguments_unify(a: &syn::PathArguments, b: &syn::PathArguments, generics: &Generics) -> bool {
    use syn::{GenericArgument, PathArguments};
    match (a, b) {
        (PathArguments::AngleBracketed(a), PathArguments::AngleBracketed(b)) => {
            a.args.len() == b.args.len()
                && a.args.iter().zip(&b.args).all(|pair| match pair {
                    (GenericArgument::Type(a), GenericArgument::Type(b)) => {
                        may_unify(a, b, generics)
                    }
                    (GenericArgument::Lifetime(_), GenericArgument::Lifetime(_))
                    | (GenericArgument::Const(_), GenericArgument::Const(_)) => true,
                    (a, b) => a.to_token_stream().to_string() == b.to_token_stream().to_string(),
                })
        }
        (a, b) => a.to_token_stream().to_string() == b.to_token_stream().to_string(),
    }
}

fn ungroup(mut ty: &Type) -> &Type {
    while let Type::Group(syn::TypeGroup { elem, .. }) | Type::Paren(syn::TypeParen { elem, .. }) =
        ty
    {
        ty = elem;
    }
    ty
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
    use super::{is_open, may_unify, mentions};
    use quote::quote;

    #[test]
    fn open_types_are_parameters_and_their_projections() {
        let generics: syn::Generics = syn::parse_quote!(<'a, T: Tr, const N: usize>);
        let open = |ty: syn::Type| is_open(&ty, &generics);
        assert!(open(syn::parse_quote!(T)));
        assert!(open(syn::parse_quote!(T::Error)));
        assert!(open(syn::parse_quote!(<T as Tr>::Error)));
        assert!(!open(syn::parse_quote!(Vec<T>)));
        assert!(!open(syn::parse_quote!(&'a T)));
        assert!(!open(syn::parse_quote!(Inner)));
        assert!(!open(syn::parse_quote!(<Inner as Tr>::Error)));
    }

    #[test]
    fn types_unify_where_a_parameter_could_make_them_one() {
        let generics: syn::Generics = syn::parse_quote!(<'a, 'b, T, U>);
        let unify = |a: syn::Type, b: syn::Type| may_unify(&a, &b, &generics);
        let table: [(syn::Type, syn::Type, bool); 9] = [
            (syn::parse_quote!(Inner), syn::parse_quote!(Inner), true),
            (syn::parse_quote!(Inner), syn::parse_quote!(Other), false),
            (syn::parse_quote!(Wrap<T>), syn::parse_quote!(Wrap<U>), true),
            (
                syn::parse_quote!(Wrap<T>),
                syn::parse_quote!(Wrap<String>),
                true,
            ),
            (
                syn::parse_quote!(Wrap<u8>),
                syn::parse_quote!(Wrap<String>),
                false,
            ),
            (
                syn::parse_quote!(&'a Inner),
                syn::parse_quote!(&'b Inner),
                true,
            ),
            (
                syn::parse_quote!((T, u8)),
                syn::parse_quote!((String, u16)),
                false,
            ),
            (
                syn::parse_quote!(Inner),
                syn::parse_quote!(crate::Inner),
                false,
            ),
            (syn::parse_quote!([T; 2]), syn::parse_quote!([u8; 2]), true),
        ];
        for (a, b, expected) in table {
            assert_eq!(
                unify(a.clone(), b.clone()),
                expected,
                "{} / {}",
                quote!(#a),
                quote!(#b)
            );
        }
    }

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
