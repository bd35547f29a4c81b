//! The 함께혁신 server: axum host for the Leptos app, REST API, services, CLI.

/// Router assembly, listening and graceful shutdown.
pub mod app;
/// Sessions, password hashing, who is asking.
pub mod auth;
/// Command-line interface: `serve`, `migrate up|down|status`.
pub mod cli;
/// Configuration from flags and environment.
pub mod config;
/// Database connection and migration helpers for SQLite and PostgreSQL.
pub mod db;
/// sea-orm entities.
pub mod entities;
/// The one error type and its JSON shape.
pub mod error;
/// The one authorization policy: who may do what.
pub mod policy;
/// HTTP routes, one module per resource.
pub mod routes;
/// Security headers and the cross-site request check.
pub mod security;
/// The HTTP server loop (axum::serve with hyper configured).
pub mod serve;
/// Business rules, one module per area.
pub mod services;
/// Hosting the Leptos app: pages, server functions, the service handle.
pub mod ssr;
/// Shared application state.
pub mod state;
/// Logging and request spans.
pub mod telemetry;

pub use config::Config;
pub use error::{AppError, Result};
/// The schema migrations, re-exported for tools and tests.
pub use migrations;
pub use state::AppState;
