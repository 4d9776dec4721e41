//! Rendering a static message, a template, or a whole nested/problem/matrix
//! envelope into a buffer the caller owns allocates nothing; a response's
//! body is one allocation.
//!
//! A counting global allocator counts the allocations of the thread that
//! asked for counting, so concurrently running tests do not disturb it.

// A global allocator is the one place this workspace needs `unsafe`: it only
// delegates to the system allocator.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::io::Write as _;

use errbook::ApiError;
use errbook::format::{Detail, Google, Matrix, Nested, Problem};
use errbook::{Context, Format};

struct Counting;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.with(Cell::get) {
            ALLOCATIONS.with(|n| n.set(n.get() + 1));
        }
        // SAFETY: the caller's contract is passed on to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` with this `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_of(f: impl FnOnce()) -> usize {
    ALLOCATIONS.with(|n| n.set(0));
    COUNTING.with(|c| c.set(true));
    f();
    COUNTING.with(|c| c.set(false));
    ALLOCATIONS.with(Cell::get)
}

#[derive(Debug, ApiError)]
#[api(prefix = "user:", rename_all = "snake_case")]
enum UserError {
    #[api(status = 401, message = "Invalid username or password.")]
    InvalidPassword,
    #[api(status = 404, message = "User {id} not found in {space}.")]
    NotFound { id: u64, space: &'static str },
    #[api(code = "FORBIDDEN", status = 403, message = "Forbidden.")]
    Forbidden {
        #[api(field)]
        missing_permission: &'static str,
    },
    #[api(status = 404)]
    Gone,
}

#[test]
fn rendering_a_static_message_allocates_nothing() {
    let err = UserError::InvalidPassword;
    let mut out = String::with_capacity(256);
    let count = allocations_of(|| {
        use std::fmt::Write as _;
        write!(out, "{}", err.message()).unwrap();
    });
    assert_eq!(out, "Invalid username or password.");
    assert_eq!(count, 0);

    let mut reason = String::with_capacity(64);
    let count = allocations_of(|| {
        use std::fmt::Write as _;
        write!(reason, "{}", UserError::Gone.message()).unwrap();
    });
    assert_eq!(reason, "Not Found");
    assert_eq!(count, 0);
}

#[test]
fn rendering_a_template_allocates_nothing() {
    let err = UserError::NotFound {
        id: 42,
        space: "general",
    };
    let mut out = String::with_capacity(256);
    let count = allocations_of(|| {
        use std::fmt::Write as _;
        write!(out, "{}", err.message()).unwrap();
    });
    assert_eq!(out, "User 42 not found in general.");
    assert_eq!(count, 0);
}

#[test]
fn serializing_envelopes_into_a_buffer_allocates_nothing() {
    let errors = [
        UserError::InvalidPassword,
        UserError::NotFound { id: 7, space: "x" },
        UserError::Forbidden {
            missing_permission: "manage_messages",
        },
    ];
    for err in &errors {
        let mut buffer: Vec<u8> = Vec::with_capacity(4096);
        let count = allocations_of(|| {
            serde_json::to_writer(&mut buffer, &err.envelope_as(Nested)).unwrap();
            buffer.write_all(b"\n").unwrap();
            serde_json::to_writer(&mut buffer, &err.envelope_as(Problem)).unwrap();
            buffer.write_all(b"\n").unwrap();
            serde_json::to_writer(&mut buffer, &err.envelope_as(Matrix)).unwrap();
        });
        assert_eq!(count, 0, "{}", String::from_utf8_lossy(&buffer));
        let text = String::from_utf8(buffer).unwrap();
        assert_eq!(text.lines().count(), 3);
        assert!(text.contains(&err.message().to_string()), "{text}");
    }
}

/// A catalog with a nested type, walked below (never constructed: only its
/// catalog is read).
#[allow(dead_code)]
#[derive(Debug, ApiError)]
enum Composed {
    #[api(transparent)]
    User(UserError),
    #[api(code = "OTHER", status = 500)]
    Other,
}

#[test]
fn walking_a_catalog_allocates_nothing() {
    let mut codes = 0;
    let mut fields = 0;
    let count = allocations_of(|| {
        for (owner, entry) in Composed::catalog().entries() {
            codes += 1;
            fields += entry.fields().len();
            assert!(!owner.type_name().is_empty());
        }
    });
    assert_eq!((codes, fields), (5, 1));
    assert_eq!(count, 0);
}

#[test]
fn rendering_catalog_pages_into_a_buffer_allocates_nothing() {
    use errbook::catalog::render::{Json, Markdown};
    use std::fmt::Write as _;

    let catalogs = [
        errbook_examples::domain_api::AppError::catalog(),
        errbook_examples::chat_api::ChatError::catalog(),
        errbook_examples::matrix_api::MatrixError::catalog(),
    ];
    for catalog in catalogs {
        let mut out = String::with_capacity(128 * 1024);
        let count = allocations_of(|| {
            write!(out, "{}", Markdown::by_domain(catalog)).unwrap();
            write!(out, "{}", Markdown::by_status(catalog)).unwrap();
            let full = Markdown::by_domain(catalog).with_messages().with_fields();
            write!(out, "{full}").unwrap();
            let full = Markdown::by_status(catalog).with_messages().with_fields();
            write!(out, "{full}").unwrap();
            write!(out, "{}", Json::new(catalog)).unwrap();
            write!(out, "{:#}", Json::new(catalog)).unwrap();
        });
        assert!(out.len() < 128 * 1024, "the buffer never grew");
        assert!(out.contains("| Code |"));
        assert_eq!(count, 0, "{}", catalog.type_name());
    }
}

#[test]
fn writing_bodies_directly_into_a_buffer_allocates_nothing() {
    let errors = [
        UserError::InvalidPassword,
        UserError::NotFound { id: 7, space: "x" },
        UserError::Forbidden {
            missing_permission: "manage_messages",
        },
        UserError::Gone,
    ];
    let context = Context::production().with_instance("req-7f3a");
    for err in &errors {
        let mut buffer: Vec<u8> = Vec::with_capacity(4096);
        let count = allocations_of(|| {
            Nested.write_json(err, &context, &mut buffer).unwrap();
            Problem.write_json(err, &context, &mut buffer).unwrap();
            Matrix.write_json(err, &context, &mut buffer).unwrap();
            Detail.write_json(err, &context, &mut buffer).unwrap();
            Google.write_json(err, &context, &mut buffer).unwrap();
        });
        assert_eq!(count, 0, "{}", String::from_utf8_lossy(&buffer));
    }
}

/// What `http` itself allocates for a response with a `content-type`: its
/// header map's index and entry tables, on the first insert.
fn header_allocations() -> usize {
    allocations_of(|| {
        let mut response = errbook::http::Response::new(Vec::<u8>::new());
        response.headers_mut().insert(
            errbook::http::header::CONTENT_TYPE,
            errbook::http::HeaderValue::from_static("application/json"),
        );
        drop(response);
    })
}

#[test]
fn a_response_body_is_one_allocation() {
    let headers = header_allocations();
    assert_eq!(headers, 2, "http's header map: index and entries");
    let errors = [
        UserError::InvalidPassword,
        UserError::NotFound {
            id: u64::MAX,
            space: "a space with a long name",
        },
        UserError::Forbidden {
            missing_permission: "manage_messages",
        },
        UserError::Gone,
    ];
    for err in &errors {
        let counts = [
            allocations_of(|| drop(err.to_response())),
            allocations_of(|| drop(err.to_response_as(Problem))),
            allocations_of(|| drop(err.to_response_as(Matrix))),
            allocations_of(|| drop(err.to_response_as(Detail))),
            allocations_of(|| drop(err.to_response_as(Google))),
        ];
        // The body, sized up front, never grows: one allocation more than
        // the headers make.
        assert_eq!(counts, [headers + 1; 5], "{err:?}");
    }
    // The same with a request id and development details in the body.
    let scoped = errbook::request::RequestContext::new()
        .with_id("req-7f3a")
        .with_development(true)
        .run(|| {
            [
                allocations_of(|| drop(UserError::Gone.to_response())),
                allocations_of(|| drop(UserError::Gone.to_response_as(Problem))),
                allocations_of(|| drop(UserError::Gone.to_response_as(Google))),
            ]
        });
    assert_eq!(scoped, [headers + 1; 3]);
}

#[test]
fn a_retry_after_header_is_one_allocation_more() {
    #[derive(Debug, ApiError)]
    #[api(code = "RATE_LIMITED", status = 429, message = "Slow down.")]
    struct Limited {
        #[api(field, retry_after = "ms")]
        retry_after_ms: u64,
    }
    let err = Limited {
        retry_after_ms: 1500,
    };
    let mut response = None;
    let count = allocations_of(|| response = Some(err.to_response()));
    let response = response.unwrap();
    assert_eq!(response.headers()["retry-after"], "2");
    // Body, header tables, and the header value's bytes.
    assert_eq!(count, header_allocations() + 2);
}
