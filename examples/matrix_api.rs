//! Matrix client-server error responses, as a homeserver sends them.
//!
//! `cargo run --example matrix_api` prints, for a representative set of
//! codes, the status line, the headers and the `{"errcode", "error", …}`
//! body; the last is a code the enum does not know, decoded from a
//! homeserver's body into the `other` variant and rendered back unchanged.

use errbook::http::{HeaderMap, StatusCode};
use errbook_examples::matrix_api::MatrixError;

fn main() {
    let errors = [
        MatrixError::Forbidden(
            "You do not have a high enough power level to ban from this room.".into(),
        ),
        MatrixError::LimitExceeded {
            error: "Too many requests".into(),
            retry_after_ms: Some(2000),
        },
        MatrixError::UnknownToken {
            error: "Soft logged out".into(),
            soft_logout: Some(true),
        },
        MatrixError::IncompatibleRoomVersion {
            error: "Your homeserver does not support the features required to join this room"
                .into(),
            room_version: "3".into(),
        },
        MatrixError::ResourceLimitExceeded {
            error: "This homeserver has exceeded one of its resource limits".into(),
            admin_contact: "mailto:admin@example.org".into(),
        },
        MatrixError::Unrecognized {
            error: "Unrecognized request".into(),
            status: StatusCode::METHOD_NOT_ALLOWED,
        },
        MatrixError::from_parts(
            StatusCode::FORBIDDEN,
            &HeaderMap::new(),
            br#"{"errcode":"COM.EXAMPLE_QUOTA","error":"Monthly quota reached"}"#,
        )
        .expect("any Matrix body decodes"),
    ];
    for error in &errors {
        errbook_examples::print_error(error);
    }
}
