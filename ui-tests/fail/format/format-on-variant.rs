use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 404, format = problem)]
    NotFound,
}

fn main() {}
