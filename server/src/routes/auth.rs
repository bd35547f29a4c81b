//! Accounts over the REST API: `/api/v1/auth/sign-up`, `/auth/sign-in`,
//! `/auth/sign-out`, `/me`, `/me/password`. Cookie sessions (the same as the
//! pages); state-changing requests pass the cross-site check first.

use crate::auth::extract::Req;
use crate::error::{ApiJson, ApiPath, AppError, Result};
use crate::routes::api::Items;
use crate::services::{accounts, oidc, privacy, tokens};
use crate::state::AppState;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use shared::access::{ApiTokenDto, ApiTokenInput, CreatedApiToken, DeleteAccountInput, IdentityDto, ProviderDto};
use shared::account::{PasswordChangeInput, SignInInput, SignUpInput, UserDto};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/auth/sign-up", post(sign_up))
        .route("/auth/sign-in", post(sign_in))
        .route("/auth/sign-out", post(sign_out))
        .route("/auth/providers", get(providers))
        .route("/me", get(get_me).delete(delete_me))
        .route("/me/password", post(change_password))
        .route("/me/identities", get(identities))
        .route("/me/identities/{id}", delete(unlink))
        .route("/me/tokens", get(list_tokens).post(create_token))
        .route("/me/tokens/{id}", delete(revoke_token))
        .route("/me/export", get(export))
}

/// Configured sign-in providers
#[utoipa::path(get, path = "/api/v1/auth/providers", tag = "accounts", responses((status = 200, body = Items<ProviderDto>), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn providers(State(state): State<AppState>) -> Json<Items<ProviderDto>> {
    Json(Items { items: state.providers.public_list() })
}

/// Linked providers
#[utoipa::path(get, path = "/api/v1/me/identities", tag = "accounts", responses((status = 200, body = Items<IdentityDto>), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn identities(State(state): State<AppState>, req: Req) -> Result<Json<Items<IdentityDto>>> {
    Ok(Json(Items { items: oidc::list_identities(&state.db, &state.providers, &req.0).await? }))
}

/// Unlink a provider (never the last way in)
#[utoipa::path(delete, path = "/api/v1/me/identities/{id}", tag = "accounts", params(("id" = i64, Path)), responses((status = 204), (status = 409, body = shared::ErrorBody), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn unlink(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<StatusCode> {
    oidc::unlink(&state.db, &req.0, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Personal API tokens
#[utoipa::path(get, path = "/api/v1/me/tokens", tag = "accounts", responses((status = 200, body = Items<ApiTokenDto>), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn list_tokens(State(state): State<AppState>, req: Req) -> Result<Json<Items<ApiTokenDto>>> {
    Ok(Json(Items { items: tokens::list(&state.db, &req.0).await? }))
}

/// Create a token (shown once; needs a browser session)
#[utoipa::path(post, path = "/api/v1/me/tokens", tag = "accounts", request_body = ApiTokenInput, responses((status = 201, body = CreatedApiToken), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn create_token(State(state): State<AppState>, req: Req, ApiJson(input): ApiJson<ApiTokenInput>) -> Result<(StatusCode, Json<CreatedApiToken>)> {
    Ok((StatusCode::CREATED, Json(tokens::create(&state.db, &req.0, input).await?)))
}

/// Revoke a token
#[utoipa::path(delete, path = "/api/v1/me/tokens/{id}", tag = "accounts", params(("id" = i64, Path)), responses((status = 204), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn revoke_token(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<StatusCode> {
    tokens::revoke(&state.db, &req.0, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The personal data download: a JSON file.
/// Download one's personal data
#[utoipa::path(get, path = "/api/v1/me/export", tag = "accounts", responses((status = 200, description = "Everything about the account, as a JSON download"), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn export(State(state): State<AppState>, req: Req) -> Result<impl IntoResponse> {
    let data = privacy::export(&state.db, &req.0).await?;
    let body = serde_json::to_vec_pretty(&data).map_err(|e| AppError::Internal(e.into()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"hamkke-personal-data.json\""),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    ))
}

/// Delete one's account
#[utoipa::path(delete, path = "/api/v1/me", tag = "accounts", request_body = DeleteAccountInput, responses((status = 204), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn delete_me(State(state): State<AppState>, req: Req, ApiJson(input): ApiJson<DeleteAccountInput>) -> Result<StatusCode> {
    privacy::delete_account(&state.db, &req.0, input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Create an account and sign in (cookie session)
#[utoipa::path(post, path = "/api/v1/auth/sign-up", tag = "accounts", request_body = SignUpInput, responses((status = 201, body = UserDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn sign_up(State(state): State<AppState>, req: Req, ApiJson(input): ApiJson<SignUpInput>) -> Result<(StatusCode, Json<UserDto>)> {
    let account = input.parse().map_err(AppError::Validation)?;
    let user = accounts::sign_up(&state.db, &req.0, account).await?;
    Ok((StatusCode::CREATED, Json(accounts::to_dto(&user))))
}

/// Sign in (cookie session)
#[utoipa::path(post, path = "/api/v1/auth/sign-in", tag = "accounts", request_body = SignInInput, responses((status = 200, body = UserDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)))]
async fn sign_in(State(state): State<AppState>, req: Req, ApiJson(input): ApiJson<SignInInput>) -> Result<Json<UserDto>> {
    let user = accounts::sign_in(&state.db, &req.0, input).await?;
    Ok(Json(accounts::to_dto(&user)))
}

/// Sign out
#[utoipa::path(post, path = "/api/v1/auth/sign-out", tag = "accounts", responses((status = 204), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn sign_out(State(state): State<AppState>, req: Req) -> Result<StatusCode> {
    accounts::sign_out(&state.db, &req.0).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in account
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts", responses((status = 200, body = UserDto), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn get_me(State(state): State<AppState>, req: Req) -> Result<Json<UserDto>> {
    Ok(Json(accounts::to_dto(&accounts::require(&state.db, &req.0).await?)))
}

/// Change the password (ends other sessions)
#[utoipa::path(post, path = "/api/v1/me/password", tag = "accounts", request_body = PasswordChangeInput, responses((status = 204), (status = 400, body = shared::ErrorBody), (status = 401, body = shared::ErrorBody), (status = 403, body = shared::ErrorBody), (status = 404, body = shared::ErrorBody), (status = 422, body = shared::ErrorBody), (status = 429, body = shared::ErrorBody)), security(("bearer" = []), ("session_cookie" = [])))]
async fn change_password(State(state): State<AppState>, req: Req, ApiJson(input): ApiJson<PasswordChangeInput>) -> Result<StatusCode> {
    accounts::change_password(&state.db, &req.0, input).await?;
    Ok(StatusCode::NO_CONTENT)
}
