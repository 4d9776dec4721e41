use errbook::ApiError;

const NOT_FOUND: &str = "user:not_found";

#[derive(Debug, ApiError)]
enum UserError {
    #[api(code = NOT_FOUND, status = 404)]
    NotFound,
}

fn main() {}
