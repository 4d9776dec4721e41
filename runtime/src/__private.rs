//! Helpers for the code `#[derive(ApiError)]` generates. Not public API.

pub use core;

pub use crate::decode::{DecodeErrorKind, RawError};

pub use crate::Code;
pub use crate::catalog::rename::{self, Case, Rename};
pub use crate::catalog::unique::duplicate;
pub use crate::catalog::{
    Catalog, Entry, FieldInfo, RetryAfterUnit, Table, catalog_of, entry_in, find_entry_of,
};
#[cfg(feature = "utoipa")]
pub use crate::duration::SchemaDuration;
pub use crate::duration::{
    DurationValue, Member, PlainValue, ReadDuration, ReadMember, ReadPlain, visit_option_value,
};
pub use crate::error::defaults;
pub use crate::parse::find_entry;
pub use crate::retry_after::{FromRetryAfter, RetryAfter};
pub use http::StatusCode;
pub use std::collections::BTreeMap;
pub use std::string::String;

#[cfg(feature = "actix-web")]
pub use actix_web;
#[cfg(feature = "axum")]
pub use axum;
#[cfg(feature = "utoipa")]
pub use utoipa;

/// Names a field's type for [`SchemaFromUtoipa`] / [`SchemaUnknown`].
#[cfg(feature = "utoipa")]
pub struct SchemaProbe<T: ?Sized>(core::marker::PhantomData<T>);

#[cfg(feature = "utoipa")]
impl<T: ?Sized> SchemaProbe<T> {
    /// The probe.
    pub const NEW: Self = SchemaProbe(core::marker::PhantomData);
}

/// The schema of a type implementing `utoipa::PartialSchema`; method
/// resolution prefers it (one autoref fewer) when the bound holds.
#[cfg(feature = "utoipa")]
pub trait SchemaFromUtoipa {
    /// The type's schema as JSON.
    fn errbook_schema(&self) -> Option<serde_json::Value>;
}

#[cfg(feature = "utoipa")]
impl<T: utoipa::PartialSchema + ?Sized> SchemaFromUtoipa for &SchemaProbe<T> {
    fn errbook_schema(&self) -> Option<serde_json::Value> {
        serde_json::to_value(T::schema()).ok()
    }
}

/// No schema, for every other type.
#[cfg(feature = "utoipa")]
pub trait SchemaUnknown {
    /// `None`.
    fn errbook_schema(&self) -> Option<serde_json::Value>;
}

#[cfg(feature = "utoipa")]
impl<T: ?Sized> SchemaUnknown for SchemaProbe<T> {
    fn errbook_schema(&self) -> Option<serde_json::Value> {
        None
    }
}

/// A status the derive has checked to lie in 400..=599.
#[inline]
pub fn status(code: u16) -> StatusCode {
    match StatusCode::from_u16(code) {
        Ok(status) => status,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// A status carried by a `#[api(status)]` field: an error status as it is,
/// anything else (a 2xx or 3xx set by mistake) as 500, so an error never
/// goes out as a success.
#[inline]
pub fn runtime_status(status: StatusCode) -> StatusCode {
    if status.is_client_error() || status.is_server_error() {
        status
    } else {
        StatusCode::INTERNAL_SERVER_ERROR
    }
}

/// Whether `name` is one of a format's reserved member names; the derive
/// checks exposed fields of a user format's type with it at compile time.
pub const fn is_reserved(reserved: &[&str], name: &str) -> bool {
    let mut i = 0;
    while i < reserved.len() {
        if crate::catalog::unique::same_str(reserved[i], name) {
            return true;
        }
        i += 1;
    }
    false
}

/// The canonical reason phrase, the message of an error that names none.
#[inline]
pub fn reason(status: StatusCode) -> &'static str {
    match status.canonical_reason() {
        Some(reason) => reason,
        None => "Error",
    }
}

/// A `source` field as a `dyn Error`: any `Error + 'static`, or a boxed
/// `dyn Error`.
pub trait AsDynError {
    /// The field as a trait object.
    fn as_dyn_error(&self) -> &(dyn std::error::Error + 'static);
}

impl<T: std::error::Error + 'static> AsDynError for T {
    #[inline]
    fn as_dyn_error(&self) -> &(dyn std::error::Error + 'static) {
        self
    }
}

impl AsDynError for dyn std::error::Error + 'static {
    #[inline]
    fn as_dyn_error(&self) -> &(dyn std::error::Error + 'static) {
        self
    }
}

impl AsDynError for dyn std::error::Error + Send + 'static {
    #[inline]
    fn as_dyn_error(&self) -> &(dyn std::error::Error + 'static) {
        self
    }
}

impl AsDynError for dyn std::error::Error + Send + Sync + 'static {
    #[inline]
    fn as_dyn_error(&self) -> &(dyn std::error::Error + 'static) {
        self
    }
}

/// The type of an `#[api(violations)]` field: an `errbook::Violations`, or
/// an `Option` of one.
#[diagnostic::on_unimplemented(
    message = "`#[api(violations)]` marks an `errbook::Violations` field, and `{Self}` is not one",
    label = "not an `errbook::Violations` (or an `Option` of one)"
)]
pub trait ViolationsField: Sized {
    /// The list the field holds.
    fn violations(&self) -> Option<&crate::Violations>;
    /// The field holding what a body carried: `None` when it had no list.
    fn from_read(read: Option<crate::Violations>) -> Self;
}

impl ViolationsField for crate::Violations {
    #[inline]
    fn violations(&self) -> Option<&crate::Violations> {
        Some(self)
    }
    fn from_read(read: Option<crate::Violations>) -> Self {
        read.unwrap_or_default()
    }
}

impl ViolationsField for Option<crate::Violations> {
    #[inline]
    fn violations(&self) -> Option<&crate::Violations> {
        self.as_ref()
    }
    fn from_read(read: Option<crate::Violations>) -> Self {
        read
    }
}

/// An `#[api(violations)]` field, read back from where the body's format
/// keeps the list (empty, or `None`, when it has none).
pub fn read_violations<T: ViolationsField>(raw: &RawError<'_>) -> Result<T, DecodeErrorKind> {
    crate::violations::read::from_raw(raw).map(T::from_read)
}

/// A derived type's table without nested catalogs.
pub const NO_NESTED: &[&Catalog] = &[];
/// A derived type's table without exposed fields.
pub const NO_FIELDS: &[FieldInfo] = &[];
