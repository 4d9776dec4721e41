//! `From<Violations>` for the variant whose only field is
//! `#[api(violations)]`: `?` converts a list into it, an `Option` field
//! included, in a generic enum and a struct; `skip_from` leaves it to
//! another variant.

use errbook::violations::Pointer;
use errbook::{ApiError, Violations};

#[derive(Debug, ApiError)]
enum FormError<T: std::fmt::Debug + serde::Serialize> {
    #[api(status = 422, message = "Your request is not valid.")]
    InvalidBody {
        #[api(violations)]
        violations: Violations,
    },
    #[api(status = 400, message = "Your query is not valid.", skip_from)]
    InvalidQuery {
        #[api(violations)]
        violations: Option<errbook::Violations>,
    },
    #[api(status = 409, message = "Conflict.")]
    Conflict {
        #[api(field)]
        with: T,
    },
}

#[derive(Debug, ApiError)]
#[api(code = "INVALID", status = 422)]
struct Invalid(#[api(violations)] Option<Violations>);

fn age() -> Violations {
    Violations::new().body(Pointer::root().field("age"), "positive", "must be positive")
}

fn body() -> Result<(), FormError<u8>> {
    Err(age())?
}

fn check() -> Result<(), Invalid> {
    Err(age())?
}

fn main() {
    assert!(matches!(body(), Err(FormError::InvalidBody { violations }) if violations == age()));
    assert!(matches!(check(), Err(Invalid(Some(violations))) if violations == age()));
    let query = FormError::<u8>::InvalidQuery { violations: None };
    assert_eq!(query.status(), 400);
}
