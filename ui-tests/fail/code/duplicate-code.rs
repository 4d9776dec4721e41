use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(code = "user:not_found", status = 404)]
    NotFound,
    #[api(code = "user:not_found", status = 410)]
    Gone,
}

fn main() {}
