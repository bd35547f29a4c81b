//! The forms that set councils and meetings up:
//!
//! - `/councils/new` and `/councils/:id/manage` (admins who manage councils):
//!   a council, subcommittee or forum team, and its members with their side,
//!   organisation and role (chair, member, secretary 간사);
//! - `/meetings/new?council=N` and `/meetings/:id/edit` (the council's chair
//!   or secretary, the chair of its parent council, global admins): the
//!   meeting's kind, time in KST, venue and seats, online room, visibility;
//! - `/meetings/:id/agenda` (the same people): the agenda items in order,
//!   each optionally linked to a published proposal and a presenter.
//!
//! All are plain forms (no WASM needed) that post to server functions and
//! come back with the errors on their fields and what was typed. The pages
//! are never cached, send a signed-out visitor to sign in and show the
//! forbidden page to anyone without the right.

use super::{council_kind_key, meeting_kind_key, member_role_key, side_key};
use crate::api::{
    AddCouncilMember, FnError, RemoveCouncilMember, SaveAgenda, SaveCouncil, SaveMeeting,
    SetCouncilMemberRole, AGENDA_BLANK_ROWS, agenda_field, council_detail, councils_list, list_organisations,
    meeting_detail, my_access,
};
use crate::components::form::{
    ErrorSummary, FieldMessage, Notice, echoed, field_error, posted_error,
};
use crate::components::time::kst_input;
use crate::i18n::{Key, t};
use crate::pages::forbidden::Forbidden;
use crate::pages::not_found::NotFound;
use crate::pages::review::{id_param, sign_in_redirect};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::ErrorCode;
use shared::access::OrganisationDto;
use shared::error::FieldError;
use shared::meeting::{
    CouncilDto, CouncilKind, CouncilSummary, MeetingDto, MeetingKind, MemberRole, Side, Visibility,
    limits,
};
use std::sync::Arc;

const SAVE_COUNCIL_URL: &str = <SaveCouncil as ServerFn>::PATH;
const ADD_MEMBER_URL: &str = <AddCouncilMember as ServerFn>::PATH;
const REMOVE_MEMBER_URL: &str = <RemoveCouncilMember as ServerFn>::PATH;
const ROLE_URL: &str = <SetCouncilMemberRole as ServerFn>::PATH;
const SAVE_MEETING_URL: &str = <SaveMeeting as ServerFn>::PATH;
const SAVE_AGENDA_URL: &str = <SaveAgenda as ServerFn>::PATH;

const ROLES: [MemberRole; 3] = [MemberRole::Chair, MemberRole::Secretary, MemberRole::Member];
const SIDES: [Side; 2] = [Side::Civilian, Side::Government];
const COUNCIL_KINDS: [CouncilKind; 3] = [
    CouncilKind::Council,
    CouncilKind::Subcommittee,
    CouncilKind::ForumTeam,
];
const MEETING_KINDS: [MeetingKind; 3] = [
    MeetingKind::Hybrid,
    MeetingKind::InPerson,
    MeetingKind::Online,
];

/// The notices a page shows for `?created=1` and the like.
fn notices(list: &[(&'static str, &'static str, Key)]) -> Vec<(&'static str, Key)> {
    use_query_map().with_untracked(|q| {
        list.iter()
            .filter(|(param, _, _)| q.get(param).is_some())
            .map(|(_, id, key)| (*id, *key))
            .collect()
    })
}

/// A field's error by a name made at run time (the agenda's rows).
fn named_error(error: Signal<Option<FnError>>, name: String) -> Signal<Option<FieldError>> {
    Signal::derive(move || error.get().and_then(|e| e.field(&name).cloned()))
}

/// `aria-invalid` for a field with an error.
fn invalid_attr(error: Signal<Option<FnError>>, name: &str) -> Option<&'static str> {
    error
        .get_untracked()
        .and_then(|e| e.field(name).map(|_| "true"))
}

