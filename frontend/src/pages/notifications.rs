//! `/me/notifications`: the notification centre. Each notification is a
//! sentence built from its kind and payload, linking to its proposal (or,
//! for review assignments and reminders, to its review round; for progress
//! updates, to the task; for the collaboration SOS desk's notifications, to
//! the request).

use crate::api::{MarkNotificationsRead, current_user, notifications};
use crate::components::form::{ErrorSummary, posted_error};
use crate::components::time::kst;
use crate::i18n::{Key, t};
use crate::pages::proposals::status_key;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use crate::pages::sos::reply_kind_key;
use shared::deliberation::NotificationDto;
use shared::execution::SosReplyKind;
use shared::participation::ProposalStatus;

const MARK_READ_URL: &str = <MarkNotificationsRead as ServerFn>::PATH;

/// The sentence for one notification, in the page's language.
pub fn notification_text(n: &NotificationDto) -> String {
    let field = |k: &str| n.payload.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
    let key = match n.kind.as_str() {
        "comment" => Key::NotifComment,
        "reply" => Key::NotifReply,
        "status_changed" => Key::NotifStatusChanged,
        "threshold_reached" => Key::NotifThresholdReached,
        "content_hidden" => Key::NotifHidden,
        "content_restored" => Key::NotifRestored,
        "review_assigned" => Key::NotifReviewAssigned,
        "review_reminder" => Key::NotifReviewReminder,
        // A task made directly has no proposal (and no proposal title).
        "task_update" if field("title").is_empty() => Key::NotifTaskUpdateDirect,
        "task_update" => Key::NotifTaskUpdate,
        "sos_raised" => Key::NotifSosRaised,
        "sos_answered" => Key::NotifSosAnswered,
        "sos_message" => Key::NotifSosMessage,
        "sos_assigned" => Key::NotifSosAssigned,
        "sos_escalated" => Key::NotifSosEscalated,
        "sos_overdue" if field("timer") == "resolution" => Key::NotifSosOverdueResolution,
        "sos_overdue" => Key::NotifSosOverdueFirstResponse,
        "meeting_presenter" => Key::NotifMeetingPresenter,
        "meeting_promoted" => Key::NotifMeetingPromoted,
        "meeting_registration_cancelled" => Key::NotifMeetingRegistrationCancelled,
        "meeting_changed" => Key::NotifMeetingChanged,
        "meeting_reminder" => Key::NotifMeetingReminder,
        "meeting_minutes" => Key::NotifMeetingMinutes,
        _ => Key::NotifOther,
    };
    let kind = SosReplyKind::parse(&field("kind")).map(|k| t(reply_kind_key(k)).to_owned()).unwrap_or_default();
    let to = ProposalStatus::parse(&field("to")).map(|s| t(status_key(s)).to_owned()).unwrap_or_default();
    t(key)
        .replace("{actor}", &field("actor"))
        .replace("{title}", &field("title"))
        .replace("{reason}", &field("reason"))
        .replace("{to}", &to)
        .replace("{round}", &field("round_title"))
        .replace("{task}", &field("task_title"))
        .replace("{kind}", &kind)
        .replace("{meeting}", &field("meeting_title"))
        .replace("{agenda}", &field("agenda_title"))
        .replace("{starts}", &crate::components::time::kst(&field("starts_at")))
}

/// Where a notification leads: its review round (`round_id` in the payload
/// of review notifications), its task (`task_id` in the payload of progress
/// updates), or its proposal (at the comment, if any).
pub fn notification_href(n: &NotificationDto) -> Option<String> {
    let payload_id = |key: &str| {
        let value = n.payload.get(key)?;
        value.as_i64().or_else(|| value.as_str()?.parse().ok())
    };
    if n.kind.starts_with("review_") {
        return Some(format!("/reviews/{}", payload_id("round_id")?));
    }
    if n.kind.starts_with("sos_") {
        return Some(format!("/sos/{}", payload_id("sos_id")?));
    }
    if n.kind == "meeting_minutes" {
        return Some(format!("/meetings/{}/minutes", payload_id("meeting_id")?));
    }
    if n.kind.starts_with("meeting_") {
        return Some(format!("/meetings/{}", payload_id("meeting_id")?));
    }
    if n.kind == "task_update"
        && let Some(task) = payload_id("task_id")
    {
        return Some(format!("/tasks/{task}"));
    }
    n.proposal_id.map(|p| match n.comment_id {
        Some(c) => format!("/proposals/{p}#comment-{c}"),
        None => format!("/proposals/{p}"),
    })
}

/// How much of an official answer a notification shows (the proposal's
/// timeline has it whole).
const ANSWER_PREVIEW_CHARS: usize = 200;

/// The official answer that came with a status change, shortened, if any.
pub fn notification_answer(n: &NotificationDto) -> Option<String> {
    if n.kind != "status_changed" {
        return None;
    }
    let answer = n.payload.get("answer").and_then(|v| v.as_str()).map(str::trim).filter(|a| !a.is_empty())?;
    let mut shown: String = answer.chars().take(ANSWER_PREVIEW_CHARS).collect();
    if shown.len() < answer.len() {
        shown.push('…');
    }
    Some(t(Key::NotifAnswer).replace("{answer}", &shown))
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    crate::pages::private_page();
    let user = Resource::new(|| (), |_| current_user());
    let list = Resource::new(|| (), |_| notifications());
    let error = posted_error(MARK_READ_URL);
    view! {
        <Title text=t(Key::NotificationsTitle) />
        <section class="page-section">
            <h2 class="page-title">{t(Key::NotificationsTitle)}</h2>
            <ErrorSummary error />
            <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match user.await {
                        Ok(Some(_)) => {}
                        Ok(None) => return view! { <Redirect path="/sign-in?next=/me/notifications" /> }.into_any(),
                        Err(_) => return view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                    }
                    let Ok(page) = list.await else {
                        return view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any();
                    };
                    view! {
                        {(page.unread > 0).then(|| view! {
                            <form method="post" action=MARK_READ_URL class="inline-form">
                                <button type="submit" id="mark-all-read" class="krds-btn small secondary">{t(Key::MarkAllRead)}</button>
                            </form>
                        })}
                        {if page.items.is_empty() {
                            view! { <p id="no-notifications">{t(Key::NoNotifications)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="notification-list" id="notification-list">
                                    {page.items.into_iter().map(|n| {
                                        let text = notification_text(&n);
                                        let answer = notification_answer(&n);
                                        let href = notification_href(&n);
                                        view! {
                                            <li class=if n.read { "notification is-read" } else { "notification is-unread" } id=format!("notification-{}", n.id)>
                                                {(!n.read).then(|| view! { <span class="krds-badge unread-badge">{t(Key::Unread)}</span>" " })}
                                                {match href {
                                                    Some(h) => view! { <a href=h>{text}</a> }.into_any(),
                                                    None => view! { <span>{text}</span> }.into_any(),
                                                }}
                                                " "<time datetime=n.created_at.clone()>{kst(&n.created_at)}</time>
                                                {answer.map(|a| view! { <p class="notification-answer">{a}</p> })}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    }.into_any()
                })}
            </Suspense>
        </section>
    }
}
