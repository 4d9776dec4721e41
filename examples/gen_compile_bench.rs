//! Generates the crates of the compile-time benchmark: a derived error enum
//! against the hand-written code that gives the same codes, statuses,
//! messages and bodies (see BENCHMARKS.md, "Compile time: derived against
//! hand-written"; `tests/benches/compile_time.sh` runs it).
//!
//! ```sh
//! cargo run --example gen_compile_bench -- <out_dir> [--variants N]
//! ```
//!
//! writes one standalone crate per directory of `<out_dir>`, each its own
//! workspace with the same dependencies (this repository's `errbook` by path,
//! `serde` with `derive`, `serde_json`), so that one build of the
//! dependencies serves them all:
//!
//! * `derived`: one enum of `N` variants (default 1,000), each with an
//!   explicit `code`, a `status` and a `message` with one `{id}` placeholder
//!   over its one field, `#[derive(Debug, errbook::ApiError)]`.
//! * `derived-parse`: the same, plus `#[api(parse)]`.
//! * `handwritten`: the same enum without the derive: `code()`, `status()`,
//!   `Display` (the message) and `to_response()` (status, `content-type`
//!   and the body `{"error":{"code":…,"message":…}}` through a
//!   `#[derive(serde::Serialize)]` envelope and `serde_json::to_vec`), each a
//!   `match` written out.
//! * `composed-derived`: the 76 codes of a `domain:operation` error page in
//!   16 domain enums (`prefix`, `rename_all`, sources, a `retry_after`),
//!   composed into `AppError` by `#[api(transparent)]` variants, as in the
//!   `domain_api` example.
//! * `composed-handwritten`: the same 16 enums and `AppError` written out
//!   (`AppError` delegates to the domain enums; `Retry-After` in whole
//!   seconds, rounded up).
//! * `floor` and `composed-floor`: the same types with `#[derive(Debug)]`
//!   (and the composed API's `From` impls) and no error code at all: what
//!   every crate pays before its errors' code, subtracted to compare the
//!   error code alone.
//! * `verify`: tests that each derived crate gives the same code, status,
//!   message, headers and body as its hand-written counterpart for every
//!   variant (`cargo test --manifest-path <out_dir>/verify/Cargo.toml`).
//!
//! Every crate also has `pub fn respond(err: &AppError) -> Response<Vec<u8>>`
//! calling `to_response()`, as a handler does, so that `cargo build`
//! compiles the response code of both.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs, process};

const USAGE: &str = "usage: gen_compile_bench <out_dir> [--variants N]";

/// The kinds of variant of the 1,000-variant enum: name stem, code stem,
/// status (number and `StatusCode` constant) and message template (one
/// `{id}` placeholder).
const KINDS: [(&str, &str, u16, &str, &str); 8] = [
    (
        "ResourceNotFound",
        "RESOURCE_NOT_FOUND",
        404,
        "NOT_FOUND",
        "Resource {id} was not found",
    ),
    (
        "ResourceConflict",
        "RESOURCE_CONFLICT",
        409,
        "CONFLICT",
        "Resource {id} changed; retry the request",
    ),
    (
        "InvalidArgument",
        "INVALID_ARGUMENT",
        400,
        "BAD_REQUEST",
        "Argument {id} is invalid",
    ),
    (
        "PermissionDenied",
        "PERMISSION_DENIED",
        403,
        "FORBIDDEN",
        "You have no permission on resource {id}",
    ),
    (
        "QuotaExceeded",
        "QUOTA_EXCEEDED",
        429,
        "TOO_MANY_REQUESTS",
        "Project {id} is over its quota",
    ),
    (
        "PreconditionFailed",
        "PRECONDITION_FAILED",
        412,
        "PRECONDITION_FAILED",
        "A precondition on resource {id} failed",
    ),
    (
        "Unprocessable",
        "UNPROCESSABLE",
        422,
        "UNPROCESSABLE_ENTITY",
        "Request {id} cannot be processed",
    ),
    (
        "Unavailable",
        "UNAVAILABLE",
        503,
        "SERVICE_UNAVAILABLE",
        "Shard {id} is unavailable",
    ),
];

/// What a variant of the composed API carries.
#[derive(Clone, Copy, PartialEq)]
enum Payload {
    /// Nothing.
    Unit,
    /// An internal cause, `#[api(source)]`.
    Source,
    /// A retry delay, `#[api(retry_after)]` (the `Retry-After` header only).
    RetryAfter,
}

