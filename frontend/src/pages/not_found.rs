use crate::i18n::{Key, t};
use leptos::prelude::*;
use leptos_meta::Title;

/// Shown for any path without a route; answered with HTTP 404.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=t(Key::NotFoundTitle) />
        <section class="page-section">
            <h2 class="page-title">{t(Key::NotFoundTitle)}</h2>
            <p>{t(Key::NotFoundText)}</p>
            <p><a href="/" class="krds-btn medium primary">{t(Key::BackHome)}</a></p>
        </section>
    }
}
