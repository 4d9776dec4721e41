use errbook::ApiError;

#[derive(Debug, ApiError)]
enum ChatError {
    #[api(code = "M_UNKNOWN_TOKEN", status = 401)]
    UnknownToken {
        #[api(field, default)]
        soft_logout: bool,
    },
}

fn main() {}
