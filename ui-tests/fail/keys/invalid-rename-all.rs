use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(rename_all = "snake", status = 400)]
enum UserError {
    NotFound,
}

fn main() {}
