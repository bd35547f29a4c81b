//! Live polls of a meeting (issue 6): the facilitator (the council's chair
//! or a global admin) prepares a poll, opens it (one open poll per meeting),
//! closes it and may enter a hand count for the room; people vote from the
//! room (checked in at the door) or online (registered to attend online),
//! one vote per person, a later vote replacing the earlier one with the
//! provenance of the later. The rules are `shared::meeting`
//! ([`PollInput::check`], [`validate_vote`], [`check_hand_count`],
//! [`tally`]); this module reads and writes.
//!
//! Every change is a live event recorded in the same transaction
//! (`services::live`): `poll_opened`, `poll_closed` and `poll_results`.
//! Results of an open poll go to the staff only (`PollDto::results`: shown
//! once closed, live to the facilitator); the results at closing go to all.

use crate::entities::{meeting_poll, meeting_poll_tally, meeting_poll_vote, meeting_registration};
use crate::error::{AppError, Result};
use crate::policy::{Action, Actor};
use crate::services::accounts::{self, Requester};
use crate::services::live::{self, Audience, Bus};
use crate::services::{audit, meetings};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait,
};
use shared::error::{FieldError, FieldProblem};
use shared::meeting::*;

async fn who(db: &DatabaseConnection, req: &Requester) -> Result<(Option<i64>, Actor)> {
    match accounts::current(db, req).await? {
        Some(user) => Ok((Some(user.id), accounts::actor(db, &user).await?)),
        None => Ok((None, Actor::anonymous())),
    }
}

async fn signed_in(db: &DatabaseConnection, req: &Requester) -> Result<(i64, Actor)> {
    let user = accounts::require(db, req).await?;
    let actor = accounts::actor(db, &user).await?;
    Ok((user.id, actor))
}

/// Whether the person asking runs the meeting (they may see it: 404
/// otherwise). The same rule as `meetings::staff`, asked without a refusal
/// (which would log a warning for every reader).
pub(crate) async fn is_staff(
    db: &DatabaseConnection,
    actor: &Actor,
    meeting_id: i64,
) -> Result<bool> {
    let m = meetings::visible(db, actor, meeting_id).await?;
    runs(db, actor, m.council_id).await
}

/// [`is_staff`] for a meeting already found visible, by its council.
pub(crate) async fn runs(db: &DatabaseConnection, actor: &Actor, council_id: i64) -> Result<bool> {
    Ok(crate::policy::allows(
        actor,
        Action::RunMeeting,
        meetings::seat(db, council_id, actor.user_id).await?,
    ))
}

