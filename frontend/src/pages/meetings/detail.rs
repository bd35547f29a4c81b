//! `/meetings/:id`: a meeting — its council, time in KST, where (venue and
//! room capacity, the online link for registered people, the built-in live
//! room), who may come, its description and agenda (linked proposals and
//! their presenters) — and one's registration: register in the room or
//! online (the room has a capacity and a waiting list that moves up by
//! itself), change the mode, cancel, the room seat's check-in code with its
//! QR code (shown at the door), the calendar file. The staff get the way to
//! the check-in desk, the printable list and the live room's controls.
//! Every form is a plain post that redirects back, with or without JavaScript.

use super::{MeetingStateBadge, meeting_kind_key, meeting_time, mode_key, registration_state_key};
use crate::api::{CancelMeetingRegistration, RegisterMeeting, meeting_detail};
use crate::components::form::{ErrorSummary, FieldMessage, Notice, field_error, posted_error};
use crate::components::qr::qr_svg;
use crate::components::time::kst;
use crate::i18n::{Key, t};
use crate::pages::not_found::NotFound;
use crate::pages::review::id_param;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::ErrorCode;
use shared::meeting::{
    AttendanceMode, MeetingState, RegistrationDto, RegistrationState, Visibility,
};
use shared::meeting_page::{MeetingPageDto, check_in_url};

const REGISTER_URL: &str = <RegisterMeeting as ServerFn>::PATH;
const CANCEL_URL: &str = <CancelMeetingRegistration as ServerFn>::PATH;

