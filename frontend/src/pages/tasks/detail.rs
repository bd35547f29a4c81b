//! `/tasks/:id`: a task (과제) as everyone sees it — where it comes from,
//! its organisations (lead first) and task force (과제별 TF), its progress
//! and health, the milestones as a nested list, the outcome indicators
//! (성과지표) with a small chart each, and the progress updates, newest
//! first. For the task force and admins (`can_edit`, the server's answer;
//! the services check every action again) the page also has the forms: add
//! a milestone, change a milestone's status, post an update, add an
//! indicator, record a value, override or clear the health. Each is a plain
//! form post to a server function that redirects back, with or without
//! JavaScript; a refused post comes back with the field errors and what was
//! typed.
//!
//! Also here: following the task (signed-in people), the task force's
//! collaboration SOS requests (협업SOS) with the form that raises one (for
//! `can_edit`), and the form that sets the task force (for `can_manage`).

use super::{HealthBadge, TaskProgressBar, health_key, kind_key, lead_first, milestone_status_key, org_role_key};
use crate::api::{
    AddIndicator, AddMilestone, ClearTaskHealth, FnError, FollowTask, NEW_MEMBER_ROWS, OverrideTaskHealth, PostTaskUpdate, RaiseSos,
    RecordIndicatorValue, SetMilestoneStatus, SetTaskMembers, UPDATE_LINK_FIELDS, current_user, list_areas, list_organisations,
    list_regions, sos_list, task_detail,
};
use crate::components::form::{ErrorSummary, FieldMessage, Notice, echoed, field_error, posted_error};
use crate::components::time::kst;
use crate::i18n::{Key, t, use_locale};
use crate::pages::not_found::NotFound;
use crate::pages::proposals::{area_name, region_name};
use crate::pages::review::id_param;
use crate::pages::sos::{SosTable, category_key, urgency_key};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::ErrorCode;
use shared::access::OrganisationDto;
use shared::execution::{
    Health, IndicatorDto, MilestoneDto, MilestoneStatus, SosCategory, SosQuery, SosSummary, SosUrgency, TaskDto, TaskMemberDto, UpdateDto,
    parse_date,
};
use shared::reference::{AreaDto, RegionDto};
use std::collections::{HashMap, HashSet};

const ADD_MILESTONE_URL: &str = <AddMilestone as ServerFn>::PATH;
const MILESTONE_STATUS_URL: &str = <SetMilestoneStatus as ServerFn>::PATH;
const UPDATE_URL: &str = <PostTaskUpdate as ServerFn>::PATH;
const INDICATOR_URL: &str = <AddIndicator as ServerFn>::PATH;
const VALUE_URL: &str = <RecordIndicatorValue as ServerFn>::PATH;
const HEALTH_URL: &str = <OverrideTaskHealth as ServerFn>::PATH;
const CLEAR_HEALTH_URL: &str = <ClearTaskHealth as ServerFn>::PATH;
const FOLLOW_URL: &str = <FollowTask as ServerFn>::PATH;
const RAISE_SOS_URL: &str = <RaiseSos as ServerFn>::PATH;
const MEMBERS_URL: &str = <SetTaskMembers as ServerFn>::PATH;

/// Milestones nest at most this deep on the page (the server keeps the tree
/// a tree; this only guards the rendering).
const MAX_DEPTH: usize = 16;

