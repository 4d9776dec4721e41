//! The generated code names everything by absolute path: it compiles in a
//! crate without the prelude, where primitives and std names are shadowed.

#![no_implicit_prelude]
#![deny(warnings, clippy::pedantic)]
#![allow(non_camel_case_types, dead_code)]

struct u8;
struct u16;
struct u32;
struct u64;
struct i64;
struct usize;
struct str;
struct bool;
struct Option;
struct Some;
struct None;
struct Result;
struct Ok;
struct Err;
struct String;
struct Box;
struct Vec;
struct Duration;
struct StatusCode;
struct Code;
struct Formatter;
trait ApiError {}
trait FieldVisitor {}
trait Serialize {}
trait Debug {}
trait Display {}
trait Error {}
trait Sized {}
trait From {}
trait Into {}
trait Default {}
mod core {}
mod std {}
mod errbook {}
mod http {}
mod serde {}

#[derive(::core::fmt::Debug)]
struct Inner(::std::string::String);

impl ::core::fmt::Display for Inner {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str(&self.0)
    }
}

impl ::std::error::Error for Inner {}

#[derive(::core::fmt::Debug, ::errbook::ApiError)]
#[api(status = 401)]
enum SessionError {
    Expired,
}

/// Shadowed everything.
#[derive(::core::fmt::Debug, ::errbook::ApiError)]
#[api(prefix = "user:", rename_all = "snake_case", status = 400)]
enum UserError {
    /// No user with this id.
    #[api(status = 404, message = "User {id} not found.")]
    NotFound {
        #[api(field)]
        id: ::core::primitive::u64,
    },
    #[api(code = 42, message = "{0} is taken ({1:>3}).")]
    Taken(::std::string::String, ::core::primitive::u16),
    #[api(status = 429)]
    RateLimited {
        #[api(field, retry_after = "ms")]
        wait_ms: ::core::option::Option<::core::primitive::u32>,
        #[api(field)]
        tags: ::std::vec::Vec<::std::boxed::Box<::core::primitive::str>>,
    },
    #[api(status = 500)]
    Internal(#[api(source)] Inner),
    Dynamic {
        #[api(status)]
        status: ::errbook::http::StatusCode,
        #[api(source)]
        cause: ::std::boxed::Box<
            dyn ::std::error::Error + ::core::marker::Send + ::core::marker::Sync,
        >,
    },
    #[api(transparent)]
    Session(SessionError),
}

/// The framework's rejections under codes of its own, read back too.
#[derive(::core::fmt::Debug, ::errbook::ApiError)]
#[api(parse)]
enum AppError {
    #[api(
        transparent,
        prefix = "app:",
        rename_all = "snake_case",
        codes(RouteNotFound = "app:no_route", MethodNotAllowed = 40501)
    )]
    Rejected(::errbook::Rejection),
    #[api(transparent, skip_parse)]
    Session(SessionError),
}

/// A struct too.
#[derive(::core::fmt::Debug, ::errbook::ApiError)]
#[api(code = "QUOTA", status = 429, message = "Quota {limit} exceeded.")]
struct Quota {
    #[api(field)]
    limit: ::core::primitive::usize,
    #[api(retry_after)]
    reset: ::core::time::Duration,
}

fn body<E: ::errbook::ApiError>(err: &E) -> ::std::string::String {
    ::serde_json::to_string(&::errbook::ApiError::envelope(err)).unwrap()
}

fn main() {
    let err = UserError::NotFound { id: 7 };
    ::std::assert_eq!(
        body(&err),
        "{\"error\":{\"code\":\"user:not_found\",\"message\":\"User 7 not found.\",\"id\":7}}",
    );
    ::std::assert_eq!(
        ::errbook::ApiError::doc(&err),
        ::core::option::Option::Some("No user with this id.")
    );

    let taken = UserError::Taken(::std::borrow::ToOwned::to_owned("alice"), 7);
    ::std::assert_eq!(
        ::std::string::ToString::to_string(&::errbook::ApiError::message(&taken)),
        "alice is taken (  7)."
    );
    ::std::assert_eq!(::errbook::ApiError::code(&taken), 42);
    ::std::assert_eq!(::errbook::ApiError::status(&taken), 400);

    let limited = UserError::RateLimited {
        wait_ms: ::core::option::Option::Some(1500),
        tags: ::std::vec![
            <::std::boxed::Box<::core::primitive::str> as ::core::convert::From<
                &::core::primitive::str,
            >>::from("a")
        ],
    };
    ::std::assert_eq!(
        ::errbook::ApiError::retry_after(&limited),
        ::core::option::Option::Some(::core::time::Duration::from_millis(1500)),
    );

    let internal = UserError::Internal(Inner(::std::borrow::ToOwned::to_owned("disk full")));
    ::std::assert!(::errbook::ApiError::source_error(&internal).is_some());
    ::std::assert_eq!(
        body(&internal),
        "{\"error\":{\"code\":\"user:internal\",\"message\":\"Internal Server Error\"}}",
    );

    let dynamic = UserError::Dynamic {
        status: ::errbook::http::StatusCode::CONFLICT,
        cause: <::std::boxed::Box<
            dyn ::std::error::Error + ::core::marker::Send + ::core::marker::Sync,
        > as ::core::convert::From<&::core::primitive::str>>::from("boom"),
    };
    ::std::assert_eq!(::errbook::ApiError::status(&dynamic), 409);
    ::std::assert!(::errbook::ApiError::source_error(&dynamic).is_some());

    ::std::assert_eq!(
        ::errbook::ApiError::code(&UserError::Session(SessionError::Expired)),
        "EXPIRED"
    );

    let rejected = AppError::Rejected(::errbook::Rejection::PayloadTooLarge);
    ::std::assert_eq!(::errbook::ApiError::code(&rejected), "app:payload_too_large");
    ::std::assert_eq!(
        ::errbook::ApiError::code(&AppError::Rejected(::errbook::Rejection::RouteNotFound)),
        "app:no_route"
    );
    let wrong = AppError::Rejected(::errbook::Rejection::MethodNotAllowed);
    ::std::assert_eq!(::errbook::ApiError::code(&wrong), 40501);
    ::std::assert!(::core::matches!(
        AppError::from_response(&::errbook::ApiError::to_response(&wrong)),
        ::core::result::Result::Ok(AppError::Rejected(
            ::errbook::Rejection::MethodNotAllowed
        ))
    ));
    ::std::assert_eq!(
        ::errbook::ApiError::code(&AppError::Session(SessionError::Expired)),
        "EXPIRED"
    );

    let quota = Quota {
        limit: 10,
        reset: ::core::time::Duration::from_secs(3),
    };
    ::std::assert_eq!(
        body(&quota),
        "{\"error\":{\"code\":\"QUOTA\",\"message\":\"Quota 10 exceeded.\",\"limit\":10}}",
    );
}
