//! `/meetings/:id/live`: the live room, shared by people in the room (on
//! their phones) and online. Everyone sees the current agenda item and its
//! proposal, the open poll, the questions queue and the raised hands, and
//! the attendance by mode. People in the room (checked in) and registered
//! online participants vote, ask, upvote and raise a hand; the staff
//! (facilitator) move through the agenda, prepare, open and close polls,
//! enter the room's hand count (the form shows the phone votes already in,
//! so nobody is counted twice) and mark questions answered or hide them.
//!
//! The room is one island ([`LiveRoom`]). With WASM it follows the meeting's
//! Server-Sent Events (`/api/v1/meetings/{id}/events`): the browser resumes
//! with `Last-Event-ID` after a dropped connection, and the island loads
//! the full state again at every (re)connection and on `resync`, applying
//! the events that came meanwhile, so nothing is lost. Without WASM the same
//! page is plain forms that post and come back, and it refreshes itself.

use super::{meeting_state_key, mode_key, option_label, poll_kind_key, poll_state_key, question_state_key};
use crate::api::{
    CastVote, CreateMeetingPoll, EnterHandCount, ModerateQuestion, MoveAgenda, MoveMeetingPoll, PostQuestion, SetHand,
    UpvoteQuestion, hand_count_form, live_state, meeting_detail, meeting_polls,
};
use crate::components::form::{ErrorSummary, FieldMessage, Notice, echoed, field_error, posted_error};
use crate::i18n::{Key, t};
use crate::pages::not_found::NotFound;
use crate::pages::review::id_param;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::ErrorCode;
use shared::meeting::{
    AgendaItemDto, HandCountFormDto, LiveEvent, LiveStateDto, PollDto, PollKind, PollResultsDto, PollState, QuestionDto,
    QuestionState, order_questions,
};

const VOTE_URL: &str = <CastVote as ServerFn>::PATH;
const QUESTION_URL: &str = <PostQuestion as ServerFn>::PATH;
const UPVOTE_URL: &str = <UpvoteQuestion as ServerFn>::PATH;
const HAND_URL: &str = <SetHand as ServerFn>::PATH;
const MODERATE_URL: &str = <ModerateQuestion as ServerFn>::PATH;
const AGENDA_URL: &str = <MoveAgenda as ServerFn>::PATH;
const POLL_URL: &str = <CreateMeetingPoll as ServerFn>::PATH;
const MOVE_POLL_URL: &str = <MoveMeetingPoll as ServerFn>::PATH;
const HAND_COUNT_URL: &str = <EnterHandCount as ServerFn>::PATH;

