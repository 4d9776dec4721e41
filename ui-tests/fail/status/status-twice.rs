use errbook::ApiError;
use errbook::http::StatusCode;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 400)]
    Upstream {
        #[api(status)]
        status: StatusCode,
    },
}

fn main() {}
