use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api = "snake_case"]
enum UserError {
    #[api(status = 404)]
    NotFound,
}

fn main() {}
