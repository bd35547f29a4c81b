//! The collaboration SOS desk (협업SOS), as the public, task forces and the
//! desk see it: `/sos` (here: the public, anonymised statistics and service
//! levels; below them, for signed-in people, the requests they may see —
//! the triage queue with its filters for the desk, their task forces'
//! requests for everyone else) and `/sos/:id` (a request and its thread,
//! [`detail`]). Requests are raised from their task's page
//! (`/tasks/:id`, [`crate::pages::tasks::detail`]).
//!
//! The filter form is a plain `GET` (every filter in the URL). The timers
//! (deadlines, working time used and left, overdue) come computed from the
//! server (`shared::execution`): pages only show them, in working time.

pub mod detail;

use crate::api::{sos_list, sos_stats};
use crate::components::time::{kst, kst_unix, utc_unix};
use crate::i18n::{Key, t};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::ErrorCode;
use shared::execution::{SlaClock, SosCategory, SosCount, SosListDto, SosQuery, SosReplyKind, SosState, SosStatsDto, SosSummary, SosUrgency};

/// The label of what a request is about.
pub fn category_key(category: SosCategory) -> Key {
    match category {
        SosCategory::Staffing => Key::SosCategoryStaffing,
        SosCategory::Budget => Key::SosCategoryBudget,
        SosCategory::Law => Key::SosCategoryLaw,
        SosCategory::Coordination => Key::SosCategoryCoordination,
        SosCategory::Other => Key::SosCategoryOther,
    }
}

/// The label of a request's urgency.
pub fn urgency_key(urgency: SosUrgency) -> Key {
    match urgency {
        SosUrgency::Urgent => Key::SosUrgencyUrgent,
        SosUrgency::High => Key::SosUrgencyHigh,
        SosUrgency::Normal => Key::SosUrgencyNormal,
        SosUrgency::Low => Key::SosUrgencyLow,
    }
}

/// The label of where a request is.
pub fn state_key(state: SosState) -> Key {
    match state {
        SosState::Open => Key::SosStateOpen,
        SosState::Assigned => Key::SosStateAssigned,
        SosState::WaitingForInfo => Key::SosStateWaitingForInfo,
        SosState::Escalated => Key::SosStateEscalated,
        SosState::Resolved => Key::SosStateResolved,
    }
}

/// The label of what a message in a thread does.
pub fn reply_kind_key(kind: SosReplyKind) -> Key {
    match kind {
        SosReplyKind::Reply => Key::SosKindReply,
        SosReplyKind::RequestInfo => Key::SosKindRequestInfo,
        SosReplyKind::Escalate => Key::SosKindEscalate,
        SosReplyKind::Resolve => Key::SosKindResolve,
    }
}

/// A length of working time: `1일 2시간 30분` (days only when `day_secs`,
/// the length of a working day, is given). The sign is dropped: callers
/// say whether it is left or past.
pub fn working_time(secs: i64, day_secs: Option<i64>) -> String {
    let secs = secs.unsigned_abs();
    let day = day_secs.and_then(|d| u64::try_from(d).ok()).filter(|d| *d > 0);
    let (days, rest) = match day {
        Some(d) => (secs / d, secs % d),
        None => (0, secs),
    };
    let (hours, minutes) = (rest / 3_600, rest % 3_600 / 60);
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(t(Key::DurationDays).replace("{n}", &days.to_string()));
    }
    if hours > 0 {
        parts.push(t(Key::DurationHours).replace("{n}", &hours.to_string()));
    }
    if minutes > 0 || parts.is_empty() {
        parts.push(t(Key::DurationMinutes).replace("{n}", &minutes.to_string()));
    }
    parts.join(" ")
}

/// The length of a working day in seconds from opening hours `09:00–18:00`.
pub fn working_day_secs(hours: &str) -> Option<i64> {
    let (open, close) = shared::execution::parse_working_hours(&hours.replace('–', "-")).ok()?;
    Some(i64::from(close - open) * 60)
}

/// A share (0–1) as a percentage, or "no data".
fn share(value: Option<f64>) -> String {
    match value.filter(|v| v.is_finite()) {
        Some(v) => format!("{:.1} %", (v * 100.0).clamp(0.0, 100.0)),
        None => t(Key::SosNoData).to_owned(),
    }
}

