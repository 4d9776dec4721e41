use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(code = "user:not_found", status = 404, alias = "USER_NOT_FOUND")]
    NotFound,
}

fn main() {}
