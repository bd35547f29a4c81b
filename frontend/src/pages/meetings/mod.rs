//! Councils and their meetings (협의회·회의) as people see them:
//! `/councils` (every council, subcommittee and forum team), `/councils/:id`
//! (members, meetings, deliberated proposals, minutes), `/meetings` (the
//! meetings one may see) and, in the sub-modules, `/meetings/:id` (the
//! meeting and one's registration, [`detail`]), the staff's check-in desk
//! and printable list ([`checkin`]) and the live room ([`live`]).
//! Members-only meetings are left out for everyone but the council's members
//! and admins: the server never sends them.

pub mod checkin;
pub mod detail;
pub mod live;
pub mod manage;
pub mod minutes;

use crate::api::{council_detail, councils_list, meetings_list};
use crate::components::time::kst;
use crate::i18n::{Key, t};
use crate::pages::not_found::NotFound;
use crate::pages::review::id_param;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::ErrorCode;
use shared::meeting::{
    AttendanceMode, CouncilDto, CouncilKind, MeetingKind, MeetingState, MeetingSummary, MemberRole,
    PollKind, PollState, QuestionState, RegistrationState, Side, Visibility,
};

pub fn council_kind_key(kind: CouncilKind) -> Key {
    match kind {
        CouncilKind::Council => Key::CouncilKindCouncil,
        CouncilKind::Subcommittee => Key::CouncilKindSubcommittee,
        CouncilKind::ForumTeam => Key::CouncilKindForumTeam,
    }
}

pub fn side_key(side: Side) -> Key {
    match side {
        Side::Civilian => Key::SideCivilian,
        Side::Government => Key::SideGovernment,
    }
}

pub fn member_role_key(role: MemberRole) -> Key {
    match role {
        MemberRole::Chair => Key::MemberRoleChair,
        MemberRole::Member => Key::MemberRoleMember,
        MemberRole::Secretary => Key::MemberRoleSecretary,
    }
}

pub fn meeting_kind_key(kind: MeetingKind) -> Key {
    match kind {
        MeetingKind::InPerson => Key::MeetingKindInPerson,
        MeetingKind::Online => Key::MeetingKindOnline,
        MeetingKind::Hybrid => Key::MeetingKindHybrid,
    }
}

pub fn meeting_state_key(state: MeetingState) -> Key {
    match state {
        MeetingState::Upcoming => Key::MeetingStateUpcoming,
        MeetingState::Live => Key::MeetingStateLive,
        MeetingState::Ended => Key::MeetingStateEnded,
    }
}

pub fn mode_key(mode: AttendanceMode) -> Key {
    match mode {
        AttendanceMode::InRoom => Key::ModeInRoom,
        AttendanceMode::Online => Key::ModeOnline,
    }
}

pub fn registration_state_key(state: RegistrationState) -> Key {
    match state {
        RegistrationState::Registered => Key::RegistrationRegistered,
        RegistrationState::Waitlisted => Key::RegistrationWaitlisted,
        RegistrationState::Cancelled => Key::RegistrationCancelled,
    }
}

pub fn poll_kind_key(kind: PollKind) -> Key {
    match kind {
        PollKind::Single => Key::PollKindSingle,
        PollKind::Multiple => Key::PollKindMultiple,
        PollKind::YesNoAbstain => Key::PollKindYesNoAbstain,
        PollKind::Scale => Key::PollKindScale,
    }
}

pub fn poll_state_key(state: PollState) -> Key {
    match state {
        PollState::Draft => Key::PollStateDraft,
        PollState::Open => Key::PollStateOpen,
        PollState::Closed => Key::PollStateClosed,
    }
}

pub fn question_state_key(state: QuestionState) -> Key {
    match state {
        QuestionState::Queued => Key::QuestionQueued,
        QuestionState::Answered => Key::QuestionAnswered,
        QuestionState::Hidden => Key::QuestionHidden,
    }
}

/// A poll option's text: the fixed kinds' keys (`yes`, `3`) translated.
pub fn option_label(kind: PollKind, label: &str) -> String {
    match (kind, label) {
        (PollKind::YesNoAbstain, "yes") => t(Key::PollYes).to_owned(),
        (PollKind::YesNoAbstain, "no") => t(Key::PollNo).to_owned(),
        (PollKind::YesNoAbstain, "abstain") => t(Key::PollAbstain).to_owned(),
        _ => label.to_owned(),
    }
}

