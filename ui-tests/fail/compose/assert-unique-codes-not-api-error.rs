//! A type that is not an errbook error in `assert_unique_codes!`: the
//! error says so, and how to fix it.

use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(status = 404)]
enum UserError {
    NotFound,
}

#[derive(Debug)]
struct PostError;

errbook::assert_unique_codes!(UserError, PostError);

fn main() {}
