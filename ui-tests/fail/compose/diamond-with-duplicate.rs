use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(prefix = "auth:", rename_all = "snake_case")]
enum AuthError {
    #[api(status = 401, message = "Missing bearer token.")]
    MissingToken,
}

#[derive(Debug, ApiError)]
enum CreateError {
    #[api(transparent)]
    Auth(AuthError),
}

#[derive(Debug, ApiError)]
enum GetError {
    #[api(transparent)]
    Auth(AuthError),
    // Another type's variant with one of `AuthError`'s codes: a duplicate,
    // although `AuthError` itself is reached twice.
    #[api(code = "auth:missing_token", status = 401)]
    NoToken,
}

#[derive(Debug, ApiError)]
enum ApiErrors {
    #[api(transparent)]
    Create(CreateError),
    #[api(transparent)]
    Get(GetError),
}

fn main() {}
