use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 404)]
    NotFound {
        #[api(code = "user:not_found")]
        id: u64,
    },
}

fn main() {}
