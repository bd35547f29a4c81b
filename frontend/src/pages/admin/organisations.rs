//! `/admin/organisations`: the organisations (기관) and the form that adds
//! one; `/admin/organisations/:id`: one organisation's members.

use super::{AdminNav, admin_page, kind_key};
use crate::api::{
    AddMember, CreateOrganisation, RemoveMember, get_organisation, list_organisations, list_regions, organisation_members,
};
use crate::components::form::{ErrorSummary, FieldMessage, Notice, posted_error, echoed, field_error};
use crate::i18n::{Key, t, use_locale};
use crate::pages::forbidden::Forbidden;
use crate::pages::not_found::NotFound;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::access::{AccessDto, MemberDto, OrganisationDto, OrganisationInput, OrganisationKind};
use shared::reference::{RegionDto, localized};
use shared::ErrorCode;

const CREATE_URL: &str = <CreateOrganisation as ServerFn>::PATH;
const ADD_MEMBER_URL: &str = <AddMember as ServerFn>::PATH;
const REMOVE_MEMBER_URL: &str = <RemoveMember as ServerFn>::PATH;

/// A region's name in the page's language, or a dash.
fn region_name(regions: &[RegionDto], code: Option<&str>) -> String {
    let locale = use_locale();
    match code {
        None => "—".to_owned(),
        Some(code) => regions
            .iter()
            .find(|r| r.code == code)
            .map(|r| localized(locale, &r.name_ko, &r.name_en).to_owned())
            .unwrap_or_else(|| code.to_owned()),
    }
}

#[component]
pub fn OrganisationsPage() -> impl IntoView {
    view! {
        <Title text=t(Key::AdminOrganisations) />
        {admin_page(std::sync::Arc::new(|access| {
            if access.manage_organisations {
                view! { <Organisations access /> }.into_any()
            } else {
                view! { <Forbidden /> }.into_any()
            }
        }))}
    }
}

