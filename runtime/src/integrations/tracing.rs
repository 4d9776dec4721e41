//! The `tracing` feature: a 5xx response logs its cause.

use core::fmt;

use crate::ApiError;

/// Emits one `ERROR` event for a server error about to be rendered, with
/// its code, status, public message, `Debug`, source chain (each cause's
/// `Display`, outermost first, joined by `: `) and the request's id, when
/// the response names one.
pub(crate) fn server_error<E: ApiError + ?Sized>(error: &E, request_id: Option<&str>) {
    let status = error.status();
    if !status.is_server_error() {
        return;
    }
    tracing::error!(
        request_id,
        code = %error.code(),
        status = status.as_u16(),
        message = %error.message(),
        error = ?error,
        sources = %Sources(error),
        "server error response",
    );
}

/// The source chain, rendered on demand.
struct Sources<'a, E: ?Sized>(&'a E);

impl<E: ApiError + ?Sized> fmt::Display for Sources<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut next = self.0.source_error();
        let mut depth = 0;
        while let Some(cause) = next {
            // A cycle in a hand-written chain must not hang logging.
            if depth == 64 {
                break;
            }
            if depth > 0 {
                f.write_str(": ")?;
            }
            write!(f, "{cause}")?;
            next = cause.source();
            depth += 1;
        }
        Ok(())
    }
}