/// The page of someone who must be signed in: the sign-in page for a
/// visitor, the forbidden page when `allowed` says no, otherwise `body`.
fn guarded(
    here: String,
    allowed: Resource<Result<bool, FnError>>,
    body: Arc<dyn Fn() -> AnyView + Send + Sync>,
) -> AnyView {
    crate::pages::private_page();
    let access = Resource::new(|| (), |_| my_access());
    view! {
        <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
            {move || {
                let (here, body) = (here.clone(), body.clone());
                Suspend::new(async move {
                    match access.await {
                        Ok(a) if !a.signed_in => return sign_in_redirect(&here),
                        Ok(_) => {}
                        Err(_) => return view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                    }
                    match allowed.await {
                        Ok(true) => body(),
                        Ok(false) => view! { <Forbidden /> }.into_any(),
                        Err(e) if e.code() == ErrorCode::NotFound => view! { <NotFound /> }.into_any(),
                        Err(e) if e.code() == ErrorCode::Forbidden => view! { <Forbidden /> }.into_any(),
                        Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

// ---------------------------------------------------------------------------
// Councils

/// `/councils/new`.
#[component]
pub fn NewCouncilPage() -> impl IntoView {
    let councils = Resource::new(|| (), |_| councils_list());
    view! {
        <Title text=t(Key::CouncilCreateTitle) />
        {guarded(
            "/councils/new".into(),
            Resource::new(|| (), |_| async { my_access().await.map(|a| a.global_admin) }),
            Arc::new(move || view! {
                <section class="page-section" aria-labelledby="council-form-title">
                    <p class="back-link"><a href="/councils">{t(Key::BackToCouncils)}</a></p>
                    <h2 class="page-title" id="council-form-title">{t(Key::CouncilCreateTitle)}</h2>
                    <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
                        {move || Suspend::new(async move {
                            let parents = councils.await.unwrap_or_default();
                            view! { <CouncilForm council=None parents /> }
                        })}
                    </Suspense>
                </section>
            }
            .into_any()),
        )}
    }
}

/// `/councils/:id/manage`.
#[component]
pub fn ManageCouncilPage() -> impl IntoView {
    let Some(id) = id_param("id") else {
        return view! { <NotFound /> }.into_any();
    };
    let council = Resource::new(move || id, council_detail);
    let councils = Resource::new(|| (), |_| councils_list());
    let organisations = Resource::new(|| (), |_| list_organisations());
    let shown = notices(&[
        ("created", "council-created", Key::CouncilCreatedNotice),
        ("saved", "council-saved", Key::CouncilSavedNotice),
        (
            "member_added",
            "council-member-added",
            Key::CouncilMemberAddedNotice,
        ),
        (
            "member_removed",
            "council-member-removed",
            Key::CouncilMemberRemovedNotice,
        ),
        ("role_set", "council-role-set", Key::CouncilRoleSetNotice),
    ]);
    view! {
        <Title text=t(Key::CouncilManageTitle) />
        {guarded(
            format!("/councils/{id}/manage"),
            Resource::new(move || id, |id| async move { council_detail(id).await.map(|c| c.can_manage) }),
            Arc::new(move || {
                let shown = shown.clone();
                view! {
                    <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
                        {move || {
                            let shown = shown.clone();
                            Suspend::new(async move {
                                let parents = councils.await.unwrap_or_default();
                                let organisations = organisations.await.unwrap_or_default();
                                match council.await {
                                    Ok(c) => view! {
                                        <Title text=format!("{} · {}", t(Key::CouncilManageTitle), c.name) />
                                        <section class="page-section" aria-labelledby="council-manage-title">
                                            <p class="back-link"><a href=format!("/councils/{}", c.id) id="back-to-council">{c.name.clone()}</a></p>
                                            <h2 class="page-title" id="council-manage-title">{t(Key::CouncilManageTitle)}": "{c.name.clone()}</h2>
                                            {shown.into_iter().map(|(nid, key)| view! { <Notice id=nid text=key /> }).collect_view()}
                                            <CouncilForm council=Some(c.clone()) parents />
                                        </section>
                                        <CouncilMembers council=c.clone() />
                                        <CouncilMemberForm council_id=c.id organisations />
                                    }
                                    .into_any(),
                                    Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                                }
                            })
                        }}
                    </Suspense>
                }
                .into_any()
            }),
        )}
    }
    .into_any()
}

/// The council's name, kind, parent and description; a new one without `council`.
#[component]
fn CouncilForm(council: Option<CouncilDto>, parents: Vec<CouncilSummary>) -> impl IntoView {
    let error = posted_error(SAVE_COUNCIL_URL);
    let posted = error.get_untracked().is_some();
    let value = |name: &str, current: String| if posted { echoed(error, name) } else { current };
    let name = value(
        "name",
        council.as_ref().map(|c| c.name.clone()).unwrap_or_default(),
    );
    let kind = value(
        "kind",
        council
            .as_ref()
            .map_or(CouncilKind::Council, |c| c.kind)
            .as_str()
            .to_owned(),
    );
    let parent = value(
        "parent_id",
        council
            .as_ref()
            .and_then(|c| c.parent.as_ref())
            .map(|p| p.id.to_string())
            .unwrap_or_default(),
    );
    let description = value(
        "description",
        council
            .as_ref()
            .map(|c| c.description.clone())
            .unwrap_or_default(),
    );
    let own = council.as_ref().map(|c| c.id);
    // Only councils take subcommittees and forum teams, and not oneself.
    let parents: Vec<CouncilSummary> = parents
        .into_iter()
        .filter(|p| p.kind == CouncilKind::Council && Some(p.id) != own)
        .collect();
    view! {
        <ErrorSummary error id="council-form-error" />
        <form method="post" action=SAVE_COUNCIL_URL id="council-form" class="account-form" novalidate>
            {own.map(|id| view! { <input type="hidden" name="id" value=id.to_string() /> })}
            <div class="form-group">
                <div class="form-tit"><label for="cf-name">{t(Key::CouncilNameLabel)}</label></div>
                <div class="form-conts">
                    <input type="text" id="cf-name" name="name" class="krds-input" required maxlength=limits::NAME.1.to_string() value=name
                        aria-invalid=invalid_attr(error, "name") aria-describedby="cf-name-error" />
                    <FieldMessage error=field_error(error, "name") id="cf-name-error" />
                </div>
            </div>
            <fieldset class="form-group">
                <legend class="form-tit">{t(Key::CouncilKindLabel)}</legend>
                <div class="form-conts">
                    {COUNCIL_KINDS.into_iter().map(|k| {
                        let input_id = format!("cf-kind-{}", k.as_str());
                        view! {
                            <span class="krds-form-check">
                                <input type="radio" name="kind" id=input_id.clone() value=k.as_str() checked=kind == k.as_str() />
                                <label for=input_id>{t(council_kind_key(k))}</label>
                            </span>
                        }
                    }).collect_view()}
                    <FieldMessage error=field_error(error, "kind") id="cf-kind-error" invalid=Key::ErrCouncilKeepsChildren />
                </div>
            </fieldset>
            <div class="form-group">
                <div class="form-tit"><label for="cf-parent">{t(Key::CouncilParent)}</label></div>
                <div class="form-conts">
                    <p class="form-hint" id="cf-parent-hint">{t(Key::CouncilParentHint)}</p>
                    <select id="cf-parent" name="parent_id" class="krds-form-select" aria-invalid=invalid_attr(error, "parent_id")
                        aria-describedby="cf-parent-hint cf-parent-error">
                        <option value="" selected=parent.is_empty()>{t(Key::NoParentCouncil)}</option>
                        {parents.into_iter().map(|p| {
                            let selected = parent == p.id.to_string();
                            view! { <option value=p.id.to_string() selected=selected>{p.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                    <FieldMessage error=field_error(error, "parent_id") id="cf-parent-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit">
                    <label for="cf-description">{t(Key::CouncilDescriptionLabel)}<span class="optional">" ("{t(Key::Optional)}")"</span></label>
                </div>
                <div class="form-conts">
                    <textarea id="cf-description" name="description" class="krds-input" rows="5" maxlength=limits::DESCRIPTION.to_string()
                        aria-invalid=invalid_attr(error, "description") aria-describedby="cf-description-error">{description}</textarea>
                    <FieldMessage error=field_error(error, "description") id="cf-description-error" />
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" id="cf-submit" class="krds-btn medium primary">
                    {if own.is_some() { t(Key::SaveChanges) } else { t(Key::CouncilCreate) }}
                </button>
            </div>
        </form>
    }
}

/// The members with their role (changed in place) and a button to remove each.
#[component]
fn CouncilMembers(council: CouncilDto) -> impl IntoView {
    let remove_error = posted_error(REMOVE_MEMBER_URL);
    let role_error = posted_error(ROLE_URL);
    let council_id = council.id;
    view! {
        <section class="page-section" aria-labelledby="council-members-title">
            <h3 class="section-title" id="council-members-title">{t(Key::CouncilMembers)}</h3>
            <p class="form-hint">{t(Key::CouncilRolesHint)}</p>
            <ErrorSummary error=remove_error id="remove-council-member-error" />
            <ErrorSummary error=role_error id="council-role-error" />
            {if council.members.is_empty() {
                view! { <p id="no-council-members">{t(Key::NoCouncilMembers)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="krds-table" id="council-members-manage">
                            <caption class="sr-only">{t(Key::CouncilMembers)}</caption>
                            <thead><tr>
                                <th scope="col">{t(Key::MemberName)}</th>
                                <th scope="col">{t(Key::MemberSide)}</th>
                                <th scope="col">{t(Key::MemberOrganisation)}</th>
                                <th scope="col">{t(Key::MemberRoleLabel)}</th>
                                <th scope="col"><span class="sr-only">{t(Key::Actions)}</span></th>
                            </tr></thead>
                            <tbody>
                                {council.members.iter().map(|m| {
                                    let uid = m.user_id;
                                    let name = m.display_name.clone();
                                    let select_id = format!("role-{uid}");
                                    view! {
                                        <tr id=format!("council-member-{uid}")>
                                            <th scope="row">{m.display_name.clone()}<span class="member-id">" #"{uid}</span></th>
                                            <td>{t(side_key(m.side))}</td>
                                            <td>{m.organisation.as_ref().map(|o| o.name.clone()).unwrap_or_else(|| "—".to_owned())}</td>
                                            <td>
                                                <form method="post" action=ROLE_URL class="inline-form">
                                                    <input type="hidden" name="council_id" value=council_id.to_string() />
                                                    <input type="hidden" name="user_id" value=uid.to_string() />
                                                    <label for=select_id.clone() class="sr-only">{format!("{}: {name}", t(Key::MemberRoleLabel))}</label>
                                                    <select id=select_id name="role" class="krds-form-select small">
                                                        {ROLES.into_iter().map(|r| view! {
                                                            <option value=r.as_str() selected=m.role == r>{t(member_role_key(r))}</option>
                                                        }).collect_view()}
                                                    </select>" "
                                                    <button type="submit" id=format!("set-role-{uid}") class="krds-btn small secondary">
                                                        {t(Key::ChangeRole)}<span class="sr-only">{format!(": {name}")}</span>
                                                    </button>
                                                </form>
                                            </td>
                                            <td>
                                                <form method="post" action=REMOVE_MEMBER_URL class="inline-form">
                                                    <input type="hidden" name="council_id" value=council_id.to_string() />
                                                    <input type="hidden" name="user_id" value=uid.to_string() />
                                                    <button type="submit" id=format!("remove-council-member-{uid}") class="krds-btn small tertiary">
                                                        {t(Key::MemberRemove)}<span class="sr-only">{format!(": {name}")}</span>
                                                    </button>
                                                </form>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}

/// Adds a member: the account (e-mail or number), side, organisation, role.
#[component]
fn CouncilMemberForm(council_id: i64, organisations: Vec<OrganisationDto>) -> impl IntoView {
    let error = posted_error(ADD_MEMBER_URL);
    let (user, side, organisation, role) = (
        echoed(error, "user"),
        echoed(error, "side"),
        echoed(error, "organisation_id"),
        echoed(error, "role"),
    );
    view! {
        <section class="page-section" aria-labelledby="council-member-form-title">
            <h3 class="section-title" id="council-member-form-title">{t(Key::CouncilMemberAddTitle)}</h3>
            <ErrorSummary error id="council-member-form-error" conflict=Key::ErrAlreadyCouncilMember />
            <form method="post" action=ADD_MEMBER_URL id="council-member-form" class="account-form" novalidate>
                <input type="hidden" name="council_id" value=council_id.to_string() />
                <div class="form-group">
                    <div class="form-tit"><label for="cm-user">{t(Key::MemberAccount)}</label></div>
                    <div class="form-conts">
                        <p class="form-hint" id="cm-user-hint">
                            {t(Key::MemberAccountHint)}" "<a href="/admin/users" id="cm-users-link">{t(Key::MemberAccountsLink)}</a>
                        </p>
                        <input type="text" id="cm-user" name="user" class="krds-input" required autocomplete="off" value=user
                            aria-invalid=invalid_attr(error, "user") aria-describedby="cm-user-hint cm-user-error" />
                        <FieldMessage error=field_error(error, "user") id="cm-user-error" invalid=Key::ErrNoAccount />
                    </div>
                </div>
                <fieldset class="form-group">
                    <legend class="form-tit">{t(Key::MemberSide)}</legend>
                    <div class="form-conts">
                        {SIDES.into_iter().enumerate().map(|(i, s)| {
                            let input_id = format!("cm-side-{}", s.as_str());
                            let checked = if side.is_empty() { i == 0 } else { side == s.as_str() };
                            view! {
                                <span class="krds-form-check">
                                    <input type="radio" name="side" id=input_id.clone() value=s.as_str() checked=checked />
                                    <label for=input_id>{t(side_key(s))}</label>
                                </span>
                            }
                        }).collect_view()}
                        <FieldMessage error=field_error(error, "side") id="cm-side-error" />
                    </div>
                </fieldset>
                <div class="form-group">
                    <div class="form-tit">
                        <label for="cm-organisation">{t(Key::MemberOrganisation)}<span class="optional">" ("{t(Key::Optional)}")"</span></label>
                    </div>
                    <div class="form-conts">
                        <select id="cm-organisation" name="organisation_id" class="krds-form-select" aria-describedby="cm-organisation-error">
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
                    <div class="form-tit"><label for="cm-role">{t(Key::MemberRoleLabel)}</label></div>
                    <div class="form-conts">
                        <select id="cm-role" name="role" class="krds-form-select" aria-describedby="cm-role-error">
                            {ROLES.into_iter().map(|r| {
                                let selected = if role.is_empty() { r == MemberRole::Member } else { role == r.as_str() };
                                view! { <option value=r.as_str() selected=selected>{t(member_role_key(r))}</option> }
                            }).collect_view()}
                        </select>
                        <FieldMessage error=field_error(error, "role") id="cm-role-error" />
                    </div>
                </div>
                <div class="form-actions">
                    <button type="submit" id="cm-submit" class="krds-btn medium primary">{t(Key::CouncilMemberAdd)}</button>
                </div>
            </form>
        </section>
    }
}

// ---------------------------------------------------------------------------
// Meetings

/// `/meetings/new?council=N`: the form for that council, or the councils to choose from.
#[component]
pub fn NewMeetingPage() -> impl IntoView {
    let council_id =
        use_query_map().with_untracked(|q| q.get("council").and_then(|c| c.parse::<i64>().ok()));
    let here = match council_id {
        Some(c) => format!("/meetings/new?council={c}"),
        None => "/meetings/new".to_owned(),
    };
    view! {
        <Title text=t(Key::ScheduleMeeting) />
        {match council_id {
            Some(id) => guarded(
                here,
                Resource::new(move || id, |id| async move { council_detail(id).await.map(|c| c.can_schedule) }),
                Arc::new(move || {
                    let council = Resource::new(move || id, council_detail);
                    view! {
                        <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
                            {move || Suspend::new(async move {
                                match council.await {
                                    Ok(c) => view! {
                                        <section class="page-section" aria-labelledby="meeting-form-title">
                                            <p class="back-link"><a href=format!("/councils/{}", c.id)>{c.name.clone()}</a></p>
                                            <h2 class="page-title" id="meeting-form-title">{t(Key::ScheduleMeeting)}": "{c.name.clone()}</h2>
                                            <MeetingForm council_id=c.id meeting=None />
                                        </section>
                                    }
                                    .into_any(),
                                    Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                                }
                            })}
                        </Suspense>
                    }
                    .into_any()
                }),
            ),
            None => view! { <ChooseCouncil /> }.into_any(),
        }}
    }
}

/// The councils to schedule a meeting for (the server refuses those one does not run).
#[component]
fn ChooseCouncil() -> impl IntoView {
    let councils = Resource::new(|| (), |_| councils_list());
    view! {
        <section class="page-section" aria-labelledby="choose-council-title">
            <h2 class="page-title" id="choose-council-title">{t(Key::ScheduleMeeting)}</h2>
            <p class="lead">{t(Key::ChooseCouncilForMeeting)}</p>
            <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match councils.await {
                        Ok(list) if list.is_empty() => view! { <p id="no-councils">{t(Key::NoCouncils)}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="council-list" id="choose-council">
                                {list.into_iter().map(|c| view! {
                                    <li><a href=format!("/meetings/new?council={}", c.id)>{c.name.clone()}</a>" "<span class="krds-badge">{t(council_kind_key(c.kind))}</span></li>
                                }).collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// `/meetings/:id/edit`.
#[component]
pub fn EditMeetingPage() -> impl IntoView {
    let Some(id) = id_param("id") else {
        return view! { <NotFound /> }.into_any();
    };
    let page = Resource::new(move || id, meeting_detail);
    view! {
        <Title text=t(Key::MeetingEdit) />
        {guarded(
            format!("/meetings/{id}/edit"),
            Resource::new(move || id, |id| async move { meeting_detail(id).await.map(|p| p.can_manage) }),
            Arc::new(move || view! {
                <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
                    {move || Suspend::new(async move {
                        match page.await {
                            Ok(p) => {
                                let m = p.meeting;
                                view! {
                                    <section class="page-section" aria-labelledby="meeting-form-title">
                                        <p class="back-link"><a href=format!("/meetings/{}", m.id) id="back-to-meeting">{m.title.clone()}</a></p>
                                        <h2 class="page-title" id="meeting-form-title">{t(Key::MeetingEdit)}": "{m.title.clone()}</h2>
                                        <p class="form-hint">{t(Key::MeetingEditHint)}</p>
                                        <MeetingForm council_id=m.council.id meeting=Some(m) />
                                    </section>
                                }
                                .into_any()
                            }
                            Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                        }
                    })}
                </Suspense>
            }
            .into_any()),
        )}
    }
    .into_any()
}

/// The meeting's fields; a new one without `meeting`. Starts a new meeting
/// as hybrid, in the built-in live room, public.
#[component]
fn MeetingForm(council_id: i64, meeting: Option<MeetingDto>) -> impl IntoView {
    let error = posted_error(SAVE_MEETING_URL);
    let posted = error.get_untracked().is_some();
    let m = meeting.as_ref();
    let value = |name: &str, current: String| if posted { echoed(error, name) } else { current };
    let title = value("title", m.map(|m| m.title.clone()).unwrap_or_default());
    let description = value(
        "description",
        m.map(|m| m.description.clone()).unwrap_or_default(),
    );
    let kind = value(
        "kind",
        m.map_or(MeetingKind::Hybrid, |m| m.kind)
            .as_str()
            .to_owned(),
    );
    let starts = value(
        "starts_at",
        m.map(|m| kst_input(&m.starts_at)).unwrap_or_default(),
    );
    let ends = value(
        "ends_at",
        m.map(|m| kst_input(&m.ends_at)).unwrap_or_default(),
    );
    let venue = value("venue", m.and_then(|m| m.venue.clone()).unwrap_or_default());
    let capacity = value(
        "capacity",
        m.and_then(|m| m.capacity)
            .map(|c| c.to_string())
            .unwrap_or_default(),
    );
    let online_url = value(
        "online_url",
        m.and_then(|m| m.online_url.clone()).unwrap_or_default(),
    );
    let room = value(
        "room",
        if m.is_none_or(|m| m.built_in_room) {
            "built_in"
        } else {
            "link"
        }
        .to_owned(),
    );
    let visibility = value(
        "visibility",
        m.map_or(Visibility::Public, |m| m.visibility)
            .as_str()
            .to_owned(),
    );
    let own = m.map(|m| m.id);
    let text = |id: &'static str,
                name: &'static str,
                label: Key,
                value: String,
                kind: &'static str,
                hint: Option<Key>| {
        let described = match hint {
            Some(_) => format!("{id}-hint {id}-error"),
            None => format!("{id}-error"),
        };
        view! {
            <div class="form-group">
                <div class="form-tit"><label for=id>{t(label)}</label></div>
                <div class="form-conts">
                    {hint.map(|h| view! { <p class="form-hint" id=format!("{id}-hint")>{t(h)}</p> })}
                    <input type=kind id=id name=name class="krds-input" value=value aria-invalid=invalid_attr(error, name) aria-describedby=described />
                    <FieldMessage error=field_error(error, name) id=format!("{id}-error") />
                </div>
            </div>
        }
    };
    view! {
        <ErrorSummary error id="meeting-form-error" />
        <form method="post" action=SAVE_MEETING_URL id="meeting-form" class="account-form" novalidate>
            {own.map(|id| view! { <input type="hidden" name="id" value=id.to_string() /> })}
            <input type="hidden" name="council_id" value=council_id.to_string() />
            {text("mf-title", "title", Key::MeetingTitleField, title, "text", None)}
            <div class="form-group">
                <div class="form-tit">
                    <label for="mf-description">{t(Key::MeetingDescriptionField)}<span class="optional">" ("{t(Key::Optional)}")"</span></label>
                </div>
                <div class="form-conts">
                    <textarea id="mf-description" name="description" class="krds-input" rows="5" maxlength=limits::DESCRIPTION.to_string()
                        aria-invalid=invalid_attr(error, "description") aria-describedby="mf-description-error">{description}</textarea>
                    <FieldMessage error=field_error(error, "description") id="mf-description-error" />
                </div>
            </div>
            <fieldset class="form-group">
                <legend class="form-tit">{t(Key::MeetingKindLabel)}</legend>
                <div class="form-conts">
                    {MEETING_KINDS.into_iter().map(|k| {
                        let input_id = format!("mf-kind-{}", k.as_str());
                        view! {
                            <span class="krds-form-check">
                                <input type="radio" name="kind" id=input_id.clone() value=k.as_str() checked=kind == k.as_str() />
                                <label for=input_id>{t(meeting_kind_key(k))}</label>
                            </span>
                        }
                    }).collect_view()}
                    <FieldMessage error=field_error(error, "kind") id="mf-kind-error" />
                </div>
            </fieldset>
            {text("mf-starts", "starts_at", Key::MeetingStartsField, starts, "datetime-local", Some(Key::MeetingTimeHint))}
            {text("mf-ends", "ends_at", Key::MeetingEndsField, ends, "datetime-local", None)}
            {text("mf-venue", "venue", Key::MeetingVenue, venue, "text", Some(Key::MeetingRoomHint))}
            {text("mf-capacity", "capacity", Key::MeetingCapacity, capacity, "number", Some(Key::MeetingRoomHint))}
            <fieldset class="form-group">
                <legend class="form-tit">{t(Key::MeetingOnlineField)}</legend>
                <div class="form-conts">
                    <p class="form-hint" id="mf-room-hint">{t(Key::MeetingOnlineHint)}</p>
                    <span class="krds-form-check">
                        <input type="radio" name="room" id="mf-room-built-in" value="built_in" checked=room != "link" />
                        <label for="mf-room-built-in">{t(Key::MeetingBuiltInRoom)}</label>
                    </span>
                    <span class="krds-form-check">
                        <input type="radio" name="room" id="mf-room-link" value="link" checked=room == "link" />
                        <label for="mf-room-link">{t(Key::MeetingRoomLink)}</label>
                    </span>
                </div>
            </fieldset>
            {text("mf-online-url", "online_url", Key::MeetingOnlineUrlField, online_url, "url", Some(Key::MeetingOnlineUrlHint))}
            <fieldset class="form-group">
                <legend class="form-tit">{t(Key::VisibilityLabel)}</legend>
                <div class="form-conts">
                    {[(Visibility::Public, Key::VisibilityPublic), (Visibility::MembersOnly, Key::MembersOnly)].into_iter().map(|(v, key)| {
                        let input_id = format!("mf-visibility-{}", v.as_str());
                        view! {
                            <span class="krds-form-check">
                                <input type="radio" name="visibility" id=input_id.clone() value=v.as_str() checked=visibility == v.as_str() />
                                <label for=input_id>{t(key)}</label>
                            </span>
                        }
                    }).collect_view()}
                    <FieldMessage error=field_error(error, "visibility") id="mf-visibility-error" />
                </div>
            </fieldset>
            <div class="form-actions">
                <button type="submit" id="mf-submit" class="krds-btn medium primary">
                    {if own.is_some() { t(Key::SaveChanges) } else { t(Key::ScheduleMeeting) }}
                </button>
            </div>
        </form>
    }
}

// ---------------------------------------------------------------------------
// The agenda

/// `/meetings/:id/agenda`.
#[component]
pub fn AgendaPage() -> impl IntoView {
    let Some(id) = id_param("id") else {
        return view! { <NotFound /> }.into_any();
    };
    let page = Resource::new(move || id, meeting_detail);
    let shown = notices(&[("saved", "agenda-saved", Key::AgendaSavedNotice)]);
    view! {
        <Title text=t(Key::AgendaEdit) />
        {guarded(
            format!("/meetings/{id}/agenda"),
            Resource::new(move || id, |id| async move { meeting_detail(id).await.map(|p| p.can_manage) }),
            Arc::new(move || {
                let shown = shown.clone();
                view! {
                    <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
                        {move || {
                            let shown = shown.clone();
                            Suspend::new(async move {
                                let Ok(p) = page.await else {
                                    return view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any();
                                };
                                let m = p.meeting;
                                // The presenters to choose from: the council's members.
                                let members = council_detail(m.council.id).await.map(|c| c.members).unwrap_or_default();
                                let members: Vec<(i64, String)> = members.into_iter().map(|m| (m.user_id, m.display_name)).collect();
                                view! {
                                    <section class="page-section" aria-labelledby="agenda-form-title">
                                        <p class="back-link"><a href=format!("/meetings/{}", m.id) id="back-to-meeting">{m.title.clone()}</a></p>
                                        <h2 class="page-title" id="agenda-form-title">{t(Key::AgendaEdit)}": "{m.title.clone()}</h2>
                                        {shown.into_iter().map(|(nid, key)| view! { <Notice id=nid text=key /> }).collect_view()}
                                        {(!m.agenda_not_told.is_empty()).then(|| view! {
                                            <p class="krds-notice" role="status" id="agenda-not-told">
                                                {t(Key::AgendaNotTold)}" "
                                                {m.agenda.iter().filter(|a| m.agenda_not_told.contains(&a.id)).map(|a| a.title.clone()).collect::<Vec<_>>().join(", ")}
                                            </p>
                                        })}
                                        <AgendaForm meeting=m members />
                                    </section>
                                }
                                .into_any()
                            })
                        }}
                    </Suspense>
                }
                .into_any()
            }),
        )}
    }
    .into_any()
}

/// One row of the agenda form: an item's values (or what was typed).
#[derive(Clone, Default)]
struct AgendaRow {
    item_id: String,
    position: String,
    title: String,
    description: String,
    minutes: String,
    proposal_id: String,
    presenter: String,
    remove: bool,
}

/// Every item as a row, in order, then blank rows for new items. Rows with
/// a presenter who is not a council member keep them as an option.
#[component]
fn AgendaForm(meeting: MeetingDto, members: Vec<(i64, String)>) -> impl IntoView {
    let error = posted_error(SAVE_AGENDA_URL);
    let rows: Vec<AgendaRow> = if error.get_untracked().is_some() {
        // What was typed, row by row, as far as it was echoed.
        (0..)
            .map_while(|r| {
                let field = |name: &str| {
                    error
                        .get_untracked()
                        .and_then(|e| e.echoed(&agenda_field(r, name)).map(str::to_owned))
                };
                field("position").map(|position| AgendaRow {
                    item_id: field("item_id").unwrap_or_default(),
                    position,
                    title: field("title").unwrap_or_default(),
                    description: field("description").unwrap_or_default(),
                    minutes: field("minutes").unwrap_or_default(),
                    proposal_id: field("proposal_id").unwrap_or_default(),
                    presenter: field("presenter").unwrap_or_default(),
                    remove: field("remove").is_some_and(|v| !v.is_empty()),
                })
            })
            .collect()
    } else {
        let mut rows: Vec<AgendaRow> = meeting
            .agenda
            .iter()
            .map(|a| AgendaRow {
                item_id: a.id.to_string(),
                position: a.position.to_string(),
                title: a.title.clone(),
                description: a.description.clone(),
                minutes: a.minutes.map(|m| m.to_string()).unwrap_or_default(),
                proposal_id: a.proposal_id.map(|p| p.to_string()).unwrap_or_default(),
                presenter: a.presenter_id.map(|p| p.to_string()).unwrap_or_default(),
                remove: false,
            })
            .collect();
        let next = rows.len();
        let (default, max) = AGENDA_BLANK_ROWS;
        let blank = use_query_map()
            .with_untracked(|q| q.get("blank").and_then(|b| b.parse::<usize>().ok()))
            .unwrap_or(default)
            .clamp(1, max);
        rows.extend((1..=blank).map(|i| AgendaRow {
            position: (next + i).to_string(),
            ..AgendaRow::default()
        }));
        rows
    };
    let blank_rows = rows.iter().filter(|r| r.item_id.is_empty()).count();
    // Presenters named on the agenda who are not members (a proposal's author).
    let mut choices = members;
    for a in &meeting.agenda {
        if let (Some(id), Some(name)) = (a.presenter_id, a.presenter_name.clone())
            && !choices.iter().any(|(m, _)| *m == id)
        {
            choices.push((id, name));
        }
    }
    view! {
        <p class="form-hint" id="agenda-form-hint">{t(Key::AgendaFormHint)}</p>
        <ErrorSummary error id="agenda-form-error" conflict=Key::AgendaLocked />
        <form method="post" action=SAVE_AGENDA_URL id="agenda-form" novalidate>
            <input type="hidden" name="meeting_id" value=meeting.id.to_string() />
            {rows.into_iter().enumerate().map(|(r, row)| {
                let f = |name: &str| format!("ag-{r}-{name}");
                let err = |name: &str| named_error(error, agenda_field(r, name));
                let bad = |name: &str| invalid_attr(error, &agenda_field(r, name));
                let is_new = row.item_id.is_empty();
                let presenter = row.presenter.clone();
                let choices = choices.clone();
                view! {
                    <fieldset class="agenda-row" id=format!("agenda-row-{r}")>
                        <legend>{if is_new { t(Key::AgendaNewRow).to_owned() } else { t(Key::AgendaItemN).replace("{n}", &(r + 1).to_string()) }}</legend>
                        <input type="hidden" name="item_id[]" value=row.item_id.clone() />
                        <div class="form-group">
                            <div class="form-tit"><label for=f("position")>{t(Key::AgendaOrderLabel)}</label></div>
                            <div class="form-conts">
                                <input type="number" min="1" id=f("position") name="position[]" class="krds-input small" value=row.position.clone()
                                    aria-invalid=bad("position") aria-describedby=f("position-error") />
                                <FieldMessage error=err("position") id=f("position-error") />
                            </div>
                        </div>
                        <div class="form-group">
                            <div class="form-tit"><label for=f("title")>{t(Key::AgendaTitleField)}</label></div>
                            <div class="form-conts">
                                <input type="text" id=f("title") name="title[]" class="krds-input" maxlength=limits::TITLE.1.to_string() value=row.title.clone()
                                    aria-invalid=bad("title") aria-describedby=f("title-error") />
                                <FieldMessage error=err("title") id=f("title-error") />
                            </div>
                        </div>
                        <div class="form-group">
                            <div class="form-tit">
                                <label for=f("description")>{t(Key::AgendaDescriptionField)}<span class="optional">" ("{t(Key::Optional)}")"</span></label>
                            </div>
                            <div class="form-conts">
                                <textarea id=f("description") name="description[]" class="krds-input" rows="2" maxlength=limits::DESCRIPTION.to_string()
                                    aria-invalid=bad("description") aria-describedby=f("description-error")>{row.description.clone()}</textarea>
                                <FieldMessage error=err("description") id=f("description-error") />
                            </div>
                        </div>
                        <div class="form-group">
                            <div class="form-tit">
                                <label for=f("minutes")>{t(Key::AgendaMinutesField)}<span class="optional">" ("{t(Key::Optional)}")"</span></label>
                            </div>
                            <div class="form-conts">
                                <input type="number" min="1" max="600" id=f("minutes") name="minutes[]" class="krds-input small" value=row.minutes.clone()
                                    aria-invalid=bad("minutes") aria-describedby=f("minutes-error") />
                                <FieldMessage error=err("minutes") id=f("minutes-error") />
                            </div>
                        </div>
                        <div class="form-group">
                            <div class="form-tit">
                                <label for=f("proposal")>{t(Key::AgendaProposalField)}<span class="optional">" ("{t(Key::Optional)}")"</span></label>
                            </div>
                            <div class="form-conts">
                                <p class="form-hint" id=f("proposal-hint")>{t(Key::AgendaProposalHint)}</p>
                                <input type="number" min="1" id=f("proposal") name="proposal_id[]" class="krds-input small" value=row.proposal_id.clone()
                                    aria-invalid=bad("proposal_id") aria-describedby=format!("{} {}", f("proposal-hint"), f("proposal-error")) />
                                <FieldMessage error=err("proposal_id") id=f("proposal-error") invalid=Key::ErrNoPublishedProposal />
                            </div>
                        </div>
                        <div class="form-group">
                            <div class="form-tit"><label for=f("presenter")>{t(Key::AgendaPresenter)}</label></div>
                            <div class="form-conts">
                                <select id=f("presenter") name="presenter[]" class="krds-form-select" aria-invalid=bad("presenter") aria-describedby=f("presenter-error")>
                                    <option value="" selected=presenter.is_empty()>{t(Key::PresenterNone)}</option>
                                    <option value="author" selected=presenter == "author">{t(Key::PresenterAuthor)}</option>
                                    {choices.into_iter().map(|(id, name)| {
                                        let selected = presenter == id.to_string();
                                        view! { <option value=id.to_string() selected=selected>{name}</option> }
                                    }).collect_view()}
                                </select>
                                <FieldMessage error=err("presenter") id=f("presenter-error") />
                            </div>
                        </div>
                        {(!is_new).then(|| view! {
                            <span class="krds-form-check">
                                <input type="checkbox" name="remove[]" value=r.to_string() id=f("remove") checked=row.remove />
                                <label for=f("remove")>{t(Key::AgendaRemove)}</label>
                            </span>
                        })}
                        <FieldMessage error=err("item_id") id=f("item-error") />
                    </fieldset>
                }
            }).collect_view()}
            <input type="hidden" name="blank" value=blank_rows.to_string() />
            <div class="form-actions">
                <button type="submit" id="agenda-submit" class="krds-btn medium primary">{t(Key::AgendaSave)}</button>
                <button type="submit" name="more" value="1" id="agenda-submit-more" class="krds-btn medium secondary">{t(Key::AgendaSaveMore)}</button>
            </div>
        </form>
    }
}
