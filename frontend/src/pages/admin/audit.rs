//! `/admin/audit`: the latest entries of the audit log (감사 기록).

use super::{AdminNav, admin_page};
use crate::api::{AUDIT_LOG_LIMIT, audit_log};
use crate::components::time::kst;
use crate::i18n::{Key, t};
use crate::pages::forbidden::Forbidden;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::access::{AccessDto, AuditEntryDto};
use shared::ErrorCode;

#[component]
pub fn AuditPage() -> impl IntoView {
    view! {
        <Title text=t(Key::AdminAudit) />
        {admin_page(std::sync::Arc::new(|access| {
            if access.view_audit_log {
                view! { <AuditLog access /> }.into_any()
            } else {
                view! { <Forbidden /> }.into_any()
            }
        }))}
    }
}

#[component]
fn AuditLog(access: AccessDto) -> impl IntoView {
    let entries = Resource::new(|| (), |_| audit_log());
    view! {
        <section class="page-section">
            <h2 class="page-title">{t(Key::AdminAudit)}</h2>
            <AdminNav access current="/admin/audit" />
            <p>{t(Key::AuditLead).replace("{limit}", &AUDIT_LOG_LIMIT.to_string())}</p>
            <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match entries.await {
                        Ok(list) if list.is_empty() => view! { <p id="no-audit-entries">{t(Key::NoAuditEntries)}</p> }.into_any(),
                        Ok(list) => view! { <AuditTable list /> }.into_any(),
                        Err(e) if e.code() == ErrorCode::Forbidden => view! { <Forbidden /> }.into_any(),
                        Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn AuditTable(list: Vec<AuditEntryDto>) -> impl IntoView {
    view! {
        <div class="krds-table-wrap scroll">
            <table class="tbl col data" id="audit-table">
                <caption class="sr-only">{t(Key::AdminAudit)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(Key::AuditTime)}</th>
                        <th scope="col">{t(Key::AuditActor)}</th>
                        <th scope="col">{t(Key::AuditAction)}</th>
                        <th scope="col">{t(Key::AuditTarget)}</th>
                        <th scope="col">{t(Key::AuditIp)}</th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|e| {
                        let actor = e.actor_user_id.map(|id| format!("#{id}")).unwrap_or_else(|| t(Key::AuditNoActor).to_owned());
                        let target = match (e.target_kind, e.target_id) {
                            (Some(kind), Some(id)) => format!("{kind} #{id}"),
                            (Some(kind), None) => kind,
                            _ => "—".to_owned(),
                        };
                        view! {
                            <tr id=format!("audit-{}", e.id)>
                                <td><time datetime=e.at.clone()>{kst(&e.at)}</time></td>
                                <td>{actor}</td>
                                <td><code>{e.action}</code></td>
                                <td>{target}</td>
                                <td>{e.ip.unwrap_or_else(|| "—".to_owned())}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
