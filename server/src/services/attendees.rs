//! What the meeting pages need from the meeting services: the meeting with
//! the rights of the person asking, the staff's list of registrations with
//! their check-in codes (the check-in desk and its printable list with QR
//! codes) and the desk's check-in. The rules stay in `services::meetings`.

use crate::entities::meeting_registration;
use crate::error::Result;
use crate::policy::Actor;
use crate::services::accounts::{self, Requester};
use crate::services::live::Bus;
use crate::services::{display_names, meetings, polls, rfc3339};
use chrono::Utc;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use shared::meeting::{AttendanceMode, RegistrationState};
use shared::meeting_page::{AttendeeDto, AttendeesDto, CheckInResultDto, MeetingPageDto};

async fn who(db: &DatabaseConnection, req: &Requester) -> Result<(Option<i64>, Actor)> {
    match accounts::current(db, req).await? {
        Some(user) => Ok((Some(user.id), accounts::actor(db, &user).await?)),
        None => Ok((None, Actor::anonymous())),
    }
}

/// The meeting as its page shows it (404 when the person may not see it).
pub async fn page(
    db: &DatabaseConnection,
    req: &Requester,
    id: i64,
    base_url: &str,
) -> Result<MeetingPageDto> {
    let (user_id, actor) = who(db, req).await?;
    let meeting = meetings::get_meeting(db, req, id).await?;
    let can_manage = polls::is_staff(db, &actor, id).await?;
    Ok(MeetingPageDto {
        meeting,
        can_manage,
        signed_in: user_id.is_some(),
        base_url: base_url.to_owned(),
    })
}

/// The registrations of a meeting with their check-in codes, for its staff
/// (403 for others, 404 when hidden): room seats, then online, then the
/// waiting list in its order; cancelled ones left out.
pub async fn list(
    db: &DatabaseConnection,
    req: &Requester,
    id: i64,
    base_url: &str,
) -> Result<AttendeesDto> {
    let user = accounts::require(db, req).await?;
    let actor = accounts::actor(db, &user).await?;
    let m = meetings::staff(db, &actor, id).await?;
    let regs = meeting_registration::Entity::find()
        .filter(meeting_registration::Column::MeetingId.eq(m.id))
        .order_by_asc(meeting_registration::Column::Ordinal)
        .order_by_asc(meeting_registration::Column::Id)
        .all(db)
        .await?;
    let names = display_names(db, regs.iter().map(|r| r.user_id)).await?;
    let mut attendees: Vec<AttendeeDto> = regs
        .iter()
        .map(|r| (r, meetings::registration_dto(r, &regs)))
        .filter(|(_, registration)| registration.state != RegistrationState::Cancelled)
        .map(|(r, registration)| AttendeeDto {
            display_name: names.get(&r.user_id).cloned().unwrap_or_default(),
            registration,
        })
        .collect();
    let rank = |a: &AttendeeDto| match (a.registration.state, a.registration.mode) {
        (RegistrationState::Registered, AttendanceMode::InRoom) => 0,
        (RegistrationState::Registered, AttendanceMode::Online) => 1,
        _ => 2,
    };
    attendees.sort_by(|a, b| {
        rank(a).cmp(&rank(b)).then_with(|| match rank(a) {
            2 => a
                .registration
                .waitlist_position
                .cmp(&b.registration.waitlist_position),
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

/// Checks a room seat in by its code (the staff; the rules, the audit
/// trail and the live room's `attendance` event are `meetings::check_in_by_code`).
pub async fn check_in(
    db: &DatabaseConnection,
    bus: &Bus,
    req: &Requester,
    id: i64,
    code: String,
) -> Result<CheckInResultDto> {
    let user = accounts::require(db, req).await?;
    let actor = accounts::actor(db, &user).await?;
    let done = meetings::check_in_at(
        db,
        bus,
        &actor,
        req.ip,
        id,
        meetings::CheckInInput { code },
        Utc::now(),
    )
    .await?;
    Ok(CheckInResultDto {
        registration_id: done.registration_id,
        display_name: done.display_name,
        mode: AttendanceMode::InRoom,
        checked_in_at: done.checked_in_at,
    })
}
