use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(parse)]
enum UserError {
    #[api(code = "user:not_found", status = 404, alias = "NOT_FOUND")]
    NotFound,
    #[api(code = "user:gone", status = 410, alias = "NOT_FOUND")]
    Gone,
}

fn main() {}
