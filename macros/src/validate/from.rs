//! The rules of the `From` impls a `transparent` variant gets
//! ([`Input::conversions`]).

use darling::error::Accumulator;
use syn::Type;

use super::noun;
use crate::codegen::type_string;
use crate::generics::may_unify;
use crate::model::{Input, Variant};

/// `skip_from` needs `transparent` or a lone `violations` field; no two
/// variants convert from one type, since `?` could not choose between
/// them: the error sits on the second one's field type, with the opt-out.
pub(super) fn check_from(input: &Input, errors: &mut Accumulator) {
    for variant in &input.variants {
        let converts = variant.transparent.is_some()
            || matches!(variant.fields.as_slice(), [field] if field.violations.is_some());
        if let (Some(span), false) = (variant.skip_from, converts) {
            errors.push(
                darling::Error::custom(format!(
                    "`skip_from` leaves out the `From` impl a `transparent` {noun} gets (or one whose only field is `#[api(violations)]`), and `{}` is neither; remove `skip_from`",
                    variant.ident,
                    noun = noun(input),
                ))
                .with_span(&span),
            );
        }
    }
    check_violations_from(input, errors);
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

/// One variant converts from `errbook::Violations`: a second one whose
/// only field is `#[api(violations)]` is refused on its field's type, with
/// the opt-out, as is one beside thiserror's `#[from]` of a `Violations`.
fn check_violations_from(input: &Input, errors: &mut Accumulator) {
    let thiserror = input
        .thiserror_conversions()
        .find(|(_, field)| names_violations(&field.ty));
    let mut first: Option<&Variant> = None;
    for (variant, field) in input.violations_conversions() {
        let text = match (thiserror, first) {
            (Some((from, _)), _) => format!(
                "thiserror's `#[from]` on `{}` already implements `From<Violations>` for `{}`, and `{}`, whose only field is `#[api(violations)]`, would implement it again; add `skip_from` to `{}`: `#[api(…, skip_from)]`",
                from.ident, input.ident, variant.ident, variant.ident,
            ),
            (None, Some(first)) => format!(
                "`{}` already converts from `errbook::Violations` (its only field is `#[api(violations)]`), and `?` cannot choose between two variants; add `skip_from` to one of them: `#[api(…, skip_from)]`",
                first.ident,
            ),
            (None, None) => {
                first = Some(variant);
                continue;
            }
        };
        errors.push(darling::Error::custom(text).with_span(&field.ty));
    }
}

/// Whether `ty` is written `Violations`, by any path.
fn names_violations(ty: &Type) -> bool {
    matches!(ty, Type::Path(path) if path.qself.is_none()
        && path.path.segments.last().is_some_and(|last| last.ident == "Violations" && last.arguments.is_none()))
}
