use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 404)]
    NotFound(#[api(field)] u64),
}

fn main() {}
