use errbook::{ApiError, Unknown};

#[derive(Debug, ApiError)]
#[api(parse)]
enum UserError {
    #[api(status = 404)]
    NotFound,
    #[api(other, code = "UNKNOWN")]
    Other(Unknown),
}

fn main() {}
