use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(parse)]
enum UserError {
    #[api(
        code = "user:not_found",
        status = 404,
        skip_parse,
        alias = "USER_NOT_FOUND"
    )]
    NotFound,
}

fn main() {}
