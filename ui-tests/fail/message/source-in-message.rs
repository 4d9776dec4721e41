use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 500, message = "Database error: {cause}.")]
    Database {
        #[api(source)]
        cause: std::io::Error,
    },
}

fn main() {}
