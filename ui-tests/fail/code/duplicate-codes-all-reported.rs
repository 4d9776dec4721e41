//! Every duplicate code of an enum in one compile, each under its own
//! code: a code written three times, a derived code, an integer code.

use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(prefix = "user:", rename_all = "snake_case")]
enum UserError {
    #[api(code = "user:gone", status = 410)]
    Gone,
    #[api(code = "user:gone", status = 410)]
    Deleted,
    #[api(code = "user:gone", status = 410)]
    Erased,
    #[api(status = 404)]
    NotFound,
    #[api(code = "user:not_found", status = 404)]
    Missing,
    #[api(code = 40401, status = 404)]
    NoSuchId,
    #[api(code = "40401", status = 404)]
    NoSuchName,
}

fn main() {}
