use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(status = 600)]
enum UserError {
    NotFound,
}

fn main() {}
