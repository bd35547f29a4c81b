//! Moderation: anyone signed in reports a proposal or comment; enough open
//! reports hide it until a moderator decides; moderators hide or restore
//! with a reason (the author is told) and block accounts. All audit-logged.

use crate::entities::{comment, proposal, report, user};
use crate::error::{AppError, Result};
use crate::policy::{Action, Resource, Scope};
use crate::services::accounts::{self, Requester};
use crate::services::{audit, notifications};
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, SqlErr,
    TransactionTrait,
};
use shared::deliberation::{ModerationInput, ModerationItem, REPORT_REASONS, ReportInput};
use shared::error::FieldProblem;
use shared::participation::ProposalStatus;
use shared::FieldError;
use std::collections::{BTreeMap, HashMap};

/// Open reports that hide content until a moderator looks (HAMKKE_REPORTS_TO_HIDE).
pub fn reports_to_hide() -> u64 {
    std::env::var("HAMKKE_REPORTS_TO_HIDE").ok().and_then(|v| v.parse().ok()).filter(|n| *n > 0).unwrap_or(3)
}

/// The target, its process and author.
struct Target {
    kind: &'static str,
    id: i64,
    proposal_id: i64,
    process_id: i64,
    author_id: i64,
    hidden: bool,
    title: String,
}

async fn target(db: &DatabaseConnection, kind: &str, id: i64) -> Result<Target> {
    match kind {
        "proposal" => {
            let p = proposal::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
            if p.status == ProposalStatus::Draft.as_str() {
                return Err(AppError::NotFound);
            }
            Ok(Target { kind: "proposal", id, proposal_id: id, process_id: p.process_id, author_id: p.author_id, hidden: p.status == "hidden", title: p.title })
        }
        "comment" => {
            let c = comment::Entity::find_by_id(id).one(db).await?.filter(|c| c.deleted_at.is_none()).ok_or(AppError::NotFound)?;
            let p = proposal::Entity::find_by_id(c.proposal_id).one(db).await?.ok_or(AppError::NotFound)?;
            Ok(Target { kind: "comment", id, proposal_id: p.id, process_id: p.process_id, author_id: c.author_id, hidden: c.hidden_at.is_some(), title: p.title })
        }
        _ => Err(AppError::NotFound),
    }
}