use Payload::{RetryAfter, Source, Unit};

/// One domain enum of the composed API.
struct Domain {
    name: &'static str,
    /// `AppError`'s variant wrapping it.
    wrapper: &'static str,
    /// The codes' prefix; empty when every code is written out.
    prefix: &'static str,
    /// Variant name, code when not derived from the name, status, message,
    /// payload.
    variants: &'static [(
        &'static str,
        Option<&'static str>,
        u16,
        &'static str,
        Payload,
    )],
}

/// The `domain:operation` error page of the `domain_api` example: 76 codes.
const DOMAINS: &[Domain] = &[
    Domain {
        name: "UserError",
        wrapper: "User",
        prefix: "user:",
        variants: &[
            ("InvalidPassword", None, 401, "Wrong password", Unit),
            (
                "PasswordNotSet",
                None,
                401,
                "User has no password (OAuth-only account)",
                Unit,
            ),
            ("InvalidSession", None, 401, "Session is invalid", Unit),
            ("NotVerified", None, 401, "Email not verified", Unit),
            ("NotFound", None, 404, "User not found", Unit),
            ("Unauthorized", None, 401, "Not authenticated", Unit),
            ("Banned", None, 403, "User is banned", Unit),
            (
                "PermissionInsufficient",
                None,
                403,
                "Insufficient permissions",
                Unit,
            ),
            ("HandleAlreadyExists", None, 409, "Handle is taken", Unit),
            (
                "EmailAlreadyExists",
                None,
                409,
                "Email is already registered",
                Unit,
            ),
            ("TokenExpired", None, 401, "Auth token has expired", Unit),
            (
                "NoRefreshToken",
                None,
                401,
                "No refresh token available",
                Unit,
            ),
            ("InvalidToken", None, 401, "Auth token is invalid", Unit),
        ],
    },
    Domain {
        name: "SessionError",
        wrapper: "Session",
        prefix: "session:",
        variants: &[
            (
                "InvalidUserId",
                None,
                401,
                "Session user ID is malformed",
                Unit,
            ),
            (
                "Expired",
                None,
                401,
                "Session has expired (max lifetime)",
                Unit,
            ),
            ("NotFound", None, 401, "Session not found in Redis", Unit),
        ],
    },
    Domain {
        name: "OAuthError",
        wrapper: "OAuth",
        prefix: "oauth:",
        variants: &[
            (
                "InvalidAuthUrl",
                None,
                400,
                "Failed to build authorization URL",
                Unit,
            ),
            (
                "InvalidTokenUrl",
                None,
                400,
                "Failed to build token exchange URL",
                Unit,
            ),
            (
                "InvalidRedirectUrl",
                None,
                400,
                "Invalid redirect URI",
                Unit,
            ),
            (
                "TokenExchangeFailed",
                None,
                400,
                "Code-to-token exchange failed",
                Source,
            ),
            (
                "UserInfoFetchFailed",
                None,
                400,
                "Failed to fetch user info from provider",
                Source,
            ),
            (
                "UserInfoParseFailed",
                None,
                500,
                "Failed to parse provider user info",
                Source,
            ),
            (
                "AccountAlreadyLinked",
                None,
                409,
                "OAuth account already linked to another user",
                Unit,
            ),
            (
                "ConnectionNotFound",
                None,
                404,
                "OAuth connection not found",
                Unit,
            ),
            (
                "CannotUnlinkLastConnection",
                None,
                400,
                "Cannot unlink the last OAuth connection (no password)",
                Unit,
            ),
            (
                "InvalidImageUrl",
                None,
                400,
                "Invalid avatar URL from provider",
                Unit,
            ),
            (
                "InvalidState",
                None,
                400,
                "OAuth state parameter mismatch",
                Unit,
            ),
            ("StateExpired", None, 400, "OAuth state has expired", Unit),
            (
                "HandleRequired",
                None,
                400,
                "Handle required for new OAuth signup",
                Unit,
            ),
            (
                "EmailAlreadyExists",
                None,
                409,
                "Email already exists",
                Unit,
            ),
            (
                "EmailNotVerified",
                None,
                400,
                "Provider email not verified",
                Unit,
            ),
        ],
    },
    Domain {
        name: "PasswordError",
        wrapper: "Password",
        prefix: "password:",
        variants: &[
            (
                "RequiredForUpdate",
                None,
                400,
                "Current password required",
                Unit,
            ),
            ("Incorrect", None, 400, "Current password is wrong", Unit),
            (
                "CannotUpdateOauthOnly",
                None,
                400,
                "Cannot set password on OAuth-only account",
                Unit,
            ),
            (
                "NewPasswordMissing",
                None,
                400,
                "New password not provided",
                Unit,
            ),
            ("AlreadySet", None, 400, "Password is already set", Unit),
        ],
    },
    Domain {
        name: "TokenError",
        wrapper: "Token",
        prefix: "token:",
        variants: &[
            (
                "InvalidVerification",
                None,
                400,
                "Email verification token is invalid",
                Unit,
            ),
            (
                "ExpiredVerification",
                None,
                400,
                "Email verification token has expired",
                Unit,
            ),
            (
                "EmailMismatch",
                None,
                400,
                "Token email doesn't match",
                Unit,
            ),
            (
                "InvalidReset",
                None,
                400,
                "Password reset token is invalid",
                Unit,
            ),
            (
                "ExpiredReset",
                None,
                400,
                "Password reset token has expired",
                Unit,
            ),
            (
                "InvalidEmailChange",
                None,
                400,
                "Email change token is invalid",
                Unit,
            ),
        ],
    },
    Domain {
        name: "EmailError",
        wrapper: "Email",
        prefix: "email:",
        variants: &[(
            "AlreadyVerified",
            None,
            400,
            "Email is already verified",
            Unit,
        )],
    },
    Domain {
        name: "TotpError",
        wrapper: "Totp",
        prefix: "totp:",
        variants: &[
            ("AlreadyEnabled", None, 409, "TOTP is already enabled", Unit),
            ("NotEnabled", None, 400, "TOTP is not enabled", Unit),
            (
                "InvalidCode",
                None,
                400,
                "Invalid TOTP or backup code",
                Unit,
            ),
            (
                "TempTokenInvalid",
                None,
                400,
                "Temporary login token is invalid",
                Unit,
            ),
            (
                "TempTokenExpired",
                None,
                400,
                "Temporary login token has expired",
                Unit,
            ),
            (
                "BackupCodeExhausted",
                None,
                401,
                "All backup codes used",
                Unit,
            ),
            (
                "SecretGenerationFailed",
                None,
                500,
                "Failed to generate TOTP secret",
                Source,
            ),
            (
                "QrGenerationFailed",
                None,
                500,
                "Failed to generate QR code",
                Source,
            ),
        ],
    },
    Domain {
        name: "PostError",
        wrapper: "Post",
        prefix: "post:",
        variants: &[("NotFound", None, 404, "Post not found", Unit)],
    },
    Domain {
        name: "FileError",
        wrapper: "File",
        prefix: "file:",
        variants: &[
            ("UploadError", None, 400, "File upload failed", Source),
            ("NotFound", None, 400, "File not found", Unit),
            ("ReadError", None, 400, "File read failed", Source),
        ],
    },
    Domain {
        name: "GeneralError",
        wrapper: "General",
        prefix: "general:",
        variants: &[
            ("BadRequest", None, 400, "Bad request", Unit),
            ("ValidationError", None, 400, "Validation failed", Unit),
            ("InvalidIpAddress", None, 400, "Invalid IP address", Unit),
            (
                "Forbidden",
                Some("FORBIDDEN"),
                403,
                "Access forbidden",
                Unit,
            ),
            (
                "FileTooLarge",
                Some("FILE_TOO_LARGE"),
                413,
                "Payload too large",
                Unit,
            ),
        ],
    },
    Domain {
        name: "RateLimitError",
        wrapper: "RateLimit",
        prefix: "rate_limit:",
        variants: &[("Exceeded", None, 429, "Too many requests", RetryAfter)],
    },
    Domain {
        name: "TurnstileError",
        wrapper: "Turnstile",
        prefix: "turnstile:",
        variants: &[
            (
                "TokenMissing",
                None,
                400,
                "Turnstile token not provided",
                Unit,
            ),
            (
                "VerificationFailed",
                None,
                403,
                "Turnstile verification failed",
                Unit,
            ),
            (
                "ServiceError",
                None,
                503,
                "Turnstile service unavailable",
                Source,
            ),
        ],
    },
    Domain {
        name: "SearchError",
        wrapper: "Search",
        prefix: "",
        variants: &[(
            "QueryFailed",
            Some("meilisearch:query_failed"),
            500,
            "Search query failed",
            Source,
        )],
    },
    Domain {
        name: "EventStreamError",
        wrapper: "EventStream",
        prefix: "eventstream:",
        variants: &[("PublishFailed", None, 503, "Event publish failed", Source)],
    },
    Domain {
        name: "WorkerError",
        wrapper: "Worker",
        prefix: "worker:",
        variants: &[
            (
                "ConnectionFailed",
                None,
                503,
                "Worker service connection failed",
                Source,
            ),
            (
                "ResponseInvalid",
                None,
                502,
                "Worker returned invalid response",
                Source,
            ),
            (
                "VerificationEmailSendFailed",
                None,
                502,
                "Verification email failed to send",
                Unit,
            ),
            (
                "PasswordResetEmailSendFailed",
                None,
                502,
                "Password reset email failed to send",
                Unit,
            ),
        ],
    },
    Domain {
        name: "SystemError",
        wrapper: "System",
        prefix: "system:",
        variants: &[
            ("InternalError", None, 400, "Internal server error", Source),
            ("HashingError", None, 500, "Password hashing failed", Source),
            ("NotFound", None, 404, "Resource not found", Unit),
            (
                "TransactionError",
                None,
                500,
                "Database transaction failed",
                Source,
            ),
            ("DatabaseError", None, 500, "Database error", Source),
            (
                "TokenCreationError",
                None,
                500,
                "Token creation failed",
                Source,
            ),
        ],
    },
];

