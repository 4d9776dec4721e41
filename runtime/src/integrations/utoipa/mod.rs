//! OpenAPI responses from the catalog, with utoipa 6 (feature `utoipa`).
//!
//! With the feature on, every derived type implements
//! `utoipa::IntoResponses`, so it goes straight into a path's `responses`:
//! `#[utoipa::path(get, path = "/users/{id}", responses((status = 200, body = User), UserError))]`.
//! The responses are [`responses::<UserError>()`](responses): one per HTTP
//! status of the type's catalog, nested (`transparent`) catalogs included.
//!
//! ```
//! use errbook::ApiError;
//! use utoipa::OpenApi;
//!
//! #[derive(Debug, ApiError)]
//! #[api(format = problem)]
//! enum UserError {
//!     /// No user has this id.
//!     #[api(code = "USER_NOT_FOUND", status = 404, message = "User {id} not found.")]
//!     NotFound { #[api(field)] id: u64 },
//!     /// The user deleted their account.
//!     #[api(code = "USER_DELETED", status = 404, message = "User deleted.")]
//!     Deleted,
//!     /// Too many requests.
//!     #[api(code = "RATE_LIMITED", status = 429, message = "Slow down.")]
//!     RateLimited { #[api(field, retry_after = "ms")] retry_after_ms: u64 },
//! }
//!
//! #[utoipa::path(get, path = "/users/{id}", responses((status = 200, body = String), UserError))]
//! fn get_user() {}
//!
//! #[derive(OpenApi)]
//! #[openapi(paths(get_user))]
//! struct Api;
//!
//! let doc = serde_json::to_value(Api::openapi()).unwrap();
//! let responses = &doc["paths"]["/users/{id}"]["get"]["responses"];
//!
//! // Two codes share 404: one alternative per code, told apart by `code`.
//! let not_found = &responses["404"]["content"]["application/problem+json"]["schema"];
//! assert_eq!(not_found["discriminator"]["propertyName"], "code");
//! let user_not_found = &not_found["oneOf"][0];
//! assert_eq!(user_not_found["title"], "USER_NOT_FOUND");
//! assert_eq!(user_not_found["properties"]["code"]["enum"][0], "USER_NOT_FOUND");
//! assert_eq!(user_not_found["properties"]["id"]["type"], "integer"); // the field's own schema
//! assert_eq!(user_not_found["examples"][0]["detail"], "User 0 not found.");
//! assert_eq!(not_found["oneOf"][1]["title"], "USER_DELETED");
//!
//! // One code: its schema alone, and `Retry-After` for a code that sets it.
//! let rate_limited = &responses["429"];
//! assert_eq!(rate_limited["content"]["application/problem+json"]["schema"]["title"], "RATE_LIMITED");
//! assert_eq!(rate_limited["headers"]["Retry-After"]["schema"]["type"], "integer");
//! ```
//!
//! # What a response holds
//!
//! - **One response per status**, keyed by the status (`"404"`), described
//!   by its reason phrase and the codes sent with it
//!   (``Not Found: `USER_NOT_FOUND`, `USER_DELETED`.``). Codes whose status is
//!   chosen at run time (an `#[api(status)]` field) share the `default`
//!   response. Codes with `#[api(status = none)]` never travel over HTTP and
//!   are left out, as is an `#[api(other)]` catch-all, which has no code of
//!   its own.
//! - **Content** of the type's format's `content-type`
//!   ([`Format::CONTENT_TYPE`]: `application/problem+json` for
//!   [`Problem`](crate::format::Problem), `application/json` otherwise), with
//!   one named example body per code.
//! - **A schema per code**, titled with the code and described by the
//!   variant's doc comment, with an example body (`examples`) and
//!   `deprecated` for a `#[deprecated]` variant.
//! - **`Retry-After`** as a response header when one of the codes sets it.
//! - **The list of violations** of a code that carries one
//!   (`#[api(violations)]`), where the format writes it, with the schema of
//!   its shape: problem+json's `errors` (`{detail, pointer, parameter, in,
//!   code}`), FastAPI's list of `ValidationError`s as `detail` (`{type,
//!   loc, msg, input, ctx}`), a `google.rpc.BadRequest` detail
//!   (`fieldViolations` of `{field, description, reason}`), nested's and
//!   matrix's `violations` (`{pointer, parameter, in, code, message}`);
//!   a format of your own gets the schema inferred from its example. The
//!   member is required, or optional for an `Option<Violations>` field
//!   (a `detail` body then holds the list or the message). The example
//!   shows one violation.
//!
//! When a status has one code, its schema is the response's schema. When
//! several codes share it, the schema is a `oneOf` with one alternative per
//! code, each pinning its code member to its value (`"enum": ["USER_DELETED"]`),
//! so a body matches exactly one alternative.
//!
//! # The discriminator rule
//!
//! The `oneOf` gets a `discriminator` naming the code member when that
//! member is a **top-level property** of the body and every code of the
//! status is a string: [`Problem`](crate::format::Problem) (`code`) and
//! [`Matrix`](crate::format::Matrix) (`errcode`) bodies, for instance. An
//! OpenAPI discriminator can only name a property of the body itself, so a
//! nested body (`{"error": {"code": …}}`, the default
//! [`Nested`](crate::format::Nested) format, or Google's
//! `error.details[0].reason`) gets the `oneOf` alone; the pinned code still
//! tells the alternatives apart for any JSON Schema validator. A format
//! whose body carries no code at all ([`Detail`](crate::format::Detail)'s
//! `{"detail": …}`) cannot tell its codes apart, so its alternatives are an
//! `anyOf`.
//!
//! The [`responses`] are inline, with a discriminator without `mapping`
//! (inline alternatives have no name to map to). For documents that prefer
//! named schemas, [`components`] registers one schema per code and
//! [`referenced_responses`] refers to them, with a discriminator `mapping`
//! from each code to its schema.
//!
//! # How a body's schema is found
//!
//! errbook never assumes a body's shape: it renders an example of each code
//! through the type's [`Format`] (yours included) and reads the schema off
//! the JSON. The example error has the entry's code, status, title and
//! message, each placeholder of the message template filled in (with the
//! field's example value when the field is exposed, `"string"` otherwise),
//! and an example value for each exposed field, made from the field's
//! schema (`"string"` for a string, `0` for an integer, the schema's own
//! `example`, `default` or first `enum` value when it has one). Then:
//!
//! - objects become `properties` with every member `required`, arrays
//!   `items`, scalars their JSON type;
//! - the member that holds the code (found by rendering the error again with
//!   another code) is pinned to the code;
//! - the member that holds an exposed field gets the field's own schema
//!   (from `utoipa::PartialSchema`, so `u64` is
//!   `{"type": "integer", "format": "int64", "minimum": 0}`) when the format
//!   writes the field's value unchanged; a format that rewrites it, as
//!   [`Google`](crate::format::Google) does with its string `metadata`,
//!   keeps the schema of what it writes (a string). A field whose type has
//!   no schema may hold any JSON value (`{}`);
//! - a nullable field the format leaves out when it is `null` is not
//!   required;
//! - members a format adds for a request id
//!   ([`request`](crate::request): `request_id`, `instance`, a
//!   `google.rpc.RequestInfo`) are optional properties.
//!
//! A field whose schema is a `$ref` to a component (a `#[derive(ToSchema)]`
//! type) keeps the reference: register the component with the document's
//! `components(schemas(…))`.
//!
//! [`Format`]: crate::Format
//! [`Format::CONTENT_TYPE`]: crate::Format::CONTENT_TYPE

