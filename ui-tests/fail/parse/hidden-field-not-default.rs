use errbook::ApiError;

#[derive(Debug)]
struct UserId(u64);

#[derive(Debug, ApiError)]
#[api(parse)]
enum UserError {
    #[api(status = 404, message = "User not found.")]
    NotFound { id: UserId },
}

fn main() {}
