//! The rendered public message.

use core::fmt;

use serde::{Serialize, Serializer};

use crate::ApiError;

/// An error's public message, rendered on demand: its `Display` writes the
/// template with the fields interpolated, and its `Serialize` streams the
/// same text into the serializer, so no intermediate `String` is built.
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
        serializer.collect_str(self)
    }
}
