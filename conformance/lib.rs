//! Conformance of errbook's wire formats against peer libraries; the tests
//! are in `tests/`.
