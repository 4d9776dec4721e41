use errbook::ApiError;
use errbook::http::StatusCode;

#[derive(Debug, ApiError)]
#[api(status = none)]
enum FederationError {
    #[api(code = "M_UNKNOWN_ROOM")]
    UnknownRoom,
    #[api(code = "M_BAD_STATUS")]
    BadStatus {
        #[api(status)]
        status: StatusCode,
    },
}

fn main() {}