/// The `StatusCode` constant of a status the generated code uses.
fn status_const(status: u16) -> &'static str {
    match status {
        400 => "BAD_REQUEST",
        401 => "UNAUTHORIZED",
        403 => "FORBIDDEN",
        404 => "NOT_FOUND",
        409 => "CONFLICT",
        412 => "PRECONDITION_FAILED",
        413 => "PAYLOAD_TOO_LARGE",
        422 => "UNPROCESSABLE_ENTITY",
        429 => "TOO_MANY_REQUESTS",
        500 => "INTERNAL_SERVER_ERROR",
        502 => "BAD_GATEWAY",
        503 => "SERVICE_UNAVAILABLE",
        other => panic!("no StatusCode constant listed for {other}"),
    }
}

/// `InvalidPassword` → `invalid_password`.
fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// Variant `index` of the large enum: name, code, status, `StatusCode`
/// constant, message template.
fn large_variant(index: usize) -> (String, String, u16, &'static str, String) {
    let (name, code, status, constant, message) = KINDS[index % KINDS.len()];
    (
        format!("{name}{index:04}"),
        format!("{code}_{index:04}"),
        status,
        constant,
        format!("{message} (case {index})."),
    )
}

/// A generated crate's manifest. Every crate has the same dependencies, so
/// one build of them serves all.
fn manifest(name: &str, runtime: &Path, extra: &str) -> String {
    format!(
        "[package]\n\
         name = \"{name}\"\n\
         version = \"0.0.0\"\n\
         edition = \"2024\"\n\
         publish = false\n\
         \n\
         [dependencies]\n\
         errbook = {{ path = {runtime:?} }}\n\
         serde = {{ version = \"1\", features = [\"derive\"] }}\n\
         serde_json = \"1\"\n\
         {extra}\
         \n\
         [workspace]\n",
        runtime = runtime.display().to_string(),
    )
}

