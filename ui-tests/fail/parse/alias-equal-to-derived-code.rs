use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(parse, prefix = "user:", rename_all = "snake_case")]
enum UserError {
    #[api(status = 404)]
    NotFound,
    #[api(status = 410, alias = "user:not_found")]
    Gone,
}

fn main() {}
