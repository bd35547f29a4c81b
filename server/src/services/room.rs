//! The live room of a meeting (issue 6, `/meetings/:id/live`): the agenda
//! item the facilitator is on, questions from the audience, requests to
//! speak ("hands") and online presence. Polls are `services::polls`; the
//! event stream is `services::live`; the rules are `shared::meeting`.
//!
//! **Who takes part.** People checked in at the room and people registered
//! to attend online (as for votes, `services::polls`), and the meeting's
//! staff (the council's chair or secretary, the parent council's chair,
//! global admins) for questions. Anyone who may see the meeting may read
//! the room ([`state`]).
//!
//! **Questions** are posted until the meeting ends, take the agenda item
//! the room is on, are upvoted once per person (never by their author: 409,
//! a rule about the question rather than a field of the request) and are
//! marked answered, hidden or queued again by the staff. Hidden questions
//! are the staff's: others get 404 for them and never see them in the state.
//!
//! **Hands** wait in the order raised; one raised hand per person (one row
//! per person and meeting, raised again after being lowered or called). The
//! owner or the staff lower a hand; the staff call the next (or a given)
//! person to speak. Hands are raised while the room is open: from
//! [`OPENS_BEFORE_SECS`] before the start until the end.
//!
//! **Presence.** A person registered online who [`join`]s while the room is
//! open is recorded present online once (`meeting_registrations.joined_at`,
//! the first join kept); people in the room are present by their check-in.
//!
//! **Events.** Every change is one transaction that locks the meeting's row
//! first (`live::lock_meeting`), changes rows, records its events, commits
//! and wakes the bus, as `services::polls` does. Audiences:
//!
//! | change | `All` | `Staff` |
//! | --- | --- | --- |
//! | agenda moved (also: its current item left the agenda, `meetings::set_agenda`) | `agenda_moved` | |
//! | question posted | `question_posted` | |
//! | question upvoted, answered, queued again | `question_updated` | |
//! | question hidden (or changed while hidden) | `question_updated` with state `hidden`, empty body and author | `question_updated`, whole |
//! | hand raised, lowered, called | `hand_raised`, `hand_lowered`, `hand_called` | |
//! | an online participant joined; someone checked in at the door (`meetings::check_in_by_code`) | `attendance` | |
//!
//! The staff read both rows, the whole one last. When a question is
//! hidden, its earlier `question_posted` and `question_updated` events are
//! redacted in the stored log the same way, so a replay from an old
//! `Last-Event-ID` does not bring back what the facilitator hid. Events
//! never carry `upvoted_by_me` (it is the reader's).

use crate::entities::{
    meeting, meeting_agenda_item, meeting_hand, meeting_live_state, meeting_question,
    meeting_question_upvote, meeting_registration, proposal,
};
use crate::error::{AppError, Result};
use crate::policy::Actor;
use crate::services::accounts::{self, Requester};
use crate::services::live::{self, Audience, Bus, meeting_event};
use crate::services::{audit, comments, display_names, meetings, polls, rfc3339, throttle};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use shared::meeting::*;
use std::collections::{HashMap, HashSet};

/// How long before its start a meeting's live room opens (presence online
/// is counted, hands can be raised): an hour, as the door opens for check-in.
pub const OPENS_BEFORE_SECS: i64 = 3_600;

/// Questions one account may post per 15 minutes (`services::throttle`).
const QUESTIONS_PER_WINDOW: i32 = 20;

const RAISED: &str = "raised";
const LOWERED: &str = "lowered";
const CALLED: &str = "called";

// ---------------------------------------------------------------------------
// Who asks

/// The person asking and the meeting they may see.
struct Viewer {
    user_id: Option<i64>,
    meeting: meeting::Model,
    /// Runs the meeting (`Action::RunMeeting`: the council's chair or secretary, global admins).
    staff: bool,
}

async fn who(db: &DatabaseConnection, req: &Requester) -> Result<(Option<i64>, Actor)> {
    match accounts::current(db, req).await? {
        Some(user) => Ok((Some(user.id), accounts::actor(db, &user).await?)),
        None => Ok((None, Actor::anonymous())),
    }
}

/// The viewer of a meeting: 404 if they may not see it.
async fn viewer(db: &DatabaseConnection, req: &Requester, meeting_id: i64) -> Result<Viewer> {
    let (user_id, actor) = who(db, req).await?;
    let meeting = meetings::visible(db, &actor, meeting_id).await?;
    let staff = polls::is_staff(db, &actor, meeting.id).await?;
    Ok(Viewer {
        user_id,
        meeting,
        staff,
    })
}

/// A signed-in viewer (401 otherwise).
async fn participant(
    db: &DatabaseConnection,
    req: &Requester,
    meeting_id: i64,
) -> Result<(i64, Viewer)> {
    let user = accounts::require(db, req).await?;
    let actor = accounts::actor(db, &user).await?;
    let meeting = meetings::visible(db, &actor, meeting_id).await?;
    let staff = polls::is_staff(db, &actor, meeting.id).await?;
    Ok((
        user.id,
        Viewer {
            user_id: Some(user.id),
            meeting,
            staff,
        },
    ))
}

