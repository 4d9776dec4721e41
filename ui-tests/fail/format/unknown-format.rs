use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(format = problme)]
enum UserError {
    #[api(status = 404)]
    NotFound,
}

fn main() {}