mod convert;
mod examples;
mod responses;
mod schema;
mod violations;

use core::fmt;
use std::collections::BTreeMap;

use ::utoipa::openapi::{Components, ComponentsBuilder, RefOr, Response, Schema};
use serde_json::Value;

use crate::catalog::{Entry, Status};
use crate::{ApiError, Code};
use responses::build_responses;
use schema::code_schema;

/// The OpenAPI responses of `E`, from its catalog: what every derived type's
/// `utoipa::IntoResponses` returns.
///
/// One response per status (`"404"`), plus `default` for codes whose status
/// is chosen at run time; schemas inline. See the [module docs](self).
pub fn responses<E: ApiError>() -> BTreeMap<String, RefOr<Response>> {
    build_responses::<E>(&code_schemas::<E>(), false)
}

/// The responses of [`responses`], with each code's schema a `$ref` to
/// `#/components/schemas/<name>` (the [`CodeSchema::name`]) and the
/// discriminator, when there is one, mapping each code to its schema.
///
/// Register [`components::<E>()`](components) in the same document.
///
/// ```
/// use errbook::ApiError;
/// use utoipa::openapi::{HttpMethod, OpenApiBuilder, PathItem, PathsBuilder};
/// use utoipa::openapi::path::OperationBuilder;
/// use utoipa::openapi::response::ResponsesBuilder;
///
/// #[derive(Debug, ApiError)]
/// #[api(format = matrix, prefix = "M_")]
/// enum MatrixError {
///     #[api(status = 403, message = "Forbidden.")]
///     Forbidden,
///     #[api(status = 403, message = "Suspended.")]
///     UserSuspended,
/// }
///
/// let operation = OperationBuilder::new().responses(
///     ResponsesBuilder::new().responses_from_iter(errbook::utoipa::referenced_responses::<MatrixError>()),
/// );
/// let doc = OpenApiBuilder::new()
///     .paths(PathsBuilder::new().path("/rooms", PathItem::new(HttpMethod::Get, operation)))
///     .components(Some(errbook::utoipa::components::<MatrixError>()))
///     .build();
/// let doc = serde_json::to_value(doc).unwrap();
///
/// let schema = &doc["paths"]["/rooms"]["get"]["responses"]["403"]["content"]["application/json"]["schema"];
/// assert_eq!(schema["oneOf"][0]["$ref"], "#/components/schemas/MatrixError.M_FORBIDDEN");
/// assert_eq!(schema["discriminator"]["propertyName"], "errcode");
/// assert_eq!(schema["discriminator"]["mapping"]["M_USER_SUSPENDED"], "#/components/schemas/MatrixError.M_USER_SUSPENDED");
/// assert_eq!(doc["components"]["schemas"]["MatrixError.M_FORBIDDEN"]["title"], "M_FORBIDDEN");
/// ```
pub fn referenced_responses<E: ApiError>() -> BTreeMap<String, RefOr<Response>> {
    build_responses::<E>(&code_schemas::<E>(), true)
}

