//! Participation processes (참여 과정): created by global admins and changed
//! by them or the process's own admins, with phases whose dates decide what
//! people can do (publish proposals in intake; support in intake and
//! deliberation), checked on the server.

use crate::entities::{area, process, process_phase, proposal, region};
use crate::error::{AppError, Result};
use crate::policy::{Action, Resource, Scope};
use crate::services::accounts::{self, Requester};
use crate::services::audit;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, SqlErr, TransactionTrait,
};
use shared::account::VerificationLevel;
use shared::error::FieldProblem;
use shared::participation::{PhaseDto, PhaseKind, ProcessDto, ProcessInput};
use shared::text::{char_len, clean};
use shared::FieldError;
use std::collections::HashMap;

use crate::services::rfc3339;

/// The phase open at `now`.
pub fn current_phase(phases: &[process_phase::Model], now: DateTime<Utc>) -> Option<PhaseKind> {
    phases.iter().find(|p| p.starts_at <= now && now < p.ends_at).and_then(|p| PhaseKind::parse(&p.kind))
}

async fn dto(db: &impl ConnectionTrait, p: process::Model, phases: Vec<process_phase::Model>, proposal_count: Option<u64>) -> ProcessDto {
    let _ = db;
    let mut phases = phases;
    phases.sort_by_key(|ph| (ph.starts_at, PhaseKind::parse(&ph.kind)));
    ProcessDto {
        current_phase: current_phase(&phases, Utc::now()),
        phases: phases
            .iter()
            .filter_map(|ph| Some(PhaseDto { kind: PhaseKind::parse(&ph.kind)?, starts_at: rfc3339(ph.starts_at), ends_at: rfc3339(ph.ends_at) }))
            .collect(),
        id: p.id,
        slug: p.slug,
        title: p.title,
        description: p.description,
        area_code: p.area_code,
        region_code: p.region_code,
        propose_level: VerificationLevel::from_wire(&p.propose_level),
        support_level: VerificationLevel::from_wire(&p.support_level),
        support_threshold: u32::try_from(p.support_threshold).unwrap_or(0),
        supports_per_person: p.supports_per_person.and_then(|n| u32::try_from(n).ok()),
        proposal_count,
    }
}

fn level(field: &str, raw: Option<&str>, errors: &mut Vec<FieldError>) -> VerificationLevel {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None | Some("unverified") => VerificationLevel::Unverified,
        Some("verified") => VerificationLevel::Verified,
        Some("official") => VerificationLevel::Official,
        Some(_) => {
            errors.push(FieldError::new(field, FieldProblem::Invalid, "Use unverified, verified or official."));
            VerificationLevel::Unverified
        }
    }
}

/// A process as submitted, checked: what create and update store.
struct CheckedProcess {
    slug: String,
    title: String,
    description: String,
    area_code: Option<String>,
    region_code: Option<String>,
    propose_level: VerificationLevel,
    support_level: VerificationLevel,
    support_threshold: i32,
    supports_per_person: Option<i32>,
    phases: Vec<(PhaseKind, DateTime<Utc>, DateTime<Utc>)>,
}

/// Checks a submitted process; every problem at once (422), and the area
/// and region must exist. Create and update share it.
async fn check(db: &impl ConnectionTrait, input: ProcessInput) -> Result<CheckedProcess> {
    let mut errors = Vec::new();
    let slug = input.slug.trim().to_lowercase();
    if !(3..=80).contains(&slug.len()) || !slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        errors.push(FieldError::new("slug", FieldProblem::Invalid, "Use 3–80 lower-case letters, digits and '-'."));
    }
    let title = clean(&input.title);
    if !(5..=100).contains(&char_len(&title)) {
        errors.push(FieldError::new("title", FieldProblem::Invalid, "Use 5–100 characters.").with_limits(5, 100));
    }
    let description = clean(&input.description);
    if char_len(&description) > 10_000 {
        errors.push(FieldError::new("description", FieldProblem::TooLong, "Use at most 10,000 characters.").with_limits(0, 10_000));
    }
    let propose_level = level("propose_level", input.propose_level.as_deref(), &mut errors);
    let support_level = level("support_level", input.support_level.as_deref(), &mut errors);
    let threshold = input.support_threshold.unwrap_or(100);
    if !(1..=10_000_000).contains(&threshold) {
        errors.push(FieldError::new("support_threshold", FieldProblem::Invalid, "Use 1 to 10,000,000."));
    }
    if input.supports_per_person == Some(0) {
        errors.push(FieldError::new("supports_per_person", FieldProblem::Invalid, "Leave it empty for no limit, or use 1 or more."));
    }
    let mut phases = Vec::new();
    for (i, ph) in input.phases.iter().enumerate() {
        let field = format!("phases[{i}]");
        let kind = PhaseKind::parse(ph.kind.trim());
        let starts = DateTime::parse_from_rfc3339(ph.starts_at.trim()).map(|d| d.with_timezone(&Utc));
        let ends = DateTime::parse_from_rfc3339(ph.ends_at.trim()).map(|d| d.with_timezone(&Utc));
        match (kind, starts, ends) {
            (Some(k), Ok(s), Ok(e)) if s < e => {
                if phases.iter().any(|(pk, _, _)| *pk == k) {
                    errors.push(FieldError::new(&field, FieldProblem::Invalid, "Each phase appears once."));
                }
                phases.push((k, s, e));
            }
            (None, _, _) => errors.push(FieldError::new(&field, FieldProblem::Invalid, "Unknown phase kind.")),
            _ => errors.push(FieldError::new(&field, FieldProblem::Invalid, "Give RFC 3339 dates with the start before the end.")),
        }
    }
    let area_code = input.area_code.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty());
    if let Some(code) = &area_code
        && area::Entity::find().filter(area::Column::Code.eq(code.as_str())).one(db).await?.is_none()
    {
        errors.push(FieldError::new("area_code", FieldProblem::Invalid, "No such area."));
    }
    let region_code = input.region_code.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty());
    if let Some(code) = &region_code
        && region::Entity::find().filter(region::Column::Code.eq(code.as_str())).one(db).await?.is_none()
    {
        errors.push(FieldError::new("region_code", FieldProblem::Invalid, "No such region."));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    Ok(CheckedProcess {
        slug,
        title,
        description,
        area_code,
        region_code,
        propose_level,
        support_level,
        support_threshold: threshold as i32,
        supports_per_person: input.supports_per_person.map(|n| Ord::min(n, 1_000_000) as i32),
        phases,
    })
}

