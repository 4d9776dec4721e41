use errbook::ApiError;

#[derive(Debug, ApiError)]
enum ChatError {
    #[api(code = "M_LIMIT_EXCEEDED", status = 429)]
    LimitExceeded {
        #[api(none = "omit")]
        retry_after_ms: Option<u64>,
    },
}

fn main() {}
