use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(docs = https)]
enum UserError {
    #[api(status = 404)]
    NotFound,
}

fn main() {}
