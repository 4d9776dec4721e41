//! The rendered public message.

use core::cell::Cell;
use core::fmt;

use serde::{Serialize, Serializer};

use crate::ApiError;

/// An error's public message, rendered on demand: its `Display` writes the
/// template with the fields interpolated, and its `Serialize` streams the
/// same text into the serializer, so no intermediate `String` is built.
///
/// Formatting flags given to the message (`{:>20}`) do not reach the fields:
/// each field is written with its own plain `{}` (or the spec the template
/// gives it).
pub struct Message<'a, E: ?Sized>(&'a E);

impl<'a, E: ApiError + ?Sized> Message<'a, E> {
    pub(crate) fn new(error: &'a E) -> Self {
        Message(error)
    }
}

impl<E: ApiError + ?Sized> fmt::Display for Message<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_message(f)
    }
}

impl<E: ApiError + ?Sized> fmt::Debug for Message<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Message")
            .field(&format_args!("{self}"))
            .finish()
    }
}

impl<E: ApiError + ?Sized> Serialize for Message<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // A field's `Display` that fails would leave a serializer with no
        // error of its own to report (serde_json panics then); the failure is
        // caught here and reported as a serialization error instead.
        let failed = Cell::new(false);
        let result = serializer.collect_str(&Guarded {
            message: self,
            failed: &failed,
        });
        if failed.get() {
            return Err(serde::ser::Error::custom(
                "a field's Display returned an error while rendering the message",
            ));
        }
        result
    }
}

struct Guarded<'m, 'a, E: ?Sized> {
    message: &'m Message<'a, E>,
    failed: &'m Cell<bool>,
}

impl<E: ApiError + ?Sized> fmt::Display for Guarded<'_, '_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut forward = Forward {
            inner: f,
            writer_failed: false,
        };
        match fmt::write(&mut forward, format_args!("{}", self.message)) {
            Ok(()) => Ok(()),
            Err(err) if forward.writer_failed => Err(err),
            Err(_) => {
                self.failed.set(true);
                Ok(())
            }
        }
    }
}

/// Forwards to a formatter, remembering whether the formatter itself failed.
struct Forward<'f, 'g> {
    inner: &'f mut fmt::Formatter<'g>,
    writer_failed: bool,
}

impl fmt::Write for Forward<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.inner
            .write_str(s)
            .inspect_err(|_| self.writer_failed = true)
    }
}
