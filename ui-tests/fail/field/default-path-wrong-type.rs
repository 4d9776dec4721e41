use errbook::ApiError;

fn no_limit() -> String {
    String::new()
}

#[derive(Debug, ApiError)]
#[api(parse)]
enum ChatError {
    #[api(code = "M_LIMIT", status = 429)]
    Limit {
        #[api(field, default = "no_limit")]
        limit: u32,
    },
}

fn main() {}
