//! `POST /api/v1/feedback`, `GET /api/v1/feedback/{receipt}`: site feedback.

use crate::error::{ApiJson, ApiPath, AppError, Result};
use crate::services::feedback;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::Locale;
use shared::feedback::{FeedbackInput, FeedbackReceipt};

pub fn router() -> Router<AppState> {
    Router::new().route("/feedback", post(create_feedback)).route("/feedback/{receipt}", get(get_feedback))
}

/// Stores feedback; 201 with the receipt, 422 with every invalid field.
async fn create_feedback(
    State(state): State<AppState>,
    ApiJson(input): ApiJson<FeedbackInput>,
) -> Result<(StatusCode, Json<FeedbackReceipt>)> {
    let feedback = input.parse().map_err(AppError::Validation)?;
    let receipt = feedback::submit(&state.db, feedback, Locale::default()).await?;
    Ok((StatusCode::CREATED, Json(receipt)))
}

async fn get_feedback(State(state): State<AppState>, ApiPath(receipt): ApiPath<String>) -> Result<Json<FeedbackReceipt>> {
    Ok(Json(feedback::find_receipt(&state.db, &receipt).await?))
}
