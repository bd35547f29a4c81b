//! "연결된 로그인" on the account page: the providers linked to the account,
//! each with an unlink button, and a button to link each configured
//! provider not linked yet.
//!
//! Unlinking posts to a server function. Linking posts a plain form to the
//! server's `/auth/oidc/{id}/link` route, which sends the browser to the
//! provider and back to `/me?linked=1` (or `/me?error=oidc_<reason>`).

use crate::api::UnlinkIdentity;
use crate::components::form::{ErrorSummary, Notice, posted_error};
use crate::components::providers::{ProviderError, with_name};
use crate::components::time::kst_date;
use crate::i18n::{Key, t};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;
use shared::access::{ProviderDto, SignInMethodsDto};

const UNLINK_URL: &str = <UnlinkIdentity as ServerFn>::PATH;

#[component]
pub fn LinkedLogins(methods: SignInMethodsDto, providers: Vec<ProviderDto>) -> impl IntoView {
    let error = posted_error(UNLINK_URL);
    let query = use_query_map();
    let (linked, unlinked) = query.with_untracked(|q| (q.get("linked").is_some(), q.get("unlinked").is_some()));
    let linkable: Vec<ProviderDto> =
        providers.into_iter().filter(|p| !methods.identities.iter().any(|i| i.provider == p.id)).collect();
    let has_identities = !methods.identities.is_empty();
    view! {
        <section class="page-section" id="sign-in-methods" aria-labelledby="sign-in-methods-title">
            <h3 id="sign-in-methods-title" class="section-title">{t(Key::LinkedLoginsTitle)}</h3>
            <p>{t(Key::LinkedLoginsLead)}</p>
            {linked.then(|| view! { <Notice id="provider-linked" text=Key::ProviderLinked /> })}
            {unlinked.then(|| view! { <Notice id="provider-unlinked" text=Key::ProviderUnlinked /> })}
            <ProviderError id="oidc-error" />
            <ErrorSummary error id="unlink-error" conflict=Key::ErrLastSignInMethod />
            {if has_identities {
                view! {
                    <ul class="identity-list" id="identity-list">
                        {methods.identities.into_iter().map(|i| {
                            let since = format!("{} {}", t(Key::LinkedSince), kst_date(&i.created_at));
                            view! {
                                <li class="identity-item">
                                    <div class="identity-info">
                                        <strong>{i.provider_name.clone()}</strong>
                                        {i.email.map(|e| view! { <span class="identity-email">{e}</span> })}
                                        <span class="identity-since">{since}</span>
                                    </div>
                                    <form method="post" action=UNLINK_URL class="inline-form">
                                        <input type="hidden" name="id" value=i.id />
                                        <button type="submit" id=format!("unlink-{}", i.id) class="krds-btn small tertiary">
                                            {t(Key::Unlink)}
                                            <span class="sr-only">{format!(": {}", i.provider_name)}</span>
                                        </button>
                                    </form>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            } else {
                view! { <p id="no-identities">{t(Key::NoLinkedLogins)}</p> }.into_any()
            }}
            {(!linkable.is_empty()).then(|| view! {
                <h4 class="subsection-title">{t(Key::LinkAnotherTitle)}</h4>
                <ul class="provider-list">
                    {linkable.into_iter().map(|p| view! {
                        <li>
                            <form method="post" action=format!("/auth/oidc/{}/link", crate::components::layout::encode_component(&p.id)) class="inline-form">
                                <button type="submit" id=format!("link-{}", p.id) class="krds-btn medium secondary">
                                    {with_name(t(Key::LinkProvider), &p.name)}
                                </button>
                            </form>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}
