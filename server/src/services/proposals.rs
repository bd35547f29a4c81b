//! Proposals (혁신과제 제안) and supports.
//!
//! Supports: one row per person per proposal (a unique index decides, so
//! parallel clicks leave one row). The count lives in 16 counter rows per
//! proposal (`support_counts`, shard = user id mod 16), so many people
//! supporting one popular proposal do not queue on one row; the detail view
//! sums them (exact), and `proposals.support_count`, used for sorting, is
//! rolled up from them a moment later by [`Counters`]. A per-person limit
//! in a process is a conditional update of one quota row, which holds under
//! parallel requests too.

use crate::entities::{organisation, process, process_phase, proposal, proposal_event, proposal_organisation, proposal_version, support, user};
use crate::error::{AppError, Result};
use crate::policy::{Action, Actor, Resource, Scope};
use crate::services::accounts::{self, Requester};
use crate::services::{processes, search};
use chrono::Utc;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::RelationTrait;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Statement, TransactionTrait,
};
use shared::account::VerificationLevel;
use shared::error::FieldProblem;
use shared::participation::{
    AuthorDto, CheckedProposal, OrgRef, PhaseKind, ProposalDto, ProposalEventDto, ProposalInput, ProposalPage,
    ProposalQuery, ProposalStatus, ProposalSummary, SupportState,
};
use shared::FieldError;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Counter rows per proposal.
const SHARDS: i64 = 16;
/// Name shown for a deleted account.
const DELETED_NAME: &str = crate::services::privacy::DELETED_NAME;

use crate::services::rfc3339;

pub(crate) fn status_of(p: &proposal::Model) -> ProposalStatus {
    ProposalStatus::parse(&p.status).unwrap_or(ProposalStatus::Hidden)
}

fn tags_of(p: &proposal::Model) -> Vec<String> {
    serde_json::from_str(&p.tags).unwrap_or_default()
}

/// Proposals whose `support_count` column must be rolled up from the counter rows.
#[derive(Clone, Default)]
pub struct Counters {
    dirty: Arc<Mutex<HashSet<i64>>>,
    task: Arc<Mutex<Option<tokio::task::JoinHandle<()>>>>,
    /// Processes with their phases, reused for a moment on the support path
    /// (each server process keeps its own; a change shows within `PROCESS_TTL`).
    processes: Arc<Mutex<HashMap<i64, CachedProcess>>>,
    /// The batched support writer (PostgreSQL; started with the roll-up).
    batcher: crate::services::support_batch::SupportBatcher,
}

/// A process, its phases, and when they were read.
type CachedProcess = (std::time::Instant, process::Model, Vec<process_phase::Model>);

/// How long a cached process (settings, phase dates) is reused.
const PROCESS_TTL: Duration = Duration::from_secs(2);


impl Counters {
    fn mark(&self, id: i64) {
        if let Ok(mut d) = self.dirty.lock() {
            d.insert(id);
        }
    }

    /// Rolls up every marked proposal now.
    pub async fn flush(&self, db: &impl ConnectionTrait) -> Result<usize> {
        let ids: Vec<i64> = match self.dirty.lock() {
            Ok(mut d) => d.drain().collect(),
            Err(_) => return Ok(0),
        };
        for chunk in ids.chunks(500) {
            let list = chunk.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
            db.execute_unprepared(&format!(
                "UPDATE proposals SET support_count = (SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM support_counts \
                 WHERE support_counts.proposal_id = proposals.id) WHERE id IN ({list})"
            ))
            .await?;
        }
        Ok(ids.len())
    }

    /// A process and its phases, from the cache when fresh.
    async fn process(&self, db: &impl ConnectionTrait, id: i64) -> Result<(process::Model, Vec<process_phase::Model>)> {
        if let Ok(cache) = self.processes.lock()
            && let Some((at, p, phases)) = cache.get(&id)
            && at.elapsed() < PROCESS_TTL
        {
            return Ok((p.clone(), phases.clone()));
        }
        let (p, phases) = processes::find(db, id).await?;
        if let Ok(mut cache) = self.processes.lock() {
            cache.insert(id, (std::time::Instant::now(), p.clone(), phases.clone()));
        }
        Ok((p, phases))
    }

    /// Starts the batched support writers (PostgreSQL) on their own
    /// connections, so they never queue behind requests for one.
    pub fn start_support_writers(&self, writers: &DatabaseConnection) {
        if writers.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            self.batcher.start(writers);
        }
    }

    /// Stops the periodic roll-up (at shutdown).
    pub fn stop(&self) {
        if let Some(task) = self.task.lock().ok().and_then(|mut t| t.take()) {
            task.abort();
        }
    }

    /// Rolls up every `every` until [`Counters::stop`].
    pub fn spawn(&self, db: DatabaseConnection, every: Duration) {
        let me = self.clone();
        let handle = tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            loop {
                tick.tick().await;
                if let Err(e) = me.flush(&db).await {
                    tracing::warn!(error = %e, "support count roll-up failed");
                }
            }
        });
        if let Ok(mut t) = self.task.lock() {
            *t = Some(handle);
        }
    }
}

/// The exact support count: the sum of the counter rows.
pub async fn support_count(db: &impl ConnectionTrait, id: i64) -> Result<u64> {
    let backend = db.get_database_backend();
    let mark = if backend == sea_orm::DatabaseBackend::Postgres { "$1" } else { "?" };
    let sql = format!("SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) AS n FROM support_counts WHERE proposal_id = {mark}");
    let row = db.query_one_raw(Statement::from_sql_and_values(backend, sql, [id.into()])).await?;
    Ok(row.and_then(|r| r.try_get::<i64>("", "n").ok()).map_or(0, |n| u64::try_from(n).unwrap_or(0)))
}

