//! `/admin/committees`: the review committees (심사위원회) the admin manages
//! and the form that creates one for a process; `/admin/committees/:id`:
//! one committee, its members (전문가, 민간위원, 공무원; who chairs), its
//! review rounds and the form that prepares a new round (rubric,
//! eligibility, reviewers per proposal, deadline, blind review, public
//! weight, aggregation method).
//!
//! The membership is replaced as a whole on each change (the service takes
//! the whole list): the server functions read the committee, change the one
//! member and send the list back. The deadline is a `datetime-local` field in
//! Korea Standard Time, as in the process form.

use super::{AdminNav, admin_page};
use crate::api::{
    AddCommitteeMember, CRITERION_ROWS, CreateCommittee, CreateRound, FnError, RemoveCommitteeMember, SetCommitteeChair,
    admin_processes, committee, committees, criterion_field, list_areas, list_organisations, list_regions,
};
use crate::components::form::{ErrorSummary, FieldMessage, Notice, echoed, field_error, posted_error};
use crate::i18n::{Key, t, use_locale};
use crate::pages::forbidden::Forbidden;
use crate::pages::not_found::NotFound;
use crate::pages::review::{RoundTable, aggregation_hint_key, aggregation_key, member_kind_key};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::ErrorCode;
use shared::access::{AccessDto, OrganisationDto};
use shared::participation::{ProcessDto, ProposalStatus};
use shared::reference::{AreaDto, RegionDto, localized};
use shared::review::{Aggregation, CommitteeDto, CommitteeMemberDto, MemberKind};
use std::sync::Arc;

const CREATE_URL: &str = <CreateCommittee as ServerFn>::PATH;
const ADD_MEMBER_URL: &str = <AddCommitteeMember as ServerFn>::PATH;
const REMOVE_MEMBER_URL: &str = <RemoveCommitteeMember as ServerFn>::PATH;
const CHAIR_URL: &str = <SetCommitteeChair as ServerFn>::PATH;
const ROUND_URL: &str = <CreateRound as ServerFn>::PATH;

/// The rubric a new round starts with (the usual one of the government
/// innovation review): name, weight, on a 1–5 scale.
const DEFAULT_CRITERIA: [(Key, u32); 4] =
    [(Key::DefaultCriterionImpact, 30), (Key::DefaultCriterionFeasibility, 30), (Key::DefaultCriterionInnovation, 20), (Key::DefaultCriterionCollaboration, 20)];

/// The statuses a round may take proposals from (the review path's start).
const ELIGIBLE_STATUSES: [ProposalStatus; 2] = [ProposalStatus::Published, ProposalStatus::UnderReview];

/// `/admin/committees`.
#[component]
pub fn CommitteesPage() -> impl IntoView {
    view! {
        <Title text=t(Key::AdminCommittees) />
        {admin_page(Arc::new(|access| {
            if access.manage_processes {
                view! { <Committees access /> }.into_any()
            } else {
                view! { <Forbidden /> }.into_any()
            }
        }))}
    }
}

