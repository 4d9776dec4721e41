//! OpenAPI documents built from catalogs (feature `utoipa`), serialized,
//! loaded back with an OpenAPI 3.1 parser, and checked: every code under
//! its status exactly once, one `oneOf` alternative per code where codes
//! share a status, discriminators where the code is a top-level member,
//! examples valid against their own schema (and only theirs), fields'
//! schemas, content types, and real bodies valid against the document.
#![cfg(feature = "utoipa")]

use std::collections::BTreeMap;

use errbook::catalog::Status;
use errbook::http::StatusCode;
use errbook::{ApiError, Context, Rejection};
use errbook_examples::art_api::{ArtApiError, AuthError};
use errbook_examples::chat_api::ChatError;
use errbook_examples::chat_server::ServerError;
use errbook_examples::community_api::CommunityError;
use errbook_examples::matrix_api::MatrixError;
use oas3::spec::{BooleanSchema, ObjectOrReference, ObjectSchema, Response, Schema, Spec};
use serde_json::{Value, json};
use utoipa::OpenApi;

/// A problem+json API, nesting the framework rejections.
#[derive(Debug, ApiError)]
#[api(format = problem, docs = "https://errors.example.com/{code}")]
enum AccountError {
    /// No account has this id.
    #[api(
        code = "ACCOUNT_NOT_FOUND",
        status = 404,
        message = "Account {id} not found."
    )]
    NotFound {
        #[api(field)]
        id: u64,
    },
    /// The account was closed by its owner.
    #[api(
        code = "ACCOUNT_CLOSED",
        status = 404,
        title = "Account closed",
        message = "Account closed."
    )]
    Closed,
    /// The account is over its quota.
    #[api(code = "QUOTA_EXCEEDED", status = 429, message = "Quota exceeded.")]
    Quota {
        #[api(field, retry_after = "ms")]
        retry_after_ms: u64,
        #[api(field)]
        note: Option<String>,
        #[api(field, none = "null")]
        plan: Option<String>,
    },
    /// A framework rejection.
    #[api(transparent)]
    Rejected(Rejection),
}

/// A Google (AIP-193) API: fields travel as string metadata.
#[derive(Debug, ApiError)]
#[api(format = google, domain = "quota.example.com")]
enum QuotaError {
    /// Over the per-minute quota.
    #[api(
        code = "RATE_LIMIT_EXCEEDED",
        status = 429,
        message = "Quota exceeded."
    )]
    RateLimited {
        #[api(field)]
        quota_limit_value: u32,
        #[api(field)]
        region: Option<String>,
    },
    /// Too many writes to one document.
    #[api(code = "TOO_MANY_WRITES", status = 429, message = "Too many writes.")]
    TooManyWrites,
    /// No such document.
    #[api(code = "DOCUMENT_NOT_FOUND", status = 404, message = "Not found.")]
    NotFound,
}

/// A problem+json API that nests the framework rejections under codes of
/// its own: `bookmark:` for its codes, `app:` for errbook's.
#[derive(Debug, ApiError)]
#[api(format = problem, prefix = "bookmark:", rename_all = "snake_case")]
enum BookmarkError {
    /// No bookmark has this id.
    #[api(status = 404, message = "Bookmark {id} not found.")]
    NotFound {
        #[api(field)]
        id: u64,
    },
    /// The URL is not one a bookmark can hold.
    #[api(status = 400, message = "Not a bookmarkable URL.")]
    InvalidUrl,
    /// A framework rejection, in the API's style.
    #[api(
        transparent,
        prefix = "app:",
        rename_all = "snake_case",
        codes(RouteNotFound = "app:no_such_route")
    )]
    Rejected(Rejection),
}

#[utoipa::path(get, path = "/bookmarks", responses((status = 200, description = "OK"), BookmarkError))]
#[allow(dead_code)]
fn bookmarks() {}

#[utoipa::path(get, path = "/chat", responses((status = 200, description = "OK"), ServerError))]
#[allow(dead_code)]
fn chat() {}

#[utoipa::path(get, path = "/account", responses((status = 200, description = "OK"), AccountError))]
#[allow(dead_code)]
fn account() {}

#[utoipa::path(get, path = "/community", responses((status = 200, description = "OK"), CommunityError))]
#[allow(dead_code)]
fn community() {}

#[utoipa::path(get, path = "/matrix", responses((status = 200, description = "OK"), MatrixError))]
#[allow(dead_code)]
fn matrix() {}

#[utoipa::path(get, path = "/art", responses((status = 200, description = "OK"), ArtApiError))]
#[allow(dead_code)]
fn art() {}

#[utoipa::path(get, path = "/quota", responses((status = 200, description = "OK"), QuotaError))]
#[allow(dead_code)]
fn quota() {}

#[derive(OpenApi)]
#[openapi(
    info(title = "errbook tests", version = "0.0.0"),
    paths(chat, account, community, matrix, art, quota, bookmarks)
)]
struct Api;

/// The document, through JSON text and the parser.
fn load(document: &utoipa::openapi::OpenApi) -> Spec {
    let json = document.to_json().expect("the document serializes");
    oas3::from_json(&json).unwrap_or_else(|err| panic!("the parser rejects the document: {err}"))
}

fn api() -> Spec {
    load(&Api::openapi())
}

/// The responses of `GET path`, by status key.
fn responses(spec: &Spec, path: &str) -> BTreeMap<String, Response> {
    let item = spec
        .paths
        .as_ref()
        .and_then(|paths| paths.get(path))
        .unwrap_or_else(|| panic!("no path {path}"));
    let operation = item.get.as_ref().expect("a GET operation");
    operation
        .responses
        .as_ref()
        .expect("responses")
        .iter()
        .map(|(status, response)| {
            let response = response
                .resolve(spec)
                .unwrap_or_else(|err| panic!("response {status}: {err}"));
            (status.clone(), response)
        })
        .collect()
}

