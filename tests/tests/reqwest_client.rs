//! `Parse::from_reqwest` against a local server (feature `reqwest`).

#![cfg(feature = "reqwest")]

use errbook::client::ClientError;
use errbook::client::Reader;
use errbook::format::{Matrix, Problem};
use errbook::http::{Response, StatusCode};
use errbook::request::RequestContext;
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
    // The body's exact 1500 ms, not the Retry-After header's whole 2 s.
    assert!(matches!(
        outcomes.next().unwrap(),
        Err(ClientError::Api(ChatError::RateLimited {
            retry_after_ms: 1500
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

/// Runs `read` on each of `responses`, served in order.
fn each<R>(
    responses: Vec<Response<Vec<u8>>>,
    mut read: impl AsyncFnMut(reqwest::Response) -> R,
) -> Vec<R> {
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
            outcomes.push(read(sent).await);
        }
        outcomes
    });
    server.join().expect("the server thread");
    outcomes
}

#[test]
fn an_empty_success_body_is_unit_or_none() {
    let empty = |status| response(status, b"");
    let units = each(
        vec![
            empty(StatusCode::NO_CONTENT),
            empty(StatusCode::RESET_CONTENT),
            empty(StatusCode::OK),
            response(StatusCode::OK, b"null"),
        ],
        async |sent| ChatError::from_reqwest::<()>(sent).await,
    );
    for unit in units {
        assert!(matches!(unit, Ok(())), "{unit:?}");
    }

    let options = each(
        vec![
            empty(StatusCode::NO_CONTENT),
            response(StatusCode::OK, br#"{"name":"Ada"}"#),
        ],
        async |sent| ChatError::from_reqwest::<Option<User>>(sent).await,
    );
    let mut options = options.into_iter();
    assert!(matches!(options.next(), Some(Ok(None))));
    assert!(matches!(options.next(), Some(Ok(Some(User { .. })))));

    // A type that needs a body still says so, as the parser words it.
    let users = each(vec![empty(StatusCode::NO_CONTENT)], async |sent| {
        ChatError::from_reqwest::<User>(sent).await
    });
    match &users[0] {
        Err(ClientError::Body(err)) => assert!(err.to_string().starts_with("EOF"), "{err}"),
        other => panic!("an empty body is no user: {other:?}"),
    }
}

#[test]
fn from_reqwest_as_reads_the_error_in_another_format() {
    let matrix = ChatError::UserNotFound { id: 7 }.to_response_as(Matrix);
    let problem = ChatError::UserNotFound { id: 8 }.to_response_as(Problem);
    let outcomes = each(
        vec![
            matrix.clone(),
            problem,
            response(StatusCode::OK, br#"{"name":"Ada"}"#),
        ],
        async |sent| {
            let problem = sent
                .headers()
                .get("content-type")
                .is_some_and(|value| value == "application/problem+json");
            if problem {
                ChatError::from_reqwest_as::<User>(Problem, sent).await
            } else {
                ChatError::from_reqwest_as::<User>(Matrix, sent).await
            }
        },
    );
    let mut outcomes = outcomes.into_iter();
    assert!(matches!(
        outcomes.next(),
        Some(Err(ClientError::Api(ChatError::UserNotFound { id: 7 })))
    ));
    assert!(matches!(
        outcomes.next(),
        Some(Err(ClientError::Api(ChatError::UserNotFound { id: 8 })))
    ));
    assert!(matches!(outcomes.next(), Some(Ok(User { .. }))));

    // In the type's own format, the Matrix body is not an error it knows:
    // it reaches `other` whole.
    let nested = each(vec![matrix], async |sent| {
        ChatError::from_reqwest::<User>(sent).await
    });
    match &nested[0] {
        Err(ClientError::Api(ChatError::Other(unknown))) => {
            assert_eq!(unknown.code(), "");
            assert!(
                unknown
                    .json()
                    .is_some_and(|json| json.contains("USER_NOT_FOUND"))
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn received_keeps_the_request_id_and_the_servers_words() {
    // A server that words the message its own way and echoes the id.
    let mut localized = response(
        StatusCode::NOT_FOUND,
        br#"{"error":{"code":"USER_NOT_FOUND","message":"Utilisateur 7 introuvable.","id":7}}"#,
    );
    localized
        .headers_mut()
        .insert("x-request-id", "req-7f3a".parse().unwrap());
    // One that names the id in the body only, as errbook's servers do.
    let in_body = RequestContext::new()
        .with_id("req-body")
        .run(|| ChatError::UserNotFound { id: 8 }.to_response());
    let unknown = response(
        StatusCode::CONFLICT,
        br#"{"error":{"code":"NEW","message":"New.","request_id":"req-new"}}"#,
    );
    let outcomes = each(
        vec![
            localized,
            in_body,
            unknown,
            response(StatusCode::OK, br#"{"name":"Ada"}"#),
        ],
        async |sent| Reader::new().received::<ChatError, User>(sent).await,
    );
    let mut outcomes = outcomes.into_iter();

    let Some(Err(ClientError::Api(received))) = outcomes.next() else {
        panic!("a known error");
    };
    assert_eq!(received.error(), &ChatError::UserNotFound { id: 7 });
    assert_eq!(received.request_id(), Some("req-7f3a"));
    assert_eq!(received.message(), Some("Utilisateur 7 introuvable."));
    assert_eq!(received.status(), StatusCode::NOT_FOUND);
    let shown = ClientError::Api(received).to_string();
    assert_eq!(
        shown,
        "the API answered 404 USER_NOT_FOUND: Utilisateur 7 introuvable. (request req-7f3a)"
    );

    let Some(Err(ClientError::Api(received))) = outcomes.next() else {
        panic!("a known error");
    };
    assert_eq!(received.request_id(), Some("req-body"));
    assert_eq!(received.message(), Some("User 8 not found."));
    assert_eq!(received.into_error(), ChatError::UserNotFound { id: 8 });

    let Some(Err(ClientError::Api(received))) = outcomes.next() else {
        panic!("an unknown error");
    };
    assert_eq!(received.request_id(), Some("req-new"));
    assert_eq!(received.message(), Some("New."));
    assert_eq!(received.error().code(), "NEW");

    assert!(matches!(outcomes.next(), Some(Ok(User { .. }))));
}

#[test]
fn received_as_reads_another_format() {
    let problem = RequestContext::new()
        .with_id("req-problem")
        .run(|| ChatError::UserNotFound { id: 9 }.to_response_as(Problem));
    let outcomes = each(vec![problem], async |sent| {
        Reader::new()
            .limit(4096)
            .received_as::<ChatError, User>(Problem, sent)
            .await
    });
    let Some(Err(ClientError::Api(received))) = outcomes.into_iter().next() else {
        panic!("a known error");
    };
    assert_eq!(received.error(), &ChatError::UserNotFound { id: 9 });
    // problem+json carries the id as `instance`.
    assert_eq!(received.request_id(), Some("req-problem"));
    assert_eq!(received.message(), Some("User 9 not found."));
}