/// `/tasks/:id`.
#[component]
pub fn TaskPage() -> impl IntoView {
    let Some(id) = id_param("id") else {
        return view! { <NotFound /> }.into_any();
    };
    let task = Resource::new(move || id, task_detail);
    let areas = Resource::new(|| (), |_| list_areas());
    let regions = Resource::new(|| (), |_| list_regions());
    let user = Resource::new(|| (), |_| current_user());
    view! {
        <Title text=t(Key::TasksTitle) />
        <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match task.await {
                    Ok(task) => {
                        if task.can_edit {
                            // The page carries the task force's forms: not for shared caches.
                            crate::pages::private_page();
                        }
                        let (areas, regions) = (areas.await.unwrap_or_default(), regions.await.unwrap_or_default());
                        let signed_in = matches!(user.await, Ok(Some(_)));
                        // The task force's SOS requests and the organisations to name
                        // in a new one: only for those who may raise one.
                        let (sos, organisations) = if task.can_edit {
                            let query = SosQuery { task: Some(task.id), state: Some("all".into()), ..SosQuery::default() };
                            let sos = sos_list(query).await.map(|l| l.items).unwrap_or_default();
                            (sos, list_organisations().await.unwrap_or_default())
                        } else {
                            (Vec::new(), Vec::new())
                        };
                        view! { <TaskView task areas regions signed_in sos organisations /> }.into_any()
                    }
                    Err(e) if e.code() == ErrorCode::NotFound => view! { <NotFound /> }.into_any(),
                    Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// The error of a failed post to `path`, if it was for the item `id` (the
/// server function sends the item's number back as `key`).
fn error_for(path: &'static str, key: &str, id: i64) -> Option<FnError> {
    posted_error(path).get_untracked().filter(|e| e.echoed(key) == Some(id.to_string().as_str()))
}

/// A measured number as people write it: no trailing zeros.
fn number(value: f64) -> String {
    let s = format!("{value:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[component]
fn TaskView(
    task: TaskDto,
    areas: Vec<AreaDto>,
    regions: Vec<RegionDto>,
    signed_in: bool,
    sos: Vec<SosSummary>,
    organisations: Vec<OrganisationDto>,
) -> impl IntoView {
    let locale = use_locale();
    let notices = use_query_map().with_untracked(|q| {
        [
            ("milestone_added", "milestone-added", Key::MilestoneAdded),
            ("milestone_saved", "milestone-saved", Key::MilestoneSaved),
            ("update_posted", "update-posted", Key::UpdatePosted),
            ("indicator_added", "indicator-added", Key::IndicatorAdded),
            ("value_recorded", "value-recorded", Key::IndicatorValueRecorded),
            ("health_saved", "health-saved", Key::HealthSaved),
            ("health_cleared", "health-cleared", Key::HealthCleared),
            ("task_created", "task-created", Key::TaskCreated),
            ("members_saved", "members-saved", Key::TaskForceSaved),
            ("followed", "task-followed", Key::TaskFollowed),
            ("unfollowed", "task-unfollowed", Key::TaskUnfollowed),
        ]
        .into_iter()
        .filter(|(param, _, _)| q.get(param).is_some())
        .map(|(_, id, key)| (id, key))
        .collect::<Vec<_>>()
    });
    let id = task.id;
    let can_edit = task.can_edit;
    let can_manage = task.can_manage;
    let orgs = lead_first(task.organisations.clone());
    let overridden = task.health_override_reason.clone();
    view! {
        <Title text=task.title.clone() />
        <section class="page-section" aria-labelledby="task-title">
            <p class="back-link"><a href="/tasks" id="back-to-tasks">{t(Key::BackToTasks)}</a></p>
            <p><span class="krds-badge task-kind" id="task-kind">{t(kind_key(task.kind))}</span></p>
            <h2 class="page-title" id="task-title">{task.title.clone()}</h2>
            {notices.into_iter().map(|(nid, key)| view! { <Notice id=nid text=key /> }).collect_view()}
            <FollowForm task_id=id following=task.following followers=task.followers signed_in />
            <div class="task-status" id="task-health-section">
                <div class="task-status-item">
                    <span class="task-status-label" id="task-progress-label">{t(Key::TaskProgress)}</span>
                    <TaskProgressBar progress=task.progress label=t(Key::TaskProgress) id="task-progress".to_owned() />
                </div>
                <div class="task-status-item">
                    <span class="task-status-label">{t(Key::TaskHealth)}</span>
                    <HealthBadge health=task.health id="task-health".to_owned() />
                    {overridden.clone().map(|reason| view! {
                        <p class="health-override" id="task-health-reason">
                            <strong>{t(Key::HealthOverriddenBecause)}</strong>" "<span class="pre-line">{reason}</span>
                        </p>
                        <p class="health-derived" id="task-derived-health">
                            {t(Key::HealthDerived)}" "<HealthBadge health=task.derived_health />
                        </p>
                    })}
                </div>
            </div>
            {(!task.description.trim().is_empty()).then(|| {
                task.description.split("\n\n").map(|para| view! { <p class="proposal-text">{para.to_owned()}</p> }).collect_view()
            })}
            <dl class="proposal-facts" id="task-facts">
                <dt>{t(Key::TaskKindLabel)}</dt><dd>{t(kind_key(task.kind))}</dd>
                <dt>{t(Key::FilterArea)}</dt><dd id="task-area">{area_name(&areas, &task.area_code, locale)}</dd>
                <dt>{t(Key::FilterRegion)}</dt><dd id="task-region">{region_name(&regions, &task.region_code, locale)}</dd>
                <dt>{t(Key::TaskOrganisations)}</dt>
                <dd>
                    <ul class="task-organisations" id="task-organisations">
                        {orgs.into_iter().map(|o| view! {
                            <li id=format!("task-org-{}", o.id)>{o.name.clone()}" "<span class="org-role">"("{t(org_role_key(o.role))}")"</span></li>
                        }).collect_view()}
                    </ul>
                </dd>
                <dt>{t(Key::TaskForce)}</dt>
                <dd>
                    {if task.members.is_empty() {
                        view! { <span id="task-force-empty">{t(Key::TaskForceEmpty)}</span> }.into_any()
                    } else {
                        view! {
                            <ul class="task-force" id="task-force">
                                {task.members.iter().map(|m| {
                                    let role = if m.role == "lead" { Key::TaskForceLead } else { Key::TaskForceMember };
                                    view! { <li>{m.display_name.clone()}" "<span class="org-role">"("{t(role)}")"</span></li> }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </dd>
                <dt>{t(Key::TaskUpdatedAt)}</dt><dd><time datetime=task.updated_at.clone()>{kst(&task.updated_at)}</time></dd>
                {task.proposal_id.map(|pid| view! {
                    <dt>{t(Key::TaskProposal)}</dt>
                    <dd><a href=format!("/proposals/{pid}") id="task-proposal-link">{t(Key::TaskProposalLink)}</a></dd>
                })}
            </dl>
        </section>

        <Milestones task_id=id milestones=task.milestones.clone() can_edit />
        <Indicators task_id=id indicators=task.indicators.clone() can_edit />
        <Updates task_id=id updates=task.updates.clone() can_edit />
        {can_edit.then(|| view! { <HealthForm task_id=id health=task.health overridden=overridden.is_some() /> })}
        {can_edit.then(|| view! { <SosSection task_id=id items=sos organisations /> })}
        {can_manage.then(|| view! { <TaskForceForm task_id=id members=task.members.clone() /> })}
    }
}

// ---------------------------------------------------------------------------
// Following

/// How many people follow the task, and the button to follow or stop
/// (signed-in people; others are asked to sign in).
#[component]
fn FollowForm(task_id: i64, following: bool, followers: u64, signed_in: bool) -> impl IntoView {
    let error = posted_error(FOLLOW_URL);
    let count = t(Key::TaskFollowers).replace("{n}", &followers.to_string());
    view! {
        <div class="task-follow" id="task-follow">
            <span id="task-followers">{count}</span>
            {if signed_in {
                view! {
                    <ErrorSummary error id="task-follow-error" />
                    <form method="post" action=FOLLOW_URL id="task-follow-form" class="inline-form">
                        <input type="hidden" name="task_id" value=task_id />
                        <input type="hidden" name="follow" value=if following { "0" } else { "1" } />
                        <button type="submit" id="task-follow-button" class="krds-btn small secondary" aria-pressed=if following { "true" } else { "false" }>
                            {t(if following { Key::TaskUnfollow } else { Key::TaskFollow })}
                        </button>
                    </form>
                }.into_any()
            } else {
                view! { <a href=format!("/sign-in?next=/tasks/{task_id}") id="task-follow-sign-in">{t(Key::TaskFollowSignIn)}</a> }.into_any()
            }}
        </div>
    }
}

// ---------------------------------------------------------------------------
// Collaboration SOS (협업SOS)

/// The task's SOS requests and the form that raises one (its task force).
#[component]
fn SosSection(task_id: i64, items: Vec<SosSummary>, organisations: Vec<OrganisationDto>) -> impl IntoView {
    let empty = items.is_empty();
    view! {
        <section class="page-section" id="task-sos" aria-labelledby="task-sos-title">
            <h3 class="section-title" id="task-sos-title">{t(Key::TaskSosTitle)}</h3>
            <p class="form-hint">{t(Key::TaskSosLead)}" "<a href="/sos">{t(Key::TaskSosLevelsLink)}</a></p>
            {if empty {
                view! { <p id="no-task-sos">{t(Key::TaskSosEmpty)}</p> }.into_any()
            } else {
                view! { <SosTable items caption=t(Key::TaskSosCaption) /> }.into_any()
            }}
            <SosForm task_id organisations />
        </section>
    }
}

/// The form that raises an SOS request (task-force members).
#[component]
fn SosForm(task_id: i64, organisations: Vec<OrganisationDto>) -> impl IntoView {
    let error = posted_error(RAISE_SOS_URL);
    let value = |name: &str| echoed(error, name);
    let invalid = move |name: &'static str| error.get_untracked().and_then(|e| e.field(name).map(|_| "true"));
    let category = value("category");
    let urgency = Some(value("urgency")).filter(|u| !u.is_empty()).unwrap_or_else(|| SosUrgency::Normal.as_str().to_owned());
    let ticked: Vec<i64> = value("organisation_ids").split(',').filter_map(|id| id.trim().parse().ok()).collect();
    view! {
        <h4 class="subsection-title" id="sos-form-title">{t(Key::SosFormTitle)}</h4>
        <ErrorSummary error id="sos-form-error" />
        <form method="post" action=RAISE_SOS_URL id="sos-form" class="account-form" aria-labelledby="sos-form-title" novalidate>
            <input type="hidden" name="task_id" value=task_id />
            <div class="form-group">
                <div class="form-tit"><label for="sos-title-input">{t(Key::SosTitleLabel)}</label></div>
                <div class="form-conts">
                    <input type="text" id="sos-title-input" name="title" class="krds-input" required maxlength="200" value=value("title")
                        aria-invalid=invalid("title") aria-describedby="sos-title-hint sos-title-error" />
                    <span class="form-hint" id="sos-title-hint">{t(Key::SosTitleHint)}</span>
                    <FieldMessage error=field_error(error, "title") id="sos-title-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit"><label for="sos-category-input">{t(Key::SosCategoryLabel)}</label></div>
                <div class="form-conts">
                    <select id="sos-category-input" name="category" class="krds-form-select" required
                        aria-invalid=invalid("category") aria-describedby="sos-category-error">
                        <option value="">{t(Key::ChooseOne)}</option>
                        {SosCategory::ALL.into_iter().map(|c| view! {
                            <option value=c.as_str() selected=category == c.as_str()>{t(category_key(c))}</option>
                        }).collect_view()}
                    </select>
                    <FieldMessage error=field_error(error, "category") id="sos-category-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit"><label for="sos-urgency-input">{t(Key::SosUrgencyLabel)}</label></div>
                <div class="form-conts">
                    <select id="sos-urgency-input" name="urgency" class="krds-form-select"
                        aria-invalid=invalid("urgency") aria-describedby="sos-urgency-hint sos-urgency-error">
                        {SosUrgency::ALL.into_iter().map(|u| view! {
                            <option value=u.as_str() selected=urgency == u.as_str()>{t(urgency_key(u))}</option>
                        }).collect_view()}
                    </select>
                    <span class="form-hint" id="sos-urgency-hint">{t(Key::SosUrgencyHint)}</span>
                    <FieldMessage error=field_error(error, "urgency") id="sos-urgency-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit"><label for="sos-description-input">{t(Key::SosDescription)}</label></div>
                <div class="form-conts">
                    <textarea id="sos-description-input" name="description" class="krds-input" rows="6" required
                        aria-invalid=invalid("description") aria-describedby="sos-description-hint sos-description-error">{value("description")}</textarea>
                    <span class="form-hint" id="sos-description-hint">{t(Key::SosDescriptionHint)}</span>
                    <FieldMessage error=field_error(error, "description") id="sos-description-error" />
                </div>
            </div>
            {(!organisations.is_empty()).then(|| view! {
                <fieldset class="form-group organisation-choice" aria-describedby="sos-organisations-hint sos-organisations-error">
                    <legend class="form-tit">{t(Key::SosOrganisations)}<span class="optional">" ("{t(Key::Optional)}")"</span></legend>
                    <div class="form-conts">
                        <p class="form-hint" id="sos-organisations-hint">{t(Key::SosOrganisationsHint)}</p>
                        <ul class="krds-form-check-group organisation-list" id="sos-organisations-input">
                            {organisations.iter().map(|o| {
                                let cid = format!("sos-org-{}", o.id);
                                view! {
                                    <li class="krds-form-check">
                                        // `[]`: the server function reads the ticked boxes as a list.
                                        <input type="checkbox" name="organisation_ids[]" id=cid.clone() value=o.id.to_string() checked=ticked.contains(&o.id) />
                                        <label for=cid>{o.name.clone()}</label>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <FieldMessage error=field_error(error, "organisation_ids") id="sos-organisations-error" />
                    </div>
                </fieldset>
            })}
            <div class="form-actions">
                <button type="submit" id="sos-submit" class="krds-btn medium primary">{t(Key::SosSubmit)}</button>
            </div>
        </form>
    }
}

// ---------------------------------------------------------------------------
// The task force (과제별 TF)

/// Sets the task force as a whole (its leads and the admins): the current
/// members with their role and a box to take them off, and empty rows to
/// add people by e-mail address.
#[component]
fn TaskForceForm(task_id: i64, members: Vec<TaskMemberDto>) -> impl IntoView {
    let error = posted_error(MEMBERS_URL);
    let n = members.len();
    let role_select = move |row: usize, current: &str, label: String| {
        let rid = format!("tf-role-{row}");
        view! {
            <span class="decision-field">
                <label for=rid.clone()>{t(Key::TaskForceRole)}<span class="sr-only">{format!(": {label}")}</span></label>
                <select id=rid name=format!("role[{row}]") class="krds-form-select">
                    <option value="member" selected=current != "lead">{t(Key::TaskForceMember)}</option>
                    <option value="lead" selected=current == "lead">{t(Key::TaskForceLead)}</option>
                </select>
            </span>
        }
    };
    view! {
        <section class="page-section round-action" id="task-force-section" aria-labelledby="task-force-form-title">
            <h3 class="section-title" id="task-force-form-title">{t(Key::TaskForceFormTitle)}</h3>
            <p class="form-hint">{t(Key::TaskForceFormLead)}</p>
            <ErrorSummary error id="task-force-error" />
            <form method="post" action=MEMBERS_URL id="task-force-form" class="account-form" aria-labelledby="task-force-form-title" novalidate>
                <input type="hidden" name="task_id" value=task_id />
                {(!members.is_empty()).then(|| view! {
                    <fieldset class="form-group">
                        <legend class="form-tit">{t(Key::TaskForceCurrent)}</legend>
                        <ul class="task-force-rows" id="task-force-current">
                            {members.iter().enumerate().map(|(row, m)| {
                                let remove_id = format!("tf-remove-{row}");
                                view! {
                                    <li class="decision-fields" id=format!("tf-member-{}", m.user_id)>
                                        <input type="hidden" name=format!("member[{row}]") value=format!("#{}", m.user_id) />
                                        <strong class="tf-name">{m.display_name.clone()}</strong>
                                        {role_select(row, &m.role, m.display_name.clone())}
                                        <span class="krds-form-check">
                                            <input type="checkbox" id=remove_id.clone() name=format!("remove[{row}]") value="1" />
                                            <label for=remove_id>{t(Key::TaskForceRemove)}<span class="sr-only">{format!(": {}", m.display_name)}</span></label>
                                        </span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </fieldset>
                })}
                <fieldset class="form-group" aria-describedby="tf-new-hint task-force-members-error">
                    <legend class="form-tit">{t(Key::TaskForceAdd)}</legend>
                    <p class="form-hint" id="tf-new-hint">{t(Key::TaskForceAddHint)}</p>
                    <ul class="task-force-rows" id="task-force-new">
                        {(n..n + NEW_MEMBER_ROWS).map(|row| {
                            let eid = format!("tf-email-{row}");
                            let label = t(Key::TaskForceEmailLabel).replace("{n}", &(row - n + 1).to_string());
                            view! {
                                <li class="decision-fields">
                                    <span class="decision-field">
                                        <label for=eid.clone()>{label.clone()}</label>
                                        <input type="email" id=eid name=format!("member[{row}]") class="krds-input" autocomplete="off"
                                            aria-invalid=error.get_untracked().and_then(|e| e.field("members").map(|_| "true")) />
                                    </span>
                                    {role_select(row, "member", label)}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <FieldMessage error=field_error(error, "members") id="task-force-members-error" invalid=Key::TaskForceUnknownPerson />
                </fieldset>
                <div class="form-actions">
                    <button type="submit" id="task-force-submit" class="krds-btn medium primary">{t(Key::TaskForceSave)}</button>
                </div>
            </form>
        </section>
    }
}

// ---------------------------------------------------------------------------
// Milestones

#[component]
fn Milestones(task_id: i64, milestones: Vec<MilestoneDto>, can_edit: bool) -> impl IntoView {
    // Children by parent; a milestone whose parent is not listed is shown at the top level.
    let ids: HashSet<i64> = milestones.iter().map(|m| m.id).collect();
    let mut by_parent: HashMap<Option<i64>, Vec<MilestoneDto>> = HashMap::new();
    for m in &milestones {
        let parent = m.parent_id.filter(|p| ids.contains(p) && *p != m.id);
        by_parent.entry(parent).or_default().push(m.clone());
    }
    let empty = milestones.is_empty();
    view! {
        <section class="page-section" id="milestones" aria-labelledby="milestones-title">
            <h3 class="section-title" id="milestones-title">{t(Key::MilestonesTitle)}</h3>
            <p class="form-hint">{t(Key::MilestonesLead)}</p>
            {empty.then(|| view! { <p id="no-milestones">{t(Key::NoMilestones)}</p> })}
            <ul class="milestone-list" id="milestone-list">
                {milestone_items(task_id, None, &by_parent, can_edit, 0)}
            </ul>
            {can_edit.then(|| view! { <MilestoneForm task_id milestones /> })}
        </section>
    }
}

/// The milestones under `parent`, each with its own children nested inside.
fn milestone_items(task_id: i64, parent: Option<i64>, by_parent: &HashMap<Option<i64>, Vec<MilestoneDto>>, can_edit: bool, depth: usize) -> AnyView {
    let Some(list) = by_parent.get(&parent) else {
        return ().into_any();
    };
    list.iter()
        .map(|m| {
            let mid = m.id;
            let children = (depth < MAX_DEPTH && by_parent.contains_key(&Some(mid)))
                .then(|| view! { <ul class="milestone-children">{milestone_items(task_id, Some(mid), by_parent, can_edit, depth + 1)}</ul> });
            let status_class = format!("krds-badge milestone-status milestone-{}", m.status.as_str());
            let label = format!("{}: {}", t(Key::MilestoneProgress), m.title);
            view! {
                <li class="milestone" id=format!("milestone-{mid}")>
                    <div class="milestone-head">
                        <span class="milestone-title" id=format!("milestone-{mid}-title")>{m.title.clone()}</span>
                        " "<span class=status_class id=format!("milestone-{mid}-status")>{t(milestone_status_key(m.status))}</span>
                    </div>
                    <dl class="milestone-facts">
                        <dt>{t(Key::MilestoneDue)}</dt>
                        <dd><time datetime=m.due_date.clone() id=format!("milestone-{mid}-due")>{m.due_date.clone()}</time></dd>
                        <dt>{t(Key::MilestoneWeight)}</dt><dd id=format!("milestone-{mid}-weight")>{m.weight}</dd>
                        {m.owner_name.clone().map(|name| view! { <dt>{t(Key::MilestoneOwner)}</dt><dd>{name}</dd> })}
                    </dl>
                    <TaskProgressBar progress=m.progress label id=format!("milestone-{mid}-progress") />
                    {can_edit.then(|| view! { <MilestoneStatusForm task_id m=m.clone() /> })}
                    {children}
                </li>
            }
        })
        .collect_view()
        .into_any()
}

/// One milestone's status and percentage (task-force members).
#[component]
fn MilestoneStatusForm(task_id: i64, m: MilestoneDto) -> impl IntoView {
    let mid = m.id;
    let error = error_for(MILESTONE_STATUS_URL, "milestone_id", mid);
    let status = error.as_ref().and_then(|e| e.echoed("status")).and_then(MilestoneStatus::parse).unwrap_or(m.status);
    let typed = match error.as_ref() {
        Some(e) => e.echoed("progress_percent").unwrap_or_default().to_owned(),
        None => m.progress_percent.map(|p| p.to_string()).unwrap_or_default(),
    };
    let field = |name: &str| Signal::stored(error.as_ref().and_then(|e| e.field(name).cloned()));
    let title = m.title.clone();
    view! {
        <form method="post" action=MILESTONE_STATUS_URL id=format!("milestone-status-form-{mid}") class="milestone-status-form" novalidate>
            <ErrorSummary error=Signal::stored(error.clone()) id="milestone-status-error" />
            <input type="hidden" name="task_id" value=task_id />
            <input type="hidden" name="milestone_id" value=mid />
            <div class="decision-fields">
                <span class="decision-field">
                    <label for=format!("ms-status-{mid}")>{t(Key::MilestoneStatus)}<span class="sr-only">{format!(": {title}")}</span></label>
                    <select id=format!("ms-status-{mid}") name="status" class="krds-form-select">
                        {MilestoneStatus::ALL.into_iter().map(|s| view! {
                            <option value=s.as_str() selected=s == status>{t(milestone_status_key(s))}</option>
                        }).collect_view()}
                    </select>
                    <FieldMessage error=field("status") id=format!("ms-status-{mid}-error") />
                </span>
                <span class="decision-field">
                    <label for=format!("ms-percent-{mid}")>{t(Key::MilestonePercent)}<span class="sr-only">{format!(": {title}")}</span></label>
                    <input type="number" id=format!("ms-percent-{mid}") name="progress_percent" class="krds-input input-number" min="0" max="100" value=typed
                        aria-invalid=error.as_ref().and_then(|e| e.field("progress_percent")).map(|_| "true")
                        aria-describedby=format!("ms-percent-{mid}-error") />
                    <FieldMessage error=field("progress_percent") id=format!("ms-percent-{mid}-error") />
                </span>
                <button type="submit" id=format!("ms-save-{mid}") class="krds-btn small secondary">
                    {t(Key::MilestoneStatusSave)}<span class="sr-only">{format!(": {}", m.title)}</span>
                </button>
            </div>
        </form>
    }
}

/// The form that adds a milestone (task-force members).
#[component]
fn MilestoneForm(task_id: i64, milestones: Vec<MilestoneDto>) -> impl IntoView {
    let error = posted_error(ADD_MILESTONE_URL);
    let value = |name: &str| echoed(error, name);
    let invalid = move |name: &'static str| error.get_untracked().and_then(|e| e.field(name).map(|_| "true"));
    let (parent, status) = (value("parent_id"), value("status"));
    view! {
        <h4 class="subsection-title" id="milestone-form-title">{t(Key::MilestoneAddTitle)}</h4>
        <ErrorSummary error id="milestone-form-error" />
        <form method="post" action=ADD_MILESTONE_URL id="milestone-form" class="account-form" aria-labelledby="milestone-form-title" novalidate>
            <input type="hidden" name="task_id" value=task_id />
            <div class="form-group">
                <div class="form-tit"><label for="ms-title">{t(Key::MilestoneTitleLabel)}</label></div>
                <div class="form-conts">
                    <input type="text" id="ms-title" name="title" class="krds-input" required maxlength="200" value=value("title")
                        aria-invalid=invalid("title") aria-describedby="ms-title-error" />
                    <FieldMessage error=field_error(error, "title") id="ms-title-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit"><label for="ms-due">{t(Key::MilestoneDue)}</label></div>
                <div class="form-conts">
                    <input type="date" id="ms-due" name="due_date" class="krds-input input-number" required value=value("due_date")
                        aria-invalid=invalid("due_date") aria-describedby="ms-due-hint ms-due-error" />
                    <span class="form-hint" id="ms-due-hint">{t(Key::DateHint)}</span>
                    <FieldMessage error=field_error(error, "due_date") id="ms-due-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit">
                    <label for="ms-weight">{t(Key::MilestoneWeight)}<span class="optional">" ("{t(Key::Optional)}")"</span></label>
                </div>
                <div class="form-conts">
                    <input type="number" id="ms-weight" name="weight" class="krds-input input-number" min="1" max="100" value=value("weight")
                        aria-invalid=invalid("weight") aria-describedby="ms-weight-hint ms-weight-error" />
                    <span class="form-hint" id="ms-weight-hint">{t(Key::MilestoneWeightHint)}</span>
                    <FieldMessage error=field_error(error, "weight") id="ms-weight-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit">
                    <label for="ms-parent">{t(Key::MilestoneParent)}<span class="optional">" ("{t(Key::Optional)}")"</span></label>
                </div>
                <div class="form-conts">
                    <select id="ms-parent" name="parent_id" class="krds-form-select"
                        aria-invalid=invalid("parent_id") aria-describedby="ms-parent-error">
                        <option value="" selected=parent.is_empty()>{t(Key::MilestoneNoParent)}</option>
                        {milestones.into_iter().map(|m| {
                            let selected = parent == m.id.to_string();
                            view! { <option value=m.id.to_string() selected=selected>{format!("{} ({})", m.title, m.due_date)}</option> }
                        }).collect_view()}
                    </select>
                    <FieldMessage error=field_error(error, "parent_id") id="ms-parent-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit"><label for="ms-status">{t(Key::MilestoneStatus)}</label></div>
                <div class="form-conts">
                    <select id="ms-status" name="status" class="krds-form-select" aria-invalid=invalid("status") aria-describedby="ms-status-error">
                        {MilestoneStatus::ALL.into_iter().map(|s| view! {
                            <option value=s.as_str() selected=status == s.as_str()>{t(milestone_status_key(s))}</option>
                        }).collect_view()}
                    </select>
                    <FieldMessage error=field_error(error, "status") id="ms-status-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit">
                    <label for="ms-percent">{t(Key::MilestonePercent)}<span class="optional">" ("{t(Key::Optional)}")"</span></label>
                </div>
                <div class="form-conts">
                    <input type="number" id="ms-percent" name="progress_percent" class="krds-input input-number" min="0" max="100" value=value("progress_percent")
                        aria-invalid=invalid("progress_percent") aria-describedby="ms-percent-hint ms-percent-error" />
                    <span class="form-hint" id="ms-percent-hint">{t(Key::MilestonePercentHint)}</span>
                    <FieldMessage error=field_error(error, "progress_percent") id="ms-percent-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit">
                    <label for="ms-owner">{t(Key::MilestoneOwnerNumber)}<span class="optional">" ("{t(Key::Optional)}")"</span></label>
                </div>
                <div class="form-conts">
                    <input type="text" id="ms-owner" name="owner_id" class="krds-input input-number" inputmode="numeric" value=value("owner_id")
                        aria-invalid=invalid("owner_id") aria-describedby="ms-owner-hint ms-owner-error" />
                    <span class="form-hint" id="ms-owner-hint">{t(Key::MilestoneOwnerHint)}</span>
                    <FieldMessage error=field_error(error, "owner_id") id="ms-owner-error" />
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" id="ms-submit" class="krds-btn medium primary">{t(Key::MilestoneAdd)}</button>
            </div>
        </form>
    }
}

// ---------------------------------------------------------------------------
// Indicators

#[component]
fn Indicators(task_id: i64, indicators: Vec<IndicatorDto>, can_edit: bool) -> impl IntoView {
    let empty = indicators.is_empty();
    view! {
        <section class="page-section" id="indicators" aria-labelledby="indicators-title">
            <h3 class="section-title" id="indicators-title">{t(Key::IndicatorsTitle)}</h3>
            {empty.then(|| view! { <p id="no-indicators">{t(Key::NoIndicators)}</p> })}
            <div class="indicator-list" id="indicator-list">
                {indicators.into_iter().map(|i| view! { <Indicator task_id i can_edit /> }).collect_view()}
            </div>
            {can_edit.then(|| view! { <IndicatorForm task_id /> })}
        </section>
    }
}

#[component]
fn Indicator(task_id: i64, i: IndicatorDto, can_edit: bool) -> impl IntoView {
    let iid = i.id;
    let unit = i.unit.clone();
    let with_unit = move |v: f64| format!("{} {}", number(v), unit);
    let latest = i.values.last().map(|v| with_unit(v.value));
    view! {
        <article class="indicator" id=format!("indicator-{iid}") aria-labelledby=format!("indicator-{iid}-name")>
            <h4 class="subsection-title" id=format!("indicator-{iid}-name")>{i.name.clone()}</h4>
            <dl class="indicator-facts">
                <dt>{t(Key::IndicatorBaseline)}</dt><dd id=format!("indicator-{iid}-baseline")>{with_unit(i.baseline)}</dd>
                <dt>{t(Key::IndicatorTarget)}</dt><dd id=format!("indicator-{iid}-target")>{with_unit(i.target)}</dd>
                <dt>{t(Key::IndicatorLatest)}</dt><dd id=format!("indicator-{iid}-latest")>{latest.unwrap_or_else(|| "—".to_owned())}</dd>
                <dt>{t(Key::IndicatorAchieved)}</dt>
                <dd id=format!("indicator-{iid}-achieved")>{i.achieved.map(|a| format!("{:.0} %", a * 100.0)).unwrap_or_else(|| "—".to_owned())}</dd>
            </dl>
            <LineChart i=i.clone() />
            {if i.values.is_empty() {
                view! { <p id=format!("indicator-{iid}-empty")>{t(Key::NoIndicatorValues)}</p> }.into_any()
            } else {
                view! {
                    <div class="krds-table-wrap scroll">
                        <table class="tbl col data indicator-values" id=format!("indicator-{iid}-values")>
                            <caption class="sr-only">{format!("{}: {}", t(Key::IndicatorValuesCaption), i.name)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t(Key::IndicatorDate)}</th>
                                    <th scope="col" class="num">{t(Key::IndicatorValue)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {i.values.iter().rev().map(|v| view! {
                                    <tr>
                                        <th scope="row"><time datetime=v.date.clone()>{v.date.clone()}</time></th>
                                        <td class="num">{format!("{} {}", number(v.value), i.unit)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            {can_edit.then(|| view! { <ValueForm task_id i=i.clone() /> })}
        </article>
    }
}

/// An indicator's values over time as a line, against its baseline and
/// target (dashed lines), drawn on the server. Attributes only (no inline
/// styles: the CSP forbids them); the numbers are in the label and in the
/// table under it.
#[component]
fn LineChart(i: IndicatorDto) -> impl IntoView {
    // Plot area inside a 260 × 100 box: x 36..252, y 8..88.
    let (left, right, top, bottom) = (36.0_f64, 252.0_f64, 8.0_f64, 88.0_f64);
    let points: Vec<(i64, f64)> = i.values.iter().filter_map(|v| Some((parse_date(&v.date)?, v.value))).filter(|(_, v)| v.is_finite()).collect();
    let mut lo = i.baseline.min(i.target);
    let mut hi = i.baseline.max(i.target);
    for (_, v) in &points {
        lo = lo.min(*v);
        hi = hi.max(*v);
    }
    if hi <= lo {
        hi = lo + 1.0;
    }
    let y = move |v: f64| bottom - (v - lo) / (hi - lo) * (bottom - top);
    let (first, last) = (points.first().map(|p| p.0).unwrap_or(0), points.last().map(|p| p.0).unwrap_or(0));
    let x = move |d: i64| if last > first { left + (d - first) as f64 / (last - first) as f64 * (right - left) } else { (left + right) / 2.0 };
    let line: String = points.iter().map(|(d, v)| format!("{:.1},{:.1}", x(*d), y(*v))).collect::<Vec<_>>().join(" ");
    let label = format!(
        "{}: {} {}, {} {}; {}",
        i.name,
        t(Key::IndicatorBaseline),
        number(i.baseline),
        t(Key::IndicatorTarget),
        number(i.target),
        if points.is_empty() {
            t(Key::NoIndicatorValues).to_owned()
        } else {
            i.values.iter().map(|v| format!("{} {}", v.date, number(v.value))).collect::<Vec<_>>().join(", ")
        }
    );
    let (yb, yt) = (y(i.baseline), y(i.target));
    view! {
        <svg class="indicator-chart" id=format!("indicator-{}-chart", i.id) width="260" height="100" viewBox="0 0 260 100" role="img" aria-label=label focusable="false">
            <line class="chart-axis" x1=left.to_string() y1=bottom.to_string() x2=right.to_string() y2=bottom.to_string() />
            <line class="chart-baseline" x1=left.to_string() y1=format!("{yb:.1}") x2=right.to_string() y2=format!("{yb:.1}") />
            <text class="chart-label" x="2" y=format!("{:.1}", yb + 4.0)>{t(Key::ChartBaseline)}</text>
            <line class="chart-target" x1=left.to_string() y1=format!("{yt:.1}") x2=right.to_string() y2=format!("{yt:.1}") />
            <text class="chart-label" x="2" y=format!("{:.1}", yt + 4.0)>{t(Key::ChartTarget)}</text>
            {(points.len() > 1).then(|| view! { <polyline class="chart-line" points=line /> })}
            {points.iter().map(|(d, v)| view! { <circle class="chart-point" cx=format!("{:.1}", x(*d)) cy=format!("{:.1}", y(*v)) r="3" /> }).collect_view()}
        </svg>
    }
}

/// Records one indicator's value on a date (task-force members).
#[component]
fn ValueForm(task_id: i64, i: IndicatorDto) -> impl IntoView {
    let iid = i.id;
    let error = error_for(VALUE_URL, "indicator_id", iid);
    let typed = |name: &str| error.as_ref().and_then(|e| e.echoed(name)).unwrap_or_default().to_owned();
    let field = |name: &str| Signal::stored(error.as_ref().and_then(|e| e.field(name).cloned()));
    let invalid = |name: &str| error.as_ref().and_then(|e| e.field(name)).map(|_| "true");
    view! {
        <form method="post" action=VALUE_URL id=format!("indicator-value-form-{iid}") class="milestone-status-form" novalidate>
            <ErrorSummary error=Signal::stored(error.clone()) id="indicator-value-error" />
            <input type="hidden" name="task_id" value=task_id />
            <input type="hidden" name="indicator_id" value=iid />
            <div class="decision-fields">
                <span class="decision-field">
                    <label for=format!("iv-date-{iid}")>{t(Key::IndicatorDate)}<span class="sr-only">{format!(": {}", i.name)}</span></label>
                    <input type="date" id=format!("iv-date-{iid}") name="date" class="krds-input" required value=typed("date")
                        aria-invalid=invalid("date") aria-describedby=format!("iv-date-{iid}-error") />
                    <FieldMessage error=field("date") id=format!("iv-date-{iid}-error") />
                </span>
                <span class="decision-field">
                    <label for=format!("iv-value-{iid}")>{format!("{} ({})", t(Key::IndicatorValue), i.unit)}</label>
                    <input type="text" inputmode="decimal" id=format!("iv-value-{iid}") name="value" class="krds-input input-number" required value=typed("value")
                        aria-invalid=invalid("value") aria-describedby=format!("iv-value-{iid}-error") />
                    <FieldMessage error=field("value") id=format!("iv-value-{iid}-error") />
                </span>
                <button type="submit" id=format!("iv-submit-{iid}") class="krds-btn small secondary">
                    {t(Key::IndicatorValueRecord)}<span class="sr-only">{format!(": {}", i.name)}</span>
                </button>
            </div>
            <p class="form-hint">{t(Key::IndicatorValueHint)}</p>
        </form>
    }
}

/// The form that adds an indicator (task-force members).
#[component]
fn IndicatorForm(task_id: i64) -> impl IntoView {
    let error = posted_error(INDICATOR_URL);
    let value = |name: &str| echoed(error, name);
    let invalid = move |name: &'static str| error.get_untracked().and_then(|e| e.field(name).map(|_| "true"));
    view! {
        <h4 class="subsection-title" id="indicator-form-title">{t(Key::IndicatorAddTitle)}</h4>
        <ErrorSummary error id="indicator-form-error" />
        <form method="post" action=INDICATOR_URL id="indicator-form" class="account-form" aria-labelledby="indicator-form-title" novalidate>
            <input type="hidden" name="task_id" value=task_id />
            <div class="form-group">
                <div class="form-tit"><label for="ind-name">{t(Key::IndicatorName)}</label></div>
                <div class="form-conts">
                    <input type="text" id="ind-name" name="name" class="krds-input" required maxlength="100" value=value("name")
                        aria-invalid=invalid("name") aria-describedby="ind-name-error" />
                    <FieldMessage error=field_error(error, "name") id="ind-name-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit"><label for="ind-unit">{t(Key::IndicatorUnit)}</label></div>
                <div class="form-conts">
                    <input type="text" id="ind-unit" name="unit" class="krds-input input-number" required maxlength="20" value=value("unit")
                        aria-invalid=invalid("unit") aria-describedby="ind-unit-hint ind-unit-error" />
                    <span class="form-hint" id="ind-unit-hint">{t(Key::IndicatorUnitHint)}</span>
                    <FieldMessage error=field_error(error, "unit") id="ind-unit-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit"><label for="ind-baseline">{t(Key::IndicatorBaseline)}</label></div>
                <div class="form-conts">
                    <input type="text" inputmode="decimal" id="ind-baseline" name="baseline" class="krds-input input-number" required value=value("baseline")
                        aria-invalid=invalid("baseline") aria-describedby="ind-baseline-error" />
                    <FieldMessage error=field_error(error, "baseline") id="ind-baseline-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit"><label for="ind-target">{t(Key::IndicatorTarget)}</label></div>
                <div class="form-conts">
                    <input type="text" inputmode="decimal" id="ind-target" name="target" class="krds-input input-number" required value=value("target")
                        aria-invalid=invalid("target") aria-describedby="ind-target-hint ind-target-error" />
                    <span class="form-hint" id="ind-target-hint">{t(Key::IndicatorTargetHint)}</span>
                    <FieldMessage error=field_error(error, "target") id="ind-target-error" />
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" id="ind-submit" class="krds-btn medium primary">{t(Key::IndicatorAdd)}</button>
            </div>
        </form>
    }
}

// ---------------------------------------------------------------------------
// Progress updates

#[component]
fn Updates(task_id: i64, updates: Vec<UpdateDto>, can_edit: bool) -> impl IntoView {
    let empty = updates.is_empty();
    view! {
        <section class="page-section" id="updates" aria-labelledby="updates-title">
            <h3 class="section-title" id="updates-title">{t(Key::UpdatesTitle)}</h3>
            {can_edit.then(|| view! { <UpdateForm task_id /> })}
            {empty.then(|| view! { <p id="no-updates">{t(Key::NoUpdates)}</p> })}
            <ol class="update-list" id="update-list" reversed>
                {updates.into_iter().map(|u| view! {
                    <li class="update" id=format!("update-{}", u.id)>
                        <p class="update-meta">
                            <strong>{u.author_name.clone()}</strong>" · "<time datetime=u.created_at.clone()>{kst(&u.created_at)}</time>
                        </p>
                        <p class="pre-line update-body">{u.body.clone()}</p>
                        {(!u.links.is_empty()).then(|| view! {
                            <ul class="update-links" aria-label=t(Key::UpdateLinks)>
                                // Links people typed: not endorsed (nofollow), user content (ugc).
                                {u.links.iter().map(|l| view! { <li><a href=l.clone() rel="nofollow ugc">{l.clone()}</a></li> }).collect_view()}
                            </ul>
                        })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

/// The form that posts a progress update (task-force members).
#[component]
fn UpdateForm(task_id: i64) -> impl IntoView {
    let error = posted_error(UPDATE_URL);
    let invalid = move |name: &'static str| error.get_untracked().and_then(|e| e.field(name).map(|_| "true"));
    view! {
        <h4 class="subsection-title" id="update-form-title">{t(Key::UpdateFormTitle)}</h4>
        <ErrorSummary error id="update-form-error" />
        <form method="post" action=UPDATE_URL id="update-form" class="account-form" aria-labelledby="update-form-title" novalidate>
            <input type="hidden" name="task_id" value=task_id />
            <div class="form-group">
                <div class="form-tit"><label for="update-body">{t(Key::UpdateBody)}</label></div>
                <div class="form-conts">
                    <textarea id="update-body" name="body" class="krds-input" rows="5" required
                        aria-invalid=invalid("body") aria-describedby="update-body-hint update-body-error">{echoed(error, "body")}</textarea>
                    <span class="form-hint" id="update-body-hint">{t(Key::UpdateBodyHint)}</span>
                    <FieldMessage error=field_error(error, "body") id="update-body-error" />
                </div>
            </div>
            <fieldset class="update-link-fields" aria-describedby="update-links-hint update-links-error">
                <legend>{t(Key::UpdateLinks)}<span class="optional">" ("{t(Key::Optional)}")"</span></legend>
                <span class="form-hint" id="update-links-hint">{t(Key::UpdateLinksHint)}</span>
                {(1..=UPDATE_LINK_FIELDS).map(|n| {
                    let name = format!("link{n}");
                    view! {
                        <div class="criterion-input">
                            <label for=format!("update-link-{n}")>{t(Key::UpdateLinkLabel).replace("{n}", &n.to_string())}</label>
                            <input type="url" id=format!("update-link-{n}") name=name.clone() class="krds-input" maxlength="500"
                                value=echoed(error, &name) aria-invalid=invalid("links") />
                        </div>
                    }
                }).collect_view()}
                <FieldMessage error=field_error(error, "links") id="update-links-error" />
            </fieldset>
            <div class="form-actions">
                <button type="submit" id="update-submit" class="krds-btn medium primary">{t(Key::UpdateSubmit)}</button>
            </div>
        </form>
    }
}

// ---------------------------------------------------------------------------
// Health

/// Overrides the health with a reason, or returns to the derived one
/// (task-force members).
#[component]
fn HealthForm(task_id: i64, health: Health, overridden: bool) -> impl IntoView {
    let error = posted_error(HEALTH_URL);
    let clear_error = posted_error(CLEAR_HEALTH_URL);
    let chosen = error.get_untracked().and_then(|e| e.echoed("health").and_then(Health::parse)).unwrap_or(health);
    let invalid = move |name: &'static str| error.get_untracked().and_then(|e| e.field(name).map(|_| "true"));
    view! {
        <section class="page-section round-action" id="health" aria-labelledby="health-form-title">
            <h3 class="section-title" id="health-form-title">{t(Key::HealthFormTitle)}</h3>
            <p class="form-hint">{t(Key::HealthFormLead)}</p>
            <ErrorSummary error id="health-form-error" />
            <form method="post" action=HEALTH_URL id="health-form" class="account-form" aria-labelledby="health-form-title" novalidate>
                <input type="hidden" name="task_id" value=task_id />
                <div class="form-group">
                    <div class="form-tit"><label for="health-value">{t(Key::TaskHealth)}</label></div>
                    <div class="form-conts">
                        <select id="health-value" name="health" class="krds-form-select" aria-invalid=invalid("health") aria-describedby="health-value-error">
                            {Health::ALL.into_iter().map(|h| view! {
                                <option value=h.as_str() selected=h == chosen>{t(health_key(h))}</option>
                            }).collect_view()}
                        </select>
                        <FieldMessage error=field_error(error, "health") id="health-value-error" />
                    </div>
                </div>
                <div class="form-group">
                    <div class="form-tit"><label for="health-reason">{t(Key::HealthReason)}</label></div>
                    <div class="form-conts">
                        <textarea id="health-reason" name="reason" class="krds-input" rows="3" required
                            aria-invalid=invalid("reason") aria-describedby="health-reason-hint health-reason-error">{echoed(error, "reason")}</textarea>
                        <span class="form-hint" id="health-reason-hint">{t(Key::HealthReasonHint)}</span>
                        <FieldMessage error=field_error(error, "reason") id="health-reason-error" />
                    </div>
                </div>
                <div class="form-actions">
                    <button type="submit" id="health-submit" class="krds-btn medium primary">{t(Key::HealthOverride)}</button>
                </div>
            </form>
            {overridden.then(|| view! {
                <ErrorSummary error=clear_error id="health-clear-error" />
                <form method="post" action=CLEAR_HEALTH_URL id="health-clear-form" class="inline-form">
                    <input type="hidden" name="task_id" value=task_id />
                    <button type="submit" id="health-clear" class="krds-btn medium secondary">{t(Key::HealthClear)}</button>
                </form>
            })}
        </section>
    }
}
