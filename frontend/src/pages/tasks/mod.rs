//! Execution tracking (실행 관리), as the public sees it: `/tasks` (the
//! portfolio, here) and `/tasks/:id` (a task, [`detail`], with the task
//! force's forms when the person asking may edit it).
//!
//! The portfolio's filter form is a plain `GET`: every filter is in the URL,
//! so a view can be shared, and the CSV and Excel downloads take the same
//! filters. The numbers (progress roll-up, health, counts, buckets) all come
//! computed from the server (`shared::execution`): pages only show them.

pub mod detail;
pub mod form;

use crate::api::{list_areas, list_regions, my_access, task_portfolio};
use crate::components::layout::encode_component;
use crate::i18n::{Key, t, use_locale};
use crate::pages::proposals::{area_name, region_name};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::execution::{Health, HealthCounts, MilestoneStatus, OrgRole, PortfolioDto, PortfolioQuery, TaskKind, TaskOrgDto, TaskSummary};
use shared::reference::localized;

/// The label of a task's health.
pub fn health_key(health: Health) -> Key {
    match health {
        Health::OnTrack => Key::HealthOnTrack,
        Health::AtRisk => Key::HealthAtRisk,
        Health::Delayed => Key::HealthDelayed,
    }
}

/// The label of where a task comes from.
pub fn kind_key(kind: TaskKind) -> Key {
    match kind {
        TaskKind::Priority => Key::TaskKindPriority,
        TaskKind::InstitutionManaged => Key::TaskKindInstitutionManaged,
    }
}

/// The label of a milestone's status.
pub fn milestone_status_key(status: MilestoneStatus) -> Key {
    match status {
        MilestoneStatus::Planned => Key::MilestonePlanned,
        MilestoneStatus::InProgress => Key::MilestoneInProgress,
        MilestoneStatus::Done => Key::MilestoneDone,
        MilestoneStatus::Delayed => Key::MilestoneDelayed,
    }
}

/// The label of an organisation's part in a task.
pub fn org_role_key(role: OrgRole) -> Key {
    match role {
        OrgRole::Lead => Key::OrgRoleLead,
        OrgRole::Partner => Key::OrgRolePartner,
    }
}

/// A percentage with one decimal: `42.5 %`.
pub fn percent(value: f64) -> String {
    format!("{:.1} %", if value.is_finite() { value.clamp(0.0, 100.0) } else { 0.0 })
}

/// A task's health as a badge (KRDS badge; the colour comes from the health).
#[component]
pub fn HealthBadge(health: Health, #[prop(optional)] id: Option<String>) -> impl IntoView {
    let class = format!("krds-badge health-badge health-{}", health.as_str());
    view! { <span class=class id=id>{t(health_key(health))}</span> }
}

/// A progress bar (0–100 %) with its number as text. `label` names it for
/// screen readers (the `<progress>` element is read out with it).
#[component]
pub fn TaskProgressBar(progress: f64, #[prop(into)] label: String, #[prop(optional)] id: Option<String>) -> impl IntoView {
    let text = percent(progress);
    let value = format!("{:.1}", if progress.is_finite() { progress.clamp(0.0, 100.0) } else { 0.0 });
    let text_id = id.as_ref().map(|id| format!("{id}-text"));
    view! {
        <span class="task-progress">
            <progress id=id max="100" value=value aria-label=label>{text.clone()}</progress>
            <span class="task-progress-text" id=text_id>{text}</span>
        </span>
    }
}

/// The lead organisation of a list of a task's organisations, then the partners.
pub fn lead_first(mut orgs: Vec<TaskOrgDto>) -> Vec<TaskOrgDto> {
    orgs.sort_by_key(|o| (o.role != OrgRole::Lead, o.name.clone()));
    orgs
}

/// The portfolio's filters from the page's URL. Unknown health or kind
/// values are dropped (the select offers only the known ones).
fn query_from_url(get: impl Fn(&str) -> Option<String>) -> PortfolioQuery {
    let text = |k: &str| get(k).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    PortfolioQuery {
        area: text("area"),
        region: text("region"),
        lead: text("lead").and_then(|l| l.parse().ok()),
        health: text("health").filter(|h| Health::parse(h).is_some()),
        kind: text("kind").filter(|k| TaskKind::parse(k).is_some()),
    }
}

