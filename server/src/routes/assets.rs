//! Static files of the built site, served by the server itself (no CDN):
//! `/pkg/<hash>/…` (WASM bundle, its JS, site.css; the hash changes with the
//! content; `pkg/` holds nothing but these folders) and `/assets/krds-<version>/…` (KRDS styles, fonts, icons). Both
//! names change when the content does, so they are cached for a year; gzip
//! copies made at build time are served to clients that accept them.

use crate::error::AppError;
use crate::state::AppState;
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use std::path::Path;
use tower_http::services::ServeDir;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

pub fn router(site_root: &Path) -> Router<AppState> {
    let serve = |dir: &str| {
        ServeDir::new(site_root.join(dir))
            .precompressed_gzip()
            .append_index_html_on_directories(false)
            // Other methods than GET/HEAD get the JSON error too, not an empty 405.
            .call_fallback_on_method_not_allowed(true)
            .fallback(axum::routing::any(|| async { AppError::NotFound }))
    };
    Router::new()
        .nest_service("/pkg", serve("pkg"))
        .nest_service("/assets", serve("assets"))
        .layer(axum::middleware::map_response(cache_forever_if_found))
}

async fn cache_forever_if_found(mut res: Response) -> Response {
    let value = if res.status().is_success() || res.status().as_u16() == 304 { IMMUTABLE } else { "no-store" };
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    res.into_response()
}
