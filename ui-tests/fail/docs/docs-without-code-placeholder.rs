use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(docs = "https://example.com/errors")]
enum UserError {
    #[api(status = 404)]
    NotFound,
}

fn main() {}