/// A schema, references followed.
fn object(spec: &Spec, schema: &Schema) -> Option<ObjectSchema> {
    match schema.resolve(spec).expect("references resolve") {
        Schema::Object(object) => match *object {
            ObjectOrReference::Object(object) => Some(object),
            ObjectOrReference::Ref { ref_path, .. } => panic!("unresolved {ref_path}"),
        },
        Schema::Boolean(_) => None,
    }
}

/// The one media type of a response, with its schema.
fn body(spec: &Spec, response: &Response) -> (String, ObjectSchema) {
    assert_eq!(response.content.len(), 1, "one media type");
    let (content_type, media) = response.content.iter().next().unwrap();
    let schema = media.schema.as_ref().expect("a schema");
    (
        content_type.clone(),
        object(spec, schema).expect("an object schema"),
    )
}

/// The per-code alternatives of a response's schema (the schema itself when
/// there is one code), and the keyword that holds them.
fn alternatives_of(spec: &Spec, schema: &ObjectSchema) -> (&'static str, Vec<ObjectSchema>) {
    let resolve = |items: &[Schema]| -> Vec<ObjectSchema> {
        items
            .iter()
            .map(|item| object(spec, item).expect("object alternatives"))
            .collect()
    };
    if !schema.one_of.is_empty() {
        ("oneOf", resolve(&schema.one_of))
    } else if !schema.any_of.is_empty() {
        ("anyOf", resolve(&schema.any_of))
    } else {
        ("single", vec![schema.clone()])
    }
}

fn title(schema: &ObjectSchema) -> String {
    schema
        .title
        .clone()
        .expect("every per-code schema has a title")
}

/// The expected status key of each HTTP code of `E`, in declaration order.
fn expected_codes<E: ApiError>() -> Vec<(String, String)> {
    E::catalog()
        .iter()
        .filter_map(|entry| {
            let key = match entry.status() {
                Status::Fixed(status) => status.to_string(),
                Status::Varies => "default".to_owned(),
                Status::None => return None,
            };
            Some((entry.code().to_string(), key))
        })
        .collect()
}

/// How a type's shared statuses are expected to be told apart.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Shared {
    /// `oneOf` with a discriminator on this top-level member.
    Discriminated(&'static str),
    /// `oneOf`, the code pinned inside the body.
    OneOf,
    /// `anyOf`: the body carries no code.
    AnyOf,
}

/// The checks every documented type passes; returns each code's schema.
fn check_type<E: ApiError>(
    spec: &Spec,
    path: &str,
    content_type: &str,
    shared: Shared,
) -> BTreeMap<String, ObjectSchema> {
    let responses = responses(spec, path);
    let mut found: Vec<(String, String)> = Vec::new();
    let mut schemas = BTreeMap::new();
    for (status, response) in &responses {
        if status == "200" {
            continue;
        }
        let (media, schema) = body(spec, response);
        assert_eq!(media, content_type, "{path} {status}: content type");
        let (keyword, alternatives) = alternatives_of(spec, &schema);
        let description = response.description.as_deref().unwrap_or("");
        if alternatives.len() > 1 {
            let expected = match shared {
                Shared::Discriminated(_) | Shared::OneOf => "oneOf",
                Shared::AnyOf => "anyOf",
            };
            assert_eq!(keyword, expected, "{path} {status}");
            let discriminator = schema
                .discriminator
                .as_ref()
                .map(|d| d.property_name.as_str());
            match shared {
                // Integer codes are never a discriminator.
                Shared::Discriminated(member)
                    if alternatives.iter().all(|alt| {
                        alt.properties
                            .get(member)
                            .is_some_and(|p| is_string_code(spec, p))
                    }) =>
                {
                    assert_eq!(discriminator, Some(member), "{path} {status}");
                }
                _ => assert_eq!(discriminator, None, "{path} {status}"),
            }
        }
        let media_examples = media_examples(response);
        for alternative in &alternatives {
            let code = title(alternative);
            assert!(
                description.contains(&format!("`{code}`")),
                "{path} {status}: {description:?} names {code}"
            );
            let example = alternative
                .examples
                .first()
                .unwrap_or_else(|| panic!("{code}: an example"));
            validate(spec, alternative, example)
                .unwrap_or_else(|err| panic!("{path} {status} {code}: own example: {err}"));
            // Valid against the response's schema too: with `oneOf`, it
            // matches its own alternative and no other.
            validate(spec, &schema, example)
                .unwrap_or_else(|err| panic!("{path} {status} {code}: response schema: {err}"));
            assert_eq!(
                media_examples.get(&code),
                Some(example),
                "{path} {status}: the media type's example of {code}"
            );
            found.push((code.clone(), status.clone()));
            schemas.insert(code, alternative.clone());
        }
    }
    let mut expected = expected_codes::<E>();
    expected.sort();
    found.sort();
    assert_eq!(found, expected, "{path}: every code once, under its status");
    schemas
}

fn is_string_code(spec: &Spec, property: &Schema) -> bool {
    object(spec, property).is_some_and(|p| p.enum_values.iter().all(Value::is_string))
}

/// The named examples of a response's media type.
fn media_examples(response: &Response) -> BTreeMap<String, Value> {
    let (_, media) = response.content.iter().next().unwrap();
    match &media.examples {
        Some(oas3::spec::MediaTypeExamples::Examples { examples }) => examples
            .iter()
            .map(|(name, example)| match example {
                ObjectOrReference::Object(example) => {
                    (name.clone(), example.value.clone().expect("a value"))
                }
                ObjectOrReference::Ref { ref_path, .. } => panic!("example {ref_path}"),
            })
            .collect(),
        _ => BTreeMap::new(),
    }
}

