use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 404, docs = "https://example.com/errors/{code}")]
    NotFound,
}

fn main() {}
