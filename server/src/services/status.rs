//! Official status changes (공식 상태 변경): the admins of a proposal's
//! process move it along its review path (DESIGN.md §3: published → under
//! review → shortlisted → selected → in progress → completed, with "not
//! selected" as the side exit) and may give a public answer (공식 답변).
//!
//! One change is, in one transaction: the status (conditional on the status
//! read, so two admins acting at once cannot both move it), a timeline event
//! with the answer, a notification to the author and the followers, and an
//! audit-log entry. Drafts, withdrawals and hiding are not reachable here:
//! they belong to the author and to moderation.

use crate::entities::{proposal, proposal_event};
use crate::error::{AppError, Result};
use crate::policy::{self, Action, Resource, Role, Scope};
use crate::services::accounts::{self, Requester};
use crate::services::{audit, notifications, proposals};
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, TransactionTrait};
use shared::participation::{ProposalDto, ProposalStatus, StatusChangeInput};

/// The kind of the timeline event and of the notification.
const KIND: &str = "status_changed";

/// Why a change is refused, in words a client can show (409).
fn refusal(from: ProposalStatus, to: ProposalStatus) -> String {
    if matches!(to, ProposalStatus::Draft | ProposalStatus::Withdrawn | ProposalStatus::Hidden) {
        return format!(
            "A proposal cannot be made {} here: withdrawing is its author's decision and hiding is moderation's.",
            to.as_str()
        );
    }
    let next = from.official_next();
    if next.is_empty() {
        return format!("A proposal that is {} has no further official status.", from.as_str());
    }
    let allowed = next.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ");
    format!("A proposal that is {} can become {allowed}, not {}.", from.as_str(), to.as_str())
}

/// Changes a proposal's status with an optional public answer (admins of
/// its process). 401 signed out, 404 for no such proposal, 403 for others,
/// 422 for an unknown status or a too-long answer, 409 for a change the
/// review path does not allow from the current status.
pub async fn change(db: &DatabaseConnection, req: &Requester, id: i64, input: StatusChangeInput) -> Result<ProposalDto> {
    let user = accounts::require(db, req).await?;
    let actor = accounts::actor(db, &user).await?;
    let p = proposals::find_visible(db, Some(&actor), id).await?;
    accounts::ensure(&actor, Action::ChangeProposalStatus, Resource::Scope(Scope::Process(p.process_id)))?;
    let (to, answer) = input.check().map_err(AppError::Validation)?;
    let from = proposals::status_of(&p);
    if !from.official_next().contains(&to) {
        return Err(AppError::Conflict(refusal(from, to)));
    }
    let txn = db.begin().await?;
    apply(&txn, &p, from, to, answer, user.id, req.ip).await?;
    txn.commit().await?;
    tracing::info!(proposal.id = p.id, from = from.as_str(), to = to.as_str(), "proposal status changed");
    proposals::get(db, req, id).await
}

/// Moves a proposal from `from` to `to` inside the caller's transaction:
/// the status (only if still `from`, else 409), a timeline event with the
/// answer, notifications to the author and followers (not the actor), and
/// an audit entry. The caller has checked that the move is allowed. Also
/// used by the review committee's decisions.
pub(crate) async fn apply(
    txn: &DatabaseTransaction,
    p: &proposal::Model,
    from: ProposalStatus,
    to: ProposalStatus,
    answer: Option<String>,
    actor_id: i64,
    ip: Option<std::net::IpAddr>,
) -> Result<()> {
    let now = Utc::now();
    let moved = proposal::Entity::update_many()
        .col_expr(proposal::Column::Status, Expr::value(to.as_str()))
        .col_expr(proposal::Column::UpdatedAt, Expr::value(now))
        .filter(proposal::Column::Id.eq(p.id))
        .filter(proposal::Column::Status.eq(from.as_str()))
        .exec(txn)
        .await?
        .rows_affected;
    if moved != 1 {
        return Err(AppError::Conflict("The status changed meanwhile; load the proposal again and retry.".into()));
    }
    proposal_event::ActiveModel {
        proposal_id: Set(p.id),
        kind: Set(KIND.to_owned()),
        from_status: Set(Some(from.as_str().to_owned())),
        to_status: Set(Some(to.as_str().to_owned())),
        answer: Set(answer.clone()),
        actor_id: Set(Some(actor_id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    // The author always hears of it, even after unfollowing; the one who
    // made the change does not (`notify` leaves out the actor).
    let mut told = notifications::followers(txn, p.id).await?;
    told.push(p.author_id);
    let payload = serde_json::json!({ "title": p.title, "from": from.as_str(), "to": to.as_str(), "answer": answer });
    notifications::notify(txn, told, Some(actor_id), KIND, Some(p.id), None, payload).await?;
    let details = serde_json::json!({ "from": from.as_str(), "to": to.as_str(), "answer": answer });
    audit::record(txn, audit::Event::new("proposal.status_changed").actor(actor_id).target("proposal", p.id).ip(ip).details(details)).await?;
    Ok(())
}

/// The statuses the person asking may move a proposal to now: empty when
/// signed out, when not an admin of its process, or at the end of the path;
/// 404 (for admins) as for reading the proposal. Every proposal page asks,
/// so people who hold no admin role at all cost no look-up of the proposal.
pub async fn options(db: &DatabaseConnection, req: &Requester, id: i64) -> Result<Vec<ProposalStatus>> {
    let Some(user) = accounts::current(db, req).await? else {
        return Ok(Vec::new());
    };
    let actor = accounts::actor(db, &user).await?;
    if !actor.grants.iter().any(|g| g.role == Role::Admin) {
        return Ok(Vec::new());
    }
    let p = proposals::find_visible(db, Some(&actor), id).await?;
    if !policy::allows(&actor, Action::ChangeProposalStatus, Resource::Scope(Scope::Process(p.process_id))) {
        return Ok(Vec::new());
    }
    Ok(proposals::status_of(&p).official_next().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_say_what_is_possible_instead() {
        use ProposalStatus::*;
        assert_eq!(refusal(UnderReview, Completed), "A proposal that is under_review can become shortlisted, not_selected, published, not completed.");
        assert_eq!(refusal(Completed, Selected), "A proposal that is completed has no further official status.");
        assert!(refusal(Published, Hidden).contains("moderation"));
    }
}