/// A structural JSON Schema check: types, `enum`/`const`, `required`,
/// `properties`, `additionalProperties`, `items`, `minimum`, and the
/// composites (`oneOf` exactly one, `anyOf` at least one, `allOf` all).
fn validate(spec: &Spec, schema: &ObjectSchema, value: &Value) -> Result<(), String> {
    if let Some(types) = &schema.schema_type {
        use oas3::spec::{SchemaType, SchemaTypeSet};
        let matches = |ty: &SchemaType| match ty {
            SchemaType::Null => value.is_null(),
            SchemaType::Boolean => value.is_boolean(),
            SchemaType::Integer => value.is_i64() || value.is_u64(),
            SchemaType::Number => value.is_number(),
            SchemaType::String => value.is_string(),
            SchemaType::Array => value.is_array(),
            SchemaType::Object => value.is_object(),
        };
        let ok = match types {
            SchemaTypeSet::Single(ty) => matches(ty),
            SchemaTypeSet::Multiple(tys) => tys.iter().any(matches),
        };
        if !ok {
            return Err(format!("{value} is not of type {types:?}"));
        }
    }
    if !schema.enum_values.is_empty() && !schema.enum_values.contains(value) {
        return Err(format!("{value} is not one of {:?}", schema.enum_values));
    }
    if let Some(constant) = &schema.const_value
        && constant != value
    {
        return Err(format!("{value} is not {constant}"));
    }
    if let (Some(minimum), Some(number)) = (&schema.minimum, value.as_f64())
        && number < minimum.as_f64().unwrap_or(f64::MIN)
    {
        return Err(format!("{value} is below {minimum}"));
    }
    if let Value::Object(members) = value {
        for name in &schema.required {
            if !members.contains_key(name) {
                return Err(format!("missing required member `{name}` in {value}"));
            }
        }
        for (name, member) in members {
            match schema.properties.get(name) {
                Some(property) => check(spec, property, member)
                    .map_err(|err| format!("member `{name}`: {err}"))?,
                None => match &schema.additional_properties {
                    Some(Schema::Boolean(BooleanSchema(false))) => {
                        return Err(format!("member `{name}` is not allowed"));
                    }
                    Some(additional) => check(spec, additional, member)?,
                    None => {}
                },
            }
        }
    }
    if let (Value::Array(items), Some(item_schema)) = (value, &schema.items) {
        for (index, item) in items.iter().enumerate() {
            check(spec, item_schema, item).map_err(|err| format!("item {index}: {err}"))?;
        }
    }
    for part in &schema.all_of {
        check(spec, part, value)?;
    }
    if !schema.any_of.is_empty()
        && !schema
            .any_of
            .iter()
            .any(|alt| check(spec, alt, value).is_ok())
    {
        return Err(format!("{value} matches no anyOf alternative"));
    }
    if !schema.one_of.is_empty() {
        let matching = schema
            .one_of
            .iter()
            .filter(|alt| check(spec, alt, value).is_ok())
            .count();
        if matching != 1 {
            return Err(format!("{value} matches {matching} oneOf alternatives"));
        }
    }
    Ok(())
}

fn check(spec: &Spec, schema: &Schema, value: &Value) -> Result<(), String> {
    match object(spec, schema) {
        Some(object) => validate(spec, &object, value),
        None => match schema.resolve(spec).expect("resolves") {
            Schema::Boolean(BooleanSchema(true)) => Ok(()),
            _ => Err("false schema".to_owned()),
        },
    }
}

/// The JSON of a schema, for asserting on its keywords.
fn json(schema: &ObjectSchema) -> Value {
    serde_json::to_value(schema).unwrap()
}

/// What utoipa gives for `T`.
fn schema_of<T: utoipa::PartialSchema>() -> Value {
    serde_json::to_value(T::schema()).unwrap()
}

/// The schema of the response a status has in `path`.
fn response_schema(spec: &Spec, path: &str, status: &str) -> ObjectSchema {
    let responses = responses(spec, path);
    let response = responses
        .get(status)
        .unwrap_or_else(|| panic!("{path}: no {status}"));
    body(spec, response).1
}

#[test]
fn chat_server_errors_in_their_custom_envelope() {
    let spec = api();
    assert!(spec.openapi.starts_with("3.1"), "{}", spec.openapi);
    let schemas = check_type::<ServerError>(&spec, "/chat", "application/json", Shared::OneOf);

    // 403: the six chat codes, in declaration order, no discriminator
    // (the code is `error.code`).
    let forbidden = response_schema(&spec, "/chat", "403");
    let (keyword, alternatives) = alternatives_of(&spec, &forbidden);
    assert_eq!(keyword, "oneOf");
    let titles: Vec<String> = alternatives.iter().map(title).collect();
    assert_eq!(
        titles,
        [
            "FORBIDDEN",
            "BANNED",
            "ROLE_HIERARCHY",
            "DM_PERMISSION_DENIED",
            "USER_BLOCKED",
            "FEDERATION_DENIED"
        ]
    );
    assert!(forbidden.discriminator.is_none());

    // Each alternative pins its code; the fields have their types' schemas.
    let forbidden = json(&schemas["FORBIDDEN"]);
    let error = &forbidden["properties"]["error"];
    assert_eq!(error["properties"]["code"]["enum"], json!(["FORBIDDEN"]));
    assert_eq!(
        error["properties"]["missing_permission"],
        json!({"type": "string"})
    );
    // The envelope writes `retry_after_ms: null` for every other code.
    assert_eq!(
        error["properties"]["retry_after_ms"],
        json!({"type": "null"})
    );
    assert_eq!(
        forbidden["description"],
        "Insufficient permissions. Check `missing_permission`."
    );
    let rate_limited = json(&schemas["RATE_LIMITED"]);
    assert_eq!(
        rate_limited["properties"]["error"]["properties"]["retry_after_ms"],
        json!({"type": "integer", "format": "int64", "minimum": 0})
    );

    // Rejections nested in the chat envelope share the chat statuses.
    let bad_request = response_schema(&spec, "/chat", "400");
    let titles: Vec<String> = alternatives_of(&spec, &bad_request)
        .1
        .iter()
        .map(title)
        .collect();
    assert_eq!(
        titles,
        [
            "PROTOCOL_VERSION_MISMATCH",
            "MESSAGE_TOO_LARGE",
            "SPACE_TYPE_MISMATCH",
            "GATEWAY_VERSION_MISMATCH",
            "app:malformed_json",
            "app:body_unreadable",
            "app:invalid_path",
            "app:invalid_query"
        ]
    );
    let invalid_path = json(&schemas["app:invalid_path"]);
    assert_eq!(
        invalid_path["properties"]["error"]["properties"]["reason"],
        json!({"type": "string"})
    );

    // `Retry-After` is documented where a code sets it.
    let responses = responses(&spec, "/chat");
    assert!(responses["429"].headers.contains_key("Retry-After"));
    assert!(!responses["403"].headers.contains_key("Retry-After"));
    assert!(!responses.contains_key("default"));
}

