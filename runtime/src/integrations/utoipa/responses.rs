//! The OpenAPI responses: the code schemas grouped by status, each group
//! one response with its examples, a discriminator when the codes allow one,
//! and `Retry-After` when a code sends it.

use std::collections::BTreeMap;

use ::utoipa::openapi::example::ExampleBuilder;
use ::utoipa::openapi::schema::{AnyOf, Discriminator, OneOf, Type};
use ::utoipa::openapi::{
    ContentBuilder, HeaderBuilder, ObjectBuilder, Ref, RefOr, Response, ResponseBuilder, Schema,
};

use super::CodeSchema;
use crate::{ApiError, Format};

/// The responses of `schemas`, grouped by status.
pub(super) fn build_responses<E: ApiError>(
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
        .map(|schema| format!("`{}`", schema.entry.code()))
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
            .description()
            .and_then(|description| description.lines().next())
            .map_or_else(|| schema.entry.code().to_string(), str::to_owned);
        (
            schema.entry.code().to_string(),
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
        .filter(|schema| schema.entry.retry_after().is_some())
        .map(|schema| format!("`{}`", schema.entry.code()))
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
        schema.code_pointer.as_deref() == Some(first) && schema.entry.code().as_str().is_some()
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
                    schema.entry.code().to_string(),
                    format!("#/components/schemas/{}", schema.name),
                )
            }),
        )
    } else {
        Discriminator::new(property)
    })
}
