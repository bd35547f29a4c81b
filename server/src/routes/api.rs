//! The REST API under `/api/v1`: JSON in, JSON out, the one error shape for
//! every failure, including unknown paths and wrong methods.

use crate::error::AppError;
use crate::state::AppState;
use axum::Router;

pub fn router() -> Router<AppState> {
    let v1 = Router::new()
        .merge(super::reference::router())
        .merge(super::feedback::router())
        .merge(super::auth::router())
        .merge(super::admin::router())
        .merge(super::proposals::router())
        .merge(super::proposals::deliberation_router())
        .merge(super::review::router())
        .merge(super::execution::router())
        .merge(super::sos::router())
        .merge(super::meetings::router())
        .merge(super::live::router())
        .merge(super::room::router())
        .route("/openapi.json", axum::routing::get(super::openapi::document))
        .method_not_allowed_fallback(|| async { AppError::MethodNotAllowed })
        .fallback(|| async { AppError::NotFound });
    Router::new().nest("/api/v1", v1)
}

/// A list response: `{ "items": [...] }` (room for a cursor later).
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Items<T> {
    pub items: Vec<T>,
}