/// One schema per code of `E` that travels over HTTP, named as
/// [`CodeSchema::name`]: the `components` [`referenced_responses`] refer
/// to.
pub fn components<E: ApiError>() -> Components {
    ComponentsBuilder::new()
        .schemas_from_iter(
            code_schemas::<E>()
                .into_iter()
                .map(|code| (code.name, code.schema)),
        )
        .build()
}

/// The schema of one code's body, as [`code_schemas`] makes it.
#[derive(Clone)]
#[non_exhaustive]
pub struct CodeSchema {
    /// The catalog entry of the code.
    pub entry: Entry,
    /// The HTTP status, `None` when it is chosen at run time (the code is
    /// then documented under `default`).
    pub status: Option<u16>,
    /// A component name for the schema: `<type>.<code>` (`ChatError.FORBIDDEN`),
    /// every character outside `A-Z a-z 0-9 . _ -` replaced by `_`, unique
    /// within the type.
    pub name: String,
    /// Where the code is in the body, as a JSON Pointer (`/error/code`,
    /// `/errcode`); `None` when the format does not write it.
    pub code_pointer: Option<String>,
    /// The example body.
    pub example: Value,
    /// The body's schema: titled with the code, described by the variant's
    /// doc comment, with the example.
    pub schema: Schema,
}

impl fmt::Debug for CodeSchema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let schema = serde_json::to_value(&self.schema).unwrap_or(Value::Null);
        f.debug_struct("CodeSchema")
            .field("entry", &self.entry)
            .field("status", &self.status)
            .field("name", &self.name)
            .field("code_pointer", &self.code_pointer)
            .field("example", &self.example)
            .field("schema", &schema)
            .finish()
    }
}