async fn authors(db: &impl ConnectionTrait, ids: impl IntoIterator<Item = i64>) -> Result<HashMap<i64, AuthorDto>> {
    let ids: Vec<i64> = ids.into_iter().collect::<HashSet<_>>().into_iter().collect();
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| {
            let deleted = u.deleted_at.is_some();
            let name = if deleted { DELETED_NAME.to_owned() } else { u.display_name };
            (u.id, AuthorDto { id: u.id, name, deleted })
        })
        .collect())
}

async fn check_references(db: &impl ConnectionTrait, input: &ProposalInput, checked: &CheckedProposal) -> Result<process::Model> {
    let mut errors = Vec::new();
    let process = process::Entity::find_by_id(input.process_id).one(db).await?;
    if process.is_none() {
        errors.push(FieldError::new("process_id", FieldProblem::Invalid, "Choose a process."));
    }
    if !checked.area_code.is_empty() && !crate::services::reference::is_area(db, &checked.area_code).await? {
        errors.push(FieldError::new("area_code", FieldProblem::Invalid, "No such area."));
    }
    if !checked.region_code.is_empty() && !crate::services::reference::is_region(db, &checked.region_code).await? {
        errors.push(FieldError::new("region_code", FieldProblem::Invalid, "No such region."));
    }
    if !checked.organisation_ids.is_empty() {
        let found = organisation::Entity::find().filter(organisation::Column::Id.is_in(checked.organisation_ids.clone())).count(db).await?;
        if found as usize != checked.organisation_ids.len() {
            errors.push(FieldError::new("organisation_ids", FieldProblem::Invalid, "Choose organisations from the list."));
        }
    }
    match process {
        Some(p) if errors.is_empty() => Ok(p),
        _ => Err(AppError::Validation(errors)),
    }
}

async fn phase_now(db: &impl ConnectionTrait, process_id: i64) -> Result<Option<PhaseKind>> {
    let phases = process_phase::Entity::find().filter(process_phase::Column::ProcessId.eq(process_id)).all(db).await?;
    Ok(processes::current_phase(&phases, Utc::now()))
}

async fn ensure_intake(db: &impl ConnectionTrait, process_id: i64) -> Result<()> {
    match phase_now(db, process_id).await? {
        Some(p) if p.accepts_proposals() => Ok(()),
        _ => Err(AppError::Conflict("This process is not taking proposals now (only during its intake phase).".into())),
    }
}

fn ensure_level(actor: &Actor, action: Action, process_id: i64, required: VerificationLevel) -> Result<()> {
    accounts::ensure(actor, action, Resource::Scope(Scope::Process(process_id))).map_err(|_| {
        AppError::Forbidden(match required {
            VerificationLevel::Official => "This process is open to confirmed public officials only.".into(),
            _ => "This process needs a verified account: sign in with a provider that confirms your identity.".into(),
        })
    })
}

