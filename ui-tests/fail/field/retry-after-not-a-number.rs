use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 429)]
    RateLimited {
        #[api(retry_after)]
        retry_after: String,
    },
}

fn main() {}
