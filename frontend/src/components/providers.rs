//! Sign-in providers (OIDC / OAuth2): the "sign in another way" links and
//! the explanation of a provider sign-in that failed.
//!
//! The links and forms go to the server's `/auth/oidc/…` routes, not to
//! server functions: the browser has to leave the site for the provider, so
//! they are full navigations (`rel="external"` keeps the client router off).

use crate::api::providers;
use crate::components::layout::encode_component;
use crate::i18n::{Key, t};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The message for `?error=oidc_<reason>`, which the provider callback
/// sends back (see the server's `services::oidc::Failure`).
pub fn oidc_error_key(reason: &str) -> Key {
    match reason {
        "state" => Key::OidcErrState,
        "expired" => Key::OidcErrExpired,
        "denied" => Key::OidcErrDenied,
        "exchange" => Key::OidcErrExchange,
        "id_token" => Key::OidcErrIdToken,
        "profile" => Key::OidcErrProfile,
        "unavailable" => Key::OidcErrUnavailable,
        "email_taken" => Key::OidcErrEmailTaken,
        "linked_elsewhere" => Key::OidcErrLinkedElsewhere,
        "internal" => Key::OidcErrInternal,
        _ => Key::OidcErrUnknown,
    }
}

/// `text` with `{name}` replaced (i18n texts that name a provider).
pub fn with_name(text: &str, name: &str) -> String {
    text.replace("{name}", name)
}

/// The explanation of a failed provider sign-in or link, if the page's URL
/// carries one (`?error=oidc_<reason>`).
#[component]
pub fn ProviderError(id: &'static str) -> impl IntoView {
    let query = use_query_map();
    let reason = query.read_untracked().get("error").and_then(|e| e.strip_prefix("oidc_").map(str::to_owned));
    reason.map(|reason| {
        view! {
            <div class="krds-error-summary" role="alert" id=id>
                <p>{t(oidc_error_key(&reason))}</p>
            </div>
        }
    })
}

/// "Sign in another way": a link per configured provider; nothing when none
/// is configured. `next` is the validated path to come back to.
#[component]
pub fn ProviderSignIn(next: String) -> impl IntoView {
    let list = Resource::new(|| (), |_| providers());
    let next = encode_component(&next);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let next = next.clone();
                Suspend::new(async move {
                    let list = list.await.unwrap_or_default();
                    (!list.is_empty()).then(|| view! {
                        <section class="other-sign-in" aria-labelledby="other-sign-in-title">
                            <h3 id="other-sign-in-title" class="section-title">{t(Key::OtherSignInTitle)}</h3>
                            <ul class="provider-list">
                                {list.into_iter().map(|p| {
                                    let href = format!("/auth/oidc/{}/start?next={next}", encode_component(&p.id));
                                    view! {
                                        <li>
                                            <a id=format!("provider-{}", p.id) rel="external" href=href class="krds-btn large secondary provider-btn">
                                                {with_name(t(Key::SignInWithProvider), &p.name)}
                                            </a>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </section>
                    })
                })
            }}
        </Suspense>
    }
}
