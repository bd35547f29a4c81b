//! Processes and proposals over the REST API. Public reads need no sign-in;
//! writes need a session (with the cross-site check) or an API token.

use crate::auth::extract::Req;
use crate::error::{ApiJson, ApiPath, ApiQuery, Result};
use crate::routes::api::Items;
use crate::services::{processes, proposals, status};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::participation::{
    ProcessDto, ProcessInput, ProposalDto, ProposalEventDto, ProposalInput, ProposalPage, ProposalQuery, ProposalSummary,
    StatusChangeInput, SupportState,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/processes", get(list_processes).post(create_process))
        .route("/processes/{id}", get(get_process).put(update_process))
        .route("/proposals", get(list).post(create))
        .route("/proposals/similar", get(similar))
        .route("/proposals/{id}", get(get_one).put(update))
        .route("/proposals/{id}/publish", post(publish))
        .route("/proposals/{id}/withdraw", post(withdraw))
        .route("/proposals/{id}/timeline", get(timeline))
        .route("/proposals/{id}/status", post(change_status))
        .route("/proposals/{id}/support", axum::routing::put(support).delete(unsupport))
}

/// Participation processes with their phases
#[utoipa::path(get, path = "/api/v1/processes", tag = "processes", responses((status = 200, body = Items<ProcessDto>), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn list_processes(State(state): State<AppState>) -> Result<Json<Items<ProcessDto>>> {
    Ok(Json(Items { items: processes::list(&state.db, true).await? }))
}

/// Create a process (global admins)
#[utoipa::path(post, path = "/api/v1/processes", tag = "processes", request_body = ProcessInput, responses((status = 201, body = ProcessDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn create_process(State(state): State<AppState>, req: Req, ApiJson(input): ApiJson<ProcessInput>) -> Result<(StatusCode, Json<ProcessDto>)> {
    Ok((StatusCode::CREATED, Json(processes::create(&state.db, &req.0, input).await?)))
}

/// One process
#[utoipa::path(get, path = "/api/v1/processes/{id}", tag = "processes", params(("id" = i64, Path)), responses((status = 200, body = ProcessDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn get_process(State(state): State<AppState>, ApiPath(id): ApiPath<i64>) -> Result<Json<ProcessDto>> {
    Ok(Json(processes::get(&state.db, id).await?))
}

/// Change a process (global admins and the process's admins): every field, the phases as a whole
#[utoipa::path(put, path = "/api/v1/processes/{id}", tag = "processes", params(("id" = i64, Path)), request_body = ProcessInput, responses((status = 200, body = ProcessDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn update_process(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<ProcessInput>) -> Result<Json<ProcessDto>> {
    Ok(Json(processes::update(&state.db, &req.0, id, input).await?))
}

/// List and search proposals (filters, sorts, cursor pages)
#[utoipa::path(get, path = "/api/v1/proposals", tag = "proposals", params(ProposalQuery), responses((status = 200, body = ProposalPage), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
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

/// Write a proposal: a draft, or published at once with "publish": true
#[utoipa::path(post, path = "/api/v1/proposals", tag = "proposals", request_body = ProposalInput, responses((status = 201, body = ProposalDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn create(State(state): State<AppState>, req: Req, ApiJson(body): ApiJson<NewProposal>) -> Result<(StatusCode, Json<ProposalDto>)> {
    Ok((StatusCode::CREATED, Json(proposals::create(&state.db, &req.0, body.input, body.publish).await?)))
}

/// One proposal
#[utoipa::path(get, path = "/api/v1/proposals/{id}", tag = "proposals", params(("id" = i64, Path)), responses((status = 200, body = ProposalDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn get_one(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<ProposalDto>> {
    Ok(Json(proposals::get(&state.db, &req.0, id).await?))
}

