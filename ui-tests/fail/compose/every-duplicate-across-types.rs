//! Every code two nested types share, in the one error of the type that
//! nests them.

use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(rename_all = "snake_case", status = 409)]
enum UserError {
    EmailAlreadyExists,
    NameTaken,
    Banned,
}

#[derive(Debug, ApiError)]
#[api(rename_all = "snake_case", status = 409)]
enum OAuthError {
    EmailAlreadyExists,
    NameTaken,
    Expired,
}

#[derive(Debug, ApiError)]
enum AppError {
    #[api(transparent)]
    User(UserError),
    #[api(transparent)]
    OAuth(OAuthError),
}

fn main() {}
