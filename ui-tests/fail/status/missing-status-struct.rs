use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(code = "QUOTA", message = "Quota exceeded.")]
struct Quota;

fn main() {}
