//! Minutes of meetings (회의록, issue 6): per agenda item the decisions and a
//! summary of the discussion, with the results of the meeting's closed polls
//! (by provenance: room, online, hand count) and the attendance by mode
//! (checked in at the room, joined the live room online).
//!
//! **Who writes them.** The people who run the meeting (`Action::RunMeeting`:
//! the council's secretary (간사), whose work this usually is, its chair,
//! the chair of its parent council, global admins, as `polls::is_staff`
//! asks it).
//!
//! **Who reads them.** A draft: only those writers (404 to everyone else, as
//! if there were none; a writer gets a blank draft to start from). Published
//! minutes: whoever may see the meeting (`meetings::visible`), so the minutes
//! of a members-only meeting stay with its members.
//!
//! **Publishing** (only once the meeting has ended: `MinutesInput::check`)
//! takes a snapshot of the closed polls' results and the attendance, so the
//! record does not move with later changes to the live tables. The first
//! publication adds a `meeting_minutes` entry to the timeline of each linked
//! proposal (public meetings only: a members-only meeting's existence is
//! private) and tells, once, the authors and followers of the linked
//! proposals and the meeting's registrants who may see the meeting
//! (`meeting_minutes`). Published minutes can be edited by the same people:
//! the snapshot is taken again, the timeline entries get the new decisions,
//! the change is audit-logged with the decisions before and after, and
//! nobody is told again. Published minutes cannot go back to a draft, and
//! the meeting's agenda is then fixed (`meetings::set_agenda` answers 409).
//!
//! Saves of one meeting's minutes are applied one after the other (the
//! meeting's row is locked), so two first publications at once notify once.

use crate::entities::{
    meeting, meeting_agenda_item, meeting_minutes, meeting_minutes_item, meeting_registration,
    proposal, proposal_event,
};
use crate::error::{AppError, Result};
use crate::policy::Actor;
use crate::services::accounts::{self, Requester};
use crate::services::meetings::{self, MINUTES_DRAFT, MINUTES_PUBLISHED};
use crate::services::{audit, live, notifications, polls, rfc3339};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};
use shared::meeting::*;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The record kept at publication.
#[derive(serde::Serialize, serde::Deserialize)]
struct Snapshot {
    polls: Vec<PollDto>,
    attendance: AttendanceDto,
}

/// The kind of the timeline entry and of the notification.
pub const KIND: &str = "meeting_minutes";

async fn who(db: &DatabaseConnection, req: &Requester) -> Result<(Option<i64>, Actor)> {
    match accounts::current(db, req).await? {
        Some(user) => Ok((Some(user.id), accounts::actor(db, &user).await?)),
        None => Ok((None, Actor::anonymous())),
    }
}

/// A meeting's minutes: published ones to whoever may see the meeting; the
/// draft (or a blank one) only to the people who run it; 404 otherwise.
pub async fn get(db: &DatabaseConnection, req: &Requester, meeting_id: i64) -> Result<MinutesDto> {
    let (_, actor) = who(db, req).await?;
    let m = meetings::visible(db, &actor, meeting_id).await?;
    let staff = polls::is_staff(db, &actor, m.id).await?;
    let row = meeting_minutes::Entity::find_by_id(m.id).one(db).await?;
    match row {
        Some(r) if r.state == MINUTES_PUBLISHED => view(db, &m, Some(&r), staff).await,
        row if staff => view(db, &m, row.as_ref(), true).await,
        _ => Err(AppError::NotFound),
    }
}

