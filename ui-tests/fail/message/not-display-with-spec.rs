//! A field without `Display` in a placeholder with a format spec: the same
//! one error, under the field.

use errbook::ApiError;

#[derive(Debug, ApiError)]
enum CartError {
    #[api(status = 400, message = "Unknown items: {items:>20}.")]
    UnknownItems { items: Vec<String> },
}

fn main() {}
