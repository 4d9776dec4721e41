use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(docs = "https://example.com/errors/{status}/{code}")]
enum UserError {
    #[api(status = 404)]
    NotFound,
}

fn main() {}
