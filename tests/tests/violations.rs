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

// What FastAPI 0.165.0 (pydantic 2.14.4, pydantic-core 2.50.5, Starlette
// 1.10.0) sent, copied verbatim from the responses of `TestClient`.

/// `POST /orders/7` with `{"items": [{"price": 3}, {"title": "b",
/// "price": -1}, {"title": 5, "price": "x"}]}`, against `Order { items:
/// list[Item] }`, `Item { title: str, price: float = Field(gt=0) }`.
const FASTAPI_NESTED_422: &str = r#"{"detail":[{"type":"missing","loc":["body","items",0,"title"],"msg":"Field required","input":{"price":3}},{"type":"greater_than","loc":["body","items",1,"price"],"msg":"Input should be greater than 0","input":-1,"ctx":{"gt":0.0}},{"type":"string_type","loc":["body","items",2,"title"],"msg":"Input should be a valid string","input":5},{"type":"float_parsing","loc":["body","items",2,"price"],"msg":"Input should be a valid number, unable to parse string as a number","input":"x"}]}"#;

/// `POST /orders/abc?page=two` against `shop_id: int` in the path and
/// `page: int = Query()`.
const FASTAPI_PATH_QUERY_422: &str = r#"{"detail":[{"type":"int_parsing","loc":["path","shop_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"},{"type":"int_parsing","loc":["query","page"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"two"}]}"#;

/// `GET /feed?limit=500` against `x_token: str = Header()`, `session: str
/// = Cookie()`, `limit: int = Query(le=100)`.
const FASTAPI_HEADER_COOKIE_422: &str = r#"{"detail":[{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 100","input":"500","ctx":{"le":100}},{"type":"missing","loc":["header","x-token"],"msg":"Field required","input":null},{"type":"missing","loc":["cookie","session"],"msg":"Field required","input":null}]}"#;

/// `POST /polls` with `{"votes": {"0": "x", "yes": 1}}` against `Poll {
/// votes: dict[str, int] }`: a member named `"0"`.
const FASTAPI_DIGIT_KEY_422: &str = r#"{"detail":[{"type":"int_parsing","loc":["body","votes","0"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"}]}"#;

/// `GET /search?tag=1&tag=x` against `tag: list[int] = Query()`: an item
/// of a repeated query parameter.
const FASTAPI_QUERY_ITEM_422: &str = r#"{"detail":[{"type":"int_parsing","loc":["query","tag",1],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"},{"type":"missing","loc":["header","x-token"],"msg":"Field required","input":null},{"type":"missing","loc":["cookie","session"],"msg":"Field required","input":null}]}"#;

/// `err` rendered in `format` and read back.
fn back_in<F: errbook::Format + Copy>(format: F, err: &FastApiError) -> FastApiError {
    let response = err.to_response_as(format);
    <FastApiError as errbook::Parse>::from_parts_as(
        format,
        response.status(),
        response.headers(),
        response.body(),
    )
    .unwrap_or_else(|e| panic!("{}: {e}", F::NAME))
}

fn locations(err: &FastApiError) -> Vec<errbook::Location> {
    let FastApiError::Validation { violations } = err else {
        panic!("{err:?}");
    };
    violations.iter().map(|v| v.location().clone()).collect()
}

#[test]
fn fastapi_nested_and_parameter_locations_decode_and_render_back_byte_for_byte() {
    use errbook::Location;
    let item =
        |index, name| Location::Body(Pointer::root().field("items").index(index).field(name));
    let cases = [
        (
            FASTAPI_NESTED_422,
            vec![
                item(0, "title"),
                item(1, "price"),
                item(2, "title"),
                item(2, "price"),
            ],
        ),
        (
            FASTAPI_PATH_QUERY_422,
            vec![
                Location::Path("shop_id".into()),
                Location::Query("page".into()),
            ],
        ),
        (
            FASTAPI_HEADER_COOKIE_422,
            vec![
                Location::Query("limit".into()),
                Location::Header("x-token".into()),
                Location::Cookie("session".into()),
            ],
        ),
        (
            FASTAPI_QUERY_ITEM_422,
            vec![
                Location::item(Location::Query("tag".into()), 1).unwrap(),
                Location::Header("x-token".into()),
                Location::Cookie("session".into()),
            ],
        ),
    ];
    for (body, expected) in cases {
        let err: FastApiError = unprocessable(body).unwrap();
        assert_eq!(locations(&err), expected, "{body}");
        assert_eq!(
            String::from_utf8(err.to_response().into_body()).unwrap(),
            body
        );
        // The same list in the other formats, read back by each.
        assert_eq!(back_in(Nested, &err), err);
        assert_eq!(back_in(Problem, &err), err);
        assert_eq!(back_in(Matrix, &err), err);
    }
    let FastApiError::Validation { violations } = unprocessable(FASTAPI_NESTED_422).unwrap() else {
        unreachable!()
    };
    // pydantic's float context, `0.0`, is kept as written.
    assert_eq!(
        violations.iter().nth(1).unwrap().get("ctx").unwrap().get(),
        r#"{"gt":0.0}"#
    );
}

/// What FastAPI's `loc` cannot say in errbook's terms, pinned.
#[test]
fn fastapi_locations_errbook_reads_differently_or_not_at_all() {
    // A member named with digits is a string in pydantic's `loc`; a
    // pointer does not tell a name from an index, so it comes back a
    // number: the same pointer, not the same bytes.
    let err: FastApiError = unprocessable(FASTAPI_DIGIT_KEY_422).unwrap();
    assert_eq!(
        locations(&err),
        [errbook::Location::Body(
            Pointer::root().field("votes").field("0")
        )]
    );
    assert_eq!(
        String::from_utf8(err.to_response().into_body()).unwrap(),
        FASTAPI_DIGIT_KEY_422.replace(r#""votes","0""#, r#""votes",0"#)
    );
}

/// An item of a parameter that carries a list, in each format's words:
/// FastAPI's `["query","tag",1]`, `"parameter","in","index"` in
/// problem+json and the nested envelope, `tag[1]` for Google.
#[test]
fn an_item_of_a_list_parameter_in_every_format() {
    use errbook::Location;
    let tag = Location::item(Location::Query("tag".into()), 1).unwrap();
    assert_eq!(tag.parameter(), Some(("query", "tag")));
    assert_eq!(tag.index(), Some(1));
    assert_eq!(
        tag.to_loc(),
        vec![serde_json::json!("query"), "tag".into(), 1.into()]
    );
    assert_eq!(tag.to_field_path(), "tag[1]");
    assert_eq!(Location::from_loc(&tag.to_loc()), Some(tag.clone()));
    // Only a parameter has items.
    assert_eq!(Location::item(Location::Body(Pointer::root()), 0), None);
    assert_eq!(Location::item(tag.clone(), 0), None);

    let err: FastApiError = unprocessable(FASTAPI_QUERY_ITEM_422).unwrap();
    let problem = String::from_utf8(err.to_response_as(Problem).into_body()).unwrap();
    assert!(
        problem.contains(r#"{"detail":"Input should be a valid integer, unable to parse string as an integer","parameter":"tag","in":"query","index":1,"code":"int_parsing","input":"x"}"#),
        "{problem}"
    );
    let nested = String::from_utf8(err.to_response_as(Nested).into_body()).unwrap();
    assert!(
        nested.contains(r#""parameter":"tag","in":"query","index":1,"code":"int_parsing""#),
        "{nested}"
    );
}
