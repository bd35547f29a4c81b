//! `GET /api/v1/areas`, `GET /api/v1/regions`: reference data, public.

use super::api::Items;
use crate::error::Result;
use crate::services::reference;
use crate::state::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use shared::reference::{AreaDto, RegionDto};

pub fn router() -> Router<AppState> {
    Router::new().route("/areas", get(list_areas)).route("/regions", get(list_regions))
}

/// Areas
#[utoipa::path(get, path = "/api/v1/areas", tag = "reference", responses((status = 200, body = Items<AreaDto>), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn list_areas(State(state): State<AppState>) -> Result<Json<Items<AreaDto>>> {
    Ok(Json(Items { items: reference::list_areas(&state.db).await? }))
}

/// Regions
#[utoipa::path(get, path = "/api/v1/regions", tag = "reference", responses((status = 200, body = Items<RegionDto>), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn list_regions(State(state): State<AppState>) -> Result<Json<Items<RegionDto>>> {
    Ok(Json(Items { items: reference::list_regions(&state.db).await? }))
}
