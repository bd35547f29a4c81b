//! A person's data: download everything the platform holds about them
//! (JSON), and delete their account. After deletion the account row stays
//! (public contributions keep pointing at it) but says nothing about the
//! person: no e-mail, no name, no password, no linked providers, roles,
//! memberships, tokens or sessions.

use crate::auth::session_store::DbSessionStore;
use crate::entities::{audit_log, comment, identity, organisation, organisation_member, proposal, report, role_grant, site_feedback, support};
use crate::error::{AppError, Result};
use crate::policy::{Action, Resource};
use crate::services::accounts::{self, Requester};
use crate::services::{access, audit, throttle, tokens};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, TransactionTrait,
};
use serde_json::{Value, json};
use shared::access::DeleteAccountInput;
use shared::error::FieldProblem;
use shared::FieldError;

/// The name shown for contributions of a deleted account.
pub const DELETED_NAME: &str = "탈퇴한 사용자";

use crate::services::rfc3339 as ts;

/// Everything about the signed-in user, as one JSON document.
pub async fn export(db: &DatabaseConnection, req: &Requester) -> Result<Value> {
    let user = accounts::require_session(db, req).await?;
    accounts::ensure(&accounts::actor(db, &user).await?, Action::ManageOwnAccount, Resource::User(user.id))?;
    let identities = identity::Entity::find().filter(identity::Column::UserId.eq(user.id)).all(db).await?;
    let memberships = organisation_member::Entity::find().filter(organisation_member::Column::UserId.eq(user.id)).all(db).await?;
    let orgs: std::collections::HashMap<i64, organisation::Model> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(memberships.iter().map(|m| m.organisation_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let organisations: Vec<Value> = memberships
        .iter()
        .filter_map(|m| {
            let o = orgs.get(&m.organisation_id)?;
            Some(json!({ "name": o.name, "kind": o.kind, "title": m.title, "since": ts(m.created_at) }))
        })
        .collect();
    // Participation: what the person wrote, supported and reported.
    let proposals = proposal::Entity::find().filter(proposal::Column::AuthorId.eq(user.id)).order_by_asc(proposal::Column::Id).all(db).await?;
    let comments = comment::Entity::find().filter(comment::Column::AuthorId.eq(user.id)).order_by_asc(comment::Column::Id).all(db).await?;
    let supports = support::Entity::find().filter(support::Column::UserId.eq(user.id)).order_by_asc(support::Column::Id).all(db).await?;
    let reports = report::Entity::find().filter(report::Column::ReporterId.eq(user.id)).order_by_asc(report::Column::Id).all(db).await?;
    let roles = role_grant::Entity::find().filter(role_grant::Column::UserId.eq(user.id)).all(db).await?;
    let api_tokens = tokens::list(db, req).await?;
    let feedback = site_feedback::Entity::find().filter(site_feedback::Column::Email.eq(user.email.as_str())).all(db).await?;
    let meetings = meeting_data(db, user.id).await?;
    let events = audit_log::Entity::find()
        .filter(audit_log::Column::ActorUserId.eq(user.id))
        .order_by_desc(audit_log::Column::Id)
        .limit(1000)
        .all(db)
        .await?;
    audit::record(db, audit::Event::new("account.exported").actor(user.id).target("user", user.id).ip(req.ip)).await?;
    Ok(json!({
        "format": "hamkke.personal-data.v1",
        "exported_at": ts(Utc::now()),
        "account": {
            "id": user.id,
            "email": user.email,
            "display_name": user.display_name,
            "verification_level": user.verification_level,
            "locale": user.locale,
            "has_password": user.password_hash.is_some(),
            "created_at": ts(user.created_at),
            "last_sign_in_at": user.last_sign_in_at.map(ts),
        },
        "linked_providers": identities.iter().map(|i| json!({
            "provider": i.provider, "subject": i.subject, "email": i.email, "linked_at": ts(i.created_at),
        })).collect::<Vec<_>>(),
        "organisations": organisations,
        "roles": roles.iter().map(access::grant_dto).collect::<Vec<_>>(),
        "api_tokens": api_tokens,
        "site_feedback": feedback.iter().map(|f| json!({
            "receipt": f.receipt, "category": f.category, "message": f.message, "status": f.status, "created_at": ts(f.created_at),
        })).collect::<Vec<_>>(),
        "proposals": proposals.iter().map(|p| json!({
            "id": p.id, "process_id": p.process_id, "title": p.title, "problem": p.problem, "solution": p.solution,
            "effect": p.effect, "area_code": p.area_code, "region_code": p.region_code, "status": p.status,
            "created_at": ts(p.created_at), "published_at": p.published_at.map(ts),
        })).collect::<Vec<_>>(),
        "comments": comments.iter().map(|c| json!({
            "id": c.id, "proposal_id": c.proposal_id, "parent_id": c.parent_id, "alignment": c.alignment,
            "body": if c.deleted_at.is_some() { Value::Null } else { Value::from(c.body.clone()) },
            "created_at": ts(c.created_at), "edited_at": c.edited_at.map(ts), "deleted_at": c.deleted_at.map(ts),
        })).collect::<Vec<_>>(),
        "supports": supports.iter().map(|s| json!({ "proposal_id": s.proposal_id, "at": ts(s.created_at) })).collect::<Vec<_>>(),
        "reports_filed": reports.iter().map(|r| json!({
            "target_kind": r.target_kind, "target_id": r.target_id, "reason": r.reason, "at": ts(r.created_at),
        })).collect::<Vec<_>>(),
        "councils": meetings.councils,
        "meeting_registrations": meetings.registrations,
        "meeting_agenda_items_presented": meetings.presenting,
        "meeting_questions": meetings.questions,
        "meeting_question_upvotes": meetings.upvotes,
        "meeting_hands": meetings.hands,
        "poll_votes": meetings.votes,
        "activity": events.iter().map(|e| json!({
            "at": ts(e.created_at), "action": e.action, "target_kind": e.target_kind, "target_id": e.target_id, "ip": e.ip,
        })).collect::<Vec<_>>(),
    }))
}

/// The person's part in councils and meetings, for [`export`].
struct MeetingData {
    councils: Vec<Value>,
    registrations: Vec<Value>,
    presenting: Vec<Value>,
    questions: Vec<Value>,
    upvotes: Vec<Value>,
    hands: Vec<Value>,
    votes: Vec<Value>,
}

async fn meeting_data(db: &DatabaseConnection, user_id: i64) -> Result<MeetingData> {
    use crate::entities::{
        council, council_member, meeting, meeting_agenda_item, meeting_hand, meeting_poll, meeting_poll_vote, meeting_question,
        meeting_question_upvote, meeting_registration,
    };
    let seats = council_member::Entity::find().filter(council_member::Column::UserId.eq(user_id)).all(db).await?;
    let councils: std::collections::HashMap<i64, String> = council::Entity::find()
        .filter(council::Column::Id.is_in(seats.iter().map(|m| m.council_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let registrations = meeting_registration::Entity::find()
        .filter(meeting_registration::Column::UserId.eq(user_id))
        .order_by_asc(meeting_registration::Column::Id)
        .all(db)
        .await?;
    let questions = meeting_question::Entity::find()
        .filter(meeting_question::Column::AuthorId.eq(user_id))
        .order_by_asc(meeting_question::Column::Id)
        .all(db)
        .await?;
    let upvotes = meeting_question_upvote::Entity::find()
        .filter(meeting_question_upvote::Column::UserId.eq(user_id))
        .all(db)
        .await?;
    let presenting = meeting_agenda_item::Entity::find()
        .filter(meeting_agenda_item::Column::PresenterId.eq(user_id))
        .order_by_asc(meeting_agenda_item::Column::Id)
        .all(db)
        .await?;
    let hands = meeting_hand::Entity::find()
        .filter(meeting_hand::Column::UserId.eq(user_id))
        .order_by_asc(meeting_hand::Column::Id)
        .all(db)
        .await?;
    let votes = meeting_poll_vote::Entity::find()
        .filter(meeting_poll_vote::Column::UserId.eq(user_id))
        .order_by_asc(meeting_poll_vote::Column::Id)
        .all(db)
        .await?;
    let polls: std::collections::HashMap<i64, meeting_poll::Model> = meeting_poll::Entity::find()
        .filter(meeting_poll::Column::Id.is_in(votes.iter().map(|v| v.poll_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let meeting_ids: Vec<i64> = registrations
        .iter()
        .map(|r| r.meeting_id)
        .chain(questions.iter().map(|q| q.meeting_id))
        .chain(hands.iter().map(|h| h.meeting_id))
        .chain(presenting.iter().map(|a| a.meeting_id))
        .chain(polls.values().map(|p| p.meeting_id))
        .collect();
    let titles: std::collections::HashMap<i64, String> = meeting::Entity::find()
        .filter(meeting::Column::Id.is_in(meeting_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.title))
        .collect();
    let title = |id: &i64| titles.get(id).cloned();
    Ok(MeetingData {
        councils: seats
            .iter()
            .map(|m| json!({
                "council_id": m.council_id, "council": councils.get(&m.council_id), "side": m.side,
                "organisation_id": m.organisation_id, "role": m.role,
            }))
            .collect(),
        // The check-in code is left out: it opens the door, and a download is easily passed on.
        registrations: registrations
            .iter()
            .map(|r| json!({
                "meeting_id": r.meeting_id, "meeting": title(&r.meeting_id), "mode": r.mode, "state": r.state,
                "checked_in_at": r.checked_in_at.map(ts), "checked_in_by": r.check_in_channel, "joined_online_at": r.joined_at.map(ts),
                "registered_at": ts(r.created_at), "updated_at": ts(r.updated_at),
            }))
            .collect(),
        presenting: presenting
            .iter()
            .map(|a| json!({
                "meeting_id": a.meeting_id, "meeting": title(&a.meeting_id), "agenda_item": a.title,
                "proposal_id": a.proposal_id,
            }))
            .collect(),
        questions: questions
            .iter()
            .map(|q| json!({
                "id": q.id, "meeting_id": q.meeting_id, "meeting": title(&q.meeting_id), "body": q.body,
                "state": q.state, "asked_at": ts(q.created_at),
            }))
            .collect(),
        upvotes: upvotes.iter().map(|u| json!({ "question_id": u.question_id, "at": ts(u.created_at) })).collect(),
        hands: hands
            .iter()
            .map(|h| json!({
                "meeting_id": h.meeting_id, "meeting": title(&h.meeting_id), "mode": h.mode, "state": h.state,
                "raised_at": ts(h.raised_at), "ended_at": h.ended_at.map(ts),
            }))
            .collect(),
        votes: votes
            .iter()
            .map(|v| {
                let poll = polls.get(&v.poll_id);
                // The options chosen, by their text (the vote stores their numbers).
                let options: Vec<String> = poll.and_then(|p| serde_json::from_str(&p.options).ok()).unwrap_or_default();
                let chosen: Vec<Value> = serde_json::from_str::<Vec<usize>>(&v.choices)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|i| options.get(i).map_or_else(|| Value::from(i), |o| Value::from(o.clone())))
                    .collect();
                json!({
                    "poll_id": v.poll_id, "question": poll.map(|p| p.question.clone()),
                    "meeting_id": poll.map(|p| p.meeting_id), "meeting": poll.and_then(|p| title(&p.meeting_id)),
                    "choices": chosen,
                    "from": v.mode, "voted_at": ts(v.created_at), "changed_at": ts(v.updated_at),
                })
            })
            .collect(),
    })
}

/// Deletes the signed-in user's account after checking the password (if
/// the account has one) and the confirmation word.
pub async fn delete_account(db: &DatabaseConnection, req: &Requester, input: DeleteAccountInput) -> Result<()> {
    let user = accounts::require_session(db, req).await?;
    accounts::ensure(&accounts::actor(db, &user).await?, Action::ManageOwnAccount, Resource::User(user.id))?;
    if input.confirm.trim() != DeleteAccountInput::CONFIRM {
        return Err(AppError::Validation(vec![FieldError::new(
            "confirm",
            FieldProblem::Invalid,
            format!("Type {} to confirm.", DeleteAccountInput::CONFIRM),
        )]));
    }
    if user.password_hash.is_some() {
        let now = Utc::now();
        let key = accounts::account_key(&user.email);
        throttle::check(db, std::slice::from_ref(&key), now).await?;
        if !crate::auth::password::verify(input.password, user.password_hash.clone()).await? {
            throttle::record_failure(db, &key, 5, now).await?;
            return Err(AppError::Validation(vec![FieldError::new(
                "password",
                FieldProblem::Invalid,
                "The password is wrong.",
            )]));
        }
    }
    let txn = db.begin().await?;
    let id = user.id;
    identity::Entity::delete_many().filter(identity::Column::UserId.eq(id)).exec(&txn).await?;
    role_grant::Entity::delete_many().filter(role_grant::Column::UserId.eq(id)).exec(&txn).await?;
    organisation_member::Entity::delete_many().filter(organisation_member::Column::UserId.eq(id)).exec(&txn).await?;
    crate::entities::task_follow::Entity::delete_many().filter(crate::entities::task_follow::Column::UserId.eq(id)).exec(&txn).await?;
    // SOS requests they were answering go back to the desk.
    {
        use crate::entities::sos_request;
        sos_request::Entity::update_many()
            .col_expr(sos_request::Column::State, sea_orm::sea_query::Expr::value("open"))
            .filter(sos_request::Column::AssigneeId.eq(id))
            .filter(sos_request::Column::State.eq("assigned"))
            .exec(&txn)
            .await?;
        sos_request::Entity::update_many()
            .col_expr(sos_request::Column::AssigneeId, sea_orm::sea_query::Expr::value(Option::<i64>::None))
            .filter(sos_request::Column::AssigneeId.eq(id))
            .exec(&txn)
            .await?;
    }
    // Off every council; seats held in meetings to come go to those waiting.
    crate::services::meetings::leave_all(&txn, id).await?;
    tokens::revoke_all(&txn, id).await?;
    DbSessionStore::delete_for_user(&txn, id, None).await?;
    let now = Utc::now();
    let mut active = user.into_active_model();
    active.email = Set(format!("deleted-{id}@deleted.invalid"));
    active.display_name = Set(DELETED_NAME.to_owned());
    active.password_hash = Set(None);
    active.verification_level = Set("unverified".to_owned());
    active.deleted_at = Set(Some(now));
    active.updated_at = Set(now);
    active.last_sign_in_at = Set(None);
    active.update(&txn).await?;
    audit::record(&txn, audit::Event::new("account.deleted").actor(id).target("user", id).ip(req.ip)).await?;
    txn.commit().await?;
    // Again after the commit: a request between the first clearing and the
    // commit could have cached the token while it was still live.
    tokens::forget_cached();
    req.session.flush().await.map_err(accounts::session_err)?;
    tracing::info!(user.id = id, "account deleted");
    Ok(())
}
