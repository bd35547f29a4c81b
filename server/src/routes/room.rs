//! The live room of meetings over the REST API: the full state (loaded on
//! first connect and after a `resync`), joining (presence online), the
//! current agenda item, questions with upvotes and moderation, and raised
//! hands. The rules are in `services::room`; changes reach readers through
//! `GET /api/v1/meetings/{id}/events` (`routes::live`).

use crate::auth::extract::Req;
use crate::error::{ApiJson, ApiPath, Result};
use crate::routes::api::Items;
use crate::services::room;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use shared::meeting::*;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/meetings/{id}/live", get(live_state))
        .route("/meetings/{id}/join", post(join))
        .route("/meetings/{id}/current-item", put(move_current_item))
        .route("/meetings/{id}/questions", get(list_questions).post(post_question))
        .route("/questions/{id}/upvote", put(upvote).delete(withdraw_upvote))
        .route("/questions/{id}/state", put(moderate_question))
        .route("/meetings/{id}/hands", get(list_hands).post(raise_hand).delete(lower_own_hand))
        .route("/meetings/{id}/hands/next", post(call_next_hand))
        .route("/meetings/{id}/hands/{user_id}", delete(lower_hand))
        .route("/meetings/{id}/hands/{user_id}/call", post(call_hand))
}

/// The hand called, or 204 when no hand was there to call.
fn called(hand: Option<HandDto>) -> Response {
    match hand {
        Some(h) => Json(h).into_response(),
        None => StatusCode::NO_CONTENT.into_response(),
    }
}

/// The live room's full state for the person asking: agenda and current item, questions (hidden ones only for the staff), raised hands, the open poll, attendance by mode, the event id to resume from
#[utoipa::path(get, path = "/api/v1/meetings/{id}/live", tag = "meetings", params(("id" = i64, Path)), responses((status = 200, body = LiveStateDto), (status = 400, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn live_state(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<LiveStateDto>> {
    Ok(Json(room::state(&state.db, &req.0, id).await?))
}

/// Open the live room: a person registered online is counted present online once (from an hour before the start until the end); returns the state
#[utoipa::path(post, path = "/api/v1/meetings/{id}/join", tag = "meetings", params(("id" = i64, Path)), responses((status = 200, body = LiveStateDto), (status = 400, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security((), ("bearer" = []), ("session_cookie" = [])))]
async fn join(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<LiveStateDto>> {
    Ok(Json(room::join(&state.db, &state.live, &req.0, id).await?))
}

/// Move the live room to an agenda item of this meeting, to none, or a step (next, previous) (the meeting's staff)
#[utoipa::path(put, path = "/api/v1/meetings/{id}/current-item", tag = "meetings", params(("id" = i64, Path)), request_body = MoveAgendaInput, responses((status = 200, body = LiveStateDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn move_current_item(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<MoveAgendaInput>) -> Result<Json<LiveStateDto>> {
    Ok(Json(room::move_agenda(&state.db, &state.live, &req.0, id, input).await?))
}

/// The meeting's questions in queue order: queued by upvotes, then answered (hidden ones only for the staff)
#[utoipa::path(get, path = "/api/v1/meetings/{id}/questions", tag = "meetings", params(("id" = i64, Path)), responses((status = 200, body = Items<QuestionDto>), (status = 400, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn list_questions(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<Items<QuestionDto>>> {
    Ok(Json(Items { items: room::questions(&state.db, &req.0, id).await? }))
}

/// Ask a question: people checked in at the room, registered online, or running the meeting (403 otherwise; 409 once ended)
#[utoipa::path(post, path = "/api/v1/meetings/{id}/questions", tag = "meetings", params(("id" = i64, Path)), request_body = QuestionInput, responses((status = 201, body = QuestionDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn post_question(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<QuestionInput>) -> Result<(StatusCode, Json<QuestionDto>)> {
    Ok((StatusCode::CREATED, Json(room::post_question(&state.db, &state.live, &req.0, id, input).await?)))
}

