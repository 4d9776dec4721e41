//! `#[api(error)]`: a derived type is a `std::error::Error` without
//! thiserror, whose `source()` is its `#[api(source)]` field.

use std::error::Error;
use std::fmt;

use errbook::ApiError;

#[derive(Debug)]
struct DbError;

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("connection refused")
    }
}

impl Error for DbError {}

#[derive(Debug, ApiError)]
#[api(prefix = "bookmark:", rename_all = "snake_case", error)]
enum BookmarkError {
    #[api(status = 404, message = "Bookmark {id} not found.")]
    NotFound { id: u64 },
    #[api(status = 500, message = "Internal error.")]
    Database(#[api(source)] DbError),
}

#[derive(Debug, ApiError)]
#[api(error)]
enum AppError {
    #[api(transparent)]
    Bookmark(BookmarkError),
}

fn boxed(err: impl Error + Send + Sync + 'static) -> Box<dyn Error + Send + Sync> {
    Box::new(err)
}

#[test]
fn a_derived_error_boxes_as_dyn_error_with_its_message() {
    let err = boxed(BookmarkError::NotFound { id: 7 });
    assert_eq!(err.to_string(), "Bookmark 7 not found.");
    assert!(err.source().is_none());
}

#[test]
fn source_is_the_source_field_through_composition() {
    let err = boxed(AppError::Bookmark(BookmarkError::Database(DbError)));
    // The public message, never the cause.
    assert_eq!(err.to_string(), "Internal error.");
    let source = err.source().expect("the database error");
    assert_eq!(source.to_string(), "connection refused");
    assert!(source.downcast_ref::<DbError>().is_some());
}

#[test]
fn question_mark_converts_into_a_boxed_error() {
    fn find(id: u64) -> Result<(), Box<dyn Error + Send + Sync>> {
        Err(BookmarkError::NotFound { id })?
    }
    assert_eq!(find(3).unwrap_err().to_string(), "Bookmark 3 not found.");
}
