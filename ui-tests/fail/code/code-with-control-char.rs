use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(code = "user:not_found\u{7}", status = 404)]
    NotFound,
}

fn main() {}
