//! trybuild cases of errbook's derive: `fail/**/*.rs` with their `.stderr`,
//! `pass/*.rs`.