async fn record_event(
    db: &impl ConnectionTrait,
    proposal_id: i64,
    kind: &str,
    from: Option<ProposalStatus>,
    to: Option<ProposalStatus>,
    actor: Option<i64>,
) -> Result<()> {
    proposal_event::ActiveModel {
        proposal_id: Set(proposal_id),
        kind: Set(kind.to_owned()),
        from_status: Set(from.map(|s| s.as_str().to_owned())),
        to_status: Set(to.map(|s| s.as_str().to_owned())),
        answer: Set(None),
        actor_id: Set(actor),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

async fn set_organisations(db: &impl ConnectionTrait, proposal_id: i64, ids: &[i64]) -> Result<()> {
    proposal_organisation::Entity::delete_many().filter(proposal_organisation::Column::ProposalId.eq(proposal_id)).exec(db).await?;
    for id in ids {
        proposal_organisation::ActiveModel { proposal_id: Set(proposal_id), organisation_id: Set(*id) }.insert(db).await?;
    }
    Ok(())
}

/// Writes a new proposal, as a draft or published at once.
pub async fn create(db: &DatabaseConnection, req: &Requester, input: ProposalInput, publish: bool) -> Result<ProposalDto> {
    let user = crate::services::comments::ensure_can_post(db, req).await?;
    let checked = input.check().map_err(AppError::Validation)?;
    let process = check_references(db, &input, &checked).await?;
    let actor = accounts::actor(db, &user).await?;
    let required = VerificationLevel::from_wire(&process.propose_level);
    ensure_level(&actor, Action::Propose(required), process.id, required)?;
    if publish {
        ensure_intake(db, process.id).await?;
    }
    let now = Utc::now();
    let status = if publish { ProposalStatus::Published } else { ProposalStatus::Draft };
    let txn = db.begin().await?;
    let p = proposal::ActiveModel {
        process_id: Set(process.id),
        author_id: Set(user.id),
        title: Set(checked.title),
        problem: Set(checked.problem),
        solution: Set(checked.solution),
        effect: Set(checked.effect),
        area_code: Set(checked.area_code),
        region_code: Set(checked.region_code),
        tags: Set(serde_json::to_string(&checked.tags).unwrap_or_else(|_| "[]".into())),
        status: Set(status.as_str().to_owned()),
        support_count: Set(0),
        comment_count: Set(0),
        version: Set(1),
        published_at: Set(publish.then_some(now)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    set_organisations(&txn, p.id, &checked.organisation_ids).await?;
    crate::services::notifications::follow(&txn, user.id, p.id).await?;
    if publish {
        record_event(&txn, p.id, "published", None, Some(ProposalStatus::Published), Some(user.id)).await?;
        search::index(&txn, &p).await?;
    }
    txn.commit().await?;
    dto(db, p, Some(&actor)).await
}

/// A proposal the actor may see (a draft or a hidden one only if the policy
/// says so), or 404 — for readers, its author and its process's admins alike.
pub(crate) async fn find_visible(db: &impl ConnectionTrait, actor: Option<&Actor>, id: i64) -> Result<proposal::Model> {
    let p = proposal::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let see = status_of(&p).is_public()
        || actor.is_some_and(|a| crate::policy::allows(a, Action::SeeUnpublished { author_id: p.author_id }, Resource::Proposal(id)));
    if see { Ok(p) } else { Err(AppError::NotFound) }
}

async fn find_own(db: &DatabaseConnection, req: &Requester, id: i64) -> Result<(proposal::Model, Actor)> {
    let user = accounts::require(db, req).await?;
    let actor = accounts::actor(db, &user).await?;
    let p = find_visible(db, Some(&actor), id).await?;
    accounts::ensure(&actor, Action::EditProposal { author_id: p.author_id }, Resource::Proposal(id))?;
    Ok((p, actor))
}

/// Whether a published proposal can still change in place: nobody has
/// supported or commented on it yet.
async fn untouched(db: &impl ConnectionTrait, p: &proposal::Model) -> Result<bool> {
    Ok(p.comment_count == 0 && support_count(db, p.id).await? == 0)
}

/// Edits a proposal (its author). Drafts and untouched proposals change in
/// place; after the first support or comment, each edit keeps the earlier
/// text as a version and shows "edited" on the timeline.
pub async fn update(db: &DatabaseConnection, req: &Requester, id: i64, input: ProposalInput) -> Result<ProposalDto> {
    let (p, actor) = find_own(db, req, id).await?;
    let status = status_of(&p);
    if !matches!(status, ProposalStatus::Draft | ProposalStatus::Published | ProposalStatus::UnderReview) {
        return Err(AppError::Conflict("This proposal can no longer be edited.".into()));
    }
    let input = ProposalInput { process_id: p.process_id, ..input };
    let checked = input.check().map_err(AppError::Validation)?;
    check_references(db, &input, &checked).await?;
    let versioned = status != ProposalStatus::Draft && !untouched(db, &p).await?;
    let txn = db.begin().await?;
    if versioned {
        proposal_version::ActiveModel {
            proposal_id: Set(p.id),
            version: Set(p.version),
            title: Set(p.title.clone()),
            problem: Set(p.problem.clone()),
            solution: Set(p.solution.clone()),
            effect: Set(p.effect.clone()),
            tags: Set(p.tags.clone()),
            created_at: Set(p.updated_at),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        record_event(&txn, p.id, "edited", None, None, actor.user_id).await?;
    }
    let mut active = p.clone().into_active_model();
    active.title = Set(checked.title);
    active.problem = Set(checked.problem);
    active.solution = Set(checked.solution);
    active.effect = Set(checked.effect);
    active.area_code = Set(checked.area_code);
    active.region_code = Set(checked.region_code);
    active.tags = Set(serde_json::to_string(&checked.tags).unwrap_or_else(|_| "[]".into()));
    active.updated_at = Set(Utc::now());
    if versioned {
        active.version = Set(p.version + 1);
    }
    let updated = active.update(&txn).await?;
    set_organisations(&txn, p.id, &checked.organisation_ids).await?;
    if status != ProposalStatus::Draft {
        search::index(&txn, &updated).await?;
    }
    txn.commit().await?;
    dto(db, updated, Some(&actor)).await
}

/// Publishes a draft (during the intake phase).
pub async fn publish(db: &DatabaseConnection, req: &Requester, id: i64) -> Result<ProposalDto> {
    let (p, actor) = find_own(db, req, id).await?;
    if status_of(&p) != ProposalStatus::Draft {
        return Err(AppError::Conflict("Only a draft can be published.".into()));
    }
    let process = process::Entity::find_by_id(p.process_id).one(db).await?.ok_or(AppError::NotFound)?;
    let required = VerificationLevel::from_wire(&process.propose_level);
    ensure_level(&actor, Action::Propose(required), process.id, required)?;
    ensure_intake(db, p.process_id).await?;
    let txn = db.begin().await?;
    let now = Utc::now();
    let mut active = p.into_active_model();
    active.status = Set(ProposalStatus::Published.as_str().to_owned());
    active.published_at = Set(Some(now));
    active.updated_at = Set(now);
    let p = active.update(&txn).await?;
    record_event(&txn, p.id, "published", Some(ProposalStatus::Draft), Some(ProposalStatus::Published), actor.user_id).await?;
    search::index(&txn, &p).await?;
    txn.commit().await?;
    dto(db, p, Some(&actor)).await
}

/// Withdraws a published proposal (its author).
pub async fn withdraw(db: &DatabaseConnection, req: &Requester, id: i64) -> Result<ProposalDto> {
    let (p, actor) = find_own(db, req, id).await?;
    let from = status_of(&p);
    if !from.is_open() {
        return Err(AppError::Conflict("Only a published proposal can be withdrawn.".into()));
    }
    let txn = db.begin().await?;
    let mut active = p.into_active_model();
    active.status = Set(ProposalStatus::Withdrawn.as_str().to_owned());
    active.updated_at = Set(Utc::now());
    let p = active.update(&txn).await?;
    record_event(&txn, p.id, "status_changed", Some(from), Some(ProposalStatus::Withdrawn), actor.user_id).await?;
    let followers = crate::services::notifications::followers(&txn, p.id).await?;
    let payload = serde_json::json!({ "title": p.title, "from": from.as_str(), "to": "withdrawn" });
    crate::services::notifications::notify(&txn, followers, actor.user_id, "status_changed", Some(p.id), None, payload).await?;
    txn.commit().await?;
    dto(db, p, Some(&actor)).await
}

/// One proposal, as the person asking may see it (drafts only by their author).
pub async fn get(db: &DatabaseConnection, req: &Requester, id: i64) -> Result<ProposalDto> {
    let user = accounts::current(db, req).await?;
    let actor = match &user {
        Some(u) => Some(accounts::actor(db, u).await?),
        None => None,
    };
    let p = find_visible(db, actor.as_ref(), id).await?;
    dto(db, p, actor.as_ref()).await
}

async fn dto(db: &impl ConnectionTrait, p: proposal::Model, viewer: Option<&Actor>) -> Result<ProposalDto> {
    let author = authors(db, [p.author_id]).await?.remove(&p.author_id).unwrap_or(AuthorDto { id: p.author_id, name: DELETED_NAME.into(), deleted: true });
    let org_ids: Vec<i64> = proposal_organisation::Entity::find()
        .filter(proposal_organisation::Column::ProposalId.eq(p.id))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.organisation_id)
        .collect();
    let organisations = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(org_ids))
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|o| OrgRef { id: o.id, name: o.name })
        .collect();
    let count = support_count(db, p.id).await?;
    let me = viewer.and_then(|a| a.user_id);
    let supported_by_me = match me {
        Some(uid) => Some(
            support::Entity::find()
                .filter(support::Column::ProposalId.eq(p.id))
                .filter(support::Column::UserId.eq(uid))
                .count(db)
                .await?
                > 0,
        ),
        None => None,
    };
    let status = status_of(&p);
    let editable = me == Some(p.author_id)
        && (status == ProposalStatus::Draft || (status == ProposalStatus::Published && count == 0 && p.comment_count == 0));
    Ok(ProposalDto {
        id: p.id,
        process_id: p.process_id,
        author,
        tags: tags_of(&p),
        title: p.title,
        problem: p.problem,
        solution: p.solution,
        effect: p.effect,
        area_code: p.area_code,
        region_code: p.region_code,
        organisations,
        status,
        support_count: count,
        comment_count: u64::try_from(p.comment_count).unwrap_or(0),
        version: p.version,
        published_at: p.published_at.map(rfc3339),
        created_at: rfc3339(p.created_at),
        updated_at: rfc3339(p.updated_at),
        supported_by_me,
        editable,
    })
}

/// The public timeline of a proposal. Entries for the minutes of a meeting
/// (`meeting_minutes`) show only while the meeting is public: a
/// members-only meeting's existence is private (`services::minutes`).
pub async fn timeline(db: &DatabaseConnection, req: &Requester, id: i64) -> Result<Vec<ProposalEventDto>> {
    get(db, req, id).await?; // same visibility as the proposal
    let rows = proposal_event::Entity::find()
        .filter(proposal_event::Column::ProposalId.eq(id))
        .order_by_asc(proposal_event::Column::Id)
        .all(db)
        .await?;
    let meeting_ids: Vec<i64> = rows.iter().filter_map(|e| e.meeting_id).collect();
    let public_meetings: std::collections::HashMap<i64, String> = if meeting_ids.is_empty() {
        std::collections::HashMap::new()
    } else {
        crate::entities::meeting::Entity::find()
            .filter(crate::entities::meeting::Column::Id.is_in(meeting_ids))
            .filter(crate::entities::meeting::Column::Visibility.eq(shared::meeting::Visibility::Public.as_str()))
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m.id, m.title))
            .collect()
    };
    Ok(rows
        .into_iter()
        .filter(|e| e.meeting_id.is_none_or(|m| public_meetings.contains_key(&m)))
        .map(|e| ProposalEventDto {
            kind: e.kind,
            from_status: e.from_status.as_deref().and_then(ProposalStatus::parse),
            to_status: e.to_status.as_deref().and_then(ProposalStatus::parse),
            answer: e.answer,
            created_at: rfc3339(e.created_at),
            meeting_title: e.meeting_id.and_then(|m| public_meetings.get(&m).cloned()),
            meeting_id: e.meeting_id,
        })
        .collect())
}

