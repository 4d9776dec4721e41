use errbook::ApiError;
use serde::Serialize;

#[derive(Debug, Serialize)]
struct Permission(String);

#[derive(Debug, ApiError)]
#[api(parse)]
enum UserError {
    #[api(status = 403)]
    Forbidden {
        #[api(field)]
        missing_permission: Permission,
    },
}

fn main() {}
