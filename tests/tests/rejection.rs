//! `errbook::Rejection`: the framework's own errors, with stable codes, in
//! the application's envelope when nested.

use errbook::catalog::render::{Json, Markdown};
use errbook::http::{HeaderMap, StatusCode};
use errbook::violations::Pointer;
use errbook::{ApiError, Rejection, Violations};
use serde_json::{Value, json};

#[derive(Debug, ApiError)]
#[api(format = problem, parse)]
enum AppError {
    #[api(code = "USER_NOT_FOUND", status = 404, message = "User not found.")]
    UserNotFound,
    #[api(transparent)]
    Rejected(Rejection),
}

fn body(err: &impl ApiError) -> Value {
    serde_json::from_slice(err.to_response().body()).unwrap()
}

/// The codes and statuses are a public contract: changing one breaks clients.
#[test]
fn codes_and_statuses_are_stable() {
    let table: Vec<(String, Option<u16>)> = Rejection::catalog()
        .iter()
        .map(|entry| {
            let status = match entry.status() {
                errbook::catalog::Status::Fixed(status) => Some(status),
                _ => None,
            };
            (entry.code().to_string(), status)
        })
        .collect();
    let expected = [
        ("MALFORMED_JSON", 400),
        ("INVALID_BODY", 422),
        ("UNSUPPORTED_MEDIA_TYPE", 415),
        ("PAYLOAD_TOO_LARGE", 413),
        ("BODY_UNREADABLE", 400),
        ("INVALID_PATH", 400),
        ("INVALID_QUERY", 400),
        ("ROUTE_NOT_FOUND", 404),
        ("METHOD_NOT_ALLOWED", 405),
        ("INTERNAL_ERROR", 500),
    ];
    let expected: Vec<(String, Option<u16>)> = expected
        .iter()
        .map(|(code, status)| ((*code).to_owned(), Some(*status)))
        .collect();
    assert_eq!(table, expected);
}

#[test]
fn nested_rejections_render_in_the_apps_format() {
    let err = AppError::Rejected(Rejection::InvalidBody {
        reason: "missing field `name` at line 1 column 2".into(),
        violations: Violations::new().body(
            Pointer::root().field("name"),
            "missing",
            "Field required",
        ),
    });
    assert_eq!(
        err.to_response().headers()["content-type"],
        "application/problem+json"
    );
    assert_eq!(
        body(&err),
        json!({
            "type": "about:blank",
            "title": "Unprocessable Entity",
            "status": 422,
            "detail": "The request body does not have the expected shape.",
            "code": "INVALID_BODY",
            "reason": "missing field `name` at line 1 column 2",
            "errors": [{"detail": "Field required", "pointer": "#/name", "code": "missing"}],
        })
    );
}

#[test]
fn an_internal_rejection_never_shows_its_cause() {
    let err = AppError::Rejected(Rejection::internal(
        "Missing request extension: Extension of type `Pool` was not found",
    ));
    let text = String::from_utf8(err.to_response().into_body()).unwrap();
    assert!(!text.contains("Extension"), "{text}");
    assert_eq!(err.status(), 500);
    assert!(err.source_error().unwrap().to_string().contains("Pool"));
}

#[test]
fn clients_decode_rejections_back() {
    let named = Violations::new().query("limit", "int_parsing", "Input should be a valid integer");
    let sent = AppError::Rejected(Rejection::InvalidQuery {
        reason: "invalid digit found in string".into(),
        violations: named.clone(),
    });
    let decoded = AppError::from_response(&sent.to_response()).unwrap();
    match decoded {
        AppError::Rejected(Rejection::InvalidQuery { reason, violations }) => {
            assert_eq!(reason, "invalid digit found in string");
            assert_eq!(violations, named);
        }
        other => panic!("decoded {other:?}"),
    }
    let not_found =
        AppError::from_response(&AppError::Rejected(Rejection::RouteNotFound).to_response())
            .unwrap();
    assert!(matches!(
        not_found,
        AppError::Rejected(Rejection::RouteNotFound)
    ));
}

