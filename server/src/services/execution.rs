//! Execution tracking (issue 7, first part): tasks (과제) made from selected
//! proposals or directly, their organisations and task forces, nested
//! milestones with a weighted roll-up, progress updates that reach the
//! original proposer and the proposal's followers, outcome indicators, the
//! task's health (derived, or overridden with a reason), and the public
//! portfolio with CSV and XLSX downloads. The math is in
//! `shared::execution`; this module reads and writes.
//!
//! A task's progress is stored (recomputed in the transaction of every
//! milestone change) so lists can sort and bucket it; its derived health
//! depends on today's date and is computed when read.

use crate::entities::{indicator, indicator_value, milestone, organisation, proposal, task, task_follow, task_member, task_organisation, task_update, user};
use crate::error::{AppError, Result};
use crate::policy::{Action, Actor, Resource, Scope};
use crate::services::accounts::{self, Requester};
use crate::services::{audit, notifications, proposals, reference, rfc3339, status};
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait};
use shared::error::{FieldError, FieldProblem};
use shared::execution::*;
use shared::participation::ProposalStatus;
use std::collections::{HashMap, HashSet};

/// KST, for "today" in health and dates.
const KST_OFFSET_MINUTES: i32 = 9 * 60;

fn today() -> i64 {
    local_day(Utc::now().timestamp(), KST_OFFSET_MINUTES)
}

async fn signed_in(db: &DatabaseConnection, req: &Requester) -> Result<(user::Model, Actor)> {
    let user = accounts::require(db, req).await?;
    let actor = accounts::actor(db, &user).await?;
    Ok((user, actor))
}

