//! A field without `Display` in a message: errbook's words, not rustc's
//! suggestion of `{:?}`, which errbook refuses.

use errbook::ApiError;

#[derive(Debug, ApiError)]
enum CartError {
    #[api(status = 400, message = "Unknown items: {items}.")]
    UnknownItems { items: Vec<String> },
}

fn main() {}
