use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(domain = example)]
enum UserError {
    #[api(status = 404)]
    NotFound,
}

fn main() {}
