use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(stauts = 404)]
    NotFound,
}

fn main() {}