const RESPOND_DERIVED: &str = "
/// The response of an error, as a handler returns it.
pub fn respond(err: &AppError) -> errbook::http::Response<Vec<u8>> {
    err.to_response()
}
";

const RESPOND_HANDWRITTEN: &str = "
/// The response of an error, as a handler returns it.
pub fn respond(err: &AppError) -> http::Response<Vec<u8>> {
    err.to_response()
}
";

/// The nested envelope, hand-written, and the imports of a hand-written crate.
const HANDWRITTEN_PRELUDE: &str = "use std::fmt;

use errbook::http::{self, HeaderValue, StatusCode, header};
use serde::Serialize;

/// The body: `{\"error\":{\"code\":…,\"message\":…}}`.
#[derive(Serialize)]
struct Body<'a> {
    error: Inner<'a>,
}

#[derive(Serialize)]
struct Inner<'a> {
    code: &'a str,
    message: String,
}
";

/// The derived enum of `variants` variants, with `#[api(parse)]` if `parse`.
fn large_derived(variants: usize, parse: bool) -> String {
    let mut out = format!(
        "//! {variants} variants, derived{}; generated by errbook's `gen_compile_bench` example.\n\n\
         use errbook::ApiError;\n\n\
         /// Every error of the API.\n\
         #[derive(Debug, ApiError)]\n",
        if parse { ", with `parse`" } else { "" },
    );
    if parse {
        out.push_str("#[api(parse)]\n");
    }
    out.push_str("pub enum AppError {\n");
    for index in 0..variants {
        let (name, code, status, _, message) = large_variant(index);
        let _ = writeln!(
            out,
            "    #[api(code = \"{code}\", status = {status}, message = \"{message}\")]\n    {name} {{ id: u64 }},"
        );
    }
    out.push_str("}\n");
    out.push_str(RESPOND_DERIVED);
    out
}

