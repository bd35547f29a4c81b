//! The staff's pages at the door: `/meetings/:id/check-in`, the check-in
//! desk (type the code a person shows, or open the link of their QR code
//! with a phone's camera: the code is filled in and the staff confirm; a
//! `GET` never checks anyone in), with who is in so far; and
//! `/meetings/:id/attendees`, the list of registrations with each room
//! seat's code and QR code, made to be printed. Both are for the meeting's
//! staff only (the forbidden page for others) and are never cached.

use super::{mode_key, registration_state_key};
use crate::api::{CheckInCode, meeting_attendees};
use crate::components::form::{ErrorSummary, FieldMessage, echoed, field_error, posted_error};
use crate::components::qr::qr_svg;
use crate::components::time::kst;
use crate::i18n::{Key, t};
use crate::pages::forbidden::Forbidden;
use crate::pages::not_found::NotFound;
use crate::pages::review::{id_param, sign_in_redirect};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::ErrorCode;
use shared::meeting::{AttendanceMode, RegistrationState};
use shared::meeting_page::{AttendeesDto, check_in_url};

const CHECK_IN_URL: &str = <CheckInCode as ServerFn>::PATH;

/// Loads the attendees for the staff, or shows why not.
fn staff_page(here: String, id: i64, body: fn(AttendeesDto) -> AnyView) -> impl IntoView {
    crate::pages::private_page();
    let attendees = Resource::new(move || id, meeting_attendees);
    view! {
        <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
            {move || {
                let here = here.clone();
                Suspend::new(async move {
                    match attendees.await {
                        Ok(a) => body(a),
                        Err(e) if e.code() == ErrorCode::Unauthorized => sign_in_redirect(&here),
                        Err(e) if e.code() == ErrorCode::Forbidden => view! { <Forbidden /> }.into_any(),
                        Err(e) if e.code() == ErrorCode::NotFound => view! { <NotFound /> }.into_any(),
                        Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// Why the door refused a code, from the server's answer: unknown (404) or
/// the refusal's wire name in the conflict's message (409).
fn refusal_key(e: &crate::api::FnError) -> Option<Key> {
    match e.code() {
        ErrorCode::NotFound => Some(Key::CheckInUnknown),
        ErrorCode::Conflict => {
            let m = &e.error.message;
            Some(if m.contains("(already_checked_in)") {
                Key::CheckInUsed
            } else if m.contains("(waitlisted)") {
                Key::CheckInWaitlisted
            } else if m.contains("(cancelled)") {
                Key::CheckInCancelledReg
            } else if m.contains("(online)") {
                Key::CheckInOnline
            } else if m.contains("(too_early)") {
                Key::CheckInTooEarly
            } else if m.contains("(ended)") {
                Key::CheckInEnded
            } else {
                return None;
            })
        }
        _ => None,
    }
}

/// `/meetings/:id/check-in`.
#[component]
pub fn CheckInPage() -> impl IntoView {
    let Some(id) = id_param("id") else {
        return view! { <NotFound /> }.into_any();
    };
    staff_page(format!("/meetings/{id}/check-in"), id, |a| view! { <CheckInDesk attendees=a /> }.into_any()).into_any()
}

#[component]
fn CheckInDesk(attendees: AttendeesDto) -> impl IntoView {
    let id = attendees.meeting_id;
    let (scanned, done) = use_query_map().with_untracked(|q| (q.get("code"), q.get("done").and_then(|d| d.parse::<i64>().ok())));
    let error = posted_error(CHECK_IN_URL);
    let code = {
        let typed = echoed(error, "code");
        if typed.is_empty() { scanned.clone().unwrap_or_default() } else { typed }
    };
    let done = done.and_then(|rid| attendees.attendees.iter().find(|a| a.registration.id == rid).cloned());
    let seats: Vec<_> = attendees
        .attendees
        .iter()
        .filter(|a| a.registration.state == RegistrationState::Registered && a.registration.mode == AttendanceMode::InRoom)
        .cloned()
        .collect();
    let checked_in = |a: &shared::meeting_page::AttendeeDto| a.registration.present_mode == Some(AttendanceMode::InRoom);
    let present = seats.iter().filter(|a| checked_in(a)).count();
    let total = seats.len();
    view! {
        <Title text=t(Key::CheckInDesk) />
        <section class="page-section" aria-labelledby="check-in-title">
            <p class="back-link"><a href=format!("/meetings/{id}")>{attendees.title.clone()}</a></p>
            <h2 class="page-title" id="check-in-title">{t(Key::CheckInDesk)}</h2>
            <p class="lead">{t(Key::CheckInLead)}</p>
            {done.map(|a| view! {
                <p class="krds-notice" role="status" id="checked-in">
                    {t(Key::CheckedInNotice).replace("{name}", &a.display_name)}
                </p>
            })}
            {scanned.is_some().then(|| view! { <p class="form-hint" id="scanned-hint">{t(Key::ScannedCodeHint)}</p> })}
            <ErrorSummary error />
            {move || error.get().and_then(|e| refusal_key(&e)).map(|key| view! {
                <p class="krds-error-summary" role="alert" id="check-in-refused">{t(key)}</p>
            })}
            <form method="post" action=CHECK_IN_URL id="check-in-form" class="check-in-form">
                <input type="hidden" name="id" value=id.to_string() />
                <div class="form-group">
                    <div class="form-tit"><label for="check-in-code">{t(Key::CheckInCodeLabel)}</label></div>
                    <div class="form-conts">
                        <input type="text" id="check-in-code" name="code" class="krds-input check-in-input" value=code
                            autocomplete="off" autocapitalize="characters" spellcheck="false" autofocus
                            aria-describedby="check-in-code-hint check-in-code-error" />
                        <p class="form-hint" id="check-in-code-hint">{t(Key::CheckInCodeHint)}</p>
                        <FieldMessage error=field_error(error, "code") id="check-in-code-error" />
                    </div>
                </div>
                <button type="submit" class="krds-btn primary" id="check-in-button">{t(Key::CheckInButton)}</button>
            </form>
        </section>
        <section class="page-section" aria-labelledby="check-in-list-title">
            <h3 class="section-title" id="check-in-list-title">{t(Key::CheckInProgress).replace("{n}", &present.to_string()).replace("{total}", &total.to_string())}</h3>
            <p><a href=format!("/meetings/{id}/attendees") id="attendees-print-link">{t(Key::AttendeeList)}</a></p>
            <ul class="check-in-list" id="check-in-list">
                {seats.into_iter().map(|a| {
                    let state = if checked_in(&a) { t(Key::CheckedIn) } else { t(Key::NotCheckedIn) };
                    view! { <li id=format!("seat-{}", a.registration.id)>{a.display_name.clone()}" — "{state}</li> }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// `/meetings/:id/attendees`.
#[component]
pub fn AttendeesPage() -> impl IntoView {
    let Some(id) = id_param("id") else {
        return view! { <NotFound /> }.into_any();
    };
    staff_page(format!("/meetings/{id}/attendees"), id, |a| view! { <AttendeeList attendees=a /> }.into_any()).into_any()
}

#[component]
fn AttendeeList(attendees: AttendeesDto) -> impl IntoView {
    let id = attendees.meeting_id;
    let base = attendees.base_url.clone();
    view! {
        <Title text=t(Key::AttendeeList) />
        <section class="page-section attendee-sheet" aria-labelledby="attendees-title">
            <p class="back-link no-print"><a href=format!("/meetings/{id}")>{attendees.title.clone()}</a></p>
            <h2 class="page-title" id="attendees-title">{t(Key::AttendeeList)}": "{attendees.title.clone()}</h2>
            <p>
                <time datetime=attendees.starts_at.clone()>{kst(&attendees.starts_at)}" (KST)"</time>
                {attendees.venue.clone().map(|v| view! { " · "{v} })}
            </p>
            <p class="form-hint no-print">{t(Key::AttendeeListHint)}</p>
            {attendees.attendees.is_empty().then(|| view! { <p id="no-attendees">{t(Key::NoAttendees)}</p> })}
            <div class="table-scroll">
                <table class="krds-table attendee-table" id="attendee-table">
                    <caption>{t(Key::AttendeeList)}</caption>
                    <thead><tr>
                        <th scope="col">{t(Key::MemberName)}</th>
                        <th scope="col">{t(Key::AttendeeMode)}</th>
                        <th scope="col">{t(Key::AttendeeState)}</th>
                        <th scope="col">{t(Key::CheckInCodeLabel)}</th>
                        <th scope="col">{t(Key::CheckInQrLabel)}</th>
                        <th scope="col">{t(Key::AttendeePresent)}</th>
                    </tr></thead>
                    <tbody>
                        {attendees.attendees.iter().map(|a| {
                            let r = &a.registration;
                            let qr = r.check_in_code.as_ref().map(|code| qr_svg(&check_in_url(&base, id, code), &format!("{} {}", t(Key::CheckInQrLabel), a.display_name))).unwrap_or_default();
                            let state = match r.waitlist_position {
                                Some(n) => format!("{} {}", t(registration_state_key(r.state)), t(Key::WaitlistPosition).replace("{n}", &n.to_string())),
                                None => t(registration_state_key(r.state)).to_owned(),
                            };
                            view! {
                                <tr id=format!("attendee-{}", r.id)>
                                    <td>{a.display_name.clone()}</td>
                                    <td>{t(mode_key(r.mode))}</td>
                                    <td>{state}</td>
                                    <td class="check-in-code">{r.check_in_code.clone().unwrap_or_default()}</td>
                                    <td><div class="check-in-qr small" inner_html=qr></div></td>
                                    <td>{r.present_at.as_ref().map(|at| kst(at)).unwrap_or_default()}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
