//! The error-code page of the `domain:operation` API, built from its enums.
//!
//! `cargo run --example catalog` prints the page grouped by domain, one
//! table per error type with a status column, as the API documents it;
//! `-- --by-status` prints it grouped by HTTP status instead, and
//! `-- --json` prints every code as JSON.

use std::io::{self, Write};
use std::process::ExitCode;

use errbook::ApiError;
use errbook::catalog::render::{Json, Markdown};
use errbook_examples::domain_api::AppError;

const USAGE: &str = "usage: cargo run --example catalog [-- --by-status | --json]";

/// What to print.
enum Page {
    ByDomain,
    ByStatus,
    Json,
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let page = match (args.next().as_deref(), args.next()) {
        (None, None) => Page::ByDomain,
        (Some("--by-status"), None) => Page::ByStatus,
        (Some("--json"), None) => Page::Json,
        (Some("-h" | "--help"), None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::FAILURE;
        }
    };
    // Written with `write!`, so that a closed pipe (`| head`) ends the
    // program quietly instead of panicking in `println!`.
    match print(&mut io::stdout().lock(), &page) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn print(out: &mut impl Write, page: &Page) -> io::Result<()> {
    let catalog = AppError::catalog();
    match page {
        Page::ByDomain => {
            writeln!(out, "# Error Codes\n")?;
            writeln!(
                out,
                "All errors follow the format `domain:operation`. \
                 The `details` field is only included in development mode.\n"
            )?;
            write!(out, "{}", Markdown::by_domain(catalog))?;
        }
        Page::ByStatus => {
            writeln!(out, "# Error Codes\n")?;
            writeln!(out, "## Error codes by HTTP status\n")?;
            write!(out, "{}", Markdown::by_status(catalog))?;
        }
        Page::Json => writeln!(out, "{:#}", Json::new(catalog))?,
    }
    out.flush()
}