#[test]
fn the_apps_catalog_documents_the_rejections() {
    let codes: Vec<String> = AppError::catalog()
        .iter()
        .map(|e| e.code().to_string())
        .collect();
    assert_eq!(codes[0], "USER_NOT_FOUND");
    assert!(codes.iter().any(|c| c == "METHOD_NOT_ALLOWED"));
    assert_eq!(codes.len(), 11);
}

// --- Rejection codes in the API's own style ---------------------------------

/// An API whose codes are `bookmark:…`: errbook's rejections become `app:…`
/// where they are nested, the route one named outright.
#[derive(Debug, ApiError)]
#[api(prefix = "bookmark:", rename_all = "snake_case", format = problem, parse)]
enum BookmarkError {
    /// No bookmark has this id.
    #[api(status = 404, message = "Bookmark not found.")]
    NotFound,
    #[api(
        transparent,
        prefix = "app:",
        rename_all = "snake_case",
        codes(RouteNotFound = "app:no_such_route")
    )]
    Rejected(Rejection),
}

/// One rejection of each kind.
fn every_rejection() -> Vec<Rejection> {
    vec![
        Rejection::malformed_json("EOF while parsing an object at line 1 column 9"),
        Rejection::InvalidBody {
            reason: "missing field `url` at line 1 column 2".into(),
            violations: Violations::new().body(
                Pointer::root().field("url"),
                "missing",
                "Field required",
            ),
        },
        Rejection::UnsupportedMediaType,
        Rejection::PayloadTooLarge,
        Rejection::BodyUnreadable,
        Rejection::InvalidPath {
            reason: "Cannot parse `abc` to a `u64`".into(),
            violations: Violations::new().path(
                "id",
                "int_parsing",
                "Input should be a valid integer, unable to parse string as an integer",
            ),
        },
        Rejection::InvalidQuery {
            reason: "limit: invalid digit found in string".into(),
            violations: Violations::new().query(
                "limit",
                "int_parsing",
                "Input should be a valid integer, unable to parse string as an integer",
            ),
        },
        Rejection::RouteNotFound,
        Rejection::MethodNotAllowed,
        Rejection::internal("no such extension"),
    ]
}

const RENAMED: [&str; 10] = [
    "app:malformed_json",
    "app:invalid_body",
    "app:unsupported_media_type",
    "app:payload_too_large",
    "app:body_unreadable",
    "app:invalid_path",
    "app:invalid_query",
    "app:no_such_route",
    "app:method_not_allowed",
    "app:internal_error",
];

#[test]
fn renamed_rejections_render_the_apps_codes_and_nothing_else_changes() {
    let pairs = every_rejection().into_iter().zip(every_rejection());
    for ((rejection, same), code) in pairs.zip(RENAMED) {
        let plain = AppError::Rejected(same);
        let renamed = BookmarkError::Rejected(rejection);
        assert_eq!(renamed.code(), code);
        assert_eq!(
            renamed.entry().map(errbook::catalog::Entry::code),
            Some(renamed.code())
        );
        // The body is the plain nesting's with the code replaced.
        let mut expected = body(&plain);
        expected["code"] = json!(code);
        assert_eq!(body(&renamed), expected, "{code}");
        assert_eq!(renamed.status(), plain.status());
        assert_eq!(renamed.doc(), plain.doc());
        assert_eq!(
            renamed.source_error().is_some(),
            plain.source_error().is_some()
        );
        // Every format, its fast path included, writes the renamed code.
        for format in ["nested", "matrix", "google"] {
            let text = match format {
                "nested" => renamed.to_response_as(errbook::format::Nested),
                "matrix" => renamed.to_response_as(errbook::format::Matrix),
                _ => renamed.to_response_as(errbook::format::Google),
            };
            let text = String::from_utf8(text.into_body()).unwrap();
            assert!(text.contains(&format!("\"{code}\"")), "{format}: {text}");
            assert!(
                !text.contains(&plain.code().to_string()),
                "{format}: {text}"
            );
        }
    }
}