/// Saves the minutes as a draft, or publishes them (once the meeting has
/// ended; 422 before), or edits published ones (the people who run the
/// meeting: 404 if they may not see it, 403 if they may not run it).
pub async fn save(
    db: &DatabaseConnection,
    req: &Requester,
    meeting_id: i64,
    input: MinutesInput,
) -> Result<MinutesDto> {
    let user = accounts::require(db, req).await?;
    let actor = accounts::actor(db, &user).await?;
    let m = meetings::staff(db, &actor, meeting_id).await?;
    let now = Utc::now();
    let txn = db.begin().await?;
    live::lock_meeting(&txn, m.id).await?;
    let m = meeting::Entity::find_by_id(m.id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let agenda = meeting_agenda_item::Entity::find()
        .filter(meeting_agenda_item::Column::MeetingId.eq(m.id))
        .order_by_asc(meeting_agenda_item::Column::Position)
        .all(&txn)
        .await?;
    let agenda_ids: Vec<i64> = agenda.iter().map(|i| i.id).collect();
    let state = MeetingState::at(
        m.starts_at.timestamp(),
        m.ends_at.timestamp(),
        now.timestamp(),
    );
    let checked = input
        .check(&agenda_ids, state)
        .map_err(AppError::Validation)?;
    let before = meeting_minutes::Entity::find_by_id(m.id).one(&txn).await?;
    let was_published = before
        .as_ref()
        .is_some_and(|r| r.state == MINUTES_PUBLISHED);
    // Published minutes stay published: people have been told of them.
    let published = checked.publish || was_published;
    let first_publication = published && !was_published;
    let snapshot = if published {
        let s = Snapshot {
            polls: polls::closed_with_results(&txn, m.id).await?,
            attendance: attendance(&txn, m.id).await?,
        };
        Some(serde_json::to_string(&s).map_err(|e| {
            AppError::Internal(anyhow::anyhow!(
                "failed to encode the minutes' snapshot: {e}"
            ))
        })?)
    } else {
        None
    };
    let old_items: HashMap<i64, meeting_minutes_item::Model> = meeting_minutes_item::Entity::find()
        .filter(meeting_minutes_item::Column::MeetingId.eq(m.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|i| (i.agenda_item_id, i))
        .collect();
    let row = match before.clone() {
        None => {
            meeting_minutes::ActiveModel {
                meeting_id: Set(m.id),
                state: Set(if published {
                    MINUTES_PUBLISHED
                } else {
                    MINUTES_DRAFT
                }
                .into()),
                snapshot: Set(snapshot),
                published_at: Set(published.then_some(now)),
                published_by: Set(published.then_some(user.id)),
                created_at: Set(now),
                updated_at: Set(now),
                updated_by: Set(user.id),
            }
            .insert(&txn)
            .await?
        }
        Some(r) => {
            let mut active: meeting_minutes::ActiveModel = r.clone().into();
            active.state = Set(if published {
                MINUTES_PUBLISHED
            } else {
                MINUTES_DRAFT
            }
            .into());
            active.snapshot = Set(snapshot);
            if first_publication {
                active.published_at = Set(Some(now));
                active.published_by = Set(Some(user.id));
            }
            active.updated_at = Set(now);
            active.updated_by = Set(user.id);
            active.update(&txn).await?
        }
    };
    meeting_minutes_item::Entity::delete_many()
        .filter(meeting_minutes_item::Column::MeetingId.eq(m.id))
        .exec(&txn)
        .await?;
    for (agenda_item_id, decisions, summary) in &checked.items {
        meeting_minutes_item::ActiveModel {
            agenda_item_id: Set(*agenda_item_id),
            meeting_id: Set(m.id),
            decisions: Set(decisions.clone()),
            summary: Set(summary.clone()),
        }
        .insert(&txn)
        .await?;
    }
    if published {
        record_on_timelines(&txn, &m, &agenda, &checked, user.id, now).await?;
    }
    if first_publication {
        tell(&txn, &m, &agenda, user.id, &row).await?;
    }
    let action = match (first_publication, was_published) {
        (true, _) => "meeting.minutes_published",
        (false, true) => "meeting.minutes_edited",
        (false, false) => "meeting.minutes_saved",
    };
    // What changed in the record: decisions in full, summaries by whether they changed.
    let changes: Vec<serde_json::Value> = checked
        .items
        .iter()
        .filter_map(|(id, decisions, summary)| {
            let old = old_items.get(id);
            let old_decisions = old.map_or("", |o| o.decisions.as_str());
            let summary_changed = old.map_or("", |o| o.summary.as_str()) != summary.as_str();
            (old_decisions != decisions.as_str() || summary_changed).then(|| {
                serde_json::json!({ "agenda_item_id": id, "decisions_before": old_decisions, "decisions_after": decisions, "summary_changed": summary_changed })
            })
        })
        .collect();
    let details = serde_json::json!({ "state": row.state, "items": changes });
    audit::record(
        &txn,
        audit::Event::new(action)
            .actor(user.id)
            .target("meeting", m.id)
            .ip(req.ip)
            .details(details),
    )
    .await?;
    txn.commit().await?;
    if first_publication {
        tracing::info!(meeting.id = m.id, "minutes published");
    }
    view(db, &m, Some(&row), true).await
}

/// Each linked proposal's timeline gets (or, on an edit, updates) one
/// `meeting_minutes` entry per meeting with the decisions of the items it
/// was discussed under. Public meetings and public proposals only.
async fn record_on_timelines(
    txn: &impl ConnectionTrait,
    m: &meeting::Model,
    agenda: &[meeting_agenda_item::Model],
    checked: &CheckedMinutes,
    actor: i64,
    now: chrono::DateTime<Utc>,
) -> Result<()> {
    if Visibility::parse(&m.visibility).unwrap_or_default() != Visibility::Public {
        return Ok(());
    }
    // The decisions per proposal, in agenda order (a proposal may be on two items).
    let mut decisions: BTreeMap<i64, Vec<&str>> = BTreeMap::new();
    for item in agenda {
        let Some(p) = item.proposal_id else { continue };
        let text = checked
            .items
            .iter()
            .find(|(id, _, _)| *id == item.id)
            .map_or("", |(_, d, _)| d.as_str());
        let list = decisions.entry(p).or_default();
        if !text.is_empty() {
            list.push(text);
        }
    }
    let proposals: HashMap<i64, proposal::Model> = proposal::Entity::find()
        .filter(proposal::Column::Id.is_in(decisions.keys().copied()))
        .all(txn)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    for (pid, texts) in decisions {
        let Some(p) = proposals.get(&pid) else {
            continue;
        };
        let status = crate::services::proposals::status_of(p);
        if !status.is_public() {
            continue;
        }
        let answer = (!texts.is_empty()).then(|| texts.join("\n\n"));
        let existing = proposal_event::Entity::find()
            .filter(proposal_event::Column::ProposalId.eq(pid))
            .filter(proposal_event::Column::MeetingId.eq(m.id))
            .filter(proposal_event::Column::Kind.eq(KIND))
            .one(txn)
            .await?;
        match existing {
            Some(e) if e.answer == answer => {}
            Some(e) => {
                let mut active: proposal_event::ActiveModel = e.into();
                active.answer = Set(answer);
                active.update(txn).await?;
            }
            None => {
                proposal_event::ActiveModel {
                    proposal_id: Set(pid),
                    kind: Set(KIND.into()),
                    from_status: Set(None),
                    to_status: Set(None),
                    answer: Set(answer),
                    actor_id: Set(Some(actor)),
                    meeting_id: Set(Some(m.id)),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
            }
        }
    }
    Ok(())
}

/// Tells, once, the authors and followers of the public proposals on the
/// agenda and the meeting's registrants — those of them who may see the
/// meeting (a members-only meeting's minutes are for its members).
async fn tell(
    txn: &impl ConnectionTrait,
    m: &meeting::Model,
    agenda: &[meeting_agenda_item::Model],
    actor: i64,
    row: &meeting_minutes::Model,
) -> Result<()> {
    let mut people: HashSet<i64> = HashSet::new();
    let linked: HashSet<i64> = agenda.iter().filter_map(|i| i.proposal_id).collect();
    for p in proposal::Entity::find()
        .filter(proposal::Column::Id.is_in(linked))
        .all(txn)
        .await?
    {
        if !crate::services::proposals::status_of(&p).is_public() {
            continue;
        }
        people.insert(p.author_id);
        people.extend(notifications::followers(txn, p.id).await?);
    }
    people.extend(
        meeting_registration::Entity::find()
            .filter(meeting_registration::Column::MeetingId.eq(m.id))
            .filter(meeting_registration::Column::State.ne(RegistrationState::Cancelled.as_str()))
            .all(txn)
            .await?
            .into_iter()
            .map(|r| r.user_id),
    );
    let told = meetings::who_may_see(txn, m, people).await?;
    let payload = serde_json::json!({ "meeting_id": m.id, "title": m.title, "published_at": row.published_at.map(rfc3339) });
    notifications::notify(txn, told, Some(actor), KIND, None, None, payload).await
}

/// Registrations and presence by mode: present in the room when checked in
/// at the door, online when joined the live room.
pub(crate) async fn attendance(
    db: &impl ConnectionTrait,
    meeting_id: i64,
) -> Result<AttendanceDto> {
    let records: Vec<AttendanceRecord> = meeting_registration::Entity::find()
        .filter(meeting_registration::Column::MeetingId.eq(meeting_id))
        .all(db)
        .await?
        .iter()
        .map(|r| AttendanceRecord {
            mode: AttendanceMode::parse(&r.mode).unwrap_or(AttendanceMode::Online),
            state: RegistrationState::parse(&r.state).unwrap_or(RegistrationState::Cancelled),
            present: if r.checked_in_at.is_some() {
                Some(AttendanceMode::InRoom)
            } else if r.joined_at.is_some() {
                Some(AttendanceMode::Online)
            } else {
                None
            },
        })
        .collect();
    Ok(count_attendance(&records))
}

/// The minutes as shown: published ones from their snapshot; a draft with
/// the polls and attendance as they are now.
async fn view(
    db: &DatabaseConnection,
    m: &meeting::Model,
    row: Option<&meeting_minutes::Model>,
    editable: bool,
) -> Result<MinutesDto> {
    let agenda = meetings::agenda_dto(db, m.id).await?;
    let texts: HashMap<i64, meeting_minutes_item::Model> = meeting_minutes_item::Entity::find()
        .filter(meeting_minutes_item::Column::MeetingId.eq(m.id))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.agenda_item_id, i))
        .collect();
    let stored: Option<Snapshot> = row
        .and_then(|r| r.snapshot.as_deref())
        .and_then(|s| serde_json::from_str(s).ok());
    let (all_polls, attendance) = match stored {
        Some(s) => (s.polls, s.attendance),
        None => (
            polls::closed_with_results(db, m.id).await?,
            attendance(db, m.id).await?,
        ),
    };
    let on_agenda: HashSet<i64> = agenda.iter().map(|a| a.id).collect();
    let (mut by_item, rest): (Vec<PollDto>, Vec<PollDto>) = all_polls
        .into_iter()
        .partition(|p| p.agenda_item_id.is_some_and(|a| on_agenda.contains(&a)));
    let items = agenda
        .into_iter()
        .map(|a| {
            let text = texts.get(&a.id);
            let (mine, others): (Vec<PollDto>, Vec<PollDto>) = std::mem::take(&mut by_item)
                .into_iter()
                .partition(|p| p.agenda_item_id == Some(a.id));
            by_item = others;
            MinutesItemDto {
                decisions: text.map(|t| t.decisions.clone()).unwrap_or_default(),
                summary: text.map(|t| t.summary.clone()).unwrap_or_default(),
                polls: mine,
                agenda_item: a,
            }
        })
        .collect();
    Ok(MinutesDto {
        meeting_id: m.id,
        meeting_title: m.title.clone(),
        items,
        attendance,
        published_at: row
            .filter(|r| r.state == MINUTES_PUBLISHED)
            .and_then(|r| r.published_at)
            .map(rfc3339),
        polls: rest,
        updated_at: row.map(|r| rfc3339(r.updated_at)),
        editable,
    })
}
