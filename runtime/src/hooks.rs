//! The macros `#[derive(ApiError)]` calls for the framework integrations.
//!
//! A derive cannot see which features of errbook are on, so it always calls
//! `__integrate!` and `__field_schema!`; each expands to the framework impls
//! of the enabled features and to nothing for the others. Every impl they
//! write holds for every derived type, so turning a feature on (by any crate
//! in the graph) never breaks a build.

/// The framework impls for one derived type:
/// `[impl generics] [self type] [where predicates]`.
#[doc(hidden)]
#[macro_export]
macro_rules! __integrate {
    ([$($generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        $crate::__integrate_axum! { [$($generics)*] [$($ty)*] [$($where)*] }
        $crate::__integrate_actix! { [$($generics)*] [$($ty)*] [$($where)*] }
        $crate::__integrate_utoipa! { [$($generics)*] [$($ty)*] [$($where)*] }
    };
}

/// `axum::response::IntoResponse`, rendering in the type's format.
#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __integrate_axum {
    ([$($generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        #[allow(deprecated)]
        impl $($generics)* $crate::__private::axum::response::IntoResponse for $($ty)*
        where
            $($where)*
        {
            fn into_response(self) -> $crate::__private::axum::response::Response {
                $crate::axum::into_response(&self)
            }
        }
    };
}

#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __integrate_axum {
    ($($tokens:tt)*) => {};
}

/// `actix_web::ResponseError`, for types that also implement `Display`
/// (actix-web requires it). The higher-ranked bounds keep the impl legal,
/// and simply absent, for a type without `Display` (or without `Debug`,
/// whose missing impl is reported once, on the `ApiError` impl).
#[cfg(feature = "actix-web")]
#[doc(hidden)]
#[macro_export]
macro_rules! __integrate_actix {
    ([$($generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        #[allow(deprecated)]
        impl $($generics)* $crate::__private::actix_web::ResponseError for $($ty)*
        where
            $($where)*
            for<'__errbook> $($ty)*: ::core::fmt::Display,
            for<'__errbook> $($ty)*: ::core::fmt::Debug,
        {
            fn status_code(&self) -> $crate::__private::actix_web::http::StatusCode {
                $crate::actix::status_code(self)
            }

            fn error_response(&self) -> $crate::__private::actix_web::HttpResponse {
                $crate::actix::error_response(self)
            }
        }
    };
}

#[cfg(not(feature = "actix-web"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __integrate_actix {
    ($($tokens:tt)*) => {};
}

/// `utoipa::IntoResponses`, from the type's catalog.
#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __integrate_utoipa {
    ([$($generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        #[allow(deprecated)]
        impl $($generics)* $crate::__private::utoipa::IntoResponses for $($ty)*
        where
            $($where)*
        {
            fn responses() -> $crate::__private::BTreeMap<
                $crate::__private::String,
                $crate::__private::utoipa::openapi::RefOr<
                    $crate::__private::utoipa::openapi::response::Response,
                >,
            > {
                $crate::utoipa::responses::<Self>()
            }
        }
    };
}

#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __integrate_utoipa {
    ($($tokens:tt)*) => {};
}

/// The [`FieldSchema`](crate::catalog::FieldSchema) of an exposed field's
/// type: a number for a `Duration` (its member is one), from
/// `utoipa::PartialSchema` when the type implements it, unknown otherwise
/// (picked by autoref, so a type without a schema still builds).
#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __field_schema {
    ($ty:ty) => {
        $crate::catalog::FieldSchema::new(|| {
            #[allow(unused_imports)]
            use $crate::__private::{
                SchemaDuration as _, SchemaFromUtoipa as _, SchemaUnknown as _,
            };
            (&&&$crate::__private::SchemaProbe::<$ty>::NEW).errbook_schema()
        })
    };
}

#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __field_schema {
    ($ty:ty) => {
        $crate::catalog::FieldSchema::UNKNOWN
    };
}
