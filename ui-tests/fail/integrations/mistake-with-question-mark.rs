// A typo in one variant's key: the one error is the typo's. The `From`
// impls the derive writes (for the `transparent` variant and the
// violations variant) are still there, so the `?`s that need them compile.
use errbook::{ApiError, Violations};

#[derive(Debug, ApiError)]
#[api(code = "UPSTREAM_DOWN", status = 502, message = "Upstream is down.")]
struct Upstream;

#[derive(Debug, ApiError)]
#[api(display)]
enum AppError {
    #[api(transparent)]
    Upstream(Upstream),
    #[api(code = "INVALID", status = 422, message = "Your request is not valid.")]
    Invalid(#[api(violations)] Violations),
    #[api(code = "GONE", status = 410, mesage = "Gone.")]
    Gone,
}

fn call() -> Result<(), Upstream> {
    Err(Upstream)
}

fn check() -> Result<(), Violations> {
    Ok(())
}

fn handler() -> Result<(), AppError> {
    call()?;
    check()?;
    Ok(())
}

fn main() {
    let _ = handler();
}
