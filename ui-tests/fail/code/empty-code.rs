use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(code = "", status = 404)]
    NotFound,
}

fn main() {}
