//! `/admin/users`: accounts with their verification level, organisations
//! and roles; revoking a role, setting the level, granting a role.
//!
//! Admins whose role is limited to a scope cannot list accounts; they still
//! get the grant form (the policy lets them grant within their scope).

use super::{AdminNav, ROLES, SCOPES, admin_page, grant_label};
use crate::api::{ADMIN_USERS_LIMIT, GrantRole, RevokeRole, SetVerification, admin_users};
use crate::components::form::{ErrorSummary, FieldMessage, Notice, posted_error, echoed, field_error};
use crate::i18n::{Key, t};
use crate::pages::account::level_key;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::access::{AccessDto, AdminUserDto};
use shared::account::VerificationLevel;

const GRANT_URL: &str = <GrantRole as ServerFn>::PATH;
const REVOKE_URL: &str = <RevokeRole as ServerFn>::PATH;
const SET_LEVEL_URL: &str = <SetVerification as ServerFn>::PATH;

const LEVELS: [VerificationLevel; 3] = [VerificationLevel::Unverified, VerificationLevel::Verified, VerificationLevel::Official];

#[component]
pub fn UsersPage() -> impl IntoView {
    view! {
        <Title text=t(Key::AdminUsers) />
        {admin_page(std::sync::Arc::new(|access| view! { <Users access /> }.into_any()))}
    }
}

#[component]
fn Users(access: AccessDto) -> impl IntoView {
    let query = use_query_map();
    // The search being shown; the forms send it back so the page keeps it.
    let q = query.with_untracked(|q| q.get("q").unwrap_or_default());
    let notices = query.with_untracked(|q| {
        [("granted", "role-granted", Key::RoleGranted), ("revoked", "role-revoked", Key::RoleRevoked), ("level_set", "level-set", Key::LevelSet)]
            .into_iter()
            .filter(|(param, _, _)| q.get(param).is_some())
            .map(|(_, id, key)| (id, key))
            .collect::<Vec<_>>()
    });
    let users = access.list_users.then(|| Resource::new(move || query.read().get("q"), admin_users));
    let revoke_error = posted_error(REVOKE_URL);
    let level_error = posted_error(SET_LEVEL_URL);
    let q_for_list = q.clone();
    view! {
        <section class="page-section">
            <h2 class="page-title">{t(Key::AdminUsers)}</h2>
            <AdminNav access current="/admin/users" />
            {notices.into_iter().map(|(id, key)| view! { <Notice id text=key /> }).collect_view()}
            <ErrorSummary error=revoke_error id="revoke-grant-error" conflict=Key::ErrLastAdmin />
            <ErrorSummary error=level_error id="verification-error" />
            {match users {
                None => view! { <p id="users-not-listed">{t(Key::UsersNotListed)}</p> }.into_any(),
                Some(users) => view! {
                    <form method="get" action="/admin/users" id="user-search" class="search-form" role="search">
                        <label for="user-search-q">{t(Key::UserSearchLabel)}</label>
                        <div class="search-row">
                            <input type="search" id="user-search-q" name="q" class="krds-input" value=q.clone() autocomplete="off" />
                            <button type="submit" id="user-search-submit" class="krds-btn medium secondary">{t(Key::Search)}</button>
                        </div>
                    </form>
                    <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
                        {move || {
                            let q = q_for_list.clone();
                            Suspend::new(async move {
                                match users.await {
                                    Ok(list) if list.is_empty() => view! { <p id="no-users">{t(Key::NoUsers)}</p> }.into_any(),
                                    Ok(list) => view! { <UserTable list q /> }.into_any(),
                                    Err(e) => view! { <p role="alert">{t(crate::components::form::error_code_key(e.code()))}</p> }.into_any(),
                                }
                            })
                        }}
                    </Suspense>
                }.into_any(),
            }}
            <GrantForm q />
        </section>
    }
}

