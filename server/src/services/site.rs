//! The server's implementation of [`shared::services::SiteServices`]: the
//! handle the Leptos server functions call. Each method is one service call.

use crate::error::AppError;
use crate::services::{feedback, reference};
use sea_orm::DatabaseConnection;
use shared::feedback::{FeedbackReceipt, NewFeedback};
use shared::reference::{AreaDto, RegionDto};
use shared::services::{BoxFuture, SiteServices};
use shared::{ErrorBody, Locale};

/// Services over one database pool.
pub struct Site {
    pub db: DatabaseConnection,
}

/// Server functions get the same error body as the REST API; `Db` and
/// `Internal` are logged here (once) and become the opaque 500 body.
fn to_body(err: AppError) -> ErrorBody {
    let body = err.to_body();
    match &err {
        AppError::Db(e) => tracing::error!(error = %e, "database error"),
        AppError::Internal(e) => tracing::error!(error = format!("{e:#}"), "internal error"),
        _ => {}
    }
    body
}

impl SiteServices for Site {
    fn list_areas(&self) -> BoxFuture<'_, Result<Vec<AreaDto>, ErrorBody>> {
        Box::pin(async move { reference::list_areas(&self.db).await.map_err(to_body) })
    }

    fn list_regions(&self) -> BoxFuture<'_, Result<Vec<RegionDto>, ErrorBody>> {
        Box::pin(async move { reference::list_regions(&self.db).await.map_err(to_body) })
    }

    fn submit_feedback(&self, feedback: NewFeedback, locale: Locale) -> BoxFuture<'_, Result<FeedbackReceipt, ErrorBody>> {
        Box::pin(async move { feedback::submit(&self.db, feedback, locale).await.map_err(to_body) })
    }

    fn feedback_receipt(&self, receipt: String) -> BoxFuture<'_, Result<FeedbackReceipt, ErrorBody>> {
        Box::pin(async move { feedback::find_receipt(&self.db, &receipt).await.map_err(to_body) })
    }
}
