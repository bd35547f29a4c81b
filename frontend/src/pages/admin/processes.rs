//! `/admin/processes`: the participation processes (참여 과정) the admin may
//! change and, for global admins, the form that creates one;
//! `/admin/processes/:id`: the form that changes one.
//!
//! Phase dates are `datetime-local` fields in Korea Standard Time (what
//! people here read, DESIGN.md §5); the server function adds the offset and
//! the server stores UTC. A phase whose two fields are empty is not there.

use super::{AdminNav, admin_page};
use crate::api::{FnError, SaveProcess, admin_process, admin_processes, list_areas, list_regions, phase_field};
use crate::components::form::{ErrorSummary, FieldMessage, Notice, echoed, field_error, posted_error};
use crate::components::time::kst_input;
use crate::i18n::{Key, t, use_locale};
use crate::pages::account::level_key;
use crate::pages::forbidden::Forbidden;
use crate::pages::not_found::NotFound;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::ErrorCode;
use shared::access::AccessDto;
use shared::account::VerificationLevel;
use shared::participation::{PhaseKind, ProcessDto};
use shared::reference::{AreaDto, RegionDto, localized};
use std::sync::Arc;

const SAVE_URL: &str = <SaveProcess as ServerFn>::PATH;

const LEVELS: [VerificationLevel; 3] = [VerificationLevel::Unverified, VerificationLevel::Verified, VerificationLevel::Official];

/// The name of a phase.
pub fn phase_key(kind: PhaseKind) -> Key {
    match kind {
        PhaseKind::Intake => Key::PhaseIntake,
        PhaseKind::Deliberation => Key::PhaseDeliberation,
        PhaseKind::Review => Key::PhaseReview,
        PhaseKind::Selection => Key::PhaseSelection,
        PhaseKind::Execution => Key::PhaseExecution,
    }
}

/// `/admin/processes`.
#[component]
pub fn ProcessesPage() -> impl IntoView {
    view! {
        <Title text=t(Key::AdminProcesses) />
        {admin_page(Arc::new(|access| {
            if access.manage_processes {
                view! { <Processes access /> }.into_any()
            } else {
                view! { <Forbidden /> }.into_any()
            }
        }))}
    }
}

