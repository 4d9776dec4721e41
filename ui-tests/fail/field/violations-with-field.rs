use errbook::{ApiError, Violations};

#[derive(Debug, ApiError)]
enum FormError {
    #[api(status = 422, message = "Your request is not valid.")]
    Invalid {
        #[api(violations, field)]
        violations: Violations,
    },
}

fn main() {}