/// A request's urgency as a badge (the text says it; the colour only helps).
#[component]
pub fn UrgencyBadge(urgency: SosUrgency, #[prop(optional)] id: Option<String>) -> impl IntoView {
    let class = format!("krds-badge sos-urgency sos-urgency-{}", urgency.as_str());
    view! { <span class=class id=id>{t(urgency_key(urgency))}</span> }
}

/// A request's state as a badge.
#[component]
pub fn StateBadge(state: SosState, #[prop(optional)] id: Option<String>) -> impl IntoView {
    let class = format!("krds-badge sos-state sos-state-{}", state.as_str());
    view! { <span class=class id=id>{t(state_key(state))}</span> }
}

/// The marker of a missed deadline: words first, so it does not rest on colour.
#[component]
pub fn OverdueBadge(#[prop(optional)] id: Option<String>) -> impl IntoView {
    view! { <span class="krds-badge sos-overdue-badge" id=id>{t(Key::SosOverdue)}</span> }
}

/// One timer in a table cell: done (with the time it took), or the time
/// left, or by how much it is past its deadline; with the deadline in KST.
#[component]
pub fn ClockCell(clock: SlaClock, done: bool) -> impl IntoView {
    let due = kst_unix(clock.due);
    let status = if done {
        let key = if clock.overdue { Key::SosDoneLate } else { Key::SosDoneInTime };
        t(key).replace("{time}", &working_time(clock.elapsed_secs, None))
    } else if clock.overdue || clock.remaining_secs < 0 {
        t(Key::SosPastBy).replace("{time}", &working_time(clock.remaining_secs, None))
    } else {
        t(Key::SosTimeLeft).replace("{time}", &working_time(clock.remaining_secs, None))
    };
    view! {
        <span class="sos-clock">
            {(clock.overdue && !done).then(|| view! { <OverdueBadge />" " })}
            <span class="sos-clock-status">{status}</span>
            <br />
            <span class="sos-clock-due">{t(Key::SosDue)}" "<time datetime=utc_unix(clock.due)>{due}</time></span>
        </span>
    }
}

/// Whether the desk has answered a request in the list (its first-response
/// timer has stopped).
fn answered(s: &SosSummary) -> bool {
    s.first_response_at.is_some()
}

