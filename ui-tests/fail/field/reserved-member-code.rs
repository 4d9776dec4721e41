use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 404)]
    NotFound {
        #[api(field)]
        code: u64,
    },
}

fn main() {}
