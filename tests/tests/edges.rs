//! An error never goes out as a success, even one decoded from a success
//! response; every `Retry-After` delay rounds up to a whole second.

use errbook::http::{HeaderMap, StatusCode};
use errbook::{ApiError, Received, Unknown};

#[derive(Debug, ApiError)]
#[api(parse)]
enum ShopError {
    #[api(code = "SOLD_OUT", status = 409, message = "Sold out.")]
    SoldOut,
    #[api(other)]
    Other(Unknown),
}

#[test]
fn an_unknown_from_a_non_error_status_renders_as_500() {
    let body = br#"{"error":{"code":"ODD","message":"Odd."}}"#;
    for status in [
        StatusCode::SWITCHING_PROTOCOLS,
        StatusCode::OK,
        StatusCode::NO_CONTENT,
        StatusCode::FOUND,
        StatusCode::NOT_MODIFIED,
    ] {
        let err = ShopError::from_parts(status, &HeaderMap::new(), body).unwrap();
        assert_eq!(err.status(), StatusCode::INTERNAL_SERVER_ERROR, "{status}");
        let response = err.to_response();
        assert_eq!(
            response.status(),
            StatusCode::INTERNAL_SERVER_ERROR,
            "{status}"
        );
        assert!(!response.body().is_empty());
        // The status the server sent stays known.
        let received = Received::<ShopError>::from_parts(status, &HeaderMap::new(), body).unwrap();
        assert_eq!(received.status(), status);
    }
    // An error status is kept as it is.
    for status in [StatusCode::CONFLICT, StatusCode::BAD_GATEWAY] {
        let err = ShopError::from_parts(status, &HeaderMap::new(), body).unwrap();
        assert_eq!(err.to_response().status(), status);
    }
}

#[derive(Debug, ApiError)]
enum SlowDown {
    #[api(code = "SECONDS", status = 429)]
    Seconds {
        #[api(field, retry_after = "s")]
        retry_after: f64,
    },
    #[api(code = "MILLIS", status = 429)]
    Millis {
        #[api(field, retry_after = "ms")]
        retry_after_ms: f32,
    },
}

fn header(err: &SlowDown) -> Option<String> {
    err.to_response()
        .headers()
        .get("retry-after")
        .map(|value| value.to_str().unwrap().to_owned())
}

#[test]
fn the_smallest_delays_round_up_to_one_second() {
    let one = Some("1".to_owned());
    assert_eq!(
        header(&SlowDown::Seconds {
            retry_after: 1e-300
        }),
        one
    );
    assert_eq!(
        header(&SlowDown::Seconds {
            retry_after: f64::MIN_POSITIVE
        }),
        one
    );
    assert_eq!(
        header(&SlowDown::Millis {
            retry_after_ms: 1e-30
        }),
        one
    );
    assert_eq!(
        header(&SlowDown::Millis {
            retry_after_ms: 1.0
        }),
        one
    );
    // Past a whole second by less than a nanosecond is the next second.
    assert_eq!(
        header(&SlowDown::Seconds {
            retry_after: 2.000_000_000_01
        }),
        Some("3".to_owned())
    );
    // No delay asks for none; a whole one is itself.
    assert_eq!(
        header(&SlowDown::Seconds { retry_after: 0.0 }),
        Some("0".to_owned())
    );
    assert_eq!(
        header(&SlowDown::Seconds { retry_after: 2.0 }),
        Some("2".to_owned())
    );
    assert_eq!(header(&SlowDown::Seconds { retry_after: -1.0 }), None);
}
