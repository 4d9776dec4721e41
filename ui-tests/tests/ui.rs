//! Runs the trybuild cases: every `fail/<category>/<mistake>.rs` must fail
//! with exactly its `.stderr`, every `pass/*.rs` must compile and run.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("fail/**/*.rs");
    t.pass("pass/*.rs");
}
