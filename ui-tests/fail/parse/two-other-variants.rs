use errbook::{ApiError, Unknown};

#[derive(Debug, ApiError)]
#[api(parse)]
enum UserError {
    #[api(status = 404)]
    NotFound,
    #[api(other)]
    Other(Unknown),
    #[api(other)]
    Unrecognized(Unknown),
}

fn main() {}
