//! Extractors: who is asking.

use crate::error::AppError;
use crate::services::accounts::Requester;
use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use std::net::SocketAddr;
use std::time::Duration;
use tower_sessions::Session;

/// The request's session and client address, for the account services.
pub struct Req(pub Requester);

impl FromRequestParts<AppState> for Req {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        requester_from_parts(parts, state).map(Req)
    }
}

/// Builds the [`Requester`] from a request's parts (also used for server functions).
pub fn requester_from_parts(parts: &Parts, state: &AppState) -> Result<Requester, AppError> {
    let session = parts
        .extensions
        .get::<Session>()
        .cloned()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("session layer missing")))?;
    let ip = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let bearer = match parts.headers.get(axum::http::header::AUTHORIZATION) {
        None => None,
        Some(value) => match value.to_str().ok().and_then(|v| v.strip_prefix("Bearer ")) {
            Some(token) if !token.trim().is_empty() => Some(token.trim().to_owned()),
            _ => return Err(AppError::Unauthorized),
        },
    };
    Ok(Requester {
        session,
        ip,
        max_session_age: Duration::from_secs(u64::from(state.config.session_max_hours) * 3600),
        bearer,
    })
}
