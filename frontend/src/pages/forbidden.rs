use crate::i18n::{Key, t};
use leptos::prelude::*;
use leptos_meta::Title;

/// Shown to a signed-in person who may not see a page; answered with HTTP 403.
#[component]
pub fn Forbidden() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::FORBIDDEN);
    }
    view! {
        <Title text=t(Key::ForbiddenTitle) />
        <section class="page-section" id="forbidden">
            <h2 class="page-title">{t(Key::ForbiddenTitle)}</h2>
            <p>{t(Key::ForbiddenText)}</p>
            <p><a href="/" class="krds-btn medium primary">{t(Key::BackHome)}</a></p>
        </section>
    }
}