/// Edit a proposal (its author; versioned once supported or discussed)
#[utoipa::path(put, path = "/api/v1/proposals/{id}", tag = "proposals", params(("id" = i64, Path)), request_body = ProposalInput, responses((status = 200, body = ProposalDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn update(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<ProposalInput>) -> Result<Json<ProposalDto>> {
    Ok(Json(proposals::update(&state.db, &req.0, id, input).await?))
}

/// Publish a draft (intake phase)
#[utoipa::path(post, path = "/api/v1/proposals/{id}/publish", tag = "proposals", params(("id" = i64, Path)), responses((status = 200, body = ProposalDto), (status = 409, body = shared::ErrorBody), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn publish(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<ProposalDto>> {
    Ok(Json(proposals::publish(&state.db, &req.0, id).await?))
}

/// Withdraw a proposal (its author)
#[utoipa::path(post, path = "/api/v1/proposals/{id}/withdraw", tag = "proposals", params(("id" = i64, Path)), responses((status = 200, body = ProposalDto), (status = 409, body = shared::ErrorBody), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn withdraw(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<ProposalDto>> {
    Ok(Json(proposals::withdraw(&state.db, &req.0, id).await?))
}

/// The public timeline
#[utoipa::path(get, path = "/api/v1/proposals/{id}/timeline", tag = "proposals", params(("id" = i64, Path)), responses((status = 200, body = Items<ProposalEventDto>), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn timeline(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<Items<ProposalEventDto>>> {
    Ok(Json(Items { items: proposals::timeline(&state.db, &req.0, id).await? }))
}

/// Change a proposal's status with an official answer (admins of its process)
#[utoipa::path(post, path = "/api/v1/proposals/{id}/status", tag = "proposals", params(("id" = i64, Path)), request_body = StatusChangeInput, responses((status = 200, body = ProposalDto), (status = 409, description = "Not allowed from the current status", body = shared::ErrorBody), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn change_status(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<StatusChangeInput>) -> Result<Json<ProposalDto>> {
    Ok(Json(status::change(&state.db, &req.0, id, input).await?))
}

/// Support a proposal (one per person)
#[utoipa::path(put, path = "/api/v1/proposals/{id}/support", tag = "supports", params(("id" = i64, Path)), responses((status = 201, description = "Supported now", body = SupportState), (status = 200, description = "Already supported", body = SupportState), (status = 409, body = shared::ErrorBody), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn support(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<(StatusCode, Json<SupportState>)> {
    let (s, created) = proposals::support(&state.db, &state.counters, &req.0, id).await?;
    Ok((if created { StatusCode::CREATED } else { StatusCode::OK }, Json(s)))
}

/// Withdraw one's support
#[utoipa::path(delete, path = "/api/v1/proposals/{id}/support", tag = "supports", params(("id" = i64, Path)), responses((status = 200, body = SupportState), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
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

/// Existing proposals like a text being written
#[utoipa::path(get, path = "/api/v1/proposals/similar", tag = "proposals", params(("title" = String, Query), ("text" = String, Query)), responses((status = 200, body = Items<ProposalSummary>), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn similar(State(state): State<AppState>, ApiQuery(q): ApiQuery<SimilarQuery>) -> Result<Json<Items<ProposalSummary>>> {
    Ok(Json(Items { items: proposals::similar(&state.db, &q.title, &q.text, 5).await? }))
}

/// Comments, follows, notifications and moderation.
pub fn deliberation_router() -> Router<AppState> {
    use axum::routing::put;
    Router::new()
        .route("/proposals/{id}/comments", get(comments).post(comment))
        .route("/comments/{id}", put(edit_comment).delete(delete_comment))
        .route("/comments/{id}/vote", put(vote))
        .route("/proposals/{id}/follow", put(follow).delete(unfollow))
        .route("/me/notifications", get(notifications_list))
        .route("/me/notifications/read", post(mark_read))
        .route("/proposals/{id}/reports", post(report_proposal))
        .route("/comments/{id}/reports", post(report_comment))
        .route("/moderation/queue", get(moderation_queue))
        .route("/moderation/{kind}/{id}/hide", post(hide))
        .route("/moderation/{kind}/{id}/restore", post(restore))
        .route("/moderation/users/{id}/block", put(block).delete(unblock))
}

