use errbook::{ApiError, Violations};

#[derive(Debug, ApiError)]
enum FormError {
    #[api(status = 422, message = "Your request is not valid.")]
    Invalid {
        #[api(violations)]
        violations: Violations,
    },
}

// The derive writes this impl; `skip_from` on the variant keeps this one.
impl From<Violations> for FormError {
    fn from(violations: Violations) -> Self {
        FormError::Invalid { violations }
    }
}

fn main() {}
