use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 429)]
    RateLimited {
        #[api(field, retry_after = "minutes")]
        retry_after: u64,
    },
}

fn main() {}
