//! The art-sharing service's errors, as its clients receive them.
//!
//! `cargo run --example art_api` prints, for a representative error of each
//! section, the status line, the headers and the `{"detail": …}` body,
//! FastAPI's 422 for a registration with three problems, then the MQTT
//! payloads, which carry no HTTP status.

use errbook::ApiError;
use errbook_examples::art_api::{
    ArtApiError, AuthError, MAX_PLAYERS_PER_USER, MqttError, OAuthError,
    PLAYER_COMMANDS_PER_MINUTE, PlayerError, PostError, Validation,
};

fn main() {
    let errors: [ArtApiError; 8] = [
        AuthError::InvalidCredentials.into(),
        AuthError::EmailNotVerified.into(),
        AuthError::LoginRateLimited.into(),
        PostError::StorageQuotaExceeded {
            used: 1030,
            limit: 1024,
        }
        .into(),
        PlayerError::LimitReached {
            max: MAX_PLAYERS_PER_USER,
        }
        .into(),
        PlayerError::PlaysetNotFound {
            name: "evening".into(),
        }
        .into(),
        PlayerError::CommandRateLimited {
            limit: PLAYER_COMMANDS_PER_MINUTE,
        }
        .into(),
        // The cause goes to the logs; the client sees the page's text only.
        OAuthError::Unexpected("token endpoint returned HTML".into()).into(),
    ];
    for error in &errors {
        errbook_examples::print_error(error);
    }

    // A body FastAPI's model refuses: one 422 listing every problem.
    if let Err(error) =
        errbook_examples::art_api::register(br#"{"email": "ada", "password": "short"}"#)
    {
        errbook_examples::print_error(&error);
    }

    println!("# MQTT (no HTTP status)");
    let mqtt = [
        MqttError::InvalidRequest,
        Validation::NumericOperator {
            operator: "contains".into(),
            field: "width".into(),
        }
        .into(),
        MqttError::NotFound,
        MqttError::RateLimited,
    ];
    for error in &mqtt {
        match serde_json::to_string(&error.envelope()) {
            Ok(payload) => println!("{payload}"),
            Err(err) => println!("<unrenderable: {err}>"),
        }
    }
}
