use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(code = "INVALID", status = 400)]
struct Invalid {
    #[api(field)]
    details: Vec<String>,
}

fn main() {}
