//! Councils and their meetings over the REST API: councils and members,
//! meetings and their agenda, registration with the room's waiting list,
//! check-in at the door, the calendar file and the minutes. The rules are
//! in `services::meetings` and `services::minutes`.

use crate::auth::extract::Req;
use crate::error::{ApiJson, ApiPath, ApiQuery, Result};
use crate::routes::api::Items;
use crate::routes::download;
use crate::services::meetings::{
    self, AgendaInput, CheckInDto, CheckInInput, CouncilMembersInput, MeetingQuery,
};
use crate::services::minutes;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use shared::meeting::*;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/councils", get(list_councils).post(create_council))
        .route("/councils/{id}", get(get_council).put(update_council))
        .route("/councils/{id}/members", put(set_members))
        .route("/meetings", get(list_meetings).post(create_meeting))
        .route("/meetings/{id}", get(get_meeting).put(update_meeting))
        .route("/meetings/{id}/agenda", put(set_agenda))
        .route(
            "/meetings/{id}/registration",
            get(my_registration).put(register).delete(cancel),
        )
        .route("/meetings/{id}/check-in", post(check_in))
        .route("/meetings/{id}/calendar.ics", get(calendar))
        .route("/meetings/{id}/minutes", get(get_minutes).put(save_minutes))
}

/// Councils, subcommittees and forum teams, by name (public)
#[utoipa::path(get, path = "/api/v1/councils", tag = "meetings", responses((status = 200, body = Items<CouncilSummary>), (status = 429, body = shared::ErrorBody)))]
async fn list_councils(State(state): State<AppState>) -> Result<Json<Items<CouncilSummary>>> {
    Ok(Json(Items {
        items: meetings::list_councils(&state.db).await?,
    }))
}

/// Create a council, subcommittee or forum team (global admins)
#[utoipa::path(post, path = "/api/v1/councils", tag = "meetings", request_body = CouncilInput, responses((status = 201, body = CouncilDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn create_council(
    State(state): State<AppState>,
    req: Req,
    ApiJson(input): ApiJson<CouncilInput>,
) -> Result<(StatusCode, Json<CouncilDto>)> {
    Ok((
        StatusCode::CREATED,
        Json(meetings::create_council(&state.db, &req.0, input).await?),
    ))
}

/// A council with its members and the meetings one may see (public)
#[utoipa::path(get, path = "/api/v1/councils/{id}", tag = "meetings", params(("id" = i64, Path)), responses((status = 200, body = CouncilDto), (status = 400, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn get_council(
    State(state): State<AppState>,
    req: Req,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<CouncilDto>> {
    Ok(Json(meetings::get_council(&state.db, &req.0, id).await?))
}

/// Change a council (global admins)
#[utoipa::path(put, path = "/api/v1/councils/{id}", tag = "meetings", params(("id" = i64, Path)), request_body = CouncilInput, responses((status = 200, body = CouncilDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn update_council(
    State(state): State<AppState>,
    req: Req,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<CouncilInput>,
) -> Result<Json<CouncilDto>> {
    Ok(Json(
        meetings::update_council(&state.db, &req.0, id, input).await?,
    ))
}

/// Replace a council's members: side, organisation, chair or member (global admins)
#[utoipa::path(put, path = "/api/v1/councils/{id}/members", tag = "meetings", params(("id" = i64, Path)), request_body = CouncilMembersInput, responses((status = 200, body = CouncilDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn set_members(
    State(state): State<AppState>,
    req: Req,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<CouncilMembersInput>,
) -> Result<Json<CouncilDto>> {
    Ok(Json(
        meetings::set_members(&state.db, &req.0, id, input).await?,
    ))
}

/// The meetings one may see, upcoming first (public; members-only meetings to the council's members)
#[utoipa::path(get, path = "/api/v1/meetings", tag = "meetings", params(MeetingQuery), responses((status = 200, body = Items<MeetingSummary>), (status = 400, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn list_meetings(
    State(state): State<AppState>,
    req: Req,
    ApiQuery(q): ApiQuery<MeetingQuery>,
) -> Result<Json<Items<MeetingSummary>>> {
    Ok(Json(Items {
        items: meetings::list_meetings(&state.db, &req.0, &q).await?,
    }))
}

/// Create a meeting in a room, online or both (global admins, the council's chair or secretary and its parent council's chair)
#[utoipa::path(post, path = "/api/v1/meetings", tag = "meetings", request_body = MeetingInput, responses((status = 201, body = MeetingDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn create_meeting(
    State(state): State<AppState>,
    req: Req,
    ApiJson(input): ApiJson<MeetingInput>,
) -> Result<(StatusCode, Json<MeetingDto>)> {
    Ok((
        StatusCode::CREATED,
        Json(meetings::create_meeting(&state.db, &req.0, input).await?),
    ))
}

/// One meeting with its agenda, counts and one's registration (members-only meetings: 404 to others)
#[utoipa::path(get, path = "/api/v1/meetings/{id}", tag = "meetings", params(("id" = i64, Path)), responses((status = 200, body = MeetingDto), (status = 400, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn get_meeting(
    State(state): State<AppState>,
    req: Req,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<MeetingDto>> {
    Ok(Json(meetings::get_meeting(&state.db, &req.0, id).await?))
}