/// `/meetings/:id`.
#[component]
pub fn MeetingPage() -> impl IntoView {
    let Some(id) = id_param("id") else {
        return view! { <NotFound /> }.into_any();
    };
    let meeting = Resource::new(move || id, meeting_detail);
    view! {
        <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match meeting.await {
                    Ok(page) => {
                        // One's check-in code is on it.
                        if page.meeting.my_registration.is_some() || page.can_manage {
                            crate::pages::private_page();
                        }
                        view! { <MeetingView page /> }.into_any()
                    }
                    Err(e) if e.code() == ErrorCode::NotFound => view! { <NotFound /> }.into_any(),
                    Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn MeetingView(page: MeetingPageDto) -> impl IntoView {
    let m = page.meeting;
    let notices = use_query_map().with_untracked(|q| {
        [
            (
                "registered",
                "meeting-registered",
                Key::MeetingRegisteredNotice,
            ),
            (
                "cancelled",
                "meeting-cancelled",
                Key::MeetingCancelledNotice,
            ),
            ("created", "meeting-created", Key::MeetingCreatedNotice),
            ("saved", "meeting-saved", Key::MeetingSavedNotice),
        ]
        .into_iter()
        .filter(|(param, _, _)| q.get(param).is_some())
        .map(|(_, id, key)| (id, key))
        .collect::<Vec<_>>()
    });
    let id = m.id;
    let seats_left = m
        .capacity
        .map(|c| u64::from(c).saturating_sub(m.counts.in_room));
    view! {
        <Title text=m.title.clone() />
        <section class="page-section" aria-labelledby="meeting-title">
            <p class="back-link"><a href=format!("/councils/{}", m.council.id) id="meeting-council-link">{m.council.name.clone()}</a></p>
            <p>
                <MeetingStateBadge state=m.state id="meeting-state".to_owned() />" "
                <span class="krds-badge" id="meeting-kind">{t(meeting_kind_key(m.kind))}</span>
                {(m.visibility == Visibility::MembersOnly).then(|| view! { " "<span class="krds-badge" id="meeting-members-only">{t(Key::MembersOnly)}</span> })}
            </p>
            <h2 class="page-title" id="meeting-title">{m.title.clone()}</h2>
            {notices.into_iter().map(|(nid, key)| view! { <Notice id=nid text=key /> }).collect_view()}
            <dl class="proposal-facts" id="meeting-facts">
                <dt>{t(Key::MeetingWhen)}</dt>
                <dd><time datetime=m.starts_at.clone() id="meeting-when">{meeting_time(&m.starts_at, &m.ends_at)}</time></dd>
                {m.kind.has_room().then(|| view! {
                    <dt>{t(Key::MeetingVenue)}</dt>
                    <dd id="meeting-venue">{m.venue.clone().unwrap_or_default()}</dd>
                    <dt>{t(Key::MeetingCapacity)}</dt>
                    <dd id="meeting-capacity">
                        {m.capacity.map(|c| c.to_string()).unwrap_or_default()}
                        {seats_left.map(|left| view! { " ("{t(Key::MeetingSeatsLeft).replace("{n}", &left.to_string())}")" })}
                    </dd>
                })}
                {m.kind.has_online().then(|| view! {
                    <dt>{t(Key::MeetingOnline)}</dt>
                    <dd id="meeting-online">
                        {match (&m.online_url, m.built_in_room) {
                            (Some(url), _) => view! { <a href=url.clone() rel="noopener noreferrer" id="meeting-online-link">{url.clone()}</a> }.into_any(),
                            (None, true) => view! { <span>{t(Key::MeetingBuiltInRoom)}</span> }.into_any(),
                            (None, false) => view! { <span>{t(Key::MeetingOnlineLinkForRegistered)}</span> }.into_any(),
                        }}
                    </dd>
                })}
                <dt>{t(Key::MeetingRegistrations)}</dt>
                <dd id="meeting-counts">
                    {t(Key::MeetingCounts)
                        .replace("{room}", &m.counts.in_room.to_string())
                        .replace("{online}", &m.counts.online.to_string())
                        .replace("{waiting}", &m.counts.waitlisted.to_string())}
                </dd>
            </dl>
            {(!m.description.is_empty()).then(|| view! { <p class="pre-line proposal-text" id="meeting-description">{m.description.clone()}</p> })}
            <p class="meeting-actions">
                <a class="krds-btn primary" href=format!("/meetings/{id}/live") id="meeting-live-link">{t(Key::EnterLiveRoom)}</a>" "
                <a class="krds-btn secondary" href=format!("/api/v1/meetings/{id}/calendar.ics") download=format!("meeting-{id}.ics") id="meeting-ics">{t(Key::MeetingCalendar)}</a>
                {m.minutes_published.then(|| view! { " "<a class="krds-btn secondary" href=format!("/meetings/{id}/minutes") id="meeting-minutes-link">{t(Key::MinutesTitle)}</a> })}
            </p>
        </section>

        <section class="page-section" aria-labelledby="meeting-agenda-title">
            <h3 class="section-title" id="meeting-agenda-title">{t(Key::MeetingAgenda)}</h3>
            {m.agenda.is_empty().then(|| view! { <p id="no-agenda">{t(Key::NoAgenda)}</p> })}
            <ol class="agenda-list" id="meeting-agenda">
                {m.agenda.iter().map(|a| view! {
                    <li id=format!("agenda-item-{}", a.id)>
                        <strong>{a.title.clone()}</strong>
                        {a.minutes.map(|n| view! { " "<span class="form-hint">{t(Key::AgendaMinutes).replace("{n}", &n.to_string())}</span> })}
                        {a.proposal_id.map(|pid| view! {
                            <p>{t(Key::AgendaProposal)}": "<a href=format!("/proposals/{pid}")>{a.proposal_title.clone().unwrap_or_default()}</a></p>
                        })}
                        {a.presenter_name.clone().map(|name| view! { <p>{t(Key::AgendaPresenter)}": "{name}</p> })}
                        {(!a.description.is_empty()).then(|| view! { <p class="pre-line">{a.description.clone()}</p> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>

        <Registration page_meeting_id=id state=m.state kind_modes=m.kind.modes().to_vec() mine=m.my_registration.clone() signed_in=page.signed_in base_url=page.base_url.clone() title=m.title.clone() />

        {page.can_manage.then(|| view! {
            <section class="page-section" aria-labelledby="meeting-staff-title" id="meeting-staff">
                <h3 class="section-title" id="meeting-staff-title">{t(Key::MeetingStaffTitle)}</h3>
                <ul class="link-list">
                    <li><a href=format!("/meetings/{id}/edit") id="meeting-edit-link">{t(Key::MeetingEdit)}</a></li>
                    <li><a href=format!("/meetings/{id}/agenda") id="meeting-agenda-link">{t(Key::AgendaEdit)}</a></li>
                    <li><a href=format!("/meetings/{id}/check-in") id="meeting-check-in-link">{t(Key::CheckInDesk)}</a></li>
                    <li><a href=format!("/meetings/{id}/attendees") id="meeting-attendees-link">{t(Key::AttendeeList)}</a></li>
                    <li><a href=format!("/meetings/{id}/live") id="meeting-facilitate-link">{t(Key::FacilitateLiveRoom)}</a></li>
                    <li><a href=format!("/meetings/{id}/minutes") id="meeting-minutes-edit-link">{t(Key::MinutesWrite)}</a></li>
                </ul>
            </section>
        })}
    }
}

/// One's registration, or the form to register.
#[component]
fn Registration(
    page_meeting_id: i64,
    state: MeetingState,
    kind_modes: Vec<AttendanceMode>,
    mine: Option<RegistrationDto>,
    signed_in: bool,
    base_url: String,
    title: String,
) -> impl IntoView {
    let id = page_meeting_id;
    let error = Signal::derive({
        let register = posted_error(REGISTER_URL);
        let cancel = posted_error(CANCEL_URL);
        move || register.get().or_else(|| cancel.get())
    });
    let open = state.accepts_registrations();
    let mine_view = mine.clone().map(|r| {
        let code_view = r.check_in_code.clone().map(|code| {
            let url = check_in_url(&base_url, id, &code);
            let svg = qr_svg(&url, &format!("{} {code}", t(Key::CheckInQrLabel)));
            view! {
                <div class="check-in-ticket" id="my-check-in">
                    <p>{t(Key::MyCheckInCodeHint)}</p>
                    <p class="check-in-code" id="my-check-in-code">{code.clone()}</p>
                    <div class="check-in-qr" id="my-check-in-qr" inner_html=svg></div>
                    <p class="form-hint">{title.clone()}</p>
                </div>
            }
        });
        view! {
            <p id="my-registration">
                <span class="krds-badge" id="my-registration-state">{t(registration_state_key(r.state))}</span>" "
                <span id="my-registration-mode">{t(mode_key(r.mode))}</span>
                {r.waitlist_position.map(|n| view! { " · "<span id="my-waitlist-position">{t(Key::WaitlistPosition).replace("{n}", &n.to_string())}</span> })}
                {r.present_at.clone().map(|at| view! { " · "<span id="my-presence">{t(Key::PresentAt)}" "{kst(&at)}</span> })}
            </p>
            {code_view}
        }
    });
    let can_change_mode = kind_modes.len() > 1 || mine.is_none();
    view! {
        <section class="page-section" aria-labelledby="registration-title" id="registration">
            <h3 class="section-title" id="registration-title">{t(Key::RegistrationTitle)}</h3>
            <ErrorSummary error />
            {mine_view}
            {if !signed_in {
                view! { <p id="registration-sign-in"><a href=format!("/sign-in?next=/meetings/{id}")>{t(Key::SignInToRegister)}</a></p> }.into_any()
            } else if !open {
                view! { <p id="registration-closed">{t(Key::RegistrationClosed)}</p> }.into_any()
            } else {
                view! {
                    {can_change_mode.then(|| view! {
                        <form method="post" action=REGISTER_URL id="register-form" class="inline-form">
                            <input type="hidden" name="id" value=id.to_string() />
                            <fieldset>
                                <legend>{if mine.is_some() { t(Key::ChangeMode) } else { t(Key::ChooseMode) }}</legend>
                                {kind_modes.iter().enumerate().map(|(i, mode)| {
                                    let checked = mine.as_ref().map_or(i == 0, |r| r.mode == *mode);
                                    let input_id = format!("mode-{}", mode.as_str());
                                    view! {
                                        <div class="krds-form-check">
                                            <input type="radio" name="mode" value=mode.as_str() id=input_id.clone() checked=checked />
                                            <label for=input_id>{t(super::mode_key(*mode))}</label>
                                        </div>
                                    }
                                }).collect_view()}
                                <FieldMessage error=field_error(error, "mode") id="mode-error" />
                            </fieldset>
                            <button type="submit" class="krds-btn primary" id="register-button">
                                {if mine.is_some() { t(Key::ChangeModeButton) } else { t(Key::RegisterButton) }}
                            </button>
                        </form>
                    })}
                    {mine.as_ref().filter(|r| r.state != RegistrationState::Cancelled).map(|_| view! {
                        <form method="post" action=CANCEL_URL id="cancel-registration-form" class="inline-form">
                            <input type="hidden" name="id" value=id.to_string() />
                            <button type="submit" class="krds-btn secondary" id="cancel-registration-button">{t(Key::CancelRegistration)}</button>
                        </form>
                    })}
                }.into_any()
            }}
        </section>
    }
}
