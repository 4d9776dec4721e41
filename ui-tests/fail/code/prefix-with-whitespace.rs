use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(prefix = "user ")]
enum UserError {
    #[api(status = 404)]
    NotFound,
}

fn main() {}
