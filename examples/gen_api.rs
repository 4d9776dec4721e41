//! Generates a standalone crate with a large composed API, to measure what
//! the compile-time uniqueness check of codes adds to `cargo check`.
//!
//! ```sh
//! cargo run --example gen_api -- <out_dir> <codes> <enums> [--no-check] [--assert] [--allow-long-eval]
//! ```
//!
//! writes `<out_dir>/Cargo.toml` (its own workspace, depending on this
//! repository's `errbook` by path) and `<out_dir>/src/lib.rs`: `<enums>`
//! domain enums sharing `<codes>` variants between them (a prefix each,
//! `rename_all = "snake_case"`, statuses, messages with and without a
//! placeholder, exposed fields), composed into `AppError` by `transparent`
//! variants, so the derive checks all `<codes>` codes for uniqueness.
//!
//! * `--no-check` writes the same API with the check left out: `AppError`'s
//!   last variant wraps a type parameter defaulting to the last domain enum
//!   (`AppError<E = Domain9Error>`), and the derive emits no check for a
//!   generic type. Everything else the derive generates is the same.
//! * `--assert` adds `errbook::assert_unique_codes!` over every domain enum:
//!   a second check of the same codes, to cross-check the first's cost.
//! * `--allow-long-eval` adds `#![allow(long_running_const_eval)]`: rustc's
//!   deny-by-default lint stops a constant whose evaluation interprets two
//!   million MIR terminators, which the check of 2,000 codes exceeds.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs, process};

/// What to generate, from the command line.
struct Options {
    out_dir: PathBuf,
    codes: usize,
    enums: usize,
    check: bool,
    assert: bool,
    allow_long_eval: bool,
}

const USAGE: &str =
    "usage: gen_api <out_dir> <codes> <enums> [--no-check] [--assert] [--allow-long-eval]";

/// Words the variant names are made of, so that codes share prefixes as a
/// real API's do (`resource_not_found…`, `resource_conflict…`).
const STEMS: [&str; 8] = [
    "ResourceNotFound",
    "ResourceConflict",
    "InvalidArgument",
    "PermissionDenied",
    "QuotaExceeded",
    "PreconditionFailed",
    "RateLimited",
    "Unavailable",
];

fn parse(args: &[String]) -> Result<Options, String> {
    let mut positional = Vec::new();
    let (mut check, mut assert, mut allow_long_eval) = (true, false, false);
    for arg in args {
        match arg.as_str() {
            "--no-check" => check = false,
            "--assert" => assert = true,
            "--allow-long-eval" => allow_long_eval = true,
            flag if flag.starts_with("--") => return Err(format!("unknown flag `{flag}`")),
            _ => positional.push(arg),
        }
    }
    let [out_dir, codes, enums] = positional[..] else {
        return Err("expected <out_dir> <codes> <enums>".to_owned());
    };
    let number = |text: &str, what: &str| {
        text.parse::<usize>()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| format!("<{what}> must be a positive integer, not `{text}`"))
    };
    let (codes, enums) = (number(codes, "codes")?, number(enums, "enums")?);
    if enums > codes {
        return Err("<enums> must not exceed <codes>".to_owned());
    }
    Ok(Options {
        out_dir: PathBuf::from(out_dir),
        codes,
        enums,
        check,
        assert,
        allow_long_eval,
    })
}

/// The generated crate's manifest: its own workspace, so that it builds
/// with its own lock file and target directory.
fn manifest(runtime: &Path) -> String {
    format!(
        "[package]\n\
         name = \"gen-api\"\n\
         version = \"0.0.0\"\n\
         edition = \"2024\"\n\
         publish = false\n\
         \n\
         [dependencies]\n\
         errbook = {{ path = {runtime:?} }}\n\
         \n\
         [workspace]\n",
        runtime = runtime.display().to_string(),
    )
}

