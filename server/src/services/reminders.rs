//! The meetings' minute sweep (issue 6): day-before reminders to the people
//! registered for a meeting, and the clean-up of old live events.
//!
//! **Reminders** (`meeting_reminder`). From 24 hours before a meeting's start
//! until the start (`shared::meeting::reminder_due`), each person with a
//! place (a room seat or online; not waiting, not cancelled) is told once.
//! A person registering within the last day is reminded at the next sweep.
//! The claim is the row in `meeting_reminders` (registration, start): it is
//! inserted with `ON CONFLICT DO NOTHING`, and only the process whose insert
//! took the row sends the notice, so with several server processes sweeping
//! at once nobody is reminded twice. A meeting moved to another time is
//! reminded again for the new time.
//!
//! **Old live events.** The events of a meeting's live room
//! (`meeting_events`, written by `services::live`) are only for replay to
//! clients that reconnect; a week after the meeting's end they are deleted.

use crate::entities::{meeting, meeting_registration, meeting_reminder};
use crate::error::{AppError, Result};
use crate::services::live::meeting_event;
use crate::services::{notifications, rfc3339};
use chrono::{DateTime, Duration as Span, Utc};
use sea_orm::sea_query::{Alias, OnConflict, Query};
use sea_orm::{
    ColumnTrait, ConnAcquireErr, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, TransactionTrait,
};
use shared::meeting::{
    AttendanceMode, MeetingKind, REMINDER_LEAD_SECS, RegistrationState, reminder_due,
};
use std::collections::BTreeMap;
use std::time::Duration;
use tokio::sync::watch;

/// How long the live events of an ended meeting are kept.
pub const EVENTS_KEPT_DAYS: i64 = 7;

/// The notification kind.
pub const KIND: &str = "meeting_reminder";

/// Sends the reminders due at `now` that no process has sent yet. Returns
/// how many people were reminded.
pub async fn send_due_reminders(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u32> {
    let due = meeting::Entity::find()
        .filter(meeting::Column::StartsAt.gt(now))
        .filter(meeting::Column::StartsAt.lte(now + Span::seconds(REMINDER_LEAD_SECS)))
        .order_by_asc(meeting::Column::StartsAt)
        .all(db)
        .await?;
    let mut sent = 0;
    for m in due
        .into_iter()
        .filter(|m| reminder_due(m.starts_at.timestamp(), now.timestamp()))
    {
        sent += remind(db, &m, now).await?;
    }
    Ok(sent)
}

fn registered(meeting_id: i64) -> sea_orm::Select<meeting_registration::Entity> {
    meeting_registration::Entity::find()
        .filter(meeting_registration::Column::MeetingId.eq(meeting_id))
        .filter(meeting_registration::Column::State.eq(RegistrationState::Registered.as_str()))
}

/// One meeting's reminders: claims each registration not reminded yet for
/// this start, and tells the people whose claim this process took.
async fn remind(db: &DatabaseConnection, m: &meeting::Model, now: DateTime<Utc>) -> Result<u32> {
    let starts = m.starts_at.timestamp();
    let done: Vec<i64> = meeting_reminder::Entity::find()
        .filter(meeting_reminder::Column::MeetingId.eq(m.id))
        .filter(meeting_reminder::Column::StartsAt.eq(starts))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.registration_id)
        .collect();
    let pending: Vec<i64> = registered(m.id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.id)
        .filter(|id| !done.contains(id))
        .collect();
    if pending.is_empty() {
        return Ok(0);
    }
    let txn = db.begin().await?;
    let mut claimed = Vec::new();
    for id in pending {
        let claim = Query::insert()
            .into_table(Alias::new("meeting_reminders"))
            .columns([
                Alias::new("registration_id"),
                Alias::new("starts_at"),
                Alias::new("meeting_id"),
                Alias::new("sent_at"),
            ])
            .values_panic([id.into(), starts.into(), m.id.into(), now.into()])
            .on_conflict(
                OnConflict::columns([Alias::new("registration_id"), Alias::new("starts_at")])
                    .do_nothing()
                    .to_owned(),
            )
            .to_owned();
        if txn.execute(&claim).await?.rows_affected() == 1 {
            claimed.push(id);
        }
    }
    // Read again after claiming: a registration cancelled (or a meeting
    // moved) since the scan is not reminded, and its claim is given back.
    let current = meeting::Entity::find_by_id(m.id).one(&txn).await?;
    let still: Vec<meeting_registration::Model> =
        if current.is_some_and(|c| c.starts_at.timestamp() == starts) {
            registered(m.id)
                .filter(meeting_registration::Column::Id.is_in(claimed.clone()))
                .all(&txn)
                .await?
        } else {
            Vec::new()
        };
    let stale: Vec<i64> = claimed
        .iter()
        .copied()
        .filter(|id| !still.iter().any(|r| r.id == *id))
        .collect();
    if !stale.is_empty() {
        meeting_reminder::Entity::delete_many()
            .filter(meeting_reminder::Column::RegistrationId.is_in(stale))
            .filter(meeting_reminder::Column::StartsAt.eq(starts))
            .exec(&txn)
            .await?;
    }
    let kind = MeetingKind::parse(&m.kind).unwrap_or(MeetingKind::InPerson);
    let mut by_mode: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for r in &still {
        by_mode
            .entry(if r.mode == AttendanceMode::InRoom.as_str() {
                AttendanceMode::InRoom.as_str()
            } else {
                AttendanceMode::Online.as_str()
            })
            .or_default()
            .push(r.user_id);
    }
    for (mode, people) in by_mode {
        let in_room = mode == AttendanceMode::InRoom.as_str();
        let payload = serde_json::json!({
            "meeting_id": m.id, "title": m.title, "starts_at": rfc3339(m.starts_at), "ends_at": rfc3339(m.ends_at), "mode": mode,
            // Where to go: the venue for a room seat; for online attendance
            // whether there is an external link (on the meeting's page, for
            // registered people) or the built-in live room.
            "venue": m.venue.clone().filter(|_| in_room && kind.has_room()),
            "online_link": !in_room && m.online_url.is_some(),
            "built_in_room": !in_room && m.built_in_room,
        });
        notifications::notify(&txn, people, None, KIND, None, None, payload).await?;
    }
    txn.commit().await?;
    let sent = u32::try_from(still.len()).unwrap_or(u32::MAX);
    if sent > 0 {
        tracing::info!(meeting.id = m.id, reminded = sent, "meeting reminders sent");
    }
    Ok(sent)
}

