use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(parse, alias = "USER_NOT_FOUND")]
enum UserError {
    #[api(code = "user:not_found", status = 404)]
    NotFound,
}

fn main() {}