/// How the person takes part: `in_room` when checked in at the room,
/// `online` when registered to attend online; none otherwise (also when
/// registered for the room but not checked in, or waiting for a seat).
async fn taking_part(
    db: &impl ConnectionTrait,
    meeting_id: i64,
    user_id: i64,
) -> Result<Option<AttendanceMode>> {
    let reg = meeting_registration::Entity::find()
        .filter(meeting_registration::Column::MeetingId.eq(meeting_id))
        .filter(meeting_registration::Column::UserId.eq(user_id))
        .filter(meeting_registration::Column::State.eq(RegistrationState::Registered.as_str()))
        .one(db)
        .await?;
    Ok(reg.and_then(|r| match AttendanceMode::parse(&r.mode) {
        Some(AttendanceMode::InRoom) if r.checked_in_at.is_some() => Some(AttendanceMode::InRoom),
        Some(AttendanceMode::Online) => Some(AttendanceMode::Online),
        _ => None,
    }))
}

fn not_taking_part() -> AppError {
    AppError::Forbidden("Check in at the room, or register to attend online, to take part.".into())
}

/// Whether the live room is open at `now`: from [`OPENS_BEFORE_SECS`]
/// before the start until the end.
fn room_open(m: &meeting::Model, now: DateTime<Utc>) -> bool {
    let now = now.timestamp();
    now >= m.starts_at.timestamp() - OPENS_BEFORE_SECS && now < m.ends_at.timestamp()
}

fn ended(m: &meeting::Model, now: DateTime<Utc>) -> bool {
    MeetingState::at(
        m.starts_at.timestamp(),
        m.ends_at.timestamp(),
        now.timestamp(),
    ) == MeetingState::Ended
}

/// Locks the meeting's row (`live::lock_meeting`) and reads it again: its
/// times may have changed while waiting.
async fn lock(txn: &impl ConnectionTrait, meeting_id: i64) -> Result<meeting::Model> {
    live::lock_meeting(txn, meeting_id).await?;
    meeting::Entity::find_by_id(meeting_id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)
}

// ---------------------------------------------------------------------------
// The state

/// The full live state for the person asking (404 if they may not see the
/// meeting): the agenda and the item the room is on, the questions (hidden
/// ones only for the staff), the raised hands in order, the open poll with
/// their vote, attendance by mode, the event id to resume the stream from,
/// and whether they run the meeting.
pub async fn state(
    db: &DatabaseConnection,
    req: &Requester,
    meeting_id: i64,
) -> Result<LiveStateDto> {
    let v = viewer(db, req, meeting_id).await?;
    state_for(db, req, &v).await
}

async fn state_for(db: &DatabaseConnection, req: &Requester, v: &Viewer) -> Result<LiveStateDto> {
    let m = &v.meeting;
    // The event id is read first: an event committed meanwhile may already
    // show in what is read next, and applying it again is harmless (events
    // carry whole objects, keyed by id); read last, it could be skipped.
    let last = live::latest_id(db, m.id).await?;
    let agenda = agenda(db, m.id).await?;
    let current = current_item(db, m.id)
        .await?
        .filter(|c| agenda.iter().any(|a| a.id == *c));
    let questions = question_list(db, v).await?;
    let hands = hand_list(db, m.id).await?;
    let open_poll = polls::list(db, req, m.id)
        .await?
        .into_iter()
        .find(|p| p.state == PollState::Open);
    Ok(LiveStateDto {
        meeting_id: m.id,
        state: MeetingState::at(
            m.starts_at.timestamp(),
            m.ends_at.timestamp(),
            Utc::now().timestamp(),
        ),
        agenda,
        current_agenda_item_id: current,
        questions,
        hands,
        open_poll,
        attendance: attendance(db, m.id).await?,
        last_event_id: u64::try_from(last).unwrap_or(0),
        facilitator: v.staff,
    })
}

