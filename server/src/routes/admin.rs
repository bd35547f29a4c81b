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

/// Organisations
#[utoipa::path(get, path = "/api/v1/organisations", tag = "administration", responses((status = 200, body = Items<OrganisationDto>), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn list_organisations(State(state): State<AppState>) -> Result<Json<Items<OrganisationDto>>> {
    Ok(Json(Items { items: access::list_organisations(&state.db).await? }))
}

/// Create an organisation (global admins)
#[utoipa::path(post, path = "/api/v1/organisations", tag = "administration", request_body = OrganisationInput, responses((status = 201, body = OrganisationDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn create_organisation(
    State(state): State<AppState>,
    req: Req,
    ApiJson(input): ApiJson<OrganisationInput>,
) -> Result<(StatusCode, Json<OrganisationDto>)> {
    Ok((StatusCode::CREATED, Json(access::create_organisation(&state.db, &req.0, input).await?)))
}

/// Members of an organisation
#[utoipa::path(get, path = "/api/v1/organisations/{id}/members", tag = "administration", params(("id" = i64, Path)), responses((status = 200, body = Items<MemberDto>), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn list_members(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<Json<Items<MemberDto>>> {
    Ok(Json(Items { items: access::list_members(&state.db, &req.0, id).await? }))
}

/// Add a member
#[utoipa::path(post, path = "/api/v1/organisations/{id}/members", tag = "administration", params(("id" = i64, Path)), request_body = MemberInput, responses((status = 201, body = MemberDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn add_member(
    State(state): State<AppState>,
    req: Req,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<MemberInput>,
) -> Result<(StatusCode, Json<MemberDto>)> {
    Ok((StatusCode::CREATED, Json(access::add_member(&state.db, &req.0, id, input).await?)))
}

/// Remove a member
#[utoipa::path(delete, path = "/api/v1/organisations/{id}/members/{user_id}", tag = "administration", params(("id" = i64, Path), ("user_id" = i64, Path)), responses((status = 204), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn remove_member(State(state): State<AppState>, req: Req, ApiPath((id, user_id)): ApiPath<(i64, i64)>) -> Result<StatusCode> {
    access::remove_member(&state.db, &req.0, id, user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(serde::Deserialize)]
struct UserQuery {
    q: Option<String>,
    limit: Option<u64>,
}

/// Accounts with roles
#[utoipa::path(get, path = "/api/v1/admin/users", tag = "administration", params(("q" = Option<String>, Query), ("limit" = Option<u64>, Query)), responses((status = 200, body = Items<AdminUserDto>), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn list_users(State(state): State<AppState>, req: Req, ApiQuery(q): ApiQuery<UserQuery>) -> Result<Json<Items<AdminUserDto>>> {
    Ok(Json(Items { items: access::list_users(&state.db, &req.0, q.q.as_deref(), q.limit.unwrap_or(50)).await? }))
}

#[derive(serde::Deserialize)]
struct VerificationInput {
    level: VerificationLevel,
}

/// Set the verification level
#[utoipa::path(put, path = "/api/v1/admin/users/{id}/verification", tag = "administration", params(("id" = i64, Path)), responses((status = 204), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn set_verification(
    State(state): State<AppState>,
    req: Req,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<VerificationInput>,
) -> Result<StatusCode> {
    access::set_verification(&state.db, &req.0, id, input.level).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Grant a role, globally or in a scope
#[utoipa::path(post, path = "/api/v1/admin/role-grants", tag = "administration", request_body = RoleGrantInput, responses((status = 201, body = RoleGrantDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn grant_role(State(state): State<AppState>, req: Req, ApiJson(input): ApiJson<RoleGrantInput>) -> Result<(StatusCode, Json<RoleGrantDto>)> {
    Ok((StatusCode::CREATED, Json(access::grant_role(&state.db, &req.0, input).await?)))
}

/// Revoke a role grant
#[utoipa::path(delete, path = "/api/v1/admin/role-grants/{id}", tag = "administration", params(("id" = i64, Path)), responses((status = 204), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn revoke_role(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<StatusCode> {
    access::revoke_role(&state.db, &req.0, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(serde::Deserialize)]
struct Limit {
    limit: Option<u64>,
}

/// The audit log (global admins)
#[utoipa::path(get, path = "/api/v1/admin/audit-log", tag = "administration", params(("limit" = Option<u64>, Query)), responses((status = 200, description = "The latest audit entries"), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn audit_log(State(state): State<AppState>, req: Req, ApiQuery(q): ApiQuery<Limit>) -> Result<Json<Items<serde_json::Value>>> {
    Ok(Json(Items { items: access::audit_log(&state.db, &req.0, q.limit.unwrap_or(100)).await? }))
}
