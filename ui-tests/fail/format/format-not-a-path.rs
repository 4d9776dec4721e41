use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(format = 3)]
enum UserError {
    #[api(status = 404)]
    NotFound,
}

fn main() {}
