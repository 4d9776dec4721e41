use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 404, status = 410)]
    NotFound,
}

fn main() {}
