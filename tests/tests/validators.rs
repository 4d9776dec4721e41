//! The `validator` and `garde` integrations: their errors, nested structs
//! and lists included, become violations with RFC 6901 pointers; `?` in a
//! handler turns them into the variant whose only field is
//! `#[api(violations)]`, which renders in every format and reads back.
#![cfg(any(feature = "validator", feature = "garde"))]

use errbook::format::{Detail, Google, Problem};
use errbook::http::Response;
use errbook::{ApiError, Parse, Violations};

#[derive(Debug, PartialEq, ApiError)]
#[api(parse)]
enum OrderError {
    /// The order does not pass its checks.
    #[api(
        code = "INVALID_ORDER",
        status = 422,
        title = "Your order is not valid.",
        message = "Your order is not valid."
    )]
    Invalid {
        #[api(violations)]
        violations: Violations,
    },
    #[api(code = "SOLD_OUT", status = 409, message = "Sold out.")]
    SoldOut,
}

fn text(response: Response<Vec<u8>>) -> String {
    String::from_utf8(response.into_body()).unwrap()
}

/// Each violation as `pointer code: message`.
fn lines(violations: &Violations) -> Vec<String> {
    violations
        .iter()
        .map(|v| match v.location() {
            errbook::Location::Body(pointer) => {
                format!("{} {}: {}", pointer.as_str(), v.code(), v.message())
            }
            other => panic!("not a body location: {other:?}"),
        })
        .collect()
}

#[cfg(feature = "validator")]
mod validator_crate {
    use std::borrow::Cow;

    use validator::{Validate, ValidationError};

    use super::*;

    #[derive(Validate)]
    #[validate(schema(function = "delivery_or_pickup"))]
    struct Order {
        #[validate(length(min = 1, message = "Give the order a name."))]
        name: String,
        #[validate(range(min = 1, max = 10))]
        quantity: u32,
        #[validate(nested)]
        address: Address,
        #[validate(nested)]
        items: Vec<Item>,
        pickup: bool,
    }

    #[derive(Validate)]
    struct Address {
        #[validate(length(min = 2))]
        city: String,
        #[validate(email)]
        contact: String,
    }

    #[derive(Validate)]
    struct Item {
        #[validate(length(min = 1, max = 40))]
        title: String,
        #[validate(custom(function = "whole_cents"))]
        price: f64,
    }

    fn delivery_or_pickup(order: &Order) -> Result<(), ValidationError> {
        if order.pickup && !order.address.city.is_empty() {
            return Err(ValidationError::new("pickup_with_address")
                .with_message(Cow::Borrowed("A pickup order has no address.")));
        }
        Ok(())
    }

    fn whole_cents(price: f64) -> Result<(), ValidationError> {
        if (price * 100.0).fract() == 0.0 {
            Ok(())
        } else {
            Err(ValidationError::new("whole_cents"))
        }
    }

    fn item(title: &str, price: f64) -> Item {
        Item {
            title: title.into(),
            price,
        }
    }

    /// Wrong at every level: the struct, its fields, a nested struct and
    /// two items of a list.
    fn bad_order() -> Order {
        Order {
            name: String::new(),
            quantity: 12,
            address: Address {
                city: "X".into(),
                contact: "nobody".into(),
            },
            items: vec![item("tea", 2.5), item("", 1.0), item("cake", 0.125)],
            pickup: true,
        }
    }

