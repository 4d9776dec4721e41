//! One mistake in a type used as an actix-web `ResponseError`: one error, on
//! the mistake.

use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(display)]
enum AppError {
    #[api(code = "NOT_FOUND", status = 4040, message = "Not found.")]
    NotFound,
}

async fn handler() -> Result<String, AppError> {
    Err(AppError::NotFound)
}

fn response_error<E: actix_web::ResponseError>(_: &E) {}

fn main() {
    response_error(&AppError::NotFound);
    let _app = actix_web::App::new().route("/", actix_web::web::get().to(handler));
}
