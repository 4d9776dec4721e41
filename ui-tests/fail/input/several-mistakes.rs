use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(rename_all = "snake", stauts = 400)]
enum UserError {
    #[api(code = "", status = 200)]
    NotFound { id: u64 },
    #[api(status = 404, message = "User {user} not found.")]
    Missing { id: u64 },
    #[api(transparent)]
    Session,
}

fn main() {}
