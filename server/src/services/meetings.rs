//! Councils and their meetings (협의회·회의, issue 6), first slice: councils
//! with their subcommittees and forum teams and members (set by global
//! admins), meetings in a room, online or both (planned by global admins and
//! the council's chair or secretary), their agenda, public or members-only
//! visibility (members-only meetings are 404 to everyone else but global admins),
//! registration with the room's waiting list, check-in codes checked at the
//! door by staff, and the `.ics` calendar file.
//!
//! The chair of a council has the rights of a chair (and sees what a member
//! sees) in its subcommittees and forum teams too: the parent council
//! oversees them (one level: a subcommittee has no subcommittees). The
//! secretary (간사) of a council runs its meetings with the chair's rights
//! (`Action::RunMeeting`) but chairs nothing: not the council, not its
//! subcommittees.
//!
//! Who is told what: authors of proposals put on an agenda and the named
//! presenters (`meeting_presenter`), unless the meeting is members-only and
//! they may not see it; people taking a seat from the waiting list
//! (`meeting_promoted`); registrants when the time, place, kind or online
//! link changes (`meeting_changed`, once per change); registrants dropped
//! because they may no longer see a members-only meeting
//! (`meeting_registration_cancelled`). Reminders and minutes are
//! `services::reminders` and `services::minutes`.
//!
//! The rules are `shared::meeting`; this module reads and writes. Every
//! change to a meeting's registrations runs in a transaction that first
//! locks the meeting's row, so concurrent registrations are applied one
//! after the other and the room never takes more people than its capacity.

use crate::entities::{
    council, council_member, meeting, meeting_agenda_item, meeting_minutes, meeting_registration,
    organisation, proposal, role_grant, user,
};
use crate::error::{AppError, Result};
use crate::policy::{Action, Actor, Grant, Resource, Role, Scope};
use crate::services::accounts::{self, Requester};
use crate::services::live::{self, Bus};
use crate::services::{audit, display_names, notifications, rfc3339, room};
use chrono::{DateTime, Utc};
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use shared::error::{FieldError, FieldProblem};
use shared::meeting::*;
use shared::participation::OrgRef;
use std::collections::{HashMap, HashSet};

/// The members of a council, replacing the list (admins).
#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct CouncilMembersInput {
    #[serde(default)]
    pub members: Vec<CouncilMemberInput>,
}

/// A meeting's agenda, replacing the ordered list.
#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct AgendaInput {
    #[serde(default)]
    pub items: Vec<AgendaItemInput>,
}

/// A check-in code as typed or scanned at the door.
#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct CheckInInput {
    #[serde(default)]
    pub code: String,
}

/// A person checked in at the door, as staff see them.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct CheckInDto {
    pub registration_id: i64,
    pub user_id: i64,
    pub display_name: String,
    /// RFC 3339, UTC.
    pub checked_in_at: String,
}

/// The meetings list's filter.
#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::IntoParams)]
pub struct MeetingQuery {
    /// Only this council's meetings.
    pub council: Option<i64>,
}

// ---------------------------------------------------------------------------
// Who asks

async fn signed_in(db: &DatabaseConnection, req: &Requester) -> Result<(user::Model, Actor)> {
    let user = accounts::require(db, req).await?;
    let actor = accounts::actor(db, &user).await?;
    Ok((user, actor))
}

/// The person asking, if signed in.
async fn maybe_signed_in(
    db: &DatabaseConnection,
    req: &Requester,
) -> Result<(Option<user::Model>, Actor)> {
    match accounts::current(db, req).await? {
        Some(user) => {
            let actor = accounts::actor(db, &user).await?;
            Ok((Some(user), actor))
        }
        None => Ok((None, Actor::anonymous())),
    }
}

/// No seat on a council.
const OUTSIDER: Resource = Resource::Council {
    member: false,
    chair: false,
    secretary: false,
};

/// Where the person asking sits on a council (the chair of its parent
/// council counts as a chair and member).
pub(crate) async fn seat(
    db: &impl ConnectionTrait,
    council_id: i64,
    user_id: Option<i64>,
) -> Result<Resource> {
    let Some(u) = user_id else {
        return Ok(OUTSIDER);
    };
    Ok(seats(db, council_id, &[u])
        .await?
        .remove(&u)
        .unwrap_or(OUTSIDER))
}

/// Where each of `users` sits on a council: a member, chair or secretary of
/// it, or the chair of the council it belongs to (who has a chair's rights
/// in it; the parent's secretary has none).
async fn seats(
    db: &impl ConnectionTrait,
    council_id: i64,
    users: &[i64],
) -> Result<HashMap<i64, Resource>> {
    let rows = council_member::Entity::find()
        .filter(council_member::Column::CouncilId.eq(council_id))
        .filter(council_member::Column::UserId.is_in(users.iter().copied()))
        .all(db)
        .await?;
    let parent = council::Entity::find_by_id(council_id)
        .one(db)
        .await?
        .and_then(|c| c.parent_id);
    let parent_chairs: HashSet<i64> = match parent {
        Some(p) => council_member::Entity::find()
            .filter(council_member::Column::CouncilId.eq(p))
            .filter(council_member::Column::Role.eq(MemberRole::Chair.as_str()))
            .filter(council_member::Column::UserId.is_in(users.iter().copied()))
            .all(db)
            .await?
            .into_iter()
            .map(|m| m.user_id)
            .collect(),
        None => HashSet::new(),
    };
    Ok(users
        .iter()
        .map(|&u| {
            let row = rows.iter().find(|m| m.user_id == u);
            let over = parent_chairs.contains(&u);
            let holds = |role: MemberRole| row.is_some_and(|m| m.role == role.as_str());
            (
                u,
                Resource::Council {
                    member: row.is_some() || over,
                    chair: over || holds(MemberRole::Chair),
                    secretary: holds(MemberRole::Secretary),
                },
            )
        })
        .collect())
}

/// The councils whose members-only meetings a person may see as a member:
/// those they sit on, and the subcommittees and forum teams of those they chair.
async fn councils_seen(db: &impl ConnectionTrait, user_id: Option<i64>) -> Result<HashSet<i64>> {
    let Some(u) = user_id else {
        return Ok(HashSet::new());
    };
    let rows = council_member::Entity::find()
        .filter(council_member::Column::UserId.eq(u))
        .all(db)
        .await?;
    let chaired: Vec<i64> = rows
        .iter()
        .filter(|m| m.role == MemberRole::Chair.as_str())
        .map(|m| m.council_id)
        .collect();
    let mut seen: HashSet<i64> = rows.iter().map(|m| m.council_id).collect();
    if !chaired.is_empty() {
        seen.extend(
            council::Entity::find()
                .filter(council::Column::ParentId.is_in(chaired))
                .all(db)
                .await?
                .into_iter()
                .map(|c| c.id),
        );
    }
    Ok(seen)
}

/// Of `users`, the people who may see a meeting: everyone for a public one;
/// for a members-only one, whom the policy lets see it (the council's
/// members, its parent's chair, global admins). Asked of the policy with
/// each person's grants (verification plays no part in meeting rules).
pub(crate) async fn who_may_see(
    db: &impl ConnectionTrait,
    m: &meeting::Model,
    users: impl IntoIterator<Item = i64>,
) -> Result<HashSet<i64>> {
    let users: Vec<i64> = users
        .into_iter()
        .collect::<HashSet<i64>>()
        .into_iter()
        .collect();
    if visibility_of(m) == Visibility::Public || users.is_empty() {
        return Ok(users.into_iter().collect());
    }
    let seats = seats(db, m.council_id, &users).await?;
    let mut grants: HashMap<i64, Vec<Grant>> = HashMap::new();
    for g in role_grant::Entity::find()
        .filter(role_grant::Column::UserId.is_in(users.iter().copied()))
        .all(db)
        .await?
    {
        if let (Some(role), Some(scope)) = (
            Role::parse(&g.role),
            Scope::from_parts(&g.scope_kind, g.scope_id),
        ) {
            grants
                .entry(g.user_id)
                .or_default()
                .push(Grant { role, scope });
        }
    }
    Ok(users
        .into_iter()
        .filter(|u| {
            let actor = Actor::user(
                *u,
                shared::account::VerificationLevel::Unverified,
                grants.remove(u).unwrap_or_default(),
            );
            let seat = seats.get(u).copied().unwrap_or(OUTSIDER);
            crate::policy::allows(&actor, Action::SeeMembersOnlyMeeting, seat)
        })
        .collect())
}

fn kind_of(m: &meeting::Model) -> MeetingKind {
    MeetingKind::parse(&m.kind).unwrap_or(MeetingKind::InPerson)
}

fn visibility_of(m: &meeting::Model) -> Visibility {
    Visibility::parse(&m.visibility).unwrap_or_default()
}

fn council_kind(c: &council::Model) -> CouncilKind {
    CouncilKind::parse(&c.kind).unwrap_or_default()
}

fn capacity_of(m: &meeting::Model) -> u32 {
    m.capacity.and_then(|c| u32::try_from(c).ok()).unwrap_or(0)
}

