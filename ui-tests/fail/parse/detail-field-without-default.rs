use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(format = detail, parse)]
enum PostError {
    #[api(status = 404, message = "Post not found")]
    PostNotFound {
        #[api(field)]
        post_id: u64,
    },
}

fn main() {}
