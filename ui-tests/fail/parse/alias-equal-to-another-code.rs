use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(parse)]
enum UserError {
    #[api(code = "user:not_found", status = 404)]
    NotFound,
    #[api(code = "user:gone", status = 410, alias = "user:not_found")]
    Gone,
}

fn main() {}
