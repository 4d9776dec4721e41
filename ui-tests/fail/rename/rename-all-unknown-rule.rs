use errbook::{ApiError, Rejection};

#[derive(Debug, ApiError)]
enum AppError {
    #[api(transparent, rename_all = "snake")]
    Rejected(Rejection),
}

fn main() {}
