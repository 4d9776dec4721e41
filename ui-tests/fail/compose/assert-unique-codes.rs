use errbook::ApiError;

/// Errors of the upload endpoint.
#[derive(Debug, ApiError)]
enum UploadError {
    #[api(code = 413, status = 413)]
    TooLarge,
}

/// Errors of the search endpoint: never nested, so checked with the macro.
#[derive(Debug, ApiError)]
enum SearchError {
    #[api(code = "413", status = 400)]
    QueryTooLong,
}

errbook::assert_unique_codes!(UploadError, SearchError);

fn main() {}
