//! What the meeting pages need from the meeting services: the meeting with
//! the rights of the person asking, the staff's list of registrations with
//! their check-in codes (the check-in desk and its printable list with QR
//! codes) and the desk's check-in. The rules stay in `services::meetings`.

use crate::entities::meeting_registration;
use crate::error::Result;
use crate::policy::Actor;
use crate::services::accounts::{self, Requester};
use crate::services::{display_names, meetings, polls, rfc3339};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use shared::meeting::{AttendanceMode, Registration, RegistrationDto, RegistrationState, display_code, waitlist_position};
use shared::meeting_page::{AttendeeDto, AttendeesDto, CheckInResultDto, MeetingPageDto};

async fn who(db: &DatabaseConnection, req: &Requester) -> Result<(Option<i64>, Actor)> {
    match accounts::current(db, req).await? {
        Some(user) => Ok((Some(user.id), accounts::actor(db, &user).await?)),
        None => Ok((None, Actor::anonymous())),
    }
}

/// The meeting as its page shows it (404 when the person may not see it).
pub async fn page(db: &DatabaseConnection, req: &Requester, id: i64, base_url: &str) -> Result<MeetingPageDto> {
    let (user_id, actor) = who(db, req).await?;
    let meeting = meetings::get_meeting(db, req, id).await?;
    let can_manage = polls::is_staff(db, &actor, id).await?;
    Ok(MeetingPageDto { meeting, can_manage, signed_in: user_id.is_some(), base_url: base_url.to_owned() })
}

fn queue_entry(r: &meeting_registration::Model) -> Registration {
    Registration {
        id: r.id,
        mode: AttendanceMode::parse(&r.mode).unwrap_or(AttendanceMode::Online),
        state: RegistrationState::parse(&r.state).unwrap_or(RegistrationState::Cancelled),
        order: r.ordinal,
    }
}

/// The registrations of a meeting with their check-in codes, for its staff
/// (403 for others, 404 when hidden): room seats, then online, then the
/// waiting list in its order; cancelled ones left out.
pub async fn list(db: &DatabaseConnection, req: &Requester, id: i64, base_url: &str) -> Result<AttendeesDto> {
    let user = accounts::require(db, req).await?;
    let actor = accounts::actor(db, &user).await?;
    let m = meetings::staff(db, &actor, id).await?;
    let regs = meeting_registration::Entity::find()
        .filter(meeting_registration::Column::MeetingId.eq(m.id))
        .order_by_asc(meeting_registration::Column::Ordinal)
        .order_by_asc(meeting_registration::Column::Id)
        .all(db)
        .await?;
    let queue: Vec<Registration> = regs.iter().map(queue_entry).collect();
    let names = display_names(db, regs.iter().map(|r| r.user_id)).await?;
    let mut attendees: Vec<AttendeeDto> = regs
        .iter()
        .zip(&queue)
        .filter(|(_, q)| q.state != RegistrationState::Cancelled)
        .map(|(r, q)| AttendeeDto {
            display_name: names.get(&r.user_id).cloned().unwrap_or_default(),
            registration: RegistrationDto {
                id: r.id,
                meeting_id: r.meeting_id,
                mode: q.mode,
                state: q.state,
                waitlist_position: waitlist_position(&queue, r.id),
                check_in_code: (q.state == RegistrationState::Registered && q.mode == AttendanceMode::InRoom).then(|| display_code(&r.check_in_code)),
                // In the room when checked in at the door; online when joined the live room.
                present_at: r.checked_in_at.or(r.joined_at).map(rfc3339),
                present_mode: match (r.checked_in_at, r.joined_at) {
                    (Some(_), _) => Some(AttendanceMode::InRoom),
                    (None, Some(_)) => Some(AttendanceMode::Online),
                    (None, None) => None,
                },
                created_at: rfc3339(r.created_at),
            },
        })
        .collect();
    let rank = |a: &AttendeeDto| match (a.registration.state, a.registration.mode) {
        (RegistrationState::Registered, AttendanceMode::InRoom) => 0,
        (RegistrationState::Registered, AttendanceMode::Online) => 1,
        _ => 2,
    };
    attendees.sort_by(|a, b| {
        rank(a).cmp(&rank(b)).then_with(|| match rank(a) {
            2 => a.registration.waitlist_position.cmp(&b.registration.waitlist_position),
            _ => a.display_name.cmp(&b.display_name),
        })
    });
    Ok(AttendeesDto {
        meeting_id: m.id,
        title: m.title.clone(),
        starts_at: rfc3339(m.starts_at),
        venue: m.venue.clone(),
        base_url: base_url.to_owned(),
        attendees,
    })
}

/// Checks a room seat in by its code (the staff; the rules and the audit
/// trail are `meetings::check_in_by_code`).
pub async fn check_in(db: &DatabaseConnection, req: &Requester, id: i64, code: String) -> Result<CheckInResultDto> {
    let done = meetings::check_in_by_code(db, req, id, meetings::CheckInInput { code }).await?;
    Ok(CheckInResultDto { registration_id: done.registration_id, display_name: done.display_name, mode: AttendanceMode::InRoom, checked_in_at: done.checked_in_at })
}