async fn task_of(db: &impl ConnectionTrait, id: i64) -> Result<task::Model> {
    task::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

async fn membership(db: &impl ConnectionTrait, task_id: i64, user_id: i64) -> Result<Option<task_member::Model>> {
    Ok(task_member::Entity::find_by_id((task_id, user_id)).one(db).await?)
}

/// May `actor` set the task force and create tasks like it: global admins,
/// and for a task from a proposal the admins of the proposal's process.
async fn may_manage(db: &impl ConnectionTrait, actor: &Actor, t: &task::Model) -> Result<bool> {
    if crate::policy::allows(actor, Action::ManageTasks, Resource::Site) {
        return Ok(true);
    }
    let Some(pid) = t.proposal_id else { return Ok(false) };
    let Some(p) = proposal::Entity::find_by_id(pid).one(db).await? else { return Ok(false) };
    Ok(crate::policy::allows(actor, Action::ManageTasks, Resource::Scope(Scope::Process(p.process_id))))
}

/// The person asking and the task, if they may edit it (403 otherwise).
async fn editor(db: &DatabaseConnection, req: &Requester, task_id: i64) -> Result<(user::Model, task::Model)> {
    let (user, actor) = signed_in(db, req).await?;
    let t = task_of(db, task_id).await?;
    let member = membership(db, t.id, user.id).await?.is_some();
    accounts::ensure(&actor, Action::EditTask, Resource::Task { member })?;
    Ok((user, t))
}

/// Checks organisations exist; fields named as in the input.
async fn check_orgs(db: &impl ConnectionTrait, lead: i64, partners: &[i64]) -> Result<()> {
    let mut ids: Vec<i64> = partners.to_vec();
    ids.push(lead);
    let found: HashSet<i64> = organisation::Entity::find().filter(organisation::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|o| o.id).collect();
    let mut errors = Vec::new();
    if !found.contains(&lead) {
        errors.push(FieldError::new("lead_organisation_id", FieldProblem::Invalid, "No such organisation."));
    }
    if partners.iter().any(|p| !found.contains(p)) {
        errors.push(FieldError::new("partner_organisation_ids", FieldProblem::Invalid, "A partner organisation does not exist."));
    }
    if errors.is_empty() { Ok(()) } else { Err(AppError::Validation(errors)) }
}

async fn check_task(db: &impl ConnectionTrait, input: &TaskInput) -> Result<CheckedTask> {
    let checked = input.check().map_err(AppError::Validation)?;
    let mut errors = Vec::new();
    if !reference::is_area(db, &checked.area_code).await? {
        errors.push(FieldError::new("area_code", FieldProblem::Invalid, "Unknown area."));
    }
    if !reference::is_region(db, &checked.region_code).await? {
        errors.push(FieldError::new("region_code", FieldProblem::Invalid, "Unknown region."));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    check_orgs(db, checked.lead_organisation_id, &checked.partner_organisation_ids).await?;
    Ok(checked)
}

async fn write_orgs(txn: &impl ConnectionTrait, task_id: i64, lead: i64, partners: &[i64]) -> Result<()> {
    task_organisation::Entity::delete_many().filter(task_organisation::Column::TaskId.eq(task_id)).exec(txn).await?;
    let all = std::iter::once((lead, OrgRole::Lead)).chain(partners.iter().map(|p| (*p, OrgRole::Partner)));
    for (org, role) in all {
        task_organisation::ActiveModel { task_id: Set(task_id), organisation_id: Set(org), role: Set(role.as_str().into()) }.insert(txn).await?;
    }
    Ok(())
}

/// Creates a task: from a selected proposal (which moves to in progress)
/// by the admins of its process, or directly by global admins.
pub async fn create(db: &DatabaseConnection, req: &Requester, input: TaskInput) -> Result<TaskDto> {
    let (user, actor) = signed_in(db, req).await?;
    let source = match input.proposal_id {
        Some(pid) => {
            let p = proposals::find_visible(db, Some(&actor), pid).await?;
            accounts::ensure(&actor, Action::ManageTasks, Resource::Scope(Scope::Process(p.process_id)))?;
            Some(p)
        }
        None => {
            accounts::ensure(&actor, Action::ManageTasks, Resource::Site)?;
            None
        }
    };
    let checked = check_task(db, &input).await?;
    if let Some(p) = &source {
        if proposals::status_of(p) != ProposalStatus::Selected {
            return Err(AppError::Conflict(format!("Only a selected proposal becomes a task; this one is {}.", proposals::status_of(p).as_str())));
        }
        if task::Entity::find().filter(task::Column::ProposalId.eq(p.id)).one(db).await?.is_some() {
            return Err(AppError::Conflict("This proposal is a task already.".into()));
        }
    }
    let now = Utc::now();
    let txn = db.begin().await?;
    let t = task::ActiveModel {
        proposal_id: Set(source.as_ref().map(|p| p.id)),
        title: Set(checked.title.clone()),
        description: Set(checked.description.clone()),
        kind: Set(checked.kind.as_str().into()),
        area_code: Set(checked.area_code.clone()),
        region_code: Set(checked.region_code.clone()),
        lead_organisation_id: Set(checked.lead_organisation_id),
        progress: Set(0.0),
        health_override: Set(None),
        health_override_reason: Set(None),
        created_by: Set(user.id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => AppError::Conflict("This proposal is a task already.".into()),
        _ => e.into(),
    })?;
    write_orgs(&txn, t.id, checked.lead_organisation_id, &checked.partner_organisation_ids).await?;
    if let Some(p) = &source {
        let answer = format!("실행 과제로 전환되었습니다: {}", checked.title);
        status::apply(&txn, p, ProposalStatus::Selected, ProposalStatus::InProgress, Some(answer), user.id, req.ip).await?;
    }
    let details = serde_json::json!({ "after": { "title": checked.title, "kind": checked.kind.as_str(), "proposal_id": t.proposal_id, "lead": checked.lead_organisation_id, "partners": checked.partner_organisation_ids } });
    audit::record(&txn, audit::Event::new("task.created").actor(user.id).target("task", t.id).ip(req.ip).details(details)).await?;
    txn.commit().await?;
    get(db, req, t.id).await
}

/// Changes a task's fields (members of its task force, global admins).
pub async fn update(db: &DatabaseConnection, req: &Requester, id: i64, input: TaskInput) -> Result<TaskDto> {
    let (user, t) = editor(db, req, id).await?;
    let input = TaskInput { proposal_id: t.proposal_id, ..input };
    let checked = check_task(db, &input).await?;
    let partners: Vec<i64> = task_organisation::Entity::find()
        .filter(task_organisation::Column::TaskId.eq(id))
        .filter(task_organisation::Column::Role.eq(OrgRole::Partner.as_str()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.organisation_id)
        .collect();
    let txn = db.begin().await?;
    let before = serde_json::json!({ "title": t.title, "description": t.description, "kind": t.kind, "area": t.area_code, "region": t.region_code, "lead": t.lead_organisation_id, "partners": partners });
    let mut active: task::ActiveModel = t.into();
    active.title = Set(checked.title.clone());
    active.description = Set(checked.description.clone());
    active.kind = Set(checked.kind.as_str().into());
    active.area_code = Set(checked.area_code.clone());
    active.region_code = Set(checked.region_code.clone());
    active.lead_organisation_id = Set(checked.lead_organisation_id);
    active.updated_at = Set(Utc::now());
    active.update(&txn).await?;
    write_orgs(&txn, id, checked.lead_organisation_id, &checked.partner_organisation_ids).await?;
    let after = serde_json::json!({ "title": checked.title, "description": checked.description, "kind": checked.kind.as_str(), "area": checked.area_code, "region": checked.region_code, "lead": checked.lead_organisation_id, "partners": checked.partner_organisation_ids });
    audit::record(&txn, audit::Event::new("task.updated").actor(user.id).target("task", id).ip(req.ip).details(serde_json::json!({ "before": before, "after": after }))).await?;
    txn.commit().await?;
    get(db, req, id).await
}

/// Replaces the task force (global admins, the process's admins for a task
/// from a proposal, and the task force's leads).
pub async fn set_members(db: &DatabaseConnection, req: &Requester, id: i64, input: TaskMembersInput) -> Result<TaskDto> {
    let (user, actor) = signed_in(db, req).await?;
    let t = task_of(db, id).await?;
    let lead = membership(db, id, user.id).await?.is_some_and(|m| m.role == "lead");
    if !lead && !may_manage(db, &actor, &t).await? {
        return Err(AppError::Forbidden("Only the task force's leads and the admins can change the task force.".into()));
    }
    let mut members: Vec<(i64, &'static str)> = Vec::new();
    for m in &input.members {
        let role = match m.role.as_deref().map(str::trim).unwrap_or("member") {
            "" | "member" => "member",
            "lead" => "lead",
            _ => return Err(AppError::Validation(vec![FieldError::new("members", FieldProblem::Invalid, "A member's role is lead or member.")])),
        };
        let user_id = match m.email.as_deref().map(|e| e.trim().to_lowercase()).filter(|e| !e.is_empty()) {
            Some(email) => user::Entity::find()
                .filter(user::Column::Email.eq(email.as_str()))
                .filter(user::Column::DeletedAt.is_null())
                .one(db)
                .await?
                .map(|u| u.id)
                .ok_or_else(|| AppError::Validation(vec![FieldError::new("members", FieldProblem::Invalid, "No account has this e-mail address.")]))?,
            None => {
                let found = user::Entity::find_by_id(m.user_id).filter(user::Column::DeletedAt.is_null()).one(db).await?;
                found.map(|u| u.id).ok_or_else(|| AppError::Validation(vec![FieldError::new("members", FieldProblem::Invalid, format!("No account with id {}.", m.user_id))]))?
            }
        };
        if members.iter().any(|(u, _)| *u == user_id) {
            return Err(AppError::Validation(vec![FieldError::new("members", FieldProblem::Invalid, "Each person can be listed only once.")]));
        }
        members.push((user_id, role));
    }
    let before: Vec<(i64, String)> = task_member::Entity::find().filter(task_member::Column::TaskId.eq(id)).all(db).await?.into_iter().map(|m| (m.user_id, m.role)).collect();
    let txn = db.begin().await?;
    task_member::Entity::delete_many().filter(task_member::Column::TaskId.eq(id)).exec(&txn).await?;
    for (user_id, role) in &members {
        task_member::ActiveModel { task_id: Set(id), user_id: Set(*user_id), role: Set((*role).into()) }.insert(&txn).await?;
    }
    let details = serde_json::json!({ "before": before, "after": members });
    audit::record(&txn, audit::Event::new("task.members_set").actor(user.id).target("task", id).ip(req.ip).details(details)).await?;
    txn.commit().await?;
    get(db, req, id).await
}

// ---------------------------------------------------------------------------
// Milestones

async fn milestones_of(db: &impl ConnectionTrait, task_id: i64) -> Result<Vec<milestone::Model>> {
    Ok(milestone::Entity::find().filter(milestone::Column::TaskId.eq(task_id)).order_by_asc(milestone::Column::Id).all(db).await?)
}

fn rollup_input(ms: &[milestone::Model]) -> Vec<RollupMilestone> {
    ms.iter()
        .map(|m| RollupMilestone {
            id: m.id,
            parent_id: m.parent_id,
            weight: u32::try_from(m.weight).unwrap_or(1),
            status: MilestoneStatus::parse(&m.status).unwrap_or(MilestoneStatus::Planned),
            percent: m.progress_percent.and_then(|p| u32::try_from(p).ok()),
        })
        .collect()
}

/// Recomputes and stores the task's progress (inside the caller's transaction).
async fn recompute(txn: &impl ConnectionTrait, task_id: i64) -> Result<()> {
    let ms = milestones_of(txn, task_id).await?;
    // A tree that stopped being one (two changes at once, each fine alone)
    // is refused: the caller's transaction rolls back.
    let rolled = roll_up(&rollup_input(&ms)).map_err(|e| AppError::Conflict(format!("The milestones changed at the same time ({e}); load the task again.")))?;
    task::Entity::update_many()
        .col_expr(task::Column::Progress, Expr::value(rolled.task))
        .col_expr(task::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(task::Column::Id.eq(task_id))
        .exec(txn)
        .await?;
    Ok(())
}

/// Checks a milestone against the task: the owner exists, the parent is a
/// milestone of the same task, and the tree stays a tree.
async fn check_milestone(db: &impl ConnectionTrait, task_id: i64, id: Option<i64>, input: &MilestoneInput) -> Result<CheckedMilestone> {
    let checked = input.check().map_err(AppError::Validation)?;
    let ms = milestones_of(db, task_id).await?;
    if let Some(parent) = checked.parent_id {
        if !ms.iter().any(|m| m.id == parent) {
            return Err(AppError::Validation(vec![FieldError::new("parent_id", FieldProblem::Invalid, "The parent is not a milestone of this task.")]));
        }
        // Would the change make a milestone its own ancestor?
        let mut trial = rollup_input(&ms);
        match id {
            Some(id) => {
                for m in trial.iter_mut().filter(|m| m.id == id) {
                    m.parent_id = Some(parent);
                }
            }
            None => trial.push(RollupMilestone { id: i64::MAX, parent_id: Some(parent), weight: 1, status: MilestoneStatus::Planned, percent: None }),
        }
        if roll_up(&trial).is_err() {
            return Err(AppError::Validation(vec![FieldError::new("parent_id", FieldProblem::Invalid, "A milestone cannot be inside itself.")]));
        }
    }
    if let Some(owner) = checked.owner_id
        && user::Entity::find_by_id(owner).filter(user::Column::DeletedAt.is_null()).one(db).await?.is_none()
    {
        return Err(AppError::Validation(vec![FieldError::new("owner_id", FieldProblem::Invalid, "No such account.")]));
    }
    Ok(checked)
}

/// Adds a milestone (task-force members) and recomputes the progress.
pub async fn add_milestone(db: &DatabaseConnection, req: &Requester, task_id: i64, input: MilestoneInput) -> Result<TaskDto> {
    let (user, t) = editor(db, req, task_id).await?;
    let c = check_milestone(db, t.id, None, &input).await?;
    let now = Utc::now();
    let txn = db.begin().await?;
    let m = milestone::ActiveModel {
        task_id: Set(t.id),
        parent_id: Set(c.parent_id),
        title: Set(c.title.clone()),
        due_date: Set(c.due_date.clone()),
        owner_id: Set(c.owner_id),
        weight: Set(i32::try_from(c.weight).unwrap_or(1)),
        status: Set(c.status.as_str().into()),
        progress_percent: Set(c.progress_percent.and_then(|p| i32::try_from(p).ok())),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    recompute(&txn, t.id).await?;
    let details = serde_json::json!({ "task_id": t.id, "after": milestone_json(&m) });
    audit::record(&txn, audit::Event::new("milestone.created").actor(user.id).target("milestone", m.id).ip(req.ip).details(details)).await?;
    txn.commit().await?;
    get(db, req, t.id).await
}

fn milestone_json(m: &milestone::Model) -> serde_json::Value {
    serde_json::json!({ "title": m.title, "due_date": m.due_date, "status": m.status, "percent": m.progress_percent, "weight": m.weight, "parent_id": m.parent_id, "owner_id": m.owner_id })
}

async fn milestone_of(db: &impl ConnectionTrait, task_id: i64, id: i64) -> Result<milestone::Model> {
    milestone::Entity::find_by_id(id).filter(milestone::Column::TaskId.eq(task_id)).one(db).await?.ok_or(AppError::NotFound)
}

/// Changes a milestone (task-force members) and recomputes the progress.
pub async fn update_milestone(db: &DatabaseConnection, req: &Requester, task_id: i64, id: i64, input: MilestoneInput) -> Result<TaskDto> {
    let (user, t) = editor(db, req, task_id).await?;
    let old = milestone_of(db, t.id, id).await?;
    let c = check_milestone(db, t.id, Some(id), &input).await?;
    let txn = db.begin().await?;
    let mut active: milestone::ActiveModel = old.clone().into();
    active.parent_id = Set(c.parent_id);
    active.title = Set(c.title.clone());
    active.due_date = Set(c.due_date.clone());
    active.owner_id = Set(c.owner_id);
    active.weight = Set(i32::try_from(c.weight).unwrap_or(1));
    active.status = Set(c.status.as_str().into());
    active.progress_percent = Set(c.progress_percent.and_then(|p| i32::try_from(p).ok()));
    active.updated_at = Set(Utc::now());
    let m = active.update(&txn).await?;
    recompute(&txn, t.id).await?;
    let details = serde_json::json!({ "task_id": t.id, "before": milestone_json(&old), "after": milestone_json(&m) });
    audit::record(&txn, audit::Event::new("milestone.updated").actor(user.id).target("milestone", id).ip(req.ip).details(details)).await?;
    txn.commit().await?;
    get(db, req, t.id).await
}

/// Deletes a milestone (task-force members); its children move up to its parent.
pub async fn delete_milestone(db: &DatabaseConnection, req: &Requester, task_id: i64, id: i64) -> Result<TaskDto> {
    let (user, t) = editor(db, req, task_id).await?;
    let old = milestone_of(db, t.id, id).await?;
    let txn = db.begin().await?;
    milestone::Entity::update_many()
        .col_expr(milestone::Column::ParentId, Expr::value(old.parent_id))
        .filter(milestone::Column::TaskId.eq(t.id))
        .filter(milestone::Column::ParentId.eq(id))
        .exec(&txn)
        .await?;
    milestone::Entity::delete_by_id(id).exec(&txn).await?;
    recompute(&txn, t.id).await?;
    let details = serde_json::json!({ "task_id": t.id, "before": milestone_json(&old) });
    audit::record(&txn, audit::Event::new("milestone.deleted").actor(user.id).target("milestone", id).ip(req.ip).details(details)).await?;
    txn.commit().await?;
    get(db, req, t.id).await
}

// ---------------------------------------------------------------------------
// Updates, indicators, health

/// Posts a progress update (task-force members); the task's followers, the
/// original proposer and the proposal's followers are told.
pub async fn add_update(db: &DatabaseConnection, req: &Requester, task_id: i64, input: ProgressUpdateInput) -> Result<UpdateDto> {
    let (user, t) = editor(db, req, task_id).await?;
    let c = input.check().map_err(AppError::Validation)?;
    let now = Utc::now();
    let txn = db.begin().await?;
    let u = task_update::ActiveModel {
        task_id: Set(t.id),
        author_id: Set(user.id),
        body: Set(c.body.clone()),
        links: Set(serde_json::to_string(&c.links).unwrap_or_else(|_| "[]".into())),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    // The task's followers, and for a task from a proposal its proposer and
    // the proposal's followers.
    let mut told: Vec<i64> = task_follow::Entity::find().filter(task_follow::Column::TaskId.eq(t.id)).all(&txn).await?.into_iter().map(|f| f.user_id).collect();
    let mut payload = serde_json::json!({ "task_id": t.id, "task_title": t.title, "title": "" });
    let mut proposal_id = None;
    if let Some(pid) = t.proposal_id
        && let Some(p) = proposal::Entity::find_by_id(pid).one(&txn).await?
    {
        told.extend(notifications::followers(&txn, p.id).await?);
        told.push(p.author_id);
        payload["title"] = p.title.clone().into();
        proposal_id = Some(p.id);
    }
    notifications::notify(&txn, told, Some(user.id), "task_update", proposal_id, None, payload).await?;
    audit::record(&txn, audit::Event::new("task.update_posted").actor(user.id).target("task", t.id).ip(req.ip).details(serde_json::json!({ "update_id": u.id }))).await?;
    txn.commit().await?;
    Ok(UpdateDto { id: u.id, author_id: user.id, author_name: user.display_name, body: c.body, links: c.links, created_at: rfc3339(u.created_at) })
}

/// Adds an outcome indicator (task-force members).
pub async fn add_indicator(db: &DatabaseConnection, req: &Requester, task_id: i64, input: IndicatorInput) -> Result<TaskDto> {
    let (user, t) = editor(db, req, task_id).await?;
    let c = input.check().map_err(AppError::Validation)?;
    let txn = db.begin().await?;
    let i = indicator::ActiveModel {
        task_id: Set(t.id),
        name: Set(c.name.clone()),
        unit: Set(c.unit.clone()),
        baseline: Set(c.baseline),
        target: Set(c.target),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let details = serde_json::json!({ "task_id": t.id, "name": c.name, "unit": c.unit, "baseline": c.baseline, "target": c.target });
    audit::record(&txn, audit::Event::new("indicator.created").actor(user.id).target("indicator", i.id).ip(req.ip).details(details)).await?;
    txn.commit().await?;
    get(db, req, t.id).await
}

/// Records an indicator's value on a date (one per date: a new one replaces it).
pub async fn add_indicator_value(db: &DatabaseConnection, req: &Requester, task_id: i64, indicator_id: i64, input: IndicatorValueInput) -> Result<TaskDto> {
    let (user, t) = editor(db, req, task_id).await?;
    indicator::Entity::find_by_id(indicator_id).filter(indicator::Column::TaskId.eq(t.id)).one(db).await?.ok_or(AppError::NotFound)?;
    let c = input.check().map_err(AppError::Validation)?;
    let txn = db.begin().await?;
    let before = indicator_value::Entity::find()
        .filter(indicator_value::Column::IndicatorId.eq(indicator_id))
        .filter(indicator_value::Column::Date.eq(c.date.as_str()))
        .one(&txn)
        .await?;
    let old = before.as_ref().map(|b| b.value);
    match before {
        Some(b) => {
            let mut active: indicator_value::ActiveModel = b.into();
            active.value = Set(c.value);
            active.update(&txn).await?;
        }
        None => {
            indicator_value::ActiveModel { indicator_id: Set(indicator_id), date: Set(c.date.clone()), value: Set(c.value), created_at: Set(Utc::now()), ..Default::default() }
                .insert(&txn)
                .await
                .map_err(|e| match e.sql_err() {
                    Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => AppError::Conflict("A value for this date was recorded at the same time; load the task again.".into()),
                    _ => e.into(),
                })?;
        }
    }
    task::Entity::update_many().col_expr(task::Column::UpdatedAt, Expr::value(Utc::now())).filter(task::Column::Id.eq(t.id)).exec(&txn).await?;
    let details = serde_json::json!({ "task_id": t.id, "date": c.date, "before": old, "after": c.value });
    audit::record(&txn, audit::Event::new("indicator.value_set").actor(user.id).target("indicator", indicator_id).ip(req.ip).details(details)).await?;
    txn.commit().await?;
    get(db, req, t.id).await
}

/// Overrides the task's health with a reason (members), or (`None`) returns
/// to the derived health.
pub async fn override_health(db: &DatabaseConnection, req: &Requester, task_id: i64, input: Option<HealthOverrideInput>) -> Result<TaskDto> {
    let (user, t) = editor(db, req, task_id).await?;
    let (health, reason) = match &input {
        Some(i) => {
            let (h, r) = i.check().map_err(AppError::Validation)?;
            (Some(h.as_str().to_owned()), Some(r))
        }
        None => (None, None),
    };
    let txn = db.begin().await?;
    let details = serde_json::json!({ "before": { "health": t.health_override, "reason": t.health_override_reason }, "after": { "health": health, "reason": reason } });
    let mut active: task::ActiveModel = t.clone().into();
    active.health_override = Set(health);
    active.health_override_reason = Set(reason);
    active.updated_at = Set(Utc::now());
    active.update(&txn).await?;
    audit::record(&txn, audit::Event::new("task.health_overridden").actor(user.id).target("task", t.id).ip(req.ip).details(details)).await?;
    txn.commit().await?;
    get(db, req, t.id).await
}

// ---------------------------------------------------------------------------
// Reading

/// Everything the health and the DTOs need, for some tasks, in few queries.
struct Loaded {
    milestones: HashMap<i64, Vec<milestone::Model>>,
    indicators: HashMap<i64, Vec<indicator::Model>>,
    values: HashMap<i64, Vec<indicator_value::Model>>,
    orgs: HashMap<i64, Vec<task_organisation::Model>>,
    org_names: HashMap<i64, String>,
}

async fn load(db: &impl ConnectionTrait, ids: &[i64]) -> Result<Loaded> {
    let mut l = Loaded { milestones: HashMap::new(), indicators: HashMap::new(), values: HashMap::new(), orgs: HashMap::new(), org_names: HashMap::new() };
    if ids.is_empty() {
        return Ok(l);
    }
    for m in milestone::Entity::find().filter(milestone::Column::TaskId.is_in(ids.to_vec())).order_by_asc(milestone::Column::Id).all(db).await? {
        l.milestones.entry(m.task_id).or_default().push(m);
    }
    let inds = indicator::Entity::find().filter(indicator::Column::TaskId.is_in(ids.to_vec())).order_by_asc(indicator::Column::Id).all(db).await?;
    let ind_ids: Vec<i64> = inds.iter().map(|i| i.id).collect();
    if !ind_ids.is_empty() {
        for v in indicator_value::Entity::find().filter(indicator_value::Column::IndicatorId.is_in(ind_ids)).order_by_asc(indicator_value::Column::Date).all(db).await? {
            l.values.entry(v.indicator_id).or_default().push(v);
        }
    }
    for i in inds {
        l.indicators.entry(i.task_id).or_default().push(i);
    }
    let orgs = task_organisation::Entity::find().filter(task_organisation::Column::TaskId.is_in(ids.to_vec())).all(db).await?;
    let org_ids: Vec<i64> = orgs.iter().map(|o| o.organisation_id).collect();
    if !org_ids.is_empty() {
        l.org_names = organisation::Entity::find().filter(organisation::Column::Id.is_in(org_ids)).all(db).await?.into_iter().map(|o| (o.id, o.name)).collect();
    }
    for o in orgs {
        l.orgs.entry(o.task_id).or_default().push(o);
    }
    Ok(l)
}

/// The task's derived health today and its milestones' rolled-up progress.
fn health_of(t: &task::Model, l: &Loaded, today: i64) -> (Health, Rollup) {
    let empty = Vec::new();
    let ms = l.milestones.get(&t.id).unwrap_or(&empty);
    let rolled = roll_up(&rollup_input(ms)).unwrap_or_default();
    let start = local_day(t.created_at.timestamp(), KST_OFFSET_MINUTES);
    let end = ms.iter().filter_map(|m| parse_date(&m.due_date)).max().unwrap_or(start);
    // Without milestones ahead there is no schedule to measure indicators
    // against: they cannot make the task at risk.
    let expected = if end > start { linear_expected_fraction(start, end, today) } else { 0.0 };
    let hm: Vec<HealthMilestone> = ms
        .iter()
        .map(|m| HealthMilestone {
            status: MilestoneStatus::parse(&m.status).unwrap_or(MilestoneStatus::Planned),
            due_day: parse_date(&m.due_date).unwrap_or(today),
            progress: rolled.milestones.get(&m.id).copied().unwrap_or(0.0),
        })
        .collect();
    let no_inds = Vec::new();
    let hi: Vec<HealthIndicator> = l
        .indicators
        .get(&t.id)
        .unwrap_or(&no_inds)
        .iter()
        .map(|i| HealthIndicator {
            baseline: i.baseline,
            target: i.target,
            actual: l.values.get(&i.id).and_then(|v| v.last()).map(|v| v.value),
            expected_fraction: expected,
        })
        .collect();
    (derive_health(&hm, &hi, today), rolled)
}

fn shown_health(t: &task::Model, derived: Health) -> Health {
    t.health_override.as_deref().and_then(Health::parse).unwrap_or(derived)
}

fn org_dtos(t: &task::Model, l: &Loaded) -> Vec<TaskOrgDto> {
    let mut out: Vec<TaskOrgDto> = l
        .orgs
        .get(&t.id)
        .map(|os| {
            os.iter()
                .map(|o| TaskOrgDto {
                    id: o.organisation_id,
                    name: l.org_names.get(&o.organisation_id).cloned().unwrap_or_default(),
                    role: OrgRole::parse(&o.role).unwrap_or(OrgRole::Partner),
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort_by_key(|o| (o.role != OrgRole::Lead, o.id));
    out
}

fn summary(t: &task::Model, l: &Loaded, today: i64) -> TaskSummary {
    let (derived, _) = health_of(t, l, today);
    let lead = org_dtos(t, l).into_iter().find(|o| o.role == OrgRole::Lead).unwrap_or(TaskOrgDto {
        id: t.lead_organisation_id,
        name: l.org_names.get(&t.lead_organisation_id).cloned().unwrap_or_default(),
        role: OrgRole::Lead,
    });
    TaskSummary {
        id: t.id,
        title: t.title.clone(),
        kind: TaskKind::parse(&t.kind).unwrap_or(TaskKind::Priority),
        area_code: t.area_code.clone(),
        region_code: t.region_code.clone(),
        lead,
        health: shown_health(t, derived),
        progress: t.progress,
        proposal_id: t.proposal_id,
        updated_at: rfc3339(t.updated_at),
    }
}

/// A task in full (public); `can_edit` for the person asking.
pub async fn get(db: &DatabaseConnection, req: &Requester, id: i64) -> Result<TaskDto> {
    let t = task_of(db, id).await?;
    let l = load(db, &[t.id]).await?;
    let (derived, rolled) = health_of(&t, &l, today());
    let members = task_member::Entity::find().filter(task_member::Column::TaskId.eq(t.id)).order_by_asc(task_member::Column::UserId).all(db).await?;
    let updates = task_update::Entity::find().filter(task_update::Column::TaskId.eq(t.id)).order_by_desc(task_update::Column::Id).all(db).await?;
    let empty = Vec::new();
    let ms = l.milestones.get(&t.id).unwrap_or(&empty);
    let people: Vec<i64> = members.iter().map(|m| m.user_id).chain(updates.iter().map(|u| u.author_id)).chain(ms.iter().filter_map(|m| m.owner_id)).collect();
    let names = crate::services::display_names(db, people).await?;
    let (can_edit, can_manage, following) = match accounts::current(db, req).await? {
        Some(u) => {
            let actor = accounts::actor(db, &u).await?;
            let member = members.iter().find(|m| m.user_id == u.id);
            let can_edit = crate::policy::allows(&actor, Action::EditTask, Resource::Task { member: member.is_some() });
            let can_manage = member.is_some_and(|m| m.role == "lead") || may_manage(db, &actor, &t).await?;
            (can_edit, can_manage, task_follow::Entity::find_by_id((t.id, u.id)).one(db).await?.is_some())
        }
        None => (false, false, false),
    };
    let followers = task_follow::Entity::find().filter(task_follow::Column::TaskId.eq(t.id)).count(db).await?;
    let no_inds = Vec::new();
    Ok(TaskDto {
        id: t.id,
        title: t.title.clone(),
        description: t.description.clone(),
        kind: TaskKind::parse(&t.kind).unwrap_or(TaskKind::Priority),
        area_code: t.area_code.clone(),
        region_code: t.region_code.clone(),
        proposal_id: t.proposal_id,
        organisations: org_dtos(&t, &l),
        members: members
            .iter()
            .map(|m| TaskMemberDto { user_id: m.user_id, display_name: names.get(&m.user_id).cloned().unwrap_or_default(), role: m.role.clone() })
            .collect(),
        milestones: ms
            .iter()
            .map(|m| MilestoneDto {
                id: m.id,
                parent_id: m.parent_id,
                title: m.title.clone(),
                due_date: m.due_date.clone(),
                owner_id: m.owner_id,
                owner_name: m.owner_id.and_then(|o| names.get(&o).cloned()),
                weight: u32::try_from(m.weight).unwrap_or(1),
                status: MilestoneStatus::parse(&m.status).unwrap_or(MilestoneStatus::Planned),
                progress_percent: m.progress_percent.and_then(|p| u32::try_from(p).ok()),
                progress: rolled.milestones.get(&m.id).copied().unwrap_or(0.0),
            })
            .collect(),
        indicators: l
            .indicators
            .get(&t.id)
            .unwrap_or(&no_inds)
            .iter()
            .map(|i| {
                let values: Vec<IndicatorValueDto> = l.values.get(&i.id).map(|vs| vs.iter().map(|v| IndicatorValueDto { date: v.date.clone(), value: v.value }).collect()).unwrap_or_default();
                IndicatorDto {
                    id: i.id,
                    name: i.name.clone(),
                    unit: i.unit.clone(),
                    baseline: i.baseline,
                    target: i.target,
                    achieved: values.last().and_then(|v| achieved_fraction(i.baseline, i.target, v.value)),
                    values,
                }
            })
            .collect(),
        updates: updates
            .into_iter()
            .map(|u| UpdateDto {
                id: u.id,
                author_id: u.author_id,
                author_name: names.get(&u.author_id).cloned().unwrap_or_default(),
                body: u.body,
                links: serde_json::from_str(&u.links).unwrap_or_default(),
                created_at: rfc3339(u.created_at),
            })
            .collect(),
        progress: rolled.task,
        derived_health: derived,
        health: shown_health(&t, derived),
        health_override_reason: t.health_override.as_ref().and(t.health_override_reason.clone()),
        can_edit,
        can_manage,
        following,
        followers,
        created_at: rfc3339(t.created_at),
        updated_at: rfc3339(t.updated_at),
    })
}

/// The public portfolio: tasks matching the filters, with counts by health
/// and by progress. 422 for an unknown health or kind.
pub async fn portfolio(db: &DatabaseConnection, q: &PortfolioQuery) -> Result<PortfolioDto> {
    let health = match q.health.as_deref().filter(|h| !h.is_empty()) {
        Some(h) => Some(Health::parse(h).ok_or_else(|| AppError::Validation(vec![FieldError::new("health", FieldProblem::Invalid, "Health is on_track, at_risk or delayed.")]))?),
        None => None,
    };
    let mut find = task::Entity::find().order_by_asc(task::Column::Id);
    if let Some(k) = q.kind.as_deref().filter(|k| !k.is_empty()) {
        let kind = TaskKind::parse(k).ok_or_else(|| AppError::Validation(vec![FieldError::new("kind", FieldProblem::Invalid, "Kind is priority or institution_managed.")]))?;
        find = find.filter(task::Column::Kind.eq(kind.as_str()));
    }
    if let Some(a) = q.area.as_deref().filter(|a| !a.is_empty()) {
        find = find.filter(task::Column::AreaCode.eq(a));
    }
    if let Some(r) = q.region.as_deref().filter(|r| !r.is_empty()) {
        find = find.filter(task::Column::RegionCode.eq(r));
    }
    if let Some(lead) = q.lead {
        find = find.filter(task::Column::LeadOrganisationId.eq(lead));
    }
    let tasks = find.all(db).await?;
    let ids: Vec<i64> = tasks.iter().map(|t| t.id).collect();
    let l = load(db, &ids).await?;
    let today = today();
    let items: Vec<TaskSummary> = tasks.iter().map(|t| summary(t, &l, today)).filter(|s| health.is_none_or(|h| s.health == h)).collect();
    let mut counts = HealthCounts::default();
    let mut buckets = [0u64; 5];
    for s in &items {
        match s.health {
            Health::OnTrack => counts.on_track += 1,
            Health::AtRisk => counts.at_risk += 1,
            Health::Delayed => counts.delayed += 1,
        }
        buckets[progress_bucket(s.progress)] += 1;
    }
    Ok(PortfolioDto { items, health: counts, progress_buckets: buckets })
}

const PORTFOLIO_COLUMNS: [&str; 9] =
    ["번호 id", "과제 title", "구분 kind", "분야 area", "지역 region", "주관 기관 lead", "진척도 progress (%)", "상태 health", "제안 번호 proposal_id"];

fn portfolio_cells(s: &TaskSummary) -> Vec<String> {
    vec![
        s.id.to_string(),
        s.title.clone(),
        s.kind.as_str().to_owned(),
        s.area_code.clone(),
        s.region_code.clone(),
        s.lead.name.clone(),
        format!("{:.1}", s.progress),
        s.health.as_str().to_owned(),
        s.proposal_id.map(|p| p.to_string()).unwrap_or_default(),
    ]
}

/// The portfolio as CSV (UTF-8 with a byte-order mark; formula-like cells neutralised).
pub fn portfolio_csv(p: &PortfolioDto) -> String {
    crate::services::csv_document(&PORTFOLIO_COLUMNS, p.items.iter().map(portfolio_cells))
}

/// The portfolio as an XLSX workbook (one sheet).
pub fn portfolio_xlsx(p: &PortfolioDto) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| AppError::Internal(anyhow::anyhow!("failed to write the portfolio workbook: {e}"));
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet().set_name("과제").map_err(fail)?;
    for (col, name) in PORTFOLIO_COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *name, &bold).map_err(fail)?;
    }
    for (i, s) in p.items.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_number(row, 0, s.id as f64).map_err(fail)?;
        for (col, cell) in portfolio_cells(s).into_iter().enumerate().skip(1) {
            if col == 6 {
                sheet.write_number(row, 6, (s.progress * 10.0).round() / 10.0).map_err(fail)?;
            } else {
                sheet.write_string(row, col as u16, &cell).map_err(fail)?;
            }
        }
    }
    sheet.set_column_width(1, 50).map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}

/// Follows a task (told of its progress updates) or stops following it.
/// Returns whether the person now follows it.
pub async fn follow(db: &DatabaseConnection, req: &Requester, task_id: i64, on: bool) -> Result<bool> {
    let user = accounts::require(db, req).await?;
    let t = task_of(db, task_id).await?;
    let existing = task_follow::Entity::find_by_id((t.id, user.id)).one(db).await?;
    match (on, existing) {
        (true, None) => {
            let row = task_follow::ActiveModel { task_id: Set(t.id), user_id: Set(user.id), created_at: Set(Utc::now()) };
            if let Err(e) = row.insert(db).await
                && !matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_)))
            {
                return Err(e.into());
            }
        }
        (false, Some(_)) => {
            task_follow::Entity::delete_by_id((t.id, user.id)).exec(db).await?;
        }
        _ => {}
    }
    Ok(on)
}