#[test]
fn problem_json_is_discriminated_by_its_code_member() {
    let spec = api();
    let schemas = check_type::<AccountError>(
        &spec,
        "/account",
        "application/problem+json",
        Shared::Discriminated("code"),
    );
    let not_found = response_schema(&spec, "/account", "404");
    assert_eq!(
        not_found
            .discriminator
            .as_ref()
            .map(|d| d.property_name.as_str()),
        Some("code")
    );
    let titles: Vec<String> = alternatives_of(&spec, &not_found)
        .1
        .iter()
        .map(title)
        .collect();
    assert_eq!(
        titles,
        ["ACCOUNT_NOT_FOUND", "ACCOUNT_CLOSED", "ROUTE_NOT_FOUND"]
    );

    let account_not_found = json(&schemas["ACCOUNT_NOT_FOUND"]);
    assert_eq!(
        account_not_found["properties"]["id"],
        json!({"type": "integer", "format": "int64", "minimum": 0})
    );
    assert_eq!(
        account_not_found["examples"][0],
        json!({
            "type": "https://errors.example.com/ACCOUNT_NOT_FOUND",
            "title": "Not Found",
            "status": 404,
            "detail": "Account 0 not found.",
            "code": "ACCOUNT_NOT_FOUND",
            "id": 0
        })
    );
    let required: Vec<&str> = account_not_found["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    for member in ["type", "title", "status", "detail", "code", "id"] {
        assert!(required.contains(&member), "{member} is required");
    }
    // `instance` (a request id) is documented, and optional.
    assert_eq!(
        account_not_found["properties"]["instance"]["type"],
        "string"
    );
    assert!(!required.contains(&"instance"));
    assert_eq!(
        json(&schemas["ACCOUNT_CLOSED"])["examples"][0]["title"],
        "Account closed"
    );

    // An `Option` field has its type's schema (nullable). problem+json
    // leaves a `None` out, so the member is optional; one that says
    // `none = "null"` is always there, so it is required.
    let quota = json(&schemas["QUOTA_EXCEEDED"]);
    assert_eq!(quota["properties"]["note"], schema_of::<Option<String>>());
    assert_eq!(quota["properties"]["plan"], schema_of::<Option<String>>());
    let required = quota["required"].as_array().unwrap();
    assert!(!required.contains(&json!("note")), "{required:?}");
    assert!(required.contains(&json!("plan")), "{required:?}");
    assert_eq!(
        quota["properties"]["retry_after_ms"]["type"],
        json!("integer")
    );
}

/// Renamed rejection codes are what the document says, pins and
/// discriminates by, inline and as named components.
#[test]
fn renamed_rejections_are_documented_under_their_codes() {
    let spec = api();
    let schemas = check_type::<BookmarkError>(
        &spec,
        "/bookmarks",
        "application/problem+json",
        Shared::Discriminated("code"),
    );
    assert!(
        schemas
            .keys()
            .all(|code| code.starts_with("bookmark:") || code.starts_with("app:"))
    );
    let bad_request = response_schema(&spec, "/bookmarks", "400");
    let titles: Vec<String> = alternatives_of(&spec, &bad_request)
        .1
        .iter()
        .map(title)
        .collect();
    assert_eq!(
        titles,
        [
            "bookmark:invalid_url",
            "app:malformed_json",
            "app:body_unreadable",
            "app:invalid_path",
            "app:invalid_query"
        ]
    );
    assert_eq!(
        responses(&spec, "/bookmarks")["404"].description.as_deref(),
        Some("Not Found: `bookmark:not_found`, `app:no_such_route`.")
    );
    let malformed = json(&schemas["app:malformed_json"]);
    assert_eq!(
        malformed["properties"]["code"]["enum"],
        json!(["app:malformed_json"])
    );
    assert_eq!(
        malformed["description"],
        "The request body is not valid JSON."
    );
    assert_eq!(malformed["properties"]["reason"], json!({"type": "string"}));
    assert_eq!(malformed["examples"][0]["code"], "app:malformed_json");

    // A real body validates; the same body under errbook's own code does not.
    let error = BookmarkError::Rejected(Rejection::malformed_json(
        "EOF while parsing an object at line 1 column 9",
    ));
    let mut body = serde_json::to_value(error.envelope()).unwrap();
    validate(&spec, &bad_request, &body).unwrap_or_else(|err| panic!("{body}: {err}"));
    body["code"] = json!("MALFORMED_JSON");
    assert!(validate(&spec, &bad_request, &body).is_err());

    // Named components: one per renamed code, named after it.
    let names: Vec<String> = errbook::utoipa::code_schemas::<BookmarkError>()
        .into_iter()
        .map(|schema| schema.name)
        .collect();
    assert!(
        names.contains(&"BookmarkError.app_malformed_json".to_owned()),
        "{names:?}"
    );
    assert!(
        names.contains(&"BookmarkError.app_no_such_route".to_owned()),
        "{names:?}"
    );
}