/// The schema of each code of `E` that travels over HTTP, in declaration
/// order, nested catalogs included; see the [module docs](self) for how a
/// schema is found.
///
/// ```
/// use errbook::ApiError;
///
/// #[derive(Debug, ApiError)]
/// enum PostError {
///     /// The post is locked.
///     #[api(code = "POST_LOCKED", status = 423, message = "Post {id} is locked.")]
///     Locked { #[api(field)] id: u64 },
/// }
///
/// let [locked] = &errbook::utoipa::code_schemas::<PostError>()[..] else { panic!() };
/// assert_eq!(locked.status, Some(423));
/// assert_eq!(locked.code_pointer.as_deref(), Some("/error/code"));
/// assert_eq!(
///     locked.example,
///     serde_json::json!({"error": {"code": "POST_LOCKED", "message": "Post 0 is locked.", "id": 0}}),
/// );
/// let schema = serde_json::to_value(&locked.schema).unwrap();
/// assert_eq!(schema["title"], "POST_LOCKED");
/// assert_eq!(schema["description"], "The post is locked.");
/// assert_eq!(schema["properties"]["error"]["properties"]["code"]["enum"][0], "POST_LOCKED");
/// assert_eq!(schema["properties"]["error"]["properties"]["id"]["format"], "int64");
/// ```
pub fn code_schemas<E: ApiError>() -> Vec<CodeSchema> {
    let catalog = E::CATALOG;
    let prefix = if catalog.type_name().is_empty() {
        "Error"
    } else {
        catalog.type_name()
    };
    let mut names: Vec<String> = Vec::new();
    catalog
        .entries()
        .filter_map(|(owner, entry)| {
            let status = match entry.status() {
                Status::Fixed(status) => Some(status),
                Status::Varies => None,
                Status::None => return None,
            };
            if entry.code() == "" {
                return None;
            }
            let name = unique_name(&mut names, prefix, entry.code());
            Some(code_schema::<E::Format>(owner, entry, status, name))
        })
        .collect()
}

/// `<prefix>.<code>`, sanitized and made unique among `names`.
fn unique_name(names: &mut Vec<String>, prefix: &str, code: Code<'_>) -> String {
    let base: String = format!("{prefix}.{code}")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut name = base.clone();
    let mut n = 2;
    while names.contains(&name) {
        name = format!("{base}_{n}");
        n += 1;
    }
    names.push(name.clone());
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(dead_code)]
    #[derive(Debug, ApiError)]
    #[api(format = problem)]
    enum Sample {
        /// First line.
        ///
        /// More.
        #[api(code = "A", status = 409, message = "{{literal}} {id:>4} {missing}")]
        A {
            #[api(field)]
            id: u32,
            missing: String,
        },
        #[deprecated]
        #[api(code = "B", status = 409, message = "Gone.")]
        B,
    }

    #[test]
    fn examples_fill_templates_and_schemas_carry_the_entry() {
        let schemas = code_schemas::<Sample>();
        assert_eq!(schemas[0].example["detail"], "{literal} 0 string");
        assert_eq!(schemas[0].name, "Sample.A");
        let b = serde_json::to_value(&schemas[1].schema).unwrap();
        assert_eq!(b["deprecated"], true);
        assert_eq!(b["title"], "B");
        assert_eq!(b["description"], "Gone.");

        let responses = serde_json::to_value(responses::<Sample>()).unwrap();
        let conflict = &responses["409"];
        assert_eq!(conflict["description"], "Conflict: `A`, `B`.");
        let content = &conflict["content"]["application/problem+json"];
        assert_eq!(content["schema"]["discriminator"]["propertyName"], "code");
        assert_eq!(content["examples"]["A"]["summary"], "First line.");
        assert_eq!(content["examples"]["B"]["value"]["code"], "B");
    }

    #[test]
    fn names_are_sanitized_and_unique() {
        let mut names = Vec::new();
        assert_eq!(
            unique_name(&mut names, "T", Code::Str("user:not found")),
            "T.user_not_found"
        );
        assert_eq!(
            unique_name(&mut names, "T", Code::Str("user/not found")),
            "T.user_not_found_2"
        );
        assert_eq!(unique_name(&mut names, "T", Code::Int(-4)), "T.-4");
    }
}
