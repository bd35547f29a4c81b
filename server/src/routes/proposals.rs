//! Processes and proposals over the REST API. Public reads need no sign-in;
//! writes need a session (with the cross-site check) or an API token.

use crate::auth::extract::Req;
use crate::error::{ApiJson, ApiPath, ApiQuery, Result};
use crate::routes::api::Items;
use crate::services::{processes, proposals};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::participation::{
    ProcessDto, ProcessInput, ProposalDto, ProposalEventDto, ProposalInput, ProposalPage, ProposalQuery, ProposalSummary,
    SupportState,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/processes", get(list_processes).post(create_process))
        .route("/processes/{id}", get(get_process))
        .route("/proposals", get(list).post(create))
        .route("/proposals/similar", get(similar))
        .route("/proposals/{id}", get(get_one).put(update))
        .route("/proposals/{id}/publish", post(publish))
        .route("/proposals/{id}/withdraw", post(withdraw))
        .route("/proposals/{id}/timeline", get(timeline))
        .route("/proposals/{id}/support", axum::routing::put(support).delete(unsupport))
}

async fn list_processes(State(state): State<AppState>) -> Result<Json<Items<ProcessDto>>> {
    Ok(Json(Items { items: processes::list(&state.db).await? }))
}

async fn create_process(State(state): State<AppState>, req: Req, ApiJson(input): ApiJson<ProcessInput>) -> Result<(StatusCode, Json<ProcessDto>)> {
    Ok((StatusCode::CREATED, Json(processes::create(&state.db, &req.0, input).await?)))
}

async fn get_process(State(state): State<AppState>, ApiPath(id): ApiPath<i64>) -> Result<Json<ProcessDto>> {
    Ok(Json(processes::get(&state.db, id).await?))
}

async fn list(State(state): State<AppState>, ApiQuery(q): ApiQuery<ProposalQuery>) -> Result<Json<ProposalPage>> {
    Ok(Json(proposals::list(&state.db, &q).await?))
}

/// A new proposal: the fields, and whether to publish it now (else a draft).
#[derive(serde::Deserialize)]
struct NewProposal {
    #[serde(default)]
    publish: bool,
    #[serde(flatten)]
    input: ProposalInput,
}

async fn create(State(state): State<AppState>, req: Req, ApiJson(body): ApiJson<NewProposal>) -> Result<(StatusCode, Json<ProposalDto>)> {
    Ok((StatusCode::CREATED, Json(proposals::create(&state.db, &req.0, body.input, body.publish).await?)))
}

async fn get_one(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<ProposalDto>> {
    Ok(Json(proposals::get(&state.db, &req.0, id).await?))
}

async fn update(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<ProposalInput>) -> Result<Json<ProposalDto>> {
    Ok(Json(proposals::update(&state.db, &req.0, id, input).await?))
}

async fn publish(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<ProposalDto>> {
    Ok(Json(proposals::publish(&state.db, &req.0, id).await?))
}

async fn withdraw(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<ProposalDto>> {
    Ok(Json(proposals::withdraw(&state.db, &req.0, id).await?))
}

async fn timeline(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<Items<ProposalEventDto>>> {
    Ok(Json(Items { items: proposals::timeline(&state.db, &req.0, id).await? }))
}

async fn support(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<(StatusCode, Json<SupportState>)> {
    let (s, created) = proposals::support(&state.db, &state.counters, &req.0, id).await?;
    Ok((if created { StatusCode::CREATED } else { StatusCode::OK }, Json(s)))
}

async fn unsupport(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<SupportState>> {
    Ok(Json(proposals::withdraw_support(&state.db, &state.counters, &req.0, id).await?))
}

#[derive(serde::Deserialize)]
struct SimilarQuery {
    #[serde(default)]
    title: String,
    #[serde(default)]
    text: String,
}

async fn similar(State(state): State<AppState>, ApiQuery(q): ApiQuery<SimilarQuery>) -> Result<Json<Items<ProposalSummary>>> {
    Ok(Json(Items { items: proposals::similar(&state.db, &q.title, &q.text, 5).await? }))
}
