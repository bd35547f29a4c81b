//! `/proposals/new` and `/proposals/:id/edit`: the structured proposal form.
//!
//! A plain form post to `save_proposal` with two buttons (draft, publish);
//! after an error the server comes back here with the error and the typed
//! values. The title and problem fields are an island: while the person
//! types, it asks for similar proposals (debounced) and lists them, so an
//! existing proposal gets a support instead of a duplicate. Without
//! JavaScript the server renders the same list after a failed post or when
//! the page is opened with `?title=`.

use crate::api::{
    FnError, SaveProposal, current_user, get_proposal, list_areas, list_organisations, list_processes, list_regions, similar_proposals,
};
use crate::components::form::{ErrorSummary, FieldMessage, echoed, field_error, posted_error};
use crate::i18n::{Key, t, use_locale};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::error::FieldError;
use shared::participation::{PhaseKind, ProposalDto, ProposalSummary};
use shared::reference::localized;

const SAVE_URL: &str = <SaveProposal as ServerFn>::PATH;

/// `/proposals/new`.
#[component]
pub fn NewProposalPage() -> impl IntoView {
    view! { <ProposalFormPage id=None /> }
}

/// `/proposals/:id/edit`.
#[component]
pub fn EditProposalPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    match id {
        Some(id) => view! { <ProposalFormPage id=Some(id) /> }.into_any(),
        None => view! { <crate::pages::not_found::NotFound /> }.into_any(),
    }
}

/// The values the form starts with.
#[derive(Clone, Default)]
struct Values {
    process_id: String,
    title: String,
    problem: String,
    solution: String,
    effect: String,
    area_code: String,
    region_code: String,
    tags: String,
    /// The collaborating organisations ticked.
    organisation_ids: Vec<i64>,
}

impl Values {
    fn from_proposal(p: &ProposalDto) -> Self {
        Self {
            process_id: p.process_id.to_string(),
            title: p.title.clone(),
            problem: p.problem.clone(),
            solution: p.solution.clone(),
            effect: p.effect.clone(),
            area_code: p.area_code.clone(),
            region_code: p.region_code.clone(),
            tags: p.tags.join(", "),
            organisation_ids: p.organisations.iter().map(|o| o.id).collect(),
        }
    }

    fn from_echo(error: Signal<Option<FnError>>) -> Self {
        Self {
            process_id: echoed(error, "process_id"),
            title: echoed(error, "title"),
            problem: echoed(error, "problem"),
            solution: echoed(error, "solution"),
            effect: echoed(error, "effect"),
            area_code: echoed(error, "area_code"),
            region_code: echoed(error, "region_code"),
            tags: echoed(error, "tags"),
            organisation_ids: echoed(error, "organisation_ids").split(',').filter_map(|id| id.trim().parse().ok()).collect(),
        }
    }
}

