use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(parse)]
enum ChatError {
    #[api(code = "M_UNKNOWN_TOKEN", status = 401)]
    UnknownToken {
        #[api(field, default = "not a path")]
        soft_logout: bool,
    },
}

fn main() {}
