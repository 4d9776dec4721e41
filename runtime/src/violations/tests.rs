use serde_json::value::RawValue;
use serde_json::{Value, json};

use super::read::read;
use super::render::{List, Shape};
use super::{Location, Pointer, Token, Violation, Violations};

/// What FastAPI 0.165 (pydantic 2.13) sent for a request with a bad path
/// parameter, a bad query parameter, a missing header and a body missing
/// one member, with a bad list item and a value out of range.
const FASTAPI: &str = r#"[{"type":"int_parsing","loc":["path","item_id"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"},{"type":"int_parsing","loc":["query","q"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"x"},{"type":"missing","loc":["header","x-token"],"msg":"Field required","input":null},{"type":"missing","loc":["body","title"],"msg":"Field required","input":{"tags":["a",3],"age":-1}},{"type":"string_type","loc":["body","tags",1],"msg":"Input should be a valid string","input":3},{"type":"greater_than","loc":["body","age"],"msg":"Input should be greater than 0","input":-1,"ctx":{"gt":0}}]"#;

#[test]
fn pointers_escape_tilde_and_slash() {
    let pointer = Pointer::root().field("a/b~c").field("").index(10);
    assert_eq!(pointer.as_str(), "/a~1b~0c//10");
    let tokens: Vec<Token<'_>> = pointer.tokens().collect();
    assert_eq!(
        tokens,
        [
            Token::Key("a/b~c".into()),
            Token::Key("".into()),
            Token::Index(10)
        ]
    );
    // `~01` is `~1` unescaped, not `/`.
    assert_eq!(
        Pointer::parse("/~01").unwrap().tokens().next(),
        Some(Token::Key("~1".into()))
    );
    assert_eq!(
        Pointer::parse("/01").unwrap().tokens().next(),
        Some(Token::Key("01".into()))
    );
    for bad in ["a", "/~", "/~2", "/a~"] {
        assert!(Pointer::parse(bad).is_none(), "{bad}");
    }
    assert!(Pointer::parse("").unwrap().is_root());
}

#[test]
fn fragments_percent_encode_what_a_fragment_cannot_hold() {
    let pointer = Pointer::root()
        .field("a b")
        .field("%")
        .field("é")
        .field("c\"d");
    let fragment = pointer.to_fragment();
    assert_eq!(fragment, "#/a%20b/%25/%C3%A9/c%22d");
    assert_eq!(Pointer::from_fragment(&fragment), Some(pointer));
    assert_eq!(Pointer::from_fragment("#/age").unwrap().as_str(), "/age");
    assert_eq!(Pointer::from_fragment("#").unwrap(), Pointer::root());
    for bad in ["/age", "#age", "#/%2", "#/%zz", "#/%ff"] {
        assert!(Pointer::from_fragment(bad).is_none(), "{bad}");
    }
}

#[test]
fn field_paths_are_aip_193s() {
    let cases = [
        ("", ""),
        ("/items/0/title", "items[0].title"),
        ("/matrix/1/2", "matrix[1][2]"),
        ("/0", "[0]"),
        ("/a~1b/c d/x`y", "`a/b`.`c d`.`x``y`"),
        ("/snake_case/_x", "snake_case._x"),
    ];
    for (pointer, path) in cases {
        let pointer = Pointer::parse(pointer).unwrap();
        assert_eq!(pointer.to_field_path(), path);
        assert_eq!(Pointer::from_field_path(path), Some(pointer), "{path}");
    }
    for bad in ["a..b", ".a", "a.", "a[x]", "a[01]", "`open", "a b", "a[0"] {
        assert_eq!(Pointer::from_field_path(bad), None, "{bad}");
    }
}

