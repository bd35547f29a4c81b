//! Follows and the in-app notification centre. Authors and supporters
//! follow a proposal automatically and can stop. Notifications are rows
//! (with `emailed_at` for the e-mail delivery to come).

use crate::entities::{notification, proposal};
use crate::error::{AppError, Result};
use crate::services::accounts::{self, Requester};
use chrono::{SecondsFormat, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Statement};
use shared::deliberation::{MarkRead, NotificationDto, NotificationPage};

/// Makes `user_id` follow a proposal (no error if already).
pub async fn follow(db: &impl ConnectionTrait, user_id: i64, proposal_id: i64) -> Result<()> {
    db.execute(
        Query::insert()
            .into_table(Alias::new("follows"))
            .columns([Alias::new("user_id"), Alias::new("proposal_id"), Alias::new("created_at")])
            .values_panic([user_id.into(), proposal_id.into(), Utc::now().into()])
            .on_conflict(OnConflict::columns([Alias::new("user_id"), Alias::new("proposal_id")]).do_nothing().to_owned()),
    )
    .await?;
    Ok(())
}

/// Who follows a proposal.
pub async fn followers(db: &impl ConnectionTrait, proposal_id: i64) -> Result<Vec<i64>> {
    let backend = db.get_database_backend();
    let rows = db
        .query_all_raw(Statement::from_string(backend, format!("SELECT user_id FROM follows WHERE proposal_id = {proposal_id}")))
        .await?;
    Ok(rows.into_iter().filter_map(|r| r.try_get::<i64>("", "user_id").ok()).collect())
}

/// One notification to several people (each once; never to `except`).
pub async fn notify(
    db: &impl ConnectionTrait,
    users: impl IntoIterator<Item = i64>,
    except: Option<i64>,
    kind: &str,
    proposal_id: Option<i64>,
    comment_id: Option<i64>,
    payload: serde_json::Value,
) -> Result<()> {
    let mut users: Vec<i64> = users.into_iter().filter(|u| Some(*u) != except).collect();
    users.sort_unstable();
    users.dedup();
    let now = Utc::now();
    for chunk in users.chunks(200) {
        // One row per account that still exists: a deleted account is told nothing.
        let mut rows = Query::select();
        rows.column(Alias::new("id"))
            .expr(Expr::val(kind))
            .expr(Expr::val(proposal_id))
            .expr(Expr::val(comment_id))
            .expr(Expr::val(except))
            .expr(Expr::val(payload.to_string()))
            .expr(Expr::val(now))
            .from(Alias::new("users"))
            .and_where(Expr::col(Alias::new("id")).is_in(chunk.iter().copied()))
            .and_where(Expr::col(Alias::new("deleted_at")).is_null())
            .order_by(Alias::new("id"), sea_orm::sea_query::Order::Asc);
        let mut insert = Query::insert();
        insert
            .into_table(Alias::new("notifications"))
            .columns([
                Alias::new("user_id"),
                Alias::new("kind"),
                Alias::new("proposal_id"),
                Alias::new("comment_id"),
                Alias::new("actor_id"),
                Alias::new("payload"),
                Alias::new("created_at"),
            ])
            .select_from(rows)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("building the notification insert: {e}")))?;
        db.execute(&insert).await?;
    }
    Ok(())
}

/// Follows a proposal as the signed-in user.
pub async fn follow_proposal(db: &DatabaseConnection, req: &Requester, proposal_id: i64) -> Result<()> {
    let user = accounts::require(db, req).await?;
    crate::services::proposals::get(db, req, proposal_id).await?;
    follow(db, user.id, proposal_id).await
}

/// Stops following.
pub async fn unfollow_proposal(db: &DatabaseConnection, req: &Requester, proposal_id: i64) -> Result<()> {
    let user = accounts::require(db, req).await?;
    let backend = db.get_database_backend();
    db.execute_raw(Statement::from_string(
        backend,
        format!("DELETE FROM follows WHERE user_id = {} AND proposal_id = {proposal_id}", user.id),
    ))
    .await?;
    Ok(())
}

/// Whether the signed-in user follows a proposal.
pub async fn is_following(db: &impl ConnectionTrait, user_id: i64, proposal_id: i64) -> Result<bool> {
    let backend = db.get_database_backend();
    let row = db
        .query_one_raw(Statement::from_string(
            backend,
            format!("SELECT COUNT(*) AS n FROM follows WHERE user_id = {user_id} AND proposal_id = {proposal_id}"),
        ))
        .await?;
    Ok(row.and_then(|r| r.try_get::<i64>("", "n").ok()).unwrap_or(0) > 0)
}

/// The signed-in user's notifications, newest first, and the unread count.
pub async fn list(db: &DatabaseConnection, req: &Requester, unread_only: bool, limit: u64) -> Result<NotificationPage> {
    let user = accounts::require(db, req).await?;
    let mut find = notification::Entity::find().filter(notification::Column::UserId.eq(user.id));
    if unread_only {
        find = find.filter(notification::Column::ReadAt.is_null());
    }
    let rows = find.order_by_desc(notification::Column::Id).limit(limit.clamp(1, 100)).all(db).await?;
    let unread = unread_count(db, user.id).await?;
    Ok(NotificationPage {
        items: rows
            .into_iter()
            .map(|n| NotificationDto {
                id: n.id,
                kind: n.kind,
                proposal_id: n.proposal_id,
                comment_id: n.comment_id,
                payload: serde_json::from_str(&n.payload).unwrap_or_default(),
                created_at: n.created_at.to_rfc3339_opts(SecondsFormat::Secs, true),
                read: n.read_at.is_some(),
            })
            .collect(),
        unread,
    })
}

pub async fn unread_count(db: &impl ConnectionTrait, user_id: i64) -> Result<u64> {
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// Marks some (or all) of the signed-in user's notifications read.
pub async fn mark_read(db: &DatabaseConnection, req: &Requester, input: MarkRead) -> Result<u64> {
    let user = accounts::require(db, req).await?;
    let mut update = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, sea_orm::sea_query::Expr::value(Utc::now()))
        .filter(notification::Column::UserId.eq(user.id))
        .filter(notification::Column::ReadAt.is_null());
    if let Some(ids) = input.ids {
        if ids.len() > 500 {
            return Err(AppError::BadRequest("Mark at most 500 at a time.".into()));
        }
        update = update.filter(notification::Column::Id.is_in(ids));
    }
    update.exec(db).await?;
    unread_count(db, user.id).await
}

/// The title of a proposal, for notification payloads.
pub async fn proposal_title(db: &impl ConnectionTrait, id: i64) -> Result<String> {
    Ok(proposal::Entity::find_by_id(id).one(db).await?.map(|p| p.title).unwrap_or_default())
}
