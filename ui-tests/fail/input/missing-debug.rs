use errbook::ApiError;

#[derive(ApiError)]
enum UserError {
    #[api(status = 404)]
    NotFound,
}

fn main() {}
