use errbook::ApiError;

#[derive(Debug, ApiError)]
enum FormError {
    #[api(status = 422, message = "Your request is not valid.")]
    Invalid {
        #[api(violations)]
        violations: Vec<String>,
    },
}

fn main() {}
