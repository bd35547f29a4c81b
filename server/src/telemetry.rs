//! Logging: `tracing` with a span per request carrying a request id
//! (`x-request-id`, generated when the client sends none). Levels come from
//! `RUST_LOG` (default `info`). Logs never contain secrets or personal data.

use crate::config::LogFormat;
use axum::http::Request;
use tracing::Span;
use tracing_subscriber::EnvFilter;

/// Installs the global subscriber; later calls (tests) are no-ops.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm_migration=warn,tower_http=info"));
    install(filter, format);
}

/// Installs a subscriber with a fixed filter (quiet test runs).
pub fn init_with_filter(filter: &str) {
    install(EnvFilter::new(filter), LogFormat::Pretty);
}

fn install(filter: EnvFilter, format: LogFormat) {
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_target(false);
    let _ = match format {
        LogFormat::Pretty => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).with_current_span(true).try_init(),
    };
}

/// The span of one request: method, path (no query: it can hold personal
/// data) and request id.
pub fn make_request_span<B>(req: &Request<B>) -> Span {
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        method = %req.method(),
        path = %req.uri().path(),
        request_id = %request_id,
    )
}

/// Drops a client-sent `x-request-id` that is too long or has characters
/// other than letters, digits, `-`, `_`, `.`: a fresh id is generated instead,
/// so nothing odd reaches the logs.
pub async fn drop_unusable_request_id(mut req: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    let usable = req.headers().get("x-request-id").map(|v| {
        let b = v.as_bytes();
        !b.is_empty() && b.len() <= 64 && b.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
    });
    if usable == Some(false) {
        req.headers_mut().remove("x-request-id");
    }
    next.run(req).await
}
