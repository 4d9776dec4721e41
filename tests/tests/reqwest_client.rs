//! `Parse::from_reqwest` against a local server (feature `reqwest`).

#![cfg(feature = "reqwest")]

use errbook::client::ClientError;
use errbook::http::{Response, StatusCode};
use errbook::{ApiError, Parse, Unknown};
use errbook_examples::local_server;

#[derive(Debug, PartialEq, ApiError)]
#[api(parse)]
enum ChatError {
    #[api(
        code = "USER_NOT_FOUND",
        status = 404,
        message = "User {id} not found."
    )]
    UserNotFound {
        #[api(field)]
        id: u64,
    },
    #[api(code = "RATE_LIMITED", status = 429, message = "Rate limit exceeded.")]
    RateLimited {
        #[api(field, retry_after = "ms")]
        retry_after_ms: u64,
    },
    #[api(other)]
    Other(Unknown),
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct User {
    name: String,
}

fn response(status: StatusCode, body: &[u8]) -> Response<Vec<u8>> {
    let mut response = Response::new(body.to_vec());
    *response.status_mut() = status;
    response
}

type Outcome = Result<User, ClientError<ChatError>>;

fn run(responses: Vec<Response<Vec<u8>>>) -> Vec<Outcome> {
    let count = responses.len();
    let (addr, server) = local_server::serve(responses).expect("a local port");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let outcomes = runtime.block_on(async {
        let client = reqwest::Client::new();
        let mut outcomes = Vec::new();
        for _ in 0..count {
            let sent = client
                .get(format!("http://{addr}/"))
                .send()
                .await
                .expect("the local server answers");
            outcomes.push(ChatError::from_reqwest::<User>(sent).await);
        }
        outcomes
    });
    server.join().expect("the server thread");
    outcomes
}

#[test]
fn success_bodies_typed_errors_and_undecodable_responses() {
    let outcomes = run(vec![
        response(StatusCode::OK, br#"{"name":"Ada"}"#),
        ChatError::UserNotFound { id: 7 }.to_response(),
        ChatError::RateLimited {
            retry_after_ms: 1500,
        }
        .to_response(),
        response(
            StatusCode::CONFLICT,
            br#"{"error":{"code":"NEW","message":"New."}}"#,
        ),
        response(StatusCode::BAD_GATEWAY, b"<html>502</html>"),
        response(StatusCode::OK, b"{\"nom\":1}"),
    ]);
    let mut outcomes = outcomes.into_iter();
    assert_eq!(
        outcomes.next().unwrap().unwrap(),
        User { name: "Ada".into() }
    );
    assert!(matches!(
        outcomes.next().unwrap(),
        Err(ClientError::Api(ChatError::UserNotFound { id: 7 }))
    ));
    // The Retry-After header (2 s) wins over the body's 1500 ms.
    assert!(matches!(
        outcomes.next().unwrap(),
        Err(ClientError::Api(ChatError::RateLimited {
            retry_after_ms: 2000
        }))
    ));
    match outcomes.next().unwrap() {
        Err(ClientError::Api(err @ ChatError::Other(_))) => {
            assert_eq!(err.code(), "NEW");
            assert_eq!(err.status(), StatusCode::CONFLICT);
        }
        other => panic!("an unknown code: {other:?}"),
    }
    // A proxy's page is not JSON: `other` keeps its text.
    match outcomes.next().unwrap() {
        Err(ClientError::Api(err @ ChatError::Other(_))) => {
            assert_eq!(
                err.unknown().and_then(Unknown::text),
                Some("<html>502</html>")
            );
            assert_eq!(err.status(), StatusCode::BAD_GATEWAY);
        }
        other => panic!("a proxy's page: {other:?}"),
    }
    assert!(matches!(
        outcomes.next().unwrap(),
        Err(ClientError::Body(_))
    ));
}