#[test]
fn integer_codes_are_pinned_as_integers() {
    let spec = api();
    let schemas =
        check_type::<CommunityError>(&spec, "/community", "application/json", Shared::OneOf);
    // 400 is shared by the integer code 400 and `INVALID_VERSION_FORMAT`.
    let bad_request = response_schema(&spec, "/community", "400");
    let (keyword, alternatives) = alternatives_of(&spec, &bad_request);
    assert_eq!(keyword, "oneOf");
    assert_eq!(
        alternatives.iter().map(title).collect::<Vec<_>>(),
        ["400", "INVALID_VERSION_FORMAT"]
    );
    assert!(bad_request.discriminator.is_none());
    let code = &json(&schemas["400"])["properties"]["error"]["properties"]["code"];
    assert_eq!(code, &json!({"type": "integer", "enum": [400]}));

    let outdated = json(&schemas["VERSION_OUTDATED"]);
    let error = &outdated["properties"]["error"]["properties"];
    for field in [
        "client_version",
        "min_version",
        "server_version",
        "update_url",
    ] {
        assert_eq!(error[field], json!({"type": "string"}), "{field}");
    }
    assert_eq!(
        outdated["examples"][0]["error"]["message"],
        "Client version string is no longer supported"
    );
    let rate_limited = json(&schemas["429"]);
    assert_eq!(
        rate_limited["properties"]["error"]["properties"]["retry_after"]["type"],
        "number"
    );
}

#[test]
fn matrix_errcodes_discriminate_and_run_time_statuses_are_the_default() {
    let spec = api();
    let schemas = check_type::<MatrixError>(
        &spec,
        "/matrix",
        "application/json",
        Shared::Discriminated("errcode"),
    );
    let forbidden = response_schema(&spec, "/matrix", "403");
    assert_eq!(
        forbidden
            .discriminator
            .as_ref()
            .map(|d| d.property_name.as_str()),
        Some("errcode")
    );
    let default = response_schema(&spec, "/matrix", "default");
    assert_eq!(
        alternatives_of(&spec, &default)
            .1
            .iter()
            .map(title)
            .collect::<Vec<_>>(),
        ["M_UNKNOWN", "M_UNRECOGNIZED"]
    );
    let responses = responses(&spec, "/matrix");
    assert!(
        responses["default"]
            .description
            .as_deref()
            .unwrap()
            .contains("run time")
    );

    let soft_logout = json(&schemas["M_UNKNOWN_TOKEN"]);
    // Optional in the spec: the field is an `Option<bool>`.
    assert_eq!(
        soft_logout["properties"]["soft_logout"],
        schema_of::<Option<bool>>()
    );
    assert_eq!(
        soft_logout["properties"]["errcode"],
        json!({"type": "string", "enum": ["M_UNKNOWN_TOKEN"]})
    );
    let limited = json(&schemas["M_LIMIT_EXCEEDED"]);
    assert_eq!(
        limited["properties"]["retry_after_ms"],
        schema_of::<Option<u64>>()
    );
    assert!(responses["429"].headers.contains_key("Retry-After"));
}

#[test]
fn detail_bodies_carry_no_code_so_shared_statuses_are_any_of() {
    let spec = api();
    check_type::<ArtApiError>(&spec, "/art", "application/json", Shared::AnyOf);
    let unauthorized = response_schema(&spec, "/art", "401");
    let (keyword, alternatives) = alternatives_of(&spec, &unauthorized);
    assert_eq!(keyword, "anyOf");
    assert!(unauthorized.discriminator.is_none());
    let first = json(&alternatives[0]);
    assert_eq!(first["title"], "auth.invalid_credentials");
    assert_eq!(first["properties"]["detail"], json!({"type": "string"}));
    assert_eq!(
        first["examples"][0],
        json!({"detail": "Invalid email or password"})
    );
}

#[test]
fn google_metadata_stays_strings() {
    let spec = api();
    let schemas = check_type::<QuotaError>(&spec, "/quota", "application/json", Shared::OneOf);
    let limited = json(&schemas["RATE_LIMIT_EXCEEDED"]);
    let error = &limited["properties"]["error"];
    assert_eq!(error["properties"]["code"], json!({"type": "integer"}));
    assert_eq!(error["properties"]["status"], json!({"type": "string"}));
    // `details` holds the `ErrorInfo` and, with a request id, a
    // `RequestInfo`.
    let items = &error["properties"]["details"]["items"]["anyOf"];
    let info = &items[0];
    assert_eq!(
        info["properties"]["reason"],
        json!({"type": "string", "enum": ["RATE_LIMIT_EXCEEDED"]})
    );
    let metadata = &info["properties"]["metadata"];
    // A `u32` field is written as its JSON text: a string, not an integer.
    assert_eq!(
        metadata["properties"]["quota_limit_value"],
        json!({"type": "string"})
    );
    assert_eq!(
        limited["examples"][0]["error"]["details"][0]["metadata"]["quota_limit_value"],
        "0"
    );
    // `None` is left out of the metadata: the member is optional.
    assert_eq!(
        metadata["properties"]["region"],
        schema_of::<Option<String>>()
    );
    assert_eq!(metadata["required"], json!(["quota_limit_value"]));
    assert_eq!(items[1]["properties"]["requestId"]["type"], "string");
}

