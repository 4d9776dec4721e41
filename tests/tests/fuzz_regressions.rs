//! Inputs the fuzz targets (`fuzz/`, CONTRIBUTING.md) found, each an
//! ordinary test of what it showed.

use errbook::format::{Detail, Nested, Problem};
use errbook::http::{HeaderMap, StatusCode};
use errbook::{ApiError, Parse, Unknown, Violations};

#[derive(Debug, Clone, PartialEq, ApiError)]
#[api(parse, prefix = "chat:", rename_all = "snake_case")]
enum ChatError {
    #[api(status = 422, message = "The request is not valid.")]
    Invalid {
        #[api(violations)]
        violations: Violations,
    },
    #[api(other)]
    Other(Unknown),
}

/// `body` decoded in `format` at 422, rendered in `format` and decoded
/// again: the same value, and the extra members the first reading kept.
fn reads_back<F: errbook::Format + Copy>(format: F, body: &str) -> Vec<(String, String)> {
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    let err = ChatError::from_parts_as(format, status, &HeaderMap::new(), body.as_bytes()).unwrap();
    let ChatError::Invalid { violations } = &err else {
        panic!("{err:?}");
    };
    let response = err.to_response_as(format);
    let back = ChatError::from_parts_as(
        format,
        response.status(),
        response.headers(),
        response.body(),
    );
    assert_eq!(
        back.as_ref(),
        Ok(&err),
        "{}",
        String::from_utf8_lossy(response.body())
    );
    violations
        .iter()
        .flat_map(|violation| {
            violation
                .extras()
                .map(|(name, raw)| (name.to_owned(), raw.get().to_owned()))
        })
        .collect()
}

/// `decode_nested`, minimized: a violation item that repeats one of its
/// own members (`message`) kept the second as an extra member, which the
/// item never writes (it writes its own `message`), so the violation did
/// not read back. The first counts; a later one is left out.
#[test]
fn a_violation_item_repeating_its_own_member_reads_back() {
    let body = r#"{"error":{"code":"chat:invalid","message":"Thelid.","violations":[{"pointer":"/age,","code":"positive","message":"muy","ode":"int_pcrsing","message":"bad"}]}}"#;
    assert_eq!(
        reads_back(Nested, body),
        [("ode".to_owned(), r#""int_pcrsing""#.to_owned())]
    );
    let problem = r##"{"type":"about:blank","code":"chat:invalid","errors":[{"detail":"muy","pointer":"#/age","detail":"bad","code":"positive","x":1}]}"##;
    assert_eq!(
        reads_back(Problem, problem),
        [("x".to_owned(), "1".to_owned())]
    );
}

/// The same for FastAPI's `input`, `ctx` and `url`: an item writes the
/// first of each, so a later one is left out too.
#[test]
fn a_fastapi_item_repeating_input_reads_back() {
    let body = r#"{"detail":[{"type":"missing","loc":["body","title"],"msg":"Field required","input":{},"input":7,"url":"u","extra":null}]}"#;
    assert_eq!(
        reads_back(Detail, body),
        [
            ("input".to_owned(), "{}".to_owned()),
            ("url".to_owned(), r#""u""#.to_owned()),
            ("extra".to_owned(), "null".to_owned()),
        ]
    );
}
