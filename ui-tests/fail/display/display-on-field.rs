use errbook::ApiError;

#[derive(Debug, ApiError)]
enum AppError {
    #[api(status = 404)]
    NotFound {
        #[api(field, display)]
        id: u64,
    },
}

fn main() {}