/// Bodies the types really send validate against the document's schema of
/// their status (`default` for a status chosen at run time), request ids
/// included.
#[test]
fn real_bodies_validate_against_the_document() {
    fn assert_valid<E: ApiError>(spec: &Spec, path: &str, error: &E) {
        let status = if E::catalog()
            .iter()
            .any(|entry| entry.code() == error.code() && entry.status() == Status::Varies)
        {
            "default".to_owned()
        } else {
            error.status().as_u16().to_string()
        };
        let schema = response_schema(spec, path, &status);
        for context in [
            Context::production(),
            Context::production().with_instance("req-42"),
        ] {
            let body = serde_json::to_value(error.envelope().with_context(context)).unwrap();
            validate(spec, &schema, &body)
                .unwrap_or_else(|err| panic!("{path} {}: {body}: {err}", error.code()));
        }
    }

    let spec = api();
    // The checker is not vacuous: a body is only valid under its own status,
    // and a oneOf alternative only for its own code.
    let forbidden = ChatError::Forbidden {
        missing_permission: "x".into(),
    };
    let body = serde_json::to_value(forbidden.envelope()).unwrap();
    assert!(validate(&spec, &response_schema(&spec, "/chat", "404"), &body).is_err());
    let mut renamed = body.clone();
    renamed["error"]["code"] = json!("BANNED");
    assert!(validate(&spec, &response_schema(&spec, "/chat", "403"), &renamed).is_err());
    let mut untyped = body.clone();
    untyped["error"]["missing_permission"] = json!(7);
    assert!(validate(&spec, &response_schema(&spec, "/chat", "403"), &untyped).is_err());

    let chat = [
        ServerError::from(ChatError::Forbidden {
            missing_permission: "manage_messages".into(),
        }),
        ServerError::from(ChatError::RateLimited {
            retry_after_ms: 1_500,
        }),
        ServerError::from(ChatError::UserNotFound),
        ServerError::from(ChatError::UnknownError("db down".into())),
        ServerError::from(Rejection::InvalidPath {
            reason: "id: invalid digit".into(),
            violations: errbook::Violations::new().path(
                "id",
                "int_parsing",
                "Input should be a valid integer",
            ),
        }),
        ServerError::from(Rejection::RouteNotFound),
    ];
    for error in &chat {
        assert_valid(&spec, "/chat", error);
    }
    for error in [
        AccountError::NotFound { id: 7 },
        AccountError::Closed,
        AccountError::Quota {
            retry_after_ms: 10,
            note: None,
            plan: None,
        },
        AccountError::Quota {
            retry_after_ms: 10,
            note: Some("monthly".into()),
            plan: Some("pro".into()),
        },
        AccountError::Rejected(Rejection::MethodNotAllowed),
    ] {
        assert_valid(&spec, "/account", &error);
    }
    for error in [
        BookmarkError::NotFound { id: 7 },
        BookmarkError::InvalidUrl,
        BookmarkError::Rejected(Rejection::RouteNotFound),
        BookmarkError::Rejected(Rejection::InvalidQuery {
            reason: "limit: invalid digit found in string".into(),
            violations: errbook::Violations::new().query(
                "limit",
                "int_parsing",
                "Input should be a valid integer",
            ),
        }),
    ] {
        assert_valid(&spec, "/bookmarks", &error);
    }
    for error in [
        QuotaError::RateLimited {
            quota_limit_value: 100,
            region: None,
        },
        QuotaError::RateLimited {
            quota_limit_value: 100,
            region: Some("eu".into()),
        },
        QuotaError::TooManyWrites,
        QuotaError::NotFound,
    ] {
        assert_valid(&spec, "/quota", &error);
    }
    for error in [
        MatrixError::Forbidden("You are not invited to this room.".into()),
        MatrixError::LimitExceeded {
            error: "Too many requests".into(),
            retry_after_ms: Some(2_000),
        },
        MatrixError::Unknown {
            error: "Conflict".into(),
            status: StatusCode::CONFLICT,
        },
    ] {
        assert_valid(&spec, "/matrix", &error);
    }
    assert_valid(
        &spec,
        "/art",
        &ArtApiError::from(AuthError::InvalidCredentials),
    );
}

/// The examples are what the type renders for an error with the example
/// values: the same members, in the same places.
#[test]
fn examples_are_rendered_by_the_format() {
    let schemas = errbook::utoipa::code_schemas::<ServerError>();
    let forbidden = schemas
        .iter()
        .find(|schema| schema.entry.code() == "FORBIDDEN")
        .unwrap();
    let real = ServerError::from(ChatError::Forbidden {
        missing_permission: "string".into(),
    });
    assert_eq!(
        forbidden.example,
        serde_json::to_value(real.envelope().with_context(Context::production())).unwrap()
    );
    assert_eq!(forbidden.status, Some(403));
    assert_eq!(forbidden.code_pointer.as_deref(), Some("/error/code"));
    assert_eq!(forbidden.name, "ServerError.FORBIDDEN");

    let matrix = errbook::utoipa::code_schemas::<MatrixError>();
    let unknown = matrix
        .iter()
        .find(|schema| schema.entry.code() == "M_UNKNOWN")
        .unwrap();
    assert_eq!(unknown.status, None);
    assert_eq!(unknown.code_pointer.as_deref(), Some("/errcode"));

    let art = errbook::utoipa::code_schemas::<ArtApiError>();
    assert!(art.iter().all(|schema| schema.code_pointer.is_none()));
    // Codes that never travel over HTTP are left out.
    assert!(
        errbook::utoipa::code_schemas::<errbook_examples::chat_api::FederationCode>().is_empty()
    );
}

