//! Implementation detail of the `errbook` crate: `#[derive(ApiError)]`.
//!
//! Use it through `errbook::ApiError`; the documentation lives there.

mod attr;
mod case;
mod clean;
mod codegen;
mod driver;
mod fallback;
mod generics;
mod keys;
mod model;
mod sanitize;
mod template;
mod validate;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives `errbook::ApiError`. See the `errbook` crate for the attributes.
#[proc_macro_derive(ApiError, attributes(api))]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    driver::derive(&input).into()
}
