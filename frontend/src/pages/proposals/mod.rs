//! `/proposals` (the list with its filters), and the proposal pages in the
//! submodules: `/proposals/:id` ([`detail`]) and the form for new and edited
//! proposals ([`form`]).
//!
//! The list's filter form is a plain `GET`: every filter is in the URL, so a
//! search can be shared and the "next page" link keeps it.

pub mod detail;
pub mod form;

use crate::api::{list_areas, list_processes, list_proposals, list_regions};
use crate::components::layout::encode_component;
use crate::i18n::{Key, Locale, t, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::participation::{ProposalQuery, ProposalStatus, ProposalSummary};
use shared::reference::{AreaDto, RegionDto, localized};

/// The label of a status.
pub fn status_key(status: ProposalStatus) -> Key {
    match status {
        ProposalStatus::Draft => Key::StatusDraft,
        ProposalStatus::Published => Key::StatusPublished,
        ProposalStatus::UnderReview => Key::StatusUnderReview,
        ProposalStatus::Shortlisted => Key::StatusShortlisted,
        ProposalStatus::Selected => Key::StatusSelected,
        ProposalStatus::InProgress => Key::StatusInProgress,
        ProposalStatus::Completed => Key::StatusCompleted,
        ProposalStatus::NotSelected => Key::StatusNotSelected,
        ProposalStatus::Withdrawn => Key::StatusWithdrawn,
        ProposalStatus::Hidden => Key::StatusHidden,
    }
}

/// A status badge (KRDS badge; the colour comes from the status).
#[component]
pub fn StatusBadge(status: ProposalStatus, #[prop(optional)] id: Option<&'static str>) -> impl IntoView {
    let class = format!("krds-badge status-badge status-{}", status.as_str());
    view! { <span class=class id=id>{t(status_key(status))}</span> }
}

/// The name of an area code in this locale (the code itself if unknown).
pub fn area_name(areas: &[AreaDto], code: &str, locale: Locale) -> String {
    areas.iter().find(|a| a.code == code).map(|a| localized(locale, &a.name_ko, &a.name_en).to_owned()).unwrap_or_else(|| code.to_owned())
}

/// The name of a region code in this locale (the code itself if unknown).
pub fn region_name(regions: &[RegionDto], code: &str, locale: Locale) -> String {
    regions.iter().find(|r| r.code == code).map(|r| localized(locale, &r.name_ko, &r.name_en).to_owned()).unwrap_or_else(|| code.to_owned())
}

/// The list's orders, as in the API.
const SORTS: [(&str, Key); 4] = [
    ("newest", Key::SortNewest),
    ("most_supported", Key::SortMostSupported),
    ("most_discussed", Key::SortMostDiscussed),
    ("random", Key::SortRandom),
];

/// The statuses a visitor may filter on (drafts and hidden ones are never listed).
const LISTED_STATUSES: [ProposalStatus; 8] = [
    ProposalStatus::Published,
    ProposalStatus::UnderReview,
    ProposalStatus::Shortlisted,
    ProposalStatus::Selected,
    ProposalStatus::InProgress,
    ProposalStatus::Completed,
    ProposalStatus::NotSelected,
    ProposalStatus::Withdrawn,
];

/// The filters of the page's URL, as the list's query. `random` without a
/// seed gets one, so the next pages follow the same order.
fn query_from_url(get: impl Fn(&str) -> Option<String>) -> ProposalQuery {
    let text = |k: &str| get(k).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let sort = text("sort");
    let mut seed = text("seed").and_then(|s| s.parse().ok());
    if sort.as_deref() == Some("random") && seed.is_none() {
        seed = Some(fresh_seed());
    }
    ProposalQuery {
        process: text("process").and_then(|p| p.parse().ok()),
        area: text("area"),
        region: text("region"),
        status: text("status"),
        organisation: text("organisation").and_then(|p| p.parse().ok()),
        tag: text("tag"),
        q: text("q"),
        sort,
        seed,
        cursor: text("cursor"),
        limit: None,
    }
}

/// A seed for a new random order (pages render on the server only).
fn fresh_seed() -> u32 {
    #[cfg(feature = "ssr")]
    {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(1);
        nanos % 1_000_000
    }
    #[cfg(not(feature = "ssr"))]
    {
        1
    }
}

/// The URL of the list with `query`'s filters and `cursor`.
fn list_url(query: &ProposalQuery, cursor: &str) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    let mut push = |k, v: Option<String>| {
        if let Some(v) = v {
            pairs.push((k, v));
        }
    };
    push("q", query.q.clone());
    push("process", query.process.map(|p| p.to_string()));
    push("area", query.area.clone());
    push("region", query.region.clone());
    push("status", query.status.clone());
    push("organisation", query.organisation.map(|p| p.to_string()));
    push("tag", query.tag.clone());
    push("sort", query.sort.clone());
    push("seed", query.seed.map(|s| s.to_string()));
    push("cursor", Some(cursor.to_owned()));
    let qs: Vec<String> = pairs.into_iter().map(|(k, v)| format!("{k}={}", encode_component(&v))).collect();
    format!("/proposals?{}", qs.join("&"))
}

