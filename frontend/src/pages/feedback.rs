//! `/feedback`: the site-feedback form, and `/feedback/thanks`, its receipt.
//!
//! The form posts to the server function's URL. It is an island: hydrated,
//! it counts characters as the person types, first checks the input with the
//! same parser the server uses (errors show at once, nothing is sent), then
//! calls the server function and follows its redirect in the browser. Without
//! JavaScript, the browser posts it as a plain form and the server answers
//! with the same redirect (or, on error, back here with the error and the
//! typed values in the URL).

use crate::api::{FnError, SubmitFeedback, get_feedback_receipt};
use crate::components::form::{ErrorSummary, FieldMessage, posted_error};
use crate::i18n::{Key, t};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use shared::feedback::FeedbackInput;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::feedback::{FeedbackCategory, FeedbackMessage};
use shared::text::char_len;

/// Where the form posts: the server function's own URL.
const SUBMIT_URL: &str = <SubmitFeedback as ServerFn>::PATH;

fn category_label(c: FeedbackCategory) -> Key {
    match c {
        FeedbackCategory::Idea => Key::FeedbackCategoryIdea,
        FeedbackCategory::Bug => Key::FeedbackCategoryBug,
        FeedbackCategory::Accessibility => Key::FeedbackCategoryAccessibility,
        FeedbackCategory::Other => Key::FeedbackCategoryOther,
    }
}

#[component]
pub fn FeedbackPage() -> impl IntoView {
    // Read here, on the server, from the URL a failed plain post came back to:
    // the island has no router in the browser, so it gets the error as a prop.
    let posted = posted_error(SUBMIT_URL).get_untracked();
    view! {
        <Title text=t(Key::FeedbackTitle) />
        <section class="page-section">
            <h2 class="page-title">{t(Key::FeedbackTitle)}</h2>
            <p class="lead">{t(Key::FeedbackLead)}</p>
            <FeedbackForm posted />
        </section>
    }
}

