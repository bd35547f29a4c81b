//! Committee review over the REST API: committees, rounds, assignments,
//! conflicts, score sheets, discussion, progress, ranking, decisions and the
//! public report (with CSV and XLSX downloads). The rules are in
//! `services::review`; these handlers only translate.

use crate::auth::extract::Req;
use crate::error::{ApiJson, ApiPath, ApiQuery, Result};
use crate::routes::api::Items;
use crate::services::review;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use crate::routes::download;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use shared::review::*;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/committees", get(list_committees).post(create_committee))
        .route("/committees/{id}", get(get_committee).put(update_committee))
        .route("/rounds", get(list_rounds).post(create_round))
        .route("/me/rounds", get(my_rounds))
        .route("/rounds/{id}", get(get_round).put(update_round))
        .route("/rounds/{id}/open", post(open_round))
        .route("/rounds/{id}/close", post(close_round))
        .route("/rounds/{id}/queue", get(queue))
        .route("/rounds/{id}/progress", get(progress))
        .route("/rounds/{id}/reminders", post(remind))
        .route("/rounds/{id}/conflicts", post(declare_conflict))
        .route("/rounds/{id}/proposals/{pid}", get(review_proposal))
        .route("/rounds/{id}/proposals/{pid}/sheet", get(get_sheet).put(save_sheet))
        .route("/rounds/{id}/proposals/{pid}/sheets", get(peer_sheets))
        .route("/rounds/{id}/proposals/{pid}/discussion", get(discussion).post(post_discussion))
        .route("/rounds/{id}/ranking", get(ranking))
        .route("/rounds/{id}/decisions", post(decide))
        .route("/rounds/{id}/decisions/{pid}", put(edit_rationale))
        .route("/rounds/{id}/report", get(report))
        .route("/rounds/{id}/report.csv", get(report_csv))
        .route("/rounds/{id}/report.xlsx", get(report_xlsx))
}

/// Which rounds to list.
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RoundsQuery {
    /// Only the rounds of this process.
    pub process_id: Option<i64>,
}

/// Create a committee (심사위원회) for a process, with its members and chair (admins of the process)
#[utoipa::path(post, path = "/api/v1/committees", tag = "review", request_body = CommitteeInput, responses((status = 201, body = CommitteeDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn create_committee(State(state): State<AppState>, req: Req, ApiJson(input): ApiJson<CommitteeInput>) -> Result<(StatusCode, Json<CommitteeDto>)> {
    Ok((StatusCode::CREATED, Json(review::create_committee(&state.db, &req.0, input).await?)))
}

/// The committees the person asking manages or sits on
#[utoipa::path(get, path = "/api/v1/committees", tag = "review", responses((status = 200, body = Items<CommitteeDto>), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn list_committees(State(state): State<AppState>, req: Req) -> Result<Json<Items<CommitteeDto>>> {
    Ok(Json(Items { items: review::list_committees(&state.db, &req.0).await? }))
}

/// One committee (its members and the process's admins)
#[utoipa::path(get, path = "/api/v1/committees/{id}", tag = "review", params(("id" = i64, Path)), responses((status = 200, body = CommitteeDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn get_committee(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<CommitteeDto>> {
    Ok(Json(review::get_committee(&state.db, &req.0, id).await?))
}

/// Change a committee; the members listed replace the membership
#[utoipa::path(put, path = "/api/v1/committees/{id}", tag = "review", params(("id" = i64, Path)), request_body = CommitteeInput, responses((status = 200, body = CommitteeDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn update_committee(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<CommitteeInput>) -> Result<Json<CommitteeDto>> {
    Ok(Json(review::update_committee(&state.db, &req.0, id, input).await?))
}

/// Create a review round in preparation: eligibility, rubric, reviewers per proposal, deadline, blind review, public weight, method
#[utoipa::path(post, path = "/api/v1/rounds", tag = "review", request_body = RoundInput, responses((status = 201, body = RoundDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn create_round(State(state): State<AppState>, req: Req, ApiJson(input): ApiJson<RoundInput>) -> Result<(StatusCode, Json<RoundDto>)> {
    Ok((StatusCode::CREATED, Json(review::create_round(&state.db, &req.0, input).await?)))
}

/// Review rounds, optionally of one process (public)
#[utoipa::path(get, path = "/api/v1/rounds", tag = "review", params(RoundsQuery), responses((status = 200, body = Items<RoundSummary>), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn list_rounds(State(state): State<AppState>, req: Req, ApiQuery(q): ApiQuery<RoundsQuery>) -> Result<Json<Items<RoundSummary>>> {
    Ok(Json(Items { items: review::list_rounds(&state.db, &req.0, q.process_id).await? }))
}

/// The rounds of the committees the person asking sits on
#[utoipa::path(get, path = "/api/v1/me/rounds", tag = "review", responses((status = 200, body = Items<RoundSummary>), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn my_rounds(State(state): State<AppState>, req: Req) -> Result<Json<Items<RoundSummary>>> {
    Ok(Json(Items { items: review::my_rounds(&state.db, &req.0).await? }))
}

