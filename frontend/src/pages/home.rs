//! `/`: what the platform is, how a task moves, the areas and regions.

use crate::api::{list_areas, list_regions};
use crate::components::form::Notice;
use crate::i18n::{Key, t, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;
use shared::reference::localized;

#[component]
pub fn HomePage() -> impl IntoView {
    let locale = use_locale();
    let areas = Resource::new(|| (), |_| list_areas());
    let regions = Resource::new(|| (), |_| list_regions());
    let steps = [
        (Key::StepPropose, Key::StepProposeText),
        (Key::StepDeliberate, Key::StepDeliberateText),
        (Key::StepSupport, Key::StepSupportText),
        (Key::StepReview, Key::StepReviewText),
        (Key::StepSelect, Key::StepSelectText),
        (Key::StepExecute, Key::StepExecuteText),
    ];
    let deleted = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("account_deleted").is_some());
    view! {
        <Title text="" />
        {deleted.then(|| view! { <Notice id="account-deleted" text=Key::AccountDeleted /> })}
        <section class="home-hero">
            <h2 class="page-title">{t(Key::HomeTitle)}</h2>
            <p class="lead">{t(Key::HomeLead)}</p>
        </section>

        <section class="home-section" aria-labelledby="how-title">
            <h3 id="how-title" class="section-title">{t(Key::HomeHowTitle)}</h3>
            <ol class="home-steps">
                {steps
                    .into_iter()
                    .enumerate()
                    .map(|(i, (name, text))| view! {
                        <li class="home-step">
                            <span class="home-step-num" aria-hidden="true">{i + 1}</span>
                            <strong class="home-step-name">{t(name)}</strong>
                            <p class="home-step-text">{t(text)}</p>
                        </li>
                    })
                    .collect_view()}
            </ol>
        </section>

        <section class="home-section" aria-labelledby="areas-title">
            <h3 id="areas-title" class="section-title">{t(Key::HomeAreasTitle)}</h3>
            <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match areas.await {
                        Ok(list) => view! {
                            <ul class="area-list" id="area-list">
                                {list.into_iter().map(|a| view! {
                                    <li class="area-card" data-area=a.code.clone()>
                                        <strong>{localized(locale, &a.name_ko, &a.name_en).to_owned()}</strong>
                                        <p>{localized(locale, &a.description_ko, &a.description_en).to_owned()}</p>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>

        <section class="home-section" aria-labelledby="regions-title">
            <h3 id="regions-title" class="section-title">{t(Key::HomeRegionsTitle)}</h3>
            <p>{t(Key::HomeRegionsText)}</p>
            <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match regions.await {
                        Ok(list) => view! {
                            <ul class="krds-tag-wrap region-list" id="region-list">
                                {list.into_iter().map(|r| view! {
                                    <li class="krds-btn-tag" data-region=r.code.clone()>
                                        {localized(locale, &r.name_ko, &r.name_en).to_owned()}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>

        <section class="home-section home-feedback" aria-labelledby="feedback-title">
            <h3 id="feedback-title" class="section-title">{t(Key::HomeFeedbackTitle)}</h3>
            <p>{t(Key::HomeFeedbackText)}</p>
            <p><a href="/feedback" class="krds-btn medium secondary">{t(Key::HomeFeedbackLink)}</a></p>
        </section>
    }
}
