//! A person's data: download everything the platform holds about them
//! (JSON), and delete their account. After deletion the account row stays
//! (public contributions keep pointing at it) but says nothing about the
//! person: no e-mail, no name, no password, no linked providers, roles,
//! memberships, tokens or sessions.

use crate::auth::session_store::DbSessionStore;
use crate::entities::{
    audit_log, comment, identity, notification, organisation, organisation_member, proposal, report, role_grant, site_feedback, support,
};
use crate::error::{AppError, Result};
use crate::policy::{Action, Resource};
use crate::services::accounts::{self, Requester};
use crate::services::{access, audit, throttle, tokens};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, TransactionTrait,
};
use serde_json::{Value, json};
use shared::access::DeleteAccountInput;
use shared::error::FieldProblem;
use shared::FieldError;
use std::collections::HashMap;

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
    let review = review_data(db, user.id).await?;
    let tasks = task_data(db, user.id).await?;
    let notifications = notification::Entity::find()
        .filter(notification::Column::UserId.eq(user.id))
        .order_by_desc(notification::Column::Id)
        .limit(1000)
        .all(db)
        .await?;
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
        "review_committees": review.committees,
        "review_assignments": review.assignments,
        "review_conflicts": review.conflicts,
        "review_sheets": review.sheets,
        "review_messages": review.messages,
        "task_memberships": tasks.memberships,
        "tasks_followed": tasks.follows,
        "task_updates": tasks.updates,
        "sos_requests": tasks.requests,
        "sos_messages": tasks.messages,
        // The latest 1,000, like the activity. Who set each off (`actor_id`)
        // is left out: the notification centre never shows it, and it can be
        // someone the person may not know of (a desk responder, an admin).
        "notifications": notifications.iter().map(|n| json!({
            "kind": n.kind, "proposal_id": n.proposal_id, "comment_id": n.comment_id,
            "payload": serde_json::from_str::<Value>(&n.payload).unwrap_or_else(|_| Value::from(n.payload.clone())),
            "created_at": ts(n.created_at), "read_at": n.read_at.map(ts), "emailed_at": n.emailed_at.map(ts),
        })).collect::<Vec<_>>(),
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

/// The person's part in committee review, for [`export`].
struct ReviewData {
    committees: Vec<Value>,
    assignments: Vec<Value>,
    conflicts: Vec<Value>,
    sheets: Vec<Value>,
    messages: Vec<Value>,
}

