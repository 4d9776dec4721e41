//! placeholder (in progress)
fn main() {}