/// Change a meeting; a larger room promotes people from the waiting list (global admins, the council's chair or secretary and its parent council's chair)
#[utoipa::path(put, path = "/api/v1/meetings/{id}", tag = "meetings", params(("id" = i64, Path)), request_body = MeetingInput, responses((status = 200, body = MeetingDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn update_meeting(
    State(state): State<AppState>,
    req: Req,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<MeetingInput>,
) -> Result<Json<MeetingDto>> {
    Ok(Json(
        meetings::update_meeting(&state.db, &req.0, id, input).await?,
    ))
}

/// Replace the meeting's agenda with an ordered list (items given with their id are kept, with their minutes text); authors of proposals put on it are told (global admins, the council's chair or secretary and its parent council's chair)
#[utoipa::path(put, path = "/api/v1/meetings/{id}/agenda", tag = "meetings", params(("id" = i64, Path)), request_body = AgendaInput, responses((status = 200, body = MeetingDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn set_agenda(
    State(state): State<AppState>,
    req: Req,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<AgendaInput>,
) -> Result<Json<MeetingDto>> {
    Ok(Json(
        meetings::set_agenda(&state.db, &state.live, &req.0, id, input).await?,
    ))
}

/// One's registration for the meeting, with the check-in code for a room seat
#[utoipa::path(get, path = "/api/v1/meetings/{id}/registration", tag = "meetings", params(("id" = i64, Path)), responses((status = 200, body = RegistrationDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn my_registration(
    State(state): State<AppState>,
    req: Req,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<RegistrationDto>> {
    Ok(Json(
        meetings::my_registration(&state.db, &req.0, id).await?,
    ))
}

/// Register in the room or online, or change the mode; a full room puts one on its waiting list
#[utoipa::path(put, path = "/api/v1/meetings/{id}/registration", tag = "meetings", params(("id" = i64, Path)), request_body = RegistrationInput, responses((status = 200, body = RegistrationDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn register(
    State(state): State<AppState>,
    req: Req,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<RegistrationInput>,
) -> Result<Json<RegistrationDto>> {
    Ok(Json(
        meetings::register(&state.db, &req.0, id, input).await?,
    ))
}

/// Cancel one's registration; the first person waiting takes the seat and is told
#[utoipa::path(delete, path = "/api/v1/meetings/{id}/registration", tag = "meetings", params(("id" = i64, Path)), responses((status = 204), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn cancel(
    State(state): State<AppState>,
    req: Req,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode> {
    meetings::cancel(&state.db, &req.0, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Check a person in at the door by their code: 422 malformed, 404 unknown, 409 used (global admins, the council's chair or secretary and its parent council's chair)
#[utoipa::path(post, path = "/api/v1/meetings/{id}/check-in", tag = "meetings", params(("id" = i64, Path)), request_body = CheckInInput, responses((status = 200, body = CheckInDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 409, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn check_in(
    State(state): State<AppState>,
    req: Req,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<CheckInInput>,
) -> Result<Json<CheckInDto>> {
    Ok(Json(
        meetings::check_in_by_code(&state.db, &state.live, &req.0, id, input).await?,
    ))
}

/// The meeting as a calendar file (RFC 5545, times in UTC, a reminder the day before)
#[utoipa::path(get, path = "/api/v1/meetings/{id}/calendar.ics", tag = "meetings", params(("id" = i64, Path)), responses((status = 200, content_type = "text/calendar", body = String), (status = 400, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn calendar(
    State(state): State<AppState>,
    req: Req,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response> {
    let ics = meetings::calendar(&state.db, &req.0, id).await?;
    Ok(download(
        ics.into_bytes(),
        "text/calendar; charset=utf-8",
        &format!("meeting-{id}.ics"),
    ))
}

/// The meeting's minutes: published ones to whoever may see the meeting; the draft (or a blank one) to the people who run it; 404 otherwise
#[utoipa::path(get, path = "/api/v1/meetings/{id}/minutes", tag = "meetings", params(("id" = i64, Path)), responses((status = 200, body = MinutesDto), (status = 400, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn get_minutes(
    State(state): State<AppState>,
    req: Req,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<MinutesDto>> {
    Ok(Json(minutes::get(&state.db, &req.0, id).await?))
}

/// Save the minutes (decisions and summary per agenda item) as a draft, publish them once the meeting has ended (the linked proposals' timelines get the decisions; their authors and followers and the registrants are told once), or edit published ones (global admins, the council's chair or secretary and its parent council's chair)
#[utoipa::path(put, path = "/api/v1/meetings/{id}/minutes", tag = "meetings", params(("id" = i64, Path)), request_body = MinutesInput, responses((status = 200, body = MinutesDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn save_minutes(
    State(state): State<AppState>,
    req: Req,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<MinutesInput>,
) -> Result<Json<MinutesDto>> {
    Ok(Json(minutes::save(&state.db, &req.0, id, input).await?))
}
