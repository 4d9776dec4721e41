use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 404, parse)]
    NotFound,
}

fn main() {}