/// The variant with named schemas: `components::<E>()` and
/// `referenced_responses::<E>()`.
#[test]
fn referenced_responses_resolve_and_map_codes_to_components() {
    use utoipa::openapi::path::OperationBuilder;
    use utoipa::openapi::response::ResponsesBuilder;
    use utoipa::openapi::{HttpMethod, OpenApiBuilder, PathItem, PathsBuilder};

    fn document<E: ApiError>(path: &str) -> utoipa::openapi::OpenApi {
        let operation = OperationBuilder::new().responses(
            ResponsesBuilder::new()
                .responses_from_iter(errbook::utoipa::referenced_responses::<E>()),
        );
        OpenApiBuilder::new()
            .paths(PathsBuilder::new().path(path, PathItem::new(HttpMethod::Get, operation)))
            .components(Some(errbook::utoipa::components::<E>()))
            .build()
    }

    let spec = load(&document::<MatrixError>("/matrix"));
    check_type::<MatrixError>(
        &spec,
        "/matrix",
        "application/json",
        Shared::Discriminated("errcode"),
    );
    let components = &spec.components.as_ref().unwrap().schemas;
    assert_eq!(components.len(), expected_codes::<MatrixError>().len());
    let responses = responses(&spec, "/matrix");
    let (_, media) = responses["403"].content.iter().next().unwrap();
    let Some(Schema::Object(schema)) = &media.schema else {
        panic!("an object schema")
    };
    let ObjectOrReference::Object(schema) = &**schema else {
        panic!("inline oneOf")
    };
    let mapping = schema
        .discriminator
        .as_ref()
        .and_then(|d| d.mapping.as_ref())
        .expect("a mapping");
    assert_eq!(mapping.len(), schema.one_of.len());
    for (code, target) in mapping {
        let name = target
            .strip_prefix("#/components/schemas/")
            .expect("a component reference");
        let component = components.get(name).expect("the component exists");
        let component = object(&spec, component).expect("an object schema");
        assert_eq!(component.title.as_deref(), Some(code.as_str()));
    }

    let spec = load(&document::<ServerError>("/chat"));
    check_type::<ServerError>(&spec, "/chat", "application/json", Shared::OneOf);
    let spec = load(&document::<AccountError>("/account"));
    check_type::<AccountError>(
        &spec,
        "/account",
        "application/problem+json",
        Shared::Discriminated("code"),
    );
    let spec = load(&document::<BookmarkError>("/bookmarks"));
    check_type::<BookmarkError>(
        &spec,
        "/bookmarks",
        "application/problem+json",
        Shared::Discriminated("code"),
    );
    let mapping = response_schema(&spec, "/bookmarks", "404")
        .discriminator
        .and_then(|d| d.mapping)
        .expect("a mapping");
    assert_eq!(
        mapping.get("app:no_such_route").map(String::as_str),
        Some("#/components/schemas/BookmarkError.app_no_such_route")
    );
}

/// The chat example server's document (`cargo run --example openapi`): an
/// OpenAPI 3.1 document, inline and with components, whose `GET /status`
/// says what the route answers: 204, or the body the server sends for
/// `UNKNOWN_ERROR`.
#[test]
fn the_chat_servers_document_describes_get_status() {
    use errbook_examples::{chat_openapi, chat_server};

    let error = chat_server::status().unwrap_err();
    let body = serde_json::to_value(error.envelope()).unwrap();
    for document in [chat_openapi::document(), chat_openapi::with_components()] {
        let spec = load(&document);
        assert!(spec.openapi.starts_with("3.1"), "{}", spec.openapi);
        let responses = responses(&spec, "/status");
        assert!(responses.contains_key("204"));
        let schema = response_schema(&spec, "/status", "500");
        validate(&spec, &schema, &body).unwrap_or_else(|err| panic!("{body}: {err}"));
    }
}

/// One form API per built-in format, each with a code that carries a list
/// of violations and one that may carry one (`Option<Violations>`).
macro_rules! form_errors {
    ($($name:ident = $format:ident, $path:literal, $fn:ident;)*) => {$(
        #[derive(Debug, ApiError)]
        #[api(format = $format)]
        enum $name {
            /// The body does not pass its checks.
            #[api(code = "INVALID_FORM", status = 422, message = "Your request is not valid.")]
            Invalid {
                #[api(violations)]
                violations: errbook::Violations,
            },
            /// The query does not pass its checks, when it was checked.
            #[api(code = "INVALID_QUERY", status = 400, message = "Bad query.", skip_from)]
            InvalidQuery {
                #[api(violations)]
                violations: Option<errbook::Violations>,
            },
        }

        #[utoipa::path(get, path = $path, responses((status = 200, description = "OK"), $name))]
        #[allow(dead_code)]
        fn $fn() {}
    )*};
}

form_errors! {
    NestedForm = nested, "/forms/nested", nested_form;
    ProblemForm = problem, "/forms/problem", problem_form;
    MatrixForm = matrix, "/forms/matrix", matrix_form;
    DetailForm = detail, "/forms/detail", detail_form;
    GoogleForm = google, "/forms/google", google_form;
}

#[derive(OpenApi)]
#[openapi(
    info(title = "errbook forms", version = "0.0.0"),
    paths(nested_form, problem_form, matrix_form, detail_form, google_form)
)]
struct Forms;

/// The schema of `path`'s response `status`, as JSON.
fn form_schema(spec: &Spec, path: &str, status: &str) -> Value {
    json(&response_schema(spec, path, status))
}

/// A list with every kind of location and extra members.
fn many_violations() -> errbook::Violations {
    use errbook::violations::{Pointer, Violation};
    errbook::Violations::new()
        .body(
            Pointer::root().field("items").index(0).field("title"),
            "missing",
            "Field required",
        )
        .query("page", "int_parsing", "must be an integer")
        .header("x-token", "missing", "Field required")
        .with(
            Violation::body(
                Pointer::root().field("age"),
                "greater_than",
                "must be positive",
            )
            .extra("input", -1)
            .extra("ctx", json!({"gt": 0})),
        )
}

