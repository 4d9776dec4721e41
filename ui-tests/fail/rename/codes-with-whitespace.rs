use errbook::{ApiError, Rejection};

#[derive(Debug, ApiError)]
enum AppError {
    #[api(transparent, codes(MalformedJson = "bad json"))]
    Rejected(Rejection),
}

fn main() {}
