use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(format = detail, parse)]
enum PostError {
    #[api(status = 409, message = "{reason}")]
    Conflict { reason: String },
}

fn main() {}
