//! Deprecated variants, fields and types do not make the generated code
//! warn.

#![deny(warnings, clippy::pedantic)]

use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(rename_all = "snake_case")]
enum UserError {
    /// Use `NotFound`.
    #[deprecated(note = "use `UserError::NotFound`")]
    #[api(status = 410, message = "User {id} is gone.")]
    Gone {
        #[api(field)]
        id: u64,
    },
    #[api(status = 404)]
    NotFound {
        #[deprecated]
        #[api(field)]
        id: u64,
    },
}

#[deprecated(note = "use `UserError`")]
#[derive(Debug, ApiError)]
#[api(status = 400, message = "Old error.")]
struct OldError;

#[allow(deprecated)]
fn main() {
    let gone = UserError::Gone { id: 3 };
    assert_eq!(gone.code(), "gone");
    assert_eq!(gone.message().to_string(), "User 3 is gone.");
    assert_eq!(
        serde_json::to_string(&gone.envelope()).unwrap(),
        r#"{"error":{"code":"gone","message":"User 3 is gone.","id":3}}"#,
    );
    let missing = UserError::NotFound { id: 4 };
    assert_eq!(missing.message().to_string(), "Not Found");
    assert_eq!(OldError.code(), "OLD_ERROR");
    assert_eq!(OldError.status(), 400);
}
