use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 404)]
    NotFound,
    #[api(message = "Slow down.")]
    RateLimited,
}

fn main() {}
