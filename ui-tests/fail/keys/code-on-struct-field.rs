use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(status = 403)]
struct Forbidden {
    #[api(code = "FORBIDDEN", field)]
    missing_permission: String,
}

fn main() {}