async fn support_target(
    db: &DatabaseConnection,
    counters: &Counters,
    req: &Requester,
    id: i64,
) -> Result<(user::Model, proposal::Model, process::Model)> {
    let user = crate::services::comments::ensure_can_post(db, req).await?;
    let p = proposal::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if !status_of(&p).is_public() {
        return Err(AppError::NotFound);
    }
    if !status_of(&p).is_open() {
        return Err(AppError::Conflict("This proposal is no longer collecting supports.".into()));
    }
    let (process, phases) = counters.process(db, p.process_id).await?;
    // Supporting depends on the verification level only (policy: `Action::Support`),
    // so the actor is built without reading the account's roles.
    let actor = Actor::user(user.id, VerificationLevel::from_wire(&user.verification_level), Vec::new());
    let required = VerificationLevel::from_wire(&process.support_level);
    ensure_level(&actor, Action::Support(required), process.id, required)?;
    match processes::current_phase(&phases, Utc::now()) {
        Some(ph) if ph.accepts_supports() => Ok((user, p, process)),
        _ => Err(AppError::Conflict("Supports are not open in this phase of the process.".into())),
    }
}

/// PostgreSQL only: the support row, its counter row and the follow in one
/// statement (one round trip, atomic), returning whether it was new and the
/// count. SQLite has no writes inside `WITH`; it takes the transaction below.
async fn support_in_one_statement(db: &DatabaseConnection, proposal_id: i64, user_id: i64) -> Result<(bool, u64)> {
    let shard = user_id.rem_euclid(SHARDS);
    // Bound parameters: one prepared statement for every request.
    let sql = "WITH ins AS (INSERT INTO supports (proposal_id, user_id, created_at) VALUES ($1, $2, now()) \
                  ON CONFLICT (proposal_id, user_id) DO NOTHING RETURNING proposal_id), \
          cnt AS (INSERT INTO support_counts (proposal_id, shard, n) SELECT proposal_id, $3, 1 FROM ins \
                  ON CONFLICT (proposal_id, shard) DO UPDATE SET n = support_counts.n + 1 RETURNING 1), \
          fol AS (INSERT INTO follows (user_id, proposal_id, created_at) SELECT $2, proposal_id, now() FROM ins \
                  ON CONFLICT (user_id, proposal_id) DO NOTHING RETURNING 1) \
     SELECT (SELECT COUNT(*) FROM ins) AS inserted, \
            (SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM support_counts WHERE proposal_id = $1) AS before";
    let row = db
        .query_one_raw(Statement::from_sql_and_values(sea_orm::DatabaseBackend::Postgres, sql, [proposal_id.into(), user_id.into(), shard.into()]))
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no answer from the support statement")))?;
    let inserted = row.try_get::<i64>("", "inserted")? > 0;
    // The statement's snapshot does not see its own counter change: add it.
    let before = u64::try_from(row.try_get::<i64>("", "before")?).unwrap_or(0);
    Ok((inserted, before + u64::from(inserted)))
}

