use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(parse)]
enum UserError<'a> {
    #[api(status = 404, message = "User {name} not found.")]
    NotFound {
        #[api(field)]
        name: &'a str,
    },
}

fn main() {}
