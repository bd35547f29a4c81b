//! Accounts over the REST API: `/api/v1/auth/sign-up`, `/auth/sign-in`,
//! `/auth/sign-out`, `/me`, `/me/password`. Cookie sessions (the same as the
//! pages); state-changing requests pass the cross-site check first.

use crate::auth::extract::Req;
use crate::error::{ApiJson, AppError, Result};
use crate::services::accounts;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::account::{PasswordChangeInput, SignInInput, SignUpInput, UserDto};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/auth/sign-up", post(sign_up))
        .route("/auth/sign-in", post(sign_in))
        .route("/auth/sign-out", post(sign_out))
        .route("/me", get(get_me))
        .route("/me/password", post(change_password))
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
