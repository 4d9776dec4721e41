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

use core::fmt;
use core::marker::PhantomData;
use std::collections::BTreeMap;

use ::utoipa::openapi::example::ExampleBuilder;
use ::utoipa::openapi::schema::{
    AdditionalProperties, AllOf, AllOfBuilder, AnyOf, ArrayItems, Discriminator, OneOf, SchemaType,
    Type,
};
use ::utoipa::openapi::{
    Array, Components, ComponentsBuilder, ContentBuilder, HeaderBuilder, Object, ObjectBuilder,
    Ref, RefOr, Response, ResponseBuilder, Schema,
};
use serde_json::{Map, Value};

use crate::catalog::{Catalog, Entry, Status};
use crate::{ApiError, Code, Context, Envelope, FieldVisitor, Format};

/// The status of the examples of codes whose status is chosen at run time.
const VARIES_EXAMPLE_STATUS: u16 = 500;

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
    let prefix = if catalog.type_name.is_empty() {
        "Error"
    } else {
        catalog.type_name
    };
    let mut names: Vec<String> = Vec::new();
    catalog
        .entries()
        .filter_map(|(owner, entry)| {
            let status = match entry.status {
                Status::Fixed(status) => Some(status),
                Status::Varies => None,
                Status::None => return None,
            };
            if entry.code == "" {
                return None;
            }
            let name = unique_name(&mut names, prefix, entry.code);
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

/// What an exposed field contributes to the examples.
struct FieldExample {
    name: &'static str,
    /// The field's schema as JSON; `None` when its type has none.
    schema: Option<Value>,
    example: Value,
}

fn code_schema<F: Format + Default>(
    owner: &'static Catalog,
    entry: &'static Entry,
    status: Option<u16>,
    name: String,
) -> CodeSchema {
    let fields: Vec<FieldExample> = entry
        .fields
        .iter()
        .map(|field| {
            let schema = field.schema.get();
            let example = schema
                .as_ref()
                .map_or_else(|| Value::String("string".into()), example_of);
            FieldExample {
                name: field.name,
                schema,
                example,
            }
        })
        .collect();
    let example_error = |code: OwnedCode, values: Vec<Value>| Synthetic::<F> {
        entry,
        owner,
        status: http::StatusCode::from_u16(status.unwrap_or(VARIES_EXAMPLE_STATUS))
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
        code,
        fields: fields.iter().map(|f| f.name).zip(values).collect(),
        format: PhantomData,
    };
    let base_values = || fields.iter().map(|f| f.example.clone()).collect::<Vec<_>>();
    let code = OwnedCode::of(entry.code);

    let base = example_error(code.clone(), base_values()).render(Context::production());
    let (schema, code_pointer) = match &base {
        Some(example) => {
            let mut marks = Marks::default();
            // The code and each field, found by rendering them as other values.
            let sentinels: Vec<Value> = (0..fields.len())
                .map(|i| Value::String(format!("\u{1}errbook-field-{i}\u{1}")))
                .collect();
            let probe =
                example_error(code.sentinel(), sentinels.clone()).render(Context::production());
            let code_json = code.to_json();
            let sentinel_json = code.sentinel().to_json();
            let mut code_pointers = Vec::new();
            walk(example, &mut String::new(), &mut |pointer, value| {
                if *value == code_json
                    && probe.as_ref().and_then(|p| p.pointer(pointer)) == Some(&sentinel_json)
                {
                    code_pointers.push(pointer.to_owned());
                }
            });
            marks.pinned.clone_from(&code_pointers);
            if let Some(probe) = &probe {
                walk(probe, &mut String::new(), &mut |pointer, value| {
                    let Some(i) = sentinels.iter().position(|s| s == value) else {
                        return;
                    };
                    let field = &fields[i];
                    // The format writes the value as it is: the field's schema
                    // applies. Otherwise (rewritten, as Google's string
                    // metadata), the schema of what it writes.
                    if example.pointer(pointer) == Some(&field.example) {
                        let schema = field
                            .schema
                            .clone()
                            .unwrap_or_else(|| Value::Object(Map::new()));
                        marks.replaced.push((pointer.to_owned(), schema));
                    }
                });
            }
            // Nullable fields the format leaves out when `null`: optional.
            let nullable: Vec<bool> = fields
                .iter()
                .map(|f| f.schema.as_ref().is_some_and(admits_null))
                .collect();
            if nullable.contains(&true) {
                let values = fields
                    .iter()
                    .zip(&nullable)
                    .map(|(f, &null)| if null { Value::Null } else { f.example.clone() })
                    .collect();
                let nulls = example_error(code.clone(), values).render(Context::production());
                if let (Some(nulls), Some(probe)) = (&nulls, &probe) {
                    walk(probe, &mut String::new(), &mut |pointer, value| {
                        let is_nullable_field = sentinels
                            .iter()
                            .zip(&nullable)
                            .any(|(s, &null)| null && s == value);
                        if is_nullable_field && nulls.pointer(pointer).is_none() {
                            marks.optional.push(pointer.to_owned());
                        }
                    });
                }
            }
            // Members written for a request id: optional.
            let with_instance = example_error(code.clone(), base_values())
                .render(Context::production().with_instance("string"));
            let mut schema = infer(example, with_instance.as_ref(), &mut String::new(), &marks);
            if let Value::Object(map) = &mut schema {
                map.insert("examples".into(), Value::Array(vec![example.clone()]));
            }
            (schema, code_pointers.into_iter().next())
        }
        None => (Value::Object(Map::new()), None),
    };
    let mut schema = match schema {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    schema.insert("title".into(), Value::String(entry.code.to_string()));
    if let Some(description) = entry.description.or(entry.message) {
        schema.insert("description".into(), Value::String(description.to_owned()));
    }
    if entry.deprecated {
        schema.insert("deprecated".into(), Value::Bool(true));
    }
    let schema = match to_utoipa(&Value::Object(schema)) {
        RefOr::T(schema) => schema,
        RefOr::Ref(reference) => Schema::AllOf(AllOfBuilder::new().item(reference).build()),
    };
    CodeSchema {
        entry: *entry,
        status,
        name,
        code_pointer,
        example: base.unwrap_or(Value::Null),
        schema,
    }
}

/// A code the example error owns.
#[derive(Clone, Debug)]
enum OwnedCode {
    Str(String),
    Int(i64),
}

impl OwnedCode {
    fn of(code: Code<'_>) -> Self {
        match code {
            Code::Str(code) => OwnedCode::Str(code.to_owned()),
            Code::Int(code) => OwnedCode::Int(code),
        }
    }

    /// Another code of the same kind, to find where the code is written.
    fn sentinel(&self) -> Self {
        match self {
            OwnedCode::Str(code) => OwnedCode::Str(format!("\u{1}errbook-code\u{1}{code}")),
            OwnedCode::Int(code) => OwnedCode::Int(if *code == 987_654_321 {
                987_654_322
            } else {
                987_654_321
            }),
        }
    }

    fn as_code(&self) -> Code<'_> {
        match self {
            OwnedCode::Str(code) => Code::Str(code),
            OwnedCode::Int(code) => Code::Int(*code),
        }
    }

    fn to_json(&self) -> Value {
        match self {
            OwnedCode::Str(code) => Value::String(code.clone()),
            OwnedCode::Int(code) => Value::from(*code),
        }
    }
}

/// The example error of one catalog entry, in the format `F`.
struct Synthetic<F> {
    entry: &'static Entry,
    owner: &'static Catalog,
    status: http::StatusCode,
    code: OwnedCode,
    fields: Vec<(&'static str, Value)>,
    format: PhantomData<fn() -> F>,
}

impl<F: Format + Default> Synthetic<F> {
    /// The body, as JSON; `None` if the format fails to write it.
    fn render(&self, context: Context<'_>) -> Option<Value> {
        serde_json::to_value(Envelope::new(self, F::default(), context)).ok()
    }

    fn value_of(&self, name: &str) -> Option<&Value> {
        self.fields
            .iter()
            .find_map(|(field, value)| (*field == name).then_some(value))
    }
}

impl<F> fmt::Debug for Synthetic<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Synthetic")
            .field("code", &self.code)
            .field("status", &self.status)
            .field("fields", &self.fields)
            .finish_non_exhaustive()
    }
}

impl<F: Format + Default> ApiError for Synthetic<F> {
    type Format = F;

    fn code(&self) -> Code<'_> {
        self.code.as_code()
    }

    fn status(&self) -> http::StatusCode {
        self.status
    }

    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(template) = self.entry.message else {
            return f.write_str(crate::__private::reason(self.status));
        };
        let mut rest = template;
        while let Some(at) = rest.find(['{', '}']) {
            f.write_str(&rest[..at])?;
            let after = &rest[at + 1..];
            let brace = &rest[at..=at];
            if let Some(after) = after.strip_prefix(brace) {
                // `{{` or `}}`: a literal brace.
                f.write_str(brace)?;
                rest = after;
            } else if let (Some(end), "{") = (after.find('}'), brace) {
                let name = after[..end].split(':').next().unwrap_or("").trim();
                let name = name.strip_prefix("r#").unwrap_or(name);
                match self.value_of(name) {
                    Some(Value::String(text)) => f.write_str(text)?,
                    Some(value) => fmt::Display::fmt(value, f)?,
                    None => f.write_str("string")?,
                }
                rest = &after[end + 1..];
            } else {
                f.write_str(brace)?;
                rest = after;
            }
        }
        f.write_str(rest)
    }

    fn visit_fields<V: FieldVisitor + ?Sized>(&self, visitor: &mut V) -> Result<(), V::Error> {
        for (name, value) in &self.fields {
            visitor.visit(name, value)?;
        }
        Ok(())
    }

    fn description(&self) -> Option<&'static str> {
        self.entry.description
    }

    fn title(&self) -> Option<&'static str> {
        self.entry.title
    }

    fn domain(&self) -> Option<&'static str> {
        self.owner.domain
    }

    fn docs_template(&self) -> Option<&'static str> {
        self.owner.docs
    }
}

