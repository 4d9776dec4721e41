//! `skip_from`: two `transparent` variants around one type, `?` converting
//! into the one without it; a `From` of one's own beside it.

use errbook::ApiError;

#[derive(Debug, ApiError)]
#[api(status = 503)]
enum DbError {
    Unavailable,
}

#[derive(Debug, ApiError)]
#[api(status = 401)]
enum SessionError {
    Expired,
}

#[derive(Debug, ApiError)]
enum AppError {
    #[api(transparent)]
    Primary(DbError),
    #[api(transparent, skip_from)]
    Replica(DbError),
    #[api(transparent, skip_from)]
    Session(SessionError),
}

/// Written by hand, in place of the one `skip_from` leaves out.
impl From<SessionError> for AppError {
    fn from(error: SessionError) -> Self {
        AppError::Session(error)
    }
}

fn primary() -> Result<(), AppError> {
    Err(DbError::Unavailable)?
}

fn session() -> Result<(), AppError> {
    Err(SessionError::Expired)?
}

fn main() {
    assert!(matches!(primary(), Err(AppError::Primary(DbError::Unavailable))));
    assert!(matches!(session(), Err(AppError::Session(SessionError::Expired))));
    let replica = AppError::Replica(DbError::Unavailable);
    assert_eq!(replica.code(), "UNAVAILABLE");
}
