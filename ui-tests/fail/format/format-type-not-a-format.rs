use errbook::ApiError;

mod formats {
    #[derive(Clone, Copy, Debug, Default)]
    pub struct Flat;
}

#[derive(Debug, ApiError)]
#[api(format = formats::Flat)]
enum UserError {
    #[api(status = 404)]
    NotFound,
}

fn main() {}