/// The query string of `query` (empty when no filter is set).
fn query_string(query: &PortfolioQuery) -> String {
    let pairs: Vec<String> = [
        ("area", query.area.clone()),
        ("region", query.region.clone()),
        ("lead", query.lead.map(|l| l.to_string())),
        ("health", query.health.clone()),
        ("kind", query.kind.clone()),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| format!("{k}={}", encode_component(&v))))
    .collect();
    if pairs.is_empty() { String::new() } else { format!("?{}", pairs.join("&")) }
}

/// The lead organisations of the tasks, by name, once each (the filter's choices).
fn lead_organisations(all: &PortfolioDto) -> Vec<TaskOrgDto> {
    let mut leads: Vec<TaskOrgDto> = all.items.iter().map(|s| s.lead.clone()).collect();
    leads.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    leads.dedup_by_key(|o| o.id);
    leads
}

/// `/tasks`: the public portfolio.
#[component]
pub fn TasksPage() -> impl IntoView {
    let query = use_query_map().with_untracked(|p| query_from_url(|k| p.get(k)));
    let filtered = query != PortfolioQuery::default();
    let q2 = query.clone();
    let portfolio = Resource::new(|| (), move |_| task_portfolio(q2.clone()));
    // The lead organisations to choose from are those of all tasks, not only the shown ones.
    let all = Resource::new(|| (), move |_| async move { if filtered { task_portfolio(PortfolioQuery::default()).await.ok() } else { None } });
    let areas = Resource::new(|| (), |_| list_areas());
    let regions = Resource::new(|| (), |_| list_regions());
    let access = Resource::new(|| (), |_| my_access());
    view! {
        <Title text=t(Key::TasksTitle) />
        <section class="page-section" aria-labelledby="tasks-heading">
            <h2 class="page-title" id="tasks-heading">{t(Key::TasksTitle)}</h2>
            <p class="lead">{t(Key::TasksLead)}</p>
            // Admins of a process (or of the site) make tasks; the service decides on each.
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    access.await.is_ok_and(|a| a.manage_processes).then(|| view! {
                        <p><a href="/tasks/new" id="new-task-link" class="krds-btn medium primary">{t(Key::TaskNewTitle)}</a></p>
                    })
                })}
            </Suspense>
            <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
                {move || {
                    let query = query.clone();
                    Suspend::new(async move {
                        let (areas, regions) = (areas.await.unwrap_or_default(), regions.await.unwrap_or_default());
                        let Ok(portfolio) = portfolio.await else {
                            return view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any();
                        };
                        let leads = match all.await {
                            Some(all) => lead_organisations(&all),
                            None => lead_organisations(&portfolio),
                        };
                        view! { <Portfolio query portfolio areas regions leads /> }.into_any()
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn Portfolio(
    query: PortfolioQuery,
    portfolio: PortfolioDto,
    areas: Vec<shared::reference::AreaDto>,
    regions: Vec<shared::reference::RegionDto>,
    leads: Vec<TaskOrgDto>,
) -> impl IntoView {
    let locale = use_locale();
    let selected = |v: &Option<String>, code: &str| v.as_deref() == Some(code);
    let qs = query_string(&query);
    let areas_for_rows = areas.clone();
    let regions_for_rows = regions.clone();
    view! {
        <form method="get" action="/tasks" id="task-filters" class="proposal-filters" role="search" aria-label=t(Key::TaskFiltersTitle)>
            <div class="filter-row">
                <div class="form-group">
                    <div class="form-tit"><label for="task-filter-area">{t(Key::FilterArea)}</label></div>
                    <div class="form-conts">
                        <select id="task-filter-area" name="area" class="krds-form-select">
                            <option value="">{t(Key::FilterAll)}</option>
                            {areas.iter().map(|a| view! {
                                <option value=a.code.clone() selected=selected(&query.area, &a.code)>{localized(locale, &a.name_ko, &a.name_en).to_owned()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                <div class="form-group">
                    <div class="form-tit"><label for="task-filter-region">{t(Key::FilterRegion)}</label></div>
                    <div class="form-conts">
                        <select id="task-filter-region" name="region" class="krds-form-select">
                            <option value="">{t(Key::FilterAll)}</option>
                            {regions.iter().map(|r| view! {
                                <option value=r.code.clone() selected=selected(&query.region, &r.code)>{localized(locale, &r.name_ko, &r.name_en).to_owned()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                <div class="form-group">
                    <div class="form-tit"><label for="task-filter-lead">{t(Key::TaskLeadOrganisation)}</label></div>
                    <div class="form-conts">
                        <select id="task-filter-lead" name="lead" class="krds-form-select">
                            <option value="">{t(Key::FilterAll)}</option>
                            {leads.iter().map(|o| view! {
                                <option value=o.id.to_string() selected=query.lead == Some(o.id)>{o.name.clone()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                <div class="form-group">
                    <div class="form-tit"><label for="task-filter-health">{t(Key::TaskHealth)}</label></div>
                    <div class="form-conts">
                        <select id="task-filter-health" name="health" class="krds-form-select">
                            <option value="">{t(Key::FilterAll)}</option>
                            {Health::ALL.into_iter().map(|h| view! {
                                <option value=h.as_str() selected=selected(&query.health, h.as_str())>{t(health_key(h))}</option>
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                <div class="form-group">
                    <div class="form-tit"><label for="task-filter-kind">{t(Key::TaskKindLabel)}</label></div>
                    <div class="form-conts">
                        <select id="task-filter-kind" name="kind" class="krds-form-select">
                            <option value="">{t(Key::FilterAll)}</option>
                            {TaskKind::ALL.into_iter().map(|k| view! {
                                <option value=k.as_str() selected=selected(&query.kind, k.as_str())>{t(kind_key(k))}</option>
                            }).collect_view()}
                        </select>
                    </div>
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" id="task-filter-submit" class="krds-btn medium primary">{t(Key::FilterSubmit)}</button>
                <a href="/tasks" id="task-filter-reset" class="krds-btn medium secondary">{t(Key::FilterReset)}</a>
            </div>
        </form>

        <section class="task-summary" aria-labelledby="task-summary-title">
            <h3 class="section-title" id="task-summary-title">{t(Key::TaskSummaryTitle)}</h3>
            <p id="task-count">{t(Key::TaskCount).replace("{n}", &portfolio.items.len().to_string())}</p>
            <div class="task-summary-row">
                <HealthCountList counts=portfolio.health.clone() />
                <ProgressChart buckets=portfolio.progress_buckets />
            </div>
        </section>

        <ul class="task-downloads" aria-label=t(Key::ReportDownloads)>
            <li><a href=format!("/api/v1/tasks.csv{qs}") id="tasks-csv" class="krds-btn medium secondary" download>{t(Key::ReportCsv)}</a></li>
            <li><a href=format!("/api/v1/tasks.xlsx{qs}") id="tasks-xlsx" class="krds-btn medium secondary" download>{t(Key::ReportXlsx)}</a></li>
        </ul>

        <TaskTable items=portfolio.items areas=areas_for_rows regions=regions_for_rows />
    }
}

/// How many tasks have each health.
#[component]
fn HealthCountList(counts: HealthCounts) -> impl IntoView {
    let rows = [(Health::OnTrack, counts.on_track), (Health::AtRisk, counts.at_risk), (Health::Delayed, counts.delayed)];
    view! {
        <dl class="health-counts" id="health-counts">
            {rows.into_iter().map(|(h, n)| view! {
                <div class="health-count" id=format!("health-count-{}", h.as_str())>
                    <dt><HealthBadge health=h /></dt>
                    <dd>{t(Key::TaskCountShort).replace("{n}", &n.to_string())}</dd>
                </div>
            }).collect_view()}
        </dl>
    }
}

/// The tasks by progress (0–20 … 80–100 %) as a bar chart drawn on the
/// server. Attributes only (no inline styles: the CSP forbids them); the
/// numbers are in the label, and on the bars.
#[component]
fn ProgressChart(buckets: [u64; 5]) -> impl IntoView {
    const LABELS: [&str; 5] = ["0–20", "20–40", "40–60", "60–80", "80–100"];
    let max = buckets.iter().copied().max().unwrap_or(0).max(1);
    let label = format!(
        "{}: {}",
        t(Key::ProgressChartTitle),
        LABELS.iter().zip(buckets).map(|(l, n)| format!("{l} % {n}")).collect::<Vec<_>>().join(", ")
    );
    // 5 bars 40 wide, 16 apart, in a 296 × 150 box; bars up to 100 high.
    let (bar, gap, base) = (40.0_f64, 16.0_f64, 120.0_f64);
    view! {
        <figure class="progress-chart">
            <figcaption id="progress-chart-title">{t(Key::ProgressChartTitle)}</figcaption>
            <svg id="progress-chart" class="progress-chart-svg" width="296" height="150" viewBox="0 0 296 150" role="img" aria-label=label focusable="false">
                <line class="chart-axis" x1="0" y1=base.to_string() x2="296" y2=base.to_string() />
                {buckets.into_iter().enumerate().map(|(i, n)| {
                    let h = 100.0 * n as f64 / max as f64;
                    let x = gap / 2.0 + i as f64 * (bar + gap);
                    let y = base - h;
                    view! {
                        <g class="chart-bar-group" id=format!("progress-bucket-{i}")>
                            <rect class="chart-bar" x=format!("{x:.1}") y=format!("{y:.1}") width=bar.to_string() height=format!("{h:.1}") />
                            <text class="chart-value" x=format!("{:.1}", x + bar / 2.0) y=format!("{:.1}", y - 4.0) text-anchor="middle">{n}</text>
                            <text class="chart-label" x=format!("{:.1}", x + bar / 2.0) y="138" text-anchor="middle">{LABELS[i]}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
        </figure>
    }
}

/// The tasks as a table: title (a link to the task), kind, lead
/// organisation, area and region, progress, health.
#[component]
fn TaskTable(items: Vec<TaskSummary>, areas: Vec<shared::reference::AreaDto>, regions: Vec<shared::reference::RegionDto>) -> impl IntoView {
    let locale = use_locale();
    if items.is_empty() {
        return view! { <p id="no-tasks">{t(Key::NoTasks)}</p> }.into_any();
    }
    view! {
        <div class="krds-table-wrap scroll">
            <table class="tbl col data" id="task-table">
                <caption class="sr-only">{t(Key::TaskTableCaption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(Key::TaskTitleLabel)}</th>
                        <th scope="col">{t(Key::TaskKindLabel)}</th>
                        <th scope="col">{t(Key::TaskLeadOrganisation)}</th>
                        <th scope="col">{t(Key::TaskAreaRegion)}</th>
                        <th scope="col">{t(Key::TaskProgress)}</th>
                        <th scope="col">{t(Key::TaskHealth)}</th>
                    </tr>
                </thead>
                <tbody>
                    {items.into_iter().map(|s| {
                        let label = format!("{}: {}", t(Key::TaskProgress), s.title);
                        view! {
                            <tr id=format!("task-row-{}", s.id)>
                                <th scope="row"><a href=format!("/tasks/{}", s.id) id=format!("task-{}", s.id)>{s.title.clone()}</a></th>
                                <td>{t(kind_key(s.kind))}</td>
                                <td>{s.lead.name.clone()}</td>
                                <td>{area_name(&areas, &s.area_code, locale)}" · "{region_name(&regions, &s.region_code, locale)}</td>
                                <td><TaskProgressBar progress=s.progress label id=format!("task-progress-{}", s.id) /></td>
                                <td><HealthBadge health=s.health id=format!("task-health-{}", s.id) /></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filters_go_back_into_the_download_links() {
        let q = query_from_url(|k| match k {
            "area" => Some("digital".into()),
            "lead" => Some("7".into()),
            "health" => Some("red".into()),
            "kind" => Some(" priority ".into()),
            _ => None,
        });
        assert_eq!(q.health, None);
        assert_eq!(query_string(&q), "?area=digital&lead=7&kind=priority");
        assert_eq!(query_string(&PortfolioQuery::default()), "");
    }
}
