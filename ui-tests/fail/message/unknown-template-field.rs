use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 404, message = "User {user_id} not found.")]
    NotFound { id: u64 },
}

fn main() {}
