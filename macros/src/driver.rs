//! The derive, phase by phase: read the model (`model`), check it (`validate`),
//! then generate the code (`codegen`), or, on any mistake, the errors with
//! the stub impls of `fallback`.

use proc_macro2::TokenStream;
use syn::DeriveInput;

use crate::model::Input;
use crate::{codegen, fallback, validate};

pub(crate) fn derive(input: &DeriveInput) -> TokenStream {
    let mut errors = darling::Error::accumulator();
    let model = Input::from_syn(input, &mut errors);
    if let Some(model) = &model {
        validate::check(model, &mut errors);
    }
    match (model, errors.finish()) {
        (Some(model), Ok(())) => codegen::expand(&model),
        (model, Err(err)) => {
            // The `From` impls too, so that the `?`s that need them are no
            // cascade of errors.
            let mut errors = err.write_errors();
            errors.extend(model.as_ref().map(codegen::from::expand));
            fallback::expand(input, errors)
        }
        (None, Ok(())) => fallback::expand(input, TokenStream::new()),
    }
}
