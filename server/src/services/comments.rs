//! Comments on proposals: threads shown three levels deep, an alignment
//! (for / neutral / against) behind the bar on the proposal, up/down votes,
//! Markdown rendered through the sanitiser, edits marked, deletions leaving
//! a placeholder when there are replies.

use crate::entities::{comment, proposal, user};
use crate::error::{AppError, Result};
use crate::services::accounts::{self, Requester};
use crate::services::{markdown, notifications, proposals, throttle};
use chrono::{SecondsFormat, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, Statement, TransactionTrait,
};
use shared::deliberation::{Alignment, AlignmentCounts, CommentDto, CommentEdit, CommentInput, CommentThread, check_body};
use shared::participation::{AuthorDto, ProposalStatus};
use std::collections::HashMap;

/// Comments (and votes) one account may post per 15 minutes.
const POSTS_PER_WINDOW: i32 = 30;
/// Deepest level shown (0-based): replies to it are shown beside it.
const MAX_DEPTH: i32 = 2;

pub(crate) async fn ensure_can_post(db: &DatabaseConnection, req: &Requester) -> Result<user::Model> {
    let user = accounts::require(db, req).await?;
    if user.blocked_at.is_some() {
        return Err(AppError::Forbidden("Your account is blocked from posting.".into()));
    }
    Ok(user)
}

async fn rate_limit(db: &DatabaseConnection, user_id: i64) -> Result<()> {
    let key = format!("post:user:{user_id}");
    let now = Utc::now();
    throttle::check(db, std::slice::from_ref(&key), now).await?;
    throttle::record_failure(db, &key, POSTS_PER_WINDOW, now).await
}

/// The discussion of a proposal, sorted `best` (default), `newest` or `oldest`.
pub async fn thread(db: &DatabaseConnection, req: &Requester, proposal_id: i64, sort: Option<&str>) -> Result<CommentThread> {
    let p = proposals::get(db, req, proposal_id).await?;
    let me = accounts::current(db, req).await?.map(|u| u.id);
    let rows = comment::Entity::find().filter(comment::Column::ProposalId.eq(p.id)).order_by_asc(comment::Column::Id).all(db).await?;
    let author_ids: Vec<i64> = rows.iter().map(|c| c.author_id).collect();
    let authors: HashMap<i64, user::Model> =
        user::Entity::find().filter(user::Column::Id.is_in(author_ids)).all(db).await?.into_iter().map(|u| (u.id, u)).collect();
    let mut my_votes: HashMap<i64, i32> = HashMap::new();
    if let Some(uid) = me {
        let backend = db.get_database_backend();
        let sql = format!(
            "SELECT v.comment_id AS c, v.value AS v FROM comment_votes v JOIN comments c ON c.id = v.comment_id \
             WHERE v.user_id = {uid} AND c.proposal_id = {}",
            p.id
        );
        for r in db.query_all_raw(Statement::from_string(backend, sql)).await? {
            if let (Ok(c), Ok(v)) = (r.try_get::<i64>("", "c"), r.try_get::<i32>("", "v")) {
                my_votes.insert(c, v);
            }
        }
    }
    let mut counts = AlignmentCounts::default();
    let by_id: HashMap<i64, &comment::Model> = rows.iter().map(|c| (c.id, c)).collect();
    // Where each comment is shown: under its nearest ancestor one level up.
    let display_parent = |c: &comment::Model| -> Option<i64> {
        let mut parent = c.parent_id;
        while let Some(pid) = parent {
            let pc = by_id.get(&pid)?;
            if pc.depth < c.depth {
                return Some(pid);
            }
            parent = pc.parent_id;
        }
        None
    };
    let mut children: HashMap<Option<i64>, Vec<CommentDto>> = HashMap::new();
    for c in &rows {
        let visible = c.deleted_at.is_none() && c.hidden_at.is_none();
        let alignment = Alignment::parse(&c.alignment).unwrap_or_default();
        if visible {
            match alignment {
                Alignment::For => counts.for_ += 1,
                Alignment::Neutral => counts.neutral += 1,
                Alignment::Against => counts.against += 1,
            }
        }
        let author = authors.get(&c.author_id).map(|u| AuthorDto {
            id: u.id,
            name: if u.deleted_at.is_some() { crate::services::privacy::DELETED_NAME.to_owned() } else { u.display_name.clone() },
            deleted: u.deleted_at.is_some(),
        });
        children.entry(display_parent(c)).or_default().push(CommentDto {
            id: c.id,
            parent_id: c.parent_id,
            author: if visible { author } else { None },
            body_html: if visible { c.body_html.clone() } else { String::new() },
            body: (visible && me == Some(c.author_id)).then(|| c.body.clone()),
            alignment,
            depth: c.depth,
            up: c.up,
            down: c.down,
            my_vote: my_votes.get(&c.id).copied(),
            edited: c.edited_at.is_some(),
            deleted: c.deleted_at.is_some(),
            hidden: c.hidden_at.is_some(),
            mine: me == Some(c.author_id),
            created_at: c.created_at.to_rfc3339_opts(SecondsFormat::Secs, true),
            replies: Vec::new(),
        });
    }
    let sort = sort.unwrap_or("best");
    if !matches!(sort, "best" | "newest" | "oldest") {
        return Err(AppError::Validation(vec![shared::FieldError::new(
            "sort",
            shared::error::FieldProblem::Invalid,
            "Sort by best, newest or oldest.",
        )]));
    }
    fn build(parent: Option<i64>, children: &mut HashMap<Option<i64>, Vec<CommentDto>>, sort: &str) -> Vec<CommentDto> {
        let mut level = children.remove(&parent).unwrap_or_default();
        match sort {
            "newest" => level.sort_by_key(|c| std::cmp::Reverse(c.id)),
            "oldest" => level.sort_by_key(|c| c.id),
            _ => level.sort_by(|a, b| (b.up - b.down).cmp(&(a.up - a.down)).then(a.id.cmp(&b.id))),
        }
        for c in &mut level {
            c.replies = build(Some(c.id), children, sort);
        }
        // A deleted comment with no replies left to show disappears.
        level.retain(|c| !(c.deleted && c.replies.is_empty()));
        level
    }
    Ok(CommentThread { items: build(None, &mut children, sort), counts })
}