/// The hand-written equivalent of [`large_derived`] without `parse`.
fn large_handwritten(variants: usize) -> String {
    let mut out = format!(
        "//! {variants} variants, hand-written; generated by errbook's `gen_compile_bench` example.\n\n\
         {HANDWRITTEN_PRELUDE}\n\
         /// Every error of the API.\n\
         #[derive(Debug)]\n\
         pub enum AppError {{\n"
    );
    for index in 0..variants {
        let (name, ..) = large_variant(index);
        let _ = writeln!(out, "    {name} {{ id: u64 }},");
    }
    out.push_str(
        "}\n\nimpl AppError {\n    /// The machine-readable code.\n    pub fn code(&self) -> &'static str {\n        match self {\n",
    );
    for index in 0..variants {
        let (name, code, ..) = large_variant(index);
        let _ = writeln!(out, "            Self::{name} {{ .. }} => \"{code}\",");
    }
    out.push_str("        }\n    }\n\n    /// The HTTP status.\n    pub fn status(&self) -> StatusCode {\n        match self {\n");
    for index in 0..variants {
        let (name, _, _, constant, _) = large_variant(index);
        let _ = writeln!(
            out,
            "            Self::{name} {{ .. }} => StatusCode::{constant},"
        );
    }
    out.push_str(
        "        }
    }

    /// The response: status, `content-type` and the JSON body.
    pub fn to_response(&self) -> http::Response<Vec<u8>> {
        let body = Body {
            error: Inner {
                code: self.code(),
                message: self.to_string(),
            },
        };
        let mut response = http::Response::new(serde_json::to_vec(&body).unwrap_or_default());
        *response.status_mut() = self.status();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(\"application/json\"));
        response
    }
}

/// The public message.
impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
",
    );
    for index in 0..variants {
        let (name, _, _, _, message) = large_variant(index);
        let _ = writeln!(
            out,
            "            Self::{name} {{ id }} => write!(f, \"{message}\"),"
        );
    }
    out.push_str("        }\n    }\n}\n");
    out.push_str(RESPOND_HANDWRITTEN);
    out
}

/// The types of [`large_handwritten`] and nothing of the errors' code.
fn large_floor(variants: usize) -> String {
    let mut out = format!(
        "//! {variants} variants, the enum alone; generated by errbook's `gen_compile_bench` example.\n\n\
         /// Every error of the API.\n\
         #[derive(Debug)]\n\
         pub enum AppError {{\n"
    );
    for index in 0..variants {
        let (name, ..) = large_variant(index);
        let _ = writeln!(out, "    {name} {{ id: u64 }},");
    }
    out.push_str("}\n");
    out
}

/// The types of [`composed_handwritten`] and their `From` impls, and
/// nothing of the errors' code.
fn composed_floor() -> String {
    let mut out = String::from(
        "//! The 76 codes' types of a `domain:operation` error page alone; generated by errbook's `gen_compile_bench` example.\n\n\
         use std::time::Duration;\n\n\
         /// An internal cause, never in a body.\n\
         pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;\n",
    );
    for domain in DOMAINS {
        domain_enum(&mut out, domain);
    }
    app_enum(&mut out);
    from_impls(&mut out);
    out
}

