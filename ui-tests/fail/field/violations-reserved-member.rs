use errbook::ApiError;

#[derive(Debug, ApiError)]
enum FormError {
    #[api(status = 422, message = "Your request is not valid.")]
    Invalid {
        #[api(field)]
        violations: u32,
    },
}

fn main() {}
