//! `/sign-in`, `/sign-up`, `/me`: accounts.
//!
//! These forms are plain `<form method="post">` to their server functions,
//! with or without JavaScript: signing in or out changes the whole page (the
//! header, what may be done), so the browser loads the next page anew. Errors
//! come back in the redirect and are shown here; passwords never travel back.

use crate::api::{ChangePassword, SignIn, SignOut, SignUp, api_tokens, current_user, providers, sign_in_methods, take_new_token};
use crate::components::account_data::{DeleteAccount, ExportData};
use crate::components::api_tokens::ApiTokens;
use crate::components::form::{ErrorSummary, FieldMessage, posted_error};
use crate::components::linked_logins::LinkedLogins;
use crate::components::providers::{ProviderError, ProviderSignIn};
use crate::i18n::{Key, t};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;
use crate::api::FnError;
use shared::access::CreatedApiToken;
use shared::account::{UserDto, VerificationLevel};

const SIGN_IN_URL: &str = <SignIn as ServerFn>::PATH;
const SIGN_UP_URL: &str = <SignUp as ServerFn>::PATH;
const SIGN_OUT_URL: &str = <SignOut as ServerFn>::PATH;
const CHANGE_PASSWORD_URL: &str = <ChangePassword as ServerFn>::PATH;

/// The validated `?next=` of the current page.
fn next_param() -> String {
    let query = use_query_map();
    shared::text::safe_next_path(query.read_untracked().get("next").as_deref())
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let error = posted_error(SIGN_IN_URL);
    let field = move |name: &'static str| Signal::derive(move || error.get().and_then(|e| e.field(name).cloned()));
    let next = next_param();
    let sign_up_href = format!("/sign-up?next={}", crate::components::layout::encode_component(&next));
    view! {
        <Title text=t(Key::SignInTitle) />
        <section class="page-section account-form">
            <h2 class="page-title">{t(Key::SignInTitle)}</h2>
            <p class="lead">{t(Key::SignInLead)}</p>
            {move || error.get().map(|e| {
                let key = if e.code() == shared::ErrorCode::Unauthorized { Key::ErrBadCredentials } else { crate::components::form::error_code_key(e.code()) };
                view! { <div class="krds-error-summary" role="alert" id="form-error-summary"><p>{t(key)}</p></div> }
            })}
            // A provider sign-in that failed comes back here with its reason.
            {move || error.get().is_none().then(|| view! { <ProviderError id="form-error-summary" /> })}
            <form method="post" action=SIGN_IN_URL id="sign-in-form" novalidate>
                <input type="hidden" name="next" value=next.clone() />
                <div class="form-group">
                    <div class="form-tit"><label for="sign-in-email">{t(Key::EmailLabel)}</label></div>
                    <div class="form-conts">
                        <input type="email" id="sign-in-email" name="email" class="krds-input" autocomplete="username" required aria-describedby="sign-in-email-error" />
                        <FieldMessage error=field("email") id="sign-in-email-error" />
                    </div>
                </div>
                <div class="form-group">
                    <div class="form-tit"><label for="sign-in-password">{t(Key::PasswordLabel)}</label></div>
                    <div class="form-conts">
                        <input type="password" id="sign-in-password" name="password" class="krds-input" autocomplete="current-password" required aria-describedby="sign-in-password-error" />
                        <FieldMessage error=field("password") id="sign-in-password-error" />
                    </div>
                </div>
                <div class="form-actions">
                    <button type="submit" id="sign-in-submit" class="krds-btn large primary">{t(Key::SignInSubmit)}</button>
                </div>
            </form>
            <ProviderSignIn next />
            <p class="form-alt">{t(Key::NoAccount)}" "<a href=sign_up_href>{t(Key::NavSignUp)}</a></p>
        </section>
    }
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let error = posted_error(SIGN_UP_URL);
    let field = move |name: &'static str| Signal::derive(move || error.get().and_then(|e| e.field(name).cloned()));
    let next = next_param();
    let sign_in_href = format!("/sign-in?next={}", crate::components::layout::encode_component(&next));
    view! {
        <Title text=t(Key::SignUpTitle) />
        <section class="page-section account-form">
            <h2 class="page-title">{t(Key::SignUpTitle)}</h2>
            <p class="lead">{t(Key::SignUpLead)}</p>
            <ErrorSummary error />
            <form method="post" action=SIGN_UP_URL id="sign-up-form" novalidate>
                <input type="hidden" name="next" value=next />
                <div class="form-group">
                    <div class="form-tit"><label for="sign-up-email">{t(Key::EmailLabel)}</label></div>
                    <div class="form-conts">
                        <input type="email" id="sign-up-email" name="email" class="krds-input" autocomplete="email" required aria-describedby="sign-up-email-error" />
                        <FieldMessage error=field("email") id="sign-up-email-error" />
                    </div>
                </div>
                <div class="form-group">
                    <div class="form-tit"><label for="sign-up-name">{t(Key::DisplayNameLabel)}</label></div>
                    <div class="form-conts">
                        <p class="form-hint" id="sign-up-name-hint">{t(Key::DisplayNameHint)}</p>
                        <input type="text" id="sign-up-name" name="display_name" class="krds-input" autocomplete="nickname" required aria-describedby="sign-up-name-hint sign-up-name-error" />
                        <FieldMessage error=field("display_name") id="sign-up-name-error" />
                    </div>
                </div>
                <div class="form-group">
                    <div class="form-tit"><label for="sign-up-password">{t(Key::PasswordLabel)}</label></div>
                    <div class="form-conts">
                        <p class="form-hint" id="sign-up-password-hint">{t(Key::PasswordHint)}</p>
                        <input type="password" id="sign-up-password" name="password" class="krds-input" autocomplete="new-password" required aria-describedby="sign-up-password-hint sign-up-password-error" />
                        <FieldMessage error=field("password") id="sign-up-password-error" />
                    </div>
                </div>
                <div class="form-actions">
                    <button type="submit" id="sign-up-submit" class="krds-btn large primary">{t(Key::SignUpSubmit)}</button>
                </div>
            </form>
            <p class="form-alt">{t(Key::HaveAccount)}" "<a href=sign_in_href>{t(Key::NavSignIn)}</a></p>
        </section>
    }
}

