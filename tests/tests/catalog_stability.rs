//! The seed APIs' error catalogs against their checked-in snapshots in
//! `examples/snapshots/`: a test fails when a code of an example is removed
//! or renamed, changes status or changes its message's placeholders.
//!
//! After an intended change, rewrite the snapshots and review their diff:
//!
//! ```text
//! ERRBOOK_SNAPSHOT=overwrite cargo test -p errbook-tests --test catalog_stability
//! ```

use errbook::catalog::snapshot::assert_stable;
use errbook_examples::{art_api, chat_api, community_api, domain_api, matrix_api};

/// The path of a snapshot in `examples/snapshots/`.
macro_rules! snapshot {
    ($file:literal) => {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/snapshots/", $file)
    };
}

#[test]
fn chat_api() {
    assert_stable::<chat_api::ChatError>(snapshot!("chat_api.ChatError.json"));
    assert_stable::<chat_api::FederationCode>(snapshot!("chat_api.FederationCode.json"));
}

#[test]
fn domain_api() {
    assert_stable::<domain_api::AppError>(snapshot!("domain_api.AppError.json"));
}

#[test]
fn community_api() {
    assert_stable::<community_api::CommunityError>(snapshot!("community_api.CommunityError.json"));
}

#[test]
fn art_api() {
    assert_stable::<art_api::ArtApiError>(snapshot!("art_api.ArtApiError.json"));
    assert_stable::<art_api::MqttError>(snapshot!("art_api.MqttError.json"));
}

#[test]
fn matrix_api() {
    assert_stable::<matrix_api::MatrixError>(snapshot!("matrix_api.MatrixError.json"));
}
