use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api]
    NotFound,
}

fn main() {}