use crate::services::{comments as comment_service, moderation, notifications};
use shared::deliberation::{
    CommentDto, CommentEdit, CommentInput, CommentThread, MarkRead, ModerationInput, ModerationItem, NotificationPage,
    ReportInput, VoteInput,
};

#[derive(serde::Deserialize)]
struct SortQuery {
    sort: Option<String>,
}

/// The discussion, three levels deep
#[utoipa::path(get, path = "/api/v1/proposals/{id}/comments", tag = "comments", params(("id" = i64, Path), ("sort" = Option<String>, Query, description = "best, newest or oldest")), responses((status = 200, body = CommentThread), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn comments(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiQuery(q): ApiQuery<SortQuery>) -> Result<Json<CommentThread>> {
    Ok(Json(comment_service::thread(&state.db, &req.0, id, q.sort.as_deref()).await?))
}

/// Comment or reply
#[utoipa::path(post, path = "/api/v1/proposals/{id}/comments", tag = "comments", params(("id" = i64, Path)), request_body = CommentInput, responses((status = 201, body = CommentDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn comment(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<CommentInput>) -> Result<(StatusCode, Json<CommentDto>)> {
    Ok((StatusCode::CREATED, Json(comment_service::create(&state.db, &req.0, id, input).await?)))
}

/// Edit one's comment
#[utoipa::path(put, path = "/api/v1/comments/{id}", tag = "comments", params(("id" = i64, Path)), request_body = CommentEdit, responses((status = 204), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn edit_comment(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<CommentEdit>) -> Result<StatusCode> {
    comment_service::edit(&state.db, &req.0, id, input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Delete one's comment
#[utoipa::path(delete, path = "/api/v1/comments/{id}", tag = "comments", params(("id" = i64, Path)), responses((status = 204), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn delete_comment(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<StatusCode> {
    comment_service::delete(&state.db, &req.0, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Vote a comment up (1), down (-1) or take it back (0)
#[utoipa::path(put, path = "/api/v1/comments/{id}/vote", tag = "comments", params(("id" = i64, Path)), request_body = VoteInput, responses((status = 200, description = "{ up, down }"), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn vote(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<VoteInput>) -> Result<Json<serde_json::Value>> {
    let (up, down) = comment_service::vote(&state.db, &req.0, id, input.value).await?;
    Ok(Json(serde_json::json!({ "up": up, "down": down })))
}

/// Follow a proposal
#[utoipa::path(put, path = "/api/v1/proposals/{id}/follow", tag = "notifications", params(("id" = i64, Path)), responses((status = 204), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn follow(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<StatusCode> {
    notifications::follow_proposal(&state.db, &req.0, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Stop following
#[utoipa::path(delete, path = "/api/v1/proposals/{id}/follow", tag = "notifications", params(("id" = i64, Path)), responses((status = 204), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn unfollow(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<StatusCode> {
    notifications::unfollow_proposal(&state.db, &req.0, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(serde::Deserialize)]
struct NotificationQuery {
    #[serde(default)]
    unread: bool,
    limit: Option<u64>,
}

/// The notification centre
#[utoipa::path(get, path = "/api/v1/me/notifications", tag = "notifications", params(("unread" = Option<bool>, Query), ("limit" = Option<u64>, Query)), responses((status = 200, body = NotificationPage), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn notifications_list(State(state): State<AppState>, req: Req, ApiQuery(q): ApiQuery<NotificationQuery>) -> Result<Json<NotificationPage>> {
    Ok(Json(notifications::list(&state.db, &req.0, q.unread, q.limit.unwrap_or(30)).await?))
}

/// Mark notifications read
#[utoipa::path(post, path = "/api/v1/me/notifications/read", tag = "notifications", request_body = MarkRead, responses((status = 200, description = "{ unread }"), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn mark_read(State(state): State<AppState>, req: Req, ApiJson(input): ApiJson<MarkRead>) -> Result<Json<serde_json::Value>> {
    let unread = notifications::mark_read(&state.db, &req.0, input).await?;
    Ok(Json(serde_json::json!({ "unread": unread })))
}

