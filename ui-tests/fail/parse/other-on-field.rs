use errbook::{ApiError, Unknown};

#[derive(Debug, ApiError)]
#[api(parse)]
enum UserError {
    #[api(status = 404)]
    NotFound,
    Other(#[api(other)] Unknown),
}

fn main() {}
