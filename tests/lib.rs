//! Integration tests of errbook's public API live in `tests/`.