/// `/meetings/:id/live`.
#[component]
pub fn LiveRoomPage() -> impl IntoView {
    let Some(id) = id_param("id") else {
        return view! { <NotFound /> }.into_any();
    };
    crate::pages::private_page();
    let data = Resource::new(
        move || id,
        |id| async move {
            let page = meeting_detail(id).await?;
            let state = live_state(id).await?;
            let polls = meeting_polls(id).await?;
            let mut forms = Vec::new();
            if state.facilitator {
                for p in polls.iter().filter(|p| p.state != PollState::Draft) {
                    forms.push(hand_count_form(p.id).await?);
                }
            }
            Ok::<_, crate::api::FnError>((page, state, polls, forms))
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((page, state, polls, forms)) => {
                        let m = page.meeting;
                        let staff = state.facilitator;
                        view! {
                            <Title text=format!("{} · {}", t(Key::LiveRoomTitle), m.title) />
                            // Without JavaScript the page refreshes itself; with it, events update it.
                            <noscript><meta http-equiv="refresh" content="20" /></noscript>
                            <section class="page-section" aria-labelledby="live-title">
                                <p class="back-link"><a href=format!("/meetings/{id}") id="back-to-meeting">{m.title.clone()}</a></p>
                                <h2 class="page-title" id="live-title">{t(Key::LiveRoomTitle)}": "{m.title.clone()}</h2>
                                <p><span class="krds-badge" id="live-meeting-state">{t(meeting_state_key(state.state))}</span></p>
                                <LiveNotices />
                                <noscript><p class="form-hint">{t(Key::LiveNoScript)}" "<a href=format!("/meetings/{id}/live")>{t(Key::Refresh)}</a></p></noscript>
                            </section>
                            <LiveRoom initial=state />
                            {staff.then(|| view! { <Facilitator meeting_id=id agenda=m.agenda.clone() polls=polls.clone() forms /> })}
                            <ClosedPolls polls />
                        }.into_any()
                    }
                    Err(e) if e.code() == ErrorCode::NotFound => view! { <NotFound /> }.into_any(),
                    Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// The notices after a plain post, and its error.
#[component]
fn LiveNotices() -> impl IntoView {
    let notices = use_query_map().with_untracked(|q| {
        [
            ("voted", "vote-notice", Key::VotedNotice),
            ("asked", "question-notice", Key::QuestionPostedNotice),
            ("poll_created", "poll-created-notice", Key::PollCreatedNotice),
            ("counted", "hand-count-notice", Key::HandCountNotice),
        ]
        .into_iter()
        .filter(|(param, _, _)| q.get(param).is_some())
        .map(|(_, id, key)| (id, key))
        .collect::<Vec<_>>()
    });
    let error = Signal::derive({
        let errors = [VOTE_URL, UPVOTE_URL, HAND_URL, MODERATE_URL, AGENDA_URL, MOVE_POLL_URL].map(posted_error);
        move || errors.iter().find_map(|e| e.get())
    });
    view! {
        {notices.into_iter().map(|(nid, key)| view! { <Notice id=nid text=key /> }).collect_view()}
        <ErrorSummary error />
    }
}

/// Applies one event to the state. Broadcast questions and polls carry no
/// personal fields (`upvoted_by_me`, `my_vote`): those are kept.
pub fn apply(state: &mut LiveStateDto, last_closed: &mut Option<PollDto>, event: LiveEvent) {
    match event {
        LiveEvent::AgendaMoved { agenda_item_id } => state.current_agenda_item_id = agenda_item_id,
        LiveEvent::QuestionPosted { question } | LiveEvent::QuestionUpdated { question } => {
            let hidden = question.state == QuestionState::Hidden && !state.facilitator;
            match state.questions.iter_mut().find(|q| q.id == question.id) {
                Some(q) => {
                    let mine = q.upvoted_by_me;
                    *q = question;
                    q.upvoted_by_me = mine;
                }
                None => state.questions.push(question),
            }
            if hidden {
                state.questions.retain(|q| q.state != QuestionState::Hidden);
            }
            order_questions(&mut state.questions);
        }
        LiveEvent::HandRaised { hand } => {
            if !state.hands.iter().any(|h| h.user_id == hand.user_id) {
                state.hands.push(hand);
            }
        }
        LiveEvent::HandLowered { user_id } | LiveEvent::HandCalled { user_id } => state.hands.retain(|h| h.user_id != user_id),
        LiveEvent::PollOpened { poll } => {
            if state.open_poll.as_ref().is_none_or(|p| p.id != poll.id) {
                state.open_poll = Some(poll);
            }
        }
        LiveEvent::PollClosed { poll_id } => {
            if let Some(mut p) = state.open_poll.take_if(|p| p.id == poll_id) {
                p.state = PollState::Closed;
                *last_closed = Some(p);
            }
        }
        LiveEvent::PollResults { poll_id, results } => {
            for p in [state.open_poll.as_mut(), last_closed.as_mut()].into_iter().flatten() {
                if p.id == poll_id {
                    p.results = Some(results.clone());
                }
            }
        }
        LiveEvent::Attendance { attendance } => state.attendance = attendance,
        LiveEvent::Resync => {}
    }
}

/// The live part of the room: current item, open poll, questions, hands,
/// attendance. Rendered on the server; in the browser it follows the events.
#[island]
fn LiveRoom(initial: LiveStateDto) -> impl IntoView {
    let id = initial.meeting_id;
    let state = RwSignal::new(initial);
    let last_closed = RwSignal::new(None::<PollDto>);
    let connected = RwSignal::new(None::<bool>);
    #[cfg(feature = "hydrate")]
    follow_events(id, state, last_closed, connected);
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
    let current = move || {
        state.with(|s| s.current_agenda_item_id.and_then(|cur| s.agenda.iter().find(|a| a.id == cur).cloned()))
    };
    view! {
        <p class="live-status" id="live-status" role="status">
            {move || match connected.get() {
                None => t(Key::LiveStatic),
                Some(true) => t(Key::LiveConnected),
                Some(false) => t(Key::LiveReconnecting),
            }}
        </p>
        <section class="page-section" aria-labelledby="current-item-title" id="current-item">
            <h3 class="section-title" id="current-item-title">{t(Key::CurrentItem)}</h3>
            {move || match current() {
                Some(item) => view! { <CurrentItem item /> }.into_any(),
                None => view! { <p id="no-current-item">{t(Key::NoCurrentItem)}</p> }.into_any(),
            }}
        </section>
        <section class="page-section" aria-labelledby="open-poll-title" id="polls">
            <h3 class="section-title" id="open-poll-title">{t(Key::OpenPollTitle)}</h3>
            {move || match state.with(|s| s.open_poll.clone()) {
                Some(poll) => view! { <PollCard poll state last_closed /> }.into_any(),
                None => view! { <p id="no-open-poll">{t(Key::NoOpenPoll)}</p> }.into_any(),
            }}
            {move || last_closed.get().map(|poll| view! {
                <div id="last-closed-poll">
                    <h4 class="poll-question">{poll.question.clone()}" "<span class="krds-badge">{t(Key::PollStateClosed)}</span></h4>
                    {poll.results.clone().map(|r| view! { <Results poll=poll.clone() results=r /> })}
                </div>
            })}
        </section>
        <Questions state />
        <Hands state />
        <section class="page-section" aria-labelledby="attendance-title" id="attendance">
            <h3 class="section-title" id="attendance-title">{t(Key::AttendanceTitle)}</h3>
            <p id="attendance-counts">
                {move || {
                    let a = state.with(|s| s.attendance);
                    t(Key::AttendanceCounts)
                        .replace("{room}", &a.present_in_room.to_string())
                        .replace("{room_registered}", &a.registered_in_room.to_string())
                        .replace("{online}", &a.present_online.to_string())
                        .replace("{online_registered}", &a.registered_online.to_string())
                }}
            </p>
        </section>
    }
}

#[component]
fn CurrentItem(item: AgendaItemDto) -> impl IntoView {
    view! {
        <div class="current-item" id=format!("current-item-{}", item.id)>
            <p class="current-item-title" id="current-item-name"><strong>{item.position}". "{item.title.clone()}</strong></p>
            {item.proposal_id.map(|pid| view! {
                <p id="current-item-proposal">{t(Key::AgendaProposal)}": "<a href=format!("/proposals/{pid}") target="_blank">{item.proposal_title.clone().unwrap_or_default()}</a></p>
            })}
            {item.presenter_name.clone().map(|n| view! { <p>{t(Key::AgendaPresenter)}": "{n}</p> })}
            {(!item.description.is_empty()).then(|| view! { <p class="pre-line">{item.description.clone()}</p> })}
        </div>
    }
}

/// The open poll: the vote form (radio or check boxes) and, for the staff
/// while it is open, the live results.
#[component]
fn PollCard(poll: PollDto, state: RwSignal<LiveStateDto>, last_closed: RwSignal<Option<PollDto>>) -> impl IntoView {
    let _ = last_closed;
    let pid = poll.id;
    let mid = poll.meeting_id;
    let multiple = poll.kind == PollKind::Multiple;
    let error = RwSignal::new(None::<String>);
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        {
            let choices = form_ref.get().map(|f| checked_values(&f, "choices[]")).unwrap_or_default();
            leptos::task::spawn_local(async move {
                match crate::api::cast_vote(mid, pid, Some(choices), Some(true)).await {
                    Ok(Some(p)) => {
                        error.set(None);
                        state.update(|s| {
                            if let Some(open) = s.open_poll.as_mut().filter(|o| o.id == p.id) {
                                open.my_vote = p.my_vote.clone();
                                if p.results.is_some() {
                                    open.results = p.results.clone();
                                }
                            }
                        });
                    }
                    Ok(None) => {}
                    Err(e) => error.set(Some(e.error.message.clone())),
                }
            });
        }
    };
    let mine = poll.my_vote.clone().unwrap_or_default();
    view! {
        <div class="poll-card" id=format!("poll-{pid}")>
            <h4 class="poll-question" id="open-poll-question">{poll.question.clone()}</h4>
            <p class="form-hint">{t(poll_kind_key(poll.kind))}{multiple.then(|| format!(" · {}", t(Key::PollMaxChoices).replace("{n}", &poll.max_choices.to_string())))}</p>
            <form method="post" action=VOTE_URL id="vote-form" node_ref=form_ref on:submit=on_submit>
                <input type="hidden" name="meeting_id" value=mid.to_string() />
                <input type="hidden" name="poll_id" value=pid.to_string() />
                <fieldset>
                    <legend class="sr-only">{poll.question.clone()}</legend>
                    {poll.options.iter().map(|o| {
                        let input_id = format!("vote-option-{}", o.index);
                        let kind = if multiple { "checkbox" } else { "radio" };
                        view! {
                            <div class="krds-form-check">
                                <input type=kind name="choices[]" value=o.index.to_string() id=input_id.clone() checked=mine.contains(&o.index) />
                                <label for=input_id>{option_label(poll.kind, &o.label)}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <button type="submit" class="krds-btn primary" id="vote-button">{t(Key::VoteButton)}</button>
            </form>
            <p id="my-vote" role="status">
                {move || state.with(|s| s.open_poll.as_ref().and_then(|p| p.my_vote.clone())).map(|v| {
                    t(Key::YourVoteIsIn).replace("{n}", &v.len().to_string())
                })}
            </p>
            {move || error.get().map(|e| view! { <p class="krds-form-error" role="alert" id="vote-error">{e}</p> })}
            {move || state.with(|s| s.open_poll.clone()).and_then(|p| p.results.clone().map(|r| view! {
                <p class="form-hint">{t(Key::LiveResultsStaff)}</p>
                <Results poll=p results=r />
            }))}
        </div>
    }
}

/// The ticked values of the form's inputs named `name`.
#[cfg(feature = "hydrate")]
fn checked_values(form: &web_sys::HtmlFormElement, name: &str) -> Vec<u32> {
    use wasm_bindgen::JsCast;
    let mut out = Vec::new();
    let elements = form.elements();
    for i in 0..elements.length() {
        if let Some(input) = elements.item(i).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            && input.name() == name
            && input.checked()
            && let Ok(v) = input.value().parse()
        {
            out.push(v);
        }
    }
    out
}

/// A poll's results: per option the total and its split by provenance.
#[component]
pub(super) fn Results(poll: PollDto, results: PollResultsDto) -> impl IntoView {
    let max = results.options.iter().map(|o| o.total).max().unwrap_or(0).max(1);
    let v = results.voters;
    view! {
        <div class="table-scroll">
            <table class="krds-table poll-results" id=format!("poll-results-{}", poll.id)>
                <caption>{t(Key::PollResults)}": "{poll.question.clone()}</caption>
                <thead><tr>
                    <th scope="col">{t(Key::PollOption)}</th>
                    <th scope="col">{t(Key::PollTotal)}</th>
                    <th scope="col">{t(Key::ProvenanceRoom)}</th>
                    <th scope="col">{t(Key::ProvenanceOnline)}</th>
                    <th scope="col">{t(Key::ProvenanceHandCount)}</th>
                </tr></thead>
                <tbody>
                    {results.options.iter().map(|o| {
                        let label = poll.options.get(o.index as usize).map(|p| option_label(poll.kind, &p.label)).unwrap_or_default();
                        view! {
                            <tr>
                                <th scope="row">{label}</th>
                                <td><progress class="poll-bar" max=max.to_string() value=o.total.to_string() aria-hidden="true"></progress>" "<span class="poll-total">{o.total}</span></td>
                                <td>{o.room}</td>
                                <td>{o.online}</td>
                                <td>{o.hand_count}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <p class="form-hint poll-voters">
            {t(Key::PollVoters)
                .replace("{room}", &v.room.to_string())
                .replace("{online}", &v.online.to_string())
                .replace("{hands}", &v.hand_count.to_string())}
            {results.mean.map(|m| format!(" · {} {m:.2}", t(Key::PollMean)))}
        </p>
    }
}

/// The questions queue: ask, upvote; the staff answer or hide.
#[component]
fn Questions(state: RwSignal<LiveStateDto>) -> impl IntoView {
    let id = state.with_untracked(|s| s.meeting_id);
    let error = posted_error(QUESTION_URL);
    let typed = echoed(error, "body");
    let client_error = RwSignal::new(None::<String>);
    let body_ref = NodeRef::<leptos::html::Textarea>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        {
            let body = body_ref.get().map(|b| b.value()).unwrap_or_default();
            leptos::task::spawn_local(async move {
                match crate::api::post_question(id, body, Some(true)).await {
                    Ok(Some(q)) => {
                        client_error.set(None);
                        if let Some(b) = body_ref.get_untracked() {
                            b.set_value("");
                        }
                        state.update(|s| apply(s, &mut None, LiveEvent::QuestionPosted { question: q }));
                    }
                    Ok(None) => {}
                    Err(e) => client_error.set(Some(e.field("body").map_or_else(|| e.error.message.clone(), |f| f.message.clone()))),
                }
            });
        }
    };
    view! {
        <section class="page-section" aria-labelledby="questions-title" id="questions">
            <h3 class="section-title" id="questions-title">{t(Key::QuestionsTitle)}</h3>
            <ErrorSummary error />
            <form method="post" action=QUESTION_URL id="question-form" on:submit=on_submit>
                <input type="hidden" name="meeting_id" value=id.to_string() />
                <div class="form-group">
                    <div class="form-tit"><label for="question-body">{t(Key::QuestionLabel)}</label></div>
                    <div class="form-conts">
                        <textarea id="question-body" name="body" class="krds-input" rows="2" maxlength="1000" node_ref=body_ref aria-describedby="question-body-error">{typed}</textarea>
                        <FieldMessage error=field_error(error, "body") id="question-body-error" />
                        {move || client_error.get().map(|e| view! { <p class="krds-form-error" role="alert" id="question-error">{e}</p> })}
                    </div>
                </div>
                <button type="submit" class="krds-btn primary" id="question-button">{t(Key::AskButton)}</button>
            </form>
            <ol class="question-list" id="question-list">
                {move || state.with(|s| s.questions.clone()).into_iter().map(|q| view! { <QuestionRow q state /> }).collect_view()}
            </ol>
            {move || state.with(|s| s.questions.is_empty()).then(|| view! { <p id="no-questions">{t(Key::NoQuestions)}</p> })}
        </section>
    }
}

#[component]
fn QuestionRow(q: QuestionDto, state: RwSignal<LiveStateDto>) -> impl IntoView {
    let mid = state.with_untracked(|s| s.meeting_id);
    let staff = state.with_untracked(|s| s.facilitator);
    let qid = q.id;
    let up = !q.upvoted_by_me;
    let on_upvote = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            if let Ok(Some(q)) = crate::api::upvote_question(mid, qid, up, Some(true)).await {
                state.update(|s| {
                    if let Some(row) = s.questions.iter_mut().find(|r| r.id == q.id) {
                        *row = q;
                    }
                    order_questions(&mut s.questions);
                });
            }
        });
    };
    let class = format!("question question-{}", q.state.as_str());
    view! {
        <li class=class id=format!("question-{qid}")>
            <p class="question-body pre-line">{q.body.clone()}</p>
            <p class="update-meta">
                {q.author_name.clone()}" · "
                <span class="krds-badge">{t(question_state_key(q.state))}</span>" · "
                <span class="question-upvotes" id=format!("question-{qid}-upvotes")>{t(Key::Upvotes).replace("{n}", &q.upvotes.to_string())}</span>
            </p>
            <form method="post" action=UPVOTE_URL class="inline-form" on:submit=on_upvote>
                <input type="hidden" name="meeting_id" value=mid.to_string() />
                <input type="hidden" name="question_id" value=qid.to_string() />
                <input type="hidden" name="up" value=up.to_string() />
                <button type="submit" class="krds-btn tertiary small" id=format!("upvote-{qid}") aria-pressed=(!up).to_string()>
                    {if up { t(Key::UpvoteButton) } else { t(Key::UndoUpvote) }}
                </button>
            </form>
            {staff.then(|| view! {
                {[(QuestionState::Answered, Key::MarkAnswered), (QuestionState::Hidden, Key::HideQuestion), (QuestionState::Queued, Key::RequeueQuestion)]
                    .into_iter()
                    .filter(|(s, _)| *s != q.state)
                    .map(|(s, key)| view! {
                        <form method="post" action=MODERATE_URL class="inline-form">
                            <input type="hidden" name="meeting_id" value=mid.to_string() />
                            <input type="hidden" name="question_id" value=qid.to_string() />
                            <input type="hidden" name="state" value=s.as_str() />
                            <button type="submit" class="krds-btn tertiary small" id=format!("question-{qid}-{}", s.as_str())>{t(key)}</button>
                        </form>
                    })
                    .collect_view()}
            })}
        </li>
    }
}

/// Raised hands, in order: raise or lower one's own; the staff lower anyone's.
#[component]
fn Hands(state: RwSignal<LiveStateDto>) -> impl IntoView {
    let mid = state.with_untracked(|s| s.meeting_id);
    let staff = state.with_untracked(|s| s.facilitator);
    let raise = move |up: bool| {
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            #[cfg(feature = "hydrate")]
            leptos::task::spawn_local(async move {
                let _ = crate::api::set_hand(mid, up, None, Some(true)).await;
            });
            #[cfg(not(feature = "hydrate"))]
            let _ = up;
        }
    };
    view! {
        <section class="page-section" aria-labelledby="hands-title" id="hands">
            <h3 class="section-title" id="hands-title">{t(Key::HandsTitle)}</h3>
            <form method="post" action=HAND_URL class="inline-form" on:submit=raise(true)>
                <input type="hidden" name="meeting_id" value=mid.to_string() />
                <input type="hidden" name="up" value="true" />
                <button type="submit" class="krds-btn secondary" id="raise-hand">{t(Key::RaiseHand)}</button>
            </form>
            <form method="post" action=HAND_URL class="inline-form" on:submit=raise(false)>
                <input type="hidden" name="meeting_id" value=mid.to_string() />
                <input type="hidden" name="up" value="false" />
                <button type="submit" class="krds-btn tertiary" id="lower-hand">{t(Key::LowerHand)}</button>
            </form>
            <ol class="hand-list" id="hand-list">
                {move || state.with(|s| s.hands.clone()).into_iter().map(|h| view! {
                    <li id=format!("hand-{}", h.user_id)>
                        {h.display_name.clone()}" ("{t(mode_key(h.mode))}")"
                        {staff.then(|| view! {
                            <form method="post" action=HAND_URL class="inline-form">
                                <input type="hidden" name="meeting_id" value=mid.to_string() />
                                <input type="hidden" name="up" value="false" />
                                <input type="hidden" name="user_id" value=h.user_id.to_string() />
                                <button type="submit" class="krds-btn tertiary small">{t(Key::GiveFloor)}</button>
                            </form>
                        })}
                    </li>
                }).collect_view()}
            </ol>
            {move || state.with(|s| s.hands.is_empty()).then(|| view! { <p id="no-hands">{t(Key::NoHands)}</p> })}
        </section>
    }
}

/// Follows the meeting's events in the browser.
#[cfg(feature = "hydrate")]
fn follow_events(id: i64, state: RwSignal<LiveStateDto>, last_closed: RwSignal<Option<PollDto>>, connected: RwSignal<Option<bool>>) {
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    const NAMES: [&str; 11] = [
        "agenda_moved", "question_posted", "question_updated", "hand_raised", "hand_lowered", "hand_called", "poll_opened",
        "poll_closed", "poll_results", "attendance", "resync",
    ];
    let Ok(source) = web_sys::EventSource::new(&format!("/api/v1/meetings/{id}/events")) else {
        return;
    };
    // While the full state loads, events wait here; then those after it apply.
    let pending: Rc<RefCell<Option<Vec<(i64, LiveEvent)>>>> = Rc::new(RefCell::new(None));
    let reload = {
        let pending = pending.clone();
        move || {
            *pending.borrow_mut() = Some(Vec::new());
            let pending = pending.clone();
            leptos::task::spawn_local(async move {
                let fresh = live_state(id).await;
                let waiting = pending.borrow_mut().take().unwrap_or_default();
                if let Ok(fresh) = fresh {
                    let from = i64::try_from(fresh.last_event_id).unwrap_or(i64::MAX);
                    let mut closed = last_closed.get_untracked();
                    let mut s = fresh;
                    for (eid, e) in waiting {
                        if eid > from {
                            apply(&mut s, &mut closed, e);
                        }
                    }
                    state.set(s);
                    last_closed.set(closed);
                }
            });
        }
    };
    let on_event = {
        let pending = pending.clone();
        let reload = reload.clone();
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let Some(data) = ev.data().as_string() else { return };
            let Ok(event) = serde_json::from_str::<LiveEvent>(&data) else { return };
            if matches!(event, LiveEvent::Resync) || ev.type_() == "resync" {
                reload();
                return;
            }
            let eid = ev.last_event_id().parse::<i64>().unwrap_or(0);
            if let Some(waiting) = pending.borrow_mut().as_mut() {
                waiting.push((eid, event));
                return;
            }
            let mut closed = last_closed.get_untracked();
            state.update(|s| apply(s, &mut closed, event));
            last_closed.set(closed);
        })
    };
    for name in NAMES {
        let _ = source.add_event_listener_with_callback(name, on_event.as_ref().unchecked_ref());
    }
    on_event.forget();
    let on_open = Closure::<dyn FnMut()>::new(move || {
        connected.set(Some(true));
        reload();
    });
    source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    on_open.forget();
    let on_error = Closure::<dyn FnMut()>::new(move || connected.set(Some(false)));
    source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    // The source lives as long as the page.
    std::mem::forget(source);
}

/// The facilitator's controls: the agenda, polls (prepare, open, close,
/// hand count). Plain forms; the page comes back with the new state.
#[component]
fn Facilitator(meeting_id: i64, agenda: Vec<AgendaItemDto>, polls: Vec<PollDto>, forms: Vec<HandCountFormDto>) -> impl IntoView {
    let id = meeting_id;
    let poll_error = posted_error(POLL_URL);
    let count_error = posted_error(HAND_COUNT_URL);
    view! {
        <section class="page-section facilitator" aria-labelledby="facilitator-title" id="facilitator">
            <h3 class="section-title" id="facilitator-title">{t(Key::FacilitatorTitle)}</h3>
            <h4>{t(Key::MeetingAgenda)}</h4>
            <form method="post" action=AGENDA_URL id="agenda-form" class="inline-form">
                <input type="hidden" name="meeting_id" value=id.to_string() />
                <label for="agenda-item">{t(Key::MoveToItem)}</label>" "
                <select id="agenda-item" name="agenda_item_id" class="krds-form-select">
                    <option value="">{t(Key::NoCurrentItem)}</option>
                    {agenda.iter().map(|a| view! { <option value=a.id.to_string()>{a.position}". "{a.title.clone()}</option> }).collect_view()}
                </select>" "
                <button type="submit" class="krds-btn secondary" id="agenda-button">{t(Key::MoveButton)}</button>
            </form>

            <h4>{t(Key::PollsTitle)}</h4>
            <ul class="poll-admin-list" id="poll-admin-list">
                {polls.iter().map(|p| {
                    let next = match p.state {
                        PollState::Draft => Some((true, Key::OpenPoll)),
                        PollState::Open => Some((false, Key::ClosePoll)),
                        PollState::Closed => None,
                    };
                    let form = forms.iter().find(|f| f.poll_id == p.id).cloned();
                    view! {
                        <li id=format!("poll-admin-{}", p.id)>
                            <strong>{p.question.clone()}</strong>" "
                            <span class="krds-badge">{t(poll_state_key(p.state))}</span>" "
                            <span class="form-hint">{t(poll_kind_key(p.kind))}</span>
                            {next.map(|(open, key)| view! {
                                <form method="post" action=MOVE_POLL_URL class="inline-form">
                                    <input type="hidden" name="meeting_id" value=id.to_string() />
                                    <input type="hidden" name="poll_id" value=p.id.to_string() />
                                    <input type="hidden" name="open" value=open.to_string() />
                                    <button type="submit" class="krds-btn primary small" id=format!("poll-{}-{}", p.id, if open { "open" } else { "close" })>{t(key)}</button>
                                </form>
                            })}
                            {form.map(|f| view! { <HandCountForm meeting_id=id poll=p.clone() form=f /> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <ErrorSummary error=count_error />

            <h4>{t(Key::NewPoll)}</h4>
            <ErrorSummary error=poll_error />
            <form method="post" action=POLL_URL id="poll-form">
                <input type="hidden" name="meeting_id" value=id.to_string() />
                <div class="form-group">
                    <div class="form-tit"><label for="poll-question">{t(Key::PollQuestion)}</label></div>
                    <div class="form-conts">
                        <input type="text" id="poll-question" name="question" class="krds-input" value=echoed(poll_error, "question") />
                        <FieldMessage error=field_error(poll_error, "question") id="poll-question-error" />
                    </div>
                </div>
                <div class="form-group">
                    <div class="form-tit"><label for="poll-kind">{t(Key::PollKindLabel)}</label></div>
                    <div class="form-conts">
                        <select id="poll-kind" name="kind" class="krds-form-select">
                            {[PollKind::Single, PollKind::Multiple, PollKind::YesNoAbstain, PollKind::Scale].into_iter().map(|k| view! {
                                <option value=k.as_str() selected=echoed(poll_error, "kind") == k.as_str()>{t(poll_kind_key(k))}</option>
                            }).collect_view()}
                        </select>
                        <FieldMessage error=field_error(poll_error, "kind") id="poll-kind-error" />
                    </div>
                </div>
                <div class="form-group">
                    <div class="form-tit"><label for="poll-options">{t(Key::PollOptionsLabel)}</label></div>
                    <div class="form-conts">
                        <textarea id="poll-options" name="options" class="krds-input" rows="4" aria-describedby="poll-options-hint">{echoed(poll_error, "options")}</textarea>
                        <p class="form-hint" id="poll-options-hint">{t(Key::PollOptionsHint)}</p>
                        <FieldMessage error=field_error(poll_error, "options") id="poll-options-error" />
                    </div>
                </div>
                <div class="form-group">
                    <div class="form-tit"><label for="poll-max">{t(Key::PollMaxLabel)}</label></div>
                    <div class="form-conts">
                        <input type="number" min="1" id="poll-max" name="max_choices" class="krds-input" value=echoed(poll_error, "max_choices") />
                        <FieldMessage error=field_error(poll_error, "max_choices") id="poll-max-error" />
                    </div>
                </div>
                <div class="form-group">
                    <div class="form-tit"><label for="poll-item">{t(Key::PollItemLabel)}</label></div>
                    <div class="form-conts">
                        <select id="poll-item" name="agenda_item_id" class="krds-form-select">
                            <option value="">{t(Key::NoItem)}</option>
                            {agenda.iter().map(|a| view! { <option value=a.id.to_string()>{a.position}". "{a.title.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
                <button type="submit" class="krds-btn primary" id="poll-create-button">{t(Key::CreatePoll)}</button>
            </form>
        </section>
    }
}

/// The room's hand count for a poll: per option, with how many people may
/// still be counted (checked in at the room, no phone vote).
#[component]
fn HandCountForm(meeting_id: i64, poll: PollDto, form: HandCountFormDto) -> impl IntoView {
    view! {
        <form method="post" action=HAND_COUNT_URL class="hand-count-form" id=format!("hand-count-{}", poll.id)>
            <input type="hidden" name="meeting_id" value=meeting_id.to_string() />
            <input type="hidden" name="poll_id" value=poll.id.to_string() />
            <p class="form-hint" id=format!("hand-count-{}-hint", poll.id)>
                {t(Key::HandCountHint)
                    .replace("{checked_in}", &form.checked_in_room.to_string())
                    .replace("{phone}", &form.room_votes.to_string())
                    .replace("{available}", &form.available.to_string())}
            </p>
            {poll.options.iter().map(|o| {
                let input_id = format!("hand-count-{}-{}", poll.id, o.index);
                let value = form.counts.get(o.index as usize).copied().unwrap_or(0).to_string();
                view! {
                    <label for=input_id.clone()>{option_label(poll.kind, &o.label)}</label>" "
                    <input type="number" min="0" max=form.available.to_string() name="counts[]" id=input_id value=value class="krds-input hand-count-input" />" "
                }
            }).collect_view()}
            <button type="submit" class="krds-btn secondary small">{t(Key::SaveHandCount)}</button>
        </form>
    }
}

/// The closed polls' results, for everyone (the page as loaded).
#[component]
fn ClosedPolls(polls: Vec<PollDto>) -> impl IntoView {
    let closed: Vec<PollDto> = polls.into_iter().filter(|p| p.state == PollState::Closed).collect();
    (!closed.is_empty()).then(|| view! {
        <section class="page-section" aria-labelledby="closed-polls-title" id="closed-polls">
            <h3 class="section-title" id="closed-polls-title">{t(Key::ClosedPollsTitle)}</h3>
            {closed.into_iter().map(|p| {
                let results = p.results.clone();
                view! {
                    <div class="closed-poll" id=format!("closed-poll-{}", p.id)>
                        <h4 class="poll-question">{p.question.clone()}</h4>
                        {results.map(|r| view! { <Results poll=p.clone() results=r /> })}
                    </div>
                }
            }).collect_view()}
        </section>
    })
}
