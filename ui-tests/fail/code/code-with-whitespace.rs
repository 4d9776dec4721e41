use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(code = "user: not found", status = 404)]
    NotFound,
}

fn main() {}
