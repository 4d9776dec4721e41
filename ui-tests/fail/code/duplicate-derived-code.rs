use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(prefix = "user:", rename_all = "snake_case")]
enum UserError {
    #[api(status = 404)]
    NotFound,
    #[api(code = "user:not_found", status = 410)]
    Gone,
}

fn main() {}