#[component]
fn ProposalFormPage(id: Option<i64>) -> impl IntoView {
    crate::pages::private_page();
    let error = posted_error(SAVE_URL);
    let title_param = use_query_map().with_untracked(|q| q.get("title")).filter(|t| !t.trim().is_empty());
    let here = match id {
        Some(id) => format!("/proposals/{id}/edit"),
        None => "/proposals/new".to_owned(),
    };
    let user = Resource::new(|| (), |_| current_user());
    let existing = Resource::new(|| (), move |_| async move {
        match id {
            Some(id) => get_proposal(id).await.map(Some),
            None => Ok(None),
        }
    });
    let processes = Resource::new(|| (), |_| list_processes());
    let areas = Resource::new(|| (), |_| list_areas());
    let regions = Resource::new(|| (), |_| list_regions());
    let organisations = Resource::new(|| (), |_| list_organisations());
    let page_title = if id.is_some() { Key::EditProposalTitle } else { Key::NewProposalTitle };
    view! {
        <Title text=t(page_title) />
        <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
            {move || {
                let (here, title_param) = (here.clone(), title_param.clone());
                Suspend::new(async move {
                    match user.await {
                        Ok(Some(_)) => {}
                        Ok(None) => {
                            let to = format!("/sign-in?next={}", crate::components::layout::encode_component(&here));
                            return view! { <Redirect path=to /> }.into_any();
                        }
                        Err(_) => return view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                    }
                    let existing = match existing.await {
                        Ok(p) => p,
                        Err(e) if e.code() == shared::ErrorCode::NotFound => return view! { <crate::pages::not_found::NotFound /> }.into_any(),
                        Err(_) => return view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                    };
                    if existing.as_ref().is_some_and(|p| !p.editable) {
                        return view! { <crate::pages::forbidden::Forbidden /> }.into_any();
                    }
                    let mut values = if error.get_untracked().is_some() {
                        Values::from_echo(error)
                    } else {
                        existing.as_ref().map(Values::from_proposal).unwrap_or_default()
                    };
                    if values.title.is_empty() {
                        values.title = title_param.clone().unwrap_or_default();
                    }
                    let processes = processes.await.unwrap_or_default();
                    if values.process_id.is_empty() {
                        // The process taking proposals now, if there is one.
                        if let Some(p) = processes.iter().find(|p| p.current_phase == Some(PhaseKind::Intake)) {
                            values.process_id = p.id.to_string();
                        }
                    }
                    // Without JavaScript the server shows the similar proposals
                    // when there is a title to compare (after an error, or `?title=`).
                    let similar = if id.is_none() && !values.title.trim().is_empty() {
                        similar_proposals(values.title.clone(), values.problem.clone()).await.unwrap_or_default()
                    } else {
                        Vec::new()
                    };
                    let areas = areas.await.unwrap_or_default();
                    let regions = regions.await.unwrap_or_default();
                    // Optional: without the list the form still works (nobody named).
                    let organisations = organisations.await.unwrap_or_default();
                    let locale = use_locale();
                    let field = move |name: &'static str| field_error(error, name);
                    let invalid = move |name: &'static str| error.get_untracked().and_then(|e| e.field(name).map(|_| "true"));
                    view! {
                        <section class="page-section proposal-form">
                            <h2 class="page-title">{t(page_title)}</h2>
                            <p class="lead">{t(Key::ProposalFormLead)}</p>
                            <ErrorSummary error />
                            <form method="post" action=SAVE_URL id="proposal-form" novalidate>
                                {id.map(|id| view! { <input type="hidden" name="id" value=id /> })}
                                <div class="form-group">
                                    <div class="form-tit"><label for="proposal-process">{t(Key::FilterProcess)}</label></div>
                                    <div class="form-conts">
                                        <select id="proposal-process" name="process_id" class="krds-form-select" aria-invalid=invalid("process_id") aria-describedby="proposal-process-error">
                                            <option value="">{t(Key::ChooseOne)}</option>
                                            {processes.iter().map(|p| view! { <option value=p.id.to_string() selected=values.process_id == p.id.to_string()>{p.title.clone()}</option> }).collect_view()}
                                        </select>
                                        <FieldMessage error=field("process_id") id="proposal-process-error" />
                                    </div>
                                </div>
                                <ProposalTextFields
                                    title=values.title.clone()
                                    problem=values.problem.clone()
                                    title_error=field("title").get_untracked()
                                    problem_error=field("problem").get_untracked()
                                    similar
                                    compare=id.is_none()
                                />
                                <TextArea name="solution" id="proposal-solution" label=Key::ProposalSolution hint=Key::ProposalSolutionHint value=values.solution.clone() error=field("solution") rows=8 />
                                <TextArea name="effect" id="proposal-effect" label=Key::ProposalEffect hint=Key::ProposalEffectHint value=values.effect.clone() error=field("effect") rows=5 />
                                <div class="form-group">
                                    <div class="form-tit"><label for="proposal-area">{t(Key::FilterArea)}</label></div>
                                    <div class="form-conts">
                                        <select id="proposal-area" name="area_code" class="krds-form-select" aria-invalid=invalid("area_code") aria-describedby="proposal-area-error">
                                            <option value="">{t(Key::ChooseOne)}</option>
                                            {areas.iter().map(|a| view! { <option value=a.code.clone() selected=values.area_code == a.code>{localized(locale, &a.name_ko, &a.name_en).to_owned()}</option> }).collect_view()}
                                        </select>
                                        <FieldMessage error=field("area_code") id="proposal-area-error" />
                                    </div>
                                </div>
                                <div class="form-group">
                                    <div class="form-tit"><label for="proposal-region">{t(Key::FilterRegion)}</label></div>
                                    <div class="form-conts">
                                        <select id="proposal-region" name="region_code" class="krds-form-select" aria-invalid=invalid("region_code") aria-describedby="proposal-region-error">
                                            <option value="">{t(Key::ChooseOne)}</option>
                                            {regions.iter().map(|r| view! { <option value=r.code.clone() selected=values.region_code == r.code>{localized(locale, &r.name_ko, &r.name_en).to_owned()}</option> }).collect_view()}
                                        </select>
                                        <FieldMessage error=field("region_code") id="proposal-region-error" />
                                    </div>
                                </div>
                                <div class="form-group">
                                    <div class="form-tit"><label for="proposal-tags">{t(Key::ProposalTags)}</label></div>
                                    <div class="form-conts">
                                        <p class="form-hint" id="proposal-tags-hint">{t(Key::ProposalTagsHint)}</p>
                                        <input type="text" id="proposal-tags" name="tags" class="krds-input" value=values.tags.clone() aria-invalid=invalid("tags") aria-describedby="proposal-tags-hint proposal-tags-error" />
                                        <FieldMessage error=field("tags") id="proposal-tags-error" />
                                    </div>
                                </div>
                                {(!organisations.is_empty()).then(|| view! {
                                    <fieldset class="form-group organisation-choice" aria-describedby="proposal-organisations-hint proposal-organisations-error">
                                        <legend class="form-tit">{t(Key::ProposalOrganisations)}<span class="optional">" ("{t(Key::Optional)}")"</span></legend>
                                        <div class="form-conts">
                                            <p class="form-hint" id="proposal-organisations-hint">{t(Key::ProposalOrganisationsHint)}</p>
                                            <ul class="krds-form-check-group organisation-list" id="proposal-organisations">
                                                {organisations.iter().map(|o| {
                                                    let cid = format!("proposal-org-{}", o.id);
                                                    view! {
                                                        <li class="krds-form-check">
                                                            // `[]`: the server function reads the ticked boxes as a list.
                                                            <input type="checkbox" name="organisation_ids[]" id=cid.clone() value=o.id.to_string()
                                                                checked=values.organisation_ids.contains(&o.id) />
                                                            <label for=cid>{o.name.clone()}</label>
                                                        </li>
                                                    }
                                                }).collect_view()}
                                            </ul>
                                            <FieldMessage error=field("organisation_ids") id="proposal-organisations-error" />
                                        </div>
                                    </fieldset>
                                })}
                                <div class="form-actions">
                                    <button type="submit" name="intent" value="draft" id="proposal-save-draft" class="krds-btn large secondary">{t(Key::SaveDraft)}</button>
                                    " "
                                    <button type="submit" name="intent" value="publish" id="proposal-publish" class="krds-btn large primary">{t(Key::Publish)}</button>
                                </div>
                            </form>
                        </section>
                    }.into_any()
                })
            }}
        </Suspense>
    }
}

