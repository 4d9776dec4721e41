use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(parse)]
enum UserError {
    #[api(code = "user:not_found", status = 404, alias = "user:not_found")]
    NotFound,
}

fn main() {}