/// `error`'s body, with and without a request id, is valid against the
/// schema of its status in `path`.
fn assert_form_valid<E: ApiError>(spec: &Spec, path: &str, error: &E) {
    let schema = response_schema(spec, path, error.status().as_str());
    for context in [
        Context::production(),
        Context::production().with_instance("req-42"),
    ] {
        let body = serde_json::to_value(error.envelope().with_context(context)).unwrap();
        validate(spec, &schema, &body).unwrap_or_else(|err| panic!("{path}: {body}: {err}"));
    }
}

#[test]
fn violations_have_their_formats_schema_in_the_responses_that_carry_them() {
    let spec = load(&Forms::openapi());
    let string = json!({"type": "string"});
    let parameter = json!({"type": "string", "enum": ["path", "query", "header", "cookie"]});
    let index = json!({"type": "integer", "minimum": 0});
    let members = json!({
        "type": "object",
        "properties": {
            "pointer": string, "parameter": string, "in": parameter, "index": index,
            "code": string, "message": string,
        },
        "required": ["code", "message"],
    });

    // nested and matrix: a `violations` member, required where the field
    // is a `Violations`, optional where it is an `Option` of one.
    for (path, list_of) in [
        ("/forms/nested", "/properties/error"),
        ("/forms/matrix", ""),
    ] {
        let invalid = form_schema(&spec, path, "422");
        let body = invalid.pointer(list_of).unwrap();
        assert_eq!(body["properties"]["violations"]["items"], members, "{path}");
        assert_eq!(body["properties"]["violations"]["type"], "array");
        assert!(
            body["required"]
                .as_array()
                .unwrap()
                .contains(&json!("violations")),
            "{path}"
        );
        let query = form_schema(&spec, path, "400");
        let body = query.pointer(list_of).unwrap();
        assert_eq!(body["properties"]["violations"]["items"], members, "{path}");
        assert!(
            !body["required"]
                .as_array()
                .unwrap()
                .contains(&json!("violations")),
            "{path}"
        );
    }
    // The example shows a violation.
    let nested = form_schema(&spec, "/forms/nested", "422");
    assert_eq!(
        nested["examples"][0]["error"]["violations"],
        json!([{"pointer": "/name", "code": "length", "message": "length must be at least 1"}])
    );
    let media = media_examples(&responses(&spec, "/forms/nested")["422"]);
    assert_eq!(
        media["INVALID_FORM"]["error"]["violations"][0]["pointer"],
        "/name"
    );

    // problem+json: RFC 9457's `errors`.
    let problem = form_schema(&spec, "/forms/problem", "422");
    assert_eq!(
        problem["properties"]["errors"]["items"],
        json!({
            "type": "object",
            "properties": {
                "detail": string, "pointer": string, "parameter": string, "in": parameter,
                "index": index,
                "code": string,
            },
            // RFC 9457's own example has no `code`.
            "required": ["detail"],
        })
    );
    assert!(
        problem["required"]
            .as_array()
            .unwrap()
            .contains(&json!("errors"))
    );
    assert_eq!(
        problem["examples"][0]["errors"],
        json!([{"detail": "length must be at least 1", "pointer": "#/name", "code": "length"}])
    );

    // detail: FastAPI's list of `ValidationError`s; a `None` list leaves
    // the message, so `detail` is either.
    let fastapi = json!({
        "type": "object",
        "title": "ValidationError",
        "properties": {
            "type": string,
            "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
            "msg": string,
            "input": {},
            "ctx": {"type": "object"},
        },
        "required": ["type", "loc", "msg"],
    });
    let detail = form_schema(&spec, "/forms/detail", "422");
    assert_eq!(detail["properties"]["detail"]["items"], fastapi);
    assert_eq!(
        detail["examples"][0],
        json!({"detail": [{"type": "length", "loc": ["body", "name"], "msg": "length must be at least 1"}]})
    );
    let query = form_schema(&spec, "/forms/detail", "400");
    let either = query["properties"]["detail"]["anyOf"].as_array().unwrap();
    assert_eq!(either[0]["items"], fastapi);
    assert_eq!(either[1], string);

    // google: a `google.rpc.BadRequest` among the details.
    let google = form_schema(&spec, "/forms/google", "422");
    let details = &google["properties"]["error"]["properties"]["details"]["items"]["anyOf"];
    let bad_request = details
        .as_array()
        .unwrap()
        .iter()
        .find(|detail| detail["properties"].get("fieldViolations").is_some())
        .expect("a BadRequest detail");
    assert_eq!(
        bad_request["properties"]["fieldViolations"]["items"],
        json!({
            "type": "object",
            "properties": {"field": string, "description": string, "reason": string},
            "required": ["field", "description"],
        })
    );
    assert_eq!(
        google["examples"][0]["error"]["details"][1]["fieldViolations"],
        json!([{"field": "name", "description": "length must be at least 1", "reason": "length"}])
    );

    // Real bodies, with every kind of location, extra members, and none.
    macro_rules! check_bodies {
        ($($name:ident $path:literal),*) => {$(
            assert_form_valid(&spec, $path, &$name::Invalid { violations: many_violations() });
            assert_form_valid(&spec, $path, &$name::Invalid { violations: errbook::Violations::new() });
            assert_form_valid(&spec, $path, &$name::InvalidQuery { violations: Some(many_violations()) });
            assert_form_valid(&spec, $path, &$name::InvalidQuery { violations: None });
        )*};
    }
    check_bodies!(
        NestedForm "/forms/nested",
        ProblemForm "/forms/problem",
        MatrixForm "/forms/matrix",
        DetailForm "/forms/detail",
        GoogleForm "/forms/google"
    );
    // The checker is not vacuous: an item without its code fails.
    let mut body = serde_json::to_value(
        NestedForm::Invalid {
            violations: many_violations(),
        }
        .envelope(),
    )
    .unwrap();
    body["error"]["violations"][0]
        .as_object_mut()
        .unwrap()
        .remove("code");
    let schema = response_schema(&spec, "/forms/nested", "422");
    assert!(validate(&spec, &schema, &body).is_err());
}
