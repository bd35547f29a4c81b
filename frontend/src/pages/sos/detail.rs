//! `/sos/:id`: one SOS request — what it is about, its task, urgency,
//! state, organisations, who raised it and who answers it, the two
//! service-level timers (deadline in KST, working time used and left,
//! overdue marked in words) — and its thread, oldest first, the desk's
//! messages marked with what they do. Below: the reply form when the person
//! may write (`can_reply`: the desk chooses the kind; the task force
//! replies) and, for the desk (`can_answer`), the assignee choice. Both are
//! plain form posts that redirect back, with or without JavaScript.
//! Requests are private to their task force and the desk: others get the
//! 404 page, as for a request that does not exist.

use super::{OverdueBadge, StateBadge, UrgencyBadge, category_key, reply_kind_key, working_time};
use crate::api::{AssignSos, PostSosMessage, sos_detail};
use crate::components::form::{ErrorSummary, FieldMessage, Notice, echoed, field_error, posted_error};
use crate::components::time::{kst, kst_unix, utc_unix};
use crate::i18n::{Key, t};
use crate::pages::not_found::NotFound;
use crate::pages::review::{id_param, sign_in_redirect};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::ErrorCode;
use shared::execution::{DeskMemberDto, SlaClock, SosDto, SosReplyKind};

const MESSAGE_URL: &str = <PostSosMessage as ServerFn>::PATH;
const ASSIGN_URL: &str = <AssignSos as ServerFn>::PATH;

