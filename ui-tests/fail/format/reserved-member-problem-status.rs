use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(format = problem)]
enum UserError {
    #[api(status = 502)]
    Upstream {
        #[api(field = "status")]
        upstream_status: u16,
    },
}

fn main() {}
