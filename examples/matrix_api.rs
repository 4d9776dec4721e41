//! Matrix client-server error responses, as a homeserver sends them.
//!
//! `cargo run --example matrix_api` prints, for a representative set of
//! codes, the status line, the headers and the `{"errcode", "error", …}`
//! body.

use errbook::http::StatusCode;
use errbook_examples::matrix_api::{MatrixError, UnmappedError};

fn main() {
    let errors = [
        MatrixError::Forbidden(
            "You do not have a high enough power level to ban from this room.".into(),
        ),
        MatrixError::LimitExceeded {
            error: "Too many requests".into(),
            retry_after_ms: 2000,
        },
        MatrixError::UnknownToken {
            error: "Soft logged out".into(),
            soft_logout: true,
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
        MatrixError::Custom(UnmappedError {
            errcode: "COM.EXAMPLE_QUOTA".into(),
            error: "Monthly quota reached".into(),
            status: StatusCode::FORBIDDEN,
        }),
    ];
    for error in &errors {
        errbook_examples::print_error(error);
    }
}
