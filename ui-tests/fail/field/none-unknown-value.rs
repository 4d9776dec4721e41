use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(format = matrix)]
enum ChatError {
    #[api(code = "M_LIMIT_EXCEEDED", status = 429)]
    LimitExceeded {
        #[api(field, none = "skip")]
        retry_after_ms: Option<u64>,
    },
}

fn main() {}