async fn agenda(db: &impl ConnectionTrait, meeting_id: i64) -> Result<Vec<AgendaItemDto>> {
    let items = meeting_agenda_item::Entity::find()
        .filter(meeting_agenda_item::Column::MeetingId.eq(meeting_id))
        .order_by_asc(meeting_agenda_item::Column::Position)
        .all(db)
        .await?;
    let proposal_ids: Vec<i64> = items.iter().filter_map(|i| i.proposal_id).collect();
    let titles: HashMap<i64, String> = if proposal_ids.is_empty() {
        HashMap::new()
    } else {
        proposal::Entity::find()
            .filter(proposal::Column::Id.is_in(proposal_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|p| (p.id, p.title))
            .collect()
    };
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

async fn current_item(db: &impl ConnectionTrait, meeting_id: i64) -> Result<Option<i64>> {
    Ok(meeting_live_state::Entity::find_by_id(meeting_id)
        .one(db)
        .await?
        .and_then(|s| s.current_agenda_item_id))
}

/// Registrations and presence by mode: present in the room when checked in,
/// online when joined the live room (`shared::meeting::count_attendance`).
pub async fn attendance(db: &impl ConnectionTrait, meeting_id: i64) -> Result<AttendanceDto> {
    let regs = meeting_registration::Entity::find()
        .filter(meeting_registration::Column::MeetingId.eq(meeting_id))
        .all(db)
        .await?;
    let records: Vec<AttendanceRecord> = regs
        .iter()
        .filter_map(|r| {
            Some(AttendanceRecord {
                mode: AttendanceMode::parse(&r.mode)?,
                state: RegistrationState::parse(&r.state)?,
                present: if r.checked_in_at.is_some() {
                    Some(AttendanceMode::InRoom)
                } else if r.joined_at.is_some() {
                    Some(AttendanceMode::Online)
                } else {
                    None
                },
            })
        })
        .collect();
    Ok(count_attendance(&records))
}

/// Records the meeting's attendance as an `attendance` event to everyone,
/// in the caller's transaction, which holds `live::lock_meeting` (call
/// `Bus::wake` after the commit). For changes of presence made elsewhere,
/// such as a check-in at the door.
pub async fn publish_attendance(txn: &impl ConnectionTrait, meeting_id: i64) -> Result<()> {
    let attendance = attendance(txn, meeting_id).await?;
    live::record(
        txn,
        meeting_id,
        Audience::All,
        &LiveEvent::Attendance { attendance },
    )
    .await?;
    Ok(())
}

/// Takes the live room off its current item when an agenda edit removes
/// that item (`meetings::set_agenda`), in the caller's transaction (which
/// holds `live::lock_meeting`), and records `agenda_moved` to none for
/// everyone. Call it before deleting the items (their foreign key would
/// clear the item without an event). True when the room moved: call
/// `Bus::wake` after the commit.
pub(crate) async fn clear_removed_item(
    txn: &impl ConnectionTrait,
    meeting_id: i64,
    removed: &[i64],
    by: i64,
    now: DateTime<Utc>,
) -> Result<bool> {
    let Some(s) = meeting_live_state::Entity::find_by_id(meeting_id)
        .one(txn)
        .await?
    else {
        return Ok(false);
    };
    if !s
        .current_agenda_item_id
        .is_some_and(|c| removed.contains(&c))
    {
        return Ok(false);
    }
    let mut active: meeting_live_state::ActiveModel = s.into();
    active.current_agenda_item_id = Set(None);
    active.updated_by = Set(by);
    active.updated_at = Set(now);
    active.update(txn).await?;
    live::record(
        txn,
        meeting_id,
        Audience::All,
        &LiveEvent::AgendaMoved {
            agenda_item_id: None,
        },
    )
    .await?;
    Ok(true)
}

// ---------------------------------------------------------------------------
// Presence and the agenda

/// The person asking opens the live room. Someone registered online (not
/// cancelled) who comes while the room is open (from an hour before the
/// start until the end) is recorded present online, once, and everyone gets
/// the new attendance; anyone else, signed in or not, just gets the state.
pub async fn join(
    db: &DatabaseConnection,
    bus: &Bus,
    req: &Requester,
    meeting_id: i64,
) -> Result<LiveStateDto> {
    let v = viewer(db, req, meeting_id).await?;
    let now = Utc::now();
    if let Some(user_id) = v.user_id
        && room_open(&v.meeting, now)
    {
        // Most visits are visits again: look before taking the meeting's lock.
        let absent = meeting_registration::Entity::find()
            .filter(meeting_registration::Column::MeetingId.eq(v.meeting.id))
            .filter(meeting_registration::Column::UserId.eq(user_id))
            .filter(meeting_registration::Column::Mode.eq(AttendanceMode::Online.as_str()))
            .filter(meeting_registration::Column::State.eq(RegistrationState::Registered.as_str()))
            .filter(meeting_registration::Column::JoinedAt.is_null())
            .one(db)
            .await?;
        if let Some(reg) = absent {
            let txn = db.begin().await?;
            live::lock_meeting(&txn, v.meeting.id).await?;
            // Under the lock, only the first of two joins at once records one.
            let claimed = meeting_registration::Entity::update_many()
                .col_expr(meeting_registration::Column::JoinedAt, Expr::value(now))
                .col_expr(meeting_registration::Column::UpdatedAt, Expr::value(now))
                .filter(meeting_registration::Column::Id.eq(reg.id))
                .filter(meeting_registration::Column::Mode.eq(AttendanceMode::Online.as_str()))
                .filter(
                    meeting_registration::Column::State.eq(RegistrationState::Registered.as_str()),
                )
                .filter(meeting_registration::Column::JoinedAt.is_null())
                .exec(&txn)
                .await?
                .rows_affected;
            if claimed == 1 {
                publish_attendance(&txn, v.meeting.id).await?;
            }
            txn.commit().await?;
            if claimed == 1 {
                bus.wake(v.meeting.id);
                tracing::info!(meeting.id = v.meeting.id, "joined the live room online");
            }
        }
    }
    state_for(db, req, &v).await
}

/// Moves the live room to an agenda item, to none, or a step from the
/// current item (the meeting's staff: 403 for others). An item that is not
/// on this meeting's agenda is 422. Everyone gets `agenda_moved` when the
/// item changes. Returns the new state.
pub async fn move_agenda(
    db: &DatabaseConnection,
    bus: &Bus,
    req: &Requester,
    meeting_id: i64,
    input: MoveAgendaInput,
) -> Result<LiveStateDto> {
    let user = accounts::require(db, req).await?;
    let actor = accounts::actor(db, &user).await?;
    let m = meetings::staff(db, &actor, meeting_id).await?;
    let step = input.check().map_err(AppError::Validation)?;
    let now = Utc::now();
    let txn = db.begin().await?;
    let m = lock(&txn, m.id).await?;
    let ids: Vec<i64> = meeting_agenda_item::Entity::find()
        .filter(meeting_agenda_item::Column::MeetingId.eq(m.id))
        .order_by_asc(meeting_agenda_item::Column::Position)
        .all(&txn)
        .await?
        .into_iter()
        .map(|i| i.id)
        .collect();
    let stored = meeting_live_state::Entity::find_by_id(m.id)
        .one(&txn)
        .await?;
    let current = stored
        .as_ref()
        .and_then(|s| s.current_agenda_item_id)
        .filter(|c| ids.contains(c));
    let next = shared::meeting::move_agenda(&ids, current, step)
        .map_err(|e| AppError::Validation(vec![e]))?;
    let moved = next != current;
    if moved {
        match stored {
            Some(s) => {
                let mut active: meeting_live_state::ActiveModel = s.into();
                active.current_agenda_item_id = Set(next);
                active.updated_by = Set(user.id);
                active.updated_at = Set(now);
                active.update(&txn).await?;
            }
            None => {
                meeting_live_state::ActiveModel {
                    meeting_id: Set(m.id),
                    current_agenda_item_id: Set(next),
                    updated_by: Set(user.id),
                    updated_at: Set(now),
                }
                .insert(&txn)
                .await?;
            }
        }
        live::record(
            &txn,
            m.id,
            Audience::All,
            &LiveEvent::AgendaMoved {
                agenda_item_id: next,
            },
        )
        .await?;
        let details = serde_json::json!({ "from": current, "to": next });
        audit::record(
            &txn,
            audit::Event::new("meeting.agenda_moved")
                .actor(user.id)
                .target("meeting", m.id)
                .ip(req.ip)
                .details(details),
        )
        .await?;
    }
    txn.commit().await?;
    if moved {
        bus.wake(m.id);
    }
    state_for(
        db,
        req,
        &Viewer {
            user_id: Some(user.id),
            meeting: m,
            staff: true,
        },
    )
    .await
}

// ---------------------------------------------------------------------------
// Questions

/// What people other than the staff see of a hidden question: that it is
/// hidden (so a page drops it), nothing of what it said or who asked.
fn redacted(q: &QuestionDto) -> QuestionDto {
    QuestionDto {
        id: q.id,
        body: String::new(),
        author_name: String::new(),
        agenda_item_id: None,
        state: QuestionState::Hidden,
        upvotes: 0,
        upvoted_by_me: false,
        created_at: q.created_at.clone(),
    }
}

fn question_state(q: &meeting_question::Model) -> QuestionState {
    QuestionState::parse(&q.state).unwrap_or_default()
}

/// Questions as the person `me` sees them, with their upvote counts.
async fn question_dtos(
    db: &impl ConnectionTrait,
    rows: &[meeting_question::Model],
    me: Option<i64>,
) -> Result<Vec<QuestionDto>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|q| q.id).collect();
    // Counted in SQL: counters never drift from the rows.
    let counts: HashMap<i64, i64> = meeting_question_upvote::Entity::find()
        .select_only()
        .column(meeting_question_upvote::Column::QuestionId)
        .column_as(meeting_question_upvote::Column::UserId.count(), "n")
        .filter(meeting_question_upvote::Column::QuestionId.is_in(ids.clone()))
        .group_by(meeting_question_upvote::Column::QuestionId)
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mine: HashSet<i64> = match me {
        Some(u) => meeting_question_upvote::Entity::find()
            .filter(meeting_question_upvote::Column::UserId.eq(u))
            .filter(meeting_question_upvote::Column::QuestionId.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|v| v.question_id)
            .collect(),
        None => HashSet::new(),
    };
    let names = display_names(db, rows.iter().map(|q| q.author_id)).await?;
    Ok(rows
        .iter()
        .map(|q| QuestionDto {
            id: q.id,
            body: q.body.clone(),
            author_name: names.get(&q.author_id).cloned().unwrap_or_default(),
            agenda_item_id: q.agenda_item_id,
            state: question_state(q),
            upvotes: counts
                .get(&q.id)
                .copied()
                .and_then(|n| u64::try_from(n).ok())
                .unwrap_or(0),
            upvoted_by_me: mine.contains(&q.id),
            created_at: rfc3339(q.created_at),
        })
        .collect())
}

