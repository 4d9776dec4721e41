use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(prefix = "totp:", rename_all = "snake_case", status = 400)]
enum TotpError {
    /// Invalid TOTP or backup code.
    InvalidCode,
}

#[derive(Debug, ApiError)]
#[api(prefix = "user:", rename_all = "snake_case", status = 401)]
enum UserError {
    /// Session is invalid.
    InvalidSession,
    #[api(transparent)]
    Totp(TotpError),
}

#[derive(Debug, ApiError)]
enum SystemError {
    /// The same text as a code two levels down.
    #[api(code = "totp:invalid_code", status = 500)]
    Internal,
}

#[derive(Debug, ApiError)]
enum AppError {
    #[api(transparent)]
    User(UserError),
    #[api(transparent)]
    System(SystemError),
}

fn main() {}
