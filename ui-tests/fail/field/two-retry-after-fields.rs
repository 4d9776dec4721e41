use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 429)]
    RateLimited {
        #[api(retry_after = "ms")]
        retry_after_ms: u64,
        #[api(retry_after)]
        retry_after_s: u64,
    },
}

fn main() {}
