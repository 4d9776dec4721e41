//! The rules of the `From` impls a `transparent` variant gets
//! ([`Input::conversions`]).

use darling::error::Accumulator;
use syn::Type;

use super::noun;
use crate::codegen::type_string;
use crate::generics::may_unify;
use crate::model::{Input, Variant};

/// `skip_from` needs `transparent`; no two variants convert from one type,
/// since `?` could not choose between them: the error sits on the second
/// one's field type, with the opt-out.
pub(super) fn check_from(input: &Input, errors: &mut Accumulator) {
    for variant in &input.variants {
        if let (Some(span), None) = (variant.skip_from, variant.transparent) {
            errors.push(
                darling::Error::custom(format!(
                    "`skip_from` leaves out the `From` impl a `transparent` {noun} gets, and `{}` is not `transparent`; remove `skip_from`",
                    variant.ident,
                    noun = noun(input),
                ))
                .with_span(&span),
            );
        }
    }
    let mut taken: Vec<(&Variant, &Type, bool)> = input
        .thiserror_conversions()
        .map(|(variant, field)| (variant, &field.ty, true))
        .collect();
    for (variant, field) in input.conversions() {
        let Some((first, _, thiserror)) = taken
            .iter()
            .find(|(_, ty, _)| may_unify(ty, &field.ty, &input.generics))
        else {
            taken.push((variant, &field.ty, false));
            continue;
        };
        let ty = type_string(&field.ty);
        let ident = &input.ident;
        let text = if *thiserror {
            format!(
                "thiserror's `#[from]` on `{first}` already implements `From<{ty}>` for `{ident}`, and this `transparent` variant would implement it again; add `skip_from` to it: `#[api(transparent, skip_from)]`",
                first = first.ident,
            )
        } else {
            format!(
                "`{first}` already wraps `{ty}`, and each `transparent` variant implements `From` of its field's type for `?`, which cannot choose between two variants; add `skip_from` to one of them: `#[api(transparent, skip_from)]`",
                first = first.ident,
            )
        };
        errors.push(darling::Error::custom(text).with_span(&field.ty));
    }
}