/// The slug's unique index decides between two processes with one address.
fn slug_taken(e: DbErr) -> AppError {
    match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            AppError::Validation(vec![FieldError::new("slug", FieldProblem::Taken, "Another process uses this address.")])
        }
        _ => AppError::Db(e),
    }
}

/// Stores the phases of a process (after its old ones were removed).
async fn insert_phases(
    db: &impl ConnectionTrait,
    process_id: i64,
    phases: &[(PhaseKind, DateTime<Utc>, DateTime<Utc>)],
) -> Result<Vec<process_phase::Model>> {
    let mut rows = Vec::new();
    for (kind, starts, ends) in phases {
        rows.push(
            process_phase::ActiveModel {
                process_id: Set(process_id),
                kind: Set(kind.as_str().to_owned()),
                starts_at: Set(*starts),
                ends_at: Set(*ends),
                ..Default::default()
            }
            .insert(db)
            .await?,
        );
    }
    Ok(rows)
}

/// Creates a process with its phases (global admins).
pub async fn create(db: &DatabaseConnection, req: &Requester, input: ProcessInput) -> Result<ProcessDto> {
    let (admin, _) = accounts::require_allowed(db, req, Action::ManageProcesses, Resource::Site).await?;
    let checked = check(db, input).await?;
    let now = Utc::now();
    let txn = db.begin().await?;
    let p = process::ActiveModel {
        slug: Set(checked.slug),
        title: Set(checked.title),
        description: Set(checked.description),
        area_code: Set(checked.area_code),
        region_code: Set(checked.region_code),
        propose_level: Set(checked.propose_level.as_str().to_owned()),
        support_level: Set(checked.support_level.as_str().to_owned()),
        support_threshold: Set(checked.support_threshold),
        supports_per_person: Set(checked.supports_per_person),
        created_by: Set(Some(admin.id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(slug_taken)?;
    let rows = insert_phases(&txn, p.id, &checked.phases).await?;
    audit::record(&txn, audit::Event::new("process.created").actor(admin.id).target("process", p.id).ip(req.ip)).await?;
    txn.commit().await?;
    Ok(dto(db, p, rows, Some(0)).await)
}

/// What the audit log keeps of a process before and after a change (the
/// description only by its length: it can be long).
fn summary(p: &process::Model, phases: &[process_phase::Model]) -> serde_json::Value {
    let mut phases: Vec<&process_phase::Model> = phases.iter().collect();
    phases.sort_by_key(|ph| (ph.starts_at, PhaseKind::parse(&ph.kind)));
    serde_json::json!({
        "slug": p.slug,
        "title": p.title,
        "description_chars": char_len(&p.description),
        "area_code": p.area_code,
        "region_code": p.region_code,
        "propose_level": p.propose_level,
        "support_level": p.support_level,
        "support_threshold": p.support_threshold,
        "supports_per_person": p.supports_per_person,
        "phases": phases.iter().map(|ph| serde_json::json!({ "kind": ph.kind, "starts_at": rfc3339(ph.starts_at), "ends_at": rfc3339(ph.ends_at) })).collect::<Vec<_>>(),
    })
}

/// The signed-in account, allowed to change process `id` (401, 404, 403 in that order).
async fn require_manager(db: &DatabaseConnection, req: &Requester, id: i64) -> Result<(crate::entities::user::Model, process::Model, Vec<process_phase::Model>)> {
    let user = accounts::require(db, req).await?;
    let (p, phases) = find(db, id).await?;
    let actor = accounts::actor(db, &user).await?;
    accounts::ensure(&actor, Action::ManageProcesses, Resource::Scope(Scope::Process(id)))?;
    Ok((user, p, phases))
}

/// Changes a process (global admins, and admins of this process). Every
/// field is replaced, with the same checks as [`create`]; the phases are
/// replaced as a whole. Audit-logged with a summary before and after.
pub async fn update(db: &DatabaseConnection, req: &Requester, id: i64, input: ProcessInput) -> Result<ProcessDto> {
    let (admin, before, old_phases) = require_manager(db, req, id).await?;
    let checked = check(db, input).await?;
    let txn = db.begin().await?;
    let mut active = before.clone().into_active_model();
    active.slug = Set(checked.slug);
    active.title = Set(checked.title);
    active.description = Set(checked.description);
    active.area_code = Set(checked.area_code);
    active.region_code = Set(checked.region_code);
    active.propose_level = Set(checked.propose_level.as_str().to_owned());
    active.support_level = Set(checked.support_level.as_str().to_owned());
    active.support_threshold = Set(checked.support_threshold);
    active.supports_per_person = Set(checked.supports_per_person);
    active.updated_at = Set(Utc::now());
    let after = active.update(&txn).await.map_err(slug_taken)?;
    process_phase::Entity::delete_many().filter(process_phase::Column::ProcessId.eq(id)).exec(&txn).await?;
    let phases = insert_phases(&txn, id, &checked.phases).await?;
    let details = serde_json::json!({ "before": summary(&before, &old_phases), "after": summary(&after, &phases) });
    audit::record(&txn, audit::Event::new("process.updated").actor(admin.id).target("process", id).ip(req.ip).details(details)).await?;
    txn.commit().await?;
    tracing::info!(process.id = id, "process updated");
    get(db, id).await
}

/// One process, for its edit form: only for those who may change it.
pub async fn get_for_edit(db: &DatabaseConnection, req: &Requester, id: i64) -> Result<ProcessDto> {
    require_manager(db, req, id).await?;
    get(db, id).await
}

/// The processes the signed-in admin may change, newest first (every one
/// for global admins; none is not an error for other admins).
pub async fn manageable(db: &DatabaseConnection, req: &Requester) -> Result<Vec<ProcessDto>> {
    let (_, actor) = accounts::require_allowed(db, req, Action::ViewAdmin, Resource::Site).await?;
    Ok(list(db, true)
        .await?
        .into_iter()
        .filter(|p| crate::policy::allows(&actor, Action::ManageProcesses, Resource::Scope(Scope::Process(p.id))))
        .collect())
}

/// Every process, newest first, with its phases, and with its public
/// proposal counts when `with_counts` (one more query, over every proposal).
pub async fn list(db: &impl ConnectionTrait, with_counts: bool) -> Result<Vec<ProcessDto>> {
    let processes = process::Entity::find().order_by_desc(process::Column::Id).all(db).await?;
    let mut phases: HashMap<i64, Vec<process_phase::Model>> = HashMap::new();
    for ph in process_phase::Entity::find().all(db).await? {
        phases.entry(ph.process_id).or_default().push(ph);
    }
    let counts: Option<HashMap<i64, i64>> = if with_counts {
        Some(
            proposal::Entity::find()
                .select_only()
                .column(proposal::Column::ProcessId)
                .column_as(Expr::cust("COUNT(*)"), "n")
                .filter(proposal::Column::Status.is_not_in(["draft", "hidden"]))
                .group_by(proposal::Column::ProcessId)
                .into_tuple::<(i64, i64)>()
                .all(db)
                .await?
                .into_iter()
                .collect(),
        )
    } else {
        None
    };
    let mut out = Vec::new();
    for p in processes {
        let n = counts.as_ref().map(|c| u64::try_from(c.get(&p.id).copied().unwrap_or(0)).unwrap_or(0));
        let ph = phases.remove(&p.id).unwrap_or_default();
        out.push(dto(db, p, ph, n).await);
    }
    Ok(out)
}

/// A process and its phases.
pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<(process::Model, Vec<process_phase::Model>)> {
    let p = process::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let phases = process_phase::Entity::find().filter(process_phase::Column::ProcessId.eq(id)).all(db).await?;
    Ok((p, phases))
}

/// One process as shown.
pub async fn get(db: &impl ConnectionTrait, id: i64) -> Result<ProcessDto> {
    let (p, phases) = find(db, id).await?;
    let n = proposal::Entity::find()
        .filter(proposal::Column::ProcessId.eq(id))
        .filter(proposal::Column::Status.is_not_in(["draft", "hidden"]))
        .count(db)
        .await?;
    Ok(dto(db, p, phases, Some(n)).await)
}