/// A domain enum of the composed API without the derive, as the
/// hand-written and floor crates declare it.
fn domain_enum(out: &mut String, domain: &Domain) {
    let _ = writeln!(
        out,
        "\n/// {} errors.\n#[derive(Debug)]\npub enum {} {{",
        domain.wrapper, domain.name
    );
    for &(name, _, _, _, payload) in domain.variants {
        let _ = writeln!(out, "    {name}{},", fields(payload, false));
    }
    out.push_str("}\n");
}

/// The composed API's `AppError` without the derive.
fn app_enum(out: &mut String) {
    out.push_str("\n/// Every error of the API.\n#[derive(Debug)]\npub enum AppError {\n");
    for domain in DOMAINS {
        let _ = writeln!(out, "    {}({}),", domain.wrapper, domain.name);
    }
    out.push_str("}\n");
}

/// The pattern matching a composed variant whatever it carries.
fn pattern(name: &str, payload: Payload) -> String {
    match payload {
        Unit => format!("Self::{name}"),
        Source => format!("Self::{name}(..)"),
        RetryAfter => format!("Self::{name} {{ .. }}"),
    }
}

/// The fields of a composed variant, as declared; `derived` adds the
/// attributes.
fn fields(payload: Payload, derived: bool) -> &'static str {
    match (payload, derived) {
        (Unit, _) => "",
        (Source, true) => "(#[api(source)] Cause)",
        (Source, false) => "(Cause)",
        (RetryAfter, true) => {
            " {\n        #[api(retry_after)]\n        retry_after: Duration,\n    }"
        }
        (RetryAfter, false) => " { retry_after: Duration }",
    }
}

/// What the hand-written composed crate has after its domain enums: `From`
/// impls (the derived crate's are generated by `transparent`).
fn from_impls(out: &mut String) {
    for domain in DOMAINS {
        let _ = writeln!(
            out,
            "\nimpl From<{name}> for AppError {{\n    fn from(error: {name}) -> Self {{\n        AppError::{wrapper}(error)\n    }}\n}}",
            name = domain.name,
            wrapper = domain.wrapper,
        );
    }
}

/// The composed API, derived.
fn composed_derived() -> String {
    let mut out = String::from(
        "//! The 76 codes of a `domain:operation` error page, derived; generated by errbook's `gen_compile_bench` example.\n\n\
         use std::time::Duration;\n\n\
         use errbook::ApiError;\n\n\
         /// An internal cause, never in a body.\n\
         pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;\n",
    );
    for domain in DOMAINS {
        let _ = writeln!(
            out,
            "\n/// {} errors.\n#[derive(Debug, ApiError)]",
            domain.wrapper
        );
        if !domain.prefix.is_empty() {
            let _ = writeln!(
                out,
                "#[api(prefix = \"{}\", rename_all = \"snake_case\")]",
                domain.prefix
            );
        }
        let _ = writeln!(out, "pub enum {} {{", domain.name);
        for &(name, code, status, message, payload) in domain.variants {
            let code = code.map_or_else(String::new, |code| format!("code = \"{code}\", "));
            let _ = writeln!(
                out,
                "    #[api({code}status = {status}, message = \"{message}\")]\n    {name}{},",
                fields(payload, true)
            );
        }
        out.push_str("}\n");
    }
    out.push_str(
        "\n/// Every error of the API.\n#[derive(Debug, ApiError)]\npub enum AppError {\n",
    );
    for domain in DOMAINS {
        let _ = writeln!(
            out,
            "    #[api(transparent)]\n    {}({}),",
            domain.wrapper, domain.name
        );
    }
    out.push_str("}\n");
    out.push_str(RESPOND_DERIVED);
    out
}

