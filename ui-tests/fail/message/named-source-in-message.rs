use errbook::ApiError;

#[derive(Debug, ApiError)]
enum UserError {
    #[api(status = 500, message = "Database error: {source}.")]
    Database { source: std::io::Error },
}

fn main() {}
