use errbook::ApiError;

#[derive(Debug)]
struct SessionError;

#[derive(Debug, ApiError)]
#[api(transparent)]
struct AppError(SessionError);

fn main() {}
