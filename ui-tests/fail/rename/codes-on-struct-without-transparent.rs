use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(status = 404, codes(NotFound = "bookmark:not_found"))]
struct NotFound;

fn main() {}