#[component]
fn UserTable(list: Vec<AdminUserDto>, q: String) -> impl IntoView {
    view! {
        <p class="table-note">{t(Key::UsersShownNote).replace("{limit}", &ADMIN_USERS_LIMIT.to_string())}</p>
        <div class="krds-table-wrap scroll">
            <table class="tbl col data" id="user-table">
                <caption class="sr-only">{t(Key::UserTableCaption)}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="num">{t(Key::AccountNumber)}</th>
                        <th scope="col">{t(Key::AccountName)}</th>
                        <th scope="col">{t(Key::AccountEmail)}</th>
                        <th scope="col">{t(Key::AccountLevel)}</th>
                        <th scope="col">{t(Key::UserOrganisations)}</th>
                        <th scope="col">{t(Key::UserRoles)}</th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|u| view! { <UserRow user=u q=q.clone() /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn UserRow(user: AdminUserDto, q: String) -> impl IntoView {
    let u = user;
    let level_id = format!("level-{}", u.id);
    view! {
        <tr id=format!("user-{}", u.id)>
            // The number committee forms take (admins limited to a scope cannot look accounts up by e-mail).
            <td class="num">{u.id}</td>
            <td>
                {u.display_name.clone()}
                {u.deleted.then(|| view! { " " <span class="krds-badge deleted-badge">{t(Key::UserDeleted)}</span> })}
            </td>
            <td>{u.email.clone()}</td>
            <td>
                {if u.deleted {
                    view! { {t(level_key(u.verification_level))} }.into_any()
                } else {
                    view! {
                        <form method="post" action=SET_LEVEL_URL class="inline-form level-form">
                            <input type="hidden" name="user_id" value=u.id />
                            <input type="hidden" name="q" value=q.clone() />
                            <label for=level_id.clone() class="sr-only">{format!("{}: {}", t(Key::AccountLevel), u.display_name)}</label>
                            <select id=level_id name="level" class="krds-form-select small">
                                {LEVELS.into_iter().map(|l| view! {
                                    <option value=l.as_str() selected=l == u.verification_level>{t(level_key(l))}</option>
                                }).collect_view()}
                            </select>
                            <button type="submit" id=format!("set-level-{}", u.id) class="krds-btn xsmall secondary">
                                {t(Key::LevelChange)}
                                <span class="sr-only">{format!(": {}", u.display_name)}</span>
                            </button>
                        </form>
                    }.into_any()
                }}
            </td>
            <td>
                {if u.organisations.is_empty() { "—".to_owned() } else { u.organisations.join(", ") }}
            </td>
            <td>
                {if u.roles.is_empty() {
                    view! { "—" }.into_any()
                } else {
                    view! {
                        <ul class="grant-list">
                            {u.roles.iter().map(|g| {
                                let label = grant_label(g);
                                view! {
                                    <li>
                                        <span class="grant-label">{label.clone()}</span>
                                        <form method="post" action=REVOKE_URL class="inline-form">
                                            <input type="hidden" name="grant_id" value=g.id />
                                            <input type="hidden" name="q" value=q.clone() />
                                            <button type="submit" id=format!("revoke-grant-{}", g.id) class="krds-btn xsmall tertiary">
                                                {t(Key::RoleRevoke)}
                                                <span class="sr-only">{format!(": {label} ({})", u.display_name)}</span>
                                            </button>
                                        </form>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </td>
        </tr>
    }
}

/// Granting a role: the account by e-mail, the role, where it applies.
#[component]
fn GrantForm(q: String) -> impl IntoView {
    let error = posted_error(GRANT_URL);
    let (role, scope_kind, scope_id) = (echoed(error, "role"), echoed(error, "scope_kind"), echoed(error, "scope_id"));
    let invalid = move |name: &'static str| field_error(error, name).get().is_some().then_some("true");
    view! {
        <h3 class="section-title" id="grant-form-title">{t(Key::GrantTitle)}</h3>
        <ErrorSummary error id="grant-form-error" conflict=Key::ErrRoleAlreadyHeld />
        <form method="post" action=GRANT_URL id="grant-form" class="account-form" aria-labelledby="grant-form-title" novalidate>
            <input type="hidden" name="q" value=q />
            <div class="form-group">
                <div class="form-tit"><label for="grant-email">{t(Key::EmailLabel)}</label></div>
                <div class="form-conts">
                    <input type="email" id="grant-email" name="email" class="krds-input" required autocomplete="off"
                        aria-invalid=move || invalid("email") aria-describedby="grant-email-error" />
                    <FieldMessage error=field_error(error, "email") id="grant-email-error" invalid=Key::ErrNoAccountForEmail />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit"><label for="grant-role">{t(Key::GrantRoleLabel)}</label></div>
                <div class="form-conts">
                    <select id="grant-role" name="role" class="krds-form-select" required
                        aria-invalid=move || invalid("role") aria-describedby="grant-role-error">
                        <option value="" selected=role.is_empty()>{t(Key::ChooseOne)}</option>
                        {ROLES.into_iter().map(|(value, label)| view! {
                            <option value=value selected=role == value>{t(label)}</option>
                        }).collect_view()}
                    </select>
                    <FieldMessage error=field_error(error, "role") id="grant-role-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit"><label for="grant-scope-kind">{t(Key::GrantScopeLabel)}</label></div>
                <div class="form-conts">
                    <select id="grant-scope-kind" name="scope_kind" class="krds-form-select"
                        aria-invalid=move || invalid("scope_kind") aria-describedby="grant-scope-kind-error">
                        {SCOPES.into_iter().map(|(value, label)| view! {
                            <option value=value selected=scope_kind == value>{t(label)}</option>
                        }).collect_view()}
                    </select>
                    <FieldMessage error=field_error(error, "scope_kind") id="grant-scope-kind-error" />
                </div>
            </div>
            <div class="form-group">
                <div class="form-tit"><label for="grant-scope-id">{t(Key::GrantScopeIdLabel)}</label></div>
                <div class="form-conts">
                    <p class="form-hint" id="grant-scope-id-hint">{t(Key::GrantScopeIdHint)}</p>
                    <input type="number" id="grant-scope-id" name="scope_id" class="krds-input" min="1" step="1" inputmode="numeric"
                        value=scope_id aria-invalid=move || invalid("scope_id") aria-describedby="grant-scope-id-hint grant-scope-id-error" />
                    <FieldMessage error=field_error(error, "scope_id") id="grant-scope-id-error" invalid=Key::ErrScopeId />
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" id="grant-submit" class="krds-btn medium primary">{t(Key::GrantSubmit)}</button>
            </div>
        </form>
    }
}
