//! `T::catalog()`: every code of a type, nested ones included, in
//! declaration order, with everything that documents it.

// Most variants are only read through their catalog.
#![allow(dead_code)]

use std::time::Duration;

use errbook::ApiError;
use errbook::catalog::{FieldInfo, RetryAfterUnit, Status};
use errbook::http::StatusCode;

/// TOTP errors.
#[derive(Debug, ApiError)]
#[api(prefix = "totp:", rename_all = "snake_case", status = 400)]
enum TotpError {
    /// Invalid TOTP or backup code.
    InvalidCode,
    /// All backup codes used.
    #[api(status = 401)]
    BackupCodeExhausted,
}

/// User errors.
#[derive(Debug, ApiError)]
#[api(
    prefix = "user:",
    rename_all = "snake_case",
    domain = "users.example.com"
)]
enum UserError {
    /// User not found.
    #[api(status = 404, message = "User {id} not found.")]
    NotFound {
        #[api(field)]
        id: u64,
    },
    #[api(transparent)]
    Totp(TotpError),
    /// Too many requests.
    #[api(status = 429, title = "Slow down")]
    RateLimited {
        #[api(field, retry_after = "ms")]
        retry_after_ms: Option<u64>,
        #[api(field = "scope")]
        bucket: &'static str,
    },
    /// Replaced by `user:not_found`.
    #[deprecated = "use NotFound"]
    #[api(status = 410)]
    Gone,
}

/// Errors whose status depends on the request.
#[derive(Debug, ApiError)]
enum RoutingError {
    /// Unrecognized request.
    #[api(code = "M_UNRECOGNIZED", message = "Unrecognized request")]
    Unrecognized {
        #[api(status)]
        status: StatusCode,
        #[api(field, retry_after)]
        wait: Duration,
    },
}

/// Federation replies, never sent over HTTP.
#[derive(Debug, ApiError)]
#[api(prefix = "FED_", status = none)]
enum FederationCode {
    /// Request succeeded.
    Ok,
}

/// The whole API.
#[derive(Debug, ApiError)]
enum AppError {
    #[api(transparent)]
    User(UserError),
    #[api(transparent)]
    Routing(RoutingError),
    /// Internal failure.
    #[api(code = 50001, status = 500)]
    Internal,
}

#[test]
fn codes_come_in_declaration_order_with_nested_ones_in_place() {
    let codes: Vec<String> = AppError::catalog()
        .iter()
        .map(|entry| entry.code().to_string())
        .collect();
    assert_eq!(
        codes,
        [
            "user:not_found",
            "totp:invalid_code",
            "totp:backup_code_exhausted",
            "user:rate_limited",
            "user:gone",
            "M_UNRECOGNIZED",
            "50001",
        ]
    );
    assert_eq!(AppError::catalog().len(), 7);
    assert!(!AppError::catalog().is_empty());
}

#[test]
fn every_entry_knows_its_declaring_type() {
    let owners: Vec<(&str, &str)> = AppError::catalog()
        .entries()
        .map(|(owner, entry)| (owner.type_name(), entry.variant()))
        .collect();
    assert_eq!(
        owners,
        [
            ("UserError", "NotFound"),
            ("TotpError", "InvalidCode"),
            ("TotpError", "BackupCodeExhausted"),
            ("UserError", "RateLimited"),
            ("UserError", "Gone"),
            ("RoutingError", "Unrecognized"),
            ("AppError", "Internal"),
        ]
    );
    let user = UserError::catalog();
    assert_eq!(user.type_name(), "UserError");
    assert_eq!(user.description(), Some("User errors."));
    assert_eq!(user.domain(), Some("users.example.com"));
}

#[test]
fn entries_carry_status_template_description_fields_and_retry_unit() {
    let entries: Vec<_> = UserError::catalog().iter().collect();
    let not_found = entries[0];
    assert_eq!(not_found.status(), Status::Fixed(404));
    assert_eq!(not_found.message(), Some("User {id} not found."));
    assert_eq!(not_found.description(), Some("User not found."));
    assert_eq!(not_found.fields(), [FieldInfo::new("id", "u64")]);
    assert_eq!(not_found.retry_after(), None);
    assert!(!not_found.deprecated());

    let exhausted = entries[2];
    assert_eq!(exhausted.status(), Status::Fixed(401));
    assert_eq!(
        exhausted.message(),
        None,
        "the reason phrase is the message"
    );

    let limited = entries[3];
    assert_eq!(limited.title(), Some("Slow down"));
    assert_eq!(limited.retry_after(), Some(RetryAfterUnit::Milliseconds));
    assert_eq!(
        limited.fields(),
        [
            FieldInfo::new("retry_after_ms", "Option<u64>").option(None),
            FieldInfo::new("scope", "&'static str"),
        ]
    );

    let gone = entries[4];
    assert!(gone.deprecated());
    assert_eq!(gone.status(), Status::Fixed(410));
}