/// The requests as a table: most urgent first (the server's order), the
/// overdue ones marked in words and with a highlighted row.
#[component]
pub fn SosTable(items: Vec<SosSummary>, #[prop(into)] caption: String, #[prop(optional)] show_task: bool) -> impl IntoView {
    view! {
        <div class="krds-table-wrap scroll">
            <table class="tbl col data sos-table" id="sos-table">
                <caption class="sr-only">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(Key::SosTitleLabel)}</th>
                        <th scope="col">{t(Key::SosUrgencyLabel)}</th>
                        <th scope="col">{t(Key::SosCategoryLabel)}</th>
                        <th scope="col">{t(Key::SosStateLabel)}</th>
                        <th scope="col">{t(Key::SosAssignee)}</th>
                        <th scope="col">{t(Key::SosWaiting)}</th>
                        <th scope="col">{t(Key::SosFirstResponse)}</th>
                        <th scope="col">{t(Key::SosResolution)}</th>
                    </tr>
                </thead>
                <tbody>
                    {items.into_iter().map(|s| {
                        let sid = s.id;
                        let resolved = s.state == SosState::Resolved;
                        let answered = answered(&s);
                        let row_class = if s.overdue { "sos-row sos-row-overdue" } else { "sos-row" };
                        view! {
                            <tr id=format!("sos-row-{sid}") class=row_class>
                                <th scope="row">
                                    {s.overdue.then(|| view! { <OverdueBadge id=format!("sos-overdue-{sid}") />" " })}
                                    <a href=format!("/sos/{sid}") id=format!("sos-link-{sid}")>{s.title.clone()}</a>
                                    {show_task.then(|| view! {
                                        <span class="sos-task-name">
                                            {t(Key::SosTask)}": "<a href=format!("/tasks/{}", s.task_id)>{s.task_title.clone()}</a>
                                        </span>
                                    })}
                                    <span class="sos-meta">{s.requester_name.clone()}" · "<time datetime=s.created_at.clone()>{kst(&s.created_at)}</time></span>
                                </th>
                                <td><UrgencyBadge urgency=s.urgency /></td>
                                <td>{t(category_key(s.category))}</td>
                                <td><StateBadge state=s.state id=format!("sos-state-{sid}") /></td>
                                <td>{s.assignee_name.clone().unwrap_or_else(|| t(Key::SosUnassigned).to_owned())}</td>
                                <td id=format!("sos-waiting-{sid}")>{working_time(s.resolution.elapsed_secs, None)}</td>
                                <td><ClockCell clock=s.first_response done=answered /></td>
                                <td><ClockCell clock=s.resolution done=resolved /></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The list's filters from the page's URL; unknown values are dropped.
fn query_from_url(get: impl Fn(&str) -> Option<String>) -> SosQuery {
    let text = |k: &str| get(k).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let flag = |k: &str| text(k).is_some_and(|v| v == "1" || v == "true").then_some(true);
    SosQuery {
        state: text("state").filter(|s| s == "all" || s == "active" || SosState::parse(s).is_some()),
        category: text("category").filter(|c| SosCategory::parse(c).is_some()),
        urgency: text("urgency").filter(|u| SosUrgency::parse(u).is_some()),
        task: None,
        mine: flag("mine"),
        overdue: flag("overdue"),
    }
}

/// `/sos`.
#[component]
pub fn SosPage() -> impl IntoView {
    let query = use_query_map().with_untracked(|p| query_from_url(|k| p.get(k)));
    let q2 = query.clone();
    let stats = Resource::new(|| (), |_| sos_stats());
    let list = Resource::new(|| (), move |_| sos_list(q2.clone()));
    view! {
        <Title text=t(Key::SosTitle) />
        <section class="page-section" aria-labelledby="sos-heading">
            <h2 class="page-title" id="sos-heading">{t(Key::SosTitle)}</h2>
            <p class="lead">{t(Key::SosLead)}</p>
            <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match stats.await {
                        Ok(stats) => view! { <SosStats stats /> }.into_any(),
                        Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
        <Suspense fallback=|| ()>
            {move || {
                let query = query.clone();
                Suspend::new(async move {
                    match list.await {
                        Ok(list) => {
                            // The requests are private to their task force and the desk.
                            crate::pages::private_page();
                            view! { <SosRequests list query /> }.into_any()
                        }
                        Err(e) if e.code() == ErrorCode::Unauthorized => view! {
                            <section class="page-section" aria-labelledby="sos-requests-title">
                                <h3 class="section-title" id="sos-requests-title">{t(Key::SosRequestsTitle)}</h3>
                                <p id="sos-sign-in">
                                    <a href="/sign-in?next=/sos">{t(Key::SosSignInToSee)}</a>
                                </p>
                            </section>
                        }.into_any(),
                        Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// A count per category or urgency as a table with a bar each (the number
/// is in the text; the bar only helps the eye).
#[component]
fn CountTable(#[prop(into)] id: String, #[prop(into)] caption: String, counts: Vec<SosCount>, label: fn(&str) -> String) -> impl IntoView {
    let max = counts.iter().map(|c| c.count).max().unwrap_or(0).max(1);
    view! {
        <table class="tbl col data sos-count-table" id=id>
            <caption>{caption}</caption>
            <tbody>
                {counts.into_iter().map(|c| {
                    let width = format!("{:.0}", 100.0 * c.count as f64 / max as f64);
                    view! {
                        <tr>
                            <th scope="row">{label(&c.key)}</th>
                            <td class="sos-count">{c.count}</td>
                            <td class="sos-count-bar" aria-hidden="true">
                                <svg width="120" height="12" viewBox="0 0 100 12" preserveAspectRatio="none" focusable="false">
                                    <rect class="chart-bar" x="0" y="0" width=width height="12" />
                                </svg>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The public, anonymised statistics, the service levels and the working hours.
#[component]
fn SosStats(stats: SosStatsDto) -> impl IntoView {
    let day = working_day_secs(&stats.working_hours);
    let median = |v: Option<f64>| match v.filter(|v| v.is_finite()) {
        Some(secs) => working_time(secs.round() as i64, day),
        None => t(Key::SosNoData).to_owned(),
    };
    let offset = stats.utc_offset_minutes;
    let zone = if offset == 540 {
        t(Key::SosKst).to_owned()
    } else {
        format!("UTC{}{:02}:{:02}", if offset < 0 { '-' } else { '+' }, offset.abs() / 60, offset.abs() % 60)
    };
    let category_label: fn(&str) -> String = |k| SosCategory::parse(k).map(|c| t(category_key(c)).to_owned()).unwrap_or_else(|| k.to_owned());
    let urgency_label: fn(&str) -> String = |k| SosUrgency::parse(k).map(|u| t(urgency_key(u)).to_owned()).unwrap_or_else(|| k.to_owned());
    view! {
        <section class="sos-stats" aria-labelledby="sos-stats-title">
            <h3 class="section-title" id="sos-stats-title">{t(Key::SosStatsTitle)}</h3>
            <p class="form-hint">{t(Key::SosStatsLead)}</p>
            <dl class="proposal-facts sos-figures" id="sos-figures">
                <dt>{t(Key::SosTotal)}</dt><dd id="sos-total">{stats.total}</dd>
                <dt>{t(Key::SosResolvedCount)}</dt><dd id="sos-resolved">{stats.resolved}</dd>
                <dt>{t(Key::SosMedianFirstResponse)}</dt><dd id="sos-median-first">{median(stats.median_first_response_secs)}</dd>
                <dt>{t(Key::SosMedianResolution)}</dt><dd id="sos-median-resolution">{median(stats.median_resolution_secs)}</dd>
                <dt>{t(Key::SosFirstResponseOnTime)}</dt><dd id="sos-first-on-time">{share(stats.first_response_on_time)}</dd>
                <dt>{t(Key::SosResolutionOnTime)}</dt><dd id="sos-resolution-on-time">{share(stats.resolution_on_time)}</dd>
            </dl>
            <div class="sos-count-row">
                <CountTable id="sos-by-category" caption=t(Key::SosByCategory) counts=stats.by_category.clone() label=category_label />
                <CountTable id="sos-by-urgency" caption=t(Key::SosByUrgency) counts=stats.by_urgency.clone() label=urgency_label />
            </div>
            <h4 class="subsection-title" id="sos-levels-title">{t(Key::SosLevelsTitle)}</h4>
            <p id="sos-working-hours">
                {t(Key::SosWorkingHours).replace("{hours}", &stats.working_hours).replace("{zone}", &zone)}
            </p>
            <div class="krds-table-wrap">
                <table class="tbl col data" id="sos-levels" aria-labelledby="sos-levels-title">
                    <thead>
                        <tr>
                            <th scope="col">{t(Key::SosUrgencyLabel)}</th>
                            <th scope="col">{t(Key::SosFirstResponse)}</th>
                            <th scope="col">{t(Key::SosResolution)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {stats.service_levels.iter().map(|l| view! {
                            <tr id=format!("sos-level-{}", l.urgency.as_str())>
                                <th scope="row"><UrgencyBadge urgency=l.urgency /></th>
                                <td>{working_time(l.first_response_secs, day)}</td>
                                <td>{working_time(l.resolution_secs, day)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p class="form-hint">{t(Key::SosLevelsHint)}</p>
        </section>
    }
}

/// The requests the signed-in person may see, with the desk's filters.
#[component]
fn SosRequests(list: SosListDto, query: SosQuery) -> impl IntoView {
    let selected = |v: &Option<String>, code: &str| v.as_deref() == Some(code);
    let (title, caption) = if list.desk { (Key::SosQueueTitle, Key::SosQueueCaption) } else { (Key::SosMineTitle, Key::SosMineCaption) };
    let overdue = list.items.iter().filter(|s| s.overdue).count();
    let state = query.state.clone();
    view! {
        <section class="page-section" aria-labelledby="sos-requests-title" id="sos-requests">
            <h3 class="section-title" id="sos-requests-title">{t(title)}</h3>
            {list.desk.then(|| view! {
                <form method="get" action="/sos" id="sos-filters" class="proposal-filters" role="search" aria-label=t(Key::SosFiltersTitle)>
                    <div class="filter-row">
                        <div class="form-group">
                            <div class="form-tit"><label for="sos-filter-state">{t(Key::SosStateLabel)}</label></div>
                            <div class="form-conts">
                                <select id="sos-filter-state" name="state" class="krds-form-select">
                                    <option value="active" selected={state.is_none() || selected(&state, "active")}>{t(Key::SosFilterActive)}</option>
                                    <option value="all" selected=selected(&state, "all")>{t(Key::FilterAll)}</option>
                                    {SosState::ALL.into_iter().map(|s| view! {
                                        <option value=s.as_str() selected=selected(&state, s.as_str())>{t(state_key(s))}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                        </div>
                        <div class="form-group">
                            <div class="form-tit"><label for="sos-filter-category">{t(Key::SosCategoryLabel)}</label></div>
                            <div class="form-conts">
                                <select id="sos-filter-category" name="category" class="krds-form-select">
                                    <option value="">{t(Key::FilterAll)}</option>
                                    {SosCategory::ALL.into_iter().map(|c| view! {
                                        <option value=c.as_str() selected=selected(&query.category, c.as_str())>{t(category_key(c))}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                        </div>
                        <div class="form-group">
                            <div class="form-tit"><label for="sos-filter-urgency">{t(Key::SosUrgencyLabel)}</label></div>
                            <div class="form-conts">
                                <select id="sos-filter-urgency" name="urgency" class="krds-form-select">
                                    <option value="">{t(Key::FilterAll)}</option>
                                    {SosUrgency::ALL.into_iter().map(|u| view! {
                                        <option value=u.as_str() selected=selected(&query.urgency, u.as_str())>{t(urgency_key(u))}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                        </div>
                    </div>
                    <ul class="krds-form-check-group sos-filter-checks">
                        <li class="krds-form-check">
                            <input type="checkbox" id="sos-filter-mine" name="mine" value="1" checked=query.mine == Some(true) />
                            <label for="sos-filter-mine">{t(Key::SosFilterMine)}</label>
                        </li>
                        <li class="krds-form-check">
                            <input type="checkbox" id="sos-filter-overdue" name="overdue" value="1" checked=query.overdue == Some(true) />
                            <label for="sos-filter-overdue">{t(Key::SosFilterOverdue)}</label>
                        </li>
                    </ul>
                    <div class="form-actions">
                        <button type="submit" id="sos-filter-submit" class="krds-btn medium primary">{t(Key::FilterSubmit)}</button>
                        <a href="/sos" id="sos-filter-reset" class="krds-btn medium secondary">{t(Key::FilterReset)}</a>
                    </div>
                </form>
            })}
            <p id="sos-count">
                {t(Key::SosCount).replace("{n}", &list.items.len().to_string())}
                {(overdue > 0).then(|| view! { " "<strong id="sos-overdue-count">{t(Key::SosOverdueCount).replace("{n}", &overdue.to_string())}</strong> })}
            </p>
            {if list.items.is_empty() {
                view! { <p id="no-sos">{t(if list.desk { Key::SosQueueEmpty } else { Key::SosMineEmpty })}</p> }.into_any()
            } else {
                view! { <SosTable items=list.items caption=t(caption) show_task=true /> }.into_any()
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_filters_are_dropped() {
        let q = query_from_url(|k| match k {
            "state" => Some("waiting_for_info".into()),
            "category" => Some("weather".into()),
            "urgency" => Some(" urgent ".into()),
            "mine" => Some("1".into()),
            _ => None,
        });
        assert_eq!(q.state.as_deref(), Some("waiting_for_info"));
        assert_eq!(q.category, None);
        assert_eq!(q.urgency.as_deref(), Some("urgent"));
        assert_eq!((q.mine, q.overdue), (Some(true), None));
    }

    #[test]
    fn a_working_day_is_read_from_the_opening_hours() {
        assert_eq!(working_day_secs("09:00–18:00"), Some(9 * 3_600));
        assert_eq!(working_day_secs("nonsense"), None);
    }
}
