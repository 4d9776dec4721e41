use errbook::ApiError;

#[derive(Debug)]
struct UserId(u64);

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 404, message = "User {id} not found.")]
    NotFound { id: UserId },
}

fn main() {}
