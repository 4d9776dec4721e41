use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 404, domain = "api.example.com")]
    NotFound,
}

fn main() {}
