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
        (_, Err(err)) => fallback::expand(input, err.write_errors()),
        (None, Ok(())) => fallback::expand(input, TokenStream::new()),
    }
}
