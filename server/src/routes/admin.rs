//! Organisations and administration over the REST API. The list of
//! organisations is public; everything else asks the policy (403 for
//! anyone without the role).

use crate::auth::extract::Req;
use crate::error::{ApiJson, ApiPath, ApiQuery, Result};
use crate::routes::api::Items;
use crate::services::access;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use shared::access::{AdminUserDto, MemberDto, MemberInput, OrganisationDto, OrganisationInput, RoleGrantDto, RoleGrantInput};
use shared::account::VerificationLevel;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/organisations", get(list_organisations).post(create_organisation))
        .route("/organisations/{id}/members", get(list_members).post(add_member))
        .route("/organisations/{id}/members/{user_id}", delete(remove_member))
        .route("/admin/users", get(list_users))
        .route("/admin/users/{id}/verification", put(set_verification))
        .route("/admin/role-grants", post(grant_role))
        .route("/admin/role-grants/{id}", delete(revoke_role))
        .route("/admin/audit-log", get(audit_log))
}

async fn list_organisations(State(state): State<AppState>) -> Result<Json<Items<OrganisationDto>>> {
    Ok(Json(Items { items: access::list_organisations(&state.db).await? }))
}

async fn create_organisation(
    State(state): State<AppState>,
    req: Req,
    ApiJson(input): ApiJson<OrganisationInput>,
) -> Result<(StatusCode, Json<OrganisationDto>)> {
    Ok((StatusCode::CREATED, Json(access::create_organisation(&state.db, &req.0, input).await?)))
}

async fn list_members(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<Items<MemberDto>>> {
    Ok(Json(Items { items: access::list_members(&state.db, &req.0, id).await? }))
}

async fn add_member(
    State(state): State<AppState>,
    req: Req,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<MemberInput>,
) -> Result<(StatusCode, Json<MemberDto>)> {
    Ok((StatusCode::CREATED, Json(access::add_member(&state.db, &req.0, id, input).await?)))
}

async fn remove_member(State(state): State<AppState>, req: Req, ApiPath((id, user_id)): ApiPath<(i64, i64)>) -> Result<StatusCode> {
    access::remove_member(&state.db, &req.0, id, user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(serde::Deserialize)]
struct UserQuery {
    q: Option<String>,
    limit: Option<u64>,
}

async fn list_users(State(state): State<AppState>, req: Req, ApiQuery(q): ApiQuery<UserQuery>) -> Result<Json<Items<AdminUserDto>>> {
    Ok(Json(Items { items: access::list_users(&state.db, &req.0, q.q.as_deref(), q.limit.unwrap_or(50)).await? }))
}

#[derive(serde::Deserialize)]
struct VerificationInput {
    level: VerificationLevel,
}

async fn set_verification(
    State(state): State<AppState>,
    req: Req,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<VerificationInput>,
) -> Result<StatusCode> {
    access::set_verification(&state.db, &req.0, id, input.level).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn grant_role(State(state): State<AppState>, req: Req, ApiJson(input): ApiJson<RoleGrantInput>) -> Result<(StatusCode, Json<RoleGrantDto>)> {
    Ok((StatusCode::CREATED, Json(access::grant_role(&state.db, &req.0, input).await?)))
}

async fn revoke_role(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<StatusCode> {
    access::revoke_role(&state.db, &req.0, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(serde::Deserialize)]
struct Limit {
    limit: Option<u64>,
}

async fn audit_log(State(state): State<AppState>, req: Req, ApiQuery(q): ApiQuery<Limit>) -> Result<Json<Items<serde_json::Value>>> {
    Ok(Json(Items { items: access::audit_log(&state.db, &req.0, q.limit.unwrap_or(100)).await? }))
}
