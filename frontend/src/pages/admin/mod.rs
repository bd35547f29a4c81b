//! `/admin/…`: the administration pages (관리). Organisations, accounts and
//! their roles, participation processes, review committees, the audit log.
//!
//! Who sees what follows the policy's answers ([`my_access`]); the services
//! check every action again, so hiding a link is never the protection.
//! Anonymous visitors are sent to sign in; signed-in people without an admin
//! role get the 403 page. Every change is a plain form post to a server
//! function that redirects back to the page, with or without JavaScript.

pub mod audit;
pub mod committees;
pub mod organisations;
pub mod processes;
pub mod users;

use crate::api::my_access;
use crate::components::layout::encode_component;
use crate::i18n::{Key, t};
use crate::pages::forbidden::Forbidden;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;
use shared::access::{AccessDto, OrganisationKind, RoleGrantDto};
use std::sync::Arc;

/// The roles an admin can grant, with their labels (the server's `policy::Role`).
pub const ROLES: [(&str, Key); 7] = [
    ("forum_member", Key::RoleForumMember),
    ("committee_member", Key::RoleCommitteeMember),
    ("task_force_member", Key::RoleTaskForceMember),
    ("sos_responder", Key::RoleSosResponder),
    ("sos_lead", Key::RoleSosLead),
    ("moderator", Key::RoleModerator),
    ("admin", Key::RoleAdmin),
];

/// Where a role applies, with their labels (the server's `policy::Scope`).
pub const SCOPES: [(&str, Key); 5] = [
    ("global", Key::ScopeGlobal),
    ("council", Key::ScopeCouncil),
    ("committee", Key::ScopeCommittee),
    ("process", Key::ScopeProcess),
    ("task_force", Key::ScopeTaskForce),
];

/// The label of an organisation kind.
pub fn kind_key(kind: OrganisationKind) -> Key {
    match kind {
        OrganisationKind::CentralAgency => Key::KindCentralAgency,
        OrganisationKind::LocalGovernment => Key::KindLocalGovernment,
        OrganisationKind::PublicInstitution => Key::KindPublicInstitution,
        OrganisationKind::Private => Key::KindPrivate,
    }
}

fn label(list: &[(&str, Key)], wire: &str) -> String {
    list.iter().find(|(w, _)| *w == wire).map(|(_, k)| t(*k).to_owned()).unwrap_or_else(|| wire.to_owned())
}

/// "심사위원 · 위원회 #3", "관리자 · 전체".
pub fn grant_label(g: &RoleGrantDto) -> String {
    let scope = label(&SCOPES, &g.scope_kind);
    match g.scope_id {
        Some(id) => format!("{} · {scope} #{id}", label(&ROLES, &g.role)),
        None => format!("{} · {scope}", label(&ROLES, &g.role)),
    }
}

/// Renders `page` for admins; sends anonymous visitors to sign in (and back
/// here), and shows everyone else the 403 page.
///
/// `page` is boxed rather than generic: one copy of this code serves every
/// administration page (each generic copy would add to the WASM bundle).
pub fn admin_page(page: Arc<dyn Fn(AccessDto) -> AnyView + Send + Sync>) -> AnyView {
    crate::pages::private_page();
    let access = Resource::new(|| (), |_| my_access());
    let here = use_location().pathname.get_untracked();
    view! {
        <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
            {move || {
                let (page, here) = (page.clone(), here.clone());
                Suspend::new(async move {
                    match access.await {
                        Ok(a) if a.admin => page(a),
                        Ok(a) if !a.signed_in => {
                            view! { <Redirect path=format!("/sign-in?next={}", encode_component(&here)) /> }.into_any()
                        }
                        Ok(_) => view! { <Forbidden /> }.into_any(),
                        Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

/// The administration's own menu; links the person cannot use are left out.
#[component]
pub fn AdminNav(access: AccessDto, current: &'static str) -> impl IntoView {
    let links = [
        (true, "/admin", Key::AdminOverview),
        (access.manage_organisations, "/admin/organisations", Key::AdminOrganisations),
        (access.manage_processes, "/admin/processes", Key::AdminProcesses),
        (access.manage_processes, "/admin/committees", Key::AdminCommittees),
        (true, "/admin/users", Key::AdminUsers),
        (access.view_audit_log, "/admin/audit", Key::AdminAudit),
    ];
    view! {
        <nav class="admin-nav" aria-label=t(Key::AdminNavLabel)>
            <ul>
                {links.into_iter().filter(|(shown, _, _)| *shown).map(|(_, href, key)| view! {
                    <li>
                        <a href=href class="krds-btn small text" aria-current=(href == current).then_some("page")>{t(key)}</a>
                    </li>
                }).collect_view()}
            </ul>
        </nav>
    }
}

/// `/admin`: what can be done here.
#[component]
pub fn AdminHomePage() -> impl IntoView {
    view! {
        <Title text=t(Key::AdminTitle) />
        {admin_page(Arc::new(|access| view! { <AdminHome access /> }.into_any()))}
    }
}

#[component]
fn AdminHome(access: AccessDto) -> impl IntoView {
    let cards = [
        (access.manage_organisations, "/admin/organisations", "admin-organisations-link", Key::AdminOrganisations, Key::AdminOrganisationsText),
        (access.manage_processes, "/admin/processes", "admin-processes-link", Key::AdminProcesses, Key::AdminProcessesText),
        (access.manage_processes, "/admin/committees", "admin-committees-link", Key::AdminCommittees, Key::AdminCommitteesText),
        (true, "/admin/users", "admin-users-link", Key::AdminUsers, Key::AdminUsersText),
        (access.view_audit_log, "/admin/audit", "admin-audit-link", Key::AdminAudit, Key::AdminAuditText),
    ];
    view! {
        <section class="page-section">
            <h2 class="page-title">{t(Key::AdminTitle)}</h2>
            <AdminNav access current="/admin" />
            <p class="lead">{t(if access.global_admin { Key::AdminLead } else { Key::AdminScopedLead })}</p>
            <ul class="admin-cards">
                {cards.into_iter().filter(|c| c.0).map(|(_, href, id, title, text)| view! {
                    <li class="admin-card">
                        <a href=href id=id><strong>{t(title)}</strong></a>
                        <p>{t(text)}</p>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