/// The label of a verification level.
pub fn level_key(level: VerificationLevel) -> Key {
    match level {
        VerificationLevel::Unverified => Key::LevelUnverified,
        VerificationLevel::Verified => Key::LevelVerified,
        VerificationLevel::Official => Key::LevelOfficial,
    }
}

/// `/me`: the account's facts and settings. Anonymous visitors are sent to
/// sign in first.
#[component]
pub fn AccountPage() -> impl IntoView {
    crate::pages::private_page();
    let user = Resource::new(|| (), |_| current_user());
    // Taken out of the session by reading it: shown on this page load only.
    // Made here, not in `AccountSettings`: that is built inside the `Suspend`
    // below, which server rendering may run twice (once to find what to wait
    // for, once to render), and a second `take_new_token` finds nothing.
    let new_token = Resource::new(|| (), |_| take_new_token());
    view! {
        <Title text=t(Key::AccountTitle) />
        <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(Some(u)) => view! { <AccountSettings user=u new_token /> }.into_any(),
                    Ok(None) => view! { <Redirect path="/sign-in?next=/me" /> }.into_any(),
                    Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The signed-in account's page: its facts, password, linked sign-ins, API
/// tokens, data download and deletion.
#[component]
fn AccountSettings(user: UserDto, new_token: Resource<Result<Option<CreatedApiToken>, FnError>>) -> impl IntoView {
    let methods = Resource::new(|| (), |_| sign_in_methods());
    let provider_list = Resource::new(|| (), |_| providers());
    let tokens = Resource::new(|| (), |_| api_tokens());
    let changed = use_query_map().read_untracked().get("password_changed").is_some();
    let u = user;
    view! {
        <section class="page-section">
            <h2 class="page-title">{t(Key::AccountTitle)}</h2>
            {changed.then(|| view! { <p class="krds-notice" role="status" id="password-changed">{t(Key::PasswordChanged)}</p> })}
            <dl class="account-facts">
                <dt>{t(Key::AccountName)}</dt><dd id="account-name">{u.display_name.clone()}</dd>
                <dt>{t(Key::AccountEmail)}</dt><dd id="account-email">{u.email.clone()}</dd>
                <dt>{t(Key::AccountLevel)}</dt><dd>{t(level_key(u.verification_level))}</dd>
                <dt>{t(Key::AccountSince)}</dt><dd>{u.created_at.get(..10).unwrap_or_default().to_owned()}</dd>
            </dl>
        </section>
        <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
            {move || {
                let email = u.email.clone();
                Suspend::new(async move {
                    let methods = methods.await;
                    let provider_list = provider_list.await.unwrap_or_default();
                    let tokens = tokens.await;
                    let new_token = new_token.await.ok().flatten();
                    match methods {
                        Ok(m) => view! {
                            {if m.has_password {
                                view! { <ChangePasswordSection email /> }.into_any()
                            } else {
                                view! {
                                    <section class="page-section" aria-labelledby="change-password-title">
                                        <h3 id="change-password-title" class="section-title">{t(Key::ChangePasswordTitle)}</h3>
                                        <p id="no-password">{t(Key::NoPassword)}</p>
                                    </section>
                                }.into_any()
                            }}
                            <LinkedLogins methods=m.clone() providers=provider_list />
                            <ApiTokens tokens new_token />
                            <ExportData />
                            <DeleteAccount has_password=m.has_password />
                        }.into_any(),
                        Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn ChangePasswordSection(email: String) -> impl IntoView {
    let error = posted_error(CHANGE_PASSWORD_URL);
    let field = move |name: &'static str| Signal::derive(move || error.get().and_then(|e| e.field(name).cloned()));
    view! {
        <section class="page-section account-form" aria-labelledby="change-password-title">
            <h3 id="change-password-title" class="section-title">{t(Key::ChangePasswordTitle)}</h3>
            <ErrorSummary error />
            <form method="post" action=CHANGE_PASSWORD_URL id="change-password-form" novalidate>
                <input type="email" name="username" autocomplete="username" value=email hidden />
                <div class="form-group">
                    <div class="form-tit"><label for="current-password">{t(Key::CurrentPassword)}</label></div>
                    <div class="form-conts">
                        <input type="password" id="current-password" name="current_password" class="krds-input" autocomplete="current-password" required aria-describedby="current-password-error" />
                        <FieldMessage error=field("current_password") id="current-password-error" invalid=Key::ErrWrongPassword />
                    </div>
                </div>
                <div class="form-group">
                    <div class="form-tit"><label for="new-password">{t(Key::NewPasswordLabel)}</label></div>
                    <div class="form-conts">
                        <p class="form-hint" id="new-password-hint">{t(Key::PasswordHint)}</p>
                        <input type="password" id="new-password" name="new_password" class="krds-input" autocomplete="new-password" required aria-describedby="new-password-hint new-password-error" />
                        <FieldMessage error=field("new_password") id="new-password-error" />
                    </div>
                </div>
                <div class="form-actions">
                    <button type="submit" id="change-password-submit" class="krds-btn medium primary">{t(Key::ChangePasswordSubmit)}</button>
                </div>
            </form>
        </section>
    }
}

/// The header's account links: sign in / sign up, or the user's name, their
/// page and a sign-out button (a form: signing out changes state).
#[component]
pub fn AccountMenu() -> impl IntoView {
    let user = Resource::new(|| (), |_| current_user());
    let unread = Resource::new(|| (), |_| crate::api::unread_notifications());
    // Sign-in and sign-up come back here afterwards (on their own pages, to
    // where those were going).
    let location = leptos_router::hooks::use_location();
    let next = move || {
        let path = location.pathname.get_untracked();
        let here = if path == "/sign-in" || path == "/sign-up" {
            next_param()
        } else {
            let search = location.search.get_untracked();
            if search.is_empty() { path } else { format!("{path}?{search}") }
        };
        crate::components::layout::encode_component(&here)
    };
    let sign_in_href = format!("/sign-in?next={}", next());
    let sign_up_href = format!("/sign-up?next={}", next());
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let (sign_in_href, sign_up_href) = (sign_in_href.clone(), sign_up_href.clone());
                Suspend::new(async move {
                match user.await {
                    Ok(Some(u)) => {
                    let unread = unread.await.unwrap_or(0);
                    view! {
                        <div class="account-menu" role="group" aria-label=t(Key::AccountMenu)>
                            <a href="/me" class="krds-btn small text" id="account-link" rel="external">{u.display_name}</a>
                            <a href="/me/notifications" class="krds-btn small text notification-link" id="notifications-link">
                                {t(Key::NotificationsLink)}
                                // Server-rendered; absent when nothing is unread.
                                {(unread > 0).then(|| view! {
                                    " "<span class="krds-badge notification-count" id="notification-count">
                                        {unread}<span class="sr-only">" "{t(Key::UnreadCount)}</span>
                                    </span>
                                })}
                            </a>
                            <form method="post" action=SIGN_OUT_URL class="inline-form">
                                <button type="submit" id="sign-out" class="krds-btn small text">{t(Key::SignOut)}</button>
                            </form>
                        </div>
                    }.into_any()
                    }
                    _ => view! {
                        <div class="account-menu" role="group" aria-label=t(Key::AccountMenu)>
                            <a href=sign_in_href.clone() class="krds-btn small text" id="sign-in-link" rel="external">{t(Key::NavSignIn)}</a>
                            <a href=sign_up_href.clone() class="krds-btn small text" rel="external">{t(Key::NavSignUp)}</a>
                        </div>
                    }.into_any(),
                }
            })}}
        </Suspense>
    }
}
