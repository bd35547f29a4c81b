//! The server's implementation of [`shared::services::SiteServices`]: the
//! handle the Leptos server functions call. Each method is one service call.

use crate::error::AppError;
use crate::services::accounts::{self, Requester};
use crate::services::{feedback, reference};
use shared::account::{NewAccount, PasswordChangeInput, SignInInput, UserDto};
use sea_orm::DatabaseConnection;
use shared::feedback::{FeedbackReceipt, NewFeedback};
use shared::reference::{AreaDto, RegionDto};
use shared::services::{BoxFuture, SiteServices};
use shared::{ErrorBody, Locale};

/// Services over one database pool, for one request (its session and address).
pub struct Site {
    pub db: DatabaseConnection,
    /// `None` only when no session layer ran (never in the real router).
    pub requester: Option<Requester>,
}

impl Site {
    fn requester(&self) -> Result<&Requester, ErrorBody> {
        self.requester.as_ref().ok_or_else(|| to_body(AppError::Internal(anyhow::anyhow!("no session for this request"))))
    }
}

/// Server functions get the same error body as the REST API; `Db` and
/// `Internal` are logged here (once) and become the opaque 500 body.
fn to_body(err: AppError) -> ErrorBody {
    err.log();
    err.to_body()
}

impl SiteServices for Site {
    fn current_user(&self) -> BoxFuture<'_, Result<Option<UserDto>, ErrorBody>> {
        Box::pin(async move {
            let req = self.requester()?;
            Ok(accounts::current(&self.db, req).await.map_err(to_body)?.as_ref().map(accounts::to_dto))
        })
    }

    fn sign_up(&self, account: NewAccount) -> BoxFuture<'_, Result<UserDto, ErrorBody>> {
        Box::pin(async move {
            let req = self.requester()?;
            Ok(accounts::to_dto(&accounts::sign_up(&self.db, req, account).await.map_err(to_body)?))
        })
    }

    fn sign_in(&self, input: SignInInput) -> BoxFuture<'_, Result<UserDto, ErrorBody>> {
        Box::pin(async move {
            let req = self.requester()?;
            Ok(accounts::to_dto(&accounts::sign_in(&self.db, req, input).await.map_err(to_body)?))
        })
    }

    fn sign_out(&self) -> BoxFuture<'_, Result<(), ErrorBody>> {
        Box::pin(async move { accounts::sign_out(&self.db, self.requester()?).await.map_err(to_body) })
    }

    fn change_password(&self, input: PasswordChangeInput) -> BoxFuture<'_, Result<(), ErrorBody>> {
        Box::pin(async move { accounts::change_password(&self.db, self.requester()?, input).await.map_err(to_body) })
    }

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
