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

/// The `#[api(...)]` keys of `#[derive(errbook::ApiError)]`, by where they
/// are written. errbook's [attribute reference] details what each accepts;
/// a mistake in any of them is a compile error on the offending token.
///
/// [attribute reference]: https://docs.rs/errbook/latest/errbook/#attribute-reference
///
/// On the enum or struct:
///
/// | key | meaning |
/// |---|---|
/// | `rename_all = "…"` | the case of codes derived from variant names (default `SCREAMING_SNAKE_CASE`) |
/// | `prefix = "…"` | prepended to derived codes, not to an explicit `code` |
/// | `status = N` / `status = none` | the status of the variants that name none; `none`: the codes never travel over HTTP |
/// | `format = …` | the default envelope: `nested` (the default), `problem`, `matrix`, `detail`, `google`, or a type implementing `errbook::Format` |
/// | `domain = "…"` | the error domain (Google's `ErrorInfo.domain`) |
/// | `docs = "https://…/{code}"` | the documentation URL of each code (problem+json's `type`) |
/// | `parse` | also generate the client-side decoder (`errbook::Parse`) |
/// | `display` | implement `Display` as the public message |
/// | `error` | implement `Display` (the public message) and `std::error::Error`, whose `source()` is the `source` field |
///
/// On a variant (or on a struct):
///
/// | key | meaning |
/// |---|---|
/// | `code = "…"` / `code = N` | the code, taken verbatim (default: the variant's name in `rename_all`'s case, after `prefix`) |
/// | `status = N` | the HTTP status, 400..=599; not together with an `#[api(status)]` field |
/// | `message = "…"` | the public message template: `{name}` and `{0}` interpolate fields (default: the status's reason phrase) |
/// | `title = "…"` | the problem+json `title` |
/// | `transparent` | a single-field variant that is its field's error, nested codes and all; implements `From` of the field's type |
/// | `prefix = "…"` / `rename_all = "…"` | with `transparent`: rename the inner type's codes (`app:` + `malformed_json`) |
/// | `codes(Variant = "…", …)` | with `transparent`: the code of each named variant of the inner type, taken verbatim |
/// | `skip_from` | with `transparent`: no `From` impl of the field's type (the variant otherwise gets one, for `?`); on a variant whose only field is `#[api(violations)]`: no `From<errbook::Violations>` |
/// | `other` | with `parse`, on a variant only: the catch-all for unknown codes, `Other(errbook::Unknown)` |
/// | `alias = "…"` / `alias = N` | with `parse`, on a variant only: an older code still decoded into this variant (repeatable) |
/// | `skip_parse` | with `parse`, on a variant only: the decoder never produces this variant |
///
/// On a field:
///
/// | key | meaning |
/// |---|---|
/// | `field` / `field = "name"` | expose the field as an extra member of the body (any `serde::Serialize`) |
/// | `none = "omit"` / `none = "null"` | how an exposed `Option` field that is `None` is written |
/// | `default` / `default = "path::to::function"` | with `parse`: the value of a member the response does not have |
/// | `violations` | an `errbook::Violations` field: what was wrong with the request, field by field, which each format writes in its own member (problem+json's `errors`, FastAPI's `detail` list, Google's `BadRequest`, `violations`); at most one per variant, with no other key; a variant whose only field it is implements `From<errbook::Violations>` |
/// | `source` | the internal cause, never in a body or message |
/// | `status` | the `http::StatusCode` field that is the status, chosen at run time |
/// | `retry_after` / `retry_after = "ms"` / `retry_after = "s"` | the delay sent as `Retry-After` |
///
/// A variant's doc comment is its description (in the catalog, the OpenAPI
/// document and `ApiError::doc`); the first sentence of the type's doc
/// comment titles its section of a catalog page.
#[proc_macro_derive(ApiError, attributes(api))]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    driver::derive(&input).into()
}
