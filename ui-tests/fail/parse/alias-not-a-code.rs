use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(parse)]
enum UserError {
    #[api(code = 40401, status = 404, alias = true)]
    NotFound,
}

fn main() {}