async fn set_hidden(db: &impl sea_orm::ConnectionTrait, t: &Target, hidden: bool, reason: &str, actor: Option<i64>) -> Result<()> {
    let now = Utc::now();
    match t.kind {
        "proposal" => {
            let p = proposal::Entity::find_by_id(t.id).one(db).await?.ok_or(AppError::NotFound)?;
            let from = ProposalStatus::parse(&p.status);
            // Restoring returns to the status before hiding (from the timeline).
            let to = if hidden {
                ProposalStatus::Hidden
            } else {
                let backend = db.get_database_backend();
                let sql = format!(
                    "SELECT from_status AS v FROM proposal_events WHERE proposal_id = {} AND to_status = 'hidden' ORDER BY id DESC",
                    t.id
                );
                db.query_one_raw(sea_orm::Statement::from_string(backend, sql))
                    .await?
                    .and_then(|r| r.try_get::<Option<String>>("", "v").ok().flatten())
                    .and_then(|s| ProposalStatus::parse(&s))
                    .unwrap_or(ProposalStatus::Published)
            };
            let mut active: proposal::ActiveModel = p.into();
            active.status = Set(to.as_str().to_owned());
            active.updated_at = Set(now);
            let updated = active.update(db).await?;
            // Hidden proposals leave the search index; restored ones return.
            crate::services::search::index(db, &updated).await?;
            crate::entities::proposal_event::ActiveModel {
                proposal_id: Set(t.id),
                kind: Set("status_changed".into()),
                from_status: Set(from.map(|s| s.as_str().to_owned())),
                to_status: Set(Some(to.as_str().to_owned())),
                answer: Set(Some(reason.to_owned())),
                actor_id: Set(actor),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
        _ => {
            comment::Entity::update_many()
                .col_expr(comment::Column::HiddenAt, Expr::value(if hidden { Some(now) } else { None }))
                .col_expr(comment::Column::HiddenReason, Expr::value(hidden.then(|| reason.to_owned())))
                .filter(comment::Column::Id.eq(t.id))
                .exec(db)
                .await?;
        }
    }
    let kind = if hidden { "content_hidden" } else { "content_restored" };
    let payload = serde_json::json!({ "title": t.title, "target": t.kind, "reason": reason });
    let comment_id = (t.kind == "comment").then_some(t.id);
    notifications::notify(db, [t.author_id], None, kind, Some(t.proposal_id), comment_id, payload).await
}

/// Reports a proposal or comment. Each person reports a thing once.
pub async fn report(db: &DatabaseConnection, req: &Requester, kind: &str, id: i64, input: ReportInput) -> Result<()> {
    let user = accounts::require(db, req).await?;
    if !REPORT_REASONS.contains(&input.reason.as_str()) {
        return Err(AppError::Validation(vec![FieldError::new("reason", FieldProblem::Invalid, "Choose spam, offensive, off_topic or personal_data.")]));
    }
    let note = input.note.map(|n| shared::text::clean(&n)).filter(|n| !n.is_empty());
    if note.as_deref().is_some_and(|n| shared::text::char_len(n) > 500) {
        return Err(AppError::Validation(vec![FieldError::new("note", FieldProblem::TooLong, "Use at most 500 characters.").with_limits(0, 500)]));
    }
    let t = target(db, kind, id).await?;
    if t.author_id == user.id {
        return Err(AppError::Conflict("You cannot report your own contribution.".into()));
    }
    let txn = db.begin().await?;
    report::ActiveModel {
        target_kind: Set(t.kind.to_owned()),
        target_id: Set(t.id),
        reporter_id: Set(user.id),
        reason: Set(input.reason.clone()),
        note: Set(note),
        created_at: Set(Utc::now()),
        resolved_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::Conflict("You already reported this.".into()),
        _ => AppError::Db(e),
    })?;
    let open = report::Entity::find()
        .filter(report::Column::TargetKind.eq(t.kind))
        .filter(report::Column::TargetId.eq(t.id))
        .filter(report::Column::ResolvedAt.is_null())
        .count(&txn)
        .await?;
    audit::record(&txn, audit::Event::new("moderation.reported").actor(user.id).target(t.kind, t.id).ip(req.ip).details(serde_json::json!({ "reason": input.reason }))).await?;
    if open >= reports_to_hide() && !t.hidden {
        set_hidden(&txn, &t, true, "신고가 누적되어 검토 중입니다 (reported; pending review)", None).await?;
        audit::record(&txn, audit::Event::new("moderation.auto_hidden").target(t.kind, t.id).details(serde_json::json!({ "open_reports": open }))).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Hides or restores (moderators of the proposal's process, or global admins).
pub async fn decide(db: &DatabaseConnection, req: &Requester, kind: &str, id: i64, hide: bool, input: ModerationInput) -> Result<()> {
    let reason = shared::text::clean(&input.reason);
    if !(2..=500).contains(&shared::text::char_len(&reason)) {
        return Err(AppError::Validation(vec![FieldError::new("reason", FieldProblem::Required, "Give the reason (2–500 characters); the author sees it.").with_limits(2, 500)]));
    }
    let user = accounts::require(db, req).await?;
    let actor = accounts::actor(db, &user).await?;
    let t = target(db, kind, id).await?;
    accounts::ensure(&actor, Action::Moderate, Resource::Scope(Scope::Process(t.process_id)))?;
    if t.hidden == hide {
        return Err(AppError::Conflict(if hide { "It is already hidden." } else { "It is not hidden." }.into()));
    }
    let txn = db.begin().await?;
    set_hidden(&txn, &t, hide, &reason, Some(user.id)).await?;
    report::Entity::update_many()
        .col_expr(report::Column::ResolvedAt, Expr::value(Utc::now()))
        .filter(report::Column::TargetKind.eq(t.kind))
        .filter(report::Column::TargetId.eq(t.id))
        .filter(report::Column::ResolvedAt.is_null())
        .exec(&txn)
        .await?;
    let action = if hide { "moderation.hidden" } else { "moderation.restored" };
    audit::record(&txn, audit::Event::new(action).actor(user.id).target(t.kind, t.id).ip(req.ip).details(serde_json::json!({ "reason": reason }))).await?;
    txn.commit().await?;
    Ok(())
}

/// Reported or hidden content with open reports, most reported first.
pub async fn queue(db: &DatabaseConnection, req: &Requester) -> Result<Vec<ModerationItem>> {
    let user = accounts::require(db, req).await?;
    let actor = accounts::actor(db, &user).await?;
    let moderates_somewhere = actor.grants.iter().any(|g| g.role == crate::policy::Role::Moderator)
        || crate::policy::allows(&actor, Action::Moderate, Resource::Scope(Scope::Global));
    if !moderates_somewhere {
        return Err(AppError::Forbidden("You do not have permission to do this.".into()));
    }
    let open = report::Entity::find().filter(report::Column::ResolvedAt.is_null()).all(db).await?;
    let mut grouped: BTreeMap<(String, i64), Vec<String>> = BTreeMap::new();
    for r in open {
        grouped.entry((r.target_kind, r.target_id)).or_default().push(r.reason);
    }
    // Every reported comment and proposal in two queries (not one per report).
    let comment_ids: Vec<i64> = grouped.keys().filter(|(k, _)| k == "comment").map(|(_, id)| *id).collect();
    let comments: HashMap<i64, comment::Model> = if comment_ids.is_empty() {
        HashMap::new()
    } else {
        comment::Entity::find()
            .filter(comment::Column::Id.is_in(comment_ids))
            .filter(comment::Column::DeletedAt.is_null())
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c))
            .collect()
    };
    let mut proposal_ids: Vec<i64> = grouped.keys().filter(|(k, _)| k == "proposal").map(|(_, id)| *id).collect();
    proposal_ids.extend(comments.values().map(|c| c.proposal_id));
    proposal_ids.sort_unstable();
    proposal_ids.dedup();
    let proposals: HashMap<i64, proposal::Model> = if proposal_ids.is_empty() {
        HashMap::new()
    } else {
        proposal::Entity::find().filter(proposal::Column::Id.is_in(proposal_ids)).all(db).await?.into_iter().map(|p| (p.id, p)).collect()
    };
    let mut items = Vec::new();
    for ((kind, id), reasons) in grouped {
        let (proposal_id, author_id, hidden, excerpt) = match kind.as_str() {
            "proposal" => match proposals.get(&id).filter(|p| p.status != ProposalStatus::Draft.as_str()) {
                Some(p) => (p.id, p.author_id, p.status == "hidden", p.title.clone()),
                None => continue,
            },
            "comment" => match comments.get(&id) {
                Some(c) => (c.proposal_id, c.author_id, c.hidden_at.is_some(), c.body.chars().take(80).collect()),
                None => continue,
            },
            _ => continue,
        };
        let Some(process_id) = proposals.get(&proposal_id).map(|p| p.process_id) else { continue };
        if !crate::policy::allows(&actor, Action::Moderate, Resource::Scope(Scope::Process(process_id))) {
            continue;
        }
        let mut uniq = reasons.clone();
        uniq.sort();
        uniq.dedup();
        items.push(ModerationItem { kind, id, proposal_id, excerpt, author_id, open_reports: reasons.len() as u64, reasons: uniq, hidden });
    }
    items.sort_by_key(|i| std::cmp::Reverse(i.open_reports));
    Ok(items)
}

/// Blocks (or unblocks) an account from posting.
pub async fn block(db: &DatabaseConnection, req: &Requester, user_id: i64, blocked: bool, input: ModerationInput) -> Result<()> {
    let reason = shared::text::clean(&input.reason);
    if !(2..=500).contains(&shared::text::char_len(&reason)) {
        return Err(AppError::Validation(vec![FieldError::new("reason", FieldProblem::Required, "Give the reason (2–500 characters).").with_limits(2, 500)]));
    }
    let (me, _) = accounts::require_allowed(db, req, Action::BlockUser, Resource::User(user_id)).await?;
    let res = user::Entity::update_many()
        .col_expr(user::Column::BlockedAt, Expr::value(if blocked { Some(Utc::now()) } else { None }))
        .filter(user::Column::Id.eq(user_id))
        .filter(user::Column::DeletedAt.is_null())
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    crate::services::tokens::forget_cached();
    let action = if blocked { "moderation.user_blocked" } else { "moderation.user_unblocked" };
    audit::record(db, audit::Event::new(action).actor(me.id).target("user", user_id).ip(req.ip).details(serde_json::json!({ "reason": reason }))).await
}
