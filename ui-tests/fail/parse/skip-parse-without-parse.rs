use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 404, skip_parse)]
    NotFound,
}

fn main() {}