/// One round (public); `access` tells what the person asking may do
#[utoipa::path(get, path = "/api/v1/rounds/{id}", tag = "review", params(("id" = i64, Path)), responses((status = 200, body = RoundDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn get_round(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<RoundDto>> {
    Ok(Json(review::get_round(&state.db, &req.0, id).await?))
}

/// Change a round while in preparation (409 once open)
#[utoipa::path(put, path = "/api/v1/rounds/{id}", tag = "review", params(("id" = i64, Path)), request_body = RoundInput, responses((status = 200, body = RoundDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn update_round(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<RoundInput>) -> Result<Json<RoundDto>> {
    Ok(Json(review::update_round(&state.db, &req.0, id, input).await?))
}

/// Open a round: freeze its proposals, record automatic conflicts of interest, assign reviewers evenly and notify them
#[utoipa::path(post, path = "/api/v1/rounds/{id}/open", tag = "review", params(("id" = i64, Path)), responses((status = 200, body = RoundDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn open_round(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<RoundDto>> {
    Ok(Json(review::open_round(&state.db, &req.0, id).await?))
}

/// Close a round (chair or the process's admins): scores freeze, the report becomes public
#[utoipa::path(post, path = "/api/v1/rounds/{id}/close", tag = "review", params(("id" = i64, Path)), responses((status = 200, body = RoundDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn close_round(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<RoundDto>> {
    Ok(Json(review::close_round(&state.db, &req.0, id).await?))
}

/// The signed-in reviewer's queue in the round, with progress
#[utoipa::path(get, path = "/api/v1/rounds/{id}/queue", tag = "review", params(("id" = i64, Path)), responses((status = 200, body = QueueDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn queue(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<QueueDto>> {
    Ok(Json(review::queue(&state.db, &req.0, id).await?))
}

/// Progress per reviewer and per proposal, assignments and conflicts (chair and the process's admins)
#[utoipa::path(get, path = "/api/v1/rounds/{id}/progress", tag = "review", params(("id" = i64, Path)), responses((status = 200, body = ProgressDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn progress(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<ProgressDto>> {
    Ok(Json(review::progress(&state.db, &req.0, id).await?))
}

/// Remind every reviewer with unsubmitted assignments (chair)
#[utoipa::path(post, path = "/api/v1/rounds/{id}/reminders", tag = "review", params(("id" = i64, Path)), responses((status = 200, body = ReminderReceipt), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn remind(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<ReminderReceipt>> {
    Ok(Json(review::remind(&state.db, &req.0, id).await?))
}

/// Declare a conflict of interest with a proposal of the round (the assignment moves to another member)
#[utoipa::path(post, path = "/api/v1/rounds/{id}/conflicts", tag = "review", params(("id" = i64, Path)), request_body = ConflictInput, responses((status = 201, body = ConflictDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn declare_conflict(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<ConflictInput>) -> Result<(StatusCode, Json<ConflictDto>)> {
    Ok((StatusCode::CREATED, Json(review::declare_conflict(&state.db, &req.0, id, input).await?)))
}

/// A proposal as a reviewer sees it (blind rounds leave out the proposer)
#[utoipa::path(get, path = "/api/v1/rounds/{id}/proposals/{pid}", tag = "review", params(("id" = i64, Path), ("pid" = i64, Path)), responses((status = 200, body = ReviewProposalDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn review_proposal(State(state): State<AppState>, req: Req, ApiPath((id, pid)): ApiPath<(i64, i64)>) -> Result<Json<ReviewProposalDto>> {
    Ok(Json(review::proposal(&state.db, &req.0, id, pid).await?))
}

/// The signed-in reviewer's own score sheet, with its submitted history
#[utoipa::path(get, path = "/api/v1/rounds/{id}/proposals/{pid}/sheet", tag = "review", params(("id" = i64, Path), ("pid" = i64, Path)), responses((status = 200, body = SheetDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn get_sheet(State(state): State<AppState>, req: Req, ApiPath((id, pid)): ApiPath<(i64, i64)>) -> Result<Json<SheetDto>> {
    Ok(Json(review::sheet(&state.db, &req.0, id, pid).await?))
}

/// Save the score sheet as a draft, or submit it ("submit": true; changeable until the round closes)
#[utoipa::path(put, path = "/api/v1/rounds/{id}/proposals/{pid}/sheet", tag = "review", params(("id" = i64, Path), ("pid" = i64, Path)), request_body = SheetInput, responses((status = 200, body = SheetDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn save_sheet(State(state): State<AppState>, req: Req, ApiPath((id, pid)): ApiPath<(i64, i64)>, ApiJson(input): ApiJson<SheetInput>) -> Result<Json<SheetDto>> {
    Ok(Json(review::save_sheet(&state.db, &req.0, id, pid, input).await?))
}