async fn question_dto(
    db: &impl ConnectionTrait,
    q: &meeting_question::Model,
    me: Option<i64>,
) -> Result<QuestionDto> {
    question_dtos(db, std::slice::from_ref(q), me)
        .await?
        .pop()
        .ok_or(AppError::NotFound)
}

async fn question_list(db: &impl ConnectionTrait, v: &Viewer) -> Result<Vec<QuestionDto>> {
    let mut find = meeting_question::Entity::find()
        .filter(meeting_question::Column::MeetingId.eq(v.meeting.id));
    if !v.staff {
        find = find.filter(meeting_question::Column::State.ne(QuestionState::Hidden.as_str()));
    }
    let rows = find
        .order_by_asc(meeting_question::Column::Id)
        .all(db)
        .await?;
    let mut out = question_dtos(db, &rows, v.user_id).await?;
    order_questions(&mut out);
    Ok(out)
}

/// The questions of a meeting in queue order (`order_questions`): hidden
/// ones only for the staff. 404 if the person may not see the meeting.
pub async fn questions(
    db: &DatabaseConnection,
    req: &Requester,
    meeting_id: i64,
) -> Result<Vec<QuestionDto>> {
    let v = viewer(db, req, meeting_id).await?;
    question_list(db, &v).await
}

/// Records a change of a question for the stream: to everyone, or, while
/// it is hidden, only its redaction to everyone and the whole to the staff.
async fn publish_update(
    txn: &impl ConnectionTrait,
    meeting_id: i64,
    q: &QuestionDto,
) -> Result<()> {
    let whole = QuestionDto {
        upvoted_by_me: false,
        ..q.clone()
    };
    if q.state == QuestionState::Hidden {
        live::record(
            txn,
            meeting_id,
            Audience::All,
            &LiveEvent::QuestionUpdated {
                question: redacted(q),
            },
        )
        .await?;
        live::record(
            txn,
            meeting_id,
            Audience::Staff,
            &LiveEvent::QuestionUpdated { question: whole },
        )
        .await?;
    } else {
        live::record(
            txn,
            meeting_id,
            Audience::All,
            &LiveEvent::QuestionUpdated { question: whole },
        )
        .await?;
    }
    Ok(())
}

