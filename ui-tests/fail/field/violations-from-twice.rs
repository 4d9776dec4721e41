use errbook::{ApiError, Violations};

#[derive(Debug, ApiError)]
enum FormError {
    #[api(status = 422, message = "Your request is not valid.")]
    InvalidBody {
        #[api(violations)]
        violations: Violations,
    },
    #[api(status = 400, message = "Your query is not valid.")]
    InvalidQuery {
        #[api(violations)]
        violations: Violations,
    },
}

fn main() {}