/// Posts a comment or a reply; followers and the replied-to author are told.
pub async fn create(db: &DatabaseConnection, req: &Requester, proposal_id: i64, input: CommentInput) -> Result<CommentDto> {
    let user = ensure_can_post(db, req).await?;
    let (body, alignment) = input.check().map_err(AppError::Validation)?;
    let p = proposal::Entity::find_by_id(proposal_id).one(db).await?.ok_or(AppError::NotFound)?;
    let status = ProposalStatus::parse(&p.status).unwrap_or(ProposalStatus::Hidden);
    if !status.is_public() {
        return Err(AppError::NotFound);
    }
    if status == ProposalStatus::Withdrawn {
        return Err(AppError::Conflict("This proposal was withdrawn; the discussion is closed.".into()));
    }
    let parent = match input.parent_id {
        Some(pid) => Some(
            comment::Entity::find_by_id(pid)
                .filter(comment::Column::ProposalId.eq(p.id))
                .one(db)
                .await?
                .filter(|c| c.deleted_at.is_none() && c.hidden_at.is_none())
                .ok_or_else(|| AppError::Validation(vec![shared::FieldError::new("parent_id", shared::error::FieldProblem::Invalid, "You can only reply to a visible comment of this proposal.")]))?,
        ),
        None => None,
    };
    rate_limit(db, user.id).await?;
    let now = Utc::now();
    let txn = db.begin().await?;
    let c = comment::ActiveModel {
        proposal_id: Set(p.id),
        parent_id: Set(parent.as_ref().map(|c| c.id)),
        author_id: Set(user.id),
        body_html: Set(markdown::render(&body)),
        body: Set(body),
        alignment: Set(alignment.as_str().to_owned()),
        depth: Set(parent.as_ref().map_or(0, |c| Ord::min(c.depth + 1, MAX_DEPTH))),
        up: Set(0),
        down: Set(0),
        reply_count: Set(0),
        edited_at: Set(None),
        deleted_at: Set(None),
        hidden_at: Set(None),
        hidden_reason: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    proposal::Entity::update_many()
        .col_expr(proposal::Column::CommentCount, Expr::col(proposal::Column::CommentCount).add(1))
        .filter(proposal::Column::Id.eq(p.id))
        .exec(&txn)
        .await?;
    if let Some(parent) = &parent {
        comment::Entity::update_many()
            .col_expr(comment::Column::ReplyCount, Expr::col(comment::Column::ReplyCount).add(1))
            .filter(comment::Column::Id.eq(parent.id))
            .exec(&txn)
            .await?;
    }
    let payload = serde_json::json!({ "title": p.title, "actor": user.display_name, "alignment": alignment.as_str() });
    let reply_to = parent.as_ref().map(|c| c.author_id).filter(|a| *a != user.id);
    if let Some(author) = reply_to {
        notifications::notify(&txn, [author], Some(user.id), "reply", Some(p.id), Some(c.id), payload.clone()).await?;
    }
    let followers: Vec<i64> = notifications::followers(&txn, p.id).await?.into_iter().filter(|f| Some(*f) != reply_to).collect();
    notifications::notify(&txn, followers, Some(user.id), "comment", Some(p.id), Some(c.id), payload).await?;
    notifications::follow(&txn, user.id, p.id).await?;
    txn.commit().await?;
    Ok(CommentDto {
        id: c.id,
        parent_id: c.parent_id,
        author: Some(AuthorDto { id: user.id, name: user.display_name, deleted: false }),
        body_html: c.body_html,
        body: Some(c.body),
        alignment,
        depth: c.depth,
        up: 0,
        down: 0,
        my_vote: None,
        edited: false,
        deleted: false,
        hidden: false,
        mine: true,
        created_at: c.created_at.to_rfc3339_opts(SecondsFormat::Secs, true),
        replies: Vec::new(),
    })
}

async fn own(db: &DatabaseConnection, req: &Requester, id: i64) -> Result<(user::Model, comment::Model)> {
    let user = ensure_can_post(db, req).await?;
    let c = comment::Entity::find_by_id(id).one(db).await?.filter(|c| c.deleted_at.is_none()).ok_or(AppError::NotFound)?;
    if c.author_id != user.id {
        return Err(AppError::Forbidden("Only its author can change a comment.".into()));
    }
    if c.hidden_at.is_some() {
        return Err(AppError::Conflict("A moderator hid this comment; it cannot be edited.".into()));
    }
    Ok((user, c))
}

/// Edits a comment's text (marked as edited).
pub async fn edit(db: &DatabaseConnection, req: &Requester, id: i64, input: CommentEdit) -> Result<()> {
    let body = check_body(&input.body).map_err(|e| AppError::Validation(vec![e]))?;
    let (_, c) = own(db, req, id).await?;
    let mut active = c.into_active_model();
    active.body_html = Set(markdown::render(&body));
    active.body = Set(body);
    active.edited_at = Set(Some(Utc::now()));
    active.update(db).await?;
    Ok(())
}

/// Deletes a comment: gone if nobody replied, else a placeholder keeps the thread.
pub async fn delete(db: &DatabaseConnection, req: &Requester, id: i64) -> Result<()> {
    let (_, c) = own(db, req, id).await?;
    let txn = db.begin().await?;
    if c.reply_count > 0 {
        let mut active = c.clone().into_active_model();
        active.body = Set(String::new());
        active.body_html = Set(String::new());
        active.deleted_at = Set(Some(Utc::now()));
        active.update(&txn).await?;
    } else {
        comment::Entity::delete_by_id(c.id).exec(&txn).await?;
        if let Some(pid) = c.parent_id {
            comment::Entity::update_many()
                .col_expr(comment::Column::ReplyCount, Expr::col(comment::Column::ReplyCount).sub(1))
                .filter(comment::Column::Id.eq(pid))
                .exec(&txn)
                .await?;
        }
    }
    proposal::Entity::update_many()
        .col_expr(proposal::Column::CommentCount, Expr::col(proposal::Column::CommentCount).sub(1))
        .filter(proposal::Column::Id.eq(c.proposal_id))
        .filter(proposal::Column::CommentCount.gt(0))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Votes a comment up (1) or down (-1), or takes the vote back (0). Not one's own.
pub async fn vote(db: &DatabaseConnection, req: &Requester, id: i64, value: i32) -> Result<(i32, i32)> {
    if !matches!(value, -1..=1) {
        return Err(AppError::Validation(vec![shared::FieldError::new("value", shared::error::FieldProblem::Invalid, "Vote 1, -1 or 0.")]));
    }
    let user = ensure_can_post(db, req).await?;
    let c = comment::Entity::find_by_id(id).one(db).await?.filter(|c| c.deleted_at.is_none() && c.hidden_at.is_none()).ok_or(AppError::NotFound)?;
    if c.author_id == user.id {
        return Err(AppError::Conflict("You cannot vote on your own comment.".into()));
    }
    let txn = db.begin().await?;
    if value == 0 {
        txn.execute(
            Query::delete()
                .from_table(Alias::new("comment_votes"))
                .and_where(Expr::col(Alias::new("comment_id")).eq(c.id))
                .and_where(Expr::col(Alias::new("user_id")).eq(user.id)),
        )
        .await?;
    } else {
        txn.execute(
            Query::insert()
                .into_table(Alias::new("comment_votes"))
                .columns([Alias::new("comment_id"), Alias::new("user_id"), Alias::new("value")])
                .values_panic([c.id.into(), user.id.into(), value.into()])
                .on_conflict(OnConflict::columns([Alias::new("comment_id"), Alias::new("user_id")]).update_column(Alias::new("value")).to_owned()),
        )
        .await?;
    }
    // Recounted from the vote rows: the totals never drift.
    txn.execute_unprepared(&format!(
        "UPDATE comments SET up = (SELECT COUNT(*) FROM comment_votes WHERE comment_id = {id} AND value = 1), \
         down = (SELECT COUNT(*) FROM comment_votes WHERE comment_id = {id} AND value = -1) WHERE id = {id}",
        id = c.id
    ))
    .await?;
    let updated = comment::Entity::find_by_id(c.id).one(&txn).await?.ok_or(AppError::NotFound)?;
    txn.commit().await?;
    Ok((updated.up, updated.down))
}
