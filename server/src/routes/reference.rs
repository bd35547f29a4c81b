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

async fn list_areas(State(state): State<AppState>) -> Result<Json<Items<AreaDto>>> {
    Ok(Json(Items { items: reference::list_areas(&state.db).await? }))
}

async fn list_regions(State(state): State<AppState>) -> Result<Json<Items<RegionDto>>> {
    Ok(Json(Items { items: reference::list_regions(&state.db).await? }))
}
