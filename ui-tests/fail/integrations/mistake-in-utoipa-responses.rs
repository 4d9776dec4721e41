//! One mistake in a type listed in an OpenAPI path's responses: one error,
//! on the mistake.

use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(format = problem)]
enum AppError {
    #[api(code = "NOT_FOUND", status = 404, message = "User {id} not found.")]
    NotFound,
}

#[utoipa::path(get, path = "/users/{id}", responses((status = 200, body = String), AppError))]
#[allow(dead_code)]
fn get_user() {}

#[derive(utoipa::OpenApi)]
#[openapi(paths(get_user))]
struct Api;

fn main() {
    let _ = <Api as utoipa::OpenApi>::openapi();
}