async fn review_data(db: &DatabaseConnection, user_id: i64) -> Result<ReviewData> {
    use crate::entities::{
        committee, committee_member, conflict_declaration, review_assignment, review_message, review_round, review_score, review_sheet,
        review_sheet_version, rubric_criterion,
    };
    use shared::review::{RoundState, ScoreDto};
    let seats = committee_member::Entity::find()
        .filter(committee_member::Column::UserId.eq(user_id))
        .order_by_asc(committee_member::Column::CommitteeId)
        .all(db)
        .await?;
    let committees: HashMap<i64, String> = committee::Entity::find()
        .filter(committee::Column::Id.is_in(seats.iter().map(|m| m.committee_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let orgs: HashMap<i64, String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(seats.iter().filter_map(|m| m.organisation_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let assignments = review_assignment::Entity::find()
        .filter(review_assignment::Column::ReviewerId.eq(user_id))
        .order_by_asc(review_assignment::Column::RoundId)
        .order_by_asc(review_assignment::Column::ProposalId)
        .all(db)
        .await?;
    let conflicts = conflict_declaration::Entity::find()
        .filter(conflict_declaration::Column::ReviewerId.eq(user_id))
        .order_by_asc(conflict_declaration::Column::Id)
        .all(db)
        .await?;
    let sheets = review_sheet::Entity::find()
        .filter(review_sheet::Column::ReviewerId.eq(user_id))
        .order_by_asc(review_sheet::Column::Id)
        .all(db)
        .await?;
    let sheet_ids: Vec<i64> = sheets.iter().map(|s| s.id).collect();
    let scores = review_score::Entity::find().filter(review_score::Column::SheetId.is_in(sheet_ids.clone())).all(db).await?;
    let versions = review_sheet_version::Entity::find()
        .filter(review_sheet_version::Column::SheetId.is_in(sheet_ids))
        .order_by_asc(review_sheet_version::Column::Version)
        .all(db)
        .await?;
    let messages = review_message::Entity::find()
        .filter(review_message::Column::AuthorId.eq(user_id))
        .order_by_asc(review_message::Column::Id)
        .all(db)
        .await?;
    let round_ids: Vec<i64> = assignments
        .iter()
        .map(|a| a.round_id)
        .chain(conflicts.iter().map(|c| c.round_id))
        .chain(sheets.iter().map(|s| s.round_id))
        .chain(messages.iter().map(|m| m.round_id))
        .collect();
    let rounds: HashMap<i64, review_round::Model> =
        review_round::Entity::find().filter(review_round::Column::Id.is_in(round_ids)).all(db).await?.into_iter().map(|r| (r.id, r)).collect();
    // The rubric of the rounds scored, to give each score its criterion's name.
    let criteria: HashMap<i64, rubric_criterion::Model> = rubric_criterion::Entity::find()
        .filter(rubric_criterion::Column::RoundId.is_in(sheets.iter().map(|s| s.round_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let proposal_ids: Vec<i64> = assignments
        .iter()
        .map(|a| a.proposal_id)
        .chain(conflicts.iter().map(|c| c.proposal_id))
        .chain(sheets.iter().map(|s| s.proposal_id))
        .chain(messages.iter().map(|m| m.proposal_id))
        .collect();
    let titles: HashMap<i64, String> = proposal::Entity::find()
        .select_only()
        .columns([proposal::Column::Id, proposal::Column::Title])
        .filter(proposal::Column::Id.is_in(proposal_ids))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let round_title = |id: &i64| rounds.get(id).map(|r| r.title.clone());
    let proposal_title = |id: &i64| titles.get(id).cloned();
    // A score by its criterion's name (its number if the rubric has changed since).
    let score = |s: &ScoreDto| {
        let criterion = criteria.get(&s.criterion_id).map_or_else(|| Value::from(s.criterion_id), |c| Value::from(c.name.clone()));
        json!({ "criterion": criterion, "score": s.score, "comment": s.comment })
    };
    let position = |criterion_id: i64| criteria.get(&criterion_id).map_or(i32::MAX, |c| c.position);
    Ok(ReviewData {
        committees: seats
            .iter()
            .map(|m| json!({
                "committee_id": m.committee_id, "committee": committees.get(&m.committee_id), "kind": m.kind, "chair": m.chair,
                "organisation_id": m.organisation_id, "organisation": m.organisation_id.and_then(|id| orgs.get(&id)),
            }))
            .collect(),
        // `active` is false once the assignment was withdrawn (a conflict of interest).
        assignments: assignments
            .iter()
            .map(|a| json!({
                "round_id": a.round_id, "round": round_title(&a.round_id), "proposal_id": a.proposal_id,
                "proposal": proposal_title(&a.proposal_id), "active": a.active, "assigned_at": ts(a.created_at),
            }))
            .collect(),
        conflicts: conflicts
            .iter()
            .map(|c| {
                // In a blind round not yet closed, the reason of an automatic
                // conflict ("same organisation") would say who is behind the
                // proposal: the round's own pages hold it back until it
                // closes (and the public report gives it), and so does this.
                let blind = rounds.get(&c.round_id).is_some_and(|r| r.blind && r.state != RoundState::Closed.as_str());
                let reason = if blind && c.source == "automatic" { "automatic" } else { c.reason.as_str() };
                json!({
                    "round_id": c.round_id, "round": round_title(&c.round_id), "proposal_id": c.proposal_id,
                    "proposal": proposal_title(&c.proposal_id), "source": c.source, "reason": reason, "recorded_at": ts(c.created_at),
                })
            })
            .collect(),
        sheets: sheets
            .iter()
            .map(|s| {
                let mut current: Vec<&review_score::Model> = scores.iter().filter(|x| x.sheet_id == s.id).collect();
                current.sort_by_key(|x| (position(x.criterion_id), x.criterion_id));
                let submitted: Vec<Value> = versions
                    .iter()
                    .filter(|v| v.sheet_id == s.id)
                    .map(|v| json!({
                        "version": v.version,
                        "scores": serde_json::from_str::<Vec<ScoreDto>>(&v.scores).unwrap_or_default().iter().map(score).collect::<Vec<_>>(),
                        "comment": v.comment, "total": v.total, "submitted_at": ts(v.submitted_at),
                    }))
                    .collect();
                json!({
                    "round_id": s.round_id, "round": round_title(&s.round_id), "proposal_id": s.proposal_id,
                    "proposal": proposal_title(&s.proposal_id), "state": s.state, "comment": s.comment,
                    "scores": current
                        .iter()
                        .map(|x| score(&ScoreDto { criterion_id: x.criterion_id, score: x.score, comment: x.comment.clone() }))
                        .collect::<Vec<_>>(),
                    "updated_at": ts(s.updated_at), "submitted_at": s.submitted_at.map(ts), "submitted_versions": submitted,
                })
            })
            .collect(),
        messages: messages
            .iter()
            .map(|m| json!({
                "round_id": m.round_id, "round": round_title(&m.round_id), "proposal_id": m.proposal_id,
                "proposal": proposal_title(&m.proposal_id), "body": m.body, "written_at": ts(m.created_at),
            }))
            .collect(),
    })
}

/// The person's part in task forces and the collaboration SOS desk, for [`export`].
struct TaskData {
    memberships: Vec<Value>,
    follows: Vec<Value>,
    updates: Vec<Value>,
    requests: Vec<Value>,
    messages: Vec<Value>,
}

async fn task_data(db: &DatabaseConnection, user_id: i64) -> Result<TaskData> {
    use crate::entities::{sos_message, sos_request, sos_request_organisation, task, task_follow, task_member, task_update};
    let memberships = task_member::Entity::find()
        .filter(task_member::Column::UserId.eq(user_id))
        .order_by_asc(task_member::Column::TaskId)
        .all(db)
        .await?;
    let follows = task_follow::Entity::find()
        .filter(task_follow::Column::UserId.eq(user_id))
        .order_by_asc(task_follow::Column::TaskId)
        .all(db)
        .await?;
    let updates = task_update::Entity::find()
        .filter(task_update::Column::AuthorId.eq(user_id))
        .order_by_asc(task_update::Column::Id)
        .all(db)
        .await?;
    let messages = sos_message::Entity::find()
        .filter(sos_message::Column::AuthorId.eq(user_id))
        .order_by_asc(sos_message::Column::Id)
        .all(db)
        .await?;
    // The requests they raised, and those they wrote in (for their titles).
    let requests = sos_request::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(sos_request::Column::RequesterId.eq(user_id))
                .add(sos_request::Column::Id.is_in(messages.iter().map(|m| m.request_id).collect::<Vec<_>>())),
        )
        .order_by_asc(sos_request::Column::Id)
        .all(db)
        .await?;
    let raised: Vec<&sos_request::Model> = requests.iter().filter(|r| r.requester_id == user_id).collect();
    let concerned = sos_request_organisation::Entity::find()
        .filter(sos_request_organisation::Column::RequestId.is_in(raised.iter().map(|r| r.id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    let orgs: HashMap<i64, String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(concerned.iter().map(|o| o.organisation_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let task_ids: Vec<i64> = memberships
        .iter()
        .map(|m| m.task_id)
        .chain(follows.iter().map(|f| f.task_id))
        .chain(updates.iter().map(|u| u.task_id))
        .chain(requests.iter().map(|r| r.task_id))
        .collect();
    let tasks: HashMap<i64, String> = task::Entity::find()
        .select_only()
        .columns([task::Column::Id, task::Column::Title])
        .filter(task::Column::Id.is_in(task_ids))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let task_title = |id: &i64| tasks.get(id).cloned();
    let request_of: HashMap<i64, &sos_request::Model> = requests.iter().map(|r| (r.id, r)).collect();
    Ok(TaskData {
        memberships: memberships
            .iter()
            .map(|m| json!({ "task_id": m.task_id, "task": task_title(&m.task_id), "role": m.role }))
            .collect(),
        follows: follows
            .iter()
            .map(|f| json!({ "task_id": f.task_id, "task": task_title(&f.task_id), "since": ts(f.created_at) }))
            .collect(),
        updates: updates
            .iter()
            .map(|u| json!({
                "id": u.id, "task_id": u.task_id, "task": task_title(&u.task_id), "body": u.body,
                "links": serde_json::from_str::<Vec<String>>(&u.links).unwrap_or_default(), "posted_at": ts(u.created_at),
            }))
            .collect(),
        // Left out: who on the desk took the request (`assignee_id`, someone
        // else's identity) and when the desk's lead was warned of a missed
        // deadline (`*_overdue_notified_at`, the desk's own bookkeeping).
        requests: raised
            .iter()
            .map(|r| {
                let mut concerns: Vec<&String> =
                    concerned.iter().filter(|o| o.request_id == r.id).filter_map(|o| orgs.get(&o.organisation_id)).collect();
                concerns.sort();
                json!({
                    "id": r.id, "task_id": r.task_id, "task": task_title(&r.task_id), "title": r.title, "category": r.category,
                    "urgency": r.urgency, "state": r.state, "description": r.description, "organisations": concerns,
                    "raised_at": ts(r.created_at), "first_response_at": r.first_response_at.map(ts), "escalated_at": r.escalated_at.map(ts),
                    "resolved_at": r.resolved_at.map(ts), "updated_at": ts(r.updated_at),
                })
            })
            .collect(),
        // Only what they wrote: the rest of each thread is other people's words.
        messages: messages
            .iter()
            .map(|m| {
                let r = request_of.get(&m.request_id);
                json!({
                    "request_id": m.request_id, "request": r.map(|r| r.title.clone()), "task": r.and_then(|r| task_title(&r.task_id)),
                    "kind": m.kind, "from_desk": m.from_desk, "body": m.body, "written_at": ts(m.created_at),
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
    // Proposals followed: nothing more is sent to a deleted account.
    txn.execute(
        sea_orm::sea_query::Query::delete()
            .from_table(sea_orm::sea_query::Alias::new("follows"))
            .and_where(sea_orm::sea_query::ExprTrait::eq(sea_orm::sea_query::Expr::col(sea_orm::sea_query::Alias::new("user_id")), id)),
    )
    .await?;
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
    // Off review committees, but for a round under way (its record).
    crate::services::review::leave_committees(&txn, id).await?;
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
