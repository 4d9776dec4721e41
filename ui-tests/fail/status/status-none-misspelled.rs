use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(status = None)]
enum FederationError {
    #[api(code = "M_UNKNOWN_ROOM")]
    UnknownRoom,
}

fn main() {}