/// Redacts the question in the stored events everyone may replay (its
/// `question_posted` and earlier `question_updated`): hiding it must not
/// leave its text one `Last-Event-ID` away.
async fn redact_history(
    txn: &impl ConnectionTrait,
    meeting_id: i64,
    question_id: i64,
) -> Result<()> {
    // `LiveEvent` JSON starts with its tag, then the question, whose first
    // field is its id: a cheap filter in SQL, checked again after parsing.
    let marker = format!("\"question\":{{\"id\":{question_id},");
    let rows = meeting_event::Entity::find()
        .filter(meeting_event::Column::MeetingId.eq(meeting_id))
        .filter(meeting_event::Column::Kind.is_in(["question_posted", "question_updated"]))
        .filter(meeting_event::Column::Payload.contains(marker.as_str()))
        .all(txn)
        .await?;
    for row in rows {
        if live::StoredEvent::from(row.clone()).staff_only {
            continue;
        }
        let event = match serde_json::from_str::<LiveEvent>(&row.payload) {
            Ok(LiveEvent::QuestionPosted { question }) if question.id == question_id => {
                LiveEvent::QuestionPosted {
                    question: redacted(&question),
                }
            }
            Ok(LiveEvent::QuestionUpdated { question }) if question.id == question_id => {
                LiveEvent::QuestionUpdated {
                    question: redacted(&question),
                }
            }
            _ => continue,
        };
        let payload = serde_json::to_string(&event).map_err(|e| {
            AppError::Internal(anyhow::anyhow!("failed to encode a live event: {e}"))
        })?;
        let mut active: meeting_event::ActiveModel = row.into();
        active.payload = Set(payload);
        active.update(txn).await?;
    }
    Ok(())
}

async fn rate_limit(db: &DatabaseConnection, user_id: i64) -> Result<()> {
    let key = format!("question:user:{user_id}");
    let now = Utc::now();
    throttle::check(db, std::slice::from_ref(&key), now).await?;
    throttle::record_failure(db, &key, QUESTIONS_PER_WINDOW, now).await
}

