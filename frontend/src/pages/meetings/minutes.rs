//! `/meetings/:id/minutes`: the minutes of a meeting, per agenda item (the
//! decisions, a summary of the discussion, the item's poll results by
//! provenance), with the attendance by mode. Published minutes are public
//! (as public as the meeting); the draft is the staff's, who write it here:
//! a plain form, saved as a draft or published once the meeting has ended.
//! A refused publication keeps the text as a draft.

use super::live::Results;
use crate::api::{SaveMeetingMinutes, meeting_minutes};
use crate::components::form::{ErrorSummary, Notice, posted_error};
use crate::components::time::kst;
use crate::i18n::{Key, t};
use crate::pages::not_found::NotFound;
use crate::pages::review::id_param;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::ErrorCode;
use shared::meeting::{MinutesDto, PollDto, limits};

const SAVE_URL: &str = <SaveMeetingMinutes as ServerFn>::PATH;

/// `/meetings/:id/minutes`.
#[component]
pub fn MinutesPage() -> impl IntoView {
    let Some(id) = id_param("id") else {
        return view! { <NotFound /> }.into_any();
    };
    let minutes = Resource::new(move || id, meeting_minutes);
    view! {
        <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match minutes.await {
                    Ok(m) => {
                        if m.published_at.is_none() {
                            crate::pages::private_page();
                        }
                        view! { <MinutesView minutes=m /> }.into_any()
                    }
                    Err(e) if e.code() == ErrorCode::NotFound => view! { <NotFound /> }.into_any(),
                    Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

fn poll_results(polls: &[PollDto]) -> impl IntoView + use<> {
    polls
        .iter()
        .filter_map(|p| p.results.clone().map(|r| (p.clone(), r)))
        .map(|(p, r)| view! { <Results poll=p results=r /> })
        .collect_view()
}

#[component]
fn MinutesView(minutes: MinutesDto) -> impl IntoView {
    let id = minutes.meeting_id;
    let notices = use_query_map().with_untracked(|q| {
        [("saved", "minutes-saved", Key::MinutesSavedNotice), ("published", "minutes-published", Key::MinutesPublishedNotice)]
            .into_iter()
            .filter(|(param, _, _)| q.get(param).is_some())
            .map(|(_, id, key)| (id, key))
            .collect::<Vec<_>>()
    });
    let error = posted_error(SAVE_URL);
    let a = minutes.attendance;
    let published = minutes.published_at.clone();
    view! {
        <Title text=format!("{} · {}", t(Key::MinutesTitle), minutes.meeting_title) />
        <section class="page-section" aria-labelledby="minutes-title">
            <p class="back-link"><a href=format!("/meetings/{id}") id="back-to-meeting">{minutes.meeting_title.clone()}</a></p>
            <h2 class="page-title" id="minutes-title">{t(Key::MinutesTitle)}": "{minutes.meeting_title.clone()}</h2>
            {notices.into_iter().map(|(nid, key)| view! { <Notice id=nid text=key /> }).collect_view()}
            <p id="minutes-state">
                {match &published {
                    Some(at) => view! { <span class="krds-badge">{t(Key::MinutesPublished)}</span>" "<time datetime=at.clone()>{kst(at)}" (KST)"</time> }.into_any(),
                    None => view! { <span class="krds-badge">{t(Key::MinutesDraft)}</span> }.into_any(),
                }}
            </p>
            <h3 class="section-title">{t(Key::AttendanceTitle)}</h3>
            <p id="minutes-attendance">
                {t(Key::MinutesAttendance)
                    .replace("{room}", &a.present_in_room.to_string())
                    .replace("{room_registered}", &a.registered_in_room.to_string())
                    .replace("{online}", &a.present_online.to_string())
                    .replace("{online_registered}", &a.registered_online.to_string())}
            </p>
        </section>
        {published.is_some().then(|| view! {
            <section class="page-section" aria-labelledby="minutes-items-title" id="minutes-items">
                <h3 class="section-title" id="minutes-items-title">{t(Key::MeetingAgenda)}</h3>
                <ol class="agenda-list">
                    {minutes.items.iter().map(|item| view! {
                        <li id=format!("minutes-item-{}", item.agenda_item.id)>
                            <h4>{item.agenda_item.title.clone()}</h4>
                            {item.agenda_item.proposal_id.map(|pid| view! {
                                <p>{t(Key::AgendaProposal)}": "<a href=format!("/proposals/{pid}")>{item.agenda_item.proposal_title.clone().unwrap_or_default()}</a></p>
                            })}
                            <h5>{t(Key::MinutesDecisions)}</h5>
                            <p class="pre-line minutes-decisions">{if item.decisions.is_empty() { t(Key::MinutesNone).to_owned() } else { item.decisions.clone() }}</p>
                            <h5>{t(Key::MinutesSummary)}</h5>
                            <p class="pre-line minutes-summary">{if item.summary.is_empty() { t(Key::MinutesNone).to_owned() } else { item.summary.clone() }}</p>
                            {poll_results(&item.polls)}
                        </li>
                    }).collect_view()}
                </ol>
                {(!minutes.polls.is_empty()).then(|| view! {
                    <h4>{t(Key::ClosedPollsTitle)}</h4>
                    {poll_results(&minutes.polls)}
                })}
            </section>
        })}
        {minutes.editable.then(|| view! {
            <section class="page-section" aria-labelledby="minutes-form-title" id="minutes-editor">
                <h3 class="section-title" id="minutes-form-title">{t(Key::MinutesWrite)}</h3>
                <p class="form-hint">{t(Key::MinutesFormHint)}</p>
                <ErrorSummary error />
                <form method="post" action=SAVE_URL id="minutes-form">
                    <input type="hidden" name="meeting_id" value=id.to_string() />
                    {minutes.items.iter().map(|item| {
                        let aid = item.agenda_item.id;
                        let (d, s) = (format!("decisions-{aid}"), format!("summary-{aid}"));
                        view! {
                            <fieldset class="minutes-item">
                                <legend>{item.agenda_item.position}". "{item.agenda_item.title.clone()}</legend>
                                <input type="hidden" name="agenda_item_id[]" value=aid.to_string() />
                                <div class="form-group">
                                    <div class="form-tit"><label for=d.clone()>{t(Key::MinutesDecisions)}</label></div>
                                    <div class="form-conts">
                                        <textarea id=d name="decisions[]" class="krds-input" rows="3" maxlength=limits::DECISIONS.to_string()>{item.decisions.clone()}</textarea>
                                    </div>
                                </div>
                                <div class="form-group">
                                    <div class="form-tit"><label for=s.clone()>{t(Key::MinutesSummary)}</label></div>
                                    <div class="form-conts">
                                        <textarea id=s name="summary[]" class="krds-input" rows="6" maxlength=limits::SUMMARY.to_string()>{item.summary.clone()}</textarea>
                                    </div>
                                </div>
                            </fieldset>
                        }
                    }).collect_view()}
                    {minutes.items.is_empty().then(|| view! { <p>{t(Key::NoAgenda)}</p> })}
                    <button type="submit" class="krds-btn secondary" id="minutes-save">{t(Key::MinutesSave)}</button>" "
                    <button type="submit" name="publish" value="1" class="krds-btn primary" id="minutes-publish">
                        {if published.is_some() { t(Key::MinutesUpdate) } else { t(Key::MinutesPublish) }}
                    </button>
                </form>
            </section>
        })}
    }
}