/// Deletes the live events of meetings that ended more than a week before
/// `now`. Returns how many rows went.
pub async fn delete_old_events(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64> {
    let cutoff = now - Span::days(EVENTS_KEPT_DAYS);
    let ended = Query::select()
        .column(meeting::Column::Id)
        .from(meeting::Entity)
        .and_where(meeting::Column::EndsAt.lt(cutoff))
        .to_owned();
    Ok(meeting_event::Entity::delete_many()
        .filter(meeting_event::Column::MeetingId.in_subquery(ended))
        .exec(db)
        .await?
        .rows_affected)
}

/// Whether the error is the database pool being closed (the server
/// stopped while a run was in flight): the end of a background sweep, not a
/// failure to report. Shared by the sweeps (also `sos::spawn_overdue_sweep`).
pub(crate) fn pool_closed(e: &AppError) -> bool {
    matches!(
        e,
        AppError::Db(DbErr::ConnectionAcquire(ConnAcquireErr::ConnectionClosed))
    )
}

/// Waits until `stop` turns true (the server is shutting down) or its
/// sender is gone; a sweep selects on this against its next tick.
pub(crate) async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}

/// Runs the sweep (reminders, then old events) every `every` until the
/// server shuts down (`stop`; `app::Server::run` closes the pool after).
/// A failed run is logged and tried again at the next tick.
pub fn spawn_sweep(db: DatabaseConnection, every: Duration, mut stop: watch::Receiver<bool>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                () = stopped(&mut stop) => break,
            }
            let now = Utc::now();
            match send_due_reminders(&db, now).await {
                Ok(_) => {}
                Err(e) if pool_closed(&e) => break,
                Err(e) => tracing::warn!(error = %e, "the meeting reminder sweep failed"),
            }
            match delete_old_events(&db, now).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(rows = n, "old live events deleted"),
                Err(e) if pool_closed(&e) => break,
                Err(e) => tracing::warn!(error = %e, "deleting old live events failed"),
            }
        }
    });
}
