use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 404)]
    NotFound {
        #[api(field, title = "Not found.")]
        id: u64,
    },
}

fn main() {}
