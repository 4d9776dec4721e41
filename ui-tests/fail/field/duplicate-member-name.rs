use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 409)]
    Conflict {
        #[api(field = "x")]
        left: u64,
        #[api(field = "x")]
        right: u64,
    },
}

fn main() {}