#[component]
fn Organisations(access: AccessDto) -> impl IntoView {
    let orgs = Resource::new(|| (), |_| list_organisations());
    let regions = Resource::new(|| (), |_| list_regions());
    let created = use_query_map().with_untracked(|q| q.get("created").is_some());
    view! {
        <section class="page-section">
            <h2 class="page-title">{t(Key::AdminOrganisations)}</h2>
            <AdminNav access current="/admin/organisations" />
            {created.then(|| view! { <Notice id="organisation-created" text=Key::OrganisationCreated /> })}
            <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    let regions = regions.await.unwrap_or_default();
                    match orgs.await {
                        Ok(list) => view! {
                            <OrganisationTable list regions=regions.clone() />
                            <CreateOrganisationForm regions />
                        }.into_any(),
                        Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn OrganisationTable(list: Vec<OrganisationDto>, regions: Vec<RegionDto>) -> impl IntoView {
    if list.is_empty() {
        return view! { <p id="no-organisations">{t(Key::NoOrganisations)}</p> }.into_any();
    }
    view! {
        <div class="krds-table-wrap scroll">
            <table class="tbl col data" id="organisation-table">
                <caption class="sr-only">{t(Key::OrganisationTableCaption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(Key::OrganisationName)}</th>
                        <th scope="col">{t(Key::OrganisationKindLabel)}</th>
                        <th scope="col">{t(Key::OrganisationRegion)}</th>
                        <th scope="col" class="num">{t(Key::OrganisationMemberCount)}</th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|o| view! {
                        <tr>
                            <td><a href=format!("/admin/organisations/{}", o.id) id=format!("organisation-{}", o.id)>{o.name.clone()}</a></td>
                            <td>{t(kind_key(o.kind))}</td>
                            <td>{region_name(&regions, o.region_code.as_deref())}</td>
                            <td class="num">{o.member_count}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The form that adds an organisation. The region list is always there
/// (the form works without JavaScript); the hint says when it is needed.
#[component]
fn CreateOrganisationForm(regions: Vec<RegionDto>) -> impl IntoView {
    let error = posted_error(CREATE_URL);
    let locale = use_locale();
    let (name, kind, region) = (echoed(error, "name"), echoed(error, "kind"), echoed(error, "region_code"));
    let invalid = move |name: &'static str| field_error(error, name).get().is_some().then_some("true");
    view! {
        <h3 class="section-title" id="org-form-title">{t(Key::OrganisationCreateTitle)}</h3>
        <ErrorSummary error id="org-form-error" />
        <form method="post" action=CREATE_URL id="org-form" class="account-form" aria-labelledby="org-form-title" novalidate>
            <div class="form-group">
                <div class="form-tit"><label for="org-name">{t(Key::OrganisationName)}</label></div>
                <div class="form-conts">
                    <input type="text" id="org-name" name="name" class="krds-input" required autocomplete="organization"
                        maxlength=OrganisationInput::NAME_MAX.to_string() value=name
                        aria-invalid=move || invalid("name") aria-describedby="org-name-error" />
                    <FieldMessage error=field_error(error, "name") id="org-name-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit"><label for="org-kind">{t(Key::OrganisationKindLabel)}</label></div>
                <div class="form-conts">
                    <select id="org-kind" name="kind" class="krds-form-select" required
                        aria-invalid=move || invalid("kind") aria-describedby="org-kind-error">
                        <option value="" selected=kind.is_empty()>{t(Key::ChooseOne)}</option>
                        {OrganisationKind::ALL.into_iter().map(|k| view! {
                            <option value=k.as_str() selected=kind == k.as_str()>{t(kind_key(k))}</option>
                        }).collect_view()}
                    </select>
                    <FieldMessage error=field_error(error, "kind") id="org-kind-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit"><label for="org-region">{t(Key::OrganisationRegion)}</label></div>
                <div class="form-conts">
                    <p class="form-hint" id="org-region-hint">{t(Key::OrganisationRegionHint)}</p>
                    <select id="org-region" name="region_code" class="krds-form-select"
                        aria-invalid=move || invalid("region_code") aria-describedby="org-region-hint org-region-error">
                        <option value="" selected=region.is_empty()>{t(Key::RegionNone)}</option>
                        {regions.into_iter().map(|r| {
                            let selected = region == r.code;
                            view! { <option value=r.code.clone() selected=selected>{localized(locale, &r.name_ko, &r.name_en).to_owned()}</option> }
                        }).collect_view()}
                    </select>
                    <FieldMessage error=field_error(error, "region_code") id="org-region-error" />
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" id="org-submit" class="krds-btn medium primary">{t(Key::OrganisationCreate)}</button>
            </div>
        </form>
    }
}

/// `/admin/organisations/:id`.
#[component]
pub fn OrganisationPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()));
    view! {
        <Title text=t(Key::AdminOrganisations) />
        {admin_page(std::sync::Arc::new(move |access| match id {
            Some(id) if access.manage_organisations => view! { <Organisation access id /> }.into_any(),
            Some(_) => view! { <Forbidden /> }.into_any(),
            None => view! { <NotFound /> }.into_any(),
        }))}
    }
}

#[component]
fn Organisation(access: AccessDto, id: i64) -> impl IntoView {
    let org = Resource::new(move || id, get_organisation);
    let members = Resource::new(move || id, organisation_members);
    let regions = Resource::new(|| (), |_| list_regions());
    let (added, removed) = use_query_map().with_untracked(|q| (q.get("added").is_some(), q.get("removed").is_some()));
    view! {
        <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                let regions = regions.await.unwrap_or_default();
                let (org, members) = (org.await, members.await);
                match (org, members) {
                    (Ok(org), Ok(members)) => view! {
                        <Title text=org.name.clone() />
                        <section class="page-section">
                            <p class="back-link"><a href="/admin/organisations">{t(Key::BackToOrganisations)}</a></p>
                            <h2 class="page-title" id="organisation-name">{org.name.clone()}</h2>
                            <AdminNav access current="/admin/organisations" />
                            <p class="organisation-facts">
                                {t(kind_key(org.kind))}" · "{region_name(&regions, org.region_code.as_deref())}
                            </p>
                            {added.then(|| view! { <Notice id="member-added" text=Key::MemberAdded /> })}
                            {removed.then(|| view! { <Notice id="member-removed" text=Key::MemberRemoved /> })}
                            <MemberTable org_id=org.id members />
                            <AddMemberForm org_id=org.id />
                        </section>
                    }.into_any(),
                    (Err(e), _) | (_, Err(e)) if e.code() == ErrorCode::NotFound => view! { <NotFound /> }.into_any(),
                    (Err(e), _) | (_, Err(e)) if e.code() == ErrorCode::Forbidden => view! { <Forbidden /> }.into_any(),
                    _ => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MemberTable(org_id: i64, members: Vec<MemberDto>) -> impl IntoView {
    let error = posted_error(REMOVE_MEMBER_URL);
    view! {
        <h3 class="section-title">{t(Key::MembersTitle)}</h3>
        <ErrorSummary error id="remove-member-error" />
        {if members.is_empty() {
            view! { <p id="no-members">{t(Key::NoMembers)}</p> }.into_any()
        } else {
            view! {
                <div class="krds-table-wrap scroll">
                    <table class="tbl col data" id="member-table">
                        <caption class="sr-only">{t(Key::MembersTitle)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t(Key::AccountName)}</th>
                                <th scope="col">{t(Key::AccountEmail)}</th>
                                <th scope="col">{t(Key::MemberTitle)}</th>
                                <th scope="col"><span class="sr-only">{t(Key::Actions)}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {members.into_iter().map(|m| view! {
                                <tr>
                                    <td>{m.display_name.clone()}</td>
                                    <td>{m.email.clone()}</td>
                                    <td>{m.title.clone().unwrap_or_else(|| "—".to_owned())}</td>
                                    <td>
                                        <form method="post" action=REMOVE_MEMBER_URL class="inline-form">
                                            <input type="hidden" name="organisation_id" value=org_id />
                                            <input type="hidden" name="user_id" value=m.user_id />
                                            <button type="submit" id=format!("remove-member-{}", m.user_id) class="krds-btn small tertiary">
                                                {t(Key::MemberRemove)}
                                                <span class="sr-only">{format!(": {}", m.display_name)}</span>
                                            </button>
                                        </form>
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}

#[component]
fn AddMemberForm(org_id: i64) -> impl IntoView {
    let error = posted_error(ADD_MEMBER_URL);
    let title = echoed(error, "title");
    let invalid = move |name: &'static str| field_error(error, name).get().is_some().then_some("true");
    view! {
        <h3 class="section-title" id="member-form-title">{t(Key::MemberAddTitle)}</h3>
        <ErrorSummary error id="member-form-error" conflict=Key::ErrAlreadyMember />
        <form method="post" action=ADD_MEMBER_URL id="member-form" class="account-form" aria-labelledby="member-form-title" novalidate>
            <input type="hidden" name="organisation_id" value=org_id />
            <div class="form-group">
                <div class="form-tit"><label for="member-email">{t(Key::EmailLabel)}</label></div>
                <div class="form-conts">
                    <p class="form-hint" id="member-email-hint">{t(Key::MemberEmailHint)}</p>
                    <input type="email" id="member-email" name="email" class="krds-input" required autocomplete="off"
                        aria-invalid=move || invalid("email") aria-describedby="member-email-hint member-email-error" />
                    <FieldMessage error=field_error(error, "email") id="member-email-error" invalid=Key::ErrNoAccountForEmail />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit">
                    <label for="member-title">{t(Key::MemberTitle)}<span class="optional">" ("{t(Key::Optional)}")"</span></label>
                </div>
                <div class="form-conts">
                    <input type="text" id="member-title" name="title" class="krds-input" maxlength="100" autocomplete="organization-title"
                        value=title aria-invalid=move || invalid("title") aria-describedby="member-title-error" />
                    <FieldMessage error=field_error(error, "title") id="member-title-error" />
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" id="member-submit" class="krds-btn medium primary">{t(Key::MemberAdd)}</button>
            </div>
        </form>
    }
}
