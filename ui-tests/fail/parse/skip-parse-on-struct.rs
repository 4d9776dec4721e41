use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(parse, code = "user:not_found", status = 404, skip_parse)]
struct NotFound;

fn main() {}