/// One variant of a domain enum; `index` picks its shape.
fn variant(out: &mut String, index: usize) {
    let name = format!("{}{index:04}", STEMS[index % STEMS.len()]);
    let attrs = match index % 5 {
        0 => (
            "404",
            "\"Resource {id} was not found.\"",
            " { id: u64 }".to_owned(),
        ),
        1 => (
            "409",
            "\"The resource changed; retry the request.\"",
            " {\n        #[api(field)]\n        version: u64,\n    }".to_owned(),
        ),
        2 => (
            "400",
            "\"Argument `{0}` is invalid.\"",
            "(String)".to_owned(),
        ),
        3 => (
            "403",
            "\"You do not have permission.\"",
            " {\n        #[api(field)]\n        missing_permission: String,\n    }".to_owned(),
        ),
        _ => ("503", "", String::new()),
    };
    let (status, message, fields) = attrs;
    let _ = writeln!(out, "    /// Generated variant {index}.");
    if message.is_empty() {
        let _ = writeln!(out, "    #[api(status = {status})]");
    } else {
        let _ = writeln!(out, "    #[api(status = {status}, message = {message})]");
    }
    let _ = writeln!(out, "    {name}{fields},");
}

/// The crate's `src/lib.rs`.
fn library(options: &Options) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "//! {} codes in {} enums, generated by errbook's `gen_api` example{}.\n",
        options.codes,
        options.enums,
        if options.check {
            ""
        } else {
            " without the uniqueness check"
        },
    );
    if options.allow_long_eval {
        out.push_str("#![allow(long_running_const_eval)]\n\n");
    }
    out.push_str("use errbook::ApiError;\n");
    let mut next = 0;
    for e in 0..options.enums {
        // The first `codes % enums` enums get one variant more.
        let size = options.codes / options.enums + usize::from(e < options.codes % options.enums);
        let _ = writeln!(
            out,
            "\n/// Errors of domain {e}.\n\
             #[derive(Debug, ApiError)]\n\
             #[api(prefix = \"domain{e}:\", rename_all = \"snake_case\")]\n\
             pub enum Domain{e}Error {{"
        );
        for index in next..next + size {
            variant(&mut out, index);
        }
        next += size;
        out.push_str("}\n");
    }
    let last = options.enums - 1;
    out.push_str("\n/// Every error of the API.\n#[derive(Debug, ApiError)]\n");
    if options.check {
        out.push_str("pub enum AppError {\n");
    } else {
        let _ = writeln!(out, "pub enum AppError<E = Domain{last}Error> {{");
    }
    for e in 0..options.enums {
        let inner = if e == last && !options.check {
            "E".to_owned()
        } else {
            format!("Domain{e}Error")
        };
        let _ = writeln!(
            out,
            "    /// An error of domain {e}.\n    #[api(transparent)]\n    Domain{e}({inner}),"
        );
    }
    out.push_str("}\n");
    if options.assert {
        let all: Vec<String> = (0..options.enums)
            .map(|e| format!("Domain{e}Error"))
            .collect();
        let _ = writeln!(out, "\nerrbook::assert_unique_codes!({});", all.join(", "));
    }
    out
}

fn write(options: &Options) -> std::io::Result<()> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the examples crate is inside the workspace");
    let runtime = workspace.join("runtime").canonicalize()?;
    fs::create_dir_all(options.out_dir.join("src"))?;
    fs::write(options.out_dir.join("Cargo.toml"), manifest(&runtime))?;
    fs::write(options.out_dir.join("src/lib.rs"), library(options))?;
    // The workspace's lock file pins the same dependency versions (cargo
    // drops the packages the generated crate does not use).
    let lock = workspace.join("Cargo.lock");
    let generated_lock = options.out_dir.join("Cargo.lock");
    if lock.is_file() && !generated_lock.exists() {
        fs::copy(lock, generated_lock)?;
    }
    Ok(())
}

fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    let options = parse(&args).unwrap_or_else(|error| {
        eprintln!("{error}\n{USAGE}");
        process::exit(2);
    });
    if let Err(error) = write(&options) {
        eprintln!("cannot write {}: {error}", options.out_dir.display());
        process::exit(1);
    }
    println!(
        "wrote {}: {} codes in {} enums, check {}{}",
        options.out_dir.display(),
        options.codes,
        options.enums,
        if options.check { "on" } else { "off" },
        if options.assert {
            ", plus assert_unique_codes!"
        } else {
            ""
        },
    );
}
