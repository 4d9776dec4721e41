use errbook::ApiError;

#[derive(Debug)]
struct Permission;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 403)]
    Forbidden {
        #[api(field)]
        missing_permission: Option<Permission>,
    },
}

fn main() {}
