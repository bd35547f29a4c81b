//! Site feedback: store it, give a receipt, look the receipt up.

use crate::entities::site_feedback;
use crate::error::{AppError, Result, map_unique_violation};
use chrono::{DateTime, FixedOffset, Offset, SecondsFormat, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use shared::Locale;
use shared::feedback::{FeedbackReceipt, NewFeedback};

/// Korea Standard Time (UTC+9, no daylight saving): receipt dates are the
/// date people see on their calendar.
fn kst() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).unwrap_or_else(|| Utc.fix())
}

/// A receipt number: `F-<KST date>-<8 random hex>`. Random, so receipts
/// cannot be enumerated from the receipt page.
fn new_receipt(at: DateTime<Utc>) -> String {
    let date = at.with_timezone(&kst()).format("%Y%m%d");
    let random = uuid::Uuid::new_v4().simple().to_string();
    format!("F-{date}-{}", random[..8].to_ascii_uppercase())
}

fn receipt_of(model: &site_feedback::Model) -> FeedbackReceipt {
    FeedbackReceipt {
        receipt: model.receipt.clone(),
        received_at: model.created_at.to_rfc3339_opts(SecondsFormat::Secs, true),
    }
}

/// Stores validated feedback. Draws a new receipt (up to three tries) if the random one collides.
pub async fn submit(db: &impl ConnectionTrait, feedback: NewFeedback, locale: Locale) -> Result<FeedbackReceipt> {
    let now = Utc::now();
    let mut last = None;
    for _ in 0..3 {
        let row = site_feedback::ActiveModel {
            receipt: Set(new_receipt(now)),
            category: Set(feedback.category.as_str().to_owned()),
            message: Set(feedback.message.as_str().to_owned()),
            email: Set(feedback.email.as_ref().map(|e| e.as_str().to_owned())),
            locale: Set(locale.tag().to_owned()),
            status: Set("new".to_owned()),
            created_at: Set(now),
            ..Default::default()
        };
        match row.insert(db).await {
            Ok(model) => {
                tracing::info!(feedback.id = model.id, category = %model.category, "site feedback received");
                return Ok(receipt_of(&model));
            }
            Err(err) => match map_unique_violation(err, "receipt") {
                AppError::Conflict(_) => last = Some(AppError::Conflict("receipt collision".into())),
                other => return Err(other),
            },
        }
    }
    Err(AppError::Internal(anyhow::anyhow!("could not allocate a unique receipt: {last:?}")))
}

/// Finds a receipt by its number.
pub async fn find_receipt(db: &impl ConnectionTrait, receipt: &str) -> Result<FeedbackReceipt> {
    // Cheap shape check first: no query for obviously wrong input.
    if receipt.len() > 32 || !receipt.starts_with("F-") {
        return Err(AppError::NotFound);
    }
    site_feedback::Entity::find()
        .filter(site_feedback::Column::Receipt.eq(receipt))
        .one(db)
        .await?
        .map(|m| receipt_of(&m))
        .ok_or(AppError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn receipts_carry_the_korean_date() {
        // 2026-11-22 20:00 UTC is already 2026-11-23 in Korea.
        let at = Utc.with_ymd_and_hms(2026, 11, 22, 20, 0, 0).single().unwrap_or_default();
        let r = new_receipt(at);
        assert!(r.starts_with("F-20261123-"), "{r}");
        assert_eq!(r.len(), "F-20261123-".len() + 8);
        assert_ne!(new_receipt(at), r);
    }
}
