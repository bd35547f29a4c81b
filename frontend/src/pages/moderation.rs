//! `/moderation`: reported and hidden content, for moderators. Hiding and
//! restoring are plain form posts with a reason (shown to the author).

use crate::api::{Moderate, moderation_queue};
use crate::components::form::{ErrorSummary, Notice, posted_error};
use crate::i18n::{Key, t};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;
use shared::ErrorCode;
use shared::deliberation::ModerationItem;

const MODERATE_URL: &str = <Moderate as ServerFn>::PATH;

#[component]
pub fn ModerationPage() -> impl IntoView {
    crate::pages::private_page();
    let queue = Resource::new(|| (), |_| moderation_queue());
    let error = posted_error(MODERATE_URL);
    let done = use_query_map().with_untracked(|q| q.get("done").is_some());
    view! {
        <Title text=t(Key::ModerationTitle) />
        <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match queue.await {
                    Ok(items) => view! {
                        <section class="page-section">
                            <h2 class="page-title">{t(Key::ModerationTitle)}</h2>
                            {done.then(|| view! { <Notice id="moderated" text=Key::ModerationDone /> })}
                            <ErrorSummary error />
                            {if items.is_empty() {
                                view! { <p id="moderation-empty">{t(Key::ModerationEmpty)}</p> }.into_any()
                            } else {
                                view! { <ul class="notification-list" id="moderation-queue">{items.into_iter().map(|i| view! { <QueueItem i /> }).collect_view()}</ul> }.into_any()
                            }}
                        </section>
                    }.into_any(),
                    Err(e) if e.code() == ErrorCode::Unauthorized => view! { <Redirect path="/sign-in?next=/moderation" /> }.into_any(),
                    Err(e) if e.code() == ErrorCode::Forbidden => view! { <crate::pages::forbidden::Forbidden /> }.into_any(),
                    Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn QueueItem(i: ModerationItem) -> impl IntoView {
    let kind_key = if i.kind == "proposal" { Key::ModerationKindProposal } else { Key::ModerationKindComment };
    let href = if i.kind == "proposal" { format!("/proposals/{}", i.proposal_id) } else { format!("/proposals/{}#comment-{}", i.proposal_id, i.id) };
    let reason_id = format!("moderation-reason-{}-{}", i.kind, i.id);
    let (hide, action) = if i.hidden { ("0", Key::ModerationRestore) } else { ("1", Key::ModerationHide) };
    view! {
        <li class="notification" id=format!("moderation-{}-{}", i.kind, i.id)>
            <span class="krds-badge">{t(kind_key)}</span>" "
            {i.hidden.then(|| view! { <span class="krds-badge status-hidden">{t(Key::ModerationHiddenNow)}</span>" " })}
            <a href=href>{i.excerpt.clone()}</a>
            " · "{t(Key::ModerationReports)}" "{i.open_reports}
            {(!i.reasons.is_empty()).then(|| view! { " ("{i.reasons.join(", ")}")" })}
            <form method="post" action=MODERATE_URL class="report-form">
                <input type="hidden" name="kind" value=i.kind.clone() />
                <input type="hidden" name="id" value=i.id />
                <input type="hidden" name="hide" value=hide />
                <label for=reason_id.clone()>{t(Key::ModerationReason)}</label>" "
                <input type="text" id=reason_id name="reason" class="krds-input moderation-reason" required />" "
                <button type="submit" class="krds-btn small secondary">{t(action)}</button>
            </form>
        </li>
    }
}
