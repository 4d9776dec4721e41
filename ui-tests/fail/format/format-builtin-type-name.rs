use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(format = Problem)]
enum UserError {
    #[api(status = 404)]
    NotFound,
}

fn main() {}
