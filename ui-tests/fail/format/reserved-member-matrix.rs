use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(format = matrix)]
enum UserError {
    #[api(status = 404)]
    NotFound {
        #[api(field)]
        errcode: String,
    },
}

fn main() {}
