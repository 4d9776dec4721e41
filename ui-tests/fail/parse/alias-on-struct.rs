use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(parse, code = "user:not_found", status = 404, alias = "USER_NOT_FOUND")]
struct NotFound;

fn main() {}