#[test]
fn the_catalog_lists_the_renamed_codes_with_everything_else_errbooks() {
    let codes: Vec<String> = BookmarkError::catalog()
        .iter()
        .map(|entry| entry.code().to_string())
        .collect();
    let mut expected = vec!["bookmark:not_found".to_owned()];
    expected.extend(RENAMED.map(str::to_owned));
    assert_eq!(codes, expected);

    let renamed: Vec<_> = BookmarkError::catalog().entries().skip(1).collect();
    let own: Vec<_> = Rejection::catalog().entries().collect();
    assert_eq!(renamed.len(), own.len());
    for ((catalog, entry), (own_catalog, own_entry)) in renamed.into_iter().zip(own) {
        assert_eq!(catalog.type_name(), "Rejection");
        assert_eq!(catalog.description(), own_catalog.description());
        assert_eq!(entry.catalog().type_name(), "Rejection");
        assert_eq!(entry.variant(), own_entry.variant());
        assert_eq!(entry.status(), own_entry.status());
        assert_eq!(entry.template(), own_entry.template());
        assert_eq!(entry.description(), own_entry.description());
        assert_eq!(entry.fields(), own_entry.fields());
        assert_eq!(
            entry.code_json(),
            serde_json::to_string(&entry.code()).unwrap()
        );
        assert_ne!(entry.code(), own_entry.code());
    }
    // Rejection's own catalog is untouched.
    assert_eq!(
        Rejection::catalog().iter().next().unwrap().code(),
        "MALFORMED_JSON"
    );

    let page = Markdown::by_domain(BookmarkError::catalog()).to_string();
    assert!(page.contains("| `app:malformed_json` | 400 |"), "{page}");
    assert!(page.contains("| `app:no_such_route` | 404 |"), "{page}");
    assert!(!page.contains("MALFORMED_JSON"), "{page}");
    let json = serde_json::to_value(Json::new(BookmarkError::catalog())).unwrap();
    assert_eq!(json[1]["code"], "app:malformed_json");
    assert_eq!(json[1]["type"], "Rejection");
}

/// A client of `BookmarkError`'s server that keeps the codes it does not
/// know.
#[derive(Debug, ApiError)]
#[api(format = problem, parse)]
enum RejectionClient {
    #[api(transparent, prefix = "app:", rename_all = "snake_case")]
    Rejected(Rejection),
    #[api(other)]
    Other(errbook::Unknown),
}

#[test]
fn clients_decode_the_renamed_codes_back_into_rejection() {
    for (rejection, code) in every_rejection().into_iter().zip(RENAMED) {
        if matches!(rejection, Rejection::Internal { .. }) {
            continue; // `skip_parse`: a 500 whose cause never travels
        }
        let sent = BookmarkError::Rejected(rejection);
        let decoded = BookmarkError::from_response(&sent.to_response())
            .unwrap_or_else(|err| panic!("{code}: {err}"));
        assert_eq!(format!("{decoded:?}"), format!("{sent:?}"), "{code}");
    }

    // A body as a client receives it, written by hand.
    let body = br#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"The request body is not valid JSON.","code":"app:malformed_json","reason":"expected value at line 1 column 1"}"#;
    let decoded =
        BookmarkError::from_parts(StatusCode::BAD_REQUEST, &HeaderMap::new(), body).unwrap();
    let BookmarkError::Rejected(Rejection::MalformedJson { reason, violations }) = decoded else {
        panic!("{decoded:?}");
    };
    assert_eq!(reason, "expected value at line 1 column 1");
    assert!(violations.is_empty(), "a body without errors has none");

    // errbook's own codes are not this API's: without `other`, an error.
    let body =
        br#"{"type":"about:blank","title":"Not Found","status":404,"code":"ROUTE_NOT_FOUND"}"#;
    let err =
        BookmarkError::from_parts(StatusCode::NOT_FOUND, &HeaderMap::new(), body).unwrap_err();
    assert!(
        matches!(err.kind(), errbook::decode::DecodeErrorKind::UnknownCode { code } if code == "ROUTE_NOT_FOUND"),
        "{err}"
    );
    let body =
        br#"{"type":"about:blank","title":"Not Found","status":404,"code":"app:route_not_found"}"#;
    assert!(BookmarkError::from_parts(StatusCode::NOT_FOUND, &HeaderMap::new(), body).is_err());

    // With `other`, they are kept whole there.
    let body =
        br#"{"type":"about:blank","title":"Not Found","status":404,"code":"ROUTE_NOT_FOUND"}"#;
    let RejectionClient::Other(unknown) =
        RejectionClient::from_parts(StatusCode::NOT_FOUND, &HeaderMap::new(), body).unwrap()
    else {
        panic!("errbook's own code is unknown to this client");
    };
    assert_eq!(unknown.code(), "ROUTE_NOT_FOUND");
    let body =
        br#"{"type":"about:blank","title":"Not Found","status":404,"code":"app:route_not_found"}"#;
    assert!(matches!(
        RejectionClient::from_parts(StatusCode::NOT_FOUND, &HeaderMap::new(), body).unwrap(),
        RejectionClient::Rejected(Rejection::RouteNotFound)
    ));
}

