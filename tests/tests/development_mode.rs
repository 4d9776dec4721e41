//! The process-wide development switch. This binary holds a single test, so
//! flipping the switch cannot race another test's rendering.

use std::fmt;

use errbook::format::{Detail, Google, Matrix, Nested, Problem};
use errbook::{ApiError, Format};

#[derive(Debug)]
struct PoolTimeout;

impl fmt::Display for PoolTimeout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("pool timed out after 30s")
    }
}

impl std::error::Error for PoolTimeout {}

#[derive(Debug)]
struct QueryFailed(PoolTimeout);

impl fmt::Display for QueryFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("query failed")
    }
}

impl std::error::Error for QueryFailed {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

#[derive(Debug, ApiError)]
#[api(prefix = "system:", rename_all = "snake_case")]
enum SystemError {
    #[api(status = 500, message = "Database error.")]
    DatabaseError(#[api(source)] QueryFailed),
}

fn body<F: Format>(format: F) -> String {
    let err = SystemError::DatabaseError(QueryFailed(PoolTimeout));
    String::from_utf8(err.to_response_as(format).into_body()).unwrap()
}

fn bodies() -> [String; 5] {
    [
        body(Nested),
        body(Problem),
        body(Matrix),
        body(Detail),
        body(Google),
    ]
}

#[test]
fn the_process_switch_turns_details_on_and_off_for_every_format() {
    assert!(!errbook::development_mode(), "off by default");
    for body in bodies() {
        assert!(!body.contains("pool timed out"), "{body}");
        assert!(!body.contains("QueryFailed"), "{body}");
    }

    errbook::set_development_mode(true);
    assert!(errbook::development_mode());
    for body in bodies() {
        assert!(
            body.contains(r#"["query failed","pool timed out after 30s"]"#),
            "the whole source chain, outermost first: {body}"
        );
        assert!(
            body.contains(r"DatabaseError(QueryFailed(PoolTimeout))"),
            "{body}"
        );
    }
    let nested: serde_json::Value = serde_json::from_str(&body(Nested)).unwrap();
    assert_eq!(
        nested["error"]["details"]["sources"],
        serde_json::json!(["query failed", "pool timed out after 30s"])
    );

    errbook::set_development_mode(false);
    for body in bodies() {
        assert!(!body.contains("pool timed out"), "{body}");
    }
}
