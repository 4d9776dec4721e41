use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 404)]
    NotFound {
        #[api(field = "message")]
        text: String,
    },
}

fn main() {}
