use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 500)]
    Database {
        #[api(source)]
        cause: std::io::Error,
        #[api(source)]
        other: std::io::Error,
    },
}

fn main() {}