/// A labelled textarea with its hint and error.
#[component]
fn TextArea(
    name: &'static str,
    id: &'static str,
    label: Key,
    hint: Key,
    value: String,
    error: Signal<Option<FieldError>>,
    rows: u32,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = format!("{hint_id} {error_id}");
    let invalid = error.get_untracked().is_some().then_some("true");
    view! {
        <div class="form-group">
            <div class="form-tit"><label for=id>{t(label)}</label></div>
            <div class="form-conts">
                <p class="form-hint" id=hint_id>{t(hint)}</p>
                <textarea id=id name=name class="krds-input" rows=rows required aria-invalid=invalid aria-describedby=described>{value}</textarea>
                <FieldMessage error id=error_id />
            </div>
        </div>
    }
}

/// How long the form waits after the last keystroke before asking.
const SIMILAR_DEBOUNCE_MS: u64 = 400;

/// The title and problem fields, and the similar proposals found for them
/// (`similar`: what the server found already). `compare` is off when editing.
#[island]
fn ProposalTextFields(
    title: String,
    problem: String,
    title_error: Option<FieldError>,
    problem_error: Option<FieldError>,
    similar: Vec<ProposalSummary>,
    compare: bool,
) -> impl IntoView {
    let title_now = StoredValue::new(title.clone());
    let problem_now = StoredValue::new(problem.clone());
    let found = RwSignal::new(similar);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let ask = move || {
        if !compare {
            return;
        }
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                let (title, text) = (title_now.get_value(), problem_now.get_value());
                if shared::text::char_len(title.trim()) < 2 {
                    found.set(Vec::new());
                    return;
                }
                leptos::task::spawn_local(async move {
                    // A failed lookup leaves the list as it was: it is only a hint.
                    if let Ok(list) = similar_proposals(title, text).await {
                        found.set(list);
                    }
                });
            },
            std::time::Duration::from_millis(SIMILAR_DEBOUNCE_MS),
        )
        .ok();
        pending.set_value(handle);
    };
    let title_err = Signal::stored(title_error);
    let problem_err = Signal::stored(problem_error);
    view! {
        <div class="form-group">
            <div class="form-tit"><label for="proposal-title">{t(Key::ProposalTitleLabel)}</label></div>
            <div class="form-conts">
                <p class="form-hint" id="proposal-title-hint">{t(Key::ProposalTitleHint)}</p>
                <input type="text" id="proposal-title" name="title" class="krds-input" value=title required
                    aria-invalid=move || title_err.get().map(|_| "true")
                    aria-describedby="proposal-title-hint proposal-title-error similar-proposals"
                    on:input=move |ev| { title_now.set_value(event_target_value(&ev)); ask(); } />
                <FieldMessage error=title_err id="proposal-title-error" />
            </div>
        </div>
        <div id="similar-proposals" class="similar-proposals" aria-live="polite">
            {move || {
                let list = found.get();
                (!list.is_empty()).then(|| view! {
                    <div class="krds-notice similar-box">
                        <p class="similar-title">{t(Key::SimilarTitle)}</p>
                        <ul>
                            {list.into_iter().map(|p| view! {
                                <li><a href=format!("/proposals/{}", p.id) target="_blank" rel="noopener">{p.title}</a>" ("{t(Key::SupportCountLabel)}" "{p.support_count}")"</li>
                            }).collect_view()}
                        </ul>
                    </div>
                })
            }}
        </div>
        <div class="form-group">
            <div class="form-tit"><label for="proposal-problem">{t(Key::ProposalProblem)}</label></div>
            <div class="form-conts">
                <p class="form-hint" id="proposal-problem-hint">{t(Key::ProposalProblemHint)}</p>
                <textarea id="proposal-problem" name="problem" class="krds-input" rows="8" required
                    aria-invalid=move || problem_err.get().map(|_| "true")
                    aria-describedby="proposal-problem-hint proposal-problem-error"
                    on:input=move |ev| { problem_now.set_value(event_target_value(&ev)); ask(); }>{problem}</textarea>
                <FieldMessage error=problem_err id="proposal-problem-error" />
            </div>
        </div>
    }
}
