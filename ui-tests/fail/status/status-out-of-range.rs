use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 302)]
    Moved,
}

fn main() {}
