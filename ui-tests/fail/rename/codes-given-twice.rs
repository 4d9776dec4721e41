use errbook::{ApiError, Rejection};

#[derive(Debug, ApiError)]
enum AppError {
    #[api(transparent, codes(MalformedJson = "app:bad_json", MalformedJson = "app:not_json"))]
    Rejected(Rejection),
}

fn main() {}
