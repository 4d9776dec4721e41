use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(code = 40401, status = 404)]
    NotFound,
    #[api(code = 40401, status = 410)]
    Gone,
}

fn main() {}