/// The form, its error summary and its live character counter. `posted` is
/// the error of the plain post this page came back from, if any.
#[island]
fn FeedbackForm(posted: Option<FnError>) -> impl IntoView {
    // Without a client-side router, the server function's redirect (to the
    // receipt) is a page load; the first hook set wins, so set it before use.
    #[cfg(feature = "hydrate")]
    let _ = leptos::server_fn::redirect::set_redirect_hook(|to: &str| {
        let _ = window().location().set_href(to);
    });
    let action = ServerAction::<SubmitFeedback>::new();
    let client_error = RwSignal::new(posted);
    let error = Signal::derive(move || client_error.get().or_else(|| action.value().get().and_then(Result::err)));
    let category_ref = NodeRef::<leptos::html::Select>::new();
    let message_ref = NodeRef::<leptos::html::Textarea>::new();
    let email_ref = NodeRef::<leptos::html::Input>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = FeedbackInput {
            category: category_ref.get().map(|e| e.value()).unwrap_or_default(),
            message: message_ref.get().map(|e| e.value()).unwrap_or_default(),
            email: email_ref.get().map(|e| e.value()).unwrap_or_default(),
        };
        match input.parse() {
            Err(fields) => client_error.set(Some(shared::ErrorBody::validation(fields).into())),
            Ok(_) => {
                client_error.set(None);
                action.dispatch(SubmitFeedback { category: input.category, message: input.message, email: input.email });
            }
        }
    };
    let field = move |name: &'static str| Signal::derive(move || error.get().and_then(|e| e.field(name).cloned()));
    // After a failed plain POST the page is rendered again from the redirect;
    // put back what the person typed.
    let echoed = move |name: &str| error.get_untracked().and_then(|e| e.echoed(name).map(str::to_owned)).unwrap_or_default();
    let initial_message = echoed("message");
    let initial_category = echoed("category");
    let initial_email = echoed("email");
    let count = RwSignal::new(char_len(initial_message.trim()));
    let over = move || count.get() > FeedbackMessage::MAX;
    let invalid = move |name: &'static str| field(name).get().is_some().then_some("true");

    view! {
        <ErrorSummary error />
        <form
            method="post"
            action=SUBMIT_URL
            id="feedback-form"
            class="feedback-form"
            novalidate
            on:submit=on_submit
        >
            <div class="form-group">
                <div class="form-tit">
                    <label for="feedback-category">{t(Key::FeedbackCategory)}</label>
                </div>
                <div class="form-conts">
                    <select id="feedback-category" name="category" class="krds-form-select" node_ref=category_ref
                        aria-invalid=move || invalid("category") aria-describedby="feedback-category-error">
                        {FeedbackCategory::ALL
                            .into_iter()
                            .map(|c| view! {
                                <option value=c.as_str() selected=initial_category == c.as_str()>{t(category_label(c))}</option>
                            })
                            .collect_view()}
                    </select>
                    <FieldMessage error=field("category") id="feedback-category-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit">
                    <label for="feedback-message">
                        {t(Key::FeedbackMessage)}
                        <span class="required">" ("{t(Key::Required)}")"</span>
                    </label>
                </div>
                <div class="form-conts">
                    <p class="form-hint" id="feedback-message-hint">{t(Key::FeedbackMessageHint)}</p>
                    <div class="textarea-wrap">
                        <textarea
                            id="feedback-message"
                            name="message"
                            node_ref=message_ref
                            class="krds-input"
                            rows="8"
                            required
                            aria-invalid=move || invalid("message")
                            aria-describedby="feedback-message-hint feedback-message-error feedback-message-count"
                            on:input=move |ev| count.set(char_len(event_target_value(&ev).trim()))
                        >
                            {initial_message.clone()}
                        </textarea>
                        <p class="textarea-count" id="feedback-message-count" class:is-over=over>
                            <span class="count-now">{move || count.get()}</span>
                            <span class="count-total">{format!("/{}", FeedbackMessage::MAX)}</span>
                        </p>
                    </div>
                    <FieldMessage error=field("message") id="feedback-message-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit">
                    <label for="feedback-email">
                        {t(Key::FeedbackEmail)}
                        <span class="optional">" ("{t(Key::Optional)}")"</span>
                    </label>
                </div>
                <div class="form-conts">
                    <p class="form-hint" id="feedback-email-hint">{t(Key::FeedbackEmailHint)}</p>
                    <input
                        type="email"
                        id="feedback-email"
                        name="email"
                        node_ref=email_ref
                        class="krds-input"
                        autocomplete="email"
                        value=initial_email
                        aria-invalid=move || invalid("email")
                        aria-describedby="feedback-email-hint feedback-email-error"
                    />
                    <FieldMessage error=field("email") id="feedback-email-error" />
                </div>
            </div>
            <p class="form-privacy">{t(Key::FeedbackPrivacy)}</p>
            <div class="form-actions">
                <button type="submit" id="feedback-submit" class="krds-btn large primary" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { t(Key::FeedbackSubmitting) } else { t(Key::FeedbackSubmit) }}
                </button>
            </div>
        </form>
    }
}

#[component]
pub fn FeedbackThanksPage() -> impl IntoView {
    let query = use_query_map();
    let receipt = Resource::new(
        move || query.read().get("receipt").unwrap_or_default(),
        get_feedback_receipt,
    );
    view! {
        <Title text=t(Key::FeedbackThanksTitle) />
        <section class="page-section">
            <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match receipt.await {
                        Ok(r) => view! {
                            <h2 class="page-title">{t(Key::FeedbackThanksTitle)}</h2>
                            <p>{t(Key::FeedbackThanksText)}</p>
                            <dl class="receipt">
                                <dt>{t(Key::FeedbackReceipt)}</dt>
                                <dd id="feedback-receipt">{r.receipt}</dd>
                            </dl>
                        }.into_any(),
                        Err(_) => view! { <crate::pages::not_found::NotFound /> }.into_any(),
                    }
                })}
            </Suspense>
            <p class="form-actions">
                <a href="/feedback" class="krds-btn medium secondary">{t(Key::FeedbackAnother)}</a>
                " "
                <a href="/" class="krds-btn medium text">{t(Key::BackHome)}</a>
            </p>
        </section>
    }
}
