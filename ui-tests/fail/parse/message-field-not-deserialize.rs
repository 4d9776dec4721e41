use errbook::ApiError;

#[derive(Debug)]
struct Reason(String);

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, ApiError)]
#[api(parse)]
enum UserError {
    #[api(status = 409, message = "{reason}")]
    Conflict { reason: Reason },
}

fn main() {}
