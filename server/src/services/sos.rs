//! The collaboration SOS desk (협업SOS, issue 7): task forces raise the
//! difficulties they hit; the desk (responders and its lead, granted
//! globally, and global admins) triages them by urgency and time waiting,
//! assigns, answers, asks for information, escalates and resolves. Every
//! request runs two service-level timers in working time (first answer,
//! resolution) on the configured calendar; missed deadlines are shown and
//! told to the desk's lead once. Threads are private to the task force and
//! the desk (others get 404); the public sees anonymised statistics only.
//!
//! The timer math is `shared::execution`; this module reads and writes.

use crate::entities::{
    organisation, role_grant, sos_message, sos_request, sos_request_organisation, task,
    task_member, user,
};
use crate::error::{AppError, Result};
use crate::policy::{Action, Actor, Resource, Role};
use crate::services::accounts::{self, Requester};
use crate::services::{audit, display_names, notifications, rfc3339};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use shared::error::{FieldError, FieldProblem};
use shared::execution::*;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

/// The desk's working calendar and service levels (configuration).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Desk {
    pub calendar: WorkCalendar,
    pub levels: SlaPolicy,
}

impl Default for Desk {
    /// 09:00–18:00 KST, the built-in holidays, the default service levels.
    fn default() -> Self {
        let calendar = WorkCalendar::default();
        let levels = SlaPolicy::defaults(&calendar);
        Self { calendar, levels }
    }
}

impl Desk {
    /// Both timers of a request seen at `now`.
    fn clocks(&self, r: &sos_request::Model, now: i64) -> (SlaClock, SlaClock) {
        let sla = self.levels.for_urgency(urgency_of(r));
        let created = r.created_at.timestamp();
        let first = clock(
            &self.calendar,
            created,
            now,
            r.first_response_at.map(|t| t.timestamp()),
            sla.first_response_secs,
        );
        let resolution = clock(
            &self.calendar,
            created,
            now,
            r.resolved_at.map(|t| t.timestamp()),
            sla.resolution_secs,
        );
        (first, resolution)
    }

    /// Whether a timer still running has passed its deadline.
    fn running_overdue(r: &sos_request::Model, first: &SlaClock, resolution: &SlaClock) -> bool {
        (r.first_response_at.is_none() && first.overdue)
            || (r.resolved_at.is_none() && resolution.overdue)
    }
}

fn urgency_of(r: &sos_request::Model) -> SosUrgency {
    SosUrgency::parse(&r.urgency).unwrap_or_default()
}

fn state_of(r: &sos_request::Model) -> SosState {
    SosState::parse(&r.state).unwrap_or_default()
}

fn category_of(r: &sos_request::Model) -> SosCategory {
    SosCategory::parse(&r.category).unwrap_or(SosCategory::Other)
}

async fn signed_in(db: &DatabaseConnection, req: &Requester) -> Result<(user::Model, Actor)> {
    let user = accounts::require(db, req).await?;
    let actor = accounts::actor(db, &user).await?;
    Ok((user, actor))
}

async fn is_member(db: &impl ConnectionTrait, task_id: i64, user_id: i64) -> Result<bool> {
    Ok(task_member::Entity::find_by_id((task_id, user_id))
        .one(db)
        .await?
        .is_some())
}

