//! `errbook::Received`: a decoded error keeps the response's request id and
//! the server's message text beside the variant, in every format.

use errbook::decode::DecodeErrorKind;
use errbook::format::{Detail, Google, Matrix, Nested, Problem};
use errbook::http::{HeaderMap, StatusCode};
use errbook::request::RequestContext;
use errbook::{ApiError, Format, Received, Unknown};

#[derive(Debug, PartialEq, ApiError)]
#[api(parse)]
enum ShopError {
    #[api(
        code = "ITEM_NOT_FOUND",
        status = 404,
        message = "Item {id} not found."
    )]
    ItemNotFound {
        #[api(field)]
        id: u64,
    },
    #[api(code = "SOLD_OUT", status = 409, message = "Sold out.")]
    SoldOut,
    #[api(other)]
    Other(Unknown),
}

/// `error` rendered in `format` for the request `id`, read back.
fn round_trip<F: Format + Copy>(format: F, error: &ShopError, id: &str) -> Received<ShopError> {
    let response = RequestContext::new()
        .with_id(id)
        .run(|| error.to_response_as(format));
    Received::<ShopError>::from_parts_as(
        format,
        response.status(),
        &HeaderMap::new(),
        response.body(),
    )
    .unwrap_or_else(|err| panic!("{}: {err}", F::NAME))
}

#[test]
fn every_format_gives_back_the_request_id_in_its_body() {
    let error = ShopError::ItemNotFound { id: 7 };
    let received = [
        round_trip(Nested, &error, "req-nested"),
        round_trip(Problem, &error, "req-problem"),
        round_trip(Matrix, &error, "req-matrix"),
        round_trip(Google, &error, "req-google"),
    ];
    let ids: Vec<_> = received.iter().map(Received::request_id).collect();
    assert_eq!(
        ids,
        [
            Some("req-nested"),
            Some("req-problem"),
            Some("req-matrix"),
            Some("req-google")
        ]
    );
    for received in received {
        assert_eq!(received.message(), Some("Item 7 not found."));
        assert_eq!(received.status(), StatusCode::NOT_FOUND);
        assert_eq!(received.into_error(), ShopError::ItemNotFound { id: 7 });
    }
    // FastAPI's `detail` keeps no fields, so a variant with a fixed message.
    let detail = round_trip(Detail, &ShopError::SoldOut, "req-detail");
    assert_eq!(detail.request_id(), Some("req-detail"));
    assert_eq!(detail.error(), &ShopError::SoldOut);
    assert_eq!(detail.message(), Some("Sold out."));
}

#[test]
fn the_header_names_the_request_when_the_body_does_not() {
    let body = br#"{"error":{"code":"SOLD_OUT","message":"Sold out."}}"#;
    let mut headers = HeaderMap::new();
    let none = Received::<ShopError>::from_parts(StatusCode::CONFLICT, &headers, body).unwrap();
    assert_eq!(none.request_id(), None);

    headers.insert("x-request-id", "req-header".parse().unwrap());
    let received = Received::<ShopError>::from_parts(StatusCode::CONFLICT, &headers, body).unwrap();
    assert_eq!(received.request_id(), Some("req-header"));

    // The header is the one the server echoed; it wins over the body's.
    let response = RequestContext::new()
        .with_id("req-body")
        .run(|| ShopError::SoldOut.to_response());
    let received =
        Received::<ShopError>::from_parts(StatusCode::CONFLICT, &headers, response.body()).unwrap();
    assert_eq!(received.request_id(), Some("req-header"));
}

#[test]
fn a_known_variant_keeps_the_servers_own_message() {
    let body = br#"{"errcode":"ITEM_NOT_FOUND","error":"Article 7 introuvable.","id":7}"#;
    let received = Received::<ShopError>::from_parts_as(
        Matrix,
        StatusCode::NOT_FOUND,
        &HeaderMap::new(),
        body,
    )
    .unwrap();
    assert_eq!(received.error(), &ShopError::ItemNotFound { id: 7 });
    assert_eq!(received.message(), Some("Article 7 introuvable."));
    // The variant renders its own template; the server's text is beside it.
    assert_eq!(received.error().message().to_string(), "Item 7 not found.");
    assert_eq!(
        received.to_string(),
        "404 ITEM_NOT_FOUND: Article 7 introuvable."
    );

    // Without a message, there is none to keep, and `Display` says the
    // variant's own.
    let body = br#"{"error":{"code":"SOLD_OUT"}}"#;
    let received =
        Received::<ShopError>::from_parts(StatusCode::CONFLICT, &HeaderMap::new(), body).unwrap();
    assert_eq!(received.message(), None);
    assert_eq!(received.to_string(), "409 SOLD_OUT: Sold out.");
}

#[test]
fn google_request_info_is_found_among_other_details() {
    let body = br#"{"error":{"code":404,"message":"Item 7 not found.","status":"NOT_FOUND","details":[
        {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"ITEM_NOT_FOUND","domain":"shop","metadata":{"id":"7"}},
        {"@type":"type.googleapis.com/google.rpc.Help","links":[]},
        {"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"req-g","servingData":""}]}}"#;
    let received = Received::<ShopError>::from_parts_as(
        Google,
        StatusCode::NOT_FOUND,
        &HeaderMap::new(),
        body,
    )
    .unwrap();
    assert_eq!(received.error(), &ShopError::ItemNotFound { id: 7 });
    assert_eq!(received.request_id(), Some("req-g"));
}

#[test]
fn a_body_that_does_not_decode_is_the_same_decode_error() {
    // A known code whose member does not fit its variant: a decode error
    // even with an `other` variant.
    let body = br#"{"error":{"code":"ITEM_NOT_FOUND","message":"Item 7 not found.","id":"seven"}}"#;
    let err = Received::<ShopError>::from_parts(StatusCode::NOT_FOUND, &HeaderMap::new(), body)
        .unwrap_err();
    let direct = ShopError::from_parts(StatusCode::NOT_FOUND, &HeaderMap::new(), body).unwrap_err();
    assert_eq!(err, direct);
    assert!(matches!(err.kind(), DecodeErrorKind::Member { .. }));
}

#[test]
fn from_response_reads_an_http_response() {
    let response = RequestContext::new()
        .with_id("req-1")
        .run(|| ShopError::SoldOut.to_response());
    let received = Received::<ShopError>::from_response(&response).unwrap();
    assert_eq!(received.request_id(), Some("req-1"));
    assert_eq!(received.error(), &ShopError::SoldOut);
}
