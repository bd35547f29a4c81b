//! Committee review (심사): committees, review rounds, assignments,
//! conflicts of interest, score sheets, the committee's private discussion,
//! progress and reminders, the ranking, decisions and the public report.
//!
//! A round goes draft → open → closed. Opening freezes which proposals it
//! reviews, records the automatic conflicts of interest (the member sits for
//! the proposer's organisation or a collaborating one) and assigns reviewers
//! evenly ([`shared::review::assign`]). A declared conflict recuses the
//! reviewer and tops the proposal up with another member. Closing freezes
//! the scores and the supports, and makes the report public.
//!
//! Who may do what is [`policy::allows`] over a [`Seat`]: the facts of where
//! the person sits (member, chair, assigned, conflicted, submitted), read
//! here from the round's tables. The aggregation math is in `shared`.

use crate::entities::{
    committee, committee_member, conflict_declaration, organisation, organisation_member, process, proposal, proposal_organisation,
    review_assignment, review_message, review_round, review_score, review_sheet, review_sheet_version, round_proposal,
    rubric_criterion, shortlist_decision, user,
};
use crate::error::{AppError, Result};
use crate::policy::{Action, Actor, Resource, Scope, Seat};
use crate::services::accounts::{self, Requester};
use crate::services::{audit, notifications, privacy, proposals, reference, rfc3339, status};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Statement, TransactionTrait,
};
use shared::error::{FieldError, FieldProblem};
use shared::participation::{AuthorDto, OrgRef, ProposalStatus};
use shared::review::*;
use std::collections::{HashMap, HashSet};

const AUTOMATIC: &str = "automatic";
const DECLARED: &str = "declared";
/// The reasons of automatic conflicts, stored as codes (the pages translate them).
pub const REASON_OWN_PROPOSAL: &str = "own_proposal";
pub const REASON_SAME_ORGANISATION: &str = "same_organisation";

// ---------------------------------------------------------------------------
// Loading

async fn signed_in(db: &DatabaseConnection, req: &Requester) -> Result<(user::Model, Actor)> {
    let user = accounts::require(db, req).await?;
    let actor = accounts::actor(db, &user).await?;
    Ok((user, actor))
}

async fn committee_of(db: &impl ConnectionTrait, id: i64) -> Result<committee::Model> {
    committee::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

async fn round_of(db: &impl ConnectionTrait, id: i64) -> Result<(review_round::Model, committee::Model)> {
    let round = review_round::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let committee = committee_of(db, round.committee_id).await?;
    Ok((round, committee))
}

async fn members_of(db: &impl ConnectionTrait, committee_id: i64) -> Result<Vec<committee_member::Model>> {
    Ok(committee_member::Entity::find()
        .filter(committee_member::Column::CommitteeId.eq(committee_id))
        .order_by_asc(committee_member::Column::UserId)
        .all(db)
        .await?)
}

/// The members who review: those whose accounts still exist. (A deleted
/// account loses its seats, except on a committee whose round is open: that
/// round's assignments stand; see [`leave_committees`].)
async fn reviewers_of(db: &impl ConnectionTrait, committee_id: i64) -> Result<Vec<committee_member::Model>> {
    let members = members_of(db, committee_id).await?;
    let live: HashSet<i64> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .filter(user::Column::Id.is_in(members.iter().map(|m| m.user_id).collect::<Vec<_>>()))
        .filter(user::Column::DeletedAt.is_null())
        .into_tuple::<i64>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(members.into_iter().filter(|m| live.contains(&m.user_id)).collect())
}

/// For a deleted account, in the deletion's transaction: off every review
/// committee that has no open round. Membership does not change while a
/// round is open (its assignments and conflicts were settled when it
/// opened), so there the seat stays until it closes; no later round or
/// rebalancing takes a deleted account ([`reviewers_of`]).
pub(crate) async fn leave_committees(txn: &impl ConnectionTrait, user_id: i64) -> Result<()> {
    let open: Vec<i64> = review_round::Entity::find()
        .filter(review_round::Column::State.eq(RoundState::Open.as_str()))
        .all(txn)
        .await?
        .into_iter()
        .map(|r| r.committee_id)
        .collect();
    committee_member::Entity::delete_many()
        .filter(committee_member::Column::UserId.eq(user_id))
        .filter(committee_member::Column::CommitteeId.is_not_in(open))
        .exec(txn)
        .await?;
    Ok(())
}

fn state_of(round: &review_round::Model) -> RoundState {
    RoundState::parse(&round.state).unwrap_or_default()
}

fn may_manage(actor: &Actor, process_id: i64) -> bool {
    crate::policy::allows(actor, Action::ManageReview, Resource::Scope(Scope::Process(process_id)))
}

fn ensure_manage(actor: &Actor, process_id: i64) -> Result<()> {
    accounts::ensure(actor, Action::ManageReview, Resource::Scope(Scope::Process(process_id)))
}

async fn criteria_of(db: &impl ConnectionTrait, round_id: i64) -> Result<Vec<CriterionDto>> {
    Ok(rubric_criterion::Entity::find()
        .filter(rubric_criterion::Column::RoundId.eq(round_id))
        .order_by_asc(rubric_criterion::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|c| CriterionDto {
            id: c.id,
            name: c.name,
            description: c.description,
            weight: u32::try_from(c.weight).unwrap_or(0),
            scale_min: c.scale_min,
            scale_max: c.scale_max,
        })
        .collect())
}

fn scales(criteria: &[CriterionDto]) -> Vec<Scale> {
    criteria.iter().map(|c| Scale { weight: f64::from(c.weight), min: f64::from(c.scale_min), max: f64::from(c.scale_max) }).collect()
}

async fn round_proposal_ids(db: &impl ConnectionTrait, round_id: i64) -> Result<Vec<i64>> {
    Ok(round_proposal::Entity::find()
        .filter(round_proposal::Column::RoundId.eq(round_id))
        .order_by_asc(round_proposal::Column::ProposalId)
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.proposal_id)
        .collect())
}

/// The proposal must be one the round reviews (404 otherwise).
async fn in_round(db: &impl ConnectionTrait, round_id: i64, proposal_id: i64) -> Result<proposal::Model> {
    round_proposal::Entity::find_by_id((round_id, proposal_id)).one(db).await?.ok_or(AppError::NotFound)?;
    proposal::Entity::find_by_id(proposal_id).one(db).await?.ok_or(AppError::NotFound)
}

async fn assignments_of(db: &impl ConnectionTrait, round_id: i64) -> Result<Vec<review_assignment::Model>> {
    Ok(review_assignment::Entity::find()
        .filter(review_assignment::Column::RoundId.eq(round_id))
        .order_by_asc(review_assignment::Column::ProposalId)
        .order_by_asc(review_assignment::Column::ReviewerId)
        .all(db)
        .await?)
}

async fn conflicts_of(db: &impl ConnectionTrait, round_id: i64) -> Result<Vec<conflict_declaration::Model>> {
    Ok(conflict_declaration::Entity::find()
        .filter(conflict_declaration::Column::RoundId.eq(round_id))
        .order_by_asc(conflict_declaration::Column::Id)
        .all(db)
        .await?)
}

async fn sheets_of(db: &impl ConnectionTrait, round_id: i64) -> Result<Vec<review_sheet::Model>> {
    Ok(review_sheet::Entity::find().filter(review_sheet::Column::RoundId.eq(round_id)).all(db).await?)
}

async fn names(db: &impl ConnectionTrait, ids: impl IntoIterator<Item = i64>) -> Result<HashMap<i64, String>> {
    crate::services::display_names(db, ids).await
}

async fn titles(db: &impl ConnectionTrait, ids: impl IntoIterator<Item = i64>) -> Result<HashMap<i64, String>> {
    let ids: Vec<i64> = ids.into_iter().collect::<HashSet<_>>().into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(proposal::Entity::find().filter(proposal::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|p| (p.id, p.title)).collect())
}

/// Exact support counts (rows, not the rolled-up column) of some proposals.
async fn support_counts(db: &impl ConnectionTrait, ids: &[i64]) -> Result<HashMap<i64, u64>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let sql = format!("SELECT proposal_id, COUNT(*) AS n FROM supports WHERE proposal_id IN ({list}) GROUP BY proposal_id");
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| Some((r.try_get::<i64>("", "proposal_id").ok()?, u64::try_from(r.try_get::<i64>("", "n").ok()?).ok()?)))
        .collect())
}

/// Where `user_id` sits in the round, for `proposal` (or the round as a whole).
struct Place {
    member: bool,
    chair: bool,
    /// Proposals assigned and active.
    assigned: HashSet<i64>,
    conflicted: HashSet<i64>,
    submitted: HashSet<i64>,
    open: bool,
    closed: bool,
}

impl Place {
    fn seat(&self, proposal_id: Option<i64>) -> Seat {
        let has = |set: &HashSet<i64>| proposal_id.is_some_and(|p| set.contains(&p));
        Seat {
            member: self.member,
            chair: self.chair,
            assigned: has(&self.assigned),
            conflicted: has(&self.conflicted),
            submitted: has(&self.submitted),
            // Someone with nothing to score has not finished anything: they
            // see the ranking when the round closes.
            finished: self.member && !self.assigned.is_empty() && self.assigned.iter().all(|p| self.submitted.contains(p)),
            open: self.open,
            closed: self.closed,
        }
    }
}

async fn place(db: &impl ConnectionTrait, round: &review_round::Model, user_id: i64) -> Result<Place> {
    let membership = committee_member::Entity::find_by_id((round.committee_id, user_id)).one(db).await?;
    let assigned = review_assignment::Entity::find()
        .filter(review_assignment::Column::RoundId.eq(round.id))
        .filter(review_assignment::Column::ReviewerId.eq(user_id))
        .filter(review_assignment::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.proposal_id)
        .collect();
    let conflicted = conflict_declaration::Entity::find()
        .filter(conflict_declaration::Column::RoundId.eq(round.id))
        .filter(conflict_declaration::Column::ReviewerId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.proposal_id)
        .collect();
    let submitted = review_sheet::Entity::find()
        .filter(review_sheet::Column::RoundId.eq(round.id))
        .filter(review_sheet::Column::ReviewerId.eq(user_id))
        .filter(review_sheet::Column::Version.gt(0))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.proposal_id)
        .collect();
    let state = state_of(round);
    Ok(Place {
        member: membership.is_some(),
        chair: membership.is_some_and(|m| m.chair),
        assigned,
        conflicted,
        submitted,
        open: state == RoundState::Open,
        closed: state == RoundState::Closed,
    })
}

