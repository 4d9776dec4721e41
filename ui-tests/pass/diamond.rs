//! Per-endpoint error enums that share types (a diamond): the same type
//! reached by two paths is one set of codes, in the derive's check and in
//! `assert_unique_codes!`.

use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(prefix = "auth:", rename_all = "snake_case")]
enum AuthError {
    #[api(status = 401, message = "Missing bearer token.")]
    MissingToken,
}

#[derive(Debug, ApiError)]
#[api(prefix = "bookmark:", rename_all = "snake_case")]
enum BookmarkError {
    #[api(status = 404, message = "Bookmark not found.")]
    NotFound,
}

#[derive(Debug, ApiError)]
enum CreateBookmarkError {
    #[api(transparent)]
    Auth(AuthError),
    #[api(transparent)]
    Rejected(errbook::Rejection),
}

#[derive(Debug, ApiError)]
enum GetBookmarkError {
    #[api(transparent)]
    Auth(AuthError),
    #[api(transparent)]
    Rejected(errbook::Rejection),
    #[api(transparent)]
    Bookmark(BookmarkError),
}

/// Every error of the API, for the catalog page: both endpoints' types.
#[derive(Debug, ApiError)]
enum ApiErrors {
    #[api(transparent)]
    Create(CreateBookmarkError),
    #[api(transparent)]
    Get(GetBookmarkError),
}

errbook::assert_unique_codes!(CreateBookmarkError, GetBookmarkError, AuthError);

fn main() {
    let codes: Vec<String> = ApiErrors::catalog()
        .iter()
        .map(|entry| entry.code().to_string())
        .collect();
    let auth = codes.iter().filter(|code| *code == "auth:missing_token");
    assert_eq!(auth.count(), 1);
}