#[test]
fn locations_are_fastapi_locs_and_back() {
    let cases = [
        (Location::Body(Pointer::root()), json!(["body"])),
        (
            Location::Body(Pointer::root().field("tags").index(1)),
            json!(["body", "tags", 1]),
        ),
        (Location::Path("item_id".into()), json!(["path", "item_id"])),
        (Location::Query("q".into()), json!(["query", "q"])),
        (
            Location::Header("x-token".into()),
            json!(["header", "x-token"]),
        ),
        (
            Location::Cookie("session".into()),
            json!(["cookie", "session"]),
        ),
    ];
    for (location, loc) in cases {
        assert_eq!(Value::Array(location.to_loc()), loc);
        assert_eq!(Location::from_loc(loc.as_array().unwrap()), Some(location));
    }
    for bad in [
        json!([]),
        json!(["form", "x"]),
        json!(["query"]),
        json!(["query", 1]),
        json!(["body", -1]),
        json!(["body", null]),
        json!([1]),
    ] {
        assert_eq!(Location::from_loc(bad.as_array().unwrap()), None, "{bad}");
    }
}

#[test]
fn fastapi_bodies_read_and_write_back_byte_for_byte() {
    let violations = read(FASTAPI, Shape::FastApi).unwrap();
    assert_eq!(violations.len(), 6);
    let items: Vec<&Violation> = violations.iter().collect();
    assert_eq!(items[0].location(), &Location::Path("item_id".into()));
    assert_eq!(items[0].code(), "int_parsing");
    assert_eq!(items[2].get("input").map(RawValue::get), Some("null"));
    assert_eq!(
        items[4].location(),
        &Location::Body(Pointer::parse("/tags/1").unwrap())
    );
    assert_eq!(items[5].get("ctx").map(RawValue::get), Some(r#"{"gt":0}"#));
    assert_eq!(
        serde_json::to_string(&List(&violations, Shape::FastApi)).unwrap(),
        FASTAPI
    );
}

#[test]
fn every_shape_reads_back_what_it_writes() {
    let violations = Violations::new()
        .body(
            Pointer::root().field("age"),
            "greater_than",
            "must be a positive integer",
        )
        .path("id", "int_parsing", "must be an integer")
        .header("x-token", "missing", "Field required")
        .with(
            Violation::body(
                Pointer::root().field("a b").index(0),
                "missing",
                "Field required",
            )
            .extra("input", json!({"x": 1}))
            .extra("zeta", json!(1))
            .extra("alpha", json!(2)),
        );
    for shape in [Shape::Members, Shape::Problem, Shape::FastApi] {
        let json = serde_json::to_string(&List(&violations, shape)).unwrap();
        assert_eq!(read(&json, shape).unwrap(), violations, "{shape:?}: {json}");
    }
    // Google's field violations hold a field path, a description and a
    // reason: no parameter kinds, no extra members.
    let google = serde_json::to_string(&List(&violations, Shape::Google)).unwrap();
    assert_eq!(
        google,
        r#"[{"field":"age","description":"must be a positive integer","reason":"greater_than"},{"field":"id","description":"must be an integer","reason":"int_parsing"},{"field":"`x-token`","description":"Field required","reason":"missing"},{"field":"`a b`[0]","description":"Field required","reason":"missing"}]"#
    );
    let back = read(&google, Shape::Google).unwrap();
    assert_eq!(
        back.iter().nth(3).unwrap().location(),
        &Location::Body(Pointer::parse("/a b/0").unwrap())
    );
    // `x-token` is no identifier, so no field path.
    assert!(read(r#"[{"field":"x-token","description":"d"}]"#, Shape::Google).is_err());
    let old = read(
        r#"[{"field":"age","description":"too young"}]"#,
        Shape::Google,
    )
    .unwrap();
    assert_eq!(old.iter().next().unwrap().code(), "");
}

#[test]
fn the_shapes_are_written_as_documented() {
    let violations = Violations::new()
        .body(
            Pointer::root().field("age"),
            "positive",
            "must be a positive integer",
        )
        .query("page", "int", "must be an integer");
    let json = |shape| serde_json::to_string(&List(&violations, shape)).unwrap();
    assert_eq!(
        json(Shape::Problem),
        r##"[{"detail":"must be a positive integer","pointer":"#/age","code":"positive"},{"detail":"must be an integer","parameter":"page","in":"query","code":"int"}]"##
    );
    assert_eq!(
        json(Shape::Members),
        r#"[{"pointer":"/age","code":"positive","message":"must be a positive integer"},{"parameter":"page","in":"query","code":"int","message":"must be an integer"}]"#
    );
    // An extra member named like one the item writes is left out.
    let clash = Violations::new()
        .with(Violation::body(Pointer::root(), "c", "m").extra("code", json!("x")));
    assert_eq!(
        serde_json::to_string(&List(&clash, Shape::Members)).unwrap(),
        r#"[{"pointer":"","code":"c","message":"m"}]"#
    );
}

#[test]
fn what_is_not_a_list_is_refused_with_why() {
    let cases = [
        ("{}", Shape::Members, "invalid type"),
        ("[1]", Shape::Members, "invalid type"),
        (
            r#"[{"code":"c","message":"m"}]"#,
            Shape::Members,
            "item 0: neither a `pointer`",
        ),
        (
            r#"[{"pointer":"x","code":"c","message":"m"}]"#,
            Shape::Members,
            "not a JSON pointer",
        ),
        (
            r#"[{"parameter":"p","in":"form","code":"c","message":"m"}]"#,
            Shape::Members,
            "parameter's place",
        ),
        (
            r#"[{"pointer":"/a","code":1,"message":"m"}]"#,
            Shape::Members,
            "`code` is not a string",
        ),
        (
            r##"[{"pointer":"#/a","code":"c"}]"##,
            Shape::Problem,
            "no `detail`",
        ),
        (
            r#"[{"type":"t","loc":["form"],"msg":"m"}]"#,
            Shape::FastApi,
            "`loc` is not a location",
        ),
        (
            r#"[{"type":"t","msg":"m"}]"#,
            Shape::FastApi,
            "no `loc` list",
        ),
    ];
    for (json, shape, why) in cases {
        let error = read(json, shape).unwrap_err();
        assert!(error.contains(why), "{json}: {error}");
    }
}

/// RFC 9457 §3's example list: items without a `code`, read with an
/// empty one, and written back without it.
#[test]
fn a_problem_item_without_a_code_reads_and_writes_back_without_one() {
    let rfc = r##"[{"detail":"must be a positive integer","pointer":"#/age"},{"detail":"must be 'green', 'red' or 'blue'","pointer":"#/profile/color"}]"##;
    let violations = read(rfc, Shape::Problem).unwrap();
    let items: Vec<&Violation> = violations.iter().collect();
    assert_eq!(
        items[1].location(),
        &Location::Body(Pointer::root().field("profile").field("color"))
    );
    assert_eq!(items[0].code(), "");
    assert_eq!(
        serde_json::to_string(&List(&violations, Shape::Problem)).unwrap(),
        rfc
    );
    // The other shapes still require one.
    assert!(
        read(r#"[{"pointer":"/a","message":"m"}]"#, Shape::Members)
            .unwrap_err()
            .contains("no `code`")
    );
}

/// Protobuf's JSON mapping, which gax and Google's services write, leaves
/// out a `FieldViolation` member with its default value: a violation of the
/// whole request comes without `field`, one with no words without
/// `description`.
#[test]
fn a_field_violation_without_its_default_members_reads_as_empty() {
    let violations = read(
        r#"[{"description":"empty","reason":"r"},{"field":"a"}]"#,
        Shape::Google,
    )
    .unwrap();
    let items: Vec<&Violation> = violations.iter().collect();
    assert_eq!(items[0].location(), &Location::Body(Pointer::root()));
    assert_eq!(items[0].message(), "empty");
    assert_eq!(
        items[1].location(),
        &Location::Body(Pointer::root().field("a"))
    );
    assert_eq!((items[1].code(), items[1].message()), ("", ""));
    assert!(
        read(r#"[{"field":1}]"#, Shape::Google)
            .unwrap_err()
            .contains("`field` is not a string")
    );
}
