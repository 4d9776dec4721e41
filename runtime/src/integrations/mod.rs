//! The framework integrations, each behind its feature: `axum`,
//! `actix` (feature `actix-web`), `utoipa`, `reqwest` (public as
//! `errbook::client`) and `tracing`; and the validators' errors as
//! violations: `validator` and `garde`.
//!
//! The core (`error`, `code`, `format`, `catalog`, `decode`) knows no
//! framework; each integration adapts it to one. What the web frameworks
//! share lives here once: the request-id policy ([`request_id`]) and the
//! JSON rejection classifier ([`rejection`]).

#[cfg(any(feature = "axum", feature = "actix-web"))]
/// What the extractors of both frameworks share: a constructor,
/// `into_inner`, `Deref`, `From<T>`, `Debug`, `Clone`, `Copy`, `Default`.
macro_rules! wrapper {
    ($name:ident) => {
        impl<T, E: $crate::bounds::FromRejection> $name<T, E> {
            /// Wraps `value`.
            pub const fn new(value: T) -> Self {
                $name(value, ::core::marker::PhantomData)
            }

            /// The extracted value.
            pub fn into_inner(self) -> T {
                self.0
            }
        }

        impl<T, E: $crate::bounds::FromRejection> ::core::ops::Deref for $name<T, E> {
            type Target = T;

            fn deref(&self) -> &T {
                &self.0
            }
        }

        impl<T, E: $crate::bounds::FromRejection> ::core::ops::DerefMut for $name<T, E> {
            fn deref_mut(&mut self) -> &mut T {
                &mut self.0
            }
        }

        impl<T, E: $crate::bounds::FromRejection> ::core::convert::From<T> for $name<T, E> {
            fn from(value: T) -> Self {
                $name::new(value)
            }
        }

        impl<T: ::core::fmt::Debug, E: $crate::bounds::FromRejection> ::core::fmt::Debug
            for $name<T, E>
        {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_tuple(stringify!($name)).field(&self.0).finish()
            }
        }

        impl<T: ::core::clone::Clone, E: $crate::bounds::FromRejection> ::core::clone::Clone
            for $name<T, E>
        {
            fn clone(&self) -> Self {
                $name::new(self.0.clone())
            }
        }

        impl<T: ::core::marker::Copy, E: $crate::bounds::FromRejection> ::core::marker::Copy
            for $name<T, E>
        {
        }

        impl<T: ::core::default::Default, E: $crate::bounds::FromRejection> ::core::default::Default
            for $name<T, E>
        {
            fn default() -> Self {
                $name::new(T::default())
            }
        }
    };
}

#[cfg(feature = "actix-web")]
pub mod actix;
#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "garde")]
pub mod garde;
#[cfg(feature = "reqwest")]
pub mod reqwest;
#[cfg(feature = "tracing")]
pub(crate) mod tracing;
#[cfg(feature = "utoipa")]
pub mod utoipa;
#[cfg(feature = "validator")]
pub mod validator;

#[cfg(any(feature = "axum", feature = "actix-web"))]
mod rejection;
#[cfg(any(feature = "axum", feature = "actix-web"))]
mod request_id;