/// Other reviewers' submitted sheets (only after submitting one's own)
#[utoipa::path(get, path = "/api/v1/rounds/{id}/proposals/{pid}/sheets", tag = "review", params(("id" = i64, Path), ("pid" = i64, Path)), responses((status = 200, body = Items<PeerSheetDto>), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn peer_sheets(State(state): State<AppState>, req: Req, ApiPath((id, pid)): ApiPath<(i64, i64)>) -> Result<Json<Items<PeerSheetDto>>> {
    Ok(Json(Items { items: review::peer_sheets(&state.db, &req.0, id, pid).await? }))
}

/// The committee's private discussion on a proposal
#[utoipa::path(get, path = "/api/v1/rounds/{id}/proposals/{pid}/discussion", tag = "review", params(("id" = i64, Path), ("pid" = i64, Path)), responses((status = 200, body = Items<DiscussionMessageDto>), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn discussion(State(state): State<AppState>, req: Req, ApiPath((id, pid)): ApiPath<(i64, i64)>) -> Result<Json<Items<DiscussionMessageDto>>> {
    Ok(Json(Items { items: review::discussion(&state.db, &req.0, id, pid).await? }))
}

/// Post to the committee's private discussion on a proposal
#[utoipa::path(post, path = "/api/v1/rounds/{id}/proposals/{pid}/discussion", tag = "review", params(("id" = i64, Path), ("pid" = i64, Path)), request_body = DiscussionInput, responses((status = 201, body = DiscussionMessageDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn post_discussion(State(state): State<AppState>, req: Req, ApiPath((id, pid)): ApiPath<(i64, i64)>, ApiJson(input): ApiJson<DiscussionInput>) -> Result<(StatusCode, Json<DiscussionMessageDto>)> {
    Ok((StatusCode::CREATED, Json(review::post_discussion(&state.db, &req.0, id, pid, input).await?)))
}

/// The committee's ranking with each component (chair; members once their scores are all in)
#[utoipa::path(get, path = "/api/v1/rounds/{id}/ranking", tag = "review", params(("id" = i64, Path)), responses((status = 200, body = RankingDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn ranking(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<RankingDto>> {
    Ok(Json(review::ranking(&state.db, &req.0, id).await?))
}

/// Shortlist, select or not select a proposal with a public rationale (chair)
#[utoipa::path(post, path = "/api/v1/rounds/{id}/decisions", tag = "review", params(("id" = i64, Path)), request_body = DecisionInput, responses((status = 201, body = DecisionDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn decide(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>, ApiJson(input): ApiJson<DecisionInput>) -> Result<(StatusCode, Json<DecisionDto>)> {
    Ok((StatusCode::CREATED, Json(review::decide(&state.db, &req.0, id, input).await?)))
}

/// Change a decision's public rationale (chair)
#[utoipa::path(put, path = "/api/v1/rounds/{id}/decisions/{pid}", tag = "review", params(("id" = i64, Path), ("pid" = i64, Path)), request_body = RationaleInput, responses((status = 200, body = DecisionDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn edit_rationale(State(state): State<AppState>, req: Req, ApiPath((id, pid)): ApiPath<(i64, i64)>, ApiJson(input): ApiJson<RationaleInput>) -> Result<Json<DecisionDto>> {
    Ok(Json(review::edit_rationale(&state.db, &req.0, id, pid, input).await?))
}

/// The public report of a closed round (409 before it closes)
#[utoipa::path(get, path = "/api/v1/rounds/{id}/report", tag = "review", params(("id" = i64, Path)), responses((status = 200, body = ReportDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn report(State(state): State<AppState>, ApiPath(id): ApiPath<i64>) -> Result<Json<ReportDto>> {
    Ok(Json(review::report(&state.db, id).await?))
}


/// The public report as CSV (UTF-8 with a byte-order mark)
#[utoipa::path(get, path = "/api/v1/rounds/{id}/report.csv", tag = "review", params(("id" = i64, Path)), responses((status = 200, content_type = "text/csv", body = String), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody)))]
async fn report_csv(State(state): State<AppState>, ApiPath(id): ApiPath<i64>) -> Result<Response> {
    let report = review::report(&state.db, id).await?;
    Ok(download(review::report_csv(&report).into_bytes(), "text/csv; charset=utf-8", &format!("review-round-{id}.csv")))
}

/// The public report as an XLSX workbook (ranking, rules, conflicts)
#[utoipa::path(get, path = "/api/v1/rounds/{id}/report.xlsx", tag = "review", params(("id" = i64, Path)), responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody)))]
async fn report_xlsx(State(state): State<AppState>, ApiPath(id): ApiPath<i64>) -> Result<Response> {
    let report = review::report(&state.db, id).await?;
    let bytes = review::report_xlsx(&report)?;
    Ok(download(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", &format!("review-round-{id}.xlsx")))
}
