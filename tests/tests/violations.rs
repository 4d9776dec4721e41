//! `#[api(violations)]`: each built-in format writes the list in its own
//! shape, and reads it back into the variant.

use errbook::format::{Detail, Google, Matrix, Nested, Problem};
use errbook::violations::Pointer;
use errbook::{ApiError, Violations};

#[derive(Debug, PartialEq, ApiError)]
#[api(parse)]
enum FormError {
    #[api(
        code = "INVALID",
        status = 422,
        title = "Your request is not valid.",
        message = "Your request is not valid."
    )]
    Invalid {
        #[api(violations)]
        violations: Violations,
    },
    #[api(code = "GONE", status = 410, message = "Gone.")]
    Gone,
}

fn invalid() -> FormError {
    FormError::Invalid {
        violations: Violations::new()
            .body(
                Pointer::root().field("age"),
                "greater_than",
                "must be a positive integer",
            )
            .query("page", "int_parsing", "must be an integer"),
    }
}

fn read_as<F: errbook::Format>(
    format: F,
    response: &errbook::http::Response<Vec<u8>>,
) -> Result<FormError, errbook::decode::DecodeError> {
    <FormError as errbook::Parse>::from_parts_as(
        &format,
        response.status(),
        response.headers(),
        response.body(),
    )
}

fn body<F: errbook::Format>(err: &FormError, format: F) -> String {
    String::from_utf8(err.to_response_as(format).into_body()).unwrap()
}

#[test]
fn every_format_writes_the_list_in_its_own_shape() {
    let err = invalid();
    assert_eq!(
        body(&err, Nested),
        r#"{"error":{"code":"INVALID","message":"Your request is not valid.","violations":[{"pointer":"/age","code":"greater_than","message":"must be a positive integer"},{"parameter":"page","in":"query","code":"int_parsing","message":"must be an integer"}]}}"#
    );
    assert_eq!(
        body(&err, Problem),
        r##"{"type":"about:blank","title":"Your request is not valid.","status":422,"detail":"Your request is not valid.","code":"INVALID","errors":[{"detail":"must be a positive integer","pointer":"#/age","code":"greater_than"},{"detail":"must be an integer","parameter":"page","in":"query","code":"int_parsing"}]}"##
    );
    assert_eq!(
        body(&err, Matrix),
        r#"{"errcode":"INVALID","error":"Your request is not valid.","violations":[{"pointer":"/age","code":"greater_than","message":"must be a positive integer"},{"parameter":"page","in":"query","code":"int_parsing","message":"must be an integer"}]}"#
    );
    assert_eq!(
        body(&err, Detail),
        r#"{"detail":[{"type":"greater_than","loc":["body","age"],"msg":"must be a positive integer"},{"type":"int_parsing","loc":["query","page"],"msg":"must be an integer"}]}"#
    );
    assert_eq!(
        body(&err, Google),
        r#"{"error":{"code":422,"message":"Your request is not valid.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INVALID","metadata":{}},{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"age","description":"must be a positive integer","reason":"greater_than"},{"field":"page","description":"must be an integer","reason":"int_parsing"}]}]}}"#
    );
}