fn shard_upsert(proposal_id: i64, shard: i64, delta: i64) -> sea_orm::sea_query::InsertStatement {
    Query::insert()
        .into_table(Alias::new("support_counts"))
        .columns([Alias::new("proposal_id"), Alias::new("shard"), Alias::new("n")])
        .values_panic([proposal_id.into(), shard.into(), delta.into()])
        .on_conflict(
            OnConflict::columns([Alias::new("proposal_id"), Alias::new("shard")])
                .value(Alias::new("n"), Expr::col((Alias::new("support_counts"), Alias::new("n"))).add(delta))
                .to_owned(),
        )
        .to_owned()
}

/// Supports a proposal. Supporting twice is harmless (one row, same answer).
pub async fn support(db: &DatabaseConnection, counters: &Counters, req: &Requester, id: i64) -> Result<(SupportState, bool)> {
    if counters.batcher.running() {
        // The fast path: who is asking (one query); the batch statement checks
        // the proposal, its process and the level itself.
        let user = crate::services::comments::ensure_can_post(db, req).await?;
        let level = match VerificationLevel::from_wire(&user.verification_level) {
            VerificationLevel::Unverified => 0,
            VerificationLevel::Verified => 1,
            VerificationLevel::Official => 2,
        };
        let written = counters.batcher.submit(id, user.id, level).await?;
        if written.accepted {
            let mut count = written.count;
            if written.inserted {
                counters.mark(id);
                let (process, _) = counters.process(db, written.process_id).await?;
                let threshold = u64::try_from(process.support_threshold).unwrap_or(u64::MAX);
                if written.published && count.saturating_mul(2) >= threshold {
                    // Near the threshold, count afresh (see below).
                    let p = proposal::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
                    count = support_count(db, id).await?;
                    reached_threshold(db, &p, &process, count).await?;
                }
            }
            return Ok((SupportState { supported: true, support_count: count }, written.inserted));
        }
        // Refused by the statement: the checks below give the exact answer
        // (404, 403, 409), or take the path with a per-person limit.
    }
    let (user, p, process) = support_target(db, counters, req, id).await?;
    if process.supports_per_person.is_none() && db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        let (inserted, mut count) = support_in_one_statement(db, p.id, user.id).await?;
        if inserted {
            counters.mark(p.id);
            // Near the threshold, count afresh: the statement's snapshot may miss
            // supports committed meanwhile, and the last one to commit must see them all.
            let threshold = u64::try_from(process.support_threshold).unwrap_or(u64::MAX);
            if status_of(&p) == ProposalStatus::Published && count.saturating_mul(2) >= threshold {
                count = support_count(db, p.id).await?;
                reached_threshold(db, &p, &process, count).await?;
            }
        }
        return Ok((SupportState { supported: true, support_count: count }, inserted));
    }
    let txn = db.begin().await?;
    // The first statement writes (SQLite takes the write lock at once, no upgrade deadlock).
    let inserted = txn
        .execute(
            Query::insert()
                .into_table(Alias::new("supports"))
                .columns([Alias::new("proposal_id"), Alias::new("user_id"), Alias::new("created_at")])
                .values_panic([p.id.into(), user.id.into(), Utc::now().into()])
                .on_conflict(OnConflict::columns([Alias::new("proposal_id"), Alias::new("user_id")]).do_nothing().to_owned()),
        )
        .await?
        .rows_affected();
    if inserted == 0 {
        txn.rollback().await?;
        return Ok((SupportState { supported: true, support_count: support_count(db, p.id).await? }, false));
    }
    if let Some(limit) = process.supports_per_person {
        txn.execute(
            Query::insert()
                .into_table(Alias::new("support_quotas"))
                .columns([Alias::new("user_id"), Alias::new("process_id"), Alias::new("used")])
                .values_panic([user.id.into(), process.id.into(), 0.into()])
                .on_conflict(OnConflict::columns([Alias::new("user_id"), Alias::new("process_id")]).do_nothing().to_owned()),
        )
        .await?;
        let taken = txn
            .execute(
                Query::update()
                    .table(Alias::new("support_quotas"))
                    .value(Alias::new("used"), Expr::col(Alias::new("used")).add(1))
                    .and_where(Expr::col(Alias::new("user_id")).eq(user.id))
                    .and_where(Expr::col(Alias::new("process_id")).eq(process.id))
                    .and_where(Expr::col(Alias::new("used")).lt(limit)),
            )
            .await?
            .rows_affected();
        if taken == 0 {
            txn.rollback().await?;
            return Err(AppError::Conflict(format!("You have used all {limit} supports you have in this process.")));
        }
    }
    txn.execute(&shard_upsert(p.id, user.id.rem_euclid(SHARDS), 1)).await?;
    crate::services::notifications::follow(&txn, user.id, p.id).await?;
    txn.commit().await?;
    counters.mark(p.id);
    let count = support_count(db, p.id).await?;
    reached_threshold(db, &p, &process, count).await?;
    Ok((SupportState { supported: true, support_count: count }, true))
}

