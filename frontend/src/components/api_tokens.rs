//! "API 토큰" on the account page: the person's personal API tokens, a
//! revoke button for each, and the form that creates one.
//!
//! A new token is shown exactly once. Creating it stores it in the sign-in
//! session on the server and redirects here; this page's data then takes it
//! out of the session (`take_new_token`) and shows it. So it never travels in
//! a URL, and the same happens with or without JavaScript.

use crate::api::{CreateApiToken, FnError, RevokeApiToken};
use crate::components::form::{ErrorSummary, FieldMessage, Notice, posted_error, echoed, field_error};
use crate::components::time::kst;
use crate::i18n::{Key, t};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;
use shared::access::{ApiTokenDto, CreatedApiToken};

const CREATE_URL: &str = <CreateApiToken as ServerFn>::PATH;
const REVOKE_URL: &str = <RevokeApiToken as ServerFn>::PATH;

/// The lifetimes offered, in days (`""`: never expires), and their labels.
const LIFETIMES: [(&str, Key); 4] =
    [("", Key::TokenNeverExpires), ("30", Key::TokenDays30), ("90", Key::TokenDays90), ("365", Key::TokenDays365)];

/// The lifetime chosen unless the person picks another: tokens that expire
/// by themselves are the safer default.
const DEFAULT_LIFETIME: &str = "90";

#[component]
pub fn ApiTokens(tokens: Result<Vec<ApiTokenDto>, FnError>, new_token: Option<CreatedApiToken>) -> impl IntoView {
    let create_error = posted_error(CREATE_URL);
    let revoke_error = posted_error(REVOKE_URL);
    let revoked = use_query_map().with_untracked(|q| q.get("token_revoked").is_some());
    let initial_name = echoed(create_error, "name");
    let initial_lifetime = create_error
        .get_untracked()
        .and_then(|e| e.echoed("expires_in_days").map(str::to_owned))
        .unwrap_or_else(|| DEFAULT_LIFETIME.to_owned());
    let invalid = move |name: &'static str| field_error(create_error, name).get().is_some().then_some("true");
    view! {
        <section class="page-section" id="api-tokens" aria-labelledby="api-tokens-title">
            <h3 id="api-tokens-title" class="section-title">{t(Key::ApiTokensTitle)}</h3>
            <p>{t(Key::ApiTokensLead)}</p>
            {new_token.map(|token| view! { <NewToken token /> })}
            {revoked.then(|| view! { <Notice id="token-revoked" text=Key::TokenRevoked /> })}
            <ErrorSummary error=revoke_error id="revoke-token-error" />
            {match tokens {
                Ok(list) if list.is_empty() => view! { <p id="no-tokens">{t(Key::NoTokens)}</p> }.into_any(),
                Ok(list) => view! { <TokenTable list /> }.into_any(),
                Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
            }}
            <h4 class="subsection-title" id="token-form-title">{t(Key::TokenCreateTitle)}</h4>
            <ErrorSummary error=create_error id="token-form-error" conflict=Key::ErrTooManyTokens />
            <form method="post" action=CREATE_URL id="token-form" class="account-form" aria-labelledby="token-form-title" novalidate>
                <div class="form-group">
                    <div class="form-tit"><label for="token-name">{t(Key::TokenName)}</label></div>
                    <div class="form-conts">
                        <p class="form-hint" id="token-name-hint">{t(Key::TokenNameHint)}</p>
                        <input type="text" id="token-name" name="name" class="krds-input" autocomplete="off" required
                            maxlength=shared::access::ApiTokenInput::NAME_MAX.to_string()
                            value=initial_name aria-invalid=move || invalid("name")
                            aria-describedby="token-name-hint token-name-error" />
                        <FieldMessage error=field_error(create_error, "name") id="token-name-error" />
                    </div>
                </div>
                <div class="form-group">
                    <div class="form-tit"><label for="token-expires">{t(Key::TokenExpiresIn)}</label></div>
                    <div class="form-conts">
                        <select id="token-expires" name="expires_in_days" class="krds-form-select"
                            aria-invalid=move || invalid("expires_in_days") aria-describedby="token-expires-error">
                            {LIFETIMES.into_iter().map(|(value, label)| view! {
                                <option value=value selected=initial_lifetime == value>{t(label)}</option>
                            }).collect_view()}
                        </select>
                        <FieldMessage error=field_error(create_error, "expires_in_days") id="token-expires-error" />
                    </div>
                </div>
                <div class="form-actions">
                    <button type="submit" id="token-submit" class="krds-btn medium primary">{t(Key::TokenCreate)}</button>
                </div>
            </form>
        </section>
    }
}

/// The token just created, shown this once.
#[component]
fn NewToken(token: CreatedApiToken) -> impl IntoView {
    view! {
        <div class="new-token" id="new-token" role="status" aria-labelledby="new-token-title">
            <p class="new-token-title" id="new-token-title">
                <strong>{t(Key::TokenCreated)}</strong>" "{token.info.name.clone()}
            </p>
            <label for="new-token-value" class="new-token-label">{t(Key::TokenValue)}</label>
            <input type="text" id="new-token-value" class="krds-input new-token-value" readonly
                value=token.token.clone() autocomplete="off" spellcheck="false" aria-describedby="new-token-note" />
            <p class="new-token-note" id="new-token-note">{t(Key::TokenShownOnce)}</p>
        </div>
    }
}

#[component]
fn TokenTable(list: Vec<ApiTokenDto>) -> impl IntoView {
    view! {
        <div class="krds-table-wrap scroll">
            <table class="tbl col data" id="token-table">
                <caption class="sr-only">{t(Key::TokenTableCaption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(Key::TokenName)}</th>
                        <th scope="col">{t(Key::TokenPrefix)}</th>
                        <th scope="col">{t(Key::CreatedAt)}</th>
                        <th scope="col">{t(Key::TokenLastUsed)}</th>
                        <th scope="col">{t(Key::TokenExpires)}</th>
                        <th scope="col"><span class="sr-only">{t(Key::Actions)}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|tok| view! {
                        <tr id=format!("token-{}", tok.id)>
                            <td>{tok.name.clone()}</td>
                            <td><code>{format!("{}…", tok.prefix)}</code></td>
                            <td>{kst(&tok.created_at)}</td>
                            <td>{tok.last_used_at.as_deref().map(kst).unwrap_or_else(|| t(Key::TokenNeverUsed).to_owned())}</td>
                            <td>{tok.expires_at.as_deref().map(kst).unwrap_or_else(|| t(Key::TokenNeverExpires).to_owned())}</td>
                            <td>
                                <form method="post" action=REVOKE_URL class="inline-form">
                                    <input type="hidden" name="id" value=tok.id />
                                    <button type="submit" id=format!("revoke-token-{}", tok.id) class="krds-btn small tertiary">
                                        {t(Key::TokenRevoke)}
                                        <span class="sr-only">{format!(": {}", tok.name)}</span>
                                    </button>
                                </form>
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