/// `/sos/:id`.
#[component]
pub fn SosRequestPage() -> impl IntoView {
    let Some(id) = id_param("id") else {
        return view! { <NotFound /> }.into_any();
    };
    let sos = Resource::new(move || id, sos_detail);
    view! {
        <Title text=t(Key::SosTitle) />
        <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match sos.await {
                    Ok(sos) => {
                        // A private thread: not for shared caches.
                        crate::pages::private_page();
                        view! { <SosView sos /> }.into_any()
                    }
                    Err(e) if e.code() == ErrorCode::Unauthorized => sign_in_redirect(&format!("/sos/{id}")),
                    Err(e) if e.code() == ErrorCode::NotFound => view! { <NotFound /> }.into_any(),
                    Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn SosView(sos: SosDto) -> impl IntoView {
    let notices = use_query_map().with_untracked(|q| {
        [
            ("raised", "sos-raised", Key::SosRaised),
            ("posted", "sos-posted", Key::SosPosted),
            ("assigned", "sos-assigned", Key::SosAssignedNotice),
        ]
        .into_iter()
        .filter(|(param, _, _)| q.get(param).is_some())
        .map(|(_, id, key)| (id, key))
        .collect::<Vec<_>>()
    });
    let id = sos.id;
    let answered = sos.first_response_at.is_some();
    let resolved = sos.resolved_at.is_some();
    view! {
        <Title text=sos.title.clone() />
        <section class="page-section" aria-labelledby="sos-title">
            <p class="back-link"><a href="/sos" id="back-to-sos">{t(Key::BackToSos)}</a></p>
            <p>
                <UrgencyBadge urgency=sos.urgency id="sos-urgency".to_owned() />" "
                <StateBadge state=sos.state id="sos-state".to_owned() />
                {sos.overdue.then(|| view! { " "<OverdueBadge id="sos-overdue".to_owned() /> })}
            </p>
            <h2 class="page-title" id="sos-title">{sos.title.clone()}</h2>
            {notices.into_iter().map(|(nid, key)| view! { <Notice id=nid text=key /> }).collect_view()}
            <dl class="proposal-facts" id="sos-facts">
                <dt>{t(Key::SosTask)}</dt>
                <dd><a href=format!("/tasks/{}", sos.task_id) id="sos-task-link">{sos.task_title.clone()}</a></dd>
                <dt>{t(Key::SosCategoryLabel)}</dt><dd id="sos-category">{t(category_key(sos.category))}</dd>
                <dt>{t(Key::SosOrganisations)}</dt>
                <dd>
                    {if sos.organisations.is_empty() {
                        view! { <span id="sos-organisations">{t(Key::SosNoOrganisations)}</span> }.into_any()
                    } else {
                        view! {
                            <ul class="task-organisations" id="sos-organisations">
                                {sos.organisations.iter().map(|o| view! { <li>{o.name.clone()}</li> }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </dd>
                <dt>{t(Key::SosRequester)}</dt><dd id="sos-requester">{sos.requester_name.clone()}</dd>
                <dt>{t(Key::SosAssignee)}</dt>
                <dd id="sos-assignee-name">{sos.assignee_name.clone().unwrap_or_else(|| t(Key::SosUnassigned).to_owned())}</dd>
                <dt>{t(Key::SosCreated)}</dt><dd><time datetime=sos.created_at.clone() id="sos-created">{kst(&sos.created_at)}</time></dd>
            </dl>
            <h3 class="section-title" id="sos-description-title">{t(Key::SosDescription)}</h3>
            <p class="pre-line proposal-text" id="sos-description">{sos.description.clone()}</p>
        </section>

        <section class="page-section" id="sos-timers" aria-labelledby="sos-timers-title">
            <h3 class="section-title" id="sos-timers-title">{t(Key::SosTimersTitle)}</h3>
            <p class="form-hint">{t(Key::SosTimersHint)}</p>
            <div class="sos-timers">
                <Timer id="sos-first-response" label=Key::SosFirstResponse clock=sos.first_response done_at=sos.first_response_at.clone() />
                <Timer id="sos-resolution" label=Key::SosResolution clock=sos.resolution done_at=sos.resolved_at.clone() />
            </div>
            {(!answered && !resolved).then(|| view! { <p class="form-hint" id="sos-waiting-answer">{t(Key::SosWaitingForAnswer)}</p> })}
        </section>

        <section class="page-section" id="sos-thread" aria-labelledby="sos-thread-title">
            <h3 class="section-title" id="sos-thread-title">{t(Key::SosThreadTitle)}</h3>
            {sos.messages.is_empty().then(|| view! { <p id="no-sos-messages">{t(Key::SosNoMessages)}</p> })}
            <ol class="update-list sos-thread" id="sos-messages">
                {sos.messages.iter().map(|m| {
                    let class = if m.from_desk { "update sos-message sos-message-desk" } else { "update sos-message" };
                    let kind_class = format!("krds-badge sos-kind sos-kind-{}", m.kind.as_str());
                    view! {
                        <li class=class id=format!("sos-message-{}", m.id)>
                            <p class="update-meta">
                                <strong>{m.author_name.clone()}</strong>
                                {m.from_desk.then(|| view! { " "<span class="krds-badge sos-desk-badge">{t(Key::SosFromDesk)}</span> })}
                                " "<span class=kind_class>{t(reply_kind_key(m.kind))}</span>
                                " · "<time datetime=m.created_at.clone()>{kst(&m.created_at)}</time>
                            </p>
                            <p class="pre-line update-body">{m.body.clone()}</p>
                        </li>
                    }
                }).collect_view()}
            </ol>
            {if sos.can_reply {
                view! { <ReplyForm id desk=sos.can_answer /> }.into_any()
            } else if resolved {
                // A post that lost a race with the resolution still shows its error.
                let late = posted_error(MESSAGE_URL);
                let late_assign = posted_error(ASSIGN_URL);
                view! {
                    <ErrorSummary error=late id="sos-reply-error" />
                    <ErrorSummary error=late_assign id="sos-assign-error" />
                    <p id="sos-closed">{t(Key::SosClosed)}</p>
                }.into_any()
            } else {
                ().into_any()
            }}
        </section>

        {(sos.can_answer && !resolved).then(|| view! { <AssignForm id assignee=sos.assignee_id desk=sos.desk.clone() /> })}
    }
}

/// One timer: its deadline in KST, the working time used, and what is left
/// or by how much it was missed; done ones say when and whether in time.
#[component]
fn Timer(id: &'static str, label: Key, clock: SlaClock, done_at: Option<String>) -> impl IntoView {
    let done = done_at.is_some();
    let state = match (done, clock.overdue) {
        (true, false) => t(Key::SosDoneInTime).replace("{time}", &working_time(clock.elapsed_secs, None)),
        (true, true) => t(Key::SosDoneLate).replace("{time}", &working_time(clock.elapsed_secs, None)),
        (false, true) => t(Key::SosPastBy).replace("{time}", &working_time(clock.remaining_secs, None)),
        (false, false) => t(Key::SosTimeLeft).replace("{time}", &working_time(clock.remaining_secs, None)),
    };
    let class = if clock.overdue && !done { "sos-timer sos-timer-overdue" } else { "sos-timer" };
    view! {
        <div class=class id=id>
            <h4 class="subsection-title">
                {t(label)}
                {(clock.overdue && !done).then(|| view! { " "<OverdueBadge id=format!("{id}-overdue") /> })}
            </h4>
            <dl class="proposal-facts">
                <dt>{t(Key::SosDue)}</dt>
                <dd><time datetime=utc_unix(clock.due) id=format!("{id}-due")>{kst_unix(clock.due)}</time>" "{t(Key::SosKstSuffix)}</dd>
                <dt>{t(Key::SosElapsed)}</dt><dd id=format!("{id}-elapsed")>{working_time(clock.elapsed_secs, None)}</dd>
                <dt>{t(Key::SosTimerState)}</dt><dd id=format!("{id}-state")>{state}</dd>
                {done_at.map(|at| view! {
                    <dt>{t(Key::SosDoneAt)}</dt>
                    <dd><time datetime=at.clone()>{kst(&at)}</time></dd>
                })}
            </dl>
        </div>
    }
}

/// The reply form: the desk chooses what the message does; the task force
/// replies (which also answers a request for information).
#[component]
fn ReplyForm(id: i64, desk: bool) -> impl IntoView {
    let error = posted_error(MESSAGE_URL);
    let chosen = error.get_untracked().and_then(|e| e.echoed("kind").and_then(SosReplyKind::parse)).unwrap_or_default();
    let invalid = move |name: &'static str| error.get_untracked().and_then(|e| e.field(name).map(|_| "true"));
    view! {
        <h4 class="subsection-title" id="sos-reply-title">{t(if desk { Key::SosAnswerTitle } else { Key::SosReplyTitle })}</h4>
        <ErrorSummary error id="sos-reply-error" />
        <form method="post" action=MESSAGE_URL id="sos-reply-form" class="account-form" aria-labelledby="sos-reply-title" novalidate>
            <input type="hidden" name="id" value=id />
            {desk.then(|| view! {
                <fieldset class="form-group" aria-describedby="sos-kind-error">
                    <legend class="form-tit">{t(Key::SosKindLabel)}</legend>
                    <div class="form-conts">
                        <ul class="krds-form-check-group sos-kind-choice" id="sos-kind">
                            {SosReplyKind::ALL.into_iter().map(|k| {
                                let rid = format!("sos-kind-{}", k.as_str());
                                view! {
                                    <li class="krds-form-check">
                                        <input type="radio" name="kind" id=rid.clone() value=k.as_str() checked=k == chosen />
                                        <label for=rid>{t(reply_kind_key(k))}</label>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <FieldMessage error=field_error(error, "kind") id="sos-kind-error" />
                    </div>
                </fieldset>
            })}
            <div class="form-group">
                <div class="form-tit"><label for="sos-reply-body">{t(Key::SosMessageBody)}</label></div>
                <div class="form-conts">
                    <textarea id="sos-reply-body" name="body" class="krds-input" rows="5" required
                        aria-invalid=invalid("body") aria-describedby="sos-reply-body-hint sos-reply-body-error">{echoed(error, "body")}</textarea>
                    <span class="form-hint" id="sos-reply-body-hint">{t(if desk { Key::SosAnswerHint } else { Key::SosReplyHint })}</span>
                    <FieldMessage error=field_error(error, "body") id="sos-reply-body-error" />
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" id="sos-reply-submit" class="krds-btn medium primary">{t(Key::SosSend)}</button>
            </div>
        </form>
    }
}

/// Who answers the request (the desk's members; nobody: the whole desk).
#[component]
fn AssignForm(id: i64, assignee: Option<i64>, desk: Vec<DeskMemberDto>) -> impl IntoView {
    let error = posted_error(ASSIGN_URL);
    let chosen = error.get_untracked().and_then(|e| e.echoed("assignee_id").and_then(|v| v.parse().ok())).or(assignee);
    let invalid = move |name: &'static str| error.get_untracked().and_then(|e| e.field(name).map(|_| "true"));
    view! {
        <section class="page-section round-action" id="sos-assignee" aria-labelledby="sos-assign-title">
            <h3 class="section-title" id="sos-assign-title">{t(Key::SosAssignTitle)}</h3>
            <ErrorSummary error id="sos-assign-error" />
            <form method="post" action=ASSIGN_URL id="sos-assign-form" class="account-form" aria-labelledby="sos-assign-title" novalidate>
                <input type="hidden" name="id" value=id />
                <div class="form-group">
                    <div class="form-tit"><label for="sos-assignee-select">{t(Key::SosAssignee)}</label></div>
                    <div class="form-conts">
                        <select id="sos-assignee-select" name="assignee_id" class="krds-form-select"
                            aria-invalid=invalid("assignee_id") aria-describedby="sos-assignee-error">
                            <option value="" selected=chosen.is_none()>{t(Key::SosUnassigned)}</option>
                            {desk.into_iter().map(|m| {
                                let label = if m.lead { format!("{} ({})", m.display_name, t(Key::SosDeskLead)) } else { m.display_name.clone() };
                                view! { <option value=m.user_id.to_string() selected=chosen == Some(m.user_id)>{label}</option> }
                            }).collect_view()}
                        </select>
                        <FieldMessage error=field_error(error, "assignee_id") id="sos-assignee-error" />
                    </div>
                </div>
                <div class="form-actions">
                    <button type="submit" id="sos-assign-submit" class="krds-btn medium secondary">{t(Key::SosAssignSubmit)}</button>
                </div>
            </form>
        </section>
    }
}
