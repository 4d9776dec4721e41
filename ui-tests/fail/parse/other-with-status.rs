use errbook::{ApiError, Unknown};

#[derive(Debug, ApiError)]
#[api(parse)]
enum UserError {
    #[api(status = 404)]
    NotFound,
    #[api(other, status = 500)]
    Other(Unknown),
}

fn main() {}