/// The meeting's closed polls with their results (oldest first), as the
/// minutes record them: results by provenance, hand counts included.
pub(crate) async fn closed_with_results(
    db: &impl ConnectionTrait,
    meeting_id: i64,
) -> Result<Vec<PollDto>> {
    let rows = meeting_poll::Entity::find()
        .filter(meeting_poll::Column::MeetingId.eq(meeting_id))
        .filter(meeting_poll::Column::State.eq(PollState::Closed.as_str()))
        .order_by_asc(meeting_poll::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for p in &rows {
        out.push(dto(p, None, Some(results(db, p).await?)));
    }
    Ok(out)
}

fn state_of(p: &meeting_poll::Model) -> PollState {
    PollState::parse(&p.state).unwrap_or_default()
}

fn options_of(p: &meeting_poll::Model) -> Vec<String> {
    serde_json::from_str(&p.options).unwrap_or_default()
}

fn spec_of(p: &meeting_poll::Model) -> PollSpec {
    PollSpec {
        kind: PollKind::parse(&p.kind).unwrap_or(PollKind::Single),
        option_count: u32::try_from(options_of(p).len()).unwrap_or(0),
        max_choices: u32::try_from(p.max_choices).unwrap_or(1),
    }
}

fn choices_of(v: &meeting_poll_vote::Model) -> Vec<u32> {
    serde_json::from_str(&v.choices).unwrap_or_default()
}

/// The poll's results: each person's vote once, by provenance, plus the hand count.
async fn results(db: &impl ConnectionTrait, p: &meeting_poll::Model) -> Result<PollResultsDto> {
    let spec = spec_of(p);
    let votes: Vec<CastVote> = meeting_poll_vote::Entity::find()
        .filter(meeting_poll_vote::Column::PollId.eq(p.id))
        .order_by_asc(meeting_poll_vote::Column::UpdatedAt)
        .all(db)
        .await?
        .iter()
        .map(|v| CastVote {
            voter_id: v.user_id,
            mode: AttendanceMode::parse(&v.mode).unwrap_or(AttendanceMode::Online),
            choices: choices_of(v),
        })
        .collect();
    let mut hands = vec![0u32; spec.option_count as usize];
    for t in meeting_poll_tally::Entity::find()
        .filter(meeting_poll_tally::Column::PollId.eq(p.id))
        .all(db)
        .await?
    {
        if let (Ok(i), Ok(c)) = (usize::try_from(t.option_index), u32::try_from(t.count))
            && let Some(h) = hands.get_mut(i)
        {
            *h = c;
        }
    }
    Ok(tally(&spec, &votes, &hands))
}

fn dto(
    p: &meeting_poll::Model,
    my_vote: Option<Vec<u32>>,
    results: Option<PollResultsDto>,
) -> PollDto {
    let spec = spec_of(p);
    PollDto {
        id: p.id,
        meeting_id: p.meeting_id,
        agenda_item_id: p.agenda_item_id,
        question: p.question.clone(),
        kind: spec.kind,
        state: state_of(p),
        options: options_of(p)
            .into_iter()
            .zip(0u32..)
            .map(|(label, index)| PollOptionDto { index, label })
            .collect(),
        max_choices: spec.max_choices,
        my_vote,
        results,
    }
}

/// The poll as the person asking sees it: their vote; results once closed,
/// or live for the staff.
async fn view(
    db: &impl ConnectionTrait,
    p: &meeting_poll::Model,
    user_id: Option<i64>,
    staff: bool,
) -> Result<PollDto> {
    let my_vote = match user_id {
        Some(u) => meeting_poll_vote::Entity::find()
            .filter(meeting_poll_vote::Column::PollId.eq(p.id))
            .filter(meeting_poll_vote::Column::UserId.eq(u))
            .one(db)
            .await?
            .map(|v| choices_of(&v)),
        None => None,
    };
    let results = if staff || state_of(p) == PollState::Closed {
        Some(results(db, p).await?)
    } else {
        None
    };
    Ok(dto(p, my_vote, results))
}

/// The poll and whether the person asking runs its meeting. Drafts are the
/// staff's: 404 to others, like a meeting one may not see.
async fn find(
    db: &DatabaseConnection,
    actor: &Actor,
    poll_id: i64,
) -> Result<(meeting_poll::Model, bool)> {
    let p = meeting_poll::Entity::find_by_id(poll_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    meetings::visible(db, actor, p.meeting_id).await?;
    let staff = is_staff(db, actor, p.meeting_id).await?;
    if !staff && state_of(&p) == PollState::Draft {
        return Err(AppError::NotFound);
    }
    Ok((p, staff))
}

/// The poll, if the person asking runs its meeting: 404 if they may not
/// see the meeting, 403 if they may not run it.
async fn staff_poll(
    db: &DatabaseConnection,
    actor: &Actor,
    poll_id: i64,
) -> Result<meeting_poll::Model> {
    let p = meeting_poll::Entity::find_by_id(poll_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    meetings::staff(db, actor, p.meeting_id).await?;
    Ok(p)
}

/// The poll again, inside a transaction that holds the meeting's lock.
async fn reread(
    txn: &impl ConnectionTrait,
    p: &meeting_poll::Model,
) -> Result<meeting_poll::Model> {
    live::lock_meeting(txn, p.meeting_id).await?;
    meeting_poll::Entity::find_by_id(p.id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)
}

/// Prepares a poll as a draft (the meeting's staff).
pub async fn create(
    db: &DatabaseConnection,
    req: &Requester,
    meeting_id: i64,
    input: PollInput,
) -> Result<PollDto> {
    let (user_id, actor) = signed_in(db, req).await?;
    let m = meetings::staff(db, &actor, meeting_id).await?;
    let c = input.check().map_err(AppError::Validation)?;
    if let Some(item) = c.agenda_item_id {
        let found = crate::entities::meeting_agenda_item::Entity::find_by_id(item)
            .one(db)
            .await?;
        if found.is_none_or(|i| i.meeting_id != m.id) {
            return Err(AppError::Validation(vec![FieldError::new(
                "agenda_item_id",
                FieldProblem::Invalid,
                "Choose an item of this meeting's agenda.",
            )]));
        }
    }
    let now = Utc::now();
    let txn = db.begin().await?;
    let row = meeting_poll::ActiveModel {
        meeting_id: Set(m.id),
        agenda_item_id: Set(c.agenda_item_id),
        question: Set(c.question.clone()),
        kind: Set(c.kind.as_str().into()),
        options: Set(serde_json::to_string(&c.options).unwrap_or_else(|_| "[]".into())),
        max_choices: Set(i32::try_from(c.max_choices).unwrap_or(1)),
        state: Set(PollState::Draft.as_str().into()),
        created_by: Set(user_id),
        opened_at: Set(None),
        closed_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        audit::Event::new("poll.created")
            .actor(user_id)
            .target("meeting_poll", row.id)
            .ip(req.ip)
            .details(serde_json::json!({ "meeting_id": m.id, "kind": row.kind })),
    )
    .await?;
    txn.commit().await?;
    view(db, &row, Some(user_id), true).await
}

/// The polls of a meeting, oldest first: every one for the staff, the open
/// and closed ones for others.
pub async fn list(
    db: &DatabaseConnection,
    req: &Requester,
    meeting_id: i64,
) -> Result<Vec<PollDto>> {
    let (user_id, actor) = who(db, req).await?;
    let m = meetings::visible(db, &actor, meeting_id).await?;
    let staff = is_staff(db, &actor, m.id).await?;
    let rows = meeting_poll::Entity::find()
        .filter(meeting_poll::Column::MeetingId.eq(m.id))
        .order_by_asc(meeting_poll::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for p in rows
        .iter()
        .filter(|p| staff || state_of(p) != PollState::Draft)
    {
        out.push(view(db, p, user_id, staff).await?);
    }
    Ok(out)
}

/// One poll, with the person asking's vote and the results they may see.
pub async fn get(db: &DatabaseConnection, req: &Requester, poll_id: i64) -> Result<PollDto> {
    let (user_id, actor) = who(db, req).await?;
    let (p, staff) = find(db, &actor, poll_id).await?;
    view(db, &p, user_id, staff).await
}

/// Opens a draft (the staff); 409 if it is not a draft or another poll of
/// the meeting is open.
pub async fn open(
    db: &DatabaseConnection,
    bus: &Bus,
    req: &Requester,
    poll_id: i64,
) -> Result<PollDto> {
    move_to(db, bus, req, poll_id, PollState::Open).await
}

/// Closes an open poll (the staff); its results go to everyone.
pub async fn close(
    db: &DatabaseConnection,
    bus: &Bus,
    req: &Requester,
    poll_id: i64,
) -> Result<PollDto> {
    move_to(db, bus, req, poll_id, PollState::Closed).await
}

async fn move_to(
    db: &DatabaseConnection,
    bus: &Bus,
    req: &Requester,
    poll_id: i64,
    next: PollState,
) -> Result<PollDto> {
    let (user_id, actor) = signed_in(db, req).await?;
    let p = staff_poll(db, &actor, poll_id).await?;
    let now = Utc::now();
    let txn = db.begin().await?;
    let p = reread(&txn, &p).await?;
    if !state_of(&p).can_move_to(next) {
        return Err(AppError::Conflict(format!("The poll is {}.", p.state)));
    }
    if next == PollState::Open {
        let open = meeting_poll::Entity::find()
            .filter(meeting_poll::Column::MeetingId.eq(p.meeting_id))
            .filter(meeting_poll::Column::State.eq(PollState::Open.as_str()))
            .one(&txn)
            .await?;
        if open.is_some() {
            return Err(AppError::Conflict(
                "Another poll of this meeting is open; close it first.".into(),
            ));
        }
    }
    let mut active: meeting_poll::ActiveModel = p.clone().into();
    active.state = Set(next.as_str().into());
    if next == PollState::Open {
        active.opened_at = Set(Some(now));
    } else {
        active.closed_at = Set(Some(now));
    }
    active.updated_at = Set(now);
    let p = active.update(&txn).await?;
    if next == PollState::Open {
        live::record(
            &txn,
            p.meeting_id,
            Audience::All,
            &LiveEvent::PollOpened {
                poll: dto(&p, None, None),
            },
        )
        .await?;
    } else {
        live::record(
            &txn,
            p.meeting_id,
            Audience::All,
            &LiveEvent::PollClosed { poll_id: p.id },
        )
        .await?;
        let r = results(&txn, &p).await?;
        live::record(
            &txn,
            p.meeting_id,
            Audience::All,
            &LiveEvent::PollResults {
                poll_id: p.id,
                results: r,
            },
        )
        .await?;
    }
    let action = if next == PollState::Open {
        "poll.opened"
    } else {
        "poll.closed"
    };
    audit::record(
        &txn,
        audit::Event::new(action)
            .actor(user_id)
            .target("meeting_poll", p.id)
            .ip(req.ip),
    )
    .await?;
    txn.commit().await?;
    bus.wake(p.meeting_id);
    tracing::info!(poll.id = p.id, state = %p.state, "poll moved");
    view(db, &p, Some(user_id), true).await
}

/// Where the person may vote from: `in_room` when checked in at the room,
/// `online` when registered to attend online; none otherwise.
async fn provenance(
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

/// Casts or replaces the person asking's vote. 403 unless checked in at the
/// room or registered online; 409 unless the poll is open; 422 for choices
/// the poll does not take.
pub async fn vote(
    db: &DatabaseConnection,
    bus: &Bus,
    req: &Requester,
    poll_id: i64,
    input: VoteInput,
) -> Result<PollDto> {
    let (user_id, actor) = signed_in(db, req).await?;
    let (p, staff) = find(db, &actor, poll_id).await?;
    let mode = provenance(db, p.meeting_id, user_id)
        .await?
        .ok_or_else(|| {
            AppError::Forbidden(
                "Check in at the room, or register to attend online, to vote.".into(),
            )
        })?;
    let choices = input.check(&spec_of(&p)).map_err(AppError::Validation)?;
    let now = Utc::now();
    let txn = db.begin().await?;
    let p = reread(&txn, &p).await?;
    if !state_of(&p).accepts_votes() {
        return Err(AppError::Conflict("The poll is not open.".into()));
    }
    let encoded = serde_json::to_string(&choices).unwrap_or_else(|_| "[]".into());
    let before = meeting_poll_vote::Entity::find()
        .filter(meeting_poll_vote::Column::PollId.eq(p.id))
        .filter(meeting_poll_vote::Column::UserId.eq(user_id))
        .one(&txn)
        .await?;
    match before {
        // One vote per person: the later one replaces it, with its provenance.
        Some(v) => {
            let mut active: meeting_poll_vote::ActiveModel = v.into();
            active.mode = Set(mode.as_str().into());
            active.choices = Set(encoded);
            active.updated_at = Set(now);
            active.update(&txn).await?;
        }
        None => {
            meeting_poll_vote::ActiveModel {
                poll_id: Set(p.id),
                user_id: Set(user_id),
                mode: Set(mode.as_str().into()),
                choices: Set(encoded),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    let r = results(&txn, &p).await?;
    live::record(
        &txn,
        p.meeting_id,
        Audience::Staff,
        &LiveEvent::PollResults {
            poll_id: p.id,
            results: r,
        },
    )
    .await?;
    txn.commit().await?;
    bus.wake(p.meeting_id);
    view(db, &p, Some(user_id), staff).await
}

/// Enters the room's hand count, per option (the staff), replacing any
/// earlier one: at most the people checked in at the room who have not
/// voted on a phone (422 otherwise); while open or once closed (409 for a draft).
pub async fn hand_count(
    db: &DatabaseConnection,
    bus: &Bus,
    req: &Requester,
    poll_id: i64,
    input: HandCountInput,
) -> Result<PollDto> {
    let (user_id, actor) = signed_in(db, req).await?;
    let p = staff_poll(db, &actor, poll_id).await?;
    let now = Utc::now();
    let txn = db.begin().await?;
    let p = reread(&txn, &p).await?;
    let state = state_of(&p);
    if !state.accepts_hand_count() {
        return Err(AppError::Conflict(
            "Open the poll before counting hands.".into(),
        ));
    }
    let (checked_in, room_votes) = room_counts(&txn, &p).await?;
    let counts = input
        .check(&spec_of(&p), checked_in, room_votes)
        .map_err(AppError::Validation)?;
    meeting_poll_tally::Entity::delete_many()
        .filter(meeting_poll_tally::Column::PollId.eq(p.id))
        .exec(&txn)
        .await?;
    for (i, c) in counts.iter().enumerate() {
        meeting_poll_tally::ActiveModel {
            poll_id: Set(p.id),
            option_index: Set(i32::try_from(i).unwrap_or(i32::MAX)),
            count: Set(i32::try_from(*c).unwrap_or(i32::MAX)),
            entered_by: Set(user_id),
            updated_at: Set(now),
        }
        .insert(&txn)
        .await?;
    }
    let r = results(&txn, &p).await?;
    let audience = if state == PollState::Closed {
        Audience::All
    } else {
        Audience::Staff
    };
    live::record(
        &txn,
        p.meeting_id,
        audience,
        &LiveEvent::PollResults {
            poll_id: p.id,
            results: r,
        },
    )
    .await?;
    audit::record(
        &txn,
        audit::Event::new("poll.hand_count")
            .actor(user_id)
            .target("meeting_poll", p.id)
            .ip(req.ip)
            .details(serde_json::json!({ "counts": counts })),
    )
    .await?;
    txn.commit().await?;
    bus.wake(p.meeting_id);
    view(db, &p, Some(user_id), true).await
}

/// What the hand-count form shows (the staff): the people checked in at the
/// room, the room votes already cast on phones, how many may still be
/// counted by hand, and the count entered so far.
pub async fn hand_count_form(
    db: &DatabaseConnection,
    req: &Requester,
    poll_id: i64,
) -> Result<HandCountFormDto> {
    let (_, actor) = signed_in(db, req).await?;
    let p = staff_poll(db, &actor, poll_id).await?;
    let (checked_in, room_votes) = room_counts(db, &p).await?;
    let mut counts = vec![0u32; spec_of(&p).option_count as usize];
    for t in meeting_poll_tally::Entity::find()
        .filter(meeting_poll_tally::Column::PollId.eq(p.id))
        .all(db)
        .await?
    {
        if let (Ok(i), Ok(c)) = (usize::try_from(t.option_index), u32::try_from(t.count))
            && let Some(slot) = counts.get_mut(i)
        {
            *slot = c;
        }
    }
    Ok(HandCountFormDto {
        poll_id: p.id,
        checked_in_room: checked_in,
        room_votes,
        available: hand_count_available(checked_in, room_votes),
        counts,
    })
}

/// People checked in at the room, and the poll's room votes cast on phones.
async fn room_counts(db: &impl ConnectionTrait, p: &meeting_poll::Model) -> Result<(u32, u32)> {
    let checked_in = meeting_registration::Entity::find()
        .filter(meeting_registration::Column::MeetingId.eq(p.meeting_id))
        .filter(meeting_registration::Column::Mode.eq(AttendanceMode::InRoom.as_str()))
        .filter(meeting_registration::Column::State.eq(RegistrationState::Registered.as_str()))
        .filter(meeting_registration::Column::CheckedInAt.is_not_null())
        .count(db)
        .await?;
    let room_votes = meeting_poll_vote::Entity::find()
        .filter(meeting_poll_vote::Column::PollId.eq(p.id))
        .filter(meeting_poll_vote::Column::Mode.eq(AttendanceMode::InRoom.as_str()))
        .count(db)
        .await?;
    Ok((
        u32::try_from(checked_in).unwrap_or(u32::MAX),
        u32::try_from(room_votes).unwrap_or(u32::MAX),
    ))
}
