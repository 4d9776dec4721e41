//! Catalog renderers (being written).
