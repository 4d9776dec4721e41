use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 500)]
    Database {
        #[api(source, field)]
        cause: std::io::Error,
    },
}

fn main() {}
