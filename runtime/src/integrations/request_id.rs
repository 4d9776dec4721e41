//! The request-id policy of every framework's middleware, apart from the
//! framework's header types (axum uses `http` 1, actix-web 4 `http` 0.2).

use crate::request::RequestContext;

/// The header a request id is read from and echoed in unless the
/// middleware is told another.
pub(crate) const DEFAULT_HEADER: &str = "x-request-id";

/// The header value sent should an id not be one; unreachable, since a
/// kept id is visible ASCII and a made one hex digits and a dash.
pub(crate) const UNREPRESENTABLE: &str = "unknown";

/// A request's id as the middleware settles it: the incoming one when
/// [usable](crate::request::is_usable_id), else a
/// [new](crate::request::new_id) one, and the context to run the request in.
pub(crate) struct IncomingId {
    context: RequestContext,
    replaced: bool,
}

impl IncomingId {
    /// Settles the id of a request whose id header holds `incoming` (`None`
    /// when it is absent or not text), with the middleware's `development`
    /// choice.
    pub(crate) fn settle(incoming: Option<&str>, development: Option<bool>) -> Self {
        let context = RequestContext::for_incoming(incoming, development);
        let replaced = incoming != context.id();
        IncomingId { context, replaced }
    }

    /// The id answered with.
    pub(crate) fn id(&self) -> &str {
        self.context.id().unwrap_or_default()
    }

    /// Whether the id was made here, so the middleware sets it on the
    /// request for handlers and inner middleware to see.
    pub(crate) fn replaced(&self) -> bool {
        self.replaced
    }

    /// The context to run the request in.
    pub(crate) fn into_context(self) -> RequestContext {
        self.context
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usable_ids_are_kept_and_others_replaced() {
        let kept = IncomingId::settle(Some("req-7f3a"), None);
        assert_eq!(kept.id(), "req-7f3a");
        assert!(!kept.replaced());

        for incoming in [None, Some(""), Some("two words")] {
            let made = IncomingId::settle(incoming, Some(true));
            assert!(made.replaced());
            assert!(crate::request::is_usable_id(made.id()));
            assert!(made.into_context().is_development());
        }
    }
}