/// Upvote a question, once per person (idempotent); not one's own (409)
#[utoipa::path(put, path = "/api/v1/questions/{id}/upvote", tag = "meetings", params(("id" = i64, Path)), responses((status = 200, body = QuestionDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn upvote(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<QuestionDto>> {
    Ok(Json(room::upvote_question(&state.db, &state.live, &req.0, id, true).await?))
}

/// Take one's upvote of a question back (idempotent)
#[utoipa::path(delete, path = "/api/v1/questions/{id}/upvote", tag = "meetings", params(("id" = i64, Path)), responses((status = 200, body = QuestionDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn withdraw_upvote(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<QuestionDto>> {
    Ok(Json(room::upvote_question(&state.db, &state.live, &req.0, id, false).await?))
}

/// Mark a question answered, hidden or queued again; hidden questions are the staff's only (the meeting's staff)
#[utoipa::path(put, path = "/api/v1/questions/{id}/state", tag = "meetings", params(("id" = i64, Path)), request_body = QuestionModerationInput, responses((status = 200, body = QuestionDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn moderate_question(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<QuestionModerationInput>) -> Result<Json<QuestionDto>> {
    Ok(Json(room::moderate_question(&state.db, &state.live, &req.0, id, input).await?))
}

/// The raised hands (requests to speak), in the order raised
#[utoipa::path(get, path = "/api/v1/meetings/{id}/hands", tag = "meetings", params(("id" = i64, Path)), responses((status = 200, body = Items<HandDto>), (status = 400, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn list_hands(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<Items<HandDto>>> {
    Ok(Json(Items { items: room::hands(&state.db, &req.0, id).await? }))
}

/// Raise one's hand at the end of the queue (idempotent): people checked in at the room or registered online, while the room is open (409 otherwise)
#[utoipa::path(post, path = "/api/v1/meetings/{id}/hands", tag = "meetings", params(("id" = i64, Path)), responses((status = 200, body = HandDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn raise_hand(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<HandDto>> {
    Ok(Json(room::raise_hand(&state.db, &state.live, &req.0, id).await?))
}

/// Lower one's own hand (idempotent)
#[utoipa::path(delete, path = "/api/v1/meetings/{id}/hands", tag = "meetings", params(("id" = i64, Path)), responses((status = 204), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn lower_own_hand(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<StatusCode> {
    room::lower_hand(&state.db, &state.live, &req.0, id, None).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Lower a person's hand (one's own, or anyone's for the meeting's staff)
#[utoipa::path(delete, path = "/api/v1/meetings/{id}/hands/{user_id}", tag = "meetings", params(("id" = i64, Path), ("user_id" = i64, Path)), responses((status = 204), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn lower_hand(State(state): State<AppState>, req: Req, ApiPath((id, user_id)): ApiPath<(i64, i64)>) -> Result<StatusCode> {
    room::lower_hand(&state.db, &state.live, &req.0, id, Some(user_id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Give the floor to the first hand in the queue; 204 when nobody waits (the meeting's staff)
#[utoipa::path(post, path = "/api/v1/meetings/{id}/hands/next", tag = "meetings", params(("id" = i64, Path)), responses((status = 200, body = HandDto), (status = 204), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn call_next_hand(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Response> {
    Ok(called(room::call_hand(&state.db, &state.live, &req.0, id, None).await?))
}

/// Give the floor to a person whose hand is raised; 204 when it is not (the meeting's staff)
#[utoipa::path(post, path = "/api/v1/meetings/{id}/hands/{user_id}/call", tag = "meetings", params(("id" = i64, Path), ("user_id" = i64, Path)), responses((status = 200, body = HandDto), (status = 204), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn call_hand(State(state): State<AppState>, req: Req, ApiPath((id, user_id)): ApiPath<(i64, i64)>) -> Result<Response> {
    Ok(called(room::call_hand(&state.db, &state.live, &req.0, id, Some(user_id)).await?))
}
