//! Execution tracking over the REST API: tasks, task forces, milestones,
//! progress updates, indicators, health and the public portfolio (with CSV
//! and XLSX downloads). The rules are in `services::execution`.

use crate::auth::extract::Req;
use crate::error::{ApiJson, ApiPath, ApiQuery, Result};
use crate::services::execution;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use crate::routes::download;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use shared::execution::*;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/tasks", get(portfolio).post(create_task))
        .route("/tasks.csv", get(portfolio_csv))
        .route("/tasks.xlsx", get(portfolio_xlsx))
        .route("/tasks/{id}", get(get_task).put(update_task))
        .route("/tasks/{id}/members", put(set_members))
        .route("/tasks/{id}/milestones", post(add_milestone))
        .route("/tasks/{id}/milestones/{mid}", put(update_milestone).delete(delete_milestone))
        .route("/tasks/{id}/updates", post(add_update))
        .route("/tasks/{id}/indicators", post(add_indicator))
        .route("/tasks/{id}/indicators/{iid}/values", post(add_indicator_value))
        .route("/tasks/{id}/health", put(override_health).delete(clear_health))
        .route("/tasks/{id}/follow", put(follow).delete(unfollow))
}

/// Create a task: from a selected proposal (admins of its process; the proposal moves to in progress) or directly (global admins)
#[utoipa::path(post, path = "/api/v1/tasks", tag = "execution", request_body = TaskInput, responses((status = 201, body = TaskDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn create_task(State(state): State<AppState>, req: Req, ApiJson(input): ApiJson<TaskInput>) -> Result<(StatusCode, Json<TaskDto>)> {
    Ok((StatusCode::CREATED, Json(execution::create(&state.db, &req.0, input).await?)))
}

/// The public portfolio: tasks with filters, counts by health and by progress
#[utoipa::path(get, path = "/api/v1/tasks", tag = "execution", params(PortfolioQuery), responses((status = 200, body = PortfolioDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn portfolio(State(state): State<AppState>, ApiQuery(q): ApiQuery<PortfolioQuery>) -> Result<Json<PortfolioDto>> {
    Ok(Json(execution::portfolio(&state.db, &q).await?))
}

/// One task with its milestones, indicators, updates and health (public)
#[utoipa::path(get, path = "/api/v1/tasks/{id}", tag = "execution", params(("id" = i64, Path)), responses((status = 200, body = TaskDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn get_task(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<TaskDto>> {
    Ok(Json(execution::get(&state.db, &req.0, id).await?))
}

/// Change a task (its task force and global admins)
#[utoipa::path(put, path = "/api/v1/tasks/{id}", tag = "execution", params(("id" = i64, Path)), request_body = TaskInput, responses((status = 200, body = TaskDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn update_task(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<TaskInput>) -> Result<Json<TaskDto>> {
    Ok(Json(execution::update(&state.db, &req.0, id, input).await?))
}

/// Set the task force (admins and the task force's leads); members by account number or e-mail
#[utoipa::path(put, path = "/api/v1/tasks/{id}/members", tag = "execution", params(("id" = i64, Path)), request_body = TaskMembersInput, responses((status = 200, body = TaskDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn set_members(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<TaskMembersInput>) -> Result<Json<TaskDto>> {
    Ok(Json(execution::set_members(&state.db, &req.0, id, input).await?))
}

/// Add a milestone (nested by parent_id); the task's progress is recomputed
#[utoipa::path(post, path = "/api/v1/tasks/{id}/milestones", tag = "execution", params(("id" = i64, Path)), request_body = MilestoneInput, responses((status = 201, body = TaskDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn add_milestone(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<MilestoneInput>) -> Result<(StatusCode, Json<TaskDto>)> {
    Ok((StatusCode::CREATED, Json(execution::add_milestone(&state.db, &req.0, id, input).await?)))
}

/// Change a milestone; the task's progress is recomputed
#[utoipa::path(put, path = "/api/v1/tasks/{id}/milestones/{mid}", tag = "execution", params(("id" = i64, Path), ("mid" = i64, Path)), request_body = MilestoneInput, responses((status = 200, body = TaskDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn update_milestone(State(state): State<AppState>, req: Req, ApiPath((id, mid)): ApiPath<(i64, i64)>, ApiJson(input): ApiJson<MilestoneInput>) -> Result<Json<TaskDto>> {
    Ok(Json(execution::update_milestone(&state.db, &req.0, id, mid, input).await?))
}