#[component]
fn Processes(access: AccessDto) -> impl IntoView {
    let list = Resource::new(|| (), |_| admin_processes());
    let areas = Resource::new(|| (), |_| list_areas());
    let regions = Resource::new(|| (), |_| list_regions());
    view! {
        <section class="page-section">
            <h2 class="page-title">{t(Key::AdminProcesses)}</h2>
            <AdminNav access current="/admin/processes" />
            <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    let (areas, regions) = (areas.await.unwrap_or_default(), regions.await.unwrap_or_default());
                    match list.await {
                        Ok(list) => view! {
                            <ProcessTable list />
                            {access.create_processes.then(|| view! {
                                <h3 class="section-title" id="process-form-title">{t(Key::ProcessCreateTitle)}</h3>
                                <ProcessForm process=None areas regions />
                            })}
                        }.into_any(),
                        Err(e) if e.code() == ErrorCode::Forbidden => view! { <Forbidden /> }.into_any(),
                        Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ProcessTable(list: Vec<ProcessDto>) -> impl IntoView {
    if list.is_empty() {
        return view! { <p id="no-processes">{t(Key::NoProcesses)}</p> }.into_any();
    }
    view! {
        <div class="krds-table-wrap scroll">
            <table class="tbl col data" id="process-table">
                <caption class="sr-only">{t(Key::ProcessTableCaption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(Key::ProcessTitle)}</th>
                        <th scope="col">{t(Key::ProcessSlug)}</th>
                        <th scope="col">{t(Key::ProcessCurrentPhase)}</th>
                        <th scope="col" class="num">{t(Key::ProcessProposalCount)}</th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|p| view! {
                        <tr>
                            <td><a href=format!("/admin/processes/{}", p.id) id=format!("process-{}", p.id)>{p.title.clone()}</a></td>
                            <td>{p.slug.clone()}</td>
                            <td>{t(p.current_phase.map_or(Key::PhaseNone, phase_key))}</td>
                            <td class="num">{p.proposal_count.map(|n| n.to_string()).unwrap_or_else(|| "—".to_owned())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// `/admin/processes/:id`.
#[component]
pub fn ProcessPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()));
    view! {
        <Title text=t(Key::ProcessEditTitle) />
        {admin_page(Arc::new(move |access| match id {
            Some(id) => view! { <EditProcess access id /> }.into_any(),
            None => view! { <NotFound /> }.into_any(),
        }))}
    }
}

#[component]
fn EditProcess(access: AccessDto, id: i64) -> impl IntoView {
    let process = Resource::new(move || id, admin_process);
    let areas = Resource::new(|| (), |_| list_areas());
    let regions = Resource::new(|| (), |_| list_regions());
    let (created, saved) = use_query_map().with_untracked(|q| (q.get("created").is_some(), q.get("saved").is_some()));
    view! {
        <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                let (areas, regions) = (areas.await.unwrap_or_default(), regions.await.unwrap_or_default());
                match process.await {
                    Ok(p) => view! {
                        <Title text=p.title.clone() />
                        <section class="page-section">
                            <p class="back-link"><a href="/admin/processes">{t(Key::BackToProcesses)}</a></p>
                            <h2 class="page-title" id="process-heading">{p.title.clone()}</h2>
                            <AdminNav access current="/admin/processes" />
                            {created.then(|| view! { <Notice id="process-created" text=Key::ProcessCreated /> })}
                            {saved.then(|| view! { <Notice id="process-saved" text=Key::ProcessSaved /> })}
                            <h3 class="section-title" id="process-form-title">{t(Key::ProcessEditTitle)}</h3>
                            <ProcessForm process=Some(p) areas regions />
                        </section>
                    }.into_any(),
                    Err(e) if e.code() == ErrorCode::NotFound => view! { <NotFound /> }.into_any(),
                    Err(e) if e.code() == ErrorCode::Forbidden => view! { <Forbidden /> }.into_any(),
                    Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What the form starts with: what was typed before a failed post, the
/// process being changed, or the defaults of a new one.
struct Values {
    title: String,
    slug: String,
    description: String,
    area_code: String,
    region_code: String,
    propose_level: String,
    support_level: String,
    support_threshold: String,
    supports_per_person: String,
    /// Per phase (in [`PhaseKind::ALL`] order): start and end, KST.
    phases: Vec<(PhaseKind, String, String)>,
}

impl Values {
    fn new(process: Option<&ProcessDto>, error: Signal<Option<FnError>>) -> Self {
        if error.get_untracked().is_some() {
            return Self {
                title: echoed(error, "title"),
                slug: echoed(error, "slug"),
                description: echoed(error, "description"),
                area_code: echoed(error, "area_code"),
                region_code: echoed(error, "region_code"),
                propose_level: echoed(error, "propose_level"),
                support_level: echoed(error, "support_level"),
                support_threshold: echoed(error, "support_threshold"),
                supports_per_person: echoed(error, "supports_per_person"),
                phases: PhaseKind::ALL
                    .into_iter()
                    .map(|k| (k, echoed(error, &format!("{}_starts", k.as_str())), echoed(error, &format!("{}_ends", k.as_str()))))
                    .collect(),
            };
        }
        let Some(p) = process else {
            return Self {
                title: String::new(),
                slug: String::new(),
                description: String::new(),
                area_code: String::new(),
                region_code: String::new(),
                propose_level: VerificationLevel::Unverified.as_str().to_owned(),
                support_level: VerificationLevel::Unverified.as_str().to_owned(),
                support_threshold: "100".to_owned(),
                supports_per_person: String::new(),
                phases: PhaseKind::ALL.into_iter().map(|k| (k, String::new(), String::new())).collect(),
            };
        };
        Self {
            title: p.title.clone(),
            slug: p.slug.clone(),
            description: p.description.clone(),
            area_code: p.area_code.clone().unwrap_or_default(),
            region_code: p.region_code.clone().unwrap_or_default(),
            propose_level: p.propose_level.as_str().to_owned(),
            support_level: p.support_level.as_str().to_owned(),
            support_threshold: p.support_threshold.to_string(),
            supports_per_person: p.supports_per_person.map(|n| n.to_string()).unwrap_or_default(),
            phases: PhaseKind::ALL
                .into_iter()
                .map(|k| match p.phases.iter().find(|ph| ph.kind == k) {
                    Some(ph) => (k, kst_input(&ph.starts_at), kst_input(&ph.ends_at)),
                    None => (k, String::new(), String::new()),
                })
                .collect(),
        }
    }
}

/// The process form: creates one (no `process`) or changes one.
#[component]
fn ProcessForm(process: Option<ProcessDto>, areas: Vec<AreaDto>, regions: Vec<RegionDto>) -> impl IntoView {
    let error = posted_error(SAVE_URL);
    let values = Values::new(process.as_ref(), error);
    let locale = use_locale();
    let invalid = move |name: &str| error.get_untracked().and_then(|e| e.field(name).map(|_| "true"));
    let field = move |name: &'static str| field_error(error, name);
    let level_select = move |name: &'static str, id: &'static str, label: Key, value: String| {
        view! {
            <div class="form-group">
                <div class="form-tit"><label for=id>{t(label)}</label></div>
                <div class="form-conts">
                    <select id=id name=name class="krds-form-select" aria-invalid=invalid(name) aria-describedby=format!("{id}-error")>
                        {LEVELS.into_iter().map(|l| view! { <option value=l.as_str() selected=value == l.as_str()>{t(level_key(l))}</option> }).collect_view()}
                    </select>
                    <FieldMessage error=field(name) id=format!("{id}-error") />
                </div>
            </div>
        }
    };
    view! {
        <ErrorSummary error id="process-form-error" />
        <form method="post" action=SAVE_URL id="process-form" class="account-form" aria-labelledby="process-form-title" novalidate>
            {process.as_ref().map(|p| view! { <input type="hidden" name="id" value=p.id /> })}
            <div class="form-group">
                <div class="form-tit"><label for="pf-title">{t(Key::ProcessTitle)}</label></div>
                <div class="form-conts">
                    <input type="text" id="pf-title" name="title" class="krds-input" required value=values.title
                        aria-invalid=invalid("title") aria-describedby="pf-title-error" />
                    <FieldMessage error=field("title") id="pf-title-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit"><label for="pf-slug">{t(Key::ProcessSlug)}</label></div>
                <div class="form-conts">
                    <p class="form-hint" id="pf-slug-hint">{t(Key::ProcessSlugHint)}</p>
                    <input type="text" id="pf-slug" name="slug" class="krds-input" required autocomplete="off" value=values.slug
                        aria-invalid=invalid("slug") aria-describedby="pf-slug-hint pf-slug-error" />
                    <FieldMessage error=field("slug") id="pf-slug-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit"><label for="pf-description">{t(Key::ProcessDescription)}</label></div>
                <div class="form-conts">
                    <p class="form-hint" id="pf-description-hint">{t(Key::ProcessDescriptionHint)}</p>
                    <textarea id="pf-description" name="description" class="krds-input" rows="5"
                        aria-invalid=invalid("description") aria-describedby="pf-description-hint pf-description-error">{values.description}</textarea>
                    <FieldMessage error=field("description") id="pf-description-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit"><label for="pf-area">{t(Key::FilterArea)}</label></div>
                <div class="form-conts">
                    <select id="pf-area" name="area_code" class="krds-form-select" aria-invalid=invalid("area_code") aria-describedby="pf-area-error">
                        <option value="" selected=values.area_code.is_empty()>{t(Key::AreaAny)}</option>
                        {areas.into_iter().map(|a| {
                            let selected = values.area_code == a.code;
                            view! { <option value=a.code.clone() selected=selected>{localized(locale, &a.name_ko, &a.name_en).to_owned()}</option> }
                        }).collect_view()}
                    </select>
                    <FieldMessage error=field("area_code") id="pf-area-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit"><label for="pf-region">{t(Key::FilterRegion)}</label></div>
                <div class="form-conts">
                    <select id="pf-region" name="region_code" class="krds-form-select" aria-invalid=invalid("region_code") aria-describedby="pf-region-error">
                        <option value="" selected=values.region_code.is_empty()>{t(Key::RegionAny)}</option>
                        {regions.into_iter().map(|r| {
                            let selected = values.region_code == r.code;
                            view! { <option value=r.code.clone() selected=selected>{localized(locale, &r.name_ko, &r.name_en).to_owned()}</option> }
                        }).collect_view()}
                    </select>
                    <FieldMessage error=field("region_code") id="pf-region-error" />
                </div>
            </div>
            {level_select("propose_level", "pf-propose-level", Key::ProcessProposeLevel, values.propose_level)}
            {level_select("support_level", "pf-support-level", Key::ProcessSupportLevel, values.support_level)}
            <div class="form-group">
                <div class="form-tit"><label for="pf-threshold">{t(Key::ProcessThreshold)}</label></div>
                <div class="form-conts">
                    <p class="form-hint" id="pf-threshold-hint">{t(Key::ProcessThresholdHint)}</p>
                    <input type="number" id="pf-threshold" name="support_threshold" class="krds-input" min="1" max="10000000" inputmode="numeric"
                        value=values.support_threshold aria-invalid=invalid("support_threshold") aria-describedby="pf-threshold-hint pf-threshold-error" />
                    <FieldMessage error=field("support_threshold") id="pf-threshold-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit">
                    <label for="pf-per-person">{t(Key::ProcessPerPerson)}<span class="optional">" ("{t(Key::Optional)}")"</span></label>
                </div>
                <div class="form-conts">
                    <p class="form-hint" id="pf-per-person-hint">{t(Key::ProcessPerPersonHint)}</p>
                    <input type="number" id="pf-per-person" name="supports_per_person" class="krds-input" min="1" inputmode="numeric"
                        value=values.supports_per_person aria-invalid=invalid("supports_per_person") aria-describedby="pf-per-person-hint pf-per-person-error" />
                    <FieldMessage error=field("supports_per_person") id="pf-per-person-error" />
                </div>
            </div>
            <h4 class="section-subtitle" id="pf-phases-title">{t(Key::ProcessPhases)}</h4>
            <p class="form-hint" id="pf-phases-hint">{t(Key::ProcessPhasesHint)}</p>
            {values.phases.into_iter().map(|(kind, starts, ends)| {
                let k = kind.as_str();
                let name = phase_field(kind);
                let error_id = format!("pf-{k}-error");
                let described = format!("pf-phases-hint {error_id}");
                let phase_invalid = invalid(&name);
                let phase_error = Signal::derive(move || error.get().and_then(|e| e.field(&name).cloned()));
                view! {
                    <fieldset class="form-group phase-dates" id=format!("pf-{k}")>
                        <legend class="form-tit">{t(phase_key(kind))}</legend>
                        <div class="form-conts phase-inputs">
                            <span class="phase-input">
                                <label for=format!("pf-{k}-starts")>{t(Key::PhaseStarts)}</label>
                                <input type="datetime-local" id=format!("pf-{k}-starts") name=format!("{k}_starts") class="krds-input"
                                    value=starts aria-invalid=phase_invalid aria-describedby=described.clone() />
                            </span>
                            " "
                            <span class="phase-input">
                                <label for=format!("pf-{k}-ends")>{t(Key::PhaseEnds)}</label>
                                <input type="datetime-local" id=format!("pf-{k}-ends") name=format!("{k}_ends") class="krds-input"
                                    value=ends aria-invalid=phase_invalid aria-describedby=described />
                            </span>
                            <FieldMessage error=phase_error id=error_id invalid=Key::ErrPhaseDates />
                        </div>
                    </fieldset>
                }
            }).collect_view()}
            <div class="form-actions">
                <button type="submit" id="pf-submit" class="krds-btn medium primary">
                    {t(if process.is_some() { Key::ProcessSave } else { Key::ProcessCreate })}
                </button>
            </div>
        </form>
    }
}
