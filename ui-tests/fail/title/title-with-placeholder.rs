use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 404, title = "User {id} not found.")]
    NotFound { id: u64 },
}

fn main() {}