#[component]
fn Committees(access: AccessDto) -> impl IntoView {
    let list = Resource::new(|| (), |_| committees());
    let processes = Resource::new(|| (), |_| admin_processes());
    view! {
        <section class="page-section">
            <h2 class="page-title">{t(Key::AdminCommittees)}</h2>
            <AdminNav access current="/admin/committees" />
            <p class="lead">{t(Key::CommitteesLead)}</p>
            <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    let processes = processes.await.unwrap_or_default();
                    match list.await {
                        Ok(list) => view! {
                            <CommitteeTable list />
                            <h3 class="section-title" id="committee-form-title">{t(Key::CommitteeCreateTitle)}</h3>
                            <CommitteeForm processes />
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
fn CommitteeTable(list: Vec<CommitteeDto>) -> impl IntoView {
    if list.is_empty() {
        return view! { <p id="no-committees">{t(Key::NoCommittees)}</p> }.into_any();
    }
    view! {
        <div class="krds-table-wrap scroll">
            <table class="tbl col data" id="committee-table">
                <caption class="sr-only">{t(Key::CommitteeTableCaption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(Key::CommitteeName)}</th>
                        <th scope="col">{t(Key::FilterProcess)}</th>
                        <th scope="col" class="num">{t(Key::CommitteeMemberCount)}</th>
                        <th scope="col" class="num">{t(Key::CommitteeRoundCount)}</th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|c| view! {
                        <tr>
                            <td><a href=format!("/admin/committees/{}", c.id) id=format!("committee-{}", c.id)>{c.name.clone()}</a></td>
                            <td>{c.process_title.clone()}</td>
                            <td class="num">{c.members.len()}</td>
                            <td class="num">{c.rounds.len()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The form that creates a committee for one of the admin's processes.
#[component]
fn CommitteeForm(processes: Vec<ProcessDto>) -> impl IntoView {
    let error = posted_error(CREATE_URL);
    let (process, name, description) = (echoed(error, "process_id"), echoed(error, "name"), echoed(error, "description"));
    let invalid = move |name: &'static str| error.get_untracked().and_then(|e| e.field(name).map(|_| "true"));
    view! {
        <ErrorSummary error id="committee-form-error" />
        <form method="post" action=CREATE_URL id="committee-form" class="account-form" aria-labelledby="committee-form-title" novalidate>
            <div class="form-group">
                <div class="form-tit"><label for="cf-process">{t(Key::FilterProcess)}</label></div>
                <div class="form-conts">
                    <select id="cf-process" name="process_id" class="krds-form-select" required
                        aria-invalid=invalid("process_id") aria-describedby="cf-process-error">
                        <option value="" selected=process.is_empty()>{t(Key::ChooseOne)}</option>
                        {processes.into_iter().map(|p| {
                            let selected = process == p.id.to_string();
                            view! { <option value=p.id.to_string() selected=selected>{p.title.clone()}</option> }
                        }).collect_view()}
                    </select>
                    <FieldMessage error=field_error(error, "process_id") id="cf-process-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit"><label for="cf-name">{t(Key::CommitteeName)}</label></div>
                <div class="form-conts">
                    <input type="text" id="cf-name" name="name" class="krds-input" required maxlength="100" value=name
                        aria-invalid=invalid("name") aria-describedby="cf-name-error" />
                    <FieldMessage error=field_error(error, "name") id="cf-name-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit">
                    <label for="cf-description">{t(Key::CommitteeDescription)}<span class="optional">" ("{t(Key::Optional)}")"</span></label>
                </div>
                <div class="form-conts">
                    <textarea id="cf-description" name="description" class="krds-input" rows="4"
                        aria-invalid=invalid("description") aria-describedby="cf-description-error">{description}</textarea>
                    <FieldMessage error=field_error(error, "description") id="cf-description-error" />
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" id="cf-submit" class="krds-btn medium primary">{t(Key::CommitteeCreate)}</button>
            </div>
        </form>
    }
}

/// `/admin/committees/:id`.
#[component]
pub fn CommitteePage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()));
    view! {
        <Title text=t(Key::AdminCommittees) />
        {admin_page(Arc::new(move |access| match id {
            Some(id) => view! { <Committee access id /> }.into_any(),
            None => view! { <NotFound /> }.into_any(),
        }))}
    }
}

#[component]
fn Committee(access: AccessDto, id: i64) -> impl IntoView {
    let committee = Resource::new(move || id, committee);
    let organisations = Resource::new(|| (), |_| list_organisations());
    let areas = Resource::new(|| (), |_| list_areas());
    let regions = Resource::new(|| (), |_| list_regions());
    let notices = use_query_map().with_untracked(|q| {
        [
            ("created", "committee-created", Key::CommitteeCreated),
            ("member_added", "committee-member-added", Key::CommitteeMemberAdded),
            ("member_removed", "committee-member-removed", Key::CommitteeMemberRemoved),
            ("chair_set", "committee-chair-set", Key::ChairSet),
        ]
        .into_iter()
        .filter(|(param, _, _)| q.get(param).is_some())
        .map(|(_, id, key)| (id, key))
        .collect::<Vec<_>>()
    });
    view! {
        <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
            {move || {
                let notices = notices.clone();
                Suspend::new(async move {
                    let organisations = organisations.await.unwrap_or_default();
                    let (areas, regions) = (areas.await.unwrap_or_default(), regions.await.unwrap_or_default());
                    match committee.await {
                        Ok(c) => view! {
                            <Title text=c.name.clone() />
                            <section class="page-section">
                                <p class="back-link"><a href="/admin/committees">{t(Key::BackToCommittees)}</a></p>
                                <h2 class="page-title" id="committee-heading">{c.name.clone()}</h2>
                                <AdminNav access current="/admin/committees" />
                                {notices.into_iter().map(|(id, key)| view! { <Notice id text=key /> }).collect_view()}
                                <dl class="proposal-facts" id="committee-facts">
                                    <dt>{t(Key::FilterProcess)}</dt><dd>{c.process_title.clone()}</dd>
                                    {(!c.description.trim().is_empty()).then(|| view! {
                                        <dt>{t(Key::CommitteeDescription)}</dt><dd class="pre-line">{c.description.clone()}</dd>
                                    })}
                                </dl>
                                <MembersTable committee_id=c.id members=c.members.clone() />
                                <MemberForm committee_id=c.id organisations />
                                <h3 class="section-title" id="committee-rounds-title">{t(Key::CommitteeRounds)}</h3>
                                <RoundTable list=c.rounds.clone() id="committee-rounds" caption=Key::CommitteeRounds />
                                <h3 class="section-title" id="round-form-title">{t(Key::RoundCreateTitle)}</h3>
                                <RoundForm committee_id=c.id areas regions />
                            </section>
                        }.into_any(),
                        Err(e) if e.code() == ErrorCode::NotFound => view! { <NotFound /> }.into_any(),
                        Err(e) if e.code() == ErrorCode::Forbidden => view! { <Forbidden /> }.into_any(),
                        Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The problem with the membership as a whole (no chair, a person twice).
fn membership_message(error: Signal<Option<FnError>>) -> Option<AnyView> {
    let e = error.get_untracked()?;
    let f = e.field("members")?;
    let key = if f.code == shared::error::FieldProblem::Required { Key::ErrNeedChair } else { Key::ErrMembership };
    Some(view! { <p class="form-hint-invalid" role="alert" id="membership-error">{t(key)}</p> }.into_any())
}

#[component]
fn MembersTable(committee_id: i64, members: Vec<CommitteeMemberDto>) -> impl IntoView {
    let remove_error = posted_error(REMOVE_MEMBER_URL);
    let chair_error = posted_error(CHAIR_URL);
    view! {
        <h3 class="section-title" id="committee-members-title">{t(Key::CommitteeMembers)}</h3>
        <ErrorSummary error=remove_error id="remove-committee-member-error" />
        {membership_message(remove_error)}
        <ErrorSummary error=chair_error id="committee-chair-error" />
        {membership_message(chair_error)}
        {if members.is_empty() {
            view! { <p id="no-committee-members">{t(Key::NoCommitteeMembers)}</p> }.into_any()
        } else {
            view! {
                <div class="krds-table-wrap scroll">
                    <table class="tbl col data" id="committee-members">
                        <caption class="sr-only">{t(Key::CommitteeMembers)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t(Key::AccountName)}</th>
                                <th scope="col">{t(Key::MemberKindLabel)}</th>
                                <th scope="col">{t(Key::MemberOrganisation)}</th>
                                <th scope="col">{t(Key::MemberChair)}</th>
                                <th scope="col"><span class="sr-only">{t(Key::Actions)}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {members.into_iter().map(|m| {
                                let uid = m.user_id;
                                let name = m.display_name.clone();
                                view! {
                                    <tr id=format!("committee-member-{uid}")>
                                        <th scope="row">{m.display_name.clone()}<span class="member-id">" #"{uid}</span></th>
                                        <td>{t(member_kind_key(m.kind))}</td>
                                        <td>{m.organisation.as_ref().map(|o| o.name.clone()).unwrap_or_else(|| "—".to_owned())}</td>
                                        <td id=format!("committee-chair-{uid}")>
                                            {m.chair.then(|| view! { <span class="krds-badge chair-badge">{t(Key::MemberChair)}</span> })}
                                        </td>
                                        <td class="member-actions">
                                            <form method="post" action=CHAIR_URL class="inline-form">
                                                <input type="hidden" name="committee_id" value=committee_id />
                                                <input type="hidden" name="user_id" value=uid />
                                                <input type="hidden" name="chair" value=if m.chair { "0" } else { "1" } />
                                                <button type="submit" id=format!("toggle-chair-{uid}") class="krds-btn small secondary">
                                                    {t(if m.chair { Key::ChairUnset } else { Key::ChairMake })}
                                                    <span class="sr-only">{format!(": {name}")}</span>
                                                </button>
                                            </form>
                                            " "
                                            <form method="post" action=REMOVE_MEMBER_URL class="inline-form">
                                                <input type="hidden" name="committee_id" value=committee_id />
                                                <input type="hidden" name="user_id" value=uid />
                                                <button type="submit" id=format!("remove-committee-member-{uid}") class="krds-btn small tertiary">
                                                    {t(Key::MemberRemove)}
                                                    <span class="sr-only">{format!(": {name}")}</span>
                                                </button>
                                            </form>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}

/// Adds a member: an account (by e-mail for admins who may list accounts,
/// otherwise by its number), the kind of member, the organisation they sit
/// for (used to find conflicts of interest) and whether they chair.
#[component]
fn MemberForm(committee_id: i64, organisations: Vec<OrganisationDto>) -> impl IntoView {
    let error = posted_error(ADD_MEMBER_URL);
    let (user, kind, organisation, chair) = (echoed(error, "user"), echoed(error, "kind"), echoed(error, "organisation_id"), echoed(error, "chair"));
    let user_invalid = error.get_untracked().and_then(|e| e.field("user").is_some().then_some("true"));
    view! {
        <h3 class="section-title" id="committee-member-form-title">{t(Key::CommitteeMemberAddTitle)}</h3>
        <ErrorSummary error id="committee-member-form-error" conflict=Key::ErrAlreadyCommitteeMember />
        {membership_message(error)}
        <form method="post" action=ADD_MEMBER_URL id="committee-member-form" class="account-form" aria-labelledby="committee-member-form-title" novalidate>
            <input type="hidden" name="committee_id" value=committee_id />
            <div class="form-group">
                <div class="form-tit"><label for="cm-user">{t(Key::MemberAccount)}</label></div>
                <div class="form-conts">
                    <p class="form-hint" id="cm-user-hint">
                        {t(Key::MemberAccountHint)}" "<a href="/admin/users" id="cm-users-link">{t(Key::MemberAccountsLink)}</a>
                    </p>
                    <input type="text" id="cm-user" name="user" class="krds-input" required autocomplete="off" value=user
                        aria-invalid=user_invalid aria-describedby="cm-user-hint cm-user-error" />
                    <FieldMessage error=field_error(error, "user") id="cm-user-error" invalid=Key::ErrNoAccount />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit"><label for="cm-kind">{t(Key::MemberKindLabel)}</label></div>
                <div class="form-conts">
                    <select id="cm-kind" name="kind" class="krds-form-select">
                        {MemberKind::ALL.into_iter().map(|k| view! {
                            <option value=k.as_str() selected=kind == k.as_str()>{t(member_kind_key(k))}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit">
                    <label for="cm-organisation">{t(Key::MemberOrganisation)}<span class="optional">" ("{t(Key::Optional)}")"</span></label>
                </div>
                <div class="form-conts">
                    <p class="form-hint" id="cm-organisation-hint">{t(Key::MemberOrganisationHint)}</p>
                    <select id="cm-organisation" name="organisation_id" class="krds-form-select" aria-describedby="cm-organisation-hint cm-organisation-error">
                        <option value="" selected=organisation.is_empty()>{t(Key::NoOrganisation)}</option>
                        {organisations.into_iter().map(|o| {
                            let selected = organisation == o.id.to_string();
                            view! { <option value=o.id.to_string() selected=selected>{o.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                    <FieldMessage error=field_error(error, "organisation_id") id="cm-organisation-error" />
                </div>
            </div>
            <div class="form-group">
                <span class="krds-form-check">
                    <input type="checkbox" id="cm-chair" name="chair" value="1" checked=!chair.is_empty() aria-describedby="cm-chair-hint" />
                    <label for="cm-chair">{t(Key::MemberChairLabel)}</label>
                </span>
                <p class="form-hint" id="cm-chair-hint">{t(Key::MemberChairHint)}</p>
            </div>
            <div class="form-actions">
                <button type="submit" id="cm-submit" class="krds-btn medium primary">{t(Key::CommitteeMemberAdd)}</button>
            </div>
        </form>
    }
}

/// What the round form starts with: what was typed before a failed post,
/// or the defaults (the usual rubric, published and under review, mean).
struct RoundValues {
    title: String,
    description: String,
    /// Per row: name, weight, scale min, scale max.
    criteria: Vec<[String; 4]>,
    statuses: Vec<String>,
    min_supports: String,
    area_code: String,
    region_code: String,
    proposal_ids: String,
    reviewers_per_proposal: String,
    deadline: String,
    blind: bool,
    public_weight: String,
    aggregation: String,
}

impl RoundValues {
    fn new(error: Signal<Option<FnError>>) -> Self {
        if error.get_untracked().is_some() {
            let e = |name: &str| echoed(error, name);
            return Self {
                title: e("title"),
                description: e("description"),
                criteria: (0..CRITERION_ROWS)
                    .map(|i| [e(&format!("criterion_name_{i}")), e(&format!("criterion_weight_{i}")), e(&format!("criterion_min_{i}")), e(&format!("criterion_max_{i}"))])
                    .collect(),
                statuses: e("statuses").split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect(),
                min_supports: e("min_supports"),
                area_code: e("area_code"),
                region_code: e("region_code"),
                proposal_ids: e("proposal_ids"),
                reviewers_per_proposal: e("reviewers_per_proposal"),
                deadline: e("deadline"),
                blind: !e("blind").is_empty(),
                public_weight: e("public_weight"),
                aggregation: e("aggregation"),
            };
        }
        let mut criteria: Vec<[String; 4]> = DEFAULT_CRITERIA
            .iter()
            .map(|(name, weight)| [t(*name).to_owned(), weight.to_string(), "1".to_owned(), "5".to_owned()])
            .collect();
        criteria.resize(CRITERION_ROWS, Default::default());
        Self {
            title: String::new(),
            description: String::new(),
            criteria,
            statuses: ELIGIBLE_STATUSES.iter().map(|s| s.as_str().to_owned()).collect(),
            min_supports: String::new(),
            area_code: String::new(),
            region_code: String::new(),
            proposal_ids: String::new(),
            reviewers_per_proposal: String::new(),
            deadline: String::new(),
            blind: false,
            public_weight: "30".to_owned(),
            aggregation: Aggregation::Mean.as_str().to_owned(),
        }
    }
}

/// The form that prepares a round for this committee (a draft: it opens on
/// the round's page).
#[component]
fn RoundForm(committee_id: i64, areas: Vec<AreaDto>, regions: Vec<RegionDto>) -> impl IntoView {
    let error = posted_error(ROUND_URL);
    let v = RoundValues::new(error);
    let locale = use_locale();
    let invalid = move |name: &str| error.get_untracked().and_then(|e| e.field(name).map(|_| "true"));
    let field = move |name: &'static str| field_error(error, name);
    let number = move |name: &'static str, id: &'static str, label: Key, hint: Key, value: String, min: &'static str, max: &'static str| {
        view! {
            <div class="form-group">
                <div class="form-tit">
                    <label for=id>{t(label)}<span class="optional">" ("{t(Key::Optional)}")"</span></label>
                </div>
                <div class="form-conts">
                    <p class="form-hint" id=format!("{id}-hint")>{t(hint)}</p>
                    <input type="number" id=id name=name class="krds-input input-number" min=min max=max inputmode="numeric" value=value
                        aria-invalid=invalid(name) aria-describedby=format!("{id}-hint {id}-error") />
                    <FieldMessage error=field(name) id=format!("{id}-error") />
                </div>
            </div>
        }
    };
    view! {
        <ErrorSummary error id="round-form-error" />
        <form method="post" action=ROUND_URL id="round-form" class="account-form round-form" aria-labelledby="round-form-title" novalidate>
            <input type="hidden" name="committee_id" value=committee_id />
            <div class="form-group">
                <div class="form-tit"><label for="rf-title">{t(Key::RoundTitle)}</label></div>
                <div class="form-conts">
                    <input type="text" id="rf-title" name="title" class="krds-input" required maxlength="100" value=v.title
                        aria-invalid=invalid("title") aria-describedby="rf-title-error" />
                    <FieldMessage error=field("title") id="rf-title-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit">
                    <label for="rf-description">{t(Key::RoundDescription)}<span class="optional">" ("{t(Key::Optional)}")"</span></label>
                </div>
                <div class="form-conts">
                    <textarea id="rf-description" name="description" class="krds-input" rows="3"
                        aria-invalid=invalid("description") aria-describedby="rf-description-error">{v.description}</textarea>
                    <FieldMessage error=field("description") id="rf-description-error" />
                </div>
            </div>

            <fieldset class="form-group criteria-rows" id="rf-criteria" aria-describedby="rf-criteria-hint rf-criteria-error">
                <legend class="form-tit">{t(Key::CriteriaTitle)}</legend>
                <p class="form-hint" id="rf-criteria-hint">{t(Key::CriteriaHint)}</p>
                <FieldMessage error=field("criteria") id="rf-criteria-error" />
                {v.criteria.into_iter().enumerate().map(|(i, [name, weight, min, max])| {
                    let row = criterion_field(i);
                    let row_invalid = invalid(&row);
                    let row_error = Signal::derive(move || error.get().and_then(|e| e.field(&row).cloned()));
                    let error_id = format!("rf-crit-{i}-error");
                    let input = move |suffix: &str, key: Key, kind: &'static str, value: String, class: &'static str| {
                        let iid = format!("rf-crit-{suffix}-{i}");
                        view! {
                            <span class=format!("criterion-input {class}")>
                                <label for=iid.clone()>{t(key)}<span class="sr-only">{format!(" {}", i + 1)}</span></label>
                                <input type=kind id=iid name=format!("criterion_{suffix}[{i}]") class="krds-input" value=value
                                    aria-invalid=row_invalid aria-describedby=format!("rf-crit-{i}-error") />
                            </span>
                        }
                    };
                    view! {
                        <div class="criterion-row" id=format!("rf-crit-{i}")>
                            {input("name", Key::CriterionName, "text", name, "criterion-name")}
                            {input("weight", Key::CriterionWeight, "number", weight, "criterion-number")}
                            {input("min", Key::ScaleMin, "number", min, "criterion-number")}
                            {input("max", Key::ScaleMax, "number", max, "criterion-number")}
                            <FieldMessage error=row_error id=error_id invalid=Key::ErrCriterionRow />
                        </div>
                    }
                }).collect_view()}
            </fieldset>

            <fieldset class="form-group eligibility" id="rf-eligibility">
                <legend class="form-tit">{t(Key::EligibilityTitle)}</legend>
                <p class="form-hint">{t(Key::EligibilityHint)}</p>
                <div class="form-group">
                    <span class="form-tit" id="rf-statuses-label">{t(Key::EligibilityStatuses)}</span>
                    <div class="krds-form-check-group" role="group" aria-labelledby="rf-statuses-label" aria-describedby="rf-statuses-error">
                        {ELIGIBLE_STATUSES.into_iter().map(|s| {
                            let cid = format!("rf-status-{}", s.as_str());
                            let checked = v.statuses.iter().any(|x| x == s.as_str());
                            view! {
                                <span class="krds-form-check">
                                    <input type="checkbox" name="statuses[]" id=cid.clone() value=s.as_str() checked=checked />
                                    <label for=cid>{t(crate::pages::proposals::status_key(s))}</label>
                                </span>
                            }
                        }).collect_view()}
                    </div>
                    <FieldMessage error=field("statuses") id="rf-statuses-error" />
                </div>
                {number("min_supports", "rf-min-supports", Key::EligibilityMinSupports, Key::EligibilityMinSupportsHint, v.min_supports, "0", "100000000")}
                <div class="form-group">
                    <div class="form-tit"><label for="rf-area">{t(Key::FilterArea)}</label></div>
                    <div class="form-conts">
                        <select id="rf-area" name="area_code" class="krds-form-select" aria-invalid=invalid("area_code") aria-describedby="rf-area-error">
                            <option value="" selected=v.area_code.is_empty()>{t(Key::AreaAny)}</option>
                            {areas.into_iter().map(|a| {
                                let selected = v.area_code == a.code;
                                view! { <option value=a.code.clone() selected=selected>{localized(locale, &a.name_ko, &a.name_en).to_owned()}</option> }
                            }).collect_view()}
                        </select>
                        <FieldMessage error=field("area_code") id="rf-area-error" />
                    </div>
                </div>
                <div class="form-group">
                    <div class="form-tit"><label for="rf-region">{t(Key::FilterRegion)}</label></div>
                    <div class="form-conts">
                        <select id="rf-region" name="region_code" class="krds-form-select" aria-invalid=invalid("region_code") aria-describedby="rf-region-error">
                            <option value="" selected=v.region_code.is_empty()>{t(Key::RegionAny)}</option>
                            {regions.into_iter().map(|r| {
                                let selected = v.region_code == r.code;
                                view! { <option value=r.code.clone() selected=selected>{localized(locale, &r.name_ko, &r.name_en).to_owned()}</option> }
                            }).collect_view()}
                        </select>
                        <FieldMessage error=field("region_code") id="rf-region-error" />
                    </div>
                </div>
                <div class="form-group">
                    <div class="form-tit">
                        <label for="rf-proposal-ids">{t(Key::EligibilityProposalIds)}<span class="optional">" ("{t(Key::Optional)}")"</span></label>
                    </div>
                    <div class="form-conts">
                        <p class="form-hint" id="rf-proposal-ids-hint">{t(Key::EligibilityProposalIdsHint)}</p>
                        <input type="text" id="rf-proposal-ids" name="proposal_ids" class="krds-input" autocomplete="off" inputmode="numeric"
                            value=v.proposal_ids aria-invalid=invalid("proposal_ids") aria-describedby="rf-proposal-ids-hint rf-proposal-ids-error" />
                        <FieldMessage error=field("proposal_ids") id="rf-proposal-ids-error" />
                    </div>
                </div>
            </fieldset>

            {number("reviewers_per_proposal", "rf-reviewers", Key::RoundReviewers, Key::RoundReviewersHint, v.reviewers_per_proposal, "1", "50")}
            <div class="form-group">
                <div class="form-tit"><label for="rf-deadline">{t(Key::RoundDeadline)}</label></div>
                <div class="form-conts">
                    <p class="form-hint" id="rf-deadline-hint">{t(Key::RoundDeadlineHint)}</p>
                    <input type="datetime-local" id="rf-deadline" name="deadline" class="krds-input" required value=v.deadline
                        aria-invalid=invalid("deadline") aria-describedby="rf-deadline-hint rf-deadline-error" />
                    <FieldMessage error=field("deadline") id="rf-deadline-error" />
                </div>
            </div>
            <div class="form-group">
                <span class="krds-form-check">
                    <input type="checkbox" id="rf-blind" name="blind" value="1" checked=v.blind aria-describedby="rf-blind-hint" />
                    <label for="rf-blind">{t(Key::RoundBlind)}</label>
                </span>
                <p class="form-hint" id="rf-blind-hint">{t(Key::RoundBlindHint)}</p>
            </div>
            <div class="form-group">
                <div class="form-tit"><label for="rf-public-weight">{t(Key::RoundPublicWeight)}</label></div>
                <div class="form-conts">
                    <p class="form-hint" id="rf-public-weight-hint">{t(Key::RoundPublicWeightHint)}</p>
                    <input type="number" id="rf-public-weight" name="public_weight" class="krds-input input-number" min="0" max="100" inputmode="numeric"
                        value=v.public_weight aria-invalid=invalid("public_weight") aria-describedby="rf-public-weight-hint rf-public-weight-error" />
                    <FieldMessage error=field("public_weight") id="rf-public-weight-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit"><label for="rf-aggregation">{t(Key::RoundMethod)}</label></div>
                <div class="form-conts">
                    <select id="rf-aggregation" name="aggregation" class="krds-form-select" aria-invalid=invalid("aggregation")
                        aria-describedby="rf-aggregation-hint rf-aggregation-error">
                        {Aggregation::ALL.into_iter().map(|a| view! {
                            <option value=a.as_str() selected=v.aggregation == a.as_str()>{t(aggregation_key(a))}</option>
                        }).collect_view()}
                    </select>
                    <ul class="form-hint method-hints" id="rf-aggregation-hint">
                        {Aggregation::ALL.into_iter().map(|a| view! {
                            <li><strong>{t(aggregation_key(a))}</strong>": "{t(aggregation_hint_key(a))}</li>
                        }).collect_view()}
                    </ul>
                    <FieldMessage error=field("aggregation") id="rf-aggregation-error" />
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" id="rf-submit" class="krds-btn medium primary">{t(Key::RoundCreate)}</button>
            </div>
        </form>
    }
}