/// Moves a published proposal to review once its supports reach the
/// process's threshold (only the request that moves it records it).
async fn reached_threshold(db: &DatabaseConnection, p: &proposal::Model, process: &process::Model, count: u64) -> Result<()> {
    if count >= u64::try_from(process.support_threshold).unwrap_or(u64::MAX) && status_of(p) == ProposalStatus::Published {
        // Once: only the request that moves it from `published` records the event.
        let moved = proposal::Entity::update_many()
            .col_expr(proposal::Column::Status, Expr::value(ProposalStatus::UnderReview.as_str()))
            .filter(proposal::Column::Id.eq(p.id))
            .filter(proposal::Column::Status.eq(ProposalStatus::Published.as_str()))
            .exec(db)
            .await?
            .rows_affected;
        if moved == 1 {
            record_event(db, p.id, "threshold_reached", Some(ProposalStatus::Published), Some(ProposalStatus::UnderReview), None).await?;
            let followers = crate::services::notifications::followers(db, p.id).await?;
            let payload = serde_json::json!({ "title": p.title, "supports": count, "to": "under_review" });
            crate::services::notifications::notify(db, followers, None, "threshold_reached", Some(p.id), None, payload).await?;
        }
    }
    Ok(())
}

/// Withdraws one's support (while supports are open). Harmless if there was none.
pub async fn withdraw_support(db: &DatabaseConnection, counters: &Counters, req: &Requester, id: i64) -> Result<SupportState> {
    let (user, p, process) = support_target(db, counters, req, id).await?;
    let txn = db.begin().await?;
    let deleted = support::Entity::delete_many()
        .filter(support::Column::ProposalId.eq(p.id))
        .filter(support::Column::UserId.eq(user.id))
        .exec(&txn)
        .await?
        .rows_affected;
    if deleted == 1 {
        txn.execute(&shard_upsert(p.id, user.id.rem_euclid(SHARDS), -1)).await?;
        if process.supports_per_person.is_some() {
            txn.execute(
                Query::update()
                    .table(Alias::new("support_quotas"))
                    .value(Alias::new("used"), Expr::col(Alias::new("used")).sub(1))
                    .and_where(Expr::col(Alias::new("user_id")).eq(user.id))
                    .and_where(Expr::col(Alias::new("process_id")).eq(process.id))
                    .and_where(Expr::col(Alias::new("used")).gt(0)),
            )
            .await?;
        }
    }
    txn.commit().await?;
    counters.mark(p.id);
    Ok(SupportState { supported: false, support_count: support_count(db, p.id).await? })
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Cursor {
    /// The sort key of the last item (or the offset, for searches).
    k: i64,
    id: i64,
}

fn encode_cursor(c: &Cursor) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(serde_json::to_vec(c).unwrap_or_default())
}

fn decode_cursor(s: &str) -> Result<Cursor> {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(s)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or_else(|| AppError::BadRequest("The cursor is not valid; start from the first page.".into()))
}