/// Delete a milestone (its children move up to its parent)
#[utoipa::path(delete, path = "/api/v1/tasks/{id}/milestones/{mid}", tag = "execution", params(("id" = i64, Path), ("mid" = i64, Path)), responses((status = 200, body = TaskDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn delete_milestone(State(state): State<AppState>, req: Req, ApiPath((id, mid)): ApiPath<(i64, i64)>) -> Result<Json<TaskDto>> {
    Ok(Json(execution::delete_milestone(&state.db, &req.0, id, mid).await?))
}

/// Post a progress update; the original proposer and the proposal's followers are notified
#[utoipa::path(post, path = "/api/v1/tasks/{id}/updates", tag = "execution", params(("id" = i64, Path)), request_body = ProgressUpdateInput, responses((status = 201, body = UpdateDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn add_update(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<ProgressUpdateInput>) -> Result<(StatusCode, Json<UpdateDto>)> {
    Ok((StatusCode::CREATED, Json(execution::add_update(&state.db, &req.0, id, input).await?)))
}

/// Add an outcome indicator (성과지표)
#[utoipa::path(post, path = "/api/v1/tasks/{id}/indicators", tag = "execution", params(("id" = i64, Path)), request_body = IndicatorInput, responses((status = 201, body = TaskDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn add_indicator(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<IndicatorInput>) -> Result<(StatusCode, Json<TaskDto>)> {
    Ok((StatusCode::CREATED, Json(execution::add_indicator(&state.db, &req.0, id, input).await?)))
}

/// Record an indicator's value on a date (replaces that date's value)
#[utoipa::path(post, path = "/api/v1/tasks/{id}/indicators/{iid}/values", tag = "execution", params(("id" = i64, Path), ("iid" = i64, Path)), request_body = IndicatorValueInput, responses((status = 200, body = TaskDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn add_indicator_value(State(state): State<AppState>, req: Req, ApiPath((id, iid)): ApiPath<(i64, i64)>, ApiJson(input): ApiJson<IndicatorValueInput>) -> Result<Json<TaskDto>> {
    Ok(Json(execution::add_indicator_value(&state.db, &req.0, id, iid, input).await?))
}

/// Override the task's health with a reason
#[utoipa::path(put, path = "/api/v1/tasks/{id}/health", tag = "execution", params(("id" = i64, Path)), request_body = HealthOverrideInput, responses((status = 200, body = TaskDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn override_health(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<HealthOverrideInput>) -> Result<Json<TaskDto>> {
    Ok(Json(execution::override_health(&state.db, &req.0, id, Some(input)).await?))
}

/// Go back to the derived health
#[utoipa::path(delete, path = "/api/v1/tasks/{id}/health", tag = "execution", params(("id" = i64, Path)), responses((status = 200, body = TaskDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn clear_health(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<TaskDto>> {
    Ok(Json(execution::override_health(&state.db, &req.0, id, None).await?))
}


/// The portfolio as CSV (UTF-8 with a byte-order mark), with the same filters
#[utoipa::path(get, path = "/api/v1/tasks.csv", tag = "execution", params(PortfolioQuery), responses((status = 200, content_type = "text/csv", body = String), (status = 422, body = shared::ErrorBody)))]
async fn portfolio_csv(State(state): State<AppState>, ApiQuery(q): ApiQuery<PortfolioQuery>) -> Result<Response> {
    let p = execution::portfolio(&state.db, &q).await?;
    Ok(download(execution::portfolio_csv(&p).into_bytes(), "text/csv; charset=utf-8", "tasks.csv"))
}

/// The portfolio as an XLSX workbook, with the same filters
#[utoipa::path(get, path = "/api/v1/tasks.xlsx", tag = "execution", params(PortfolioQuery), responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>), (status = 422, body = shared::ErrorBody)))]
async fn portfolio_xlsx(State(state): State<AppState>, ApiQuery(q): ApiQuery<PortfolioQuery>) -> Result<Response> {
    let p = execution::portfolio(&state.db, &q).await?;
    let bytes = execution::portfolio_xlsx(&p)?;
    Ok(download(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "tasks.xlsx"))
}

/// Follow a task: be told of its progress updates
#[utoipa::path(put, path = "/api/v1/tasks/{id}/follow", tag = "execution", params(("id" = i64, Path)), responses((status = 204), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn follow(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<StatusCode> {
    execution::follow(&state.db, &req.0, id, true).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Stop following a task
#[utoipa::path(delete, path = "/api/v1/tasks/{id}/follow", tag = "execution", params(("id" = i64, Path)), responses((status = 204), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn unfollow(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<StatusCode> {
    execution::follow(&state.db, &req.0, id, false).await?;
    Ok(StatusCode::NO_CONTENT)
}