fn at(ts: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(ts, 0).unwrap_or_default()
}

/// A meeting the person asking may see: members-only meetings are 404 to
/// anyone but the council's members and global admins (their existence is
/// private too).
pub(crate) async fn visible(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> Result<meeting::Model> {
    let m = meeting::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    ensure_visible(db, actor, m.council_id, visibility_of(&m)).await?;
    Ok(m)
}

/// Where the person asking sits on a meeting's council, if they may see the
/// meeting (404 otherwise): [`visible`] for the readers of its live room,
/// from the columns the bus reads once for many ([`Bus::meeting_access`]).
/// The seat, read once (no query for a visitor), also tells who runs it.
pub(crate) async fn visible_seat(
    db: &impl ConnectionTrait,
    bus: &Bus,
    actor: &Actor,
    id: i64,
) -> Result<Resource> {
    let (council_id, visibility) = bus.meeting_access(id).await?.ok_or(AppError::NotFound)?;
    let seat = seat(db, council_id, actor.user_id).await?;
    if !may_see(actor, Visibility::parse(&visibility).unwrap_or_default(), seat) {
        return Err(AppError::NotFound);
    }
    Ok(seat)
}

/// A meeting's council and visibility, all a check of who may see it needs.
pub(crate) async fn access_columns(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<(i64, String)>> {
    Ok(meeting::Entity::find_by_id(id)
        .select_only()
        .columns([meeting::Column::CouncilId, meeting::Column::Visibility])
        .into_tuple()
        .one(db)
        .await?)
}

/// 404 for a members-only meeting of `council_id` that `actor` may not see.
async fn ensure_visible(
    db: &impl ConnectionTrait,
    actor: &Actor,
    council_id: i64,
    visibility: Visibility,
) -> Result<()> {
    // The seat is read only for a members-only meeting.
    if visibility == Visibility::MembersOnly
        && !may_see(actor, visibility, seat(db, council_id, actor.user_id).await?)
    {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Whether `actor`, sitting at `seat` on the council, may see a meeting of `visibility`.
fn may_see(actor: &Actor, visibility: Visibility, seat: Resource) -> bool {
    visibility != Visibility::MembersOnly
        || crate::policy::allows(actor, Action::SeeMembersOnlyMeeting, seat)
}

/// The meeting, if the person asking may run it (chair or secretary of its
/// council, chair of its parent council, or a global admin): 404 if they
/// may not see it, 403 if they may not run it.
pub(crate) async fn staff(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
) -> Result<meeting::Model> {
    let m = visible(db, actor, id).await?;
    accounts::ensure(
        actor,
        Action::RunMeeting,
        seat(db, m.council_id, actor.user_id).await?,
    )?;
    Ok(m)
}

// ---------------------------------------------------------------------------
// Councils

fn summary(c: &council::Model) -> CouncilSummary {
    CouncilSummary {
        id: c.id,
        name: c.name.clone(),
        kind: council_kind(c),
    }
}

/// Every council, subcommittee and forum team, by name (public).
pub async fn list_councils(db: &DatabaseConnection) -> Result<Vec<CouncilSummary>> {
    let rows = council::Entity::find()
        .order_by_asc(council::Column::Name)
        .order_by_asc(council::Column::Id)
        .all(db)
        .await?;
    Ok(rows.iter().map(summary).collect())
}

async fn check_parent(
    db: &impl ConnectionTrait,
    c: &CheckedCouncil,
    own_id: Option<i64>,
) -> Result<()> {
    if let Some(parent) = c.parent_id {
        let p = council::Entity::find_by_id(parent).one(db).await?;
        if !p.is_some_and(|p| council_kind(&p) == CouncilKind::Council && Some(p.id) != own_id) {
            return Err(AppError::Validation(vec![FieldError::new(
                "parent_id",
                FieldProblem::Invalid,
                "Choose a council (not a subcommittee or forum team).",
            )]));
        }
    }
    Ok(())
}

/// Creates a council, subcommittee or forum team (global admins).
pub async fn create_council(
    db: &DatabaseConnection,
    req: &Requester,
    input: CouncilInput,
) -> Result<CouncilDto> {
    let (user, actor) = signed_in(db, req).await?;
    accounts::ensure(&actor, Action::ManageCouncils, Resource::Site)?;
    let c = input.check().map_err(AppError::Validation)?;
    check_parent(db, &c, None).await?;
    let txn = db.begin().await?;
    let row = council::ActiveModel {
        name: Set(c.name),
        kind: Set(c.kind.as_str().into()),
        parent_id: Set(c.parent_id),
        description: Set(c.description),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let details =
        serde_json::json!({ "name": row.name, "kind": row.kind, "parent_id": row.parent_id });
    audit::record(
        &txn,
        audit::Event::new("council.created")
            .actor(user.id)
            .target("council", row.id)
            .ip(req.ip)
            .details(details),
    )
    .await?;
    txn.commit().await?;
    tracing::info!(council.id = row.id, "council created");
    council_dto(db, &actor, row).await
}

/// Changes a council (global admins). A council with subcommittees stays a council.
pub async fn update_council(
    db: &DatabaseConnection,
    req: &Requester,
    id: i64,
    input: CouncilInput,
) -> Result<CouncilDto> {
    let (user, actor) = signed_in(db, req).await?;
    accounts::ensure(&actor, Action::ManageCouncils, Resource::Site)?;
    let before = council::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = input.check().map_err(AppError::Validation)?;
    check_parent(db, &c, Some(id)).await?;
    if c.kind != CouncilKind::Council
        && council::Entity::find()
            .filter(council::Column::ParentId.eq(id))
            .one(db)
            .await?
            .is_some()
    {
        return Err(AppError::Validation(vec![FieldError::new(
            "kind",
            FieldProblem::Invalid,
            "A council with subcommittees or forum teams stays a council.",
        )]));
    }
    let txn = db.begin().await?;
    let mut active: council::ActiveModel = before.clone().into();
    active.name = Set(c.name);
    active.kind = Set(c.kind.as_str().into());
    active.parent_id = Set(c.parent_id);
    active.description = Set(c.description);
    let row = active.update(&txn).await?;
    let details = serde_json::json!({ "before": { "name": before.name, "kind": before.kind, "parent_id": before.parent_id }, "after": { "name": row.name, "kind": row.kind, "parent_id": row.parent_id } });
    audit::record(
        &txn,
        audit::Event::new("council.updated")
            .actor(user.id)
            .target("council", row.id)
            .ip(req.ip)
            .details(details),
    )
    .await?;
    txn.commit().await?;
    council_dto(db, &actor, row).await
}

/// A council's page (public): its parent and children, members, the
/// meetings the person asking may see (upcoming first, then the past ones),
/// the public proposals those meetings deliberated and their published
/// minutes.
pub async fn get_council(db: &DatabaseConnection, req: &Requester, id: i64) -> Result<CouncilDto> {
    let (_, actor) = maybe_signed_in(db, req).await?;
    let c = council::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    council_dto(db, &actor, c).await
}

async fn council_dto(
    db: &DatabaseConnection,
    actor: &Actor,
    c: council::Model,
) -> Result<CouncilDto> {
    let parent = match c.parent_id {
        Some(p) => council::Entity::find_by_id(p)
            .one(db)
            .await?
            .map(|p| summary(&p)),
        None => None,
    };
    let children = council::Entity::find()
        .filter(council::Column::ParentId.eq(c.id))
        .order_by_asc(council::Column::Name)
        .all(db)
        .await?;
    let rows = council_member::Entity::find()
        .filter(council_member::Column::CouncilId.eq(c.id))
        .all(db)
        .await?;
    let names = display_names(db, rows.iter().map(|m| m.user_id)).await?;
    let org_ids: Vec<i64> = rows.iter().filter_map(|m| m.organisation_id).collect();
    let orgs: HashMap<i64, String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(org_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let mut members: Vec<CouncilMemberDto> = rows
        .iter()
        .map(|m| CouncilMemberDto {
            user_id: m.user_id,
            display_name: names.get(&m.user_id).cloned().unwrap_or_default(),
            side: Side::parse(&m.side).unwrap_or(Side::Civilian),
            organisation: m.organisation_id.map(|o| OrgRef {
                id: o,
                name: orgs.get(&o).cloned().unwrap_or_default(),
            }),
            role: MemberRole::parse(&m.role).unwrap_or_default(),
        })
        .collect();
    // The chair first, then the secretary, then by name.
    let rank = |r: MemberRole| match r {
        MemberRole::Chair => 0,
        MemberRole::Secretary => 1,
        MemberRole::Member => 2,
    };
    members.sort_by(|a, b| {
        rank(a.role)
            .cmp(&rank(b.role))
            .then_with(|| a.display_name.cmp(&b.display_name))
    });
    let is_member = actor
        .user_id
        .is_some_and(|u| rows.iter().any(|m| m.user_id == u));
    let sees_members_only = crate::policy::allows(
        actor,
        Action::SeeMembersOnlyMeeting,
        seat(db, c.id, actor.user_id).await?,
    );
    let meetings: Vec<meeting::Model> = meeting::Entity::find()
        .filter(meeting::Column::CouncilId.eq(c.id))
        .all(db)
        .await?
        .into_iter()
        .filter(|m| sees_members_only || visibility_of(m) == Visibility::Public)
        .collect();
    let (proposals, minutes) = deliberated(db, &meetings).await?;
    let meetings = ordered(meetings);
    Ok(CouncilDto {
        id: c.id,
        name: c.name.clone(),
        kind: council_kind(&c),
        description: c.description.clone(),
        parent,
        children: children.iter().map(summary).collect(),
        members,
        meetings,
        is_member,
        proposals,
        minutes,
        can_manage: crate::policy::allows(actor, Action::ManageCouncils, Resource::Site),
        can_schedule: crate::policy::allows(
            actor,
            Action::RunMeeting,
            seat(db, c.id, actor.user_id).await?,
        ),
    })
}

/// The public proposals on the agendas of these meetings (most recently
/// discussed first) and the meetings' published minutes (newest first).
async fn deliberated(
    db: &DatabaseConnection,
    meetings: &[meeting::Model],
) -> Result<(Vec<DeliberatedProposalDto>, Vec<MinutesSummary>)> {
    let mut newest_first: Vec<&meeting::Model> = meetings.iter().collect();
    newest_first.sort_by(|a, b| b.starts_at.cmp(&a.starts_at).then(b.id.cmp(&a.id)));
    let ids: Vec<i64> = newest_first.iter().map(|m| m.id).collect();
    let items = meeting_agenda_item::Entity::find()
        .filter(meeting_agenda_item::Column::MeetingId.is_in(ids.clone()))
        .filter(meeting_agenda_item::Column::ProposalId.is_not_null())
        .all(db)
        .await?;
    let proposal_ids: HashSet<i64> = items.iter().filter_map(|i| i.proposal_id).collect();
    let found: HashMap<i64, proposal::Model> = proposal::Entity::find()
        .filter(proposal::Column::Id.is_in(proposal_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut proposals: Vec<DeliberatedProposalDto> = Vec::new();
    for m in &newest_first {
        for i in items.iter().filter(|i| i.meeting_id == m.id) {
            let Some(p) = i.proposal_id.and_then(|p| found.get(&p)) else {
                continue;
            };
            let status = crate::services::proposals::status_of(p);
            if !status.is_public() {
                continue;
            }
            match proposals.iter_mut().find(|d| d.id == p.id) {
                Some(d) if !d.meeting_ids.contains(&m.id) => d.meeting_ids.push(m.id),
                Some(_) => {}
                None => proposals.push(DeliberatedProposalDto {
                    id: p.id,
                    title: p.title.clone(),
                    status,
                    meeting_ids: vec![m.id],
                }),
            }
        }
    }
    let published: HashMap<i64, meeting_minutes::Model> = meeting_minutes::Entity::find()
        .filter(meeting_minutes::Column::MeetingId.is_in(ids))
        .filter(meeting_minutes::Column::State.eq(MINUTES_PUBLISHED))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.meeting_id, r))
        .collect();
    let minutes = newest_first
        .iter()
        .filter_map(|m| {
            let r = published.get(&m.id)?;
            Some(MinutesSummary {
                meeting_id: m.id,
                meeting_title: m.title.clone(),
                starts_at: rfc3339(m.starts_at),
                published_at: rfc3339(r.published_at?),
            })
        })
        .collect();
    Ok((proposals, minutes))
}

/// `meeting_minutes.state` of published minutes (a draft is `draft`).
pub(crate) const MINUTES_PUBLISHED: &str = "published";
pub(crate) const MINUTES_DRAFT: &str = "draft";

/// Upcoming and live meetings first (soonest first), then the past ones (newest first).
fn ordered(mut rows: Vec<meeting::Model>) -> Vec<MeetingSummary> {
    let now = Utc::now();
    rows.sort_by(|a, b| {
        let (pa, pb) = (a.ends_at <= now, b.ends_at <= now);
        pa.cmp(&pb)
            .then_with(|| {
                if pa {
                    b.starts_at.cmp(&a.starts_at)
                } else {
                    a.starts_at.cmp(&b.starts_at)
                }
            })
            .then(a.id.cmp(&b.id))
    });
    rows.iter()
        .map(|m| MeetingSummary {
            id: m.id,
            council_id: m.council_id,
            title: m.title.clone(),
            kind: kind_of(m),
            state: MeetingState::at(
                m.starts_at.timestamp(),
                m.ends_at.timestamp(),
                now.timestamp(),
            ),
            starts_at: rfc3339(m.starts_at),
            ends_at: rfc3339(m.ends_at),
            visibility: visibility_of(m),
        })
        .collect()
}

/// Replaces a council's members (global admins). People (by account number,
/// or by their exact e-mail address, as for review committees: 422 on
/// `members[i].email` for an unknown one) and organisations must exist; a
/// person sits once. Two changes at once are applied one after the other
/// (the council's row is locked first). People who may no longer
/// see a members-only meeting of the council (or of its subcommittees, for a
/// chair leaving) that has not ended lose their registration and are told;
/// the waiting list moves up.
pub async fn set_members(
    db: &DatabaseConnection,
    req: &Requester,
    id: i64,
    input: CouncilMembersInput,
) -> Result<CouncilDto> {
    let (user, actor) = signed_in(db, req).await?;
    accounts::ensure(&actor, Action::ManageCouncils, Resource::Site)?;
    let c = council::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut errors = Vec::new();
    let mut checked = Vec::new();
    for (i, m) in input.members.iter().enumerate() {
        match m.check() {
            Ok(m) => checked.push((i, m)),
            Err(es) => errors.extend(es.into_iter().map(|mut e| {
                e.field = format!("members[{i}].{}", e.field);
                e
            })),
        }
    }
    // People given by address: the account with exactly that address (as
    // `services::review` looks up committee members).
    let emails: Vec<String> = checked
        .iter()
        .filter_map(|(_, m)| m.email.clone())
        .collect();
    let by_email: HashMap<String, i64> = if emails.is_empty() {
        HashMap::new()
    } else {
        user::Entity::find()
            .filter(user::Column::Email.is_in(emails))
            .filter(user::Column::DeletedAt.is_null())
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.email, u.id))
            .collect()
    };
    for (i, m) in &mut checked {
        if let Some(email) = &m.email {
            match by_email.get(email) {
                Some(id) => m.user_id = *id,
                None => errors.push(FieldError::new(
                    &format!("members[{i}].email"),
                    FieldProblem::Invalid,
                    "No account has this e-mail address.",
                )),
            }
        }
    }
    let user_ids: Vec<i64> = checked.iter().map(|(_, m)| m.user_id).collect();
    let live: HashSet<i64> = user::Entity::find()
        .filter(user::Column::Id.is_in(user_ids))
        .filter(user::Column::DeletedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect();
    let org_ids: Vec<i64> = checked
        .iter()
        .filter_map(|(_, m)| m.organisation_id)
        .collect();
    let orgs: HashSet<i64> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(org_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    let mut seen = HashSet::new();
    for (i, m) in &checked {
        // The error goes on the field the person was named by.
        let field = format!(
            "members[{i}].{}",
            if m.email.is_some() {
                "email"
            } else {
                "user_id"
            }
        );
        if m.email.is_some() && m.user_id == 0 {
            // Unknown address: reported above.
        } else if !live.contains(&m.user_id) {
            errors.push(FieldError::new(
                &field,
                FieldProblem::Invalid,
                "No such account.",
            ));
        } else if !seen.insert(m.user_id) {
            errors.push(FieldError::new(
                &field,
                FieldProblem::Invalid,
                "A person sits on a council once.",
            ));
        }
        if m.organisation_id.is_some_and(|o| !orgs.contains(&o)) {
            errors.push(FieldError::new(
                &format!("members[{i}].organisation_id"),
                FieldProblem::Invalid,
                "No such organisation.",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let txn = db.begin().await?;
    // Serialises concurrent replacements (a row lock on PostgreSQL, the write
    // lock on SQLite): without it, two could both delete and then both insert
    // the same (council, person) rows, a unique violation.
    let locked = council::Entity::update_many()
        .col_expr(council::Column::Kind, Expr::col(council::Column::Kind))
        .filter(council::Column::Id.eq(c.id))
        .exec(&txn)
        .await?;
    if locked.rows_affected != 1 {
        return Err(AppError::NotFound);
    }
    council_member::Entity::delete_many()
        .filter(council_member::Column::CouncilId.eq(c.id))
        .exec(&txn)
        .await?;
    for (_, m) in &checked {
        council_member::ActiveModel {
            council_id: Set(c.id),
            user_id: Set(m.user_id),
            side: Set(m.side.as_str().into()),
            organisation_id: Set(m.organisation_id),
            role: Set(m.role.as_str().into()),
        }
        .insert(&txn)
        .await
        .map_err(|e| crate::error::map_unique_violation(e, "This member"))?;
    }
    let details = serde_json::json!({ "members": checked.iter().map(|(_, m)| serde_json::json!({ "user_id": m.user_id, "side": m.side.as_str(), "role": m.role.as_str() })).collect::<Vec<_>>() });
    audit::record(
        &txn,
        audit::Event::new("council.members_set")
            .actor(user.id)
            .target("council", c.id)
            .ip(req.ip)
            .details(details),
    )
    .await?;
    let children: Vec<i64> = council::Entity::find()
        .filter(council::Column::ParentId.eq(c.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    let closed = meeting::Entity::find()
        .filter(meeting::Column::CouncilId.is_in(std::iter::once(c.id).chain(children)))
        .filter(meeting::Column::Visibility.eq(Visibility::MembersOnly.as_str()))
        .filter(meeting::Column::EndsAt.gt(Utc::now()))
        .order_by_asc(meeting::Column::Id)
        .all(&txn)
        .await?;
    for m in closed {
        drop_unseeing(&txn, m.id, user.id, req.ip).await?;
    }
    txn.commit().await?;
    council_dto(db, &actor, c).await
}

/// Cancels, in the caller's transaction, the registrations of people who
/// may not see a members-only meeting (any more): the waiting list moves up
/// (promoted people are told) and the people dropped are told
/// (`meeting_registration_cancelled`). Nothing changes once it has ended
/// (attendance is a record). Returns the people dropped.
async fn drop_unseeing(
    txn: &impl ConnectionTrait,
    meeting_id: i64,
    actor: i64,
    ip: Option<std::net::IpAddr>,
) -> Result<Vec<i64>> {
    let m = lock(txn, meeting_id).await?;
    if visibility_of(&m) != Visibility::MembersOnly
        || MeetingState::at(
            m.starts_at.timestamp(),
            m.ends_at.timestamp(),
            Utc::now().timestamp(),
        ) == MeetingState::Ended
    {
        return Ok(Vec::new());
    }
    let active: Vec<meeting_registration::Model> = registrations(txn, m.id)
        .await?
        .into_iter()
        .filter(|r| r.state != RegistrationState::Cancelled.as_str())
        .collect();
    let allowed = who_may_see(txn, &m, active.iter().map(|r| r.user_id)).await?;
    let dropped: Vec<&meeting_registration::Model> = active
        .iter()
        .filter(|r| !allowed.contains(&r.user_id))
        .collect();
    for r in &dropped {
        // One at a time: each cancellation frees a seat for the next in line.
        let regs = registrations(txn, m.id).await?;
        let outcome = apply(
            &regs,
            capacity_of(&m),
            RegistrationEvent::Cancel { id: r.id },
        )?;
        store(txn, &m, &regs, &outcome, Some(actor)).await?;
    }
    let people: Vec<i64> = dropped.iter().map(|r| r.user_id).collect();
    if !people.is_empty() {
        let payload = serde_json::json!({ "meeting_id": m.id, "title": m.title, "starts_at": rfc3339(m.starts_at), "reason": "not_a_member" });
        notifications::notify(
            txn,
            people.clone(),
            Some(actor),
            "meeting_registration_cancelled",
            None,
            None,
            payload,
        )
        .await?;
        let details = serde_json::json!({ "users": people, "reason": "not_a_member" });
        audit::record(
            txn,
            audit::Event::new("meeting.registrations_dropped")
                .actor(actor)
                .target("meeting", m.id)
                .ip(ip)
                .details(details),
        )
        .await?;
    }
    Ok(people)
}

/// For a deleted account, in the deletion's transaction: off every council
/// (a council's member list names people), and out of every meeting still
/// to come: each seat held goes to the next person waiting, who is told.
/// Meetings under way or over keep their registrations: attendance is a
/// record (the account no longer says who it was).
pub(crate) async fn leave_all(txn: &impl ConnectionTrait, user_id: i64) -> Result<()> {
    council_member::Entity::delete_many()
        .filter(council_member::Column::UserId.eq(user_id))
        .exec(txn)
        .await?;
    let mut meetings: Vec<i64> = meeting_registration::Entity::find()
        .filter(meeting_registration::Column::UserId.eq(user_id))
        .filter(meeting_registration::Column::State.ne(RegistrationState::Cancelled.as_str()))
        .all(txn)
        .await?
        .into_iter()
        .map(|r| r.meeting_id)
        .collect();
    // One lock at a time, in id order.
    meetings.sort_unstable();
    meetings.dedup();
    let now = Utc::now().timestamp();
    for id in meetings {
        let m = lock(txn, id).await?;
        // Under way or over: who came is a record, and a seat is not handed on mid-meeting.
        if MeetingState::at(m.starts_at.timestamp(), m.ends_at.timestamp(), now) != MeetingState::Upcoming {
            continue;
        }
        let regs = registrations(txn, m.id).await?;
        let Some(mine) = regs
            .iter()
            .find(|r| r.user_id == user_id && r.state != RegistrationState::Cancelled.as_str())
        else {
            continue;
        };
        let outcome = apply(&regs, capacity_of(&m), RegistrationEvent::Cancel { id: mine.id })?;
        store(txn, &m, &regs, &outcome, Some(user_id)).await?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Meetings

/// The meetings the person asking may see, upcoming first (public).
pub async fn list_meetings(
    db: &DatabaseConnection,
    req: &Requester,
    q: &MeetingQuery,
) -> Result<Vec<MeetingSummary>> {
    let (_, actor) = maybe_signed_in(db, req).await?;
    let mut find = meeting::Entity::find();
    if let Some(c) = q.council {
        find = find.filter(meeting::Column::CouncilId.eq(c));
    }
    let rows = find.all(db).await?;
    let mine = councils_seen(db, actor.user_id).await?;
    let rows = rows
        .into_iter()
        .filter(|m| {
            visibility_of(m) == Visibility::Public
                || crate::policy::allows(
                    &actor,
                    Action::SeeMembersOnlyMeeting,
                    Resource::Council {
                        member: mine.contains(&m.council_id),
                        chair: false,
                        secretary: false,
                    },
                )
        })
        .collect();
    Ok(ordered(rows))
}

/// The council a meeting is for, and whether the person asking may run its
/// meetings (422 for an unknown council, 403 if they may not).
async fn council_for(
    db: &DatabaseConnection,
    actor: &Actor,
    council_id: i64,
) -> Result<council::Model> {
    let c = council::Entity::find_by_id(council_id)
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::Validation(vec![FieldError::new(
                "council_id",
                FieldProblem::Invalid,
                "No such council.",
            )])
        })?;
    accounts::ensure(
        actor,
        Action::RunMeeting,
        seat(db, c.id, actor.user_id).await?,
    )?;
    Ok(c)
}

fn online_parts(online: &Option<OnlineRoom>) -> (Option<String>, bool) {
    match online {
        Some(OnlineRoom::External(url)) => (Some(url.clone()), false),
        Some(OnlineRoom::BuiltIn) => (None, true),
        None => (None, false),
    }
}

/// Creates a meeting (global admins and the council's chair or secretary).
pub async fn create_meeting(
    db: &DatabaseConnection,
    req: &Requester,
    input: MeetingInput,
) -> Result<MeetingDto> {
    let (user, actor) = signed_in(db, req).await?;
    let c = council_for(db, &actor, input.council_id).await?;
    let m = input.check().map_err(AppError::Validation)?;
    let now = Utc::now();
    let (online_url, built_in_room) = online_parts(&m.online);
    let txn = db.begin().await?;
    let row = meeting::ActiveModel {
        council_id: Set(c.id),
        title: Set(m.title),
        description: Set(m.description),
        kind: Set(m.kind.as_str().into()),
        starts_at: Set(at(m.starts_at)),
        ends_at: Set(at(m.ends_at)),
        venue: Set(m.venue),
        capacity: Set(m.capacity.and_then(|c| i32::try_from(c).ok())),
        online_url: Set(online_url),
        built_in_room: Set(built_in_room),
        visibility: Set(m.visibility.as_str().into()),
        created_by: Set(user.id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let details = serde_json::json!({ "council_id": c.id, "title": row.title, "kind": row.kind, "starts_at": rfc3339(row.starts_at), "visibility": row.visibility });
    audit::record(
        &txn,
        audit::Event::new("meeting.created")
            .actor(user.id)
            .target("meeting", row.id)
            .ip(req.ip)
            .details(details),
    )
    .await?;
    txn.commit().await?;
    tracing::info!(meeting.id = row.id, council.id = c.id, "meeting created");
    meeting_dto(db, &actor, row).await
}

/// Changes a meeting (global admins and the council's chair or secretary).
/// A larger room promotes people from the waiting list (who are told); a
/// smaller one demotes nobody. The kind cannot change once people have registered.
/// Registrants are told once (`meeting_changed`) when the time, venue, kind
/// or online link changes; made members-only (or moved to another council),
/// it drops the registrations of people who may not see it any more.
pub async fn update_meeting(
    db: &DatabaseConnection,
    req: &Requester,
    id: i64,
    input: MeetingInput,
) -> Result<MeetingDto> {
    let (user, actor) = signed_in(db, req).await?;
    let before = staff(db, &actor, id).await?;
    if input.council_id != before.council_id {
        council_for(db, &actor, input.council_id).await?;
    }
    let m = input.check().map_err(AppError::Validation)?;
    let (online_url, built_in_room) = online_parts(&m.online);
    let txn = db.begin().await?;
    let current = lock(&txn, id).await?;
    let regs = registrations(&txn, id).await?;
    let active = regs
        .iter()
        .any(|r| r.state != RegistrationState::Cancelled.as_str());
    if m.kind != kind_of(&current) && active {
        return Err(AppError::Conflict(
            "People have registered; the meeting's kind cannot change.".into(),
        ));
    }
    let mut row: meeting::ActiveModel = current.clone().into();
    row.council_id = Set(m.council_id);
    row.title = Set(m.title);
    row.description = Set(m.description);
    row.kind = Set(m.kind.as_str().into());
    row.starts_at = Set(at(m.starts_at));
    row.ends_at = Set(at(m.ends_at));
    row.venue = Set(m.venue);
    row.capacity = Set(m.capacity.and_then(|c| i32::try_from(c).ok()));
    row.online_url = Set(online_url);
    row.built_in_room = Set(built_in_room);
    row.visibility = Set(m.visibility.as_str().into());
    row.updated_at = Set(Utc::now());
    let row = row.update(&txn).await?;
    if m.kind.has_room() && capacity_of(&row) != capacity_of(&current) {
        let outcome = apply(
            &regs,
            capacity_of(&current),
            RegistrationEvent::Capacity(capacity_of(&row)),
        )?;
        store(&txn, &row, &regs, &outcome, Some(user.id)).await?;
    }
    let dropped = if row.visibility != current.visibility || row.council_id != current.council_id {
        drop_unseeing(&txn, row.id, user.id, req.ip).await?
    } else {
        Vec::new()
    };
    let changed = logistics_changed(&current, &row);
    if !changed.is_empty() {
        let told: Vec<i64> = registrations(&txn, row.id)
            .await?
            .into_iter()
            .filter(|r| {
                r.state != RegistrationState::Cancelled.as_str() && !dropped.contains(&r.user_id)
            })
            .map(|r| r.user_id)
            .collect();
        let kind = kind_of(&row);
        let payload = serde_json::json!({
            "meeting_id": row.id, "title": row.title, "changed": changed,
            "starts_at": rfc3339(row.starts_at), "ends_at": rfc3339(row.ends_at), "kind": kind.as_str(),
            "venue": row.venue.clone().filter(|_| kind.has_room()), "built_in_room": row.built_in_room,
        });
        notifications::notify(
            &txn,
            told,
            Some(user.id),
            "meeting_changed",
            None,
            None,
            payload,
        )
        .await?;
    }
    let details = serde_json::json!({
        "before": { "title": current.title, "starts_at": rfc3339(current.starts_at), "capacity": current.capacity, "visibility": current.visibility },
        "after": { "title": row.title, "starts_at": rfc3339(row.starts_at), "capacity": row.capacity, "visibility": row.visibility },
        "changed": changed,
    });
    audit::record(
        &txn,
        audit::Event::new("meeting.updated")
            .actor(user.id)
            .target("meeting", row.id)
            .ip(req.ip)
            .details(details),
    )
    .await?;
    txn.commit().await?;
    meeting_dto(db, &actor, row).await
}

/// What changed that registrants must know: `time` (start or end),
/// `venue`, `kind`, `online_link` (the link, or the built-in room instead).
fn logistics_changed(before: &meeting::Model, after: &meeting::Model) -> Vec<&'static str> {
    let mut changed = Vec::new();
    if before.starts_at != after.starts_at || before.ends_at != after.ends_at {
        changed.push("time");
    }
    if before.venue != after.venue {
        changed.push("venue");
    }
    if before.kind != after.kind {
        changed.push("kind");
    }
    if before.online_url != after.online_url || before.built_in_room != after.built_in_room {
        changed.push("online_link");
    }
    changed
}

/// One meeting (public ones to anyone; members-only ones 404 to others).
pub async fn get_meeting(db: &DatabaseConnection, req: &Requester, id: i64) -> Result<MeetingDto> {
    let (_, actor) = maybe_signed_in(db, req).await?;
    let m = visible(db, &actor, id).await?;
    meeting_dto(db, &actor, m).await
}

async fn meeting_dto(
    db: &DatabaseConnection,
    actor: &Actor,
    m: meeting::Model,
) -> Result<MeetingDto> {
    let c = council::Entity::find_by_id(m.council_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let agenda = agenda_dto(db, m.id).await?;
    let regs = registrations(db, m.id).await?;
    let mut counts = RegistrationCounts::default();
    for r in &regs {
        match (
            RegistrationState::parse(&r.state),
            AttendanceMode::parse(&r.mode),
        ) {
            (Some(RegistrationState::Registered), Some(AttendanceMode::InRoom)) => {
                counts.in_room += 1
            }
            (Some(RegistrationState::Registered), Some(AttendanceMode::Online)) => {
                counts.online += 1
            }
            (Some(RegistrationState::Waitlisted), _) => counts.waitlisted += 1,
            _ => {}
        }
    }
    let mine = actor.user_id.and_then(|u| {
        regs.iter()
            .find(|r| r.user_id == u && r.state != RegistrationState::Cancelled.as_str())
    });
    let runs = crate::policy::allows(
        actor,
        Action::RunMeeting,
        seat(db, m.council_id, actor.user_id).await?,
    );
    let kind = kind_of(&m);
    let minutes_published = meeting_minutes::Entity::find_by_id(m.id)
        .one(db)
        .await?
        .is_some_and(|r| r.state == MINUTES_PUBLISHED);
    let agenda_not_told = if runs {
        not_told(db, &m).await?
    } else {
        Vec::new()
    };
    Ok(MeetingDto {
        id: m.id,
        council: summary(&c),
        title: m.title.clone(),
        description: m.description.clone(),
        kind,
        state: MeetingState::at(
            m.starts_at.timestamp(),
            m.ends_at.timestamp(),
            Utc::now().timestamp(),
        ),
        starts_at: rfc3339(m.starts_at),
        ends_at: rfc3339(m.ends_at),
        venue: m.venue.clone().filter(|_| kind.has_room()),
        capacity: kind.has_room().then(|| capacity_of(&m)),
        // The link is for people who registered (and the organisers).
        online_url: m.online_url.clone().filter(|_| runs || mine.is_some()),
        built_in_room: m.built_in_room,
        visibility: visibility_of(&m),
        agenda,
        counts,
        my_registration: mine.map(|r| registration_dto(r, &regs)),
        minutes_published,
        agenda_not_told,
    })
}

/// The agenda items of a members-only meeting whose proposal's author or
/// named presenter may not see the meeting (and so was not told).
async fn not_told(db: &impl ConnectionTrait, m: &meeting::Model) -> Result<Vec<i64>> {
    if visibility_of(m) == Visibility::Public {
        return Ok(Vec::new());
    }
    let items = meeting_agenda_item::Entity::find()
        .filter(meeting_agenda_item::Column::MeetingId.eq(m.id))
        .order_by_asc(meeting_agenda_item::Column::Position)
        .all(db)
        .await?;
    let authors: HashMap<i64, i64> = proposal::Entity::find()
        .filter(proposal::Column::Id.is_in(items.iter().filter_map(|i| i.proposal_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.author_id))
        .collect();
    let people_of = |i: &meeting_agenda_item::Model| -> Vec<i64> {
        i.proposal_id
            .and_then(|p| authors.get(&p).copied())
            .into_iter()
            .chain(i.presenter_id)
            .collect()
    };
    let seeing = who_may_see(db, m, items.iter().flat_map(people_of)).await?;
    Ok(items
        .iter()
        .filter(|i| people_of(i).iter().any(|u| !seeing.contains(u)))
        .map(|i| i.id)
        .collect())
}

/// A meeting's agenda as shown, in order.
pub(crate) async fn agenda_dto(
    db: &impl ConnectionTrait,
    meeting_id: i64,
) -> Result<Vec<AgendaItemDto>> {
    let items = meeting_agenda_item::Entity::find()
        .filter(meeting_agenda_item::Column::MeetingId.eq(meeting_id))
        .order_by_asc(meeting_agenda_item::Column::Position)
        .all(db)
        .await?;
    let proposal_ids: Vec<i64> = items.iter().filter_map(|i| i.proposal_id).collect();
    let titles: HashMap<i64, String> = proposal::Entity::find()
        .filter(proposal::Column::Id.is_in(proposal_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.title))
        .collect();
    let names = display_names(db, items.iter().filter_map(|i| i.presenter_id)).await?;
    Ok(items
        .into_iter()
        .map(|i| AgendaItemDto {
            id: i.id,
            position: u32::try_from(i.position).unwrap_or(0),
            title: i.title,
            description: i.description,
            minutes: i.minutes.and_then(|m| u32::try_from(m).ok()),
            proposal_id: i.proposal_id,
            proposal_title: i.proposal_id.and_then(|p| titles.get(&p).cloned()),
            presenter_id: i.presenter_id,
            presenter_name: i.presenter_id.and_then(|p| names.get(&p).cloned()),
        })
        .collect())
}

/// The errors of the item ids given: not an item of this meeting (`on_agenda`), or given twice.
fn item_id_errors(items: &[AgendaItemInput], on_agenda: &HashSet<i64>) -> Vec<FieldError> {
    let mut seen = HashSet::new();
    let mut errors = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(id) = item.id else { continue };
        if !on_agenda.contains(&id) {
            errors.push(FieldError::new(
                &format!("items[{i}].id"),
                FieldProblem::Invalid,
                "This item is not on this meeting's agenda.",
            ));
        } else if !seen.insert(id) {
            errors.push(FieldError::new(
                &format!("items[{i}].id"),
                FieldProblem::Invalid,
                "An item is listed once.",
            ));
        }
    }
    errors
}

async fn agenda_items(
    db: &impl ConnectionTrait,
    meeting_id: i64,
) -> Result<Vec<meeting_agenda_item::Model>> {
    Ok(meeting_agenda_item::Entity::find()
        .filter(meeting_agenda_item::Column::MeetingId.eq(meeting_id))
        .all(db)
        .await?)
}

/// Replaces a meeting's agenda with the ordered list given (the organisers).
/// An item given with its `id` is kept and changed in place (its minutes
/// text stays with it, and it stays the live room's current item); an item
/// without one is added; the items left out are deleted. The order is the
/// list's. An `id` that is not an item of this meeting, or is given twice,
/// is 422 on `items[i].id`.
/// The author of a proposal newly put on the agenda is told, and so is a
/// person newly named to present an item (`meeting_presenter`, with `role`
/// `author` or `presenter`) — unless the meeting is members-only and they
/// may not see it: they would get a link that is 404 for them (the item is
/// listed in `MeetingDto::agenda_not_told` for the organisers instead).
/// Once the minutes are published the agenda is the record and stays (409).
/// If the live room was on an item left out, it is on none now and
/// everyone gets `agenda_moved` (`room::clear_removed_item`).
pub async fn set_agenda(
    db: &DatabaseConnection,
    bus: &Bus,
    req: &Requester,
    id: i64,
    input: AgendaInput,
) -> Result<MeetingDto> {
    let (user, actor) = signed_in(db, req).await?;
    let m = staff(db, &actor, id).await?;
    let mut errors = Vec::new();
    let mut checked = Vec::new();
    for (i, item) in input.items.iter().enumerate() {
        match item.check() {
            Ok(c) => checked.push((i, c)),
            Err(es) => errors.extend(es.into_iter().map(|mut e| {
                e.field = format!("items[{i}].{}", e.field);
                e
            })),
        }
    }
    let on_agenda: HashSet<i64> = agenda_items(db, m.id)
        .await?
        .into_iter()
        .map(|i| i.id)
        .collect();
    errors.extend(item_id_errors(&input.items, &on_agenda));
    let proposal_ids: Vec<i64> = checked.iter().filter_map(|(_, c)| c.proposal_id).collect();
    let proposals: HashMap<i64, proposal::Model> = proposal::Entity::find()
        .filter(proposal::Column::Id.is_in(proposal_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    // "The proposal's author presents": named here (an unknown proposal is refused below).
    for (_, c) in &mut checked {
        if c.author_presents {
            c.presenter_id = c.proposal_id.and_then(|p| proposals.get(&p)).map(|p| p.author_id);
        }
    }
    let presenter_ids: Vec<i64> = checked.iter().filter_map(|(_, c)| c.presenter_id).collect();
    let presenters: HashSet<i64> = user::Entity::find()
        .filter(user::Column::Id.is_in(presenter_ids))
        .filter(user::Column::DeletedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect();
    for (i, c) in &checked {
        // Only a published proposal can be discussed in public.
        // (not a draft, and not hidden or withdrawn since).
        let public = |p: &proposal::Model| {
            p.published_at.is_some()
                && !matches!(
                    crate::services::proposals::status_of(p),
                    shared::participation::ProposalStatus::Draft
                        | shared::participation::ProposalStatus::Hidden
                        | shared::participation::ProposalStatus::Withdrawn
                )
        };
        if c.proposal_id
            .is_some_and(|p| proposals.get(&p).is_none_or(|p| !public(p)))
        {
            errors.push(FieldError::new(
                &format!("items[{i}].proposal_id"),
                FieldProblem::Invalid,
                "No such published proposal.",
            ));
        }
        if c.presenter_id.is_some_and(|p| !presenters.contains(&p)) {
            errors.push(FieldError::new(
                &format!("items[{i}].presenter_id"),
                FieldProblem::Invalid,
                if c.author_presents {
                    "The proposal's author no longer has an account; choose another presenter."
                } else {
                    "No such account."
                },
            ));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let now = Utc::now();
    let txn = db.begin().await?;
    // The meeting's row, as `live::lock_meeting` takes it: the event below
    // gets its id in commit order, and two edits apply one after the other.
    let m = lock(&txn, m.id).await?;
    if meeting_minutes::Entity::find_by_id(m.id)
        .one(&txn)
        .await?
        .is_some_and(|r| r.state == MINUTES_PUBLISHED)
    {
        return Err(AppError::Conflict(
            "The minutes are published; the agenda is the record and cannot change.".into(),
        ));
    }
    let old_items = agenda_items(&txn, m.id).await?;
    // Again under the lock: an item may have been removed meanwhile.
    let gone = item_id_errors(&input.items, &old_items.iter().map(|i| i.id).collect());
    if !gone.is_empty() {
        return Err(AppError::Validation(gone));
    }
    let before: HashSet<i64> = old_items.iter().filter_map(|i| i.proposal_id).collect();
    let presenters_before: HashSet<i64> = old_items.iter().filter_map(|i| i.presenter_id).collect();
    let kept: HashSet<i64> = checked.iter().filter_map(|(_, c)| c.id).collect();
    let removed: Vec<i64> = old_items
        .iter()
        .map(|i| i.id)
        .filter(|i| !kept.contains(i))
        .collect();
    // Before the delete: its foreign key would clear the current item silently.
    let current_cleared = room::clear_removed_item(&txn, m.id, &removed, user.id, now).await?;
    if !removed.is_empty() {
        meeting_agenda_item::Entity::delete_many()
            .filter(meeting_agenda_item::Column::Id.is_in(removed.clone()))
            .exec(&txn)
            .await?;
    }
    let old_rows: HashMap<i64, meeting_agenda_item::Model> =
        old_items.into_iter().map(|i| (i.id, i)).collect();
    // Who may follow a link to the meeting: nobody else is told of it.
    let candidates = checked.iter().flat_map(|(_, c)| {
        c.proposal_id
            .and_then(|p| proposals.get(&p))
            .map(|p| p.author_id)
            .into_iter()
            .chain(c.presenter_id)
    });
    let seeing = who_may_see(&txn, &m, candidates).await?;
    let mut told = HashSet::new();
    let mut told_presenters = HashSet::new();
    let mut not_told = Vec::new();
    for (position, (_, c)) in checked.iter().enumerate() {
        let mut row = match c.id.and_then(|i| old_rows.get(&i)) {
            Some(old) => meeting_agenda_item::ActiveModel::from(old.clone()),
            None => meeting_agenda_item::ActiveModel {
                meeting_id: Set(m.id),
                ..Default::default()
            },
        };
        row.position = Set(i32::try_from(position + 1).unwrap_or(i32::MAX));
        row.title = Set(c.title.clone());
        row.description = Set(c.description.clone());
        row.minutes = Set(c.minutes.and_then(|v| i32::try_from(v).ok()));
        row.proposal_id = Set(c.proposal_id);
        row.presenter_id = Set(c.presenter_id);
        if c.id.is_some() {
            row.update(&txn).await?;
        } else {
            row.insert(&txn).await?;
        }
        let proposal = c.proposal_id.and_then(|p| proposals.get(&p));
        let payload = |role: &str| {
            serde_json::json!({
                "meeting_id": m.id, "meeting_title": m.title, "starts_at": rfc3339(m.starts_at), "agenda_title": c.title,
                "title": proposal.map(|p| p.title.clone()), "role": role,
            })
        };
        if let Some(p) = proposal
            && !before.contains(&p.id)
            && told.insert(p.id)
        {
            if seeing.contains(&p.author_id) {
                notifications::notify(
                    &txn,
                    [p.author_id],
                    Some(user.id),
                    "meeting_presenter",
                    Some(p.id),
                    None,
                    payload("author"),
                )
                .await?;
            } else {
                not_told.push(p.author_id);
            }
        }
        // A presenter other than the author, newly named on this agenda.
        if let Some(presenter) = c.presenter_id
            && proposal.is_none_or(|p| p.author_id != presenter)
            && !presenters_before.contains(&presenter)
            && told_presenters.insert(presenter)
        {
            if seeing.contains(&presenter) {
                notifications::notify(
                    &txn,
                    [presenter],
                    Some(user.id),
                    "meeting_presenter",
                    proposal.map(|p| p.id),
                    None,
                    payload("presenter"),
                )
                .await?;
            } else {
                not_told.push(presenter);
            }
        }
    }
    let details = serde_json::json!({
        "items": checked.len(), "kept": kept.len(), "removed": removed, "current_cleared": current_cleared,
        "proposals": checked.iter().filter_map(|(_, c)| c.proposal_id).collect::<Vec<_>>(), "not_told": not_told,
    });
    audit::record(
        &txn,
        audit::Event::new("meeting.agenda_set")
            .actor(user.id)
            .target("meeting", m.id)
            .ip(req.ip)
            .details(details),
    )
    .await?;
    txn.commit().await?;
    if current_cleared {
        bus.wake(m.id);
    }
    meeting_dto(db, &actor, m).await
}

// ---------------------------------------------------------------------------
// Registration

/// Locks the meeting's row until the commit (a no-op update: a row lock on
/// PostgreSQL, the write lock on SQLite) and reads it again, so changes to
/// its registrations are applied one after the other (as in `sos::lock`).
async fn lock(txn: &impl ConnectionTrait, id: i64) -> Result<meeting::Model> {
    meeting::Entity::update_many()
        .col_expr(meeting::Column::Kind, Expr::col(meeting::Column::Kind))
        .filter(meeting::Column::Id.eq(id))
        .exec(txn)
        .await?;
    meeting::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)
}

async fn registrations(
    db: &impl ConnectionTrait,
    meeting_id: i64,
) -> Result<Vec<meeting_registration::Model>> {
    Ok(meeting_registration::Entity::find()
        .filter(meeting_registration::Column::MeetingId.eq(meeting_id))
        .order_by_asc(meeting_registration::Column::Ordinal)
        .order_by_asc(meeting_registration::Column::Id)
        .all(db)
        .await?)
}

fn queue_entry(r: &meeting_registration::Model) -> Registration {
    Registration {
        id: r.id,
        mode: AttendanceMode::parse(&r.mode).unwrap_or(AttendanceMode::Online),
        state: RegistrationState::parse(&r.state).unwrap_or(RegistrationState::Cancelled),
        order: r.ordinal,
    }
}

fn apply(
    regs: &[meeting_registration::Model],
    capacity: u32,
    event: RegistrationEvent,
) -> Result<RegistrationOutcome> {
    let queue: Vec<Registration> = regs.iter().map(queue_entry).collect();
    apply_registration_event(capacity, &queue, event).map_err(|e| match e {
        RegistrationError::AlreadyRegistered => {
            AppError::Conflict("You are registered already.".into())
        }
        RegistrationError::AlreadyCancelled | RegistrationError::UnknownRegistration => {
            AppError::NotFound
        }
        RegistrationError::OutOfOrder => {
            AppError::Conflict("The registration changed meanwhile; try again.".into())
        }
    })
}

/// Writes the registrations the outcome changed and tells promoted people.
async fn store(
    txn: &impl ConnectionTrait,
    m: &meeting::Model,
    regs: &[meeting_registration::Model],
    outcome: &RegistrationOutcome,
    actor: Option<i64>,
) -> Result<()> {
    let now = Utc::now();
    let stored: HashMap<i64, &meeting_registration::Model> =
        regs.iter().map(|r| (r.id, r)).collect();
    for r in &outcome.registrations {
        let Some(row) = stored.get(&r.id) else {
            continue;
        };
        if queue_entry(row) != *r {
            let mut active: meeting_registration::ActiveModel = (*row).clone().into();
            active.mode = Set(r.mode.as_str().into());
            active.state = Set(r.state.as_str().into());
            active.ordinal = Set(r.order);
            active.updated_at = Set(now);
            active.update(txn).await?;
        }
    }
    // Online registrations repaired to registered are not news; a room seat is.
    let promoted: Vec<i64> = outcome
        .promoted
        .iter()
        .filter_map(|id| stored.get(id))
        .filter(|r| {
            outcome
                .registrations
                .iter()
                .any(|q| q.id == r.id && q.mode == AttendanceMode::InRoom)
        })
        .map(|r| r.user_id)
        .collect();
    if !promoted.is_empty() {
        let payload = serde_json::json!({ "meeting_id": m.id, "title": m.title, "starts_at": rfc3339(m.starts_at) });
        notifications::notify(
            txn,
            promoted.clone(),
            actor,
            "meeting_promoted",
            None,
            None,
            payload,
        )
        .await?;
        audit::record(
            txn,
            audit::Event::new("meeting.waitlist_promoted")
                .target("meeting", m.id)
                .details(serde_json::json!({ "users": promoted })),
        )
        .await?;
    }
    Ok(())
}

/// A new check-in code from the operating system's generator (normalised).
fn new_code() -> String {
    let mut bytes = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    normalise_code(&format_code(bytes))
}

/// A registration as shown to its holder and the staff. Present in the
/// room when checked in at the door, online when joined the live room
/// (`room::join`); `regs` is the meeting's queue, for the waiting position.
pub(crate) fn registration_dto(
    r: &meeting_registration::Model,
    regs: &[meeting_registration::Model],
) -> RegistrationDto {
    let q = queue_entry(r);
    let queue: Vec<Registration> = regs.iter().map(queue_entry).collect();
    RegistrationDto {
        id: r.id,
        meeting_id: r.meeting_id,
        mode: q.mode,
        state: q.state,
        waitlist_position: waitlist_position(&queue, r.id),
        check_in_code: (q.state == RegistrationState::Registered
            && q.mode == AttendanceMode::InRoom)
            .then(|| display_code(&r.check_in_code)),
        present_at: r.checked_in_at.or(r.joined_at).map(rfc3339),
        present_mode: match (r.checked_in_at, r.joined_at) {
            (Some(_), _) => Some(AttendanceMode::InRoom),
            (None, Some(_)) => Some(AttendanceMode::Online),
            (None, None) => None,
        },
        created_at: rfc3339(r.created_at),
    }
}

/// Registers the person asking for a meeting in the mode chosen, or changes
/// the mode of their registration. Room seats go first come, first served;
/// when the room is full they wait in order (`shared::meeting`).
pub async fn register(
    db: &DatabaseConnection,
    req: &Requester,
    id: i64,
    input: RegistrationInput,
) -> Result<RegistrationDto> {
    let (user, actor) = signed_in(db, req).await?;
    let m = visible(db, &actor, id).await?;
    // Checked before waiting for the lock (a clear 422 without blocking) …
    input.check(kind_of(&m)).map_err(AppError::Validation)?;
    let now = Utc::now();
    let txn = db.begin().await?;
    let m = lock(&txn, m.id).await?;
    // … and again under it: the kind may have changed while waiting for the lock.
    let mode = input.check(kind_of(&m)).map_err(AppError::Validation)?;
    if !MeetingState::at(
        m.starts_at.timestamp(),
        m.ends_at.timestamp(),
        now.timestamp(),
    )
    .accepts_registrations()
    {
        return Err(AppError::Conflict("The meeting has ended.".into()));
    }
    let regs = registrations(&txn, m.id).await?;
    let order = regs.iter().map(|r| r.ordinal).max().unwrap_or(0) + 1;
    let mine = regs.iter().find(|r| r.user_id == user.id).cloned();
    let capacity = capacity_of(&m);
    let (reg_id, outcome) = match &mine {
        // A new registration takes no id until stored; 0 is no stored row's id.
        None => (
            0,
            apply(
                &regs,
                capacity,
                RegistrationEvent::Register { id: 0, mode, order },
            )?,
        ),
        Some(r) if r.state == RegistrationState::Cancelled.as_str() => (
            r.id,
            apply(
                &regs,
                capacity,
                RegistrationEvent::Register {
                    id: r.id,
                    mode,
                    order,
                },
            )?,
        ),
        Some(r) if r.mode == mode.as_str() => {
            // Nothing changes: the same registration again.
            txn.commit().await?;
            return Ok(registration_dto(r, &regs));
        }
        Some(r) => (
            r.id,
            apply(
                &regs,
                capacity,
                RegistrationEvent::ChangeMode {
                    id: r.id,
                    mode,
                    order,
                },
            )?,
        ),
    };
    let me = outcome
        .registrations
        .iter()
        .find(|r| r.id == reg_id)
        .copied()
        .ok_or(AppError::Internal(anyhow::anyhow!(
            "the registration left the queue"
        )))?;
    let row = match mine {
        None => {
            meeting_registration::ActiveModel {
                meeting_id: Set(m.id),
                user_id: Set(user.id),
                mode: Set(me.mode.as_str().into()),
                state: Set(me.state.as_str().into()),
                ordinal: Set(me.order),
                check_in_code: Set(new_code()),
                checked_in_at: Set(None),
                check_in_channel: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
        Some(r) => {
            let was_cancelled = r.state == RegistrationState::Cancelled.as_str();
            let mut active: meeting_registration::ActiveModel = r.into();
            if was_cancelled {
                // A code shown before the cancellation must not open the door,
                // and presence before it (at the door or online) is not this one's.
                active.check_in_code = Set(new_code());
                active.checked_in_at = Set(None);
                active.check_in_channel = Set(None);
                active.joined_at = Set(None);
            }
            active.mode = Set(me.mode.as_str().into());
            active.state = Set(me.state.as_str().into());
            active.ordinal = Set(me.order);
            active.updated_at = Set(now);
            active.update(&txn).await?
        }
    };
    let others: Vec<meeting_registration::Model> =
        regs.iter().filter(|r| r.id != row.id).cloned().collect();
    store(&txn, &m, &others, &outcome, Some(user.id)).await?;
    let details = serde_json::json!({ "mode": row.mode, "state": row.state });
    audit::record(
        &txn,
        audit::Event::new("meeting.registered")
            .actor(user.id)
            .target("meeting", m.id)
            .ip(req.ip)
            .details(details),
    )
    .await?;
    let regs = registrations(&txn, m.id).await?;
    txn.commit().await?;
    Ok(registration_dto(&row, &regs))
}

/// Cancels the person asking's registration; the first person waiting takes
/// the seat and is told. 404 without a registration.
pub async fn cancel(db: &DatabaseConnection, req: &Requester, id: i64) -> Result<()> {
    // One's own registration is reachable even if the meeting is no longer
    // visible to one (removed from the council): a held seat must be freeable.
    let user = accounts::require(db, req).await?;
    let m = meeting::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let txn = db.begin().await?;
    let m = lock(&txn, m.id).await?;
    if MeetingState::at(
        m.starts_at.timestamp(),
        m.ends_at.timestamp(),
        Utc::now().timestamp(),
    ) == MeetingState::Ended
    {
        return Err(AppError::Conflict("The meeting has ended.".into()));
    }
    let regs = registrations(&txn, m.id).await?;
    let mine = regs
        .iter()
        .find(|r| r.user_id == user.id && r.state != RegistrationState::Cancelled.as_str())
        .ok_or(AppError::NotFound)?;
    let outcome = apply(
        &regs,
        capacity_of(&m),
        RegistrationEvent::Cancel { id: mine.id },
    )?;
    store(&txn, &m, &regs, &outcome, Some(user.id)).await?;
    audit::record(
        &txn,
        audit::Event::new("meeting.registration_cancelled")
            .actor(user.id)
            .target("meeting", m.id)
            .ip(req.ip),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The person asking's registration, with their check-in code for a room
/// seat (404 without one).
pub async fn my_registration(
    db: &DatabaseConnection,
    req: &Requester,
    id: i64,
) -> Result<RegistrationDto> {
    let user = accounts::require(db, req).await?;
    let m = meeting::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let regs = registrations(db, m.id).await?;
    let mine = regs
        .iter()
        .find(|r| r.user_id == user.id && r.state != RegistrationState::Cancelled.as_str())
        .ok_or(AppError::NotFound)?;
    Ok(registration_dto(mine, &regs))
}

/// Checks a person in at the door by their code (the people who run the
/// meeting). A malformed code is 422 (a typo, caught by the check
/// character), a well-formed code of nobody here 404, a used code 409; every
/// failed attempt is in the audit log (guessing shows there). Everyone in
/// the live room gets the new `attendance`, as for a join online.
pub async fn check_in_by_code(
    db: &DatabaseConnection,
    bus: &Bus,
    req: &Requester,
    id: i64,
    input: CheckInInput,
) -> Result<CheckInDto> {
    let (_, actor) = signed_in(db, req).await?;
    check_in_at(db, bus, &actor, req.ip, id, input, Utc::now()).await
}

/// [`check_in_by_code`] at the moment `now`, by a signed-in `actor` (from
/// `ip`): the clock is a parameter so the door's opening window (an hour
/// before the start until the end, `shared::meeting::check_in`) can be
/// tested at its edges.
pub async fn check_in_at(
    db: &DatabaseConnection,
    bus: &Bus,
    actor: &Actor,
    ip: Option<std::net::IpAddr>,
    id: i64,
    input: CheckInInput,
    now: DateTime<Utc>,
) -> Result<CheckInDto> {
    let user_id = actor.user_id.ok_or(AppError::Unauthorized)?;
    let m = staff(db, actor, id).await?;
    let code = normalise_code(&input.code);
    let failed = |reason: &'static str| {
        // Only the code's length is kept: a near-miss is not written down.
        let details = serde_json::json!({ "reason": reason, "length": code.chars().count() });
        audit::Event::new("meeting.check_in_failed")
            .actor(user_id)
            .target("meeting", m.id)
            .ip(ip)
            .details(details)
    };
    if !code_is_well_formed(&code) {
        audit::record(db, failed("malformed")).await?;
        return Err(AppError::Validation(vec![FieldError::new(
            "code",
            FieldProblem::Invalid,
            "This is not a check-in code; check it for typos.",
        )]));
    }
    let Some(reg) = meeting_registration::Entity::find()
        .filter(meeting_registration::Column::MeetingId.eq(m.id))
        .filter(meeting_registration::Column::CheckInCode.eq(code.as_str()))
        .one(db)
        .await?
    else {
        audit::record(db, failed("unknown")).await?;
        return Err(AppError::NotFound);
    };
    if let Err(refusal) = check_in(
        &queue_entry(&reg),
        reg.checked_in_at.is_some(),
        m.starts_at.timestamp(),
        m.ends_at.timestamp(),
        now.timestamp(),
    ) {
        audit::record(db, failed(refusal.as_str())).await?;
        return Err(refused(refusal));
    }
    let txn = db.begin().await?;
    // The meeting's row first: the `attendance` event gets its id in commit order.
    live::lock_meeting(&txn, m.id).await?;
    // Only the first of two scans at once checks in; the other is a reuse.
    let claimed = meeting_registration::Entity::update_many()
        .col_expr(meeting_registration::Column::CheckedInAt, Expr::value(now))
        .col_expr(
            meeting_registration::Column::CheckInChannel,
            Expr::value("code"),
        )
        .col_expr(meeting_registration::Column::UpdatedAt, Expr::value(now))
        .filter(meeting_registration::Column::Id.eq(reg.id))
        .filter(meeting_registration::Column::CheckedInAt.is_null())
        .filter(meeting_registration::Column::State.eq(RegistrationState::Registered.as_str()))
        .filter(meeting_registration::Column::Mode.eq(AttendanceMode::InRoom.as_str()))
        .exec(&txn)
        .await?
        .rows_affected;
    if claimed != 1 {
        txn.rollback().await?;
        audit::record(db, failed(CheckInRefusal::AlreadyCheckedIn.as_str())).await?;
        return Err(refused(CheckInRefusal::AlreadyCheckedIn));
    }
    audit::record(
        &txn,
        audit::Event::new("meeting.checked_in")
            .actor(user_id)
            .target("meeting", m.id)
            .ip(ip)
            .details(serde_json::json!({ "registration_id": reg.id })),
    )
    .await?;
    room::publish_attendance(&txn, m.id).await?;
    txn.commit().await?;
    bus.wake(m.id);
    let names = display_names(db, [reg.user_id]).await?;
    Ok(CheckInDto {
        registration_id: reg.id,
        user_id: reg.user_id,
        display_name: names.get(&reg.user_id).cloned().unwrap_or_default(),
        checked_in_at: rfc3339(now),
    })
}

/// A refusal at the door: 409, with the reason's wire name in the message
/// for the staff page.
fn refused(refusal: CheckInRefusal) -> AppError {
    let why = match refusal {
        CheckInRefusal::AlreadyCheckedIn => "This code was used already",
        CheckInRefusal::Waitlisted => "This person is on the waiting list",
        CheckInRefusal::Cancelled => "This registration was cancelled",
        CheckInRefusal::Online => "This person registered to attend online",
        CheckInRefusal::TooEarly => "Check-in opens an hour before the start",
        CheckInRefusal::Ended => "The meeting has ended",
    };
    AppError::Conflict(format!("{why} ({}).", refusal.as_str()))
}

/// The meeting as a calendar file (RFC 5545), for anyone who may see it;
/// the online link only for people registered (and the organisers).
pub async fn calendar(db: &DatabaseConnection, req: &Requester, id: i64) -> Result<String> {
    let (_, actor) = maybe_signed_in(db, req).await?;
    let m = visible(db, &actor, id).await?;
    let dto = meeting_dto(db, &actor, m.clone()).await?;
    let uid = format!("meeting-{}@hamkke", m.id);
    Ok(ics_event(&IcsEvent {
        uid: &uid,
        title: &m.title,
        starts_utc: m.starts_at.timestamp(),
        ends_utc: m.ends_at.timestamp(),
        location: dto.venue.as_deref(),
        url: dto.online_url.as_deref(),
        description: Some(m.description.as_str()),
        stamp_utc: Utc::now().timestamp(),
    }))
}
