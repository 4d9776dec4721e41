use errbook::ApiError;

#[derive(Debug, ApiError)]
enum LookupError<'a, T> {
    #[api(status = 404, message = "No {kind} named {name}.")]
    NotFound {
        name: &'a str,
        #[api(field)]
        key: T,
    },
}

fn main() {}
