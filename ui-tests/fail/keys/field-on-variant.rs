use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(field, status = 404)]
    NotFound { id: u64 },
}

fn main() {}
