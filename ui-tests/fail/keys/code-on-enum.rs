use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(code = "user:error", status = 400)]
enum UserError {
    NotFound,
}

fn main() {}
