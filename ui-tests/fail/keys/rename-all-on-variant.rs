use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(rename_all = "snake_case", status = 404)]
    NotFound,
}

fn main() {}
