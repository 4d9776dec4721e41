use errbook::ApiError;

#[derive(Debug, ApiError)]
enum FederationError {
    #[api(code = "M_UNKNOWN_ROOM", status = none)]
    UnknownRoom,
}

fn main() {}
