use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(parse)]
enum UserError {
    #[api(status = 404)]
    NotFound,
    #[api(other)]
    Other(String),
}

fn main() {}
