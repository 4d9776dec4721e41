//! The derive written inside a `macro_rules!`, with variants, fields and
//! templates from the macro's input: generated names keep their own
//! hygiene.

#![deny(warnings, clippy::pedantic)]

use errbook::ApiError;

macro_rules! api_errors {
    ($name:ident { $($variant:ident = $code:literal, $status:literal, $message:literal;)* }) => {
        #[derive(Debug, ApiError)]
        enum $name {
            $(
                #[api(code = $code, status = $status, message = $message)]
                $variant { #[api(field)] id: u64 },
            )*
        }
    };
}

api_errors!(UserError {
    NotFound = "user:not_found", 404, "User {id} not found.";
    Banned = "user:banned", 403, "User {id} is banned.";
});

macro_rules! with_rejections {
    ($name:ident, $prefix:literal, $variant:ident = $code:literal) => {
        #[derive(Debug, ApiError)]
        #[api(parse)]
        enum $name {
            #[api(transparent, prefix = $prefix, rename_all = "snake_case", codes($variant = $code))]
            Rejected(errbook::Rejection),
        }
    };
}

with_rejections!(AppError, "app:", RouteNotFound = "app:no_route");

fn main() {
    let rejected = AppError::Rejected(errbook::Rejection::UnsupportedMediaType);
    assert_eq!(rejected.code(), "app:unsupported_media_type");
    let no_route = AppError::Rejected(errbook::Rejection::RouteNotFound);
    assert_eq!(no_route.code(), "app:no_route");
    assert!(matches!(
        AppError::from_response(&no_route.to_response()),
        Ok(AppError::Rejected(errbook::Rejection::RouteNotFound))
    ));

    let err = UserError::NotFound { id: 7 };
    assert_eq!(err.message().to_string(), "User 7 not found.");
    let body = serde_json::to_string(&err.envelope()).unwrap();
    assert_eq!(
        body,
        r#"{"error":{"code":"user:not_found","message":"User 7 not found.","id":7}}"#
    );
    assert_eq!(UserError::Banned { id: 1 }.status(), 403);
}