/// `codes(…)` alone: the variants named get the codes given, string or
/// integer; every other code stays errbook's.
#[derive(Debug, ApiError)]
#[api(parse)]
enum LegacyError {
    #[api(code = 40400, status = 404, message = "No such user.")]
    UserNotFound,
    #[api(transparent, codes(RouteNotFound = 40401, MalformedJson = "BAD_JSON"))]
    Rejected(Rejection),
}

#[test]
fn codes_name_the_code_of_each_variant_they_list() {
    let codes: Vec<String> = LegacyError::catalog()
        .iter()
        .map(|entry| entry.code().to_string())
        .collect();
    assert_eq!(
        codes,
        [
            "40400",
            "BAD_JSON",
            "INVALID_BODY",
            "UNSUPPORTED_MEDIA_TYPE",
            "PAYLOAD_TOO_LARGE",
            "BODY_UNREADABLE",
            "INVALID_PATH",
            "INVALID_QUERY",
            "40401",
            "METHOD_NOT_ALLOWED",
            "INTERNAL_ERROR",
        ]
    );
    let not_found = LegacyError::Rejected(Rejection::RouteNotFound);
    assert_eq!(not_found.code(), errbook::Code::Int(40401));
    assert_eq!(
        not_found.to_response().body().as_slice(),
        br#"{"error":{"code":40401,"message":"No route matches this path."}}"#
    );
    assert!(matches!(
        LegacyError::from_response(&not_found.to_response()).unwrap(),
        LegacyError::Rejected(Rejection::RouteNotFound)
    ));
    let bad_json = LegacyError::Rejected(Rejection::malformed_json("x"));
    assert_eq!(bad_json.code(), "BAD_JSON");
    assert!(matches!(
        LegacyError::from_response(&bad_json.to_response()).unwrap(),
        LegacyError::Rejected(Rejection::MalformedJson { .. })
    ));
    let invalid = LegacyError::Rejected(Rejection::UnsupportedMediaType);
    assert_eq!(invalid.code(), "UNSUPPORTED_MEDIA_TYPE");
}

