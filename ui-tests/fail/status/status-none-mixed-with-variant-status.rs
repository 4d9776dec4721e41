use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(status = none)]
enum FederationError {
    #[api(code = "M_UNKNOWN_ROOM")]
    UnknownRoom,
    #[api(code = "M_FORBIDDEN", status = 403)]
    Forbidden,
}

fn main() {}