/// The person asking, their place in the round, and the round: 401 signed
/// out, 404 no such round, 403 unless `action` is allowed on the seat.
async fn seated(
    db: &DatabaseConnection,
    req: &Requester,
    round_id: i64,
    proposal_id: Option<i64>,
    action: Action,
) -> Result<(user::Model, review_round::Model, committee::Model, Place)> {
    let (user, actor) = signed_in(db, req).await?;
    let (round, committee) = round_of(db, round_id).await?;
    let place = place(db, &round, user.id).await?;
    if !crate::policy::allows(&actor, action, Resource::Seat(place.seat(proposal_id))) {
        return Err(AppError::Forbidden(refusal(action, &place, proposal_id)));
    }
    Ok((user, round, committee, place))
}

/// Why a review action is refused, in words a client can show.
fn refusal(action: Action, place: &Place, proposal_id: Option<i64>) -> String {
    let seat = place.seat(proposal_id);
    if !seat.member && action != Action::ChairRound && action != Action::DecideProposal {
        return "Only members of this round's committee can do this.".into();
    }
    if seat.conflicted {
        return "You declared a conflict of interest with this proposal (or one was found), so you cannot see its scores, score it or decide on it.".into();
    }
    match action {
        Action::ScoreProposal if !seat.assigned => "This proposal is not assigned to you.".into(),
        Action::ScoreProposal => "Scores can be given only while the round is open.".into(),
        Action::SeePeerScores => "Submit your own scores first; then you can see the other reviewers'.".into(),
        Action::SeeRanking => "The ranking is shown to members once they have submitted all their scores.".into(),
        Action::ChairRound | Action::DecideProposal => "Only the committee's chair can do this.".into(),
        _ => "You cannot do this in this round.".into(),
    }
}

// ---------------------------------------------------------------------------
// Committees

async fn committee_dto(db: &impl ConnectionTrait, c: committee::Model) -> Result<CommitteeDto> {
    let members = members_of(db, c.id).await?;
    let who = names(db, members.iter().map(|m| m.user_id)).await?;
    let org_ids: Vec<i64> = members.iter().filter_map(|m| m.organisation_id).collect();
    let orgs: HashMap<i64, String> = if org_ids.is_empty() {
        HashMap::new()
    } else {
        organisation::Entity::find().filter(organisation::Column::Id.is_in(org_ids)).all(db).await?.into_iter().map(|o| (o.id, o.name)).collect()
    };
    let process_title = process::Entity::find_by_id(c.process_id).one(db).await?.map(|p| p.title).unwrap_or_default();
    let rounds = review_round::Entity::find()
        .filter(review_round::Column::CommitteeId.eq(c.id))
        .order_by_asc(review_round::Column::Id)
        .all(db)
        .await?;
    let mut summaries = Vec::new();
    for r in rounds {
        summaries.push(summary(db, &r).await?);
    }
    Ok(CommitteeDto {
        id: c.id,
        process_id: c.process_id,
        process_title,
        name: c.name,
        description: c.description,
        members: members
            .into_iter()
            .map(|m| CommitteeMemberDto {
                user_id: m.user_id,
                display_name: who.get(&m.user_id).cloned().unwrap_or_default(),
                kind: MemberKind::parse(&m.kind).unwrap_or_default(),
                organisation: m.organisation_id.and_then(|id| orgs.get(&id).map(|name| OrgRef { id, name: name.clone() })),
                chair: m.chair,
            })
            .collect(),
        rounds: summaries,
    })
}

/// Checks the committee input against the database: the process, the
/// members' accounts (members given by e-mail address are looked up) and
/// organisations exist.
async fn check_committee(db: &impl ConnectionTrait, input: &CommitteeInput) -> Result<CheckedCommittee> {
    let mut input = input.clone();
    for m in input.members.iter_mut() {
        let Some(email) = m.email.take().map(|e| e.trim().to_lowercase()).filter(|e| !e.is_empty()) else { continue };
        let found = user::Entity::find().filter(user::Column::Email.eq(email.as_str())).filter(user::Column::DeletedAt.is_null()).one(db).await?;
        match found {
            Some(u) => m.user_id = u.id,
            None => return Err(AppError::Validation(vec![FieldError::new("user", FieldProblem::Invalid, "No account has this e-mail address.")])),
        }
    }
    let checked = input.check().map_err(AppError::Validation)?;
    let mut errors = Vec::new();
    if process::Entity::find_by_id(checked.process_id).one(db).await?.is_none() {
        errors.push(FieldError::new("process_id", FieldProblem::Invalid, "No such process."));
    }
    let ids: Vec<i64> = checked.members.iter().map(|m| m.0).collect();
    let found: HashSet<i64> = if ids.is_empty() {
        HashSet::new()
    } else {
        user::Entity::find()
            .filter(user::Column::Id.is_in(ids.clone()))
            .filter(user::Column::DeletedAt.is_null())
            .all(db)
            .await?
            .into_iter()
            .map(|u| u.id)
            .collect()
    };
    if let Some(missing) = ids.iter().find(|id| !found.contains(id)) {
        errors.push(FieldError::new("members", FieldProblem::Invalid, format!("No account with id {missing}.")));
    }
    let orgs: Vec<i64> = checked.members.iter().filter_map(|m| m.2).collect();
    if !orgs.is_empty() {
        let known = organisation::Entity::find().filter(organisation::Column::Id.is_in(orgs.clone())).all(db).await?.len();
        let distinct = orgs.iter().collect::<HashSet<_>>().len();
        if known != distinct {
            errors.push(FieldError::new("members", FieldProblem::Invalid, "A member's organisation does not exist."));
        }
    }
    if errors.is_empty() { Ok(checked) } else { Err(AppError::Validation(errors)) }
}

