//! The `From` impls of `transparent` variants: `?` wraps an inner error at
//! every level, in generic types too, beside thiserror's `#[from]`, and
//! `skip_from` leaves one out.

use std::fmt::{self, Debug, Display};

use errbook::ApiError;

#[derive(Debug)]
struct PoolError;

impl Display for PoolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("pool exhausted")
    }
}

impl std::error::Error for PoolError {}

/// The innermost level.
#[derive(Debug, ApiError)]
#[api(prefix = "db:", rename_all = "snake_case", error)]
enum DbError {
    /// No row matched.
    #[api(status = 404, message = "Row {0} not found.")]
    NoRow(u64),
    /// The pool failed.
    #[api(status = 503)]
    Pool(#[api(source)] PoolError),
}

/// The middle level: a tuple variant around the inner error.
#[derive(Debug, ApiError)]
#[api(prefix = "user:", rename_all = "snake_case", error)]
enum UserError {
    /// The account is banned.
    #[api(status = 403, message = "User {id} is banned.")]
    Banned { id: u64 },
    #[api(transparent)]
    Db(DbError),
}

/// The outer level: a named field around the middle one.
#[derive(Debug, ApiError)]
enum AppError {
    #[api(transparent)]
    User { inner: UserError },
}

fn row(id: u64) -> Result<&'static str, DbError> {
    match id {
        1 => Ok("ada"),
        13 => Ok("mallory"),
        99 => Err(DbError::Pool(PoolError)),
        _ => Err(DbError::NoRow(id)),
    }
}

fn user(id: u64) -> Result<&'static str, UserError> {
    let name = row(id)?;
    if name == "mallory" {
        return Err(UserError::Banned { id });
    }
    Ok(name)
}

fn handler(id: u64) -> Result<String, AppError> {
    let name = user(id)?;
    Ok(format!("hello {name}"))
}

#[test]
fn question_marks_wrap_the_inner_error_at_each_level() {
    assert_eq!(handler(1).unwrap(), "hello ada");

    let missing = handler(7).unwrap_err();
    assert!(matches!(
        missing,
        AppError::User {
            inner: UserError::Db(DbError::NoRow(7))
        }
    ));
    assert_eq!(missing.code(), "db:no_row");
    assert_eq!(missing.status(), 404);
    assert_eq!(missing.message().to_string(), "Row 7 not found.");

    let banned = handler(13).unwrap_err();
    assert_eq!(banned.code(), "user:banned");
    assert_eq!(banned.status(), 403);

    let pool = handler(99).unwrap_err();
    assert_eq!(pool.code(), "db:pool");
    assert_eq!(
        pool.source_error().map(ToString::to_string).as_deref(),
        Some("pool exhausted")
    );
}

#[test]
fn from_is_the_variant_around_the_value() {
    let err = UserError::from(DbError::NoRow(3));
    assert!(matches!(err, UserError::Db(DbError::NoRow(3))));
    let err: AppError = UserError::Banned { id: 4 }.into();
    assert!(matches!(
        err,
        AppError::User {
            inner: UserError::Banned { id: 4 }
        }
    ));
}

/// A newtype struct is its field's error, and converts from it too.
#[derive(Debug, ApiError)]
#[api(transparent)]
struct Wrapped(DbError);

#[test]
fn a_transparent_struct_converts_from_its_field() {
    fn wrapped() -> Result<(), Wrapped> {
        row(5)?;
        Ok(())
    }
    let err = wrapped().unwrap_err();
    assert!(matches!(err, Wrapped(DbError::NoRow(5))));
    assert_eq!(err.code(), "db:no_row");
}

/// A generic inner type: `From<StoreError<K>>` for `ServiceError<K, E>`,
/// under the enum's bounds and where clause. `Other(E)` gets no `From`:
/// `impl<K, E> From<E> for ServiceError<K, E>` would overlap core's
/// `impl<T> From<T> for T`, and this test would not compile.
#[derive(Debug, ApiError)]
#[api(prefix = "store:", rename_all = "snake_case")]
enum StoreError<K: Debug + Display + 'static> {
    /// No value has this key.
    #[api(status = 404, message = "Key {key} not found.")]
    Missing { key: K },
}

#[derive(Debug, ApiError)]
enum ServiceError<K, E>
where
    K: Debug + Display + 'static,
    E: ApiError,
{
    #[api(transparent)]
    Store(StoreError<K>),
    #[api(transparent)]
    Other(E),
}

#[derive(Debug, ApiError)]
#[api(status = 401)]
enum AuthError {
    /// The token is missing.
    NoToken,
}

fn lookup<K: Debug + Display + 'static>(key: K) -> Result<u32, StoreError<K>> {
    Err(StoreError::Missing { key })
}

fn service<K: Debug + Display + 'static>(key: K) -> Result<u32, ServiceError<K, AuthError>> {
    let value = lookup(key)?;
    Ok(value)
}

#[test]
fn generic_types_convert_from_their_generic_inner_types() {
    let err = service("motd").unwrap_err();
    assert!(matches!(
        err,
        ServiceError::Store(StoreError::Missing { key: "motd" })
    ));
    assert_eq!(err.code(), "store:missing");
    assert_eq!(err.message().to_string(), "Key motd not found.");
    let err = service(42_u16).unwrap_err();
    assert_eq!(err.message().to_string(), "Key 42 not found.");

    // The type-parameter variant is built by hand.
    let other: ServiceError<&str, AuthError> = ServiceError::Other(AuthError::NoToken);
    assert_eq!(other.code(), "NO_TOKEN");
}

/// thiserror's `#[from]` writes its own `From`, which errbook leaves to it;
/// a field with `#[source]` alone gets errbook's.
#[derive(Debug, thiserror::Error, ApiError)]
enum Mixed {
    #[error(transparent)]
    #[api(transparent)]
    Db(#[from] DbError),
    #[error("a user error")]
    #[api(transparent)]
    User(#[source] UserError),
}

fn mixed(id: u64) -> Result<&'static str, Mixed> {
    if id == 0 {
        return Ok(user(1)?);
    }
    Ok(row(id)?)
}

#[test]
fn thiserror_from_and_errbook_from_live_side_by_side() {
    let db = mixed(8).unwrap_err();
    assert!(matches!(db, Mixed::Db(DbError::NoRow(8))));
    assert_eq!(db.code(), "db:no_row");
    assert_eq!(db.to_string(), "Row 8 not found.");
    assert_eq!(mixed(0).unwrap(), "ada");
    let user = Mixed::from(UserError::Banned { id: 2 });
    assert_eq!(user.code(), "user:banned");
    assert!(std::error::Error::source(&user).is_some());
}

/// Two variants around one type: `skip_from` on one, so `?` has one
/// choice.
#[derive(Debug, ApiError)]
enum Replicas {
    #[api(transparent)]
    Primary(DbError),
    #[api(transparent, skip_from)]
    Replica(DbError),
}

#[test]
fn skip_from_leaves_the_other_variant_to_question_marks() {
    fn read(id: u64) -> Result<&'static str, Replicas> {
        Ok(row(id)?)
    }
    assert!(matches!(
        read(6).unwrap_err(),
        Replicas::Primary(DbError::NoRow(6))
    ));
    let replica = Replicas::Replica(DbError::NoRow(6));
    assert_eq!(replica.code(), "db:no_row");
}
