use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(title = "Not found.")]
enum UserError {
    #[api(status = 404)]
    NotFound,
}

fn main() {}
