use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(rename = "snake_case", status = 400)]
enum UserError {
    NotFound,
}

fn main() {}