#[test]
fn run_time_and_absent_statuses_are_marked() {
    let unrecognized = RoutingError::catalog().iter().next().unwrap();
    assert_eq!(unrecognized.status(), Status::Varies);
    assert_eq!(unrecognized.retry_after(), Some(RetryAfterUnit::Seconds));
    assert_eq!(unrecognized.fields()[0].rust_type(), "Duration");

    let ok = FederationCode::catalog().iter().next().unwrap();
    assert_eq!(ok.code(), "FED_OK");
    assert_eq!(ok.status(), Status::None);
    assert!(!FederationCode::Ok.has_status());
}

#[test]
fn integer_codes_stay_integers() {
    let internal = AppError::catalog().iter().last().unwrap();
    assert_eq!(internal.code(), 50001);
    assert_eq!(internal.code().as_int(), Some(50001));
}

#[test]
fn a_hand_written_impl_has_an_empty_catalog() {
    #[derive(Debug)]
    struct Manual;
    impl ApiError for Manual {
        type Format = errbook::format::Nested;
        fn code(&self) -> errbook::Code<'_> {
            errbook::Code::Str("MANUAL")
        }
        fn status(&self) -> StatusCode {
            StatusCode::BAD_REQUEST
        }
        fn fmt_message(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("manual")
        }
        fn visit_fields<V: errbook::FieldVisitor + ?Sized>(
            &self,
            _: &mut V,
        ) -> Result<(), V::Error> {
            Ok(())
        }
    }
    assert!(Manual::catalog().is_empty());
}

// Types that are never nested: checked together at compile time.
errbook::assert_unique_codes!(UserError, RoutingError, FederationCode);

/// Codes and messages full of characters JSON escapes.
#[derive(Debug, ApiError)]
#[api(status = 400)]
enum Escaped {
    #[api(
        code = "quote\"back\\slash",
        message = "Line\nbreak\tand \"{value}\" \u{1}\u{7f} é 🎉 {{braces}}"
    )]
    Quoted { value: String },
    #[api(code = -40001, message = "")]
    Negative,
}

/// The JSON text each entry carries (its code, its template's literal runs)
/// is what `serde_json` writes for the same values, for the seed APIs and
/// for characters JSON escapes.
#[test]
fn entries_carry_their_code_and_text_as_serde_json_writes_them() {
    use errbook::catalog::Part;
    let catalogs = [
        Escaped::catalog(),
        errbook_examples::chat_api::ChatError::catalog(),
        errbook_examples::domain_api::AppError::catalog(),
        errbook_examples::matrix_api::MatrixError::catalog(),
        errbook_examples::art_api::ArtApiError::catalog(),
        errbook_examples::community_api::CommunityError::catalog(),
    ];
    let mut texts = 0;
    for catalog in catalogs {
        for entry in catalog {
            assert_eq!(
                entry.code_json(),
                serde_json::to_string(&entry.code()).unwrap(),
                "{}",
                entry.code()
            );
            let Some(template) = entry.template() else {
                continue;
            };
            let mut rebuilt = String::new();
            for part in template.parts() {
                match part {
                    Part::Text { text, json, .. } => {
                        assert_eq!(format!("\"{json}\""), serde_json::to_string(text).unwrap());
                        rebuilt.push_str(&text.replace('{', "{{").replace('}', "}}"));
                        texts += 1;
                    }
                    Part::Arg { name, spec, .. } => {
                        rebuilt.push('{');
                        rebuilt.push_str(name);
                        if let Some(spec) = spec {
                            rebuilt.push(':');
                            rebuilt.push_str(spec);
                        }
                        rebuilt.push('}');
                    }
                    _ => unreachable!("a part of a kind this test does not know"),
                }
            }
            // The parts are the template, read once by the derive.
            assert_eq!(
                rebuilt,
                template.raw().replace("{r#", "{"),
                "{}",
                entry.code()
            );
        }
    }
    assert!(texts > 50);
    let quoted = Escaped::Quoted {
        value: "v\"1".into(),
    };
    assert_eq!(
        quoted.message().to_string(),
        "Line\nbreak\tand \"v\"1\" \u{1}\u{7f} é 🎉 {braces}"
    );
}
