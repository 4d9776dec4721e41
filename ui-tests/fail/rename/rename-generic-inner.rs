use errbook::ApiError;

#[derive(Debug, ApiError)]
enum Wrapped<T: std::fmt::Debug> {
    #[api(code = "WRAPPED", status = 500)]
    Wrapped(T),
}

#[derive(Debug, ApiError)]
enum AppError<T: std::fmt::Debug> {
    #[api(transparent, prefix = "app:")]
    Inner(Wrapped<T>),
}

fn main() {}
