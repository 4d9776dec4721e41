use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    Upstream {
        #[api(status)]
        status: u16,
    },
}

fn main() {}
