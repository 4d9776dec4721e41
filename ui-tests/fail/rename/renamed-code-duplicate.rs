use errbook::{ApiError, Rejection};

#[derive(Debug, ApiError)]
#[api(prefix = "app:", rename_all = "snake_case")]
enum AppError {
    #[api(status = 404)]
    RouteNotFound,
    #[api(transparent, prefix = "app:", rename_all = "snake_case")]
    Rejected(Rejection),
}

fn main() {}
