use errbook::ApiError;
use errbook::http::StatusCode;

#[derive(Debug, ApiError)]
#[api(format = detail, parse)]
enum PostError {
    #[api(message = "Unrecognized request")]
    Unrecognized {
        #[api(status)]
        status: StatusCode,
    },
}

fn main() {}
