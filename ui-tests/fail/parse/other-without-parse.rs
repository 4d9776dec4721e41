use errbook::{ApiError, Unknown};

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 404)]
    NotFound,
    #[api(other)]
    Other(Unknown),
}

fn main() {}
