use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(rename_all = "snake_case", status = 409)]
enum UserError {
    /// Email is already registered.
    EmailAlreadyExists,
}

#[derive(Debug, ApiError)]
#[api(rename_all = "snake_case", status = 409)]
enum OAuthError {
    /// Email already exists.
    EmailAlreadyExists,
}

#[derive(Debug, ApiError)]
enum AppError {
    #[api(transparent)]
    User(UserError),
    #[api(transparent)]
    OAuth(OAuthError),
}

fn main() {}