/// Lists public proposals with filters, a sort, and a cursor. Two queries:
/// the count, and the page with its authors' names.
pub async fn list(db: &impl ConnectionTrait, q: &ProposalQuery) -> Result<ProposalPage> {
    let limit = u64::from(q.limit.unwrap_or(20).clamp(1, 100));
    let mut cond = Condition::all();
    match q.status.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => match ProposalStatus::parse(s).filter(|s| s.is_public()) {
            Some(st) => cond = cond.add(proposal::Column::Status.eq(st.as_str())),
            None => return Err(AppError::Validation(vec![FieldError::new("status", FieldProblem::Invalid, "Unknown status.")])),
        },
        None => cond = cond.add(proposal::Column::Status.is_not_in(["draft", "hidden"])),
    }
    if let Some(pid) = q.process {
        cond = cond.add(proposal::Column::ProcessId.eq(pid));
    }
    if let Some(a) = q.area.as_deref().filter(|s| !s.is_empty()) {
        cond = cond.add(proposal::Column::AreaCode.eq(a));
    }
    if let Some(r) = q.region.as_deref().filter(|s| !s.is_empty()) {
        cond = cond.add(proposal::Column::RegionCode.eq(r));
    }
    if let Some(t) = q.tag.as_deref().map(|t| t.trim().trim_start_matches('#').to_lowercase()).filter(|t| !t.is_empty()) {
        let json = serde_json::to_string(&t).unwrap_or_default();
        cond = cond.add(proposal::Column::Tags.like(format!("%{}%", json.replace(['%', '_'], ""))));
    }
    if let Some(org) = q.organisation {
        cond = cond.add(
            proposal::Column::Id.in_subquery(
                Query::select()
                    .column(Alias::new("proposal_id"))
                    .from(Alias::new("proposal_organisations"))
                    .and_where(Expr::col(Alias::new("organisation_id")).eq(org))
                    .to_owned(),
            ),
        );
    }
    let terms = q.q.as_deref().map(search::terms).unwrap_or_default();
    for term in &terms {
        if let Some(sub) = search::candidates(term) {
            cond = cond.add(proposal::Column::Id.in_subquery(sub));
        }
    }
    let sort = q.sort.as_deref().unwrap_or(if terms.is_empty() { "newest" } else { "relevance" });
    if sort == "relevance" && !terms.is_empty() {
        let filtered = q.process.is_some()
            || [&q.area, &q.region, &q.status, &q.tag].iter().any(|f| f.as_deref().is_some_and(|v| !v.trim().is_empty()))
            || q.organisation.is_some();
        return ranked_search(db, (filtered || !search::has_grams(&terms)).then_some(cond), &terms, limit, q.cursor.as_deref()).await;
    }
    let total = match tallied_total(db, q).await? {
        Some(n) => n,
        None => {
            // A plain COUNT(*) (the paginator's count wraps a SELECT of every
            // column, which reads the proposals' text instead of an index).
            let n: i64 = proposal::Entity::find()
                .select_only()
                .column_as(Expr::cust("COUNT(*)"), "n")
                .filter(cond.clone())
                .into_tuple()
                .one(db)
                .await?
                .unwrap_or(0);
            u64::try_from(n).unwrap_or(0)
        }
    };

    let mut find = proposal::Entity::find().filter(cond);
    let cursor = q.cursor.as_deref().filter(|c| !c.is_empty()).map(decode_cursor).transpose()?;
    // Keyset pagination on (key, id), both descending unless noted.
    let (key_expr, ascending): (Expr, bool) = match sort {
        "newest" => (Expr::cust("COALESCE(proposals.id, 0)"), false),
        "most_supported" => (Expr::col((proposal::Entity, proposal::Column::SupportCount)), false),
        "most_discussed" => (Expr::col((proposal::Entity, proposal::Column::CommentCount)), false),
        "random" => {
            let seed = i64::from(q.seed.unwrap_or(0));
            (Expr::cust(format!("((proposals.id * 2654435761 + {seed}) % 4294967311)")), true)
        }
        _ => {
            return Err(AppError::Validation(vec![FieldError::new(
                "sort",
                FieldProblem::Invalid,
                "Sort by newest, most_supported, most_discussed or random.",
            )]));
        }
    };
    if let Some(c) = &cursor {
        let (k, id) = (c.k, c.id);
        let after = if ascending {
            Condition::any().add(key_expr.clone().gt(k)).add(Condition::all().add(key_expr.clone().eq(k)).add(proposal::Column::Id.gt(id)))
        } else {
            Condition::any().add(key_expr.clone().lt(k)).add(Condition::all().add(key_expr.clone().eq(k)).add(proposal::Column::Id.lt(id)))
        };
        find = find.filter(after);
    }
    let order = if ascending { Order::Asc } else { Order::Desc };
    find = find.order_by(key_expr.clone(), order.clone()).order_by(proposal::Column::Id, order);
    let rows = summary_select(find).limit(limit + 1).into_model::<SummaryRow>().all(db).await?;
    let more = rows.len() as u64 > limit;
    let rows: Vec<SummaryRow> = rows.into_iter().take(limit as usize).collect();
    let next_cursor = match (more, rows.last()) {
        (true, Some(last)) => Some(encode_cursor(&match sort {
            "most_supported" => Cursor { k: last.support_count, id: last.id },
            "most_discussed" => Cursor { k: last.comment_count, id: last.id },
            "random" => Cursor { k: (last.id.wrapping_mul(2654435761) + i64::from(q.seed.unwrap_or(0))).rem_euclid(4294967311), id: last.id },
            _ => Cursor { k: last.id, id: last.id },
        })),
        _ => None,
    };
    let items = rows.into_iter().map(SummaryRow::into_summary).collect();
    Ok(ProposalPage { items, next_cursor, total })
}

/// The list's total from `proposal_tallies` (kept by triggers per process,
/// area, region and status) when the list is filtered by nothing else; `None`
/// when a tag, an organisation or a search needs a real count. (The
/// status was checked by the caller.)
async fn tallied_total(db: &impl ConnectionTrait, q: &ProposalQuery) -> Result<Option<u64>> {
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    if !blank(&q.tag) || q.organisation.is_some() || !blank(&q.q) {
        return Ok(None);
    }
    let col = |name: &str| Expr::col(Alias::new(name));
    let mut sel = Query::select();
    sel.expr_as(Expr::cust("CAST(COALESCE(SUM(n), 0) AS BIGINT)"), Alias::new("n")).from(Alias::new("proposal_tallies"));
    match q.status.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => sel.and_where(col("status").eq(s)),
        None => sel.and_where(col("status").is_not_in(["draft", "hidden"])),
    };
    if let Some(pid) = q.process {
        sel.and_where(col("process_id").eq(pid));
    }
    if let Some(a) = q.area.as_deref().filter(|s| !s.is_empty()) {
        sel.and_where(col("area_code").eq(a));
    }
    if let Some(r) = q.region.as_deref().filter(|s| !s.is_empty()) {
        sel.and_where(col("region_code").eq(r));
    }
    let row = db.query_one(&sel).await?;
    Ok(Some(row.and_then(|r| r.try_get::<i64>("", "n").ok()).map_or(0, |n| u64::try_from(n).unwrap_or(0))))
}

