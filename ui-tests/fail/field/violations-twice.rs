use errbook::{ApiError, Violations};

#[derive(Debug, ApiError)]
enum FormError {
    #[api(status = 422, message = "Your request is not valid.")]
    Invalid {
        #[api(violations)]
        body: Violations,
        #[api(violations)]
        query: Violations,
    },
}

fn main() {}
