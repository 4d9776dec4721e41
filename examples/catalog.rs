//! The error-code pages of two APIs, built from their enums.
//!
//! `cargo run --example catalog` (in a clone of the repository) prints the
//! `domain:operation` API's page grouped by domain, one table per error
//! type with a status column, as that API documents it; `-- --chat` prints
//! the chat API's page, grouped by HTTP status as that API documents it.
//!
//! Options, in any order:
//!
//! - `--chat`: the chat API instead of the `domain:operation` API;
//! - `--by-status` / `--by-domain`: the other grouping than the page's own;
//! - `--messages`: a `Message` column, each code's public message template;
//! - `--fields`: a `Fields` column, the members each code adds to its body;
//! - `--json`: every code as JSON instead of a page.

use std::io::{self, Write};
use std::process::ExitCode;

use errbook::ApiError;
use errbook::Catalog;
use errbook::catalog::render::{Json, Layout, Markdown};
use errbook_examples::{chat_api, domain_api::AppError};

const USAGE: &str = "usage: cargo run --example catalog [-- [--chat] [--by-status | --by-domain | --json] [--messages] [--fields]]";

/// Which API's page to print.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Api {
    Domain,
    Chat,
}

/// What to print.
struct Page {
    api: Api,
    /// `None`: the page's own grouping.
    layout: Option<Layout>,
    json: bool,
    messages: bool,
    fields: bool,
}

fn main() -> ExitCode {
    let mut page = Page {
        api: Api::Domain,
        layout: None,
        json: false,
        messages: false,
        fields: false,
    };
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--chat" => page.api = Api::Chat,
            "--by-status" => page.layout = Some(Layout::ByStatus),
            "--by-domain" => page.layout = Some(Layout::ByDomain),
            "--json" => page.json = true,
            "--messages" => page.messages = true,
            "--fields" => page.fields = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::FAILURE;
            }
        }
    }
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
    let (catalog, own_layout, introduction): (&Catalog, _, _) = match page.api {
        Api::Domain => (
            AppError::catalog(),
            Layout::ByDomain,
            "All errors follow the format `domain:operation`. \
             The `details` field is only included in development mode.",
        ),
        Api::Chat => (
            &chat_api::CATALOG,
            Layout::ByStatus,
            "All API errors follow a consistent JSON response format. \
             This page lists every error code, its HTTP status, and when it occurs.",
        ),
    };
    if page.json {
        writeln!(out, "{:#}", Json::new(catalog))?;
        return out.flush();
    }
    let layout = page.layout.unwrap_or(own_layout);
    let mut markdown = Markdown::new(catalog, layout);
    if page.messages {
        markdown = markdown.with_messages();
    }
    if page.fields {
        markdown = markdown.with_fields();
    }
    writeln!(out, "# Error Codes\n")?;
    writeln!(out, "{introduction}\n")?;
    if layout == Layout::ByStatus {
        writeln!(out, "## Error codes by HTTP status\n")?;
    }
    write!(out, "{markdown}")?;
    out.flush()
}
