use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 404, message = "User {1} not found.")]
    NotFound(u64),
}

fn main() {}
