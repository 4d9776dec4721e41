//! Work a handler spawns renders its errors for the handler's request:
//! carried with `in_current_request`, a task's error bodies carry the
//! request id and follow the server's development setting, not the
//! process-wide one (features `axum`, `actix-web`).
//!
//! Every test here switches the process-wide development mode on, as a
//! careless process might, and serves with production set on the server.

#![cfg(any(feature = "axum", feature = "actix-web"))]

use std::fmt;

use errbook::ApiError;
use errbook::request::InCurrentRequest;

#[derive(Debug)]
struct Secret;
impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("password=hunter2")
    }
}
impl std::error::Error for Secret {}

#[derive(Debug, ApiError)]
enum JobError {
    #[api(code = "EXPORT_FAILED", status = 500, message = "The export failed.")]
    ExportFailed(#[api(source)] Secret),
}

/// The error body a task of request `id` renders on a production server.
fn expected(id: &str) -> String {
    format!(
        r#"{{"error":{{"code":"EXPORT_FAILED","message":"The export failed.","request_id":"{id}"}}}}"#
    )
}

/// What a spawned task does: some work, across an await, then the error
/// rendered for the request.
async fn export_job() -> errbook::http::Response<Vec<u8>> {
    tokio::task::yield_now().await;
    JobError::ExportFailed(Secret).to_response()
}

/// Asks `GET http://{addr}/export` with the request id `id`; the status,
/// the echoed id and the body.
fn ask(addr: std::net::SocketAddr, id: &str) -> (u16, Option<String>, String) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let response = reqwest::Client::new()
            .get(format!("http://{addr}/export"))
            .header("x-request-id", id)
            .send()
            .await
            .expect("the server answers");
        let status = response.status().as_u16();
        let echoed = response
            .headers()
            .get("x-request-id")
            .map(|value| value.to_str().expect("text").to_owned());
        let body = response.text().await.expect("a body");
        (status, echoed, body)
    })
}

#[cfg(feature = "axum")]
#[test]
fn a_task_an_axum_handler_spawns_renders_for_its_request() {
    use axum::Router;
    use axum::routing::get;
    use errbook::axum::RequestIds;

    async fn export() -> axum::response::Response {
        let rendered = tokio::spawn(export_job().in_current_request())
            .await
            .expect("the task");
        rendered.map(axum::body::Body::from)
    }

    errbook::set_development_mode(true);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let addr = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a port");
        let addr = listener.local_addr().expect("its address");
        let router = Router::new()
            .route("/export", get(export))
            .layer(RequestIds::new().development(false));
        tokio::spawn(async move { axum::serve(listener, router).await });
        addr
    });

    for id in ["req-axum-1", "req-axum-2"] {
        let (status, echoed, body) = ask(addr, id);
        assert_eq!(status, 500);
        assert_eq!(echoed.as_deref(), Some(id));
        assert_eq!(body, expected(id), "no `details`, no secret");
    }
}

#[cfg(feature = "actix-web")]
#[test]
fn a_task_an_actix_handler_spawns_renders_for_its_request() {
    use actix_web::http::StatusCode;
    use actix_web::{App, HttpResponse, HttpServer, web};

    async fn export() -> HttpResponse {
        let rendered = actix_web::rt::spawn(export_job().in_current_request())
            .await
            .expect("the task");
        let status = StatusCode::from_u16(rendered.status().as_u16()).expect("a status");
        HttpResponse::build(status)
            .content_type("application/json")
            .body(rendered.into_body())
    }

    errbook::set_development_mode(true);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let addr = listener.local_addr().expect("its address");
    let (sender, receiver) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(|| {
                App::new()
                    .service(web::resource("/export").route(web::get().to(export)))
                    .wrap(errbook::actix::RequestIds::new().development(false))
            })
            .workers(1)
            .disable_signals()
            .listen(listener)?
            .run();
            sender.send(server.handle()).expect("the test waits");
            server.await
        })
    });
    let handle = receiver.recv().expect("the server starts");

    for id in ["req-actix-1", "req-actix-2"] {
        let (status, echoed, body) = ask(addr, id);
        assert_eq!(status, 500);
        assert_eq!(echoed.as_deref(), Some(id));
        assert_eq!(body, expected(id), "no `details`, no secret");
    }

    drop(handle.stop(true));
    thread
        .join()
        .expect("the server thread")
        .expect("the server");
}