/// The composed API, hand-written.
fn composed_handwritten() -> String {
    let mut out = format!(
        "//! The 76 codes of a `domain:operation` error page, hand-written; generated by errbook's `gen_compile_bench` example.\n\n\
         use std::time::Duration;\n\
         {HANDWRITTEN_PRELUDE}\n\
         /// An internal cause, never in a body.\n\
         pub type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;\n"
    );
    for domain in DOMAINS {
        domain_enum(&mut out, domain);
        let _ = writeln!(
            out,
            "\nimpl {} {{\n    /// The machine-readable code.\n    pub fn code(&self) -> &'static str {{\n        match self {{",
            domain.name
        );
        for &(name, code, _, _, payload) in domain.variants {
            let code = code.map_or_else(
                || format!("{}{}", domain.prefix, snake_case(name)),
                str::to_owned,
            );
            let _ = writeln!(out, "            {} => \"{code}\",", pattern(name, payload));
        }
        out.push_str("        }\n    }\n\n    /// The HTTP status.\n    pub fn status(&self) -> StatusCode {\n        match self {\n");
        for &(name, _, status, _, payload) in domain.variants {
            let _ = writeln!(
                out,
                "            {} => StatusCode::{},",
                pattern(name, payload),
                status_const(status)
            );
        }
        out.push_str("        }\n    }\n\n    /// How long to wait before retrying, if known.\n    pub fn retry_after(&self) -> Option<Duration> {\n");
        let retry: Vec<_> = domain
            .variants
            .iter()
            .filter(|variant| variant.4 == RetryAfter)
            .collect();
        if retry.is_empty() {
            out.push_str("        None\n");
        } else {
            out.push_str("        match self {\n");
            for &&(name, ..) in &retry {
                let _ = writeln!(
                    out,
                    "            Self::{name} {{ retry_after }} => Some(*retry_after),"
                );
            }
            if retry.len() < domain.variants.len() {
                out.push_str("            _ => None,\n");
            }
            out.push_str("        }\n");
        }
        let _ = writeln!(
            out,
            "    }}\n}}\n\n/// The public message.\nimpl fmt::Display for {} {{\n    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {{\n        f.write_str(match self {{",
            domain.name
        );
        for &(name, _, _, message, payload) in domain.variants {
            let _ = writeln!(
                out,
                "            {} => \"{message}\",",
                pattern(name, payload)
            );
        }
        out.push_str("        })\n    }\n}\n");
    }
    app_enum(&mut out);
    out.push_str("\nimpl AppError {\n");
    for (method, returns) in [
        ("code", "&'static str"),
        ("status", "StatusCode"),
        ("retry_after", "Option<Duration>"),
    ] {
        let _ = writeln!(
            out,
            "    /// The domain error's `{method}`.\n    pub fn {method}(&self) -> {returns} {{\n        match self {{"
        );
        for domain in DOMAINS {
            let _ = writeln!(
                out,
                "            Self::{}(error) => error.{method}(),",
                domain.wrapper
            );
        }
        out.push_str("        }\n    }\n\n");
    }
    out.push_str(
        "    /// The response: status, `content-type`, `Retry-After` in whole
    /// seconds (rounded up) and the JSON body.
    pub fn to_response(&self) -> http::Response<Vec<u8>> {
        let body = Body {
            error: Inner {
                code: self.code(),
                message: self.to_string(),
            },
        };
        let mut response = http::Response::new(serde_json::to_vec(&body).unwrap_or_default());
        *response.status_mut() = self.status();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(\"application/json\"));
        if let Some(delay) = self.retry_after() {
            let seconds = delay.as_secs() + u64::from(delay.subsec_nanos() > 0);
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// The domain error's message.
impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
",
    );
    for domain in DOMAINS {
        let _ = writeln!(
            out,
            "            Self::{}(error) => error.fmt(f),",
            domain.wrapper
        );
    }
    out.push_str("        }\n    }\n}\n");
    from_impls(&mut out);
    out.push_str(RESPOND_HANDWRITTEN);
    out
}

/// The `verify` crate's test: every variant of each derived crate against
/// its hand-written counterpart.
fn verify_test(variants: usize) -> String {
    let mut out = String::from(
        "//! Each derived crate gives the same code, status, message, headers and body as its hand-written counterpart.

use errbook::ApiError;
use errbook::http::{Response, StatusCode};

fn check<D: ApiError>(
    derived: &D,
    respond: fn(&D) -> Response<Vec<u8>>,
    code: &str,
    status: StatusCode,
    message: String,
    response: Response<Vec<u8>>,
) {
    assert_eq!(derived.code().to_string(), code);
    assert_eq!(derived.status(), status);
    assert_eq!(derived.message().to_string(), message);
    let ours = respond(derived);
    assert_eq!(ours.status(), response.status(), \"{code}\");
    assert_eq!(ours.headers(), response.headers(), \"{code}\");
    assert_eq!(
        String::from_utf8_lossy(ours.body()),
        String::from_utf8_lossy(response.body()),
    );
}

macro_rules! same {
    ($krate:ident, $derived:expr, $hand:expr) => {{
        let derived = $derived;
        let hand = $hand;
        check(
            &derived,
            $krate::respond,
            hand.code(),
            hand.status(),
            hand.to_string(),
            handwritten_respond(&hand),
        );
    }};
}
",
    );
    out.push_str("\n#[test]\nfn large() {\n    use handwritten::respond as handwritten_respond;\n");
    for index in 0..variants {
        let (name, ..) = large_variant(index);
        let _ = writeln!(
            out,
            "    same!(derived, derived::AppError::{name} {{ id: {index} }}, handwritten::AppError::{name} {{ id: {index} }});\n    same!(derived_parse, derived_parse::AppError::{name} {{ id: {index} }}, handwritten::AppError::{name} {{ id: {index} }});"
        );
    }
    out.push_str("}\n\n#[test]\nfn composed() {\n    use composed_handwritten::respond as handwritten_respond;\n");
    for domain in DOMAINS {
        for &(name, _, _, _, payload) in domain.variants {
            let value = |krate: &str| {
                let inner = match payload {
                    Unit => format!("{krate}::{}::{name}", domain.name),
                    Source => format!("{krate}::{}::{name}(\"cause\".into())", domain.name),
                    RetryAfter => format!(
                        "{krate}::{}::{name} {{ retry_after: std::time::Duration::from_millis(1500) }}",
                        domain.name
                    ),
                };
                format!("{krate}::AppError::{}({inner})", domain.wrapper)
            };
            let _ = writeln!(
                out,
                "    same!(composed_derived, {}, {});",
                value("composed_derived"),
                value("composed_handwritten")
            );
        }
    }
    out.push_str("}\n");
    out
}

fn write(out_dir: &Path, variants: usize) -> std::io::Result<()> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the examples crate is inside the workspace");
    let runtime = workspace.join("runtime").canonicalize()?;
    let crates = [
        ("derived", "", large_derived(variants, false)),
        ("derived-parse", "", large_derived(variants, true)),
        ("handwritten", "", large_handwritten(variants)),
        ("composed-derived", "", composed_derived()),
        ("composed-handwritten", "", composed_handwritten()),
        ("floor", "", large_floor(variants)),
        ("composed-floor", "", composed_floor()),
    ];
    let mut verify_deps = String::new();
    for (name, ..) in crates.iter().filter(|(name, ..)| !name.ends_with("floor")) {
        let _ = writeln!(
            verify_deps,
            "{} = {{ package = \"bench-{name}\", path = \"../{name}\" }}",
            name.replace('-', "_")
        );
    }
    let verify = (
        "verify",
        verify_deps.as_str(),
        "//! Only the test of `tests/same.rs`.\n".to_owned(),
    );
    for (name, extra, library) in crates.iter().chain([&verify]) {
        let dir = out_dir.join(name);
        fs::create_dir_all(dir.join("src"))?;
        fs::write(
            dir.join("Cargo.toml"),
            manifest(&format!("bench-{name}"), &runtime, extra),
        )?;
        fs::write(dir.join("src/lib.rs"), library)?;
        // The workspace's lock file pins the same dependency versions (cargo
        // drops the packages the generated crate does not use).
        let lock = workspace.join("Cargo.lock");
        if lock.is_file() && !dir.join("Cargo.lock").exists() {
            fs::copy(lock, dir.join("Cargo.lock"))?;
        }
    }
    fs::create_dir_all(out_dir.join("verify/tests"))?;
    fs::write(out_dir.join("verify/tests/same.rs"), verify_test(variants))?;
    Ok(())
}

fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    let (out_dir, variants) = match &args[..] {
        [out_dir] => (out_dir, 1_000),
        [out_dir, flag, n] if flag == "--variants" => match n.parse::<usize>() {
            Ok(n) if n > 0 => (out_dir, n),
            _ => {
                eprintln!("--variants must be a positive integer, not `{n}`\n{USAGE}");
                process::exit(2);
            }
        },
        _ => {
            eprintln!("{USAGE}");
            process::exit(2);
        }
    };
    let out_dir = Path::new(out_dir);
    if let Err(error) = write(out_dir, variants) {
        eprintln!("cannot write {}: {error}", out_dir.display());
        process::exit(1);
    }
    let codes: usize = DOMAINS.iter().map(|domain| domain.variants.len()).sum();
    println!(
        "wrote {}: derived, derived-parse, handwritten, floor ({variants} variants), composed-derived, composed-handwritten, composed-floor ({codes} codes in {} enums), verify",
        out_dir.display(),
        DOMAINS.len(),
    );
}