    /// A handler: `?` is all it takes.
    fn create(order: &Order) -> Result<&'static str, OrderError> {
        errbook::validator::validate(order)?;
        Ok("created")
    }

    #[test]
    fn nested_structs_and_lists_become_pointers() {
        let violations = Violations::from(bad_order().validate().unwrap_err());
        assert_eq!(
            lines(&violations),
            [
                "/address/city length: length must be at least 2",
                "/address/contact email: must be a valid email address",
                "/items/1/title length: length must be between 1 and 40",
                "/items/2/price whole_cents: failed the whole_cents check",
                "/name length: Give the order a name.",
                "/quantity range: must be at least 1 and at most 10",
            ]
        );
        let ctx: Vec<Option<&str>> = violations
            .iter()
            .map(|v| v.get("ctx").map(serde_json::value::RawValue::get))
            .collect();
        assert_eq!(
            ctx,
            [
                Some(r#"{"min":2}"#),
                None,
                Some(r#"{"max":40,"min":1}"#),
                None,
                Some(r#"{"min":1}"#),
                Some(r#"{"max":10,"min":1}"#),
            ]
        );
        // The input itself (`value`) is never kept.
        assert!(violations.iter().all(|v| v.get("value").is_none()));
        assert!(!format!("{violations:?}").contains("nobody"));
    }

    #[test]
    fn a_struct_level_error_points_at_the_struct() {
        // validator runs `schema` checks once the fields pass.
        let order = Order {
            name: "Breakfast".into(),
            quantity: 1,
            address: Address {
                city: "Lyon".into(),
                contact: "ada@example.com".into(),
            },
            items: Vec::new(),
            pickup: true,
        };
        let violations = errbook::validator::validate(&order).unwrap_err();
        assert_eq!(
            lines(&violations),
            [" pickup_with_address: A pickup order has no address."]
        );
        assert_eq!(
            text(OrderError::from(violations).to_response_as(Detail)),
            r#"{"detail":[{"type":"pickup_with_address","loc":["body"],"msg":"A pickup order has no address."}]}"#
        );
    }

    #[test]
    fn a_list_validated_on_its_own_is_the_root() {
        let items = vec![item("ok", 1.0), item("", 1.0)];
        let violations = errbook::validator::validate(&items).unwrap_err();
        assert_eq!(
            lines(&violations),
            ["/1/title length: length must be between 1 and 40"]
        );
    }

    #[test]
    fn a_handler_renders_the_violations_in_every_format_and_reads_them_back() {
        let good = Order {
            name: "Breakfast".into(),
            quantity: 2,
            address: Address {
                city: "Lyon".into(),
                contact: "ada@example.com".into(),
            },
            items: vec![item("tea", 2.5)],
            pickup: false,
        };
        assert_eq!(create(&good), Ok("created"));

        let order = Order {
            name: "Breakfast".into(),
            quantity: 0,
            address: Address {
                city: "Lyon".into(),
                contact: "ada@example.com".into(),
            },
            items: vec![item("tea", 2.5), item("", 1.0)],
            pickup: false,
        };
        let err = create(&order).unwrap_err();
        assert_eq!(
            text(err.to_response_as(Problem)),
            r##"{"type":"about:blank","title":"Your order is not valid.","status":422,"detail":"Your order is not valid.","code":"INVALID_ORDER","errors":[{"detail":"length must be between 1 and 40","pointer":"#/items/1/title","code":"length","ctx":{"max":40,"min":1}},{"detail":"must be at least 1 and at most 10","pointer":"#/quantity","code":"range","ctx":{"max":10,"min":1}}]}"##
        );
        assert_eq!(
            text(err.to_response_as(Detail)),
            r#"{"detail":[{"type":"length","loc":["body","items",1,"title"],"msg":"length must be between 1 and 40","ctx":{"max":40,"min":1}},{"type":"range","loc":["body","quantity"],"msg":"must be at least 1 and at most 10","ctx":{"max":10,"min":1}}]}"#
        );
        assert_eq!(
            text(err.to_response_as(Google)),
            r#"{"error":{"code":422,"message":"Your order is not valid.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INVALID_ORDER","metadata":{}},{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"items[1].title","description":"length must be between 1 and 40","reason":"length"},{"field":"quantity","description":"must be at least 1 and at most 10","reason":"range"}]}]}}"#
        );

        // A client reads it back, from every format that carries it all.
        assert_eq!(OrderError::from_response(&err.to_response()).unwrap(), err);
        for response in [err.to_response_as(Problem), err.to_response_as(Detail)] {
            let format = response.headers()["content-type"]
                .to_str()
                .unwrap()
                .to_owned();
            let back: OrderError = if format == "application/problem+json" {
                Parse::from_parts_as(
                    Problem,
                    response.status(),
                    response.headers(),
                    response.body(),
                )
            } else {
                Parse::from_parts_as(
                    Detail,
                    response.status(),
                    response.headers(),
                    response.body(),
                )
            }
            .unwrap();
            assert_eq!(back, err, "{format}");
        }
    }
}

#[cfg(feature = "garde")]
mod garde_crate {
    use garde::Validate;

    use super::*;

    #[derive(Validate)]
    struct Order {
        #[garde(length(min = 1))]
        name: String,
        #[garde(range(min = 1, max = 10))]
        quantity: u32,
        #[garde(dive)]
        address: Address,
        #[garde(dive)]
        items: Vec<Item>,
        #[garde(dive)]
        note: Option<Note>,
    }

    #[derive(Validate)]
    struct Address {
        #[garde(length(min = 2))]
        city: String,
        #[garde(ascii, length(min = 5, max = 5))]
        zip_code: String,
    }

    #[derive(Validate)]
    struct Item {
        #[garde(length(min = 1, max = 40))]
        title: String,
    }

    #[derive(Validate)]
    struct Note {
        #[garde(length(max = 3))]
        text: String,
    }

    fn create(order: &Order) -> Result<&'static str, OrderError> {
        errbook::garde::validate(order)?;
        Ok("created")
    }

    fn bad_order() -> Order {
        Order {
            name: String::new(),
            quantity: 0,
            address: Address {
                city: "X".into(),
                zip_code: "1234".into(),
            },
            items: vec![
                Item {
                    title: "tea".into(),
                },
                Item {
                    title: String::new(),
                },
            ],
            note: Some(Note {
                text: "too long".into(),
            }),
        }
    }

    #[test]
    fn nested_structs_and_lists_become_pointers() {
        let violations = Violations::from(bad_order().validate().unwrap_err());
        assert_eq!(
            lines(&violations),
            [
                "/address/city invalid: length is lower than 2",
                "/address/zip_code invalid: length is lower than 5",
                "/items/1/title invalid: length is lower than 1",
                "/name invalid: length is lower than 1",
                "/note/text invalid: length is greater than 3",
                "/quantity invalid: lower than 1",
            ]
        );
        assert!(violations.iter().all(|v| v.extras().len() == 0));
    }

    #[test]
    fn a_handler_renders_the_violations_and_reads_them_back() {
        let err = create(&bad_order()).unwrap_err();
        let problem = text(err.to_response_as(Problem));
        assert_eq!(
            problem,
            r##"{"type":"about:blank","title":"Your order is not valid.","status":422,"detail":"Your order is not valid.","code":"INVALID_ORDER","errors":[{"detail":"length is lower than 2","pointer":"#/address/city","code":"invalid"},{"detail":"length is lower than 5","pointer":"#/address/zip_code","code":"invalid"},{"detail":"length is lower than 1","pointer":"#/items/1/title","code":"invalid"},{"detail":"length is lower than 1","pointer":"#/name","code":"invalid"},{"detail":"length is greater than 3","pointer":"#/note/text","code":"invalid"},{"detail":"lower than 1","pointer":"#/quantity","code":"invalid"}]}"##
        );
        let detail = err.to_response_as(Detail);
        assert_eq!(
            String::from_utf8(detail.body().clone()).unwrap(),
            r#"{"detail":[{"type":"invalid","loc":["body","address","city"],"msg":"length is lower than 2"},{"type":"invalid","loc":["body","address","zip_code"],"msg":"length is lower than 5"},{"type":"invalid","loc":["body","items",1,"title"],"msg":"length is lower than 1"},{"type":"invalid","loc":["body","name"],"msg":"length is lower than 1"},{"type":"invalid","loc":["body","note","text"],"msg":"length is greater than 3"},{"type":"invalid","loc":["body","quantity"],"msg":"lower than 1"}]}"#
        );
        let back: OrderError =
            Parse::from_parts_as(Detail, detail.status(), detail.headers(), detail.body()).unwrap();
        assert_eq!(back, err);
        assert_eq!(OrderError::from_response(&err.to_response()).unwrap(), err);
        assert_eq!(
            create(&Order {
                note: None,
                ..good()
            }),
            Ok("created")
        );
    }

    fn good() -> Order {
        Order {
            name: "Breakfast".into(),
            quantity: 1,
            address: Address {
                city: "Lyon".into(),
                zip_code: "69001".into(),
            },
            items: Vec::new(),
            note: Some(Note { text: "hi".into() }),
        }
    }
}
