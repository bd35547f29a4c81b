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

async fn providers(State(state): State<AppState>) -> Json<Items<ProviderDto>> {
    Json(Items { items: state.providers.public_list() })
}

async fn identities(State(state): State<AppState>, req: Req) -> Result<Json<Items<IdentityDto>>> {
    Ok(Json(Items { items: oidc::list_identities(&state.db, &state.providers, &req.0).await? }))
}

async fn unlink(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<StatusCode> {
    oidc::unlink(&state.db, &req.0, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn list_tokens(State(state): State<AppState>, req: Req) -> Result<Json<Items<ApiTokenDto>>> {
    Ok(Json(Items { items: tokens::list(&state.db, &req.0).await? }))
}

async fn create_token(State(state): State<AppState>, req: Req, ApiJson(input): ApiJson<ApiTokenInput>) -> Result<(StatusCode, Json<CreatedApiToken>)> {
    Ok((StatusCode::CREATED, Json(tokens::create(&state.db, &req.0, input).await?)))
}

async fn revoke_token(State(state): State<AppState>, req: Req, ApiPath(id): ApiPath<i64>) -> Result<StatusCode> {
    tokens::revoke(&state.db, &req.0, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The personal data download: a JSON file.
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

async fn delete_me(State(state): State<AppState>, req: Req, ApiJson(input): ApiJson<DeleteAccountInput>) -> Result<StatusCode> {
    privacy::delete_account(&state.db, &req.0, input).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn sign_up(State(state): State<AppState>, req: Req, ApiJson(input): ApiJson<SignUpInput>) -> Result<(StatusCode, Json<UserDto>)> {
    let account = input.parse().map_err(AppError::Validation)?;
    let user = accounts::sign_up(&state.db, &req.0, account).await?;
    Ok((StatusCode::CREATED, Json(accounts::to_dto(&user))))
}

async fn sign_in(State(state): State<AppState>, req: Req, ApiJson(input): ApiJson<SignInInput>) -> Result<Json<UserDto>> {
    let user = accounts::sign_in(&state.db, &req.0, input).await?;
    Ok(Json(accounts::to_dto(&user)))
}

async fn sign_out(State(state): State<AppState>, req: Req) -> Result<StatusCode> {
    accounts::sign_out(&state.db, &req.0).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn get_me(State(state): State<AppState>, req: Req) -> Result<Json<UserDto>> {
    Ok(Json(accounts::to_dto(&accounts::require(&state.db, &req.0).await?)))
}

async fn change_password(State(state): State<AppState>, req: Req, ApiJson(input): ApiJson<PasswordChangeInput>) -> Result<StatusCode> {
    accounts::change_password(&state.db, &req.0, input).await?;
    Ok(StatusCode::NO_CONTENT)
}
