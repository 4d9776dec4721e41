//! errbook's actix-web configs with an error type that cannot carry a
//! `Rejection`: errbook's words, naming the fix.

use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(display)]
enum AppError {
    #[api(code = "NOT_FOUND", status = 404, message = "Not found.")]
    NotFound,
}

fn main() {
    let _app = actix_web::App::new().configure(errbook::actix::configure::<AppError>);
}