/// Search results ranked: title matches first, then the newest. Without
/// other filters the ranking comes from the gram tables alone (they hold
/// only findable proposals); with filters (`cond`), from one query over the
/// proposals. Either way one query ranks every match and the page is then
/// read by id; the cursor is the offset.
async fn ranked_search(db: &impl ConnectionTrait, cond: Option<Condition>, terms: &[String], limit: u64, cursor: Option<&str>) -> Result<ProposalPage> {
    let offset = cursor.filter(|c| !c.is_empty()).map(decode_cursor).transpose()?.map_or(0, |c| usize::try_from(c.k).unwrap_or(0));
    let mut ranked: Vec<(i64, i64)> = match (cond, search::matches_statement(db.get_database_backend(), terms)) {
        (None, Some(statement)) => {
            let rows = db.query_all_raw(statement).await?;
            let mut rank: HashMap<i64, i64> = HashMap::with_capacity(rows.len());
            let mut title_hits = Vec::new();
            for r in rows {
                match (r.try_get::<i64>("", "id")?, r.try_get::<i64>("", "t")?) {
                    (id, 0) => title_hits.push(id),
                    (id, t) => {
                        rank.insert(id, t);
                    }
                }
            }
            // A title match counts only for a proposal that matches the whole query.
            for id in title_hits {
                if let Some(t) = rank.get_mut(&id) {
                    *t = 0;
                }
            }
            rank.into_iter().collect()
        }
        (cond, _) => {
            let first = terms.first().map(String::as_str).unwrap_or_default();
            // Terms are letters and digits only (search::normalize): nothing to escape.
            let title_hit = format!("CASE WHEN LOWER(proposals.title) LIKE '{}' THEN 0 ELSE 1 END", search::like(first).replace('\'', ""));
            proposal::Entity::find()
                .select_only()
                .column(proposal::Column::Id)
                .column_as(Expr::cust(format!("CAST({title_hit} AS BIGINT)")), "t")
                .filter(cond.unwrap_or_else(Condition::all))
                .into_tuple()
                .all(db)
                .await?
        }
    };
    ranked.sort_unstable_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
    let page: Vec<i64> = ranked.iter().skip(offset).take(limit as usize).map(|r| r.0).collect();
    let next_cursor = (offset + page.len() < ranked.len()).then(|| encode_cursor(&Cursor { k: (offset + page.len()) as i64, id: 0 }));
    let rows = if page.is_empty() {
        Vec::new()
    } else {
        summary_select(proposal::Entity::find().filter(proposal::Column::Id.is_in(page.clone()))).into_model::<SummaryRow>().all(db).await?
    };
    let mut by_id: HashMap<i64, SummaryRow> = rows.into_iter().map(|r| (r.id, r)).collect();
    let items = page.into_iter().filter_map(|id| by_id.remove(&id)).map(SummaryRow::into_summary).collect();
    Ok(ProposalPage { items, next_cursor, total: ranked.len() as u64 })
}

/// Characters of the problem text a list shows.
const EXCERPT_CHARS: usize = 140;

/// What a list shows of a proposal, read in one query with its author's name
/// (and only the start of the long text).
#[derive(sea_orm::FromQueryResult)]
struct SummaryRow {
    id: i64,
    process_id: i64,
    title: String,
    excerpt: String,
    area_code: String,
    region_code: String,
    tags: String,
    status: String,
    support_count: i64,
    comment_count: i64,
    published_at: Option<chrono::DateTime<Utc>>,
    author_name: Option<String>,
    author_deleted_at: Option<chrono::DateTime<Utc>>,
}

/// The columns of [`SummaryRow`] on a proposals query (SUBSTR counts
/// characters on both backends).
fn summary_select(find: sea_orm::Select<proposal::Entity>) -> sea_orm::Select<proposal::Entity> {
    use proposal::Column as C;
    find.select_only()
        .columns([C::Id, C::ProcessId, C::Title, C::AreaCode, C::RegionCode, C::Tags, C::Status, C::SupportCount, C::CommentCount, C::PublishedAt])
        .column_as(Expr::cust(format!("SUBSTR(proposals.problem, 1, {})", EXCERPT_CHARS + 1)), "excerpt")
        .column_as(Expr::col((user::Entity, user::Column::DisplayName)), "author_name")
        .column_as(Expr::col((user::Entity, user::Column::DeletedAt)), "author_deleted_at")
        .join(sea_orm::JoinType::LeftJoin, proposal::Relation::Author.def())
}

impl SummaryRow {
    fn into_summary(self) -> ProposalSummary {
        let status = ProposalStatus::parse(&self.status).unwrap_or(ProposalStatus::Hidden);
        let author_name = match (self.author_name, self.author_deleted_at) {
            (Some(name), None) => name,
            _ => DELETED_NAME.to_owned(),
        };
        ProposalSummary {
            id: self.id,
            process_id: self.process_id,
            excerpt: self.excerpt.chars().take(EXCERPT_CHARS).collect(),
            author_name,
            tags: serde_json::from_str(&self.tags).unwrap_or_default(),
            status,
            support_count: u64::try_from(self.support_count).unwrap_or(0),
            comment_count: u64::try_from(self.comment_count).unwrap_or(0),
            published_at: self.published_at.map(rfc3339),
            title: self.title,
            area_code: self.area_code,
            region_code: self.region_code,
        }
    }
}

/// Public proposals most like a text being written (shared bigrams), so
/// people can support an existing one instead of writing it again.
pub async fn similar(db: &impl ConnectionTrait, title: &str, body: &str, limit: u64) -> Result<Vec<ProposalSummary>> {
    let mut grams = search::grams(title);
    let body_grams: Vec<String> = search::grams(&body.chars().take(400).collect::<String>());
    grams.extend(body_grams);
    grams.sort();
    grams.dedup();
    if grams.len() < 2 {
        return Ok(Vec::new());
    }
    let needed = Ord::max(grams.len() as i64 / 4, 2);
    let sub = Query::select()
        .column(Alias::new("proposal_id"))
        .from(Alias::new("proposal_grams"))
        .and_where(Expr::col(Alias::new("gram")).is_in(grams))
        .group_by_col(Alias::new("proposal_id"))
        .and_having(Expr::cust("COUNT(*)").gte(needed))
        .order_by_expr(Expr::cust("COUNT(*)"), Order::Desc)
        .limit(limit.clamp(1, 10) * 3)
        .to_owned();
    let ids: Vec<i64> = db
        .query_all(&sub)
        .await?
        .into_iter()
        .filter_map(|r| r.try_get::<i64>("", "proposal_id").ok())
        .collect();
    let find = proposal::Entity::find()
        .filter(proposal::Column::Id.is_in(ids.clone()))
        .filter(proposal::Column::Status.is_not_in(["draft", "hidden", "withdrawn"]));
    let rows = summary_select(find).into_model::<SummaryRow>().all(db).await?;
    let mut by_id: HashMap<i64, SummaryRow> = rows.into_iter().map(|r| (r.id, r)).collect();
    Ok(ids.into_iter().filter_map(|id| by_id.remove(&id)).take(limit as usize).map(SummaryRow::into_summary).collect())
}
