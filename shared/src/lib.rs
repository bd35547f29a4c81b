//! The contract between the server and the front end.
//!
//! Everything here compiles to WASM: wire types (DTOs), enums, validated
//! newtypes and error codes. The same parsers validate a form in the browser
//! and on the server, so both give the same answer.

pub mod access;
pub mod account;
pub mod csp;
pub mod deliberation;
pub mod error;
mod checks;
pub mod execution;
pub mod feedback;
pub mod locale;
pub mod meeting;
pub mod meeting_page;
pub mod participation;
pub mod reference;
pub mod review;
#[cfg(feature = "ssr")]
pub mod services;
pub mod text;

pub use error::{ErrorBody, ErrorCode, ErrorDetail, FieldError};
pub use locale::Locale;