/// A meeting's time in KST: `2026-12-20 14:00 – 16:00 (KST)`, the end's
/// date only when it differs.
pub fn meeting_time(starts_at: &str, ends_at: &str) -> String {
    let (start, end) = (kst(starts_at), kst(ends_at));
    let end = match (start.get(..10), end.get(..10), end.get(11..)) {
        (Some(a), Some(b), Some(time)) if a == b => time.to_owned(),
        _ => end,
    };
    format!("{start} – {end} (KST)")
}

/// The meeting's state as a badge (in words; the colour only adds to them).
#[component]
pub fn MeetingStateBadge(
    state: MeetingState,
    #[prop(optional)] id: Option<String>,
) -> impl IntoView {
    let class = format!("krds-badge meeting-state meeting-state-{}", state.as_str());
    view! { <span class=class id=id>{t(meeting_state_key(state))}</span> }
}

/// A table of meetings: title, council (when `council_names` is given), time, kind, state.
#[component]
pub fn MeetingTable(
    meetings: Vec<MeetingSummary>,
    id: &'static str,
    caption: Key,
) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="krds-table meeting-table" id=id>
                <caption>{t(caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(Key::MeetingTitleLabel)}</th>
                        <th scope="col">{t(Key::MeetingWhen)}</th>
                        <th scope="col">{t(Key::MeetingKindLabel)}</th>
                        <th scope="col">{t(Key::MeetingStateLabel)}</th>
                    </tr>
                </thead>
                <tbody>
                    {meetings.into_iter().map(|m| view! {
                        <tr id=format!("meeting-row-{}", m.id)>
                            <td>
                                <a href=format!("/meetings/{}", m.id)>{m.title.clone()}</a>
                                {(m.visibility == Visibility::MembersOnly).then(|| view! { " "<span class="krds-badge">{t(Key::MembersOnly)}</span> })}
                            </td>
                            <td><time datetime=m.starts_at.clone()>{meeting_time(&m.starts_at, &m.ends_at)}</time></td>
                            <td>{t(meeting_kind_key(m.kind))}</td>
                            <td><MeetingStateBadge state=m.state /></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// `/councils`.
#[component]
pub fn CouncilsPage() -> impl IntoView {
    let councils = Resource::new(|| (), |_| councils_list());
    let meetings = Resource::new(|| (), |_| meetings_list(None));
    let access = Resource::new(|| (), |_| crate::api::my_access());
    view! {
        <Title text=t(Key::CouncilsTitle) />
        <section class="page-section" aria-labelledby="councils-title">
            <h2 class="page-title" id="councils-title">{t(Key::CouncilsTitle)}</h2>
            <p class="lead">{t(Key::CouncilsLead)}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    access.await.ok().filter(|a| a.global_admin).map(|_| view! {
                        <p class="meeting-actions"><a class="krds-btn secondary" href="/councils/new" id="new-council-link">{t(Key::NewCouncilLink)}</a></p>
                    })
                })}
            </Suspense>
            <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match councils.await {
                        Ok(list) if list.is_empty() => view! { <p id="no-councils">{t(Key::NoCouncils)}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="council-list" id="council-list">
                                {list.into_iter().map(|c| view! {
                                    <li id=format!("council-{}", c.id)>
                                        <a href=format!("/councils/{}", c.id)>{c.name.clone()}</a>
                                        " "<span class="krds-badge">{t(council_kind_key(c.kind))}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
        <section class="page-section" aria-labelledby="all-meetings-title">
            <h3 class="section-title" id="all-meetings-title">{t(Key::MeetingsTitle)}</h3>
            <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match meetings.await {
                        Ok(list) if list.is_empty() => view! { <p id="no-meetings">{t(Key::NoMeetings)}</p> }.into_any(),
                        Ok(list) => view! { <MeetingTable meetings=list id="meeting-list" caption=Key::MeetingsTitle /> }.into_any(),
                        Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// `/councils/:id`.
#[component]
pub fn CouncilPage() -> impl IntoView {
    let Some(id) = id_param("id") else {
        return view! { <NotFound /> }.into_any();
    };
    let council = Resource::new(move || id, council_detail);
    view! {
        <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match council.await {
                    Ok(c) => view! { <CouncilView council=c /> }.into_any(),
                    Err(e) if e.code() == ErrorCode::NotFound => view! { <NotFound /> }.into_any(),
                    Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn CouncilView(council: CouncilDto) -> impl IntoView {
    let (upcoming, past): (Vec<_>, Vec<_>) = council
        .meetings
        .iter()
        .cloned()
        .partition(|m| m.state != MeetingState::Ended);
    view! {
        <Title text=council.name.clone() />
        <section class="page-section" aria-labelledby="council-title">
            <p class="back-link"><a href="/councils">{t(Key::BackToCouncils)}</a></p>
            <p><span class="krds-badge" id="council-kind">{t(council_kind_key(council.kind))}</span></p>
            <h2 class="page-title" id="council-title">{council.name.clone()}</h2>
            {council.parent.clone().map(|p| view! {
                <p id="council-parent">{t(Key::CouncilParent)}": "<a href=format!("/councils/{}", p.id)>{p.name}</a></p>
            })}
            {(!council.description.is_empty()).then(|| view! { <p class="pre-line" id="council-description">{council.description.clone()}</p> })}
            {(council.can_manage || council.can_schedule).then(|| view! {
                <p class="meeting-actions" id="council-staff-actions">
                    {council.can_schedule.then(|| view! {
                        <a class="krds-btn primary" href=format!("/meetings/new?council={}", council.id) id="schedule-meeting-link">{t(Key::ScheduleMeeting)}</a>" "
                    })}
                    {council.can_manage.then(|| view! {
                        <a class="krds-btn secondary" href=format!("/councils/{}/manage", council.id) id="manage-council-link">{t(Key::CouncilManageTitle)}</a>
                    })}
                </p>
            })}
            {(!council.children.is_empty()).then(|| view! {
                <h3 class="section-title">{t(Key::CouncilChildren)}</h3>
                <ul class="council-list" id="council-children">
                    {council.children.iter().map(|c| view! {
                        <li><a href=format!("/councils/{}", c.id)>{c.name.clone()}</a>" "<span class="krds-badge">{t(council_kind_key(c.kind))}</span></li>
                    }).collect_view()}
                </ul>
            })}
        </section>
        <section class="page-section" aria-labelledby="council-members-title">
            <h3 class="section-title" id="council-members-title">{t(Key::CouncilMembers)}</h3>
            {if council.members.is_empty() {
                view! { <p id="no-council-members">{t(Key::NoCouncilMembers)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="krds-table" id="council-members">
                            <caption>{t(Key::CouncilMembers)}</caption>
                            <thead><tr>
                                <th scope="col">{t(Key::MemberName)}</th>
                                <th scope="col">{t(Key::MemberRoleLabel)}</th>
                                <th scope="col">{t(Key::MemberSide)}</th>
                                <th scope="col">{t(Key::MemberOrganisation)}</th>
                            </tr></thead>
                            <tbody>
                                {council.members.iter().map(|m| view! {
                                    <tr>
                                        <td>{m.display_name.clone()}</td>
                                        <td>{t(member_role_key(m.role))}</td>
                                        <td>{t(side_key(m.side))}</td>
                                        <td>{m.organisation.as_ref().map(|o| o.name.clone()).unwrap_or_default()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
        <section class="page-section" aria-labelledby="council-proposals-title">
            <h3 class="section-title" id="council-proposals-title">{t(Key::CouncilProposals)}</h3>
            {if council.proposals.is_empty() {
                view! { <p id="no-council-proposals">{t(Key::NoCouncilProposals)}</p> }.into_any()
            } else {
                view! {
                    <ul class="council-proposals" id="council-proposals">
                        {council.proposals.iter().map(|p| view! {
                            <li>
                                <a href=format!("/proposals/{}", p.id)>{p.title.clone()}</a>" "
                                <span class="krds-badge">{t(crate::pages::proposals::status_key(p.status))}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section class="page-section" aria-labelledby="council-minutes-title">
            <h3 class="section-title" id="council-minutes-title">{t(Key::MinutesTitle)}</h3>
            {if council.minutes.is_empty() {
                view! { <p id="no-council-minutes">{t(Key::NoMinutes)}</p> }.into_any()
            } else {
                view! {
                    <ul class="council-minutes" id="council-minutes">
                        {council.minutes.iter().map(|m| view! {
                            <li>
                                <a href=format!("/meetings/{}/minutes", m.meeting_id)>{m.meeting_title.clone()}</a>" · "
                                <time datetime=m.starts_at.clone()>{crate::components::time::kst_date(&m.starts_at)}</time>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section class="page-section" aria-labelledby="council-meetings-title">
            <h3 class="section-title" id="council-meetings-title">{t(Key::CouncilMeetings)}</h3>
            {upcoming.is_empty().then(|| view! { <p id="no-upcoming-meetings">{t(Key::NoUpcomingMeetings)}</p> })}
            {(!upcoming.is_empty()).then(|| view! { <MeetingTable meetings=upcoming id="council-upcoming" caption=Key::UpcomingMeetings /> })}
            {(!past.is_empty()).then(|| view! { <MeetingTable meetings=past id="council-past" caption=Key::PastMeetings /> })}
        </section>
    }
}