async fn write_members(txn: &impl ConnectionTrait, committee_id: i64, members: &[(i64, MemberKind, Option<i64>, bool)]) -> Result<()> {
    committee_member::Entity::delete_many().filter(committee_member::Column::CommitteeId.eq(committee_id)).exec(txn).await?;
    for &(user_id, kind, organisation_id, chair) in members {
        committee_member::ActiveModel {
            committee_id: Set(committee_id),
            user_id: Set(user_id),
            kind: Set(kind.as_str().to_owned()),
            organisation_id: Set(organisation_id),
            chair: Set(chair),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

fn members_json(members: &[(i64, MemberKind, Option<i64>, bool)]) -> serde_json::Value {
    members.iter().map(|m| serde_json::json!({ "user_id": m.0, "kind": m.1.as_str(), "organisation_id": m.2, "chair": m.3 })).collect()
}

/// Creates a committee (admins of the process). 401, 403, 422.
pub async fn create_committee(db: &DatabaseConnection, req: &Requester, input: CommitteeInput) -> Result<CommitteeDto> {
    let (user, actor) = signed_in(db, req).await?;
    if process::Entity::find_by_id(input.process_id).one(db).await?.is_some() {
        ensure_manage(&actor, input.process_id)?;
    } else {
        accounts::ensure(&actor, Action::ManageReview, Resource::Site)?;
    }
    let checked = check_committee(db, &input).await?;
    let now = Utc::now();
    let txn = db.begin().await?;
    let c = committee::ActiveModel {
        process_id: Set(checked.process_id),
        name: Set(checked.name.clone()),
        description: Set(checked.description.clone()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    write_members(&txn, c.id, &checked.members).await?;
    let details = serde_json::json!({ "after": { "name": checked.name, "process_id": checked.process_id, "members": members_json(&checked.members) } });
    audit::record(&txn, audit::Event::new("committee.created").actor(user.id).target("committee", c.id).ip(req.ip).details(details)).await?;
    txn.commit().await?;
    committee_dto(db, c).await
}

/// Changes a committee and replaces its membership (admins of its process).
pub async fn update_committee(db: &DatabaseConnection, req: &Requester, id: i64, input: CommitteeInput) -> Result<CommitteeDto> {
    let (user, actor) = signed_in(db, req).await?;
    let c = committee_of(db, id).await?;
    ensure_manage(&actor, c.process_id)?;
    let input = CommitteeInput { process_id: c.process_id, ..input };
    let checked = check_committee(db, &input).await?;
    let running = review_round::Entity::find()
        .filter(review_round::Column::CommitteeId.eq(c.id))
        .filter(review_round::Column::State.eq(RoundState::Open.as_str()))
        .one(db)
        .await?;
    if let Some(r) = running {
        // Assignments and conflicts were settled when the round opened.
        return Err(AppError::Conflict(format!("The committee's round \"{}\" is open: change its members after it closes.", r.title)));
    }
    let before = committee_dto(db, c.clone()).await?;
    let txn = db.begin().await?;
    let mut active: committee::ActiveModel = c.clone().into();
    active.name = Set(checked.name.clone());
    active.description = Set(checked.description.clone());
    active.updated_at = Set(Utc::now());
    let c = active.update(&txn).await?;
    write_members(&txn, c.id, &checked.members).await?;
    let old: Vec<_> = before.members.iter().map(|m| serde_json::json!({ "user_id": m.user_id, "kind": m.kind.as_str(), "organisation_id": m.organisation.as_ref().map(|o| o.id), "chair": m.chair })).collect();
    let details = serde_json::json!({
        "before": { "name": before.name, "members": old },
        "after": { "name": checked.name, "members": members_json(&checked.members) },
    });
    audit::record(&txn, audit::Event::new("committee.updated").actor(user.id).target("committee", c.id).ip(req.ip).details(details)).await?;
    txn.commit().await?;
    committee_dto(db, c).await
}

/// A committee, for the admins of its process and its members.
pub async fn get_committee(db: &DatabaseConnection, req: &Requester, id: i64) -> Result<CommitteeDto> {
    let (user, actor) = signed_in(db, req).await?;
    let c = committee_of(db, id).await?;
    let member = committee_member::Entity::find_by_id((c.id, user.id)).one(db).await?.is_some();
    if !member && !may_manage(&actor, c.process_id) {
        return Err(AppError::Forbidden("Only the committee's members and the process's admins can see it.".into()));
    }
    committee_dto(db, c).await
}

/// The committees the person asking manages or sits on.
pub async fn list_committees(db: &DatabaseConnection, req: &Requester) -> Result<Vec<CommitteeDto>> {
    let (user, actor) = signed_in(db, req).await?;
    let mine: HashSet<i64> = committee_member::Entity::find()
        .filter(committee_member::Column::UserId.eq(user.id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.committee_id)
        .collect();
    let mut out = Vec::new();
    for c in committee::Entity::find().order_by_asc(committee::Column::Id).all(db).await? {
        if mine.contains(&c.id) || may_manage(&actor, c.process_id) {
            out.push(committee_dto(db, c).await?);
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// Rounds

async fn summary(db: &impl ConnectionTrait, r: &review_round::Model) -> Result<RoundSummary> {
    let count = round_proposal::Entity::find().filter(round_proposal::Column::RoundId.eq(r.id)).count(db).await?;
    Ok(RoundSummary { id: r.id, title: r.title.clone(), state: state_of(r), deadline: rfc3339(r.deadline), proposal_count: count })
}

async fn round_dto(db: &impl ConnectionTrait, round: review_round::Model, c: &committee::Model, access: RoundAccess) -> Result<RoundDto> {
    let criteria = criteria_of(db, round.id).await?;
    let count = round_proposal::Entity::find().filter(round_proposal::Column::RoundId.eq(round.id)).count(db).await?;
    let process_title = process::Entity::find_by_id(c.process_id).one(db).await?.map(|p| p.title).unwrap_or_default();
    Ok(RoundDto {
        id: round.id,
        committee_id: c.id,
        committee_name: c.name.clone(),
        process_id: c.process_id,
        process_title,
        title: round.title.clone(),
        description: round.description.clone(),
        state: state_of(&round),
        eligibility: serde_json::from_str(&round.eligibility).unwrap_or_default(),
        criteria,
        reviewers_per_proposal: round.reviewers_per_proposal.and_then(|n| u32::try_from(n).ok()),
        deadline: rfc3339(round.deadline),
        blind: round.blind,
        public_weight: u32::try_from(round.public_weight).unwrap_or(0),
        aggregation: Aggregation::parse(&round.aggregation).unwrap_or_default(),
        proposal_count: count,
        opened_at: round.opened_at.map(rfc3339),
        closed_at: round.closed_at.map(rfc3339),
        access,
    })
}

async fn access_for(db: &impl ConnectionTrait, round: &review_round::Model, c: &committee::Model, who: Option<(&user::Model, &Actor)>) -> Result<RoundAccess> {
    let Some((user, actor)) = who else {
        return Ok(RoundAccess::default());
    };
    let place = place(db, round, user.id).await?;
    let seat = place.seat(None);
    Ok(RoundAccess {
        member: seat.member,
        chair: seat.chair,
        manage: may_manage(actor, c.process_id),
        ranking: crate::policy::allows(actor, Action::SeeRanking, Resource::Seat(seat)),
    })
}

/// Checks a round input against the database: the deadline, the area and region.
async fn check_round(db: &impl ConnectionTrait, input: &RoundInput) -> Result<(CheckedRound, DateTime<Utc>)> {
    let mut errors = Vec::new();
    let checked = input.check();
    let deadline = DateTime::parse_from_rfc3339(input.deadline.trim()).map(|d| d.with_timezone(&Utc));
    if !input.deadline.trim().is_empty() && deadline.is_err() {
        errors.push(FieldError::new("deadline", FieldProblem::Invalid, "Give the deadline as a date and time (RFC 3339)."));
    }
    if let Some(code) = input.eligibility.area_code.as_deref().filter(|c| !c.is_empty())
        && !reference::is_area(db, code).await?
    {
        errors.push(FieldError::new("area_code", FieldProblem::Invalid, "Unknown area."));
    }
    if let Some(code) = input.eligibility.region_code.as_deref().filter(|c| !c.is_empty())
        && !reference::is_region(db, code).await?
    {
        errors.push(FieldError::new("region_code", FieldProblem::Invalid, "Unknown region."));
    }
    match (checked, deadline) {
        (Ok(c), Ok(d)) if errors.is_empty() => Ok((c, d)),
        (Err(mut e), _) => {
            e.extend(errors);
            Err(AppError::Validation(e))
        }
        _ => Err(AppError::Validation(errors)),
    }
}

fn eligibility_json(e: &Eligibility) -> String {
    serde_json::to_string(e).unwrap_or_else(|_| "{}".into())
}

async fn write_criteria(txn: &impl ConnectionTrait, round_id: i64, criteria: &[CheckedCriterion]) -> Result<()> {
    rubric_criterion::Entity::delete_many().filter(rubric_criterion::Column::RoundId.eq(round_id)).exec(txn).await?;
    for (i, c) in criteria.iter().enumerate() {
        rubric_criterion::ActiveModel {
            round_id: Set(round_id),
            position: Set(i32::try_from(i).unwrap_or(0)),
            name: Set(c.name.clone()),
            description: Set(c.description.clone()),
            weight: Set(i32::try_from(c.weight).unwrap_or(0)),
            scale_min: Set(c.scale_min),
            scale_max: Set(c.scale_max),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

fn round_json(r: &CheckedRound) -> serde_json::Value {
    serde_json::json!({
        "title": r.title,
        "criteria": r.criteria.iter().map(|c| serde_json::json!({ "name": c.name, "weight": c.weight, "scale": [c.scale_min, c.scale_max] })).collect::<Vec<_>>(),
        "eligibility": r.eligibility,
        "reviewers_per_proposal": r.reviewers_per_proposal,
        "deadline": r.deadline,
        "blind": r.blind,
        "public_weight": r.public_weight,
        "aggregation": r.aggregation.as_str(),
    })
}

/// Creates a round in preparation (admins of the committee's process).
pub async fn create_round(db: &DatabaseConnection, req: &Requester, input: RoundInput) -> Result<RoundDto> {
    let (user, actor) = signed_in(db, req).await?;
    let c = committee_of(db, input.committee_id).await.map_err(|e| match e {
        AppError::NotFound => AppError::Validation(vec![FieldError::new("committee_id", FieldProblem::Invalid, "No such committee.")]),
        e => e,
    })?;
    ensure_manage(&actor, c.process_id)?;
    let (checked, deadline) = check_round(db, &input).await?;
    let txn = db.begin().await?;
    let round = review_round::ActiveModel {
        committee_id: Set(c.id),
        title: Set(checked.title.clone()),
        description: Set(checked.description.clone()),
        state: Set(RoundState::Draft.as_str().to_owned()),
        eligibility: Set(eligibility_json(&checked.eligibility)),
        reviewers_per_proposal: Set(checked.reviewers_per_proposal.and_then(|n| i32::try_from(n).ok())),
        deadline: Set(deadline),
        blind: Set(checked.blind),
        public_weight: Set(i32::try_from(checked.public_weight).unwrap_or(0)),
        aggregation: Set(checked.aggregation.as_str().to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    write_criteria(&txn, round.id, &checked.criteria).await?;
    audit::record(
        &txn,
        audit::Event::new("review_round.created").actor(user.id).target("review_round", round.id).ip(req.ip).details(serde_json::json!({ "after": round_json(&checked) })),
    )
    .await?;
    txn.commit().await?;
    let access = access_for(db, &round, &c, Some((&user, &actor))).await?;
    round_dto(db, round, &c, access).await
}

/// Changes a round while it is in preparation (409 after it opened).
pub async fn update_round(db: &DatabaseConnection, req: &Requester, id: i64, input: RoundInput) -> Result<RoundDto> {
    let (user, actor) = signed_in(db, req).await?;
    let (round, c) = round_of(db, id).await?;
    ensure_manage(&actor, c.process_id)?;
    if state_of(&round) != RoundState::Draft {
        return Err(AppError::Conflict("A round can be changed only before it opens.".into()));
    }
    let input = RoundInput { committee_id: c.id, ..input };
    let (checked, deadline) = check_round(db, &input).await?;
    let before = round_dto(db, round.clone(), &c, RoundAccess::default()).await?;
    let txn = db.begin().await?;
    let mut active: review_round::ActiveModel = round.into();
    active.title = Set(checked.title.clone());
    active.description = Set(checked.description.clone());
    active.eligibility = Set(eligibility_json(&checked.eligibility));
    active.reviewers_per_proposal = Set(checked.reviewers_per_proposal.and_then(|n| i32::try_from(n).ok()));
    active.deadline = Set(deadline);
    active.blind = Set(checked.blind);
    active.public_weight = Set(i32::try_from(checked.public_weight).unwrap_or(0));
    active.aggregation = Set(checked.aggregation.as_str().to_owned());
    let round = active.update(&txn).await?;
    write_criteria(&txn, round.id, &checked.criteria).await?;
    let details = serde_json::json!({ "before": before, "after": round_json(&checked) });
    audit::record(&txn, audit::Event::new("review_round.updated").actor(user.id).target("review_round", round.id).ip(req.ip).details(details)).await?;
    txn.commit().await?;
    let access = access_for(db, &round, &c, Some((&user, &actor))).await?;
    round_dto(db, round, &c, access).await
}

/// A round (public: its rules are part of the transparency).
pub async fn get_round(db: &DatabaseConnection, req: &Requester, id: i64) -> Result<RoundDto> {
    let (round, c) = round_of(db, id).await?;
    let who = match accounts::current(db, req).await? {
        Some(u) => {
            let a = accounts::actor(db, &u).await?;
            Some((u, a))
        }
        None => None,
    };
    let access = access_for(db, &round, &c, who.as_ref().map(|(u, a)| (u, a))).await?;
    // A round in preparation is not public yet: only its committee and the
    // process's admins see it.
    if state_of(&round) == RoundState::Draft && !access.manage && !access.member {
        return Err(AppError::NotFound);
    }
    round_dto(db, round, &c, access).await
}

/// Rounds, optionally of one process (public; rounds in preparation only
/// for the admins of their process).
pub async fn list_rounds(db: &DatabaseConnection, req: &Requester, process_id: Option<i64>) -> Result<Vec<RoundSummary>> {
    let actor = match accounts::current(db, req).await? {
        Some(u) => Some(accounts::actor(db, &u).await?),
        None => None,
    };
    let mut committees = committee::Entity::find();
    if let Some(p) = process_id {
        committees = committees.filter(committee::Column::ProcessId.eq(p));
    }
    let committees: HashMap<i64, i64> = committees.all(db).await?.into_iter().map(|c| (c.id, c.process_id)).collect();
    let rounds = review_round::Entity::find()
        .filter(review_round::Column::CommitteeId.is_in(committees.keys().copied().collect::<Vec<_>>()))
        .order_by_desc(review_round::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::new();
    for r in rounds {
        let manages = actor.as_ref().zip(committees.get(&r.committee_id)).is_some_and(|(a, p)| may_manage(a, *p));
        if state_of(&r) != RoundState::Draft || manages {
            out.push(summary(db, &r).await?);
        }
    }
    Ok(out)
}

/// The rounds of the committees the person asking sits on, newest first.
pub async fn my_rounds(db: &DatabaseConnection, req: &Requester) -> Result<Vec<RoundSummary>> {
    let (user, _) = signed_in(db, req).await?;
    let committees: Vec<i64> =
        committee_member::Entity::find().filter(committee_member::Column::UserId.eq(user.id)).all(db).await?.into_iter().map(|m| m.committee_id).collect();
    if committees.is_empty() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for r in review_round::Entity::find()
        .filter(review_round::Column::CommitteeId.is_in(committees))
        .filter(review_round::Column::State.ne(RoundState::Draft.as_str()))
        .order_by_desc(review_round::Column::Id)
        .all(db)
        .await?
    {
        out.push(summary(db, &r).await?);
    }
    Ok(out)
}

/// The proposals of the process the eligibility rule takes, by id.
async fn eligible(db: &impl ConnectionTrait, process_id: i64, rule: &Eligibility) -> Result<Vec<proposal::Model>> {
    let statuses: Vec<String> = rule.effective_statuses().into_iter().filter(|s| s.is_public()).map(|s| s.as_str().to_owned()).collect();
    let mut q = proposal::Entity::find().filter(proposal::Column::ProcessId.eq(process_id)).order_by_asc(proposal::Column::Id);
    if rule.proposal_ids.is_empty() {
        q = q.filter(proposal::Column::Status.is_in(statuses));
        if let Some(area) = rule.area_code.as_deref().filter(|a| !a.is_empty()) {
            q = q.filter(proposal::Column::AreaCode.eq(area));
        }
        if let Some(region) = rule.region_code.as_deref().filter(|r| !r.is_empty()) {
            q = q.filter(proposal::Column::RegionCode.eq(region));
        }
    } else {
        // Hand-picked: any public proposal of the process.
        q = q.filter(proposal::Column::Id.is_in(rule.proposal_ids.clone())).filter(
            proposal::Column::Status.is_not_in([ProposalStatus::Draft.as_str(), ProposalStatus::Hidden.as_str(), ProposalStatus::Withdrawn.as_str()]),
        );
    }
    let found = q.all(db).await?;
    let Some(min) = rule.min_supports.filter(|m| *m > 0) else {
        return Ok(found);
    };
    let ids: Vec<i64> = found.iter().map(|p| p.id).collect();
    let counts = support_counts(db, &ids).await?;
    Ok(found.into_iter().filter(|p| counts.get(&p.id).copied().unwrap_or(0) >= u64::from(min)).collect())
}

/// The organisations a proposal is tied to: its collaborating organisations
/// and those its author belongs to.
async fn proposal_orgs(db: &impl ConnectionTrait, proposals: &[proposal::Model]) -> Result<HashMap<i64, HashSet<i64>>> {
    let ids: Vec<i64> = proposals.iter().map(|p| p.id).collect();
    let mut out: HashMap<i64, HashSet<i64>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    for po in proposal_organisation::Entity::find().filter(proposal_organisation::Column::ProposalId.is_in(ids)).all(db).await? {
        out.entry(po.proposal_id).or_default().insert(po.organisation_id);
    }
    let authors: Vec<i64> = proposals.iter().map(|p| p.author_id).collect();
    let memberships = organisation_member::Entity::find().filter(organisation_member::Column::UserId.is_in(authors)).all(db).await?;
    for p in proposals {
        for m in memberships.iter().filter(|m| m.user_id == p.author_id) {
            out.entry(p.id).or_default().insert(m.organisation_id);
        }
    }
    Ok(out)
}

/// Opens a round (admins of the process): freezes its proposals, records
/// automatic conflicts, assigns reviewers evenly and tells them.
/// 409 unless in preparation, or when no proposal is eligible or the
/// committee has no members.
pub async fn open_round(db: &DatabaseConnection, req: &Requester, id: i64) -> Result<RoundDto> {
    let (user, actor) = signed_in(db, req).await?;
    let (round, c) = round_of(db, id).await?;
    ensure_manage(&actor, c.process_id)?;
    if state_of(&round) != RoundState::Draft {
        return Err(AppError::Conflict("The round is already open or closed.".into()));
    }
    let rule: Eligibility = serde_json::from_str(&round.eligibility).unwrap_or_default();
    let proposals = eligible(db, c.process_id, &rule).await?;
    if proposals.is_empty() {
        return Err(AppError::Conflict("No proposal of the process matches the round's eligibility rule.".into()));
    }
    let members = reviewers_of(db, c.id).await?;
    if members.is_empty() {
        return Err(AppError::Conflict("The committee has no members to review.".into()));
    }
    let orgs = proposal_orgs(db, &proposals).await?;
    // Members seated without an organisation are judged by the organisations
    // their accounts belong to.
    let mut member_orgs: HashMap<i64, HashSet<i64>> = HashMap::new();
    let unseated: Vec<i64> = members.iter().filter(|m| m.organisation_id.is_none()).map(|m| m.user_id).collect();
    if !unseated.is_empty() {
        for om in organisation_member::Entity::find().filter(organisation_member::Column::UserId.is_in(unseated)).all(db).await? {
            member_orgs.entry(om.user_id).or_default().insert(om.organisation_id);
        }
    }
    let mut automatic: Vec<(i64, i64, String)> = Vec::new();
    for p in &proposals {
        for m in &members {
            let Some(org) = m.organisation_id else { continue };
            if p.author_id == m.user_id {
                automatic.push((p.id, m.user_id, REASON_OWN_PROPOSAL.into()));
            } else if orgs.get(&p.id).is_some_and(|set| set.contains(&org)) {
                automatic.push((p.id, m.user_id, REASON_SAME_ORGANISATION.into()));
            }
        }
        for m in members.iter().filter(|m| m.organisation_id.is_none()) {
            if m.user_id == p.author_id {
                automatic.push((p.id, m.user_id, REASON_OWN_PROPOSAL.into()));
            } else if member_orgs.get(&m.user_id).is_some_and(|mine| orgs.get(&p.id).is_some_and(|set| !set.is_disjoint(mine))) {
                automatic.push((p.id, m.user_id, REASON_SAME_ORGANISATION.into()));
            }
        }
    }
    let proposal_ids: Vec<i64> = proposals.iter().map(|p| p.id).collect();
    let reviewers: Vec<i64> = members.iter().map(|m| m.user_id).collect();
    let per = round.reviewers_per_proposal.and_then(|n| u32::try_from(n).ok());
    let conflicted: HashSet<(i64, i64)> = automatic.iter().map(|(p, r, _)| (*p, *r)).collect();
    let pairs = assign(&proposal_ids, &reviewers, per, &[], &|p, r| conflicted.contains(&(p, r)));
    let now = Utc::now();
    let txn = db.begin().await?;
    let opened = review_round::Entity::update_many()
        .col_expr(review_round::Column::State, Expr::value(RoundState::Open.as_str()))
        .col_expr(review_round::Column::OpenedAt, Expr::value(now))
        .filter(review_round::Column::Id.eq(round.id))
        .filter(review_round::Column::State.eq(RoundState::Draft.as_str()))
        .exec(&txn)
        .await?
        .rows_affected;
    if opened != 1 {
        txn.rollback().await?;
        return Err(AppError::Conflict("The round is already open or closed.".into()));
    }
    for &pid in &proposal_ids {
        round_proposal::ActiveModel { round_id: Set(round.id), proposal_id: Set(pid), supports: Set(None) }.insert(&txn).await?;
    }
    for (pid, reviewer, reason) in &automatic {
        conflict_declaration::ActiveModel {
            round_id: Set(round.id),
            proposal_id: Set(*pid),
            reviewer_id: Set(*reviewer),
            source: Set(AUTOMATIC.into()),
            reason: Set(reason.clone()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    for &(pid, reviewer) in &pairs {
        review_assignment::ActiveModel { round_id: Set(round.id), proposal_id: Set(pid), reviewer_id: Set(reviewer), active: Set(true), created_at: Set(now) }
            .insert(&txn)
            .await?;
    }
    let payload = serde_json::json!({ "round_id": round.id, "round_title": round.title, "deadline": rfc3339(round.deadline) });
    let assigned: HashSet<i64> = pairs.iter().map(|(_, r)| *r).collect();
    notifications::notify(&txn, assigned, Some(user.id), "review_assigned", None, None, payload).await?;
    let details = serde_json::json!({
        "proposals": proposal_ids.len(),
        "assignments": pairs.len(),
        "automatic_conflicts": automatic.iter().map(|(p, r, _)| serde_json::json!({ "proposal_id": p, "reviewer_id": r })).collect::<Vec<_>>(),
    });
    audit::record(&txn, audit::Event::new("review_round.opened").actor(user.id).target("review_round", round.id).ip(req.ip).details(details)).await?;
    txn.commit().await?;
    tracing::info!(round.id = round.id, proposals = proposal_ids.len(), assignments = pairs.len(), "review round opened");
    get_round(db, req, id).await
}

/// Closes a round (its chair or the process's admins): scores freeze, the
/// supports are recorded, and the report becomes public. 409 unless open.
pub async fn close_round(db: &DatabaseConnection, req: &Requester, id: i64) -> Result<RoundDto> {
    let (user, actor) = signed_in(db, req).await?;
    let (round, c) = round_of(db, id).await?;
    let place = place(db, &round, user.id).await?;
    if !may_manage(&actor, c.process_id) && !crate::policy::allows(&actor, Action::ChairRound, Resource::Seat(place.seat(None))) {
        return Err(AppError::Forbidden("Only the committee's chair or the process's admins can close the round.".into()));
    }
    if state_of(&round) != RoundState::Open {
        return Err(AppError::Conflict("Only an open round can be closed.".into()));
    }
    let ids = round_proposal_ids(db, round.id).await?;
    let now = Utc::now();
    let txn = db.begin().await?;
    let closed = review_round::Entity::update_many()
        .col_expr(review_round::Column::State, Expr::value(RoundState::Closed.as_str()))
        .col_expr(review_round::Column::ClosedAt, Expr::value(now))
        .filter(review_round::Column::Id.eq(round.id))
        .filter(review_round::Column::State.eq(RoundState::Open.as_str()))
        .exec(&txn)
        .await?
        .rows_affected;
    if closed != 1 {
        txn.rollback().await?;
        return Err(AppError::Conflict("Only an open round can be closed.".into()));
    }
    // Inside the transaction, so no support counted after the close slips in.
    let counts = support_counts(&txn, &ids).await?;
    for pid in &ids {
        let n = i64::try_from(counts.get(pid).copied().unwrap_or(0)).unwrap_or(i64::MAX);
        round_proposal::Entity::update_many()
            .col_expr(round_proposal::Column::Supports, Expr::value(n))
            .filter(round_proposal::Column::RoundId.eq(round.id))
            .filter(round_proposal::Column::ProposalId.eq(*pid))
            .exec(&txn)
            .await?;
    }
    audit::record(&txn, audit::Event::new("review_round.closed").actor(user.id).target("review_round", round.id).ip(req.ip)).await?;
    txn.commit().await?;
    get_round(db, req, id).await
}

// ---------------------------------------------------------------------------
// Reviewers

/// The signed-in member's queue in a round, with their progress.
pub async fn queue(db: &DatabaseConnection, req: &Requester, round_id: i64) -> Result<QueueDto> {
    let (user, round, _, place) = seated(db, req, round_id, None, Action::ReadReviewProposal).await?;
    let sheets: HashMap<i64, review_sheet::Model> = review_sheet::Entity::find()
        .filter(review_sheet::Column::RoundId.eq(round.id))
        .filter(review_sheet::Column::ReviewerId.eq(user.id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.proposal_id, s))
        .collect();
    let mut ids: Vec<i64> = place.assigned.iter().copied().collect();
    ids.sort_unstable();
    let titles = titles(db, ids.iter().copied()).await?;
    let items: Vec<QueueItem> = ids
        .iter()
        .map(|pid| {
            let sheet = sheets.get(pid);
            QueueItem {
                proposal_id: *pid,
                title: titles.get(pid).cloned().unwrap_or_default(),
                state: sheet.map_or(SheetState::NotStarted, sheet_state),
                updated_at: sheet.map(|s| rfc3339(s.updated_at)),
            }
        })
        .collect();
    let submitted = items.iter().filter(|i| i.state == SheetState::Submitted).count() as u64;
    Ok(QueueDto { round_id: round.id, total: items.len() as u64, submitted, items })
}

/// A sheet's state: submitted, or a draft (never submitted, or changed
/// since the last submission, which still counts until the next one).
fn sheet_state(s: &review_sheet::Model) -> SheetState {
    if s.version > 0 && s.state == SheetState::Submitted.as_str() { SheetState::Submitted } else { SheetState::Draft }
}

/// A proposal as a reviewer sees it (blind rounds leave out who proposed it).
pub async fn proposal(db: &DatabaseConnection, req: &Requester, round_id: i64, pid: i64) -> Result<ReviewProposalDto> {
    let (_, round, _, place) = seated(db, req, round_id, Some(pid), Action::ReadReviewProposal).await?;
    let p = in_round(db, round.id, pid).await?;
    let (author, organisations) = if round.blind {
        (None, Vec::new())
    } else {
        let name = names(db, [p.author_id]).await?.remove(&p.author_id).unwrap_or_default();
        let deleted = name == privacy::DELETED_NAME;
        let org_ids: Vec<i64> =
            proposal_organisation::Entity::find().filter(proposal_organisation::Column::ProposalId.eq(p.id)).all(db).await?.into_iter().map(|o| o.organisation_id).collect();
        let orgs = if org_ids.is_empty() {
            Vec::new()
        } else {
            organisation::Entity::find()
                .filter(organisation::Column::Id.is_in(org_ids))
                .order_by_asc(organisation::Column::Name)
                .all(db)
                .await?
                .into_iter()
                .map(|o| OrgRef { id: o.id, name: o.name })
                .collect()
        };
        (Some(AuthorDto { id: p.author_id, name, deleted }), orgs)
    };
    let supports = support_counts(db, &[p.id]).await?.get(&p.id).copied().unwrap_or(0);
    Ok(ReviewProposalDto {
        round_id: round.id,
        proposal_id: p.id,
        status: proposals::status_of(&p),
        tags: serde_json::from_str(&p.tags).unwrap_or_default(),
        title: p.title,
        problem: p.problem,
        solution: p.solution,
        effect: p.effect,
        area_code: p.area_code,
        region_code: p.region_code,
        support_count: supports,
        author,
        organisations,
        blind: round.blind,
        assigned: place.assigned.contains(&pid),
        conflicted: place.conflicted.contains(&pid),
    })
}

async fn scores_of(db: &impl ConnectionTrait, sheet_id: i64, criteria: &[CriterionDto]) -> Result<Vec<ScoreDto>> {
    let stored: HashMap<i64, review_score::Model> =
        review_score::Entity::find().filter(review_score::Column::SheetId.eq(sheet_id)).all(db).await?.into_iter().map(|s| (s.criterion_id, s)).collect();
    Ok(criteria
        .iter()
        .map(|c| {
            let s = stored.get(&c.id);
            ScoreDto { criterion_id: c.id, score: s.and_then(|s| s.score), comment: s.map(|s| s.comment.clone()).unwrap_or_default() }
        })
        .collect())
}

fn total_of(criteria: &[CriterionDto], scores: &[ScoreDto]) -> Option<f64> {
    let values: Vec<Option<i32>> = criteria.iter().map(|c| scores.iter().find(|s| s.criterion_id == c.id).and_then(|s| s.score)).collect();
    sheet_total(&scales(criteria), &values)
}

async fn sheet_dto(db: &impl ConnectionTrait, round_id: i64, pid: i64, reviewer_id: i64, criteria: &[CriterionDto]) -> Result<SheetDto> {
    let sheet = review_sheet::Entity::find()
        .filter(review_sheet::Column::RoundId.eq(round_id))
        .filter(review_sheet::Column::ProposalId.eq(pid))
        .filter(review_sheet::Column::ReviewerId.eq(reviewer_id))
        .one(db)
        .await?;
    let Some(sheet) = sheet else {
        return Ok(SheetDto {
            round_id,
            proposal_id: pid,
            reviewer_id,
            state: SheetState::NotStarted,
            scores: criteria.iter().map(|c| ScoreDto { criterion_id: c.id, score: None, comment: String::new() }).collect(),
            comment: String::new(),
            total: None,
            updated_at: None,
            submitted_at: None,
            history: Vec::new(),
        });
    };
    let scores = scores_of(db, sheet.id, criteria).await?;
    let history = review_sheet_version::Entity::find()
        .filter(review_sheet_version::Column::SheetId.eq(sheet.id))
        .order_by_desc(review_sheet_version::Column::Version)
        .all(db)
        .await?
        .into_iter()
        .map(|v| SheetVersionDto {
            version: u32::try_from(v.version).unwrap_or(0),
            scores: serde_json::from_str(&v.scores).unwrap_or_default(),
            comment: v.comment,
            total: v.total,
            submitted_at: rfc3339(v.submitted_at),
        })
        .collect();
    Ok(SheetDto {
        round_id,
        proposal_id: pid,
        reviewer_id,
        state: sheet_state(&sheet),
        total: total_of(criteria, &scores),
        scores,
        comment: sheet.comment,
        updated_at: Some(rfc3339(sheet.updated_at)),
        submitted_at: sheet.submitted_at.map(rfc3339),
        history,
    })
}

/// The signed-in reviewer's own sheet for a proposal assigned to them.
pub async fn sheet(db: &DatabaseConnection, req: &Requester, round_id: i64, pid: i64) -> Result<SheetDto> {
    let (user, round, _, place) = seated(db, req, round_id, Some(pid), Action::ReadReviewProposal).await?;
    in_round(db, round.id, pid).await?;
    if place.conflicted.contains(&pid) || !place.assigned.contains(&pid) {
        return Err(AppError::Forbidden(refusal(Action::ScoreProposal, &place, Some(pid))));
    }
    let criteria = criteria_of(db, round.id).await?;
    sheet_dto(db, round.id, pid, user.id, &criteria).await
}

/// Saves the reviewer's sheet as a draft or submits it (a new version in
/// its history each time). 403 unless assigned and without conflict, 409
/// unless the round is open, 422 for scores off the scale or missing on submit.
pub async fn save_sheet(db: &DatabaseConnection, req: &Requester, round_id: i64, pid: i64, input: SheetInput) -> Result<SheetDto> {
    let (user, actor) = signed_in(db, req).await?;
    let (round, _) = round_of(db, round_id).await?;
    // A round in preparation has no proposals yet: say so rather than 404.
    if state_of(&round) == RoundState::Draft {
        return Err(AppError::Conflict("The round has not opened yet.".into()));
    }
    in_round(db, round.id, pid).await?;
    let place = place(db, &round, user.id).await?;
    // The state is answered below with 409; the seat decides who may score.
    let seat = Seat { open: true, ..place.seat(Some(pid)) };
    if !crate::policy::allows(&actor, Action::ScoreProposal, Resource::Seat(seat)) {
        return Err(AppError::Forbidden(refusal(Action::ScoreProposal, &place, Some(pid))));
    }
    match state_of(&round) {
        RoundState::Open => {}
        RoundState::Draft => return Err(AppError::Conflict("The round has not opened yet.".into())),
        RoundState::Closed => return Err(AppError::Conflict("The round is closed: its scores are frozen.".into())),
    }
    let criteria = criteria_of(db, round.id).await?;
    let (scores, comment) = input.check(&criteria).map_err(AppError::Validation)?;
    let now = Utc::now();
    let txn = db.begin().await?;
    still_open(&txn, round.id).await?;
    let existing = review_sheet::Entity::find()
        .filter(review_sheet::Column::RoundId.eq(round.id))
        .filter(review_sheet::Column::ProposalId.eq(pid))
        .filter(review_sheet::Column::ReviewerId.eq(user.id))
        .one(&txn)
        .await?;
    let before = match &existing {
        Some(s) => Some(scores_of(&txn, s.id, &criteria).await?),
        None => None,
    };
    let sheet = match existing {
        Some(s) => {
            let version = if input.submit { s.version + 1 } else { s.version };
            let mut active: review_sheet::ActiveModel = s.clone().into();
            active.comment = Set(comment.clone());
            active.updated_at = Set(now);
            active.version = Set(version);
            // A draft saved over a submitted sheet is a draft again (the
            // last submitted version still counts until the next submit).
            active.state = Set(if input.submit { SheetState::Submitted } else { SheetState::Draft }.as_str().into());
            if input.submit {
                active.submitted_at = Set(Some(now));
            }
            active.update(&txn).await?
        }
        None => review_sheet::ActiveModel {
            round_id: Set(round.id),
            proposal_id: Set(pid),
            reviewer_id: Set(user.id),
            state: Set(if input.submit { SheetState::Submitted } else { SheetState::Draft }.as_str().into()),
            comment: Set(comment.clone()),
            version: Set(i32::from(input.submit)),
            updated_at: Set(now),
            submitted_at: Set(input.submit.then_some(now)),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(|e| taken(e, "The sheet was saved at the same time elsewhere; load it again."))?,
    };
    review_score::Entity::delete_many().filter(review_score::Column::SheetId.eq(sheet.id)).exec(&txn).await?;
    for (criterion_id, score, comment) in &scores {
        review_score::ActiveModel { sheet_id: Set(sheet.id), criterion_id: Set(*criterion_id), score: Set(*score), comment: Set(comment.clone()) }
            .insert(&txn)
            .await?;
    }
    let after: Vec<ScoreDto> = scores.iter().map(|(c, s, m)| ScoreDto { criterion_id: *c, score: *s, comment: m.clone() }).collect();
    if input.submit {
        let total = total_of(&criteria, &after).unwrap_or(0.0);
        review_sheet_version::ActiveModel {
            sheet_id: Set(sheet.id),
            version: Set(sheet.version),
            scores: Set(serde_json::to_string(&after).unwrap_or_else(|_| "[]".into())),
            comment: Set(comment.clone()),
            total: Set(total),
            submitted_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(|e| taken(e, "The sheet was submitted at the same time elsewhere; load it again."))?;
    }
    let action = if input.submit { "review_score.submitted" } else { "review_score.draft_saved" };
    let details = serde_json::json!({ "round_id": round.id, "proposal_id": pid, "before": before, "after": after, "version": sheet.version });
    audit::record(&txn, audit::Event::new(action).actor(user.id).target("review_sheet", sheet.id).ip(req.ip).details(details)).await?;
    txn.commit().await?;
    sheet_dto(db, round.id, pid, user.id, &criteria).await
}

/// Inside a transaction that writes scores or conflicts: the round is still
/// open, and stays so until the commit (the no-op update locks the round's
/// row on PostgreSQL and takes the write lock on SQLite, so a close waits
/// for it or it sees the close). 409 otherwise.
async fn still_open(txn: &impl ConnectionTrait, round_id: i64) -> Result<()> {
    let locked = review_round::Entity::update_many()
        .col_expr(review_round::Column::State, Expr::col(review_round::Column::State))
        .filter(review_round::Column::Id.eq(round_id))
        .filter(review_round::Column::State.eq(RoundState::Open.as_str()))
        .exec(txn)
        .await?
        .rows_affected;
    if locked == 1 { Ok(()) } else { Err(AppError::Conflict("The round is not open: its scores are frozen.".into())) }
}

fn taken(e: sea_orm::DbErr, message: &str) -> AppError {
    match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => AppError::Conflict(message.into()),
        _ => e.into(),
    }
}

/// The other reviewers' submitted sheets on a proposal: only once one's own
/// is submitted (or for a chair not reviewing it), never with a conflict.
pub async fn peer_sheets(db: &DatabaseConnection, req: &Requester, round_id: i64, pid: i64) -> Result<Vec<PeerSheetDto>> {
    let (user, round, _, _) = seated(db, req, round_id, Some(pid), Action::SeePeerScores).await?;
    in_round(db, round.id, pid).await?;
    let criteria = criteria_of(db, round.id).await?;
    let sheets = review_sheet::Entity::find()
        .filter(review_sheet::Column::RoundId.eq(round.id))
        .filter(review_sheet::Column::ProposalId.eq(pid))
        .filter(review_sheet::Column::ReviewerId.ne(user.id))
        .filter(review_sheet::Column::Version.gt(0))
        .order_by_asc(review_sheet::Column::ReviewerId)
        .all(db)
        .await?;
    let who = names(db, sheets.iter().map(|s| s.reviewer_id)).await?;
    let mut out = Vec::new();
    for s in sheets {
        // The latest submitted version (a later draft edit stays private).
        let Some(v) = review_sheet_version::Entity::find()
            .filter(review_sheet_version::Column::SheetId.eq(s.id))
            .order_by_desc(review_sheet_version::Column::Version)
            .one(db)
            .await?
        else {
            continue;
        };
        let scores: Vec<ScoreDto> = serde_json::from_str(&v.scores).unwrap_or_default();
        out.push(PeerSheetDto {
            reviewer_id: s.reviewer_id,
            reviewer_name: who.get(&s.reviewer_id).cloned().unwrap_or_default(),
            total: total_of(&criteria, &scores).unwrap_or(v.total),
            scores,
            comment: v.comment,
            submitted_at: rfc3339(v.submitted_at),
        });
    }
    Ok(out)
}

/// A member declares a conflict of interest with a proposal of the round:
/// recorded (and audit-logged), their assignment to it is withdrawn, and
/// another member without a conflict takes it. 409 if already declared.
pub async fn declare_conflict(db: &DatabaseConnection, req: &Requester, round_id: i64, input: ConflictInput) -> Result<ConflictDto> {
    let (user, round, committee, _) = seated(db, req, round_id, Some(input.proposal_id), Action::DeclareConflict).await?;
    let p = in_round(db, round.id, input.proposal_id).await?;
    let reason = input.check().map_err(AppError::Validation)?;
    if state_of(&round) == RoundState::Closed {
        return Err(AppError::Conflict("The round is closed.".into()));
    }
    let now = Utc::now();
    let txn = db.begin().await?;
    if state_of(&round) == RoundState::Open {
        still_open(&txn, round.id).await?;
    }
    let declared = conflict_declaration::ActiveModel {
        round_id: Set(round.id),
        proposal_id: Set(p.id),
        reviewer_id: Set(user.id),
        source: Set(DECLARED.into()),
        reason: Set(reason.clone()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| taken(e, "A conflict of interest with this proposal is already on record."))?;
    let was_assigned = review_assignment::Entity::update_many()
        .col_expr(review_assignment::Column::Active, Expr::value(false))
        .filter(review_assignment::Column::RoundId.eq(round.id))
        .filter(review_assignment::Column::ProposalId.eq(p.id))
        .filter(review_assignment::Column::ReviewerId.eq(user.id))
        .filter(review_assignment::Column::Active.eq(true))
        .exec(&txn)
        .await?
        .rows_affected
        == 1;
    let mut replacement = None;
    if was_assigned && state_of(&round) == RoundState::Open {
        replacement = rebalance(&txn, &round, committee.id, p.id).await?;
    }
    let details = serde_json::json!({ "round_id": round.id, "proposal_id": p.id, "reason": reason, "recused": was_assigned, "replacement": replacement });
    audit::record(&txn, audit::Event::new("review_conflict.declared").actor(user.id).target("proposal", p.id).ip(req.ip).details(details)).await?;
    if let Some(r) = replacement {
        let payload = serde_json::json!({ "round_id": round.id, "round_title": round.title, "deadline": rfc3339(round.deadline) });
        notifications::notify(&txn, [r], None, "review_assigned", Some(p.id), None, payload).await?;
    }
    txn.commit().await?;
    let name = names(db, [user.id]).await?.remove(&user.id).unwrap_or_default();
    Ok(ConflictDto {
        proposal_id: p.id,
        proposal_title: p.title,
        reviewer_id: user.id,
        reviewer_name: name,
        source: declared.source,
        reason: declared.reason,
        created_at: rfc3339(declared.created_at),
    })
}

/// Tops a proposal up to the round's reviewers per proposal after a
/// recusal: the member with the fewest active assignments, no conflict with
/// it and not already on it. Returns who was added (none when nobody is left
/// or the round takes every member).
async fn rebalance(txn: &impl ConnectionTrait, round: &review_round::Model, committee_id: i64, pid: i64) -> Result<Option<i64>> {
    let Some(per) = round.reviewers_per_proposal.and_then(|n| u32::try_from(n).ok()) else {
        return Ok(None);
    };
    let members: Vec<i64> = reviewers_of(txn, committee_id).await?.into_iter().map(|m| m.user_id).collect();
    let all = assignments_of(txn, round.id).await?;
    let conflicts: HashSet<(i64, i64)> = conflicts_of(txn, round.id).await?.into_iter().map(|c| (c.proposal_id, c.reviewer_id)).collect();
    let active: Vec<(i64, i64)> = all.iter().filter(|a| a.active).map(|a| (a.proposal_id, a.reviewer_id)).collect();
    // A recused reviewer stays excluded, as does anyone with a past assignment row for it.
    let had: HashSet<(i64, i64)> = all.iter().map(|a| (a.proposal_id, a.reviewer_id)).collect();
    let added = assign(&[pid], &members, Some(per), &active, &|p, r| conflicts.contains(&(p, r)) || had.contains(&(p, r)));
    let Some(&(_, reviewer)) = added.first() else {
        return Ok(None);
    };
    review_assignment::ActiveModel { round_id: Set(round.id), proposal_id: Set(pid), reviewer_id: Set(reviewer), active: Set(true), created_at: Set(Utc::now()) }
        .insert(txn)
        .await
        .map_err(|e| taken(e, "Another change to this proposal's reviewers happened at the same time; try again."))?;
    Ok(Some(reviewer))
}

/// The committee's private discussion on a proposal (members without a conflict).
pub async fn discussion(db: &DatabaseConnection, req: &Requester, round_id: i64, pid: i64) -> Result<Vec<DiscussionMessageDto>> {
    let (_, round, _, _) = seated(db, req, round_id, Some(pid), Action::DiscussProposal).await?;
    in_round(db, round.id, pid).await?;
    let messages = review_message::Entity::find()
        .filter(review_message::Column::RoundId.eq(round.id))
        .filter(review_message::Column::ProposalId.eq(pid))
        .order_by_asc(review_message::Column::Id)
        .all(db)
        .await?;
    let who = names(db, messages.iter().map(|m| m.author_id)).await?;
    Ok(messages
        .into_iter()
        .map(|m| DiscussionMessageDto {
            id: m.id,
            author_id: m.author_id,
            author_name: who.get(&m.author_id).cloned().unwrap_or_default(),
            body: m.body,
            created_at: rfc3339(m.created_at),
        })
        .collect())
}

/// Posts to the committee's private discussion on a proposal.
pub async fn post_discussion(db: &DatabaseConnection, req: &Requester, round_id: i64, pid: i64, input: DiscussionInput) -> Result<DiscussionMessageDto> {
    let (user, round, _, _) = seated(db, req, round_id, Some(pid), Action::DiscussProposal).await?;
    in_round(db, round.id, pid).await?;
    let body = input.check().map_err(AppError::Validation)?;
    let m = review_message::ActiveModel {
        round_id: Set(round.id),
        proposal_id: Set(pid),
        author_id: Set(user.id),
        body: Set(body),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(DiscussionMessageDto { id: m.id, author_id: user.id, author_name: user.display_name, body: m.body, created_at: rfc3339(m.created_at) })
}

// ---------------------------------------------------------------------------
// The chair

async fn chair_or_manager(db: &DatabaseConnection, req: &Requester, round_id: i64) -> Result<(user::Model, review_round::Model, committee::Model)> {
    let (user, actor) = signed_in(db, req).await?;
    let (round, c) = round_of(db, round_id).await?;
    let place = place(db, &round, user.id).await?;
    if !may_manage(&actor, c.process_id) && !crate::policy::allows(&actor, Action::ChairRound, Resource::Seat(place.seat(None))) {
        return Err(AppError::Forbidden("Only the committee's chair or the process's admins can follow the round's progress.".into()));
    }
    Ok((user, round, c))
}

/// The round's conflicts of interest. With `mask`, automatic ones give no
/// reason ("the reviewer proposed it" would name the proposer in a blind round).
async fn conflict_dtos(db: &impl ConnectionTrait, round_id: i64, mask: bool) -> Result<Vec<ConflictDto>> {
    let conflicts = conflicts_of(db, round_id).await?;
    let who = names(db, conflicts.iter().map(|c| c.reviewer_id)).await?;
    let titles = titles(db, conflicts.iter().map(|c| c.proposal_id)).await?;
    Ok(conflicts
        .into_iter()
        .map(|c| ConflictDto {
            proposal_id: c.proposal_id,
            proposal_title: titles.get(&c.proposal_id).cloned().unwrap_or_default(),
            reviewer_id: c.reviewer_id,
            reviewer_name: who.get(&c.reviewer_id).cloned().unwrap_or_default(),
            reason: if mask && c.source == AUTOMATIC { AUTOMATIC.to_owned() } else { c.reason },
            source: c.source,
            created_at: rfc3339(c.created_at),
        })
        .collect())
}

/// Progress per reviewer and per proposal (the chair and the process's admins).
pub async fn progress(db: &DatabaseConnection, req: &Requester, round_id: i64) -> Result<ProgressDto> {
    let (user, round, c) = chair_or_manager(db, req, round_id).await?;
    let actor = accounts::actor(db, &user).await?;
    let members = members_of(db, c.id).await?;
    let assignments = assignments_of(db, round.id).await?;
    let sheets: HashMap<(i64, i64), SheetState> = sheets_of(db, round.id).await?.iter().map(|s| ((s.proposal_id, s.reviewer_id), sheet_state(s))).collect();
    let mask = round.blind && state_of(&round) != RoundState::Closed && !may_manage(&actor, c.process_id);
    let conflicts = conflict_dtos(db, round.id, mask).await?;
    let ids = round_proposal_ids(db, round.id).await?;
    let titles = titles(db, ids.iter().copied()).await?;
    let who = names(db, members.iter().map(|m| m.user_id).chain(assignments.iter().map(|a| a.reviewer_id))).await?;
    let state = |p: i64, r: i64| sheets.get(&(p, r)).copied().unwrap_or_default();
    let active: Vec<&review_assignment::Model> = assignments.iter().filter(|a| a.active).collect();
    let reviewers = members
        .iter()
        .map(|m| {
            let mine: Vec<&&review_assignment::Model> = active.iter().filter(|a| a.reviewer_id == m.user_id).collect();
            ReviewerProgress {
                reviewer_id: m.user_id,
                reviewer_name: who.get(&m.user_id).cloned().unwrap_or_default(),
                assigned: mine.len() as u64,
                drafts: mine.iter().filter(|a| state(a.proposal_id, a.reviewer_id) == SheetState::Draft).count() as u64,
                submitted: mine.iter().filter(|a| state(a.proposal_id, a.reviewer_id) == SheetState::Submitted).count() as u64,
                conflicts: conflicts.iter().filter(|c| c.reviewer_id == m.user_id).count() as u64,
            }
        })
        .collect();
    let proposals = ids
        .iter()
        .map(|&pid| {
            let on: Vec<&&review_assignment::Model> = active.iter().filter(|a| a.proposal_id == pid).collect();
            ProposalProgress {
                proposal_id: pid,
                title: titles.get(&pid).cloned().unwrap_or_default(),
                reviewers: on.len() as u64,
                submitted: on.iter().filter(|a| state(pid, a.reviewer_id) == SheetState::Submitted).count() as u64,
                conflicts: conflicts.iter().filter(|c| c.proposal_id == pid).count() as u64,
            }
        })
        .collect();
    let assignment_dtos: Vec<AssignmentDto> = active
        .iter()
        .map(|a| AssignmentDto {
            proposal_id: a.proposal_id,
            reviewer_id: a.reviewer_id,
            reviewer_name: who.get(&a.reviewer_id).cloned().unwrap_or_default(),
            state: state(a.proposal_id, a.reviewer_id),
        })
        .collect();
    let submitted = assignment_dtos.iter().filter(|a| a.state == SheetState::Submitted).count() as u64;
    Ok(ProgressDto { round_id: round.id, reviewers, proposals, total: assignment_dtos.len() as u64, submitted, assignments: assignment_dtos, conflicts })
}

/// Reminds every reviewer with an unsubmitted assignment (the chair).
pub async fn remind(db: &DatabaseConnection, req: &Requester, round_id: i64) -> Result<ReminderReceipt> {
    let (user, round, _, _) = seated(db, req, round_id, None, Action::ChairRound).await?;
    if state_of(&round) != RoundState::Open {
        return Err(AppError::Conflict("Reminders are for an open round.".into()));
    }
    let submitted: HashSet<(i64, i64)> = sheets_of(db, round.id).await?.iter().filter(|s| s.version > 0).map(|s| (s.proposal_id, s.reviewer_id)).collect();
    let mut behind: Vec<i64> = assignments_of(db, round.id)
        .await?
        .into_iter()
        .filter(|a| a.active && !submitted.contains(&(a.proposal_id, a.reviewer_id)))
        .map(|a| a.reviewer_id)
        .collect();
    behind.sort_unstable();
    behind.dedup();
    let txn = db.begin().await?;
    let payload = serde_json::json!({ "round_id": round.id, "round_title": round.title, "deadline": rfc3339(round.deadline) });
    notifications::notify(&txn, behind.clone(), None, "review_reminder", None, None, payload).await?;
    audit::record(&txn, audit::Event::new("review_round.reminded").actor(user.id).target("review_round", round.id).ip(req.ip).details(serde_json::json!({ "reviewers": behind }))).await?;
    txn.commit().await?;
    Ok(ReminderReceipt { reminded: behind.len() as u64 })
}

/// Everything the ranking and the report compute from.
struct Standing {
    ranked: Vec<Ranked>,
    titles: HashMap<i64, String>,
    statuses: HashMap<i64, ProposalStatus>,
    decisions: HashMap<i64, shortlist_decision::Model>,
    reviewers: HashMap<i64, u64>,
}

async fn standing(db: &impl ConnectionTrait, round: &review_round::Model) -> Result<Standing> {
    let criteria = criteria_of(db, round.id).await?;
    let rows = round_proposal::Entity::find().filter(round_proposal::Column::RoundId.eq(round.id)).all(db).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.proposal_id).collect();
    let live = support_counts(db, &ids).await?;
    let entries: Vec<Entry> = rows
        .iter()
        .map(|r| Entry {
            proposal_id: r.proposal_id,
            supports: r.supports.and_then(|s| u64::try_from(s).ok()).unwrap_or_else(|| live.get(&r.proposal_id).copied().unwrap_or(0)),
        })
        .collect();
    // Totals from the latest submitted version of each sheet (a reviewer's
    // later edits count once they submit them again).
    let sheets: Vec<review_sheet::Model> = sheets_of(db, round.id).await?.into_iter().filter(|s| s.version > 0).collect();
    let sheet_ids: Vec<i64> = sheets.iter().map(|s| s.id).collect();
    let versions = if sheet_ids.is_empty() {
        Vec::new()
    } else {
        review_sheet_version::Entity::find().filter(review_sheet_version::Column::SheetId.is_in(sheet_ids)).all(db).await?
    };
    let conflicts: HashSet<(i64, i64)> = conflicts_of(db, round.id).await?.into_iter().map(|c| (c.proposal_id, c.reviewer_id)).collect();
    let mut totals = Vec::new();
    let mut reviewers: HashMap<i64, u64> = HashMap::new();
    for s in &sheets {
        // A sheet from someone later found conflicted does not count.
        if conflicts.contains(&(s.proposal_id, s.reviewer_id)) {
            continue;
        }
        let Some(v) = versions.iter().filter(|v| v.sheet_id == s.id).max_by_key(|v| v.version) else { continue };
        let scores: Vec<ScoreDto> = serde_json::from_str(&v.scores).unwrap_or_default();
        let total = total_of(&criteria, &scores).unwrap_or(v.total);
        totals.push(Total { reviewer_id: s.reviewer_id, proposal_id: s.proposal_id, total });
        *reviewers.entry(s.proposal_id).or_default() += 1;
    }
    let method = Aggregation::parse(&round.aggregation).unwrap_or_default();
    let ranked = rank(method, u32::try_from(round.public_weight).unwrap_or(0), &entries, &totals);
    let proposals = if ids.is_empty() { Vec::new() } else { proposal::Entity::find().filter(proposal::Column::Id.is_in(ids)).all(db).await? };
    let decisions = shortlist_decision::Entity::find().filter(shortlist_decision::Column::RoundId.eq(round.id)).all(db).await?.into_iter().map(|d| (d.proposal_id, d)).collect();
    Ok(Standing {
        ranked,
        statuses: proposals.iter().map(|p| (p.id, proposals::status_of(p))).collect(),
        titles: proposals.into_iter().map(|p| (p.id, p.title)).collect(),
        decisions,
        reviewers,
    })
}

/// The committee's ranking: the chair always; members once they have
/// submitted all their sheets or the round is closed. A member's
/// conflicted proposals show no committee figures.
pub async fn ranking(db: &DatabaseConnection, req: &Requester, round_id: i64) -> Result<RankingDto> {
    let (_, round, _, place) = seated(db, req, round_id, None, Action::SeeRanking).await?;
    let s = standing(db, &round).await?;
    let mut next_rank = 0;
    let mut rows: Vec<(bool, RankingRow)> = s
        .ranked
        .into_iter()
        .map(|r| {
            let conflicted = place.conflicted.contains(&r.proposal_id);
            // A chair still to submit their own sheet on it sees no figures
            // for it either, until the round closes (nobody sees others'
            // scores before their own).
            let hidden = conflicted || (!place.closed && place.assigned.contains(&r.proposal_id) && !place.submitted.contains(&r.proposal_id));
            let decision = s.decisions.get(&r.proposal_id);
            let rank = match r.rank {
                Some(_) if !hidden => {
                    next_rank += 1;
                    Some(next_rank)
                }
                _ => None,
            };
            (hidden, RankingRow {
                rank,
                title: s.titles.get(&r.proposal_id).cloned().unwrap_or_default(),
                status: s.statuses.get(&r.proposal_id).copied().unwrap_or(ProposalStatus::Published),
                supports: r.supports,
                totals: if hidden { Vec::new() } else { r.totals },
                committee: if hidden { None } else { r.committee },
                public: r.public,
                combined: if hidden { None } else { r.combined },
                disagreement: !hidden && r.disagreement,
                conflicted,
                decision: decision.and_then(|d| Decision::parse(&d.decision)),
                rationale: decision.map(|d| d.rationale.clone()),
                proposal_id: r.proposal_id,
            })
        })
        .collect();
    // Hidden rows go last (a stable sort), so their place tells nothing.
    rows.sort_by_key(|(hidden, _)| *hidden);
    let rows: Vec<RankingRow> = rows.into_iter().map(|(_, r)| r).collect();
    Ok(RankingDto {
        round_id: round.id,
        aggregation: Aggregation::parse(&round.aggregation).unwrap_or_default(),
        public_weight: u32::try_from(round.public_weight).unwrap_or(0),
        rows,
    })
}

fn decision_dto(d: &shortlist_decision::Model, title: String) -> DecisionDto {
    DecisionDto {
        proposal_id: d.proposal_id,
        proposal_title: title,
        decision: Decision::parse(&d.decision).unwrap_or(Decision::Shortlisted),
        rationale: d.rationale.clone(),
        decided_at: rfc3339(d.updated_at),
    }
}

/// The chair shortlists, selects or does not select a proposal of the round
/// with a public rationale: the proposal's status changes (with the
/// rationale as the official answer on its timeline, the author and
/// followers told), and the decision is recorded and audit-logged.
/// 403 for others and for a conflicted chair; 409 when the proposal's status
/// does not allow it (selecting needs shortlisting first) or the round is in preparation.
pub async fn decide(db: &DatabaseConnection, req: &Requester, round_id: i64, input: DecisionInput) -> Result<DecisionDto> {
    let (user, round, _, _) = seated(db, req, round_id, Some(input.proposal_id), Action::DecideProposal).await?;
    let p = in_round(db, round.id, input.proposal_id).await?;
    let (decision, rationale) = input.check().map_err(AppError::Validation)?;
    if state_of(&round) == RoundState::Draft {
        return Err(AppError::Conflict("The round has not opened yet.".into()));
    }
    let from = proposals::status_of(&p);
    if !decision.allowed_from().contains(&from) {
        let allowed = decision.allowed_from().iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" or ");
        return Err(AppError::Conflict(format!("A proposal that is {} cannot be {}; it must be {allowed}.", from.as_str(), decision.as_str())));
    }
    let now = Utc::now();
    let txn = db.begin().await?;
    status::apply(&txn, &p, from, decision.status(), Some(rationale.clone()), user.id, req.ip).await?;
    let before = shortlist_decision::Entity::find_by_id((round.id, p.id)).one(&txn).await?;
    let d = match before.clone() {
        Some(old) => {
            let mut active: shortlist_decision::ActiveModel = old.into();
            active.decision = Set(decision.as_str().into());
            active.rationale = Set(rationale.clone());
            active.decided_by = Set(user.id);
            active.updated_at = Set(now);
            active.update(&txn).await?
        }
        None => {
            shortlist_decision::ActiveModel {
                round_id: Set(round.id),
                proposal_id: Set(p.id),
                decision: Set(decision.as_str().into()),
                rationale: Set(rationale.clone()),
                decided_by: Set(user.id),
                decided_at: Set(now),
                updated_at: Set(now),
            }
            .insert(&txn)
            .await?
        }
    };
    let details = serde_json::json!({
        "round_id": round.id,
        "before": before.map(|b| serde_json::json!({ "decision": b.decision, "rationale": b.rationale })),
        "after": { "decision": decision.as_str(), "rationale": rationale },
    });
    audit::record(&txn, audit::Event::new("review_decision.made").actor(user.id).target("proposal", p.id).ip(req.ip).details(details)).await?;
    txn.commit().await?;
    Ok(decision_dto(&d, p.title))
}

/// The chair changes a decision's public rationale (audit-logged with
/// before and after; the proposal's timeline gets the new text).
pub async fn edit_rationale(db: &DatabaseConnection, req: &Requester, round_id: i64, pid: i64, input: RationaleInput) -> Result<DecisionDto> {
    let (user, round, _, _) = seated(db, req, round_id, Some(pid), Action::DecideProposal).await?;
    let p = in_round(db, round.id, pid).await?;
    let rationale = input.check().map_err(AppError::Validation)?;
    let old = shortlist_decision::Entity::find_by_id((round.id, pid)).one(db).await?.ok_or(AppError::NotFound)?;
    let now = Utc::now();
    let txn = db.begin().await?;
    let mut active: shortlist_decision::ActiveModel = old.clone().into();
    active.rationale = Set(rationale.clone());
    active.updated_at = Set(now);
    let d = active.update(&txn).await?;
    crate::entities::proposal_event::ActiveModel {
        proposal_id: Set(p.id),
        kind: Set("answer_edited".into()),
        from_status: Set(None),
        to_status: Set(Some(proposals::status_of(&p).as_str().into())),
        answer: Set(Some(rationale.clone())),
        actor_id: Set(Some(user.id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let details = serde_json::json!({ "round_id": round.id, "decision": old.decision, "before": old.rationale, "after": rationale });
    audit::record(&txn, audit::Event::new("review_decision.rationale_edited").actor(user.id).target("proposal", p.id).ip(req.ip).details(details)).await?;
    txn.commit().await?;
    Ok(decision_dto(&d, p.title))
}

// ---------------------------------------------------------------------------
// The public report

/// The public report of a closed round (409 before it closes). Individual
/// reviewers' scores are not in it (they are kept, for the committee).
pub async fn report(db: &DatabaseConnection, round_id: i64) -> Result<ReportDto> {
    let (round, c) = round_of(db, round_id).await?;
    if state_of(&round) != RoundState::Closed {
        return Err(AppError::Conflict("The report is published when the round closes.".into()));
    }
    let s = standing(db, &round).await?;
    let rows = s
        .ranked
        .iter()
        .map(|r| {
            let d = s.decisions.get(&r.proposal_id);
            ReportRow {
                rank: r.rank,
                proposal_id: r.proposal_id,
                title: s.titles.get(&r.proposal_id).cloned().unwrap_or_default(),
                supports: r.supports,
                reviewers: s.reviewers.get(&r.proposal_id).copied().unwrap_or(0),
                committee: r.committee,
                public: r.public,
                combined: r.combined,
                decision: d.and_then(|d| Decision::parse(&d.decision)),
                rationale: d.map(|d| d.rationale.clone()),
            }
        })
        .collect();
    let mut decisions: Vec<DecisionDto> = s.decisions.values().map(|d| decision_dto(d, s.titles.get(&d.proposal_id).cloned().unwrap_or_default())).collect();
    decisions.sort_by_key(|d| d.proposal_id);
    let conflicts = conflict_dtos(db, round.id, false).await?;
    let round = round_dto(db, round, &c, RoundAccess::default()).await?;
    Ok(ReportDto { round, rows, conflicts, decisions })
}

fn fixed(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.2}")).unwrap_or_default()
}

/// The report's table as CSV (UTF-8 with a byte-order mark, so spreadsheet
/// programs read the Korean right), one row per proposal.
pub fn report_csv(report: &ReportDto) -> String {
    crate::services::csv_document(&REPORT_COLUMNS, report.rows.iter().map(report_cells))
}

const REPORT_COLUMNS: [&str; 10] =
    ["순위 rank", "제안 번호 proposal_id", "제목 title", "공감 supports", "심사위원 수 reviewers", "심사 점수 committee", "국민 선호 public", "종합 점수 combined", "결정 decision", "사유 rationale"];

fn report_cells(r: &ReportRow) -> Vec<String> {
    vec![
        r.rank.map(|n| n.to_string()).unwrap_or_default(),
        r.proposal_id.to_string(),
        r.title.clone(),
        r.supports.to_string(),
        r.reviewers.to_string(),
        fixed(r.committee),
        fixed(Some(r.public)),
        fixed(r.combined),
        r.decision.map(|d| d.as_str().to_owned()).unwrap_or_default(),
        r.rationale.clone().unwrap_or_default(),
    ]
}

/// The report as an XLSX workbook: the ranking, the round's rules (criteria,
/// weights, method) and the conflicts declared, one sheet each.
pub fn report_xlsx(report: &ReportDto) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| AppError::Internal(anyhow::anyhow!("failed to write the report workbook: {e}"));
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let ranking = book.add_worksheet().set_name("순위").map_err(fail)?;
    for (col, name) in REPORT_COLUMNS.iter().enumerate() {
        ranking.write_string_with_format(0, col as u16, *name, &bold).map_err(fail)?;
    }
    for (i, r) in report.rows.iter().enumerate() {
        let row = i as u32 + 1;
        if let Some(rank) = r.rank {
            ranking.write_number(row, 0, f64::from(rank)).map_err(fail)?;
        }
        ranking.write_number(row, 1, r.proposal_id as f64).map_err(fail)?;
        ranking.write_string(row, 2, &r.title).map_err(fail)?;
        ranking.write_number(row, 3, r.supports as f64).map_err(fail)?;
        ranking.write_number(row, 4, r.reviewers as f64).map_err(fail)?;
        for (col, v) in [(5u16, r.committee), (6, Some(r.public)), (7, r.combined)] {
            if let Some(v) = v {
                ranking.write_number(row, col, (v * 100.0).round() / 100.0).map_err(fail)?;
            }
        }
        ranking.write_string(row, 8, r.decision.map(|d| d.as_str()).unwrap_or_default()).map_err(fail)?;
        ranking.write_string(row, 9, r.rationale.as_deref().unwrap_or_default()).map_err(fail)?;
    }
    ranking.set_column_width(2, 50).map_err(fail)?;
    ranking.set_column_width(9, 60).map_err(fail)?;
    let rules = book.add_worksheet().set_name("기준").map_err(fail)?;
    let round = &report.round;
    let facts: [(&str, String); 6] = [
        ("심사 round", round.title.clone()),
        ("과정 process", round.process_title.clone()),
        ("방법 method", round.aggregation.as_str().to_owned()),
        ("국민 선호 비중 public weight (%)", round.public_weight.to_string()),
        ("블라인드 blind", round.blind.to_string()),
        ("마감 deadline", round.deadline.clone()),
    ];
    for (i, (k, v)) in facts.iter().enumerate() {
        rules.write_string_with_format(i as u32, 0, *k, &bold).map_err(fail)?;
        rules.write_string(i as u32, 1, v).map_err(fail)?;
    }
    let top = facts.len() as u32 + 1;
    for (col, name) in ["기준 criterion", "가중치 weight", "최저 min", "최고 max"].iter().enumerate() {
        rules.write_string_with_format(top, col as u16, *name, &bold).map_err(fail)?;
    }
    for (i, c) in round.criteria.iter().enumerate() {
        let row = top + 1 + i as u32;
        rules.write_string(row, 0, &c.name).map_err(fail)?;
        rules.write_number(row, 1, f64::from(c.weight)).map_err(fail)?;
        rules.write_number(row, 2, f64::from(c.scale_min)).map_err(fail)?;
        rules.write_number(row, 3, f64::from(c.scale_max)).map_err(fail)?;
    }
    rules.set_column_width(0, 30).map_err(fail)?;
    let conflicts = book.add_worksheet().set_name("이해충돌").map_err(fail)?;
    for (col, name) in ["제안 번호 proposal_id", "제목 title", "심사위원 reviewer", "구분 source", "사유 reason"].iter().enumerate() {
        conflicts.write_string_with_format(0, col as u16, *name, &bold).map_err(fail)?;
    }
    for (i, c) in report.conflicts.iter().enumerate() {
        let row = i as u32 + 1;
        conflicts.write_number(row, 0, c.proposal_id as f64).map_err(fail)?;
        conflicts.write_string(row, 1, &c.proposal_title).map_err(fail)?;
        conflicts.write_string(row, 2, &c.reviewer_name).map_err(fail)?;
        conflicts.write_string(row, 3, &c.source).map_err(fail)?;
        conflicts.write_string(row, 4, &c.reason).map_err(fail)?;
    }
    book.save_to_buffer().map_err(fail)
}