#[component]
pub fn ProposalsPage() -> impl IntoView {
    let params = use_query_map();
    let query = params.with_untracked(|p| query_from_url(|k| p.get(k)));
    let q2 = query.clone();
    let page = Resource::new(|| (), move |_| list_proposals(q2.clone()));
    let processes = Resource::new(|| (), |_| list_processes());
    let areas = Resource::new(|| (), |_| list_areas());
    let regions = Resource::new(|| (), |_| list_regions());
    let locale = use_locale();
    view! {
        <Title text=t(Key::ProposalsTitle) />
        <section class="page-section">
            <h2 class="page-title">{t(Key::ProposalsTitle)}</h2>
            <p class="lead">{t(Key::ProposalsLead)}</p>
            <p><a href="/proposals/new" id="new-proposal-link" class="krds-btn medium primary">{t(Key::NewProposal)}</a></p>
            <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
                {move || {
                    let query = query.clone();
                    Suspend::new(async move {
                        let (page, processes, areas, regions) = (page.await, processes.await.unwrap_or_default(), areas.await.unwrap_or_default(), regions.await.unwrap_or_default());
                        let Ok(page) = page else {
                            return view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any();
                        };
                        let selected = |v: &Option<String>, code: &str| v.as_deref() == Some(code);
                        let next = page.next_cursor.as_deref().map(|c| list_url(&query, c));
                        view! {
                            <form method="get" action="/proposals" id="proposal-filters" class="proposal-filters" role="search" aria-label=t(Key::FilterTitle)>
                                <div class="form-group">
                                    <div class="form-tit"><label for="filter-q">{t(Key::SearchLabel)}</label></div>
                                    <div class="form-conts"><input type="search" id="filter-q" name="q" class="krds-input" value=query.q.clone().unwrap_or_default() /></div>
                                </div>
                                <div class="filter-row">
                                    <div class="form-group">
                                        <div class="form-tit"><label for="filter-process">{t(Key::FilterProcess)}</label></div>
                                        <div class="form-conts">
                                            <select id="filter-process" name="process" class="krds-form-select">
                                                <option value="">{t(Key::FilterAll)}</option>
                                                {processes.iter().map(|p| view! { <option value=p.id.to_string() selected=query.process == Some(p.id)>{p.title.clone()}</option> }).collect_view()}
                                            </select>
                                        </div>
                                    </div>
                                    <div class="form-group">
                                        <div class="form-tit"><label for="filter-area">{t(Key::FilterArea)}</label></div>
                                        <div class="form-conts">
                                            <select id="filter-area" name="area" class="krds-form-select">
                                                <option value="">{t(Key::FilterAll)}</option>
                                                {areas.iter().map(|a| view! { <option value=a.code.clone() selected=selected(&query.area, &a.code)>{localized(locale, &a.name_ko, &a.name_en).to_owned()}</option> }).collect_view()}
                                            </select>
                                        </div>
                                    </div>
                                    <div class="form-group">
                                        <div class="form-tit"><label for="filter-region">{t(Key::FilterRegion)}</label></div>
                                        <div class="form-conts">
                                            <select id="filter-region" name="region" class="krds-form-select">
                                                <option value="">{t(Key::FilterAll)}</option>
                                                {regions.iter().map(|r| view! { <option value=r.code.clone() selected=selected(&query.region, &r.code)>{localized(locale, &r.name_ko, &r.name_en).to_owned()}</option> }).collect_view()}
                                            </select>
                                        </div>
                                    </div>
                                    <div class="form-group">
                                        <div class="form-tit"><label for="filter-status">{t(Key::FilterStatus)}</label></div>
                                        <div class="form-conts">
                                            <select id="filter-status" name="status" class="krds-form-select">
                                                <option value="">{t(Key::FilterAll)}</option>
                                                {LISTED_STATUSES.into_iter().map(|s| view! { <option value=s.as_str() selected=selected(&query.status, s.as_str())>{t(status_key(s))}</option> }).collect_view()}
                                            </select>
                                        </div>
                                    </div>
                                    <div class="form-group">
                                        <div class="form-tit"><label for="filter-tag">{t(Key::FilterTag)}</label></div>
                                        <div class="form-conts"><input type="text" id="filter-tag" name="tag" class="krds-input" value=query.tag.clone().unwrap_or_default() /></div>
                                    </div>
                                    <div class="form-group">
                                        <div class="form-tit"><label for="filter-sort">{t(Key::FilterSort)}</label></div>
                                        <div class="form-conts">
                                            <select id="filter-sort" name="sort" class="krds-form-select">
                                                {SORTS.into_iter().map(|(v, k)| view! { <option value=v selected=selected(&query.sort, v)>{t(k)}</option> }).collect_view()}
                                            </select>
                                        </div>
                                    </div>
                                </div>
                                <div class="form-actions">
                                    <button type="submit" id="filter-submit" class="krds-btn medium secondary">{t(Key::FilterSubmit)}</button>
                                </div>
                            </form>
                            <p class="result-count" role="status">
                                {t(Key::ResultCount)}" "<strong id="result-total">{page.total}</strong>" "{t(Key::ResultUnit)}
                            </p>
                            {if page.items.is_empty() {
                                view! { <p id="no-proposals">{t(Key::NoProposals)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="proposal-list" id="proposal-list">
                                        {page.items.into_iter().map(|p| view! { <ProposalCard p areas=areas.clone() regions=regions.clone() /> }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            {next.map(|href| view! {
                                <p class="pagination"><a href=href id="next-page" class="krds-btn medium secondary" rel="next">{t(Key::NextPage)}</a></p>
                            })}
                        }.into_any()
                    })
                }}
            </Suspense>
        </section>
    }
}

/// One proposal in the list.
#[component]
fn ProposalCard(p: ProposalSummary, areas: Vec<AreaDto>, regions: Vec<RegionDto>) -> impl IntoView {
    let locale = use_locale();
    let href = format!("/proposals/{}", p.id);
    let title_id = format!("proposal-{}-title", p.id);
    view! {
        <li class="proposal-card" id=format!("proposal-{}", p.id)>
            <h3 class="proposal-card-title" id=title_id><a href=href>{p.title.clone()}</a></h3>
            <p class="proposal-card-meta">
                <StatusBadge status=p.status />" "
                <span>{area_name(&areas, &p.area_code, locale)}</span>" · "
                <span>{region_name(&regions, &p.region_code, locale)}</span>" · "
                <span>{t(Key::ProposalAuthor)}" "{p.author_name.clone()}</span>
            </p>
            <p class="proposal-card-excerpt">{p.excerpt.clone()}</p>
            <p class="proposal-card-counts">
                <span>{t(Key::SupportCountLabel)}" "<strong>{p.support_count}</strong></span>" · "
                <span>{t(Key::CommentCountLabel)}" "<strong>{p.comment_count}</strong></span>
            </p>
            {(!p.tags.is_empty()).then(|| view! {
                <ul class="tag-list" aria-label=t(Key::ProposalTags)>
                    {p.tags.iter().map(|tag| view! { <li><a class="krds-badge tag" href=format!("/proposals?tag={}", encode_component(tag))>"#"{tag.clone()}</a></li> }).collect_view()}
                </ul>
            })}
        </li>
    }
}
