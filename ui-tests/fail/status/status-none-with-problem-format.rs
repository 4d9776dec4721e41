use errbook::ApiError;

/// Federation replies travel between peers, never as HTTP responses.
#[derive(Debug, ApiError)]
#[api(format = problem, status = none)]
enum FederationCode {
    /// Request succeeded.
    FedOk,
}

fn main() {}
