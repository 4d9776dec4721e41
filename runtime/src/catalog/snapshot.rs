//! Catalog snapshots (being written).
