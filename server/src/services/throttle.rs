//! Throttling of sign-in, sign-up and other attempts, per IP address and
//! per account, stored in the database so every server process sees the
//! same counts. After `threshold` failures within the window, the key is
//! locked for 30 s, doubling with each further failure, up to 15 minutes.

use crate::entities::auth_throttle;
use crate::error::{AppError, Result};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait, IntoActiveModel};

/// How long failures are remembered.
const WINDOW: Duration = Duration::minutes(15);
const FIRST_LOCK_SECS: i64 = 30;
const MAX_LOCK_SECS: i64 = 15 * 60;

/// Refuses with 429 (and the seconds to wait) if any key is locked.
pub async fn check(db: &impl ConnectionTrait, keys: &[String], now: DateTime<Utc>) -> Result<()> {
    let mut wait = 0;
    for key in keys {
        if let Some(row) = auth_throttle::Entity::find_by_id(key.clone()).one(db).await?
            && let Some(until) = row.locked_until.filter(|u| *u > now) {
                wait = wait.max((until - now).num_seconds().max(1));
            }
    }
    if wait > 0 {
        tracing::warn!(retry_after = wait, "attempt refused: throttled");
        return Err(AppError::RateLimited { retry_after_secs: wait as u64 });
    }
    Ok(())
}

/// Counts a failure (or, for sign-up, an attempt) against a key.
pub async fn record_failure(db: &impl ConnectionTrait, key: &str, threshold: i32, now: DateTime<Utc>) -> Result<()> {
    let existing = auth_throttle::Entity::find_by_id(key.to_owned()).one(db).await?;
    let (failures, window_start) = match &existing {
        Some(row) if now - row.window_start < WINDOW => (row.failures + 1, row.window_start),
        _ => (1, now),
    };
    let locked_until = (failures >= threshold).then(|| {
        let doublings = (failures - threshold).min(10) as u32;
        now + Duration::seconds((FIRST_LOCK_SECS << doublings).min(MAX_LOCK_SECS))
    });
    if locked_until.is_some() {
        tracing::warn!(failures, "repeated failures: key locked");
    }
    match existing {
        Some(row) => {
            let mut row = row.into_active_model();
            row.failures = Set(failures);
            row.window_start = Set(window_start);
            row.locked_until = Set(locked_until);
            row.update(db).await?;
        }
        None => {
            auth_throttle::ActiveModel {
                key: Set(key.to_owned()),
                failures: Set(failures),
                window_start: Set(window_start),
                locked_until: Set(locked_until),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

/// Forgets a key's failures (after a successful sign-in).
pub async fn reset(db: &impl ConnectionTrait, key: &str) -> Result<()> {
    auth_throttle::Entity::delete_by_id(key.to_owned()).exec(db).await?;
    Ok(())
}

/// Forgets keys whose window and lock are both over (run periodically).
pub async fn delete_stale(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64> {
    use sea_orm::{ColumnTrait, Condition, QueryFilter};
    let res = auth_throttle::Entity::delete_many()
        .filter(auth_throttle::Column::WindowStart.lt(now - WINDOW))
        .filter(Condition::any().add(auth_throttle::Column::LockedUntil.is_null()).add(auth_throttle::Column::LockedUntil.lt(now)))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{ConnectionTrait, Database};

    #[tokio::test]
    async fn stale_counters_are_forgotten_and_live_ones_kept() {
        let db = Database::connect("sqlite::memory:").await.unwrap();
        db.execute_unprepared(
            "CREATE TABLE auth_throttle (key TEXT PRIMARY KEY, failures INTEGER NOT NULL, window_start TEXT NOT NULL, locked_until TEXT NULL)",
        )
        .await
        .unwrap();
        let now = Utc::now();
        let old = now - Duration::hours(2);
        record_failure(&db, "ip:stale", 20, old).await.unwrap();
        record_failure(&db, "ip:fresh", 20, now).await.unwrap();
        for _ in 0..6 {
            record_failure(&db, "account:locked", 5, now - Duration::minutes(20)).await.unwrap();
        }
        // The lock of "account:locked" (from 20 minutes ago) is over too, but a long lock would be kept.
        let removed = delete_stale(&db, now).await.unwrap();
        assert_eq!(removed, 2);
        assert!(check(&db, &["ip:fresh".to_owned()], now).await.is_ok());
        assert_eq!(auth_throttle::Entity::find().all(&db).await.unwrap().len(), 1);
    }
}