async fn members_of(db: &impl ConnectionTrait, task_id: i64) -> Result<Vec<i64>> {
    Ok(task_member::Entity::find()
        .filter(task_member::Column::TaskId.eq(task_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect())
}

/// The users holding `roles` globally, not deleted.
async fn global_holders(db: &impl ConnectionTrait, roles: &[Role]) -> Result<Vec<i64>> {
    let names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
    let ids: Vec<i64> = role_grant::Entity::find()
        .filter(role_grant::Column::Role.is_in(names))
        .filter(role_grant::Column::ScopeKind.eq("global"))
        .all(db)
        .await?
        .into_iter()
        .map(|g| g.user_id)
        .collect();
    let live = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .filter(user::Column::DeletedAt.is_null())
        .all(db)
        .await?;
    let mut ids: Vec<i64> = live.into_iter().map(|u| u.id).collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// Who answers for the desk: its responders and leads; global admins when
/// nobody holds a desk role.
async fn desk_people(db: &impl ConnectionTrait) -> Result<Vec<i64>> {
    let desk = global_holders(db, &[Role::SosResponder, Role::SosLead]).await?;
    if desk.is_empty() {
        global_holders(db, &[Role::Admin]).await
    } else {
        Ok(desk)
    }
}

/// Who is told of escalated and overdue requests: the desk's leads; global
/// admins when there is no lead.
async fn leads(db: &impl ConnectionTrait) -> Result<Vec<i64>> {
    let leads = global_holders(db, &[Role::SosLead]).await?;
    if leads.is_empty() {
        global_holders(db, &[Role::Admin]).await
    } else {
        Ok(leads)
    }
}

/// Who on the desk hears of a task force's message: the assignee while they
/// are still on the desk, else the desk.
async fn desk_side(db: &impl ConnectionTrait, assignee: Option<i64>) -> Result<Vec<i64>> {
    if let Some(a) = assignee
        && desk_members(db).await?.iter().any(|m| m.user_id == a)
    {
        return Ok(vec![a]);
    }
    desk_people(db).await
}

/// The desk's members for the assignee choice: responders, leads and global admins.
async fn desk_members(db: &impl ConnectionTrait) -> Result<Vec<DeskMemberDto>> {
    let lead: HashSet<i64> = global_holders(db, &[Role::SosLead])
        .await?
        .into_iter()
        .collect();
    let all = global_holders(db, &[Role::SosResponder, Role::SosLead, Role::Admin]).await?;
    let names = display_names(db, all.iter().copied()).await?;
    let mut members: Vec<DeskMemberDto> = all
        .into_iter()
        .map(|id| DeskMemberDto {
            user_id: id,
            display_name: names.get(&id).cloned().unwrap_or_default(),
            lead: lead.contains(&id),
        })
        .collect();
    members.sort_by(|a, b| {
        b.lead
            .cmp(&a.lead)
            .then_with(|| a.display_name.cmp(&b.display_name))
    });
    Ok(members)
}

/// The request, if the person asking may read it; 404 otherwise (a thread's
/// existence is private too).
async fn readable(
    db: &DatabaseConnection,
    actor: &Actor,
    user_id: i64,
    id: i64,
) -> Result<(sos_request::Model, bool)> {
    let r = sos_request::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let member = is_member(db, r.task_id, user_id).await?;
    if !crate::policy::allows(actor, Action::ReadSos, Resource::Sos { member }) {
        return Err(AppError::NotFound);
    }
    Ok((r, member))
}

fn payload(r: &sos_request::Model, t: &task::Model) -> serde_json::Value {
    serde_json::json!({ "sos_id": r.id, "task_id": t.id, "title": r.title, "task_title": t.title, "urgency": r.urgency })
}

/// Raises a request for a task (its task force); the desk is told.
pub async fn raise(
    db: &DatabaseConnection,
    desk: &Desk,
    req: &Requester,
    task_id: i64,
    input: SosInput,
) -> Result<SosDto> {
    let (user, actor) = signed_in(db, req).await?;
    let t = task::Entity::find_by_id(task_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let member = is_member(db, t.id, user.id).await?;
    accounts::ensure(&actor, Action::RaiseSos, Resource::Task { member })?;
    let c = input.check().map_err(AppError::Validation)?;
    let known: HashSet<i64> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(c.organisation_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    if c.organisation_ids.iter().any(|o| !known.contains(o)) {
        return Err(AppError::Validation(vec![FieldError::new(
            "organisation_ids",
            FieldProblem::Invalid,
            "An organisation is unknown.",
        )]));
    }
    let now = Utc::now();
    let txn = db.begin().await?;
    let r = sos_request::ActiveModel {
        task_id: Set(t.id),
        requester_id: Set(user.id),
        title: Set(c.title.clone()),
        category: Set(c.category.as_str().into()),
        urgency: Set(c.urgency.as_str().into()),
        state: Set(SosState::Open.as_str().into()),
        description: Set(c.description.clone()),
        assignee_id: Set(None),
        created_at: Set(now),
        first_response_at: Set(None),
        resolved_at: Set(None),
        escalated_at: Set(None),
        first_response_overdue_notified_at: Set(None),
        resolution_overdue_notified_at: Set(None),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for org in &c.organisation_ids {
        sos_request_organisation::ActiveModel {
            request_id: Set(r.id),
            organisation_id: Set(*org),
        }
        .insert(&txn)
        .await?;
    }
    notifications::notify(
        &txn,
        desk_people(&txn).await?,
        Some(user.id),
        "sos_raised",
        None,
        None,
        payload(&r, &t),
    )
    .await?;
    let details =
        serde_json::json!({ "task_id": t.id, "category": r.category, "urgency": r.urgency });
    audit::record(
        &txn,
        audit::Event::new("sos.raised")
            .actor(user.id)
            .target("sos_request", r.id)
            .ip(req.ip)
            .details(details),
    )
    .await?;
    txn.commit().await?;
    tracing::info!(sos.id = r.id, task.id = t.id, urgency = %r.urgency, "SOS request raised");
    dto(db, desk, &actor, r, member).await
}

/// One request with its thread (its task force and the desk; 404 for others).
pub async fn get(db: &DatabaseConnection, desk: &Desk, req: &Requester, id: i64) -> Result<SosDto> {
    let (user, actor) = signed_in(db, req).await?;
    let (r, member) = readable(db, &actor, user.id, id).await?;
    dto(db, desk, &actor, r, member).await
}

async fn dto(
    db: &DatabaseConnection,
    desk: &Desk,
    actor: &Actor,
    r: sos_request::Model,
    member: bool,
) -> Result<SosDto> {
    let t = task::Entity::find_by_id(r.task_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let messages = sos_message::Entity::find()
        .filter(sos_message::Column::RequestId.eq(r.id))
        .order_by_asc(sos_message::Column::Id)
        .all(db)
        .await?;
    let org_ids: Vec<i64> = sos_request_organisation::Entity::find()
        .filter(sos_request_organisation::Column::RequestId.eq(r.id))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.organisation_id)
        .collect();
    let mut organisations: Vec<SosOrgDto> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(org_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| SosOrgDto {
            id: o.id,
            name: o.name,
        })
        .collect();
    organisations.sort_by(|a, b| a.name.cmp(&b.name));
    let people = messages
        .iter()
        .map(|m| m.author_id)
        .chain([r.requester_id])
        .chain(r.assignee_id);
    let names = display_names(db, people).await?;
    let name = |id: i64| names.get(&id).cloned().unwrap_or_default();
    let can_answer = crate::policy::allows(actor, Action::AnswerSos, Resource::Site);
    let (first_response, resolution) = desk.clocks(&r, Utc::now().timestamp());
    Ok(SosDto {
        id: r.id,
        task_id: t.id,
        task_title: t.title,
        title: r.title.clone(),
        category: category_of(&r),
        urgency: urgency_of(&r),
        state: state_of(&r),
        description: r.description.clone(),
        organisations,
        requester_id: r.requester_id,
        requester_name: name(r.requester_id),
        assignee_id: r.assignee_id,
        assignee_name: r.assignee_id.map(name),
        created_at: rfc3339(r.created_at),
        first_response_at: r.first_response_at.map(rfc3339),
        resolved_at: r.resolved_at.map(rfc3339),
        overdue: Desk::running_overdue(&r, &first_response, &resolution),
        first_response,
        resolution,
        messages: messages
            .into_iter()
            .map(|m| SosMessageDto {
                id: m.id,
                author_id: m.author_id,
                author_name: name(m.author_id),
                from_desk: m.from_desk,
                kind: SosReplyKind::parse(&m.kind).unwrap_or_default(),
                body: m.body,
                created_at: rfc3339(m.created_at),
            })
            .collect(),
        can_reply: state_of(&r) != SosState::Resolved && (can_answer || member),
        desk: if can_answer {
            desk_members(db).await?
        } else {
            Vec::new()
        },
        can_answer,
    })
}

/// Locks the request's row until the commit (a no-op update: a row lock on
/// PostgreSQL, the write lock on SQLite) and reads it again, so two answers
/// at once are applied one after the other.
async fn lock(txn: &impl ConnectionTrait, id: i64) -> Result<sos_request::Model> {
    sos_request::Entity::update_many()
        .col_expr(
            sos_request::Column::State,
            Expr::col(sos_request::Column::State),
        )
        .filter(sos_request::Column::Id.eq(id))
        .exec(txn)
        .await?;
    sos_request::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)
}

/// Writes in a request's thread. The desk may reply, request information,
/// escalate or resolve; the task force replies (which answers a request for
/// information). Nobody writes in a resolved request (409: raise a new one).
pub async fn post_message(
    db: &DatabaseConnection,
    desk: &Desk,
    req: &Requester,
    id: i64,
    input: SosReplyInput,
) -> Result<SosDto> {
    let (user, actor) = signed_in(db, req).await?;
    let (_, member) = readable(db, &actor, user.id, id).await?;
    let (kind, body) = input.check().map_err(AppError::Validation)?;
    // Someone on the desk who is also in the task force (or who raised the
    // request) writes for the task force here: their own follow-up must not
    // stop the desk's clock or close their own request.
    let requester = sos_request::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|r| r.requester_id);
    let from_desk = crate::policy::allows(&actor, Action::AnswerSos, Resource::Site)
        && !member
        && requester != Some(user.id);
    if !from_desk && kind != SosReplyKind::Reply {
        return Err(AppError::Forbidden(
            "Only the SOS desk can request information, escalate or resolve.".into(),
        ));
    }
    let now = Utc::now();
    let txn = db.begin().await?;
    let r = lock(&txn, id).await?;
    let before = state_of(&r);
    if before == SosState::Resolved {
        return Err(AppError::Conflict(
            "This request is resolved; raise a new request for a new difficulty.".into(),
        ));
    }
    let t = task::Entity::find_by_id(r.task_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let m = sos_message::ActiveModel {
        request_id: Set(r.id),
        author_id: Set(user.id),
        from_desk: Set(from_desk),
        kind: Set(kind.as_str().into()),
        body: Set(body),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut active: sos_request::ActiveModel = r.clone().into();
    let after = if from_desk {
        if r.first_response_at.is_none() {
            active.first_response_at = Set(Some(now));
        }
        if r.assignee_id.is_none() {
            active.assignee_id = Set(Some(user.id));
        }
        match kind {
            SosReplyKind::Reply if before == SosState::Open => SosState::Assigned,
            SosReplyKind::Reply => before,
            SosReplyKind::RequestInfo => SosState::WaitingForInfo,
            SosReplyKind::Escalate => {
                active.escalated_at = Set(Some(now));
                SosState::Escalated
            }
            SosReplyKind::Resolve => {
                active.resolved_at = Set(Some(now));
                SosState::Resolved
            }
        }
    } else if before == SosState::WaitingForInfo {
        // The answer hands the request back where it was: escalated if the
        // desk had escalated it, else to its assignee or the desk.
        if r.escalated_at.is_some() {
            SosState::Escalated
        } else if r.assignee_id.is_some() {
            SosState::Assigned
        } else {
            SosState::Open
        }
    } else {
        before
    };
    active.state = Set(after.as_str().into());
    active.updated_at = Set(now);
    let r = active.update(&txn).await?;
    let mut p = payload(&r, &t);
    p["kind"] = kind.as_str().into();
    // The task force follows its thread; the desk hears of the task
    // force's messages through the assignee (or all of it).
    let mut task_force = members_of(&txn, t.id).await?;
    task_force.push(r.requester_id);
    if from_desk {
        notifications::notify(
            &txn,
            task_force,
            Some(user.id),
            "sos_answered",
            None,
            None,
            p.clone(),
        )
        .await?;
        if kind == SosReplyKind::Escalate {
            notifications::notify(
                &txn,
                leads(&txn).await?,
                Some(user.id),
                "sos_escalated",
                None,
                None,
                p,
            )
            .await?;
        }
    } else {
        notifications::notify(
            &txn,
            desk_side(&txn, r.assignee_id).await?,
            Some(user.id),
            "sos_message",
            None,
            None,
            p.clone(),
        )
        .await?;
        notifications::notify(
            &txn,
            task_force,
            Some(user.id),
            "sos_message",
            None,
            None,
            p,
        )
        .await?;
    }
    let details = serde_json::json!({ "message_id": m.id, "kind": kind.as_str(), "from_desk": from_desk, "before": before.as_str(), "after": after.as_str() });
    audit::record(
        &txn,
        audit::Event::new("sos.message_posted")
            .actor(user.id)
            .target("sos_request", r.id)
            .ip(req.ip)
            .details(details),
    )
    .await?;
    txn.commit().await?;
    dto(db, desk, &actor, r, member).await
}

/// Assigns a request to a member of the desk, or (`None`) to nobody (the desk).
pub async fn assign(
    db: &DatabaseConnection,
    desk: &Desk,
    req: &Requester,
    id: i64,
    input: SosAssignInput,
) -> Result<SosDto> {
    let (user, actor) = signed_in(db, req).await?;
    let (_, member) = readable(db, &actor, user.id, id).await?;
    accounts::ensure(&actor, Action::AnswerSos, Resource::Site)?;
    if let Some(a) = input.assignee_id
        && !desk_members(db).await?.iter().any(|m| m.user_id == a)
    {
        return Err(AppError::Validation(vec![FieldError::new(
            "assignee_id",
            FieldProblem::Invalid,
            "Assign the request to a member of the SOS desk.",
        )]));
    }
    let now = Utc::now();
    let txn = db.begin().await?;
    let r = lock(&txn, id).await?;
    if state_of(&r) == SosState::Resolved {
        return Err(AppError::Conflict("This request is resolved.".into()));
    }
    let before = r.assignee_id;
    let mut active: sos_request::ActiveModel = r.clone().into();
    active.assignee_id = Set(input.assignee_id);
    match (state_of(&r), input.assignee_id) {
        (SosState::Open, Some(_)) => active.state = Set(SosState::Assigned.as_str().into()),
        (SosState::Assigned, None) => active.state = Set(SosState::Open.as_str().into()),
        _ => {}
    }
    active.updated_at = Set(now);
    let r = active.update(&txn).await?;
    if let Some(a) = input.assignee_id
        && before != Some(a)
    {
        let t = task::Entity::find_by_id(r.task_id)
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?;
        notifications::notify(
            &txn,
            [a],
            Some(user.id),
            "sos_assigned",
            None,
            None,
            payload(&r, &t),
        )
        .await?;
    }
    let details = serde_json::json!({ "before": before, "after": input.assignee_id });
    audit::record(
        &txn,
        audit::Event::new("sos.assigned")
            .actor(user.id)
            .target("sos_request", r.id)
            .ip(req.ip)
            .details(details),
    )
    .await?;
    txn.commit().await?;
    dto(db, desk, &actor, r, member).await
}

fn parse_filter<T>(
    field: &str,
    raw: Option<&str>,
    parse: fn(&str) -> Option<T>,
    choices: &str,
) -> Result<Option<T>> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => parse(s).map(Some).ok_or_else(|| {
            AppError::Validation(vec![FieldError::new(
                field,
                FieldProblem::Invalid,
                format!("Choose one of {choices}."),
            )])
        }),
    }
}

/// The requests the person asking may see: the desk's whole triage queue
/// (most urgent first, then the longest waiting), or the requests of the
/// task forces they belong to. The desk's look runs the overdue check first,
/// so its lead hears of a missed deadline at the latest when the queue is read.
pub async fn list(
    db: &DatabaseConnection,
    desk: &Desk,
    req: &Requester,
    q: &SosQuery,
) -> Result<SosListDto> {
    let (user, actor) = signed_in(db, req).await?;
    let is_desk = crate::policy::allows(&actor, Action::AnswerSos, Resource::Site);
    let state = match q.state.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None | Some("active") => Some(None),
        Some("all") => None,
        Some(s) => Some(Some(SosState::parse(s).ok_or_else(|| {
            AppError::Validation(vec![FieldError::new(
                "state",
                FieldProblem::Invalid,
                "Choose active, all, open, assigned, waiting_for_info, escalated or resolved.",
            )])
        })?)),
    };
    let category = parse_filter(
        "category",
        q.category.as_deref(),
        SosCategory::parse,
        "staffing, budget, law, coordination, other",
    )?;
    let urgency = parse_filter(
        "urgency",
        q.urgency.as_deref(),
        SosUrgency::parse,
        "urgent, high, normal, low",
    )?;
    if is_desk && let Err(e) = notify_overdue(db, desk, Utc::now()).await {
        // The minute's sweep will try again; the queue is still answered.
        tracing::warn!(error = %e, "the overdue SOS check failed");
    }
    let mut find = sos_request::Entity::find();
    if !is_desk {
        let mine: Vec<i64> = task_member::Entity::find()
            .filter(task_member::Column::UserId.eq(user.id))
            .all(db)
            .await?
            .into_iter()
            .map(|m| m.task_id)
            .collect();
        find = find.filter(sos_request::Column::TaskId.is_in(mine));
    }
    find = match state {
        Some(None) => find.filter(sos_request::Column::State.ne(SosState::Resolved.as_str())),
        Some(Some(s)) => find.filter(sos_request::Column::State.eq(s.as_str())),
        None => find,
    };
    if let Some(c) = category {
        find = find.filter(sos_request::Column::Category.eq(c.as_str()));
    }
    if let Some(u) = urgency {
        find = find.filter(sos_request::Column::Urgency.eq(u.as_str()));
    }
    if let Some(t) = q.task {
        find = find.filter(sos_request::Column::TaskId.eq(t));
    }
    if q.mine == Some(true) {
        find = find.filter(sos_request::Column::AssigneeId.eq(user.id));
    }
    let rows = find.all(db).await?;
    let items = summaries(db, desk, rows, q.overdue == Some(true)).await?;
    Ok(SosListDto {
        items,
        desk: is_desk,
    })
}

/// Summaries in triage order (resolved ones after the others, newest first).
async fn summaries(
    db: &DatabaseConnection,
    desk: &Desk,
    rows: Vec<sos_request::Model>,
    only_overdue: bool,
) -> Result<Vec<SosSummary>> {
    let task_ids: Vec<i64> = rows.iter().map(|r| r.task_id).collect();
    let tasks: HashMap<i64, String> = task::Entity::find()
        .filter(task::Column::Id.is_in(task_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.title))
        .collect();
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    // Messages per request, counted in SQL (the bodies are not needed here).
    let counts: HashMap<i64, u32> = sos_message::Entity::find()
        .select_only()
        .column(sos_message::Column::RequestId)
        .column_as(sos_message::Column::Id.count(), "n")
        .filter(sos_message::Column::RequestId.is_in(ids))
        .group_by(sos_message::Column::RequestId)
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, n)| (id, u32::try_from(n).unwrap_or(u32::MAX)))
        .collect();
    let names = display_names(
        db,
        rows.iter()
            .map(|r| r.requester_id)
            .chain(rows.iter().filter_map(|r| r.assignee_id)),
    )
    .await?;
    let now = Utc::now().timestamp();
    let mut items: Vec<(sos_request::Model, SosSummary)> = rows
        .into_iter()
        .map(|r| {
            let (first_response, resolution) = desk.clocks(&r, now);
            let s = SosSummary {
                id: r.id,
                task_id: r.task_id,
                task_title: tasks.get(&r.task_id).cloned().unwrap_or_default(),
                title: r.title.clone(),
                category: category_of(&r),
                urgency: urgency_of(&r),
                state: state_of(&r),
                requester_name: names.get(&r.requester_id).cloned().unwrap_or_default(),
                assignee_id: r.assignee_id,
                assignee_name: r.assignee_id.and_then(|a| names.get(&a).cloned()),
                created_at: rfc3339(r.created_at),
                first_response_at: r.first_response_at.map(rfc3339),
                overdue: Desk::running_overdue(&r, &first_response, &resolution),
                first_response,
                resolution,
                messages: counts.get(&r.id).copied().unwrap_or(0),
            };
            (r, s)
        })
        .filter(|(_, s)| !only_overdue || s.overdue)
        .collect();
    items.sort_by(|(a, _), (b, _)| {
        let (ra, rb) = (a.resolved_at.is_some(), b.resolved_at.is_some());
        ra.cmp(&rb).then_with(|| {
            if ra {
                b.resolved_at.cmp(&a.resolved_at).then(b.id.cmp(&a.id))
            } else {
                triage_cmp(
                    (urgency_of(a), a.created_at.timestamp()),
                    (urgency_of(b), b.created_at.timestamp()),
                )
                .then(a.id.cmp(&b.id))
            }
        })
    });
    Ok(items.into_iter().map(|(_, s)| s).collect())
}

/// Public, anonymised statistics: counts by category and urgency, medians of
/// the measured working times, the share within the service levels.
pub async fn stats(db: &DatabaseConnection, desk: &Desk) -> Result<SosStatsDto> {
    let rows = sos_request::Entity::find().all(db).await?;
    let now = Utc::now().timestamp();
    let mut by_category: HashMap<&str, u64> = HashMap::new();
    let mut by_urgency: HashMap<&str, u64> = HashMap::new();
    let (mut first, mut resolved, mut first_on_time, mut resolved_on_time) =
        (Vec::new(), Vec::new(), 0u64, 0u64);
    let (mut first_missed_open, mut resolved_missed_open) = (0usize, 0usize);
    for r in &rows {
        *by_category.entry(category_of(r).as_str()).or_default() += 1;
        *by_urgency.entry(urgency_of(r).as_str()).or_default() += 1;
        let (f, res) = desk.clocks(r, now);
        if r.first_response_at.is_some() {
            first.push(f.elapsed_secs);
            first_on_time += u64::from(!f.overdue);
        } else if f.overdue {
            // Still waiting past the deadline: a miss already.
            first_missed_open += 1;
        }
        if r.resolved_at.is_some() {
            resolved.push(res.elapsed_secs);
            resolved_on_time += u64::from(!res.overdue);
        } else if res.overdue {
            resolved_missed_open += 1;
        }
    }
    let share = |on_time: u64, n: usize| (n > 0).then(|| on_time as f64 / n as f64);
    let (first_n, resolved_n) = (
        first.len() + first_missed_open,
        resolved.len() + resolved_missed_open,
    );
    Ok(SosStatsDto {
        total: rows.len() as u64,
        resolved: resolved.len() as u64,
        by_category: SosCategory::ALL
            .iter()
            .map(|c| SosCount {
                key: c.as_str().into(),
                count: by_category.get(c.as_str()).copied().unwrap_or(0),
            })
            .collect(),
        by_urgency: SosUrgency::ALL
            .iter()
            .map(|u| SosCount {
                key: u.as_str().into(),
                count: by_urgency.get(u.as_str()).copied().unwrap_or(0),
            })
            .collect(),
        median_first_response_secs: median(&first),
        median_resolution_secs: median(&resolved),
        first_response_on_time: share(first_on_time, first_n),
        resolution_on_time: share(resolved_on_time, resolved_n),
        service_levels: SosUrgency::ALL
            .iter()
            .map(|&u| {
                let s = desk.levels.for_urgency(u);
                SosLevelDto {
                    urgency: u,
                    first_response_secs: s.first_response_secs,
                    resolution_secs: s.resolution_secs,
                }
            })
            .collect(),
        working_hours: format_working_hours(desk.calendar.start_minute, desk.calendar.end_minute),
        utc_offset_minutes: desk.calendar.utc_offset_minutes,
    })
}

/// Tells the desk's leads of every deadline missed since the last check,
/// once per request and timer (a conditional update decides which process
/// tells, when several run). Returns how many notices went out.
pub async fn notify_overdue(
    db: &DatabaseConnection,
    desk: &Desk,
    now: DateTime<Utc>,
) -> Result<u32> {
    let pending = sos_request::Entity::find()
        .filter(sos_request::Column::State.ne(SosState::Resolved.as_str()))
        .filter(
            sea_orm::Condition::any()
                .add(
                    sea_orm::Condition::all()
                        .add(sos_request::Column::FirstResponseAt.is_null())
                        .add(sos_request::Column::FirstResponseOverdueNotifiedAt.is_null()),
                )
                .add(sos_request::Column::ResolutionOverdueNotifiedAt.is_null()),
        )
        .all(db)
        .await?;
    let mut sent = 0;
    for r in pending {
        let (first, resolution) = desk.clocks(&r, now.timestamp());
        let missed = [
            (
                "first_response",
                r.first_response_at.is_none()
                    && r.first_response_overdue_notified_at.is_none()
                    && first.overdue,
                sos_request::Column::FirstResponseOverdueNotifiedAt,
            ),
            (
                "resolution",
                r.resolution_overdue_notified_at.is_none() && resolution.overdue,
                sos_request::Column::ResolutionOverdueNotifiedAt,
            ),
        ];
        for (timer, due, column) in missed {
            if !due {
                continue;
            }
            let txn = db.begin().await?;
            let mut claim = sos_request::Entity::update_many()
                .col_expr(column, Expr::value(now))
                .filter(sos_request::Column::Id.eq(r.id))
                .filter(column.is_null())
                .filter(sos_request::Column::State.ne(SosState::Resolved.as_str()));
            if timer == "first_response" {
                // Answered since the scan: nothing to tell.
                claim = claim.filter(sos_request::Column::FirstResponseAt.is_null());
            }
            let claimed = claim.exec(&txn).await?.rows_affected;
            if claimed == 1 {
                let t = task::Entity::find_by_id(r.task_id)
                    .one(&txn)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let mut p = payload(&r, &t);
                p["timer"] = timer.into();
                let people = leads(&txn).await?;
                let mut told: Vec<i64> = people.clone();
                if let Some(a) = r.assignee_id
                    && desk_members(&txn).await?.iter().any(|m| m.user_id == a)
                {
                    told.push(a);
                }
                notifications::notify(&txn, told, None, "sos_overdue", None, None, p).await?;
                audit::record(
                    &txn,
                    audit::Event::new("sos.overdue")
                        .target("sos_request", r.id)
                        .details(serde_json::json!({ "timer": timer, "told": people })),
                )
                .await?;
                sent += 1;
            }
            txn.commit().await?;
        }
    }
    Ok(sent)
}

/// Runs [`notify_overdue`] every `every` until the server shuts down
/// (`stop`; `app::Server::run` closes the pool after). A failed run is
/// logged and tried again at the next tick.
pub fn spawn_overdue_sweep(
    db: DatabaseConnection,
    desk: Arc<Desk>,
    every: Duration,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    use crate::services::reminders::{pool_closed, stopped};
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                () = stopped(&mut stop) => break,
            }
            match notify_overdue(&db, &desk, Utc::now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(notices = n, "overdue SOS requests told to the desk lead"),
                Err(e) if pool_closed(&e) => break,
                Err(e) => tracing::warn!(error = %e, "the overdue SOS check failed"),
            }
        }
    });
}