/// What [`infer`] does at some JSON Pointers of the example.
#[derive(Default)]
struct Marks {
    /// The code: pinned to its value.
    pinned: Vec<String>,
    /// Exposed fields: the field's schema.
    replaced: Vec<(String, Value)>,
    /// Members left out of `required`.
    optional: Vec<String>,
}

/// Calls `visit` with each node of `value` and its JSON Pointer.
fn walk(value: &Value, pointer: &mut String, visit: &mut impl FnMut(&str, &Value)) {
    visit(pointer, value);
    let len = pointer.len();
    match value {
        Value::Object(map) => {
            for (key, member) in map {
                push_key(pointer, key);
                walk(member, pointer, visit);
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                pointer.push('/');
                pointer.push_str(&index.to_string());
                walk(item, pointer, visit);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

/// Appends `/key`, escaped as RFC 6901 asks.
fn push_key(pointer: &mut String, key: &str) {
    pointer.push('/');
    pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// The schema of `example`: objects with their members `required`, arrays
/// with the schema of their items, scalars their type; `extra` is another
/// rendering whose additional members are optional properties.
fn infer(example: &Value, extra: Option<&Value>, pointer: &mut String, marks: &Marks) -> Value {
    if let Some((_, schema)) = marks.replaced.iter().find(|(at, _)| at == pointer) {
        return schema.clone();
    }
    if marks.pinned.iter().any(|at| at == pointer) {
        return serde_json::json!({ "type": json_type(example), "enum": [example] });
    }
    let len = pointer.len();
    match example {
        Value::Object(members) => {
            let mut properties = Map::new();
            let mut required = Vec::new();
            for (key, member) in members {
                push_key(pointer, key);
                let schema = infer(member, extra.and_then(|e| e.get(key)), pointer, marks);
                properties.insert(key.clone(), schema);
                if !marks.optional.iter().any(|at| at == pointer) {
                    required.push(Value::String(key.clone()));
                }
                pointer.truncate(len);
            }
            if let Some(Value::Object(more)) = extra {
                for (key, member) in more {
                    if !members.contains_key(key) {
                        properties.insert(key.clone(), plain(member));
                    }
                }
            }
            let mut schema = Map::new();
            schema.insert("type".into(), "object".into());
            if !properties.is_empty() {
                schema.insert("properties".into(), Value::Object(properties));
            }
            if !required.is_empty() {
                schema.insert("required".into(), Value::Array(required));
            }
            Value::Object(schema)
        }
        Value::Array(items) => {
            let mut schemas: Vec<Value> = Vec::new();
            for (index, item) in items.iter().enumerate() {
                pointer.push('/');
                pointer.push_str(&index.to_string());
                let schema = infer(item, extra.and_then(|e| e.get(index)), pointer, marks);
                pointer.truncate(len);
                if !schemas.contains(&schema) {
                    schemas.push(schema);
                }
            }
            if let Some(Value::Array(more)) = extra {
                for item in more.iter().skip(items.len()) {
                    let schema = plain(item);
                    if !schemas.contains(&schema) {
                        schemas.push(schema);
                    }
                }
            }
            let items = match schemas.len() {
                0 => Value::Object(Map::new()),
                1 => schemas.remove(0),
                _ => serde_json::json!({ "anyOf": schemas }),
            };
            serde_json::json!({ "type": "array", "items": items })
        }
        scalar => serde_json::json!({ "type": json_type(scalar) }),
    }
}

/// The schema of `example` alone.
fn plain(example: &Value) -> Value {
    infer(example, None, &mut String::new(), &Marks::default())
}

/// Whether a schema accepts `null`.
fn admits_null(schema: &Value) -> bool {
    let Value::Object(map) = schema else {
        return matches!(schema, Value::Bool(true));
    };
    let typed = match map.get("type") {
        Some(Value::String(ty)) => ty == "null",
        Some(Value::Array(types)) => types.iter().any(|ty| ty == "null"),
        _ => false,
    };
    typed
        || ["oneOf", "anyOf"].iter().any(|key| {
            map.get(*key)
                .and_then(Value::as_array)
                .is_some_and(|alternatives| alternatives.iter().any(admits_null))
        })
}

/// An example value for a field of this schema.
fn example_of(schema: &Value) -> Value {
    example_at(schema, 0)
}

fn example_at(schema: &Value, depth: usize) -> Value {
    let Value::Object(map) = schema else {
        return Value::String("string".into());
    };
    if depth > 8 || map.contains_key("$ref") {
        return Value::Null;
    }
    if let Some(value) = map.get("const") {
        return value.clone();
    }
    if let Some(value) = map
        .get("examples")
        .and_then(Value::as_array)
        .and_then(|examples| examples.first())
        .or_else(|| map.get("example"))
        .or_else(|| map.get("default"))
        .or_else(|| map.get("enum").and_then(Value::as_array)?.first())
    {
        return value.clone();
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(alternatives) = map.get(key).and_then(Value::as_array) {
            // The first alternative with a value to show; `null` if only
            // `null` (or references) remain.
            return alternatives
                .iter()
                .filter(|alternative| alternative.get("$ref").is_none())
                .map(|alternative| example_at(alternative, depth + 1))
                .find(|value| !value.is_null())
                .unwrap_or(Value::Null);
        }
    }
    let ty = match map.get("type") {
        Some(Value::String(ty)) => ty.as_str(),
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|ty| *ty != "null")
            .unwrap_or("null"),
        _ if map.contains_key("properties") => "object",
        _ if map.contains_key("items") => "array",
        _ => "string",
    };
    match ty {
        "null" => Value::Null,
        "boolean" => Value::Bool(false),
        "integer" | "number" => {
            let minimum = map
                .get("minimum")
                .cloned()
                .or_else(|| map.get("exclusiveMinimum").and_then(next_integer));
            match minimum {
                Some(minimum) if minimum.is_number() => minimum,
                _ if ty == "integer" => Value::from(0),
                _ => Value::from(0.0),
            }
        }
        "array" => match map.get("items").map(|items| example_at(items, depth + 1)) {
            Some(item) if !item.is_null() => Value::Array(vec![item]),
            _ => Value::Array(Vec::new()),
        },
        "object" => {
            let mut object = Map::new();
            if let Some(Value::Object(properties)) = map.get("properties") {
                for (name, property) in properties {
                    object.insert(name.clone(), example_at(property, depth + 1));
                }
            }
            Value::Object(object)
        }
        _ => Value::String(
            match map.get("format").and_then(Value::as_str) {
                Some("date-time") => "1970-01-01T00:00:00Z",
                Some("date") => "1970-01-01",
                Some("time") => "00:00:00Z",
                Some("uuid") => "00000000-0000-0000-0000-000000000000",
                Some("uri" | "url") => "https://example.com/",
                Some("email") => "user@example.com",
                Some("ipv4") => "127.0.0.1",
                Some("ipv6") => "::1",
                _ => "string",
            }
            .into(),
        ),
    }
}

/// The integer above an exclusive minimum.
fn next_integer(minimum: &Value) -> Option<Value> {
    match minimum {
        Value::Number(n) => n
            .as_i64()
            .and_then(|n| n.checked_add(1))
            .map(Value::from)
            .or_else(|| n.as_f64().map(|n| Value::from(n.floor() + 1.0))),
        _ => None,
    }
}

/// A JSON Schema as utoipa's types: composites (`oneOf`, `anyOf`, `allOf`),
/// arrays and objects rebuilt level by level, so that nothing nested is
/// lost to utoipa's untagged deserialization; `const` as a one-value `enum`.
fn to_utoipa(schema: &Value) -> RefOr<Schema> {
    let map = match schema {
        Value::Object(map) => map,
        Value::Bool(false) => {
            // Nothing matches an empty `enum`.
            return RefOr::T(Schema::Object(
                ObjectBuilder::new()
                    .schema_type(SchemaType::AnyValue)
                    .enum_values(Some(Vec::<Value>::new()))
                    .build(),
            ));
        }
        _ => return RefOr::T(Schema::Object(any_value())),
    };
    if let Some(location) = map.get("$ref").and_then(Value::as_str) {
        let mut reference = Ref::new(location);
        if let Some(description) = map.get("description").and_then(Value::as_str) {
            description.clone_into(&mut reference.description);
        }
        if let Some(summary) = map.get("summary").and_then(Value::as_str) {
            summary.clone_into(&mut reference.summary);
        }
        return RefOr::Ref(reference);
    }
    let items_of = |key: &str| -> Option<Vec<RefOr<Schema>>> {
        map.get(key)
            .and_then(Value::as_array)
            .map(|items| items.iter().map(to_utoipa).collect())
    };
    if let Some(items) = items_of("oneOf") {
        if let Some(mut one_of) = shell::<OneOf>(map, &["oneOf"], "oneOf") {
            one_of.items = items;
            return RefOr::T(Schema::OneOf(one_of));
        }
    } else if let Some(items) = items_of("anyOf") {
        if let Some(mut any_of) = shell::<AnyOf>(map, &["anyOf"], "anyOf") {
            any_of.items = items;
            return RefOr::T(Schema::AnyOf(any_of));
        }
    } else if let Some(items) = items_of("allOf")
        && let Some(mut all_of) = shell::<AllOf>(map, &["allOf"], "allOf")
    {
        all_of.items = items;
        return RefOr::T(Schema::AllOf(all_of));
    }
    let is_array = match map.get("type") {
        Some(Value::String(ty)) => ty == "array",
        Some(Value::Array(types)) => types.iter().any(|ty| ty == "array"),
        _ => false,
    };
    if is_array
        && let Some(mut array) =
            shell::<Array>(map, &["items", "prefixItems", "contentSchema"], "items")
    {
        array.items = match map.get("items") {
            Some(Value::Bool(false)) => ArrayItems::False,
            Some(items) => ArrayItems::RefOrSchema(Box::new(to_utoipa(items))),
            None => ArrayItems::RefOrSchema(Box::new(RefOr::T(Schema::Object(any_value())))),
        };
        if let Some(prefix) = map.get("prefixItems").and_then(Value::as_array) {
            array.prefix_items = prefix
                .iter()
                .filter_map(|item| inline(to_utoipa(item)))
                .collect();
        }
        return RefOr::T(Schema::Array(array));
    }
    RefOr::T(Schema::Object(object(map)))
}

/// A leaf object schema: its own keywords through serde, its subschemas
/// one by one.
fn object(map: &Map<String, Value>) -> Object {
    const NESTED: &[&str] = &[
        "properties",
        "additionalProperties",
        "propertyNames",
        "contentSchema",
        "const",
        "type",
    ];
    let mut object = shell::<Object>(map, NESTED, "type").unwrap_or_else(any_value);
    object.schema_type = match map.get("type") {
        Some(ty) => serde_json::from_value(ty.clone()).unwrap_or(SchemaType::AnyValue),
        None => SchemaType::AnyValue,
    };
    if let Some(value) = map.get("const")
        && object.enum_values.is_none()
    {
        object.enum_values = Some(vec![value.clone()]);
    }
    if let Some(Value::Object(properties)) = map.get("properties") {
        for (name, property) in properties {
            object.properties.insert(name.clone(), to_utoipa(property));
        }
    }
    object.additional_properties = match map.get("additionalProperties") {
        Some(Value::Bool(free)) => Some(Box::new(AdditionalProperties::FreeForm(*free))),
        Some(schema) => Some(Box::new(AdditionalProperties::RefOr(to_utoipa(schema)))),
        None => None,
    };
    object.property_names = map
        .get("propertyNames")
        .and_then(|names| inline(to_utoipa(names)))
        .map(Box::new);
    object.content_schema = map
        .get("contentSchema")
        .map(|schema| Box::new(to_utoipa(schema)));
    object
}

/// `T` from the keywords of `map` less `nested`, with `placeholder` set to
/// a value `T` accepts (the caller fills the real one in).
fn shell<T: serde::de::DeserializeOwned>(
    map: &Map<String, Value>,
    nested: &[&str],
    placeholder: &str,
) -> Option<T> {
    let mut own: Map<String, Value> = map
        .iter()
        .filter(|(key, _)| !nested.contains(&key.as_str()))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    let filler = match placeholder {
        "type" => Value::String("object".into()),
        "items" => serde_json::json!({ "type": "object" }),
        _ => Value::Array(Vec::new()),
    };
    own.insert(placeholder.to_owned(), filler);
    if placeholder == "items" {
        // The array's own type, as written (`"array"` or `["array", "null"]`).
        if let Some(ty) = map.get("type") {
            own.insert("type".into(), ty.clone());
        }
    }
    serde_json::from_value(Value::Object(own)).ok()
}

fn any_value() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::AnyValue)
        .build()
}

fn inline(schema: RefOr<Schema>) -> Option<Schema> {
    match schema {
        RefOr::T(schema) => Some(schema),
        RefOr::Ref(_) => None,
    }
}

/// The responses of `schemas`, grouped by status.
fn build_responses<E: ApiError>(
    schemas: &[CodeSchema],
    referenced: bool,
) -> BTreeMap<String, RefOr<Response>> {
    let mut groups: Vec<(Option<u16>, Vec<&CodeSchema>)> = Vec::new();
    for schema in schemas {
        match groups
            .iter_mut()
            .find(|(status, _)| *status == schema.status)
        {
            Some((_, group)) => group.push(schema),
            None => groups.push((schema.status, vec![schema])),
        }
    }
    groups
        .into_iter()
        .map(|(status, group)| {
            let key = status.map_or_else(|| "default".to_owned(), |status| status.to_string());
            let response = response::<E::Format>(status, &group, referenced);
            (key, RefOr::T(response))
        })
        .collect()
}

fn response<F: Format>(status: Option<u16>, group: &[&CodeSchema], referenced: bool) -> Response {
    let codes = group
        .iter()
        .map(|schema| format!("`{}`", schema.entry.code))
        .collect::<Vec<_>>()
        .join(", ");
    let description = match status {
        Some(status) => {
            let reason = http::StatusCode::from_u16(status)
                .ok()
                .and_then(|status| status.canonical_reason())
                .unwrap_or("Error");
            format!("{reason}: {codes}.")
        }
        None => format!("A status chosen at run time: {codes}."),
    };
    let reference = |schema: &CodeSchema| -> RefOr<Schema> {
        if referenced {
            RefOr::Ref(Ref::from_schema_name(schema.name.clone()))
        } else {
            RefOr::T(schema.schema.clone())
        }
    };
    let body_schema = if let [single] = group {
        reference(single)
    } else {
        let items = group.iter().map(|schema| reference(schema)).collect();
        if group.iter().all(|schema| schema.code_pointer.is_some()) {
            let mut one_of = OneOf::new();
            one_of.items = items;
            one_of.discriminator = discriminator(group, referenced);
            RefOr::T(Schema::OneOf(one_of))
        } else {
            let mut any_of = AnyOf::new();
            any_of.items = items;
            RefOr::T(Schema::AnyOf(any_of))
        }
    };
    let examples = group.iter().map(|schema| {
        let summary = schema
            .entry
            .description
            .and_then(|description| description.lines().next())
            .map_or_else(|| schema.entry.code.to_string(), str::to_owned);
        (
            schema.entry.code.to_string(),
            ExampleBuilder::new()
                .summary(summary)
                .value(Some(schema.example.clone()))
                .build(),
        )
    });
    let content = ContentBuilder::new()
        .schema(Some(body_schema))
        .examples_from_iter(examples)
        .build();
    let mut response = ResponseBuilder::new()
        .description(description)
        .content(F::CONTENT_TYPE, content);
    let retrying: Vec<String> = group
        .iter()
        .filter(|schema| schema.entry.retry_after.is_some())
        .map(|schema| format!("`{}`", schema.entry.code))
        .collect();
    if !retrying.is_empty() {
        let seconds = ObjectBuilder::new()
            .schema_type(Type::Integer)
            .format(Some(::utoipa::openapi::SchemaFormat::KnownFormat(
                ::utoipa::openapi::KnownFormat::Int64,
            )))
            .minimum(Some(0))
            .build();
        let header = HeaderBuilder::new()
            .schema(Some(seconds))
            .description(Some(format!(
                "Whole seconds to wait before retrying; sent with {}.",
                retrying.join(", ")
            )))
            .build();
        response = response.header("Retry-After", header);
    }
    response.build()
}

/// A discriminator on the code member, when it is a top-level property of
/// every alternative and every code is a string.
fn discriminator(group: &[&CodeSchema], referenced: bool) -> Option<Discriminator> {
    let first = group.first()?.code_pointer.as_deref()?;
    let property = first.strip_prefix('/').filter(|p| !p.contains('/'))?;
    let same = group.iter().all(|schema| {
        schema.code_pointer.as_deref() == Some(first) && schema.entry.code.as_str().is_some()
    });
    if !same {
        return None;
    }
    let property = property.replace("~1", "/").replace("~0", "~");
    Some(if referenced {
        Discriminator::with_mapping(
            property,
            group.iter().map(|schema| {
                (
                    schema.entry.code.to_string(),
                    format!("#/components/schemas/{}", schema.name),
                )
            }),
        )
    } else {
        Discriminator::new(property)
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn round_trip(schema: &Value) -> Value {
        serde_json::to_value(to_utoipa(schema)).unwrap()
    }

    #[test]
    fn nested_schemas_survive_the_conversion() {
        for schema in [
            json!({}),
            json!({"type": "string", "format": "date-time"}),
            json!({"type": ["integer", "null"], "format": "int64", "minimum": 0}),
            json!({"$ref": "#/components/schemas/User"}),
            json!({"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/User"}]}),
            json!({
                "type": "object",
                "title": "T",
                "required": ["a"],
                "properties": {
                    "a": {"oneOf": [{"type": "null"}, {"type": "string"}]},
                    "b": {"type": "array", "items": {"anyOf": [
                        {"type": "object", "properties": {"c": {"type": "string", "enum": ["x"]}}},
                        {"type": "integer"},
                    ]}},
                    "m": {"type": "object", "additionalProperties": {"type": "integer"}},
                },
                "examples": [{"a": "s"}],
                "deprecated": true,
            }),
            json!({
                "oneOf": [{"type": "object"}, {"type": "string"}],
                "discriminator": {"propertyName": "code", "mapping": {"A": "#/components/schemas/A"}},
            }),
            json!({"allOf": [{"$ref": "#/components/schemas/A"}], "description": "d"}),
        ] {
            assert_eq!(round_trip(&schema), schema);
        }
        assert_eq!(
            round_trip(&json!({"type": "string", "const": "A"})),
            json!({"type": "string", "enum": ["A"]})
        );
    }

    #[test]
    fn field_examples_follow_their_schemas() {
        for (schema, example) in [
            (json!({"type": "string"}), json!("string")),
            (
                json!({"type": "string", "format": "uuid"}),
                json!("00000000-0000-0000-0000-000000000000"),
            ),
            (json!({"type": "integer", "minimum": 1}), json!(1)),
            (json!({"type": "integer", "exclusiveMinimum": 1}), json!(2)),
            (json!({"type": "number"}), json!(0.0)),
            (json!({"type": ["boolean", "null"]}), json!(false)),
            (
                json!({"oneOf": [{"type": "null"}, {"type": "integer"}]}),
                json!(0),
            ),
            (
                json!({"oneOf": [{"type": "null"}, {"$ref": "#/x"}]}),
                Value::Null,
            ),
            (json!({"type": "string", "enum": ["b", "a"]}), json!("b")),
            (json!({"type": "string", "example": "ex"}), json!("ex")),
            (
                json!({"type": "array", "items": {"type": "integer"}}),
                json!([0]),
            ),
            (
                json!({"type": "object", "properties": {"a": {"type": "boolean"}}}),
                json!({"a": false}),
            ),
        ] {
            assert_eq!(example_of(&schema), example, "{schema}");
        }
        assert!(admits_null(
            &json!({"oneOf": [{"type": "null"}, {"type": "string"}]})
        ));
        assert!(admits_null(&json!({"type": ["string", "null"]})));
        assert!(!admits_null(&json!({"type": "string"})));
    }

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
