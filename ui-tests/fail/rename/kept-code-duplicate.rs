// `codes(…)` renames one inner code and keeps the other: the kept code
// still counts in the uniqueness check.
use errbook::ApiError;

#[derive(Debug, ApiError)]
enum Inner {
    #[api(code = "inner:one", status = 400)]
    One,
    #[api(code = "shared", status = 400)]
    Two,
}

#[derive(Debug, ApiError)]
enum Outer {
    #[api(code = "shared", status = 409)]
    Mine,
    #[api(transparent, codes(One = "outer:one"))]
    Wrapped(Inner),
}

fn main() {}