fn target_kind(kind: &str) -> Result<&'static str> {
    match kind {
        "proposals" | "proposal" => Ok("proposal"),
        "comments" | "comment" => Ok("comment"),
        _ => Err(crate::error::AppError::NotFound),
    }
}

/// Report a proposal
#[utoipa::path(post, path = "/api/v1/proposals/{id}/reports", tag = "moderation", params(("id" = i64, Path)), request_body = ReportInput, responses((status = 201), (status = 409, body = shared::ErrorBody), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn report_proposal(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<ReportInput>) -> Result<StatusCode> {
    moderation::report(&state.db, &req.0, "proposal", id, input).await?;
    Ok(StatusCode::CREATED)
}

/// Report a comment
#[utoipa::path(post, path = "/api/v1/comments/{id}/reports", tag = "moderation", params(("id" = i64, Path)), request_body = ReportInput, responses((status = 201), (status = 409, body = shared::ErrorBody), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn report_comment(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<ReportInput>) -> Result<StatusCode> {
    moderation::report(&state.db, &req.0, "comment", id, input).await?;
    Ok(StatusCode::CREATED)
}

/// Reported and hidden content (moderators)
#[utoipa::path(get, path = "/api/v1/moderation/queue", tag = "moderation", responses((status = 200, body = Items<ModerationItem>), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn moderation_queue(State(state): State<AppState>, req: Req) -> Result<Json<Items<ModerationItem>>> {
    Ok(Json(Items { items: moderation::queue(&state.db, &req.0).await? }))
}

/// Hide with a reason (moderators)
#[utoipa::path(post, path = "/api/v1/moderation/{kind}/{id}/hide", tag = "moderation", params(("kind" = String, Path, description = "proposals or comments"), ("id" = i64, Path)), request_body = ModerationInput, responses((status = 204), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn hide(State(state): State<AppState>, req: Req, ApiPath((kind, id)): ApiPath<(String, i64)>, ApiJson(input): ApiJson<ModerationInput>) -> Result<StatusCode> {
    moderation::decide(&state.db, &req.0, target_kind(&kind)?, id, true, input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Restore with a reason (moderators)
#[utoipa::path(post, path = "/api/v1/moderation/{kind}/{id}/restore", tag = "moderation", params(("kind" = String, Path, description = "proposals or comments"), ("id" = i64, Path)), request_body = ModerationInput, responses((status = 204), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn restore(State(state): State<AppState>, req: Req, ApiPath((kind, id)): ApiPath<(String, i64)>, ApiJson(input): ApiJson<ModerationInput>) -> Result<StatusCode> {
    moderation::decide(&state.db, &req.0, target_kind(&kind)?, id, false, input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Block an account from posting
#[utoipa::path(put, path = "/api/v1/moderation/users/{id}/block", tag = "moderation", params(("id" = i64, Path)), request_body = ModerationInput, responses((status = 204), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn block(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<ModerationInput>) -> Result<StatusCode> {
    moderation::block(&state.db, &req.0, id, true, input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Unblock an account
#[utoipa::path(delete, path = "/api/v1/moderation/users/{id}/block", tag = "moderation", params(("id" = i64, Path)), request_body = ModerationInput, responses((status = 204), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn unblock(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<ModerationInput>) -> Result<StatusCode> {
    moderation::block(&state.db, &req.0, id, false, input).await?;
    Ok(StatusCode::NO_CONTENT)
}