/// Each `rename_all` rule re-cases a code from its words; a prefix that
/// needs escaping in JSON is escaped where the code is written.
#[test]
fn every_case_and_a_prefix_that_json_escapes() {
    #[derive(Debug, ApiError)]
    enum Kebab {
        #[api(transparent, rename_all = "kebab-case")]
        Rejected(Rejection),
    }
    #[derive(Debug, ApiError)]
    enum Camel {
        #[api(transparent, prefix = "http.", rename_all = "camelCase")]
        Rejected(Rejection),
    }
    #[derive(Debug, ApiError)]
    enum Pascal {
        #[api(transparent, rename_all = "PascalCase")]
        Rejected(Rejection),
    }
    #[derive(Debug, ApiError)]
    enum Prefixed {
        #[api(transparent, prefix = r#"a"b\c/"#)]
        Rejected(Rejection),
    }
    let rejection = || Rejection::UnsupportedMediaType;
    assert_eq!(
        Kebab::Rejected(rejection()).code(),
        "unsupported-media-type"
    );
    assert_eq!(
        Camel::Rejected(rejection()).code(),
        "http.unsupportedMediaType"
    );
    assert_eq!(Pascal::Rejected(rejection()).code(), "UnsupportedMediaType");
    let prefixed = Prefixed::Rejected(rejection());
    assert_eq!(prefixed.code(), r#"a"b\c/UNSUPPORTED_MEDIA_TYPE"#);
    let body: Value = serde_json::from_slice(prefixed.to_response().body()).unwrap();
    assert_eq!(body["error"]["code"], r#"a"b\c/UNSUPPORTED_MEDIA_TYPE"#);
    let matrix: Value =
        serde_json::from_slice(prefixed.to_response_as(errbook::format::Matrix).body()).unwrap();
    assert_eq!(matrix["errcode"], r#"a"b\c/UNSUPPORTED_MEDIA_TYPE"#);
}

/// A newtype struct renames like a variant, and can be nested as it is; a
/// generic type renames the `Rejection` it nests beside its parameter.
#[test]
fn a_transparent_struct_and_a_generic_type_rename_too() {
    #[derive(Debug, ApiError)]
    #[api(transparent, prefix = "app:", rename_all = "snake_case")]
    struct AppRejection(Rejection);

    #[derive(Debug, ApiError)]
    enum Api<E: ApiError> {
        #[api(transparent)]
        Domain(E),
        #[api(transparent)]
        Rejected(AppRejection),
    }

    #[derive(Debug, ApiError)]
    enum Generic<E: ApiError> {
        #[api(transparent)]
        Domain(E),
        #[api(transparent, prefix = "app:", rename_all = "snake_case")]
        Rejected(Rejection),
    }

    let rejected = AppRejection(Rejection::PayloadTooLarge);
    assert_eq!(rejected.code(), "app:payload_too_large");
    let api: Api<BookmarkError> = Api::Rejected(rejected);
    assert_eq!(api.code(), "app:payload_too_large");
    assert_eq!(api.status(), 413);
    let generic: Generic<BookmarkError> = Generic::Rejected(Rejection::PayloadTooLarge);
    assert_eq!(generic.code(), "app:payload_too_large");
    assert_eq!(
        Api::Domain(BookmarkError::NotFound).code(),
        "bookmark:not_found"
    );
    assert_eq!(
        Generic::Domain(BookmarkError::NotFound).code(),
        "bookmark:not_found"
    );
    assert_eq!(Generic::<BookmarkError>::catalog().len(), 11 + 10);
    let codes: Vec<String> = Api::<BookmarkError>::catalog()
        .iter()
        .map(|entry| entry.code().to_string())
        .collect();
    assert_eq!(codes[0], "bookmark:not_found");
    assert_eq!(codes[11], "app:malformed_json");
    // Generic types are checked where they are instantiated.
    errbook::assert_unique_codes!(Api<LegacyError>);
    errbook::assert_unique_codes!(Generic<LegacyError>);
}

/// `codes` alone reaches only the variants it names: the codes of a type
/// the inner type nests stay as they are (where `prefix` and `rename_all`,
/// which would not reach them, are refused).
#[test]
fn codes_alone_leave_a_nested_types_codes_as_they_are() {
    #[derive(Debug, ApiError)]
    enum FrameworkError {
        #[api(code = "TIMEOUT", status = 504)]
        Timeout,
        #[api(transparent)]
        Rejected(Rejection),
    }

    #[derive(Debug, ApiError)]
    enum Outer {
        #[api(transparent, codes(Timeout = "app:timeout"))]
        Framework(FrameworkError),
    }

    assert_eq!(
        Outer::Framework(FrameworkError::Timeout).code(),
        "app:timeout"
    );
    let rejected = Outer::Framework(FrameworkError::Rejected(Rejection::RouteNotFound));
    assert_eq!(rejected.code(), "ROUTE_NOT_FOUND");
    assert_eq!(rejected.status(), 404);
    let codes: Vec<String> = Outer::catalog()
        .iter()
        .map(|entry| entry.code().to_string())
        .collect();
    assert_eq!(codes.len(), 11);
    assert_eq!(codes[..2], ["app:timeout", "MALFORMED_JSON"]);
}