/// Posts a question to the meeting's queue, under the agenda item the room
/// is on. 401 without a sign-in; 403 unless checked in at the room,
/// registered online or running the meeting (or when blocked from posting);
/// 422 for a body outside 2–1,000 characters; 409 once the meeting ended.
/// Everyone gets `question_posted`.
pub async fn post_question(
    db: &DatabaseConnection,
    bus: &Bus,
    req: &Requester,
    meeting_id: i64,
    input: QuestionInput,
) -> Result<QuestionDto> {
    let user = comments::ensure_can_post(db, req).await?;
    let actor = accounts::actor(db, &user).await?;
    let m = meetings::visible(db, &actor, meeting_id).await?;
    if !polls::is_staff(db, &actor, m.id).await? && taking_part(db, m.id, user.id).await?.is_none()
    {
        return Err(not_taking_part());
    }
    let body = input.check().map_err(AppError::Validation)?;
    rate_limit(db, user.id).await?;
    let now = Utc::now();
    let txn = db.begin().await?;
    let m = lock(&txn, m.id).await?;
    if ended(&m, now) {
        return Err(AppError::Conflict("The meeting has ended.".into()));
    }
    let row = meeting_question::ActiveModel {
        meeting_id: Set(m.id),
        author_id: Set(user.id),
        agenda_item_id: Set(current_item(&txn, m.id).await?),
        body: Set(body),
        state: Set(QuestionState::Queued.as_str().into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let dto = question_dto(&txn, &row, Some(user.id)).await?;
    live::record(
        &txn,
        m.id,
        Audience::All,
        &LiveEvent::QuestionPosted {
            question: QuestionDto {
                upvoted_by_me: false,
                ..dto.clone()
            },
        },
    )
    .await?;
    txn.commit().await?;
    bus.wake(m.id);
    Ok(dto)
}

/// The question, its meeting and whether the person runs it: 404 if they
/// may not see the meeting, or the question is hidden and they are not staff.
async fn find_question(
    db: &DatabaseConnection,
    actor: &Actor,
    question_id: i64,
) -> Result<(meeting_question::Model, meeting::Model, bool)> {
    let q = meeting_question::Entity::find_by_id(question_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let m = meetings::visible(db, actor, q.meeting_id).await?;
    let staff = polls::is_staff(db, actor, m.id).await?;
    if !staff && question_state(&q) == QuestionState::Hidden {
        return Err(AppError::NotFound);
    }
    Ok((q, m, staff))
}

/// Upvotes a question (`up`) or takes one's upvote back, once per person;
/// doing it again changes nothing. The same people as for posting (403
/// otherwise); not one's own question (409); not once the meeting ended
/// (409). Everyone gets `question_updated` when the count changes.
pub async fn upvote_question(
    db: &DatabaseConnection,
    bus: &Bus,
    req: &Requester,
    question_id: i64,
    up: bool,
) -> Result<QuestionDto> {
    let user = accounts::require(db, req).await?;
    let actor = accounts::actor(db, &user).await?;
    let (q, m, staff) = find_question(db, &actor, question_id).await?;
    if !staff && taking_part(db, m.id, user.id).await?.is_none() {
        return Err(not_taking_part());
    }
    if up && q.author_id == user.id {
        return Err(AppError::Conflict(
            "You cannot upvote your own question.".into(),
        ));
    }
    let now = Utc::now();
    let txn = db.begin().await?;
    let m = lock(&txn, m.id).await?;
    if ended(&m, now) {
        return Err(AppError::Conflict("The meeting has ended.".into()));
    }
    // Hidden meanwhile: gone for everyone but the staff.
    let q = meeting_question::Entity::find_by_id(q.id)
        .one(&txn)
        .await?
        .filter(|q| staff || question_state(q) != QuestionState::Hidden)
        .ok_or(AppError::NotFound)?;
    let mine = meeting_question_upvote::Entity::find_by_id((q.id, user.id))
        .one(&txn)
        .await?;
    let changed = match (up, mine) {
        (true, None) => {
            meeting_question_upvote::ActiveModel {
                question_id: Set(q.id),
                user_id: Set(user.id),
                created_at: Set(now),
            }
            .insert(&txn)
            .await?;
            true
        }
        (false, Some(v)) => {
            meeting_question_upvote::Entity::delete_by_id((v.question_id, v.user_id))
                .exec(&txn)
                .await?;
            true
        }
        _ => false,
    };
    let dto = question_dto(&txn, &q, Some(user.id)).await?;
    if changed {
        publish_update(&txn, m.id, &dto).await?;
    }
    txn.commit().await?;
    if changed {
        bus.wake(m.id);
    }
    Ok(dto)
}

/// Marks a question answered, hidden, or queued again (the meeting's staff:
/// 403 for others; 422 for another state). Hiding also redacts the
/// question's earlier events for everyone but the staff. Audit-logged.
pub async fn moderate_question(
    db: &DatabaseConnection,
    bus: &Bus,
    req: &Requester,
    question_id: i64,
    input: QuestionModerationInput,
) -> Result<QuestionDto> {
    let user = accounts::require(db, req).await?;
    let actor = accounts::actor(db, &user).await?;
    let q = meeting_question::Entity::find_by_id(question_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let m = meetings::staff(db, &actor, q.meeting_id).await?;
    let next = input.check().map_err(AppError::Validation)?;
    let now = Utc::now();
    let txn = db.begin().await?;
    lock(&txn, m.id).await?;
    let q = meeting_question::Entity::find_by_id(q.id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let before = question_state(&q);
    if before == next {
        txn.commit().await?;
        return question_dto(db, &q, Some(user.id)).await;
    }
    let mut active: meeting_question::ActiveModel = q.into();
    active.state = Set(next.as_str().into());
    active.updated_at = Set(now);
    let q = active.update(&txn).await?;
    if next == QuestionState::Hidden {
        redact_history(&txn, m.id, q.id).await?;
    }
    let dto = question_dto(&txn, &q, Some(user.id)).await?;
    publish_update(&txn, m.id, &dto).await?;
    let details = serde_json::json!({ "meeting_id": m.id, "before": before.as_str(), "after": next.as_str() });
    audit::record(
        &txn,
        audit::Event::new("meeting.question_moderated")
            .actor(user.id)
            .target("meeting_question", q.id)
            .ip(req.ip)
            .details(details),
    )
    .await?;
    txn.commit().await?;
    bus.wake(m.id);
    tracing::info!(
        question.id = q.id,
        state = next.as_str(),
        "question moderated"
    );
    Ok(dto)
}

// ---------------------------------------------------------------------------
// Hands

async fn hand_dtos(
    db: &impl ConnectionTrait,
    rows: &[meeting_hand::Model],
) -> Result<Vec<HandDto>> {
    let names = display_names(db, rows.iter().map(|h| h.user_id)).await?;
    Ok(rows
        .iter()
        .map(|h| HandDto {
            user_id: h.user_id,
            display_name: names.get(&h.user_id).cloned().unwrap_or_default(),
            mode: AttendanceMode::parse(&h.mode).unwrap_or(AttendanceMode::Online),
            raised_at: rfc3339(h.raised_at),
        })
        .collect())
}

async fn raised(db: &impl ConnectionTrait, meeting_id: i64) -> Result<Vec<meeting_hand::Model>> {
    Ok(meeting_hand::Entity::find()
        .filter(meeting_hand::Column::MeetingId.eq(meeting_id))
        .filter(meeting_hand::Column::State.eq(RAISED))
        .order_by_asc(meeting_hand::Column::RaisedAt)
        .order_by_asc(meeting_hand::Column::Id)
        .all(db)
        .await?)
}

async fn hand_list(db: &impl ConnectionTrait, meeting_id: i64) -> Result<Vec<HandDto>> {
    hand_dtos(db, &raised(db, meeting_id).await?).await
}

/// The raised hands of a meeting, in the order raised (404 if the person
/// may not see the meeting).
pub async fn hands(
    db: &DatabaseConnection,
    req: &Requester,
    meeting_id: i64,
) -> Result<Vec<HandDto>> {
    let v = viewer(db, req, meeting_id).await?;
    hand_list(db, v.meeting.id).await
}

/// Raises the person asking's hand at the end of the queue, with the mode
/// they take part in (403 unless checked in at the room or registered
/// online; 409 while the room is closed). A hand already raised keeps its
/// place (nothing changes). Everyone gets `hand_raised`.
pub async fn raise_hand(
    db: &DatabaseConnection,
    bus: &Bus,
    req: &Requester,
    meeting_id: i64,
) -> Result<HandDto> {
    let (user_id, v) = participant(db, req, meeting_id).await?;
    let mode = taking_part(db, v.meeting.id, user_id)
        .await?
        .ok_or_else(not_taking_part)?;
    let now = Utc::now();
    let txn = db.begin().await?;
    let m = lock(&txn, v.meeting.id).await?;
    if !room_open(&m, now) {
        return Err(AppError::Conflict(
            "Hands are raised from an hour before the start until the end.".into(),
        ));
    }
    let existing = meeting_hand::Entity::find()
        .filter(meeting_hand::Column::MeetingId.eq(m.id))
        .filter(meeting_hand::Column::UserId.eq(user_id))
        .one(&txn)
        .await?;
    let row = match existing {
        Some(h) if h.state == RAISED => {
            txn.commit().await?;
            return hand_dtos(db, std::slice::from_ref(&h))
                .await?
                .pop()
                .ok_or(AppError::NotFound);
        }
        // Raised again: at the end of the queue.
        Some(h) => {
            let mut active: meeting_hand::ActiveModel = h.into();
            active.mode = Set(mode.as_str().into());
            active.state = Set(RAISED.into());
            active.raised_at = Set(now);
            active.ended_at = Set(None);
            active.ended_by = Set(None);
            active.updated_at = Set(now);
            active.update(&txn).await?
        }
        None => {
            meeting_hand::ActiveModel {
                meeting_id: Set(m.id),
                user_id: Set(user_id),
                mode: Set(mode.as_str().into()),
                state: Set(RAISED.into()),
                raised_at: Set(now),
                ended_at: Set(None),
                ended_by: Set(None),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    let hand = hand_dtos(&txn, std::slice::from_ref(&row))
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    live::record(
        &txn,
        m.id,
        Audience::All,
        &LiveEvent::HandRaised { hand: hand.clone() },
    )
    .await?;
    txn.commit().await?;
    bus.wake(m.id);
    Ok(hand)
}

/// Takes a raised hand out of the queue, as `lowered` or `called`.
/// Returns the hand as it was, none when it was not raised.
async fn end_hand(
    txn: &impl ConnectionTrait,
    meeting_id: i64,
    user_id: i64,
    by: i64,
    state: &str,
    now: DateTime<Utc>,
) -> Result<Option<HandDto>> {
    let Some(h) = meeting_hand::Entity::find()
        .filter(meeting_hand::Column::MeetingId.eq(meeting_id))
        .filter(meeting_hand::Column::UserId.eq(user_id))
        .filter(meeting_hand::Column::State.eq(RAISED))
        .one(txn)
        .await?
    else {
        return Ok(None);
    };
    let hand = hand_dtos(txn, std::slice::from_ref(&h)).await?.pop();
    let mut active: meeting_hand::ActiveModel = h.into();
    active.state = Set(state.into());
    active.ended_at = Set(Some(now));
    active.ended_by = Set(Some(by));
    active.updated_at = Set(now);
    active.update(txn).await?;
    Ok(hand)
}

/// Lowers a hand: one's own (`user_id` none or oneself), or anyone's for
/// the meeting's staff (403 for others; audit-logged). Lowering a hand that
/// is not raised changes nothing. Everyone gets `hand_lowered`.
pub async fn lower_hand(
    db: &DatabaseConnection,
    bus: &Bus,
    req: &Requester,
    meeting_id: i64,
    user_id: Option<i64>,
) -> Result<()> {
    let (me, v) = participant(db, req, meeting_id).await?;
    let target = user_id.unwrap_or(me);
    let by_staff = target != me;
    if by_staff && !v.staff {
        return Err(AppError::Forbidden(
            "Only the meeting's facilitator lowers other people's hands.".into(),
        ));
    }
    let now = Utc::now();
    let txn = db.begin().await?;
    lock(&txn, v.meeting.id).await?;
    let lowered = end_hand(&txn, v.meeting.id, target, me, LOWERED, now)
        .await?
        .is_some();
    if lowered {
        live::record(
            &txn,
            v.meeting.id,
            Audience::All,
            &LiveEvent::HandLowered { user_id: target },
        )
        .await?;
        if by_staff {
            let details = serde_json::json!({ "user_id": target });
            audit::record(
                &txn,
                audit::Event::new("meeting.hand_lowered")
                    .actor(me)
                    .target("meeting", v.meeting.id)
                    .ip(req.ip)
                    .details(details),
            )
            .await?;
        }
    }
    txn.commit().await?;
    if lowered {
        bus.wake(v.meeting.id);
    }
    Ok(())
}

/// Gives the floor (the meeting's staff: 403 for others; audit-logged): to
/// the first hand in the queue, or to `user_id`'s raised hand. Returns the
/// hand called, none when there is none to call. Everyone gets `hand_called`.
pub async fn call_hand(
    db: &DatabaseConnection,
    bus: &Bus,
    req: &Requester,
    meeting_id: i64,
    user_id: Option<i64>,
) -> Result<Option<HandDto>> {
    let user = accounts::require(db, req).await?;
    let actor = accounts::actor(db, &user).await?;
    let m = meetings::staff(db, &actor, meeting_id).await?;
    let now = Utc::now();
    let txn = db.begin().await?;
    lock(&txn, m.id).await?;
    let target = match user_id {
        Some(u) => Some(u),
        None => raised(&txn, m.id).await?.first().map(|h| h.user_id),
    };
    let called = match target {
        Some(u) => end_hand(&txn, m.id, u, user.id, CALLED, now).await?,
        None => None,
    };
    if let Some(hand) = &called {
        live::record(
            &txn,
            m.id,
            Audience::All,
            &LiveEvent::HandCalled {
                user_id: hand.user_id,
            },
        )
        .await?;
        let details = serde_json::json!({ "user_id": hand.user_id });
        audit::record(
            &txn,
            audit::Event::new("meeting.hand_called")
                .actor(user.id)
                .target("meeting", m.id)
                .ip(req.ip)
                .details(details),
        )
        .await?;
    }
    txn.commit().await?;
    if called.is_some() {
        bus.wake(m.id);
    }
    Ok(called)
}
