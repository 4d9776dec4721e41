use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status)]
    NotFound,
}

fn main() {}
