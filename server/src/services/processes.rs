//! Participation processes (참여 과정): created by admins, with phases whose
//! dates decide what people can do (publish proposals in intake; support in
//! intake and deliberation), checked on the server.

use crate::entities::{area, process, process_phase, proposal, region};
use crate::error::{AppError, Result};
use crate::policy::{Action, Resource};
use crate::services::accounts::{self, Requester};
use crate::services::audit;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, SqlErr, TransactionTrait,
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

async fn dto(db: &impl ConnectionTrait, p: process::Model, phases: Vec<process_phase::Model>, proposal_count: u64) -> ProcessDto {
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

/// Creates a process with its phases (global admins).
pub async fn create(db: &DatabaseConnection, req: &Requester, input: ProcessInput) -> Result<ProcessDto> {
    let (admin, _) = accounts::require_allowed(db, req, Action::ManageProcesses, Resource::Site).await?;
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
    if let Some(code) = input.area_code.as_deref().filter(|c| !c.is_empty())
        && area::Entity::find().filter(area::Column::Code.eq(code)).one(db).await?.is_none()
    {
        errors.push(FieldError::new("area_code", FieldProblem::Invalid, "No such area."));
    }
    if let Some(code) = input.region_code.as_deref().filter(|c| !c.is_empty())
        && region::Entity::find().filter(region::Column::Code.eq(code)).one(db).await?.is_none()
    {
        errors.push(FieldError::new("region_code", FieldProblem::Invalid, "No such region."));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let now = Utc::now();
    let txn = db.begin().await?;
    let p = process::ActiveModel {
        slug: Set(slug),
        title: Set(title),
        description: Set(description),
        area_code: Set(input.area_code.filter(|c| !c.is_empty())),
        region_code: Set(input.region_code.filter(|c| !c.is_empty())),
        propose_level: Set(propose_level.as_str().to_owned()),
        support_level: Set(support_level.as_str().to_owned()),
        support_threshold: Set(threshold as i32),
        supports_per_person: Set(input.supports_per_person.map(|n| Ord::min(n, 1_000_000) as i32)),
        created_by: Set(Some(admin.id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            AppError::Validation(vec![FieldError::new("slug", FieldProblem::Taken, "Another process uses this address.")])
        }
        _ => AppError::Db(e),
    })?;
    let mut rows = Vec::new();
    for (kind, starts, ends) in phases {
        rows.push(
            process_phase::ActiveModel {
                process_id: Set(p.id),
                kind: Set(kind.as_str().to_owned()),
                starts_at: Set(starts),
                ends_at: Set(ends),
                ..Default::default()
            }
            .insert(&txn)
            .await?,
        );
    }
    audit::record(&txn, audit::Event::new("process.created").actor(admin.id).target("process", p.id).ip(req.ip)).await?;
    txn.commit().await?;
    Ok(dto(db, p, rows, 0).await)
}

/// Every process, newest first, with its phases and public proposal counts.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<ProcessDto>> {
    let processes = process::Entity::find().order_by_desc(process::Column::Id).all(db).await?;
    let mut phases: HashMap<i64, Vec<process_phase::Model>> = HashMap::new();
    for ph in process_phase::Entity::find().all(db).await? {
        phases.entry(ph.process_id).or_default().push(ph);
    }
    let counts: HashMap<i64, i64> = proposal::Entity::find()
        .select_only()
        .column(proposal::Column::ProcessId)
        .column_as(Expr::cust("COUNT(*)"), "n")
        .filter(proposal::Column::Status.is_not_in(["draft", "hidden"]))
        .group_by(proposal::Column::ProcessId)
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut out = Vec::new();
    for p in processes {
        let n = counts.get(&p.id).copied().unwrap_or(0);
        let ph = phases.remove(&p.id).unwrap_or_default();
        out.push(dto(db, p, ph, u64::try_from(n).unwrap_or(0)).await);
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
    Ok(dto(db, p, phases, n).await)
}
