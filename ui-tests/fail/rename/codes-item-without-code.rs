use errbook::{ApiError, Rejection};

#[derive(Debug, ApiError)]
enum AppError {
    #[api(transparent, codes(MalformedJson, RouteNotFound = "app:no_route"))]
    Rejected(Rejection),
}

fn main() {}
