//! `#[api(display)]` writes `Display` as the public message, on enums,
//! structs and generic types, warning-free; with `std::error::Error` it is
//! all actix-web's `ResponseError` and `?` into `Box<dyn Error>` need.

#![deny(warnings, clippy::pedantic)]

use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(display, rename_all = "snake_case")]
enum UserError {
    #[api(status = 404, message = "User {id} not found.")]
    NotFound { id: u64 },
    #[api(status = 409)]
    Conflict,
}

impl std::error::Error for UserError {}

#[derive(Debug, ApiError)]
#[api(display, code = "QUOTA", status = 429, message = "Used {0} of {1}.")]
struct Quota(u32, u32);

#[derive(Debug, ApiError)]
#[api(display)]
enum Wrapped<T: ApiError> {
    #[api(transparent)]
    Inner(T),
}

fn main() {
    assert_eq!(UserError::NotFound { id: 7 }.to_string(), "User 7 not found.");
    assert_eq!(UserError::Conflict.to_string(), "Conflict");
    assert_eq!(Quota(3, 2).to_string(), "Used 3 of 2.");
    assert_eq!(Wrapped::Inner(Quota(1, 1)).to_string(), "Used 1 of 1.");
    let boxed: Box<dyn std::error::Error> = Box::new(UserError::Conflict);
    assert_eq!(boxed.to_string(), "Conflict");
}
