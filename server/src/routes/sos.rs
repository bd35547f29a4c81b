//! The 협업SOS desk over the REST API: raising requests, the triage queue,
//! threads, assignment and the public statistics. The rules are in
//! `services::sos`.

use crate::auth::extract::Req;
use crate::error::{ApiJson, ApiPath, ApiQuery, Result};
use crate::services::sos;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use shared::execution::*;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/tasks/{id}/sos", post(raise))
        .route("/sos", get(list))
        .route("/sos/stats", get(stats))
        .route("/sos/{id}", get(get_one))
        .route("/sos/{id}/messages", post(post_message))
        .route("/sos/{id}/assignee", put(assign))
}

/// Raise a 협업SOS request for a task (its task force); the desk is told
#[utoipa::path(post, path = "/api/v1/tasks/{id}/sos", tag = "sos", params(("id" = i64, Path)), request_body = SosInput, responses((status = 201, body = SosDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn raise(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<SosInput>) -> Result<(StatusCode, Json<SosDto>)> {
    Ok((StatusCode::CREATED, Json(sos::raise(&state.db, &state.desk, &req.0, id, input).await?)))
}

/// The SOS requests one may see: the desk's triage queue (most urgent, then longest waiting, first), or one's task forces' requests
#[utoipa::path(get, path = "/api/v1/sos", tag = "sos", params(SosQuery), responses((status = 200, body = SosListDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn list(State(state): State<AppState>, req: Req, ApiQuery(q): ApiQuery<SosQuery>) -> Result<Json<SosListDto>> {
    Ok(Json(sos::list(&state.db, &state.desk, &req.0, &q).await?))
}

/// Public, anonymised statistics of the desk: counts by category and urgency, median working times, share within the service levels
#[utoipa::path(get, path = "/api/v1/sos/stats", tag = "sos", responses((status = 200, body = SosStatsDto), (status = 429, body = shared::ErrorBody)))]
async fn stats(State(state): State<AppState>) -> Result<Json<SosStatsDto>> {
    Ok(Json(sos::stats(&state.db, &state.desk).await?))
}

/// One request with its thread and service-level timers (its task force and the desk; 404 for everyone else)
#[utoipa::path(get, path = "/api/v1/sos/{id}", tag = "sos", params(("id" = i64, Path)), responses((status = 200, body = SosDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn get_one(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<SosDto>> {
    Ok(Json(sos::get(&state.db, &state.desk, &req.0, id).await?))
}

/// Write in the thread: the desk replies, requests information, escalates or resolves; the task force replies
#[utoipa::path(post, path = "/api/v1/sos/{id}/messages", tag = "sos", params(("id" = i64, Path)), request_body = SosReplyInput, responses((status = 201, body = SosDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn post_message(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<SosReplyInput>) -> Result<(StatusCode, Json<SosDto>)> {
    Ok((StatusCode::CREATED, Json(sos::post_message(&state.db, &state.desk, &req.0, id, input).await?)))
}

/// Assign the request to a member of the desk (or to nobody)
#[utoipa::path(put, path = "/api/v1/sos/{id}/assignee", tag = "sos", params(("id" = i64, Path)), request_body = SosAssignInput, responses((status = 200, body = SosDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn assign(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<SosAssignInput>) -> Result<Json<SosDto>> {
    Ok(Json(sos::assign(&state.db, &state.desk, &req.0, id, input).await?))
}
