use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(format = problem)]
enum UserError {
    #[api(status = 404)]
    NotFound {
        #[api(field)]
        r#type: String,
    },
}

fn main() {}