#[test]
fn the_catalog_and_the_accessor_say_which_codes_carry_a_list() {
    let mut entries = FormError::catalog().entries();
    assert!(entries.next().unwrap().1.has_violations());
    assert!(!entries.next().unwrap().1.has_violations());
    assert_eq!(invalid().violations().map(Violations::len), Some(2));
    assert_eq!(FormError::Gone.violations(), None);
    assert_eq!(body(&FormError::Gone, Detail), r#"{"detail":"Gone."}"#);
}

#[derive(Debug, PartialEq, ApiError)]
#[api(format = detail, parse)]
enum FastApiError {
    /// FastAPI's `RequestValidationError`.
    #[api(code = "VALIDATION", status = 422, message = "Unprocessable Entity")]
    Validation {
        #[api(violations)]
        violations: Violations,
    },
    #[api(code = "NOT_FOUND", status = 404, message = "Item not found")]
    NotFound,
    #[api(other)]
    Other(errbook::Unknown),
}

/// What FastAPI 0.165 (pydantic 2.13) sends for
/// `POST /items/abc?q=x` with `{"tags": ["a", 3], "age": -1}`, against
/// `create(item_id: int, item: Item, q: int = Query(), x_token: str = Header())`.
const FASTAPI_422: &str = r#"{"detail":[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"},{"type":"int_parsing","loc":["query","q"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"},{"type":"missing","loc":["header","x-token"],"msg":"Field required","input":null},{"type":"missing","loc":["body","title"],"msg":"Field required","input":{"tags":["a",3],"age":-1}},{"type":"string_type","loc":["body","tags",1],"msg":"Input should be a valid string","input":3},{"type":"greater_than","loc":["body","age"],"msg":"Input should be greater than 0","input":-1,"ctx":{"gt":0}}]}"#;

/// And for a body that is not JSON (`{bad`).
const FASTAPI_JSON_INVALID: &str = r#"{"detail":[{"type":"json_invalid","loc":["body",1],"msg":"JSON decode error","input":{},"ctx":{"error":"Expecting property name enclosed in double quotes"}}]}"#;

fn unprocessable<E: errbook::Parse>(body: &str) -> Result<E, errbook::decode::DecodeError> {
    E::from_parts(
        errbook::http::StatusCode::UNPROCESSABLE_ENTITY,
        &errbook::http::HeaderMap::new(),
        body.as_bytes(),
    )
}

#[test]
fn fastapi_422_bodies_decode_into_the_variant_and_render_back_byte_for_byte() {
    for body in [FASTAPI_422, FASTAPI_JSON_INVALID] {
        let err: FastApiError = unprocessable(body).unwrap();
        let FastApiError::Validation { violations } = &err else {
            panic!("{err:?}");
        };
        assert!(!violations.is_empty());
        assert_eq!(
            String::from_utf8(err.to_response().into_body()).unwrap(),
            body
        );
    }
    let FastApiError::Validation { violations } = unprocessable(FASTAPI_422).unwrap() else {
        unreachable!()
    };
    let items: Vec<_> = violations.iter().collect();
    assert_eq!(
        items[0].location(),
        &errbook::Location::Path("item_id".into())
    );
    assert_eq!(
        items[2].location(),
        &errbook::Location::Header("x-token".into())
    );
    assert_eq!(
        items[4].location(),
        &errbook::Location::Body(Pointer::root().field("tags").index(1))
    );
    assert_eq!(items[5].code(), "greater_than");
    assert_eq!(items[5].get("ctx").unwrap().get(), r#"{"gt":0}"#);
    // A message body still decodes by status and message.
    let not_found = FastApiError::from_parts(
        errbook::http::StatusCode::NOT_FOUND,
        &errbook::http::HeaderMap::new(),
        br#"{"detail":"Item not found"}"#,
    );
    assert_eq!(not_found.unwrap(), FastApiError::NotFound);
}

#[test]
fn every_format_reads_back_the_list_it_writes() {
    let err = FormError::Invalid {
        violations: Violations::new()
            .body(
                Pointer::root().field("items").index(0).field("title"),
                "missing",
                "Field required",
            )
            .body(
                Pointer::root().field("a b/~"),
                "odd",
                "a name that needs escaping",
            )
            .header("x-token", "missing", "Field required")
            .with(
                errbook::Violation::body(Pointer::root(), "json_invalid", "JSON decode error")
                    .extra("input", serde_json::json!({"b": 1, "a": 2}))
                    .extra("ctx", serde_json::json!({"error": "x"})),
            ),
    };
    for format in ["nested", "problem", "matrix", "detail"] {
        let response = match format {
            "nested" => err.to_response_as(Nested),
            "problem" => err.to_response_as(Problem),
            "matrix" => err.to_response_as(Matrix),
            _ => err.to_response_as(Detail),
        };
        let back = match format {
            "nested" => FormError::from_response(&response),
            "problem" => read_as(Problem, &response),
            "matrix" => read_as(Matrix, &response),
            _ => read_as(Detail, &response),
        };
        assert_eq!(back.unwrap(), err, "{format}");
    }
    // Google's field violations carry a field path, a description and a
    // reason: a header comes back as a body member, extra members stay out.
    let google: FormError = read_as(Google, &err.to_response_as(Google)).unwrap();
    let FormError::Invalid { violations } = google else {
        panic!()
    };
    let locations: Vec<String> = violations
        .iter()
        .map(|v| v.location().to_field_path())
        .collect();
    assert_eq!(locations, ["items[0].title", "`a b/~`", "`x-token`", ""]);
    assert_eq!(violations.iter().nth(3).unwrap().extras().len(), 0);
}

#[test]
fn a_body_without_a_list_reads_as_empty_and_a_broken_list_is_refused() {
    let empty = FormError::from_parts(
        errbook::http::StatusCode::UNPROCESSABLE_ENTITY,
        &errbook::http::HeaderMap::new(),
        br#"{"error":{"code":"INVALID","message":"Your request is not valid."}}"#,
    );
    assert_eq!(
        empty.unwrap(),
        FormError::Invalid {
            violations: Violations::new()
        }
    );
    let broken = br#"{"error":{"code":"INVALID","message":"m","violations":[{"pointer":"no-slash","code":"c","message":"m"}]}}"#;
    let error = FormError::from_parts(
        errbook::http::StatusCode::UNPROCESSABLE_ENTITY,
        &errbook::http::HeaderMap::new(),
        broken,
    )
    .unwrap_err();
    assert!(error.to_string().contains("not a JSON pointer"), "{error}");
    assert_eq!(error.body(), broken);
    // A list with a `loc` errbook cannot type does not fit the variant:
    // like any member that does not, a `DecodeError` that keeps the body,
    // even with `other`.
    let odd = r#"{"detail":[{"type":"t","loc":["form","x"],"msg":"m"}]}"#;
    let error = unprocessable::<FastApiError>(odd).unwrap_err();
    assert!(
        error.to_string().contains("`loc` is not a location"),
        "{error}"
    );
    assert_eq!(error.body(), odd.as_bytes());
    // A list at a status no variant with violations has is kept in `other`.
    let elsewhere = FastApiError::from_parts(
        errbook::http::StatusCode::BAD_REQUEST,
        &errbook::http::HeaderMap::new(),
        FASTAPI_422.as_bytes(),
    );
    match elsewhere {
        Ok(FastApiError::Other(unknown)) => assert_eq!(unknown.json(), Some(FASTAPI_422)),
        other => panic!("{other:?}"),
    }
}

/// The variant whose only field is `#[api(violations)]` implements
/// `From<Violations>`, so `?` turns a list into it.
#[test]
fn a_list_converts_with_question_mark() {
    fn page(number: &str) -> Result<u32, FormError> {
        match number.parse() {
            Ok(number) => Ok(number),
            Err(_) => Err(Violations::new().query("page", "int_parsing", "must be an integer"))?,
        }
    }
    assert_eq!(page("2"), Ok(2));
    let err = page("two").unwrap_err();
    assert_eq!(
        err,
        FormError::Invalid {
            violations: Violations::new().query("page", "int_parsing", "must be an integer")
        }
    );
    assert_eq!(
        body(&err, Detail),
        r#"{"detail":[{"type":"int_parsing","loc":["query","page"],"msg":"must be an integer"}]}"#
    );
}
