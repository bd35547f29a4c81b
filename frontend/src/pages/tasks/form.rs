//! `/tasks/new`: makes a task (과제) — from a selected proposal (admins of
//! its process) or directly (global admins). The page is shown to people
//! who administer at least one process (the header's own check); the
//! service decides on each task and answers `forbidden` otherwise, which the
//! form shows with what was typed. A plain form post, with or without
//! JavaScript.

use super::kind_key;
use crate::api::{CreateTask, current_user, list_areas, list_organisations, list_proposals, list_regions, my_access};
use crate::components::form::{ErrorSummary, FieldMessage, echoed, field_error, posted_error};
use crate::i18n::{Key, t, use_locale};
use crate::pages::forbidden::Forbidden;
use crate::pages::review::sign_in_redirect;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use shared::execution::TaskKind;
use shared::participation::ProposalQuery;
use shared::reference::localized;

const CREATE_URL: &str = <CreateTask as ServerFn>::PATH;

/// How many selected proposals the form offers.
const PROPOSAL_CHOICES: u32 = 100;

/// `/tasks/new`.
#[component]
pub fn NewTaskPage() -> impl IntoView {
    crate::pages::private_page();
    let user = Resource::new(|| (), |_| current_user());
    let access = Resource::new(|| (), |_| my_access());
    let areas = Resource::new(|| (), |_| list_areas());
    let regions = Resource::new(|| (), |_| list_regions());
    let organisations = Resource::new(|| (), |_| list_organisations());
    let proposals = Resource::new(
        || (),
        |_| list_proposals(ProposalQuery { status: Some("selected".into()), limit: Some(PROPOSAL_CHOICES), ..ProposalQuery::default() }),
    );
    view! {
        <Title text=t(Key::TaskNewTitle) />
        <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(Some(_)) => {}
                    Ok(None) => return sign_in_redirect("/tasks/new"),
                    Err(_) => return view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                }
                if !access.await.map(|a| a.manage_processes).unwrap_or(false) {
                    return view! { <Forbidden /> }.into_any();
                }
                let areas = areas.await.unwrap_or_default();
                let regions = regions.await.unwrap_or_default();
                let organisations = organisations.await.unwrap_or_default();
                let proposals = proposals.await.map(|p| p.items).unwrap_or_default();
                let locale = use_locale();
                let error = posted_error(CREATE_URL);
                let value = move |name: &str| echoed(error, name);
                let field = move |name: &'static str| field_error(error, name);
                let invalid = move |name: &'static str| error.get_untracked().and_then(|e| e.field(name).map(|_| "true"));
                let kind = Some(value("kind")).filter(|k| !k.is_empty()).unwrap_or_else(|| TaskKind::Priority.as_str().to_owned());
                let (area, region, lead, proposal) = (value("area_code"), value("region_code"), value("lead_organisation_id"), value("proposal_id"));
                let partners: Vec<i64> = value("partner_organisation_ids").split(',').filter_map(|id| id.trim().parse().ok()).collect();
                view! {
                    <section class="page-section" aria-labelledby="task-new-heading">
                        <p class="back-link"><a href="/tasks">{t(Key::BackToTasks)}</a></p>
                        <h2 class="page-title" id="task-new-heading">{t(Key::TaskNewTitle)}</h2>
                        <p class="lead">{t(Key::TaskNewLead)}</p>
                        <ErrorSummary error />
                        <form method="post" action=CREATE_URL id="task-form" class="account-form" aria-labelledby="task-new-heading" novalidate>
                            <div class="form-group">
                                <div class="form-tit"><label for="task-proposal">{t(Key::TaskProposal)}<span class="optional">" ("{t(Key::Optional)}")"</span></label></div>
                                <div class="form-conts">
                                    <select id="task-proposal" name="proposal_id" class="krds-form-select"
                                        aria-invalid=invalid("proposal_id") aria-describedby="task-proposal-hint task-proposal-error">
                                        <option value="">{t(Key::TaskNoProposal)}</option>
                                        {proposals.iter().map(|p| view! {
                                            <option value=p.id.to_string() selected=proposal == p.id.to_string()>{format!("#{} {}", p.id, p.title)}</option>
                                        }).collect_view()}
                                    </select>
                                    <span class="form-hint" id="task-proposal-hint">{t(Key::TaskProposalHint)}</span>
                                    <FieldMessage error=field("proposal_id") id="task-proposal-error" />
                                </div>
                            </div>
                            <div class="form-group">
                                <div class="form-tit"><label for="task-title-input">{t(Key::TaskTitleLabel)}</label></div>
                                <div class="form-conts">
                                    <input type="text" id="task-title-input" name="title" class="krds-input" required maxlength="200" value=value("title")
                                        aria-invalid=invalid("title") aria-describedby="task-title-error" />
                                    <FieldMessage error=field("title") id="task-title-error" />
                                </div>
                            </div>
                            <div class="form-group">
                                <div class="form-tit"><label for="task-description">{t(Key::TaskDescription)}<span class="optional">" ("{t(Key::Optional)}")"</span></label></div>
                                <div class="form-conts">
                                    <textarea id="task-description" name="description" class="krds-input" rows="6"
                                        aria-invalid=invalid("description") aria-describedby="task-description-error">{value("description")}</textarea>
                                    <FieldMessage error=field("description") id="task-description-error" />
                                </div>
                            </div>
                            <div class="form-group">
                                <div class="form-tit"><label for="task-kind">{t(Key::TaskKindLabel)}</label></div>
                                <div class="form-conts">
                                    <select id="task-kind" name="kind" class="krds-form-select" aria-invalid=invalid("kind") aria-describedby="task-kind-error">
                                        {TaskKind::ALL.into_iter().map(|k| view! {
                                            <option value=k.as_str() selected=kind == k.as_str()>{t(kind_key(k))}</option>
                                        }).collect_view()}
                                    </select>
                                    <FieldMessage error=field("kind") id="task-kind-error" />
                                </div>
                            </div>
                            <div class="form-group">
                                <div class="form-tit"><label for="task-area">{t(Key::FilterArea)}</label></div>
                                <div class="form-conts">
                                    <select id="task-area" name="area_code" class="krds-form-select" aria-invalid=invalid("area_code") aria-describedby="task-area-error">
                                        <option value="">{t(Key::ChooseOne)}</option>
                                        {areas.iter().map(|a| view! {
                                            <option value=a.code.clone() selected=area == a.code>{localized(locale, &a.name_ko, &a.name_en).to_owned()}</option>
                                        }).collect_view()}
                                    </select>
                                    <FieldMessage error=field("area_code") id="task-area-error" />
                                </div>
                            </div>
                            <div class="form-group">
                                <div class="form-tit"><label for="task-region">{t(Key::FilterRegion)}</label></div>
                                <div class="form-conts">
                                    <select id="task-region" name="region_code" class="krds-form-select" aria-invalid=invalid("region_code") aria-describedby="task-region-error">
                                        <option value="">{t(Key::ChooseOne)}</option>
                                        {regions.iter().map(|r| view! {
                                            <option value=r.code.clone() selected=region == r.code>{localized(locale, &r.name_ko, &r.name_en).to_owned()}</option>
                                        }).collect_view()}
                                    </select>
                                    <FieldMessage error=field("region_code") id="task-region-error" />
                                </div>
                            </div>
                            <div class="form-group">
                                <div class="form-tit"><label for="task-lead">{t(Key::TaskLeadOrganisation)}</label></div>
                                <div class="form-conts">
                                    <select id="task-lead" name="lead_organisation_id" class="krds-form-select"
                                        aria-invalid=invalid("lead_organisation_id") aria-describedby="task-lead-error">
                                        <option value="">{t(Key::ChooseOne)}</option>
                                        {organisations.iter().map(|o| view! {
                                            <option value=o.id.to_string() selected=lead == o.id.to_string()>{o.name.clone()}</option>
                                        }).collect_view()}
                                    </select>
                                    <FieldMessage error=field("lead_organisation_id") id="task-lead-error" />
                                </div>
                            </div>
                            {(!organisations.is_empty()).then(|| view! {
                                <fieldset class="form-group organisation-choice" aria-describedby="task-partners-hint task-partners-error">
                                    <legend class="form-tit">{t(Key::TaskPartners)}<span class="optional">" ("{t(Key::Optional)}")"</span></legend>
                                    <div class="form-conts">
                                        <p class="form-hint" id="task-partners-hint">{t(Key::TaskPartnersHint)}</p>
                                        <ul class="krds-form-check-group organisation-list" id="task-partners">
                                            {organisations.iter().map(|o| {
                                                let cid = format!("task-partner-{}", o.id);
                                                view! {
                                                    <li class="krds-form-check">
                                                        <input type="checkbox" name="partner_organisation_ids[]" id=cid.clone() value=o.id.to_string()
                                                            checked=partners.contains(&o.id) />
                                                        <label for=cid>{o.name.clone()}</label>
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                        <FieldMessage error=field("partner_organisation_ids") id="task-partners-error" />
                                    </div>
                                </fieldset>
                            })}
                            <div class="form-actions">
                                <button type="submit" id="task-submit" class="krds-btn large primary">{t(Key::TaskCreate)}</button>
                            </div>
                        </form>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}
