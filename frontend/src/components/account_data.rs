//! The person's data on the account page: downloading it (개인정보 열람·
//! 이동) and deleting the account (회원 탈퇴).

use crate::api::DeleteAccount as DeleteAccountFn;
use crate::components::form::{ErrorSummary, FieldMessage, posted_error, field_error};
use crate::components::providers::with_name;
use crate::i18n::{Key, t};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use shared::access::DeleteAccountInput;

const DELETE_URL: &str = <DeleteAccountFn as ServerFn>::PATH;

/// A link to the JSON export (a REST download, not a page of the app).
#[component]
pub fn ExportData() -> impl IntoView {
    view! {
        <section class="page-section" id="export" aria-labelledby="export-title">
            <h3 id="export-title" class="section-title">{t(Key::ExportTitle)}</h3>
            <p>{t(Key::ExportLead)}</p>
            <p>
                <a id="export-link" href="/api/v1/me/export" download="" rel="external" class="krds-btn medium secondary">
                    {t(Key::ExportLink)}
                </a>
            </p>
        </section>
    }
}

/// Deleting the account: what happens, the password (only for accounts
/// that have one) and the confirmation word.
#[component]
pub fn DeleteAccount(has_password: bool) -> impl IntoView {
    let error = posted_error(DELETE_URL);
    let invalid = move |name: &'static str| field_error(error, name).get().is_some().then_some("true");
    let confirm_hint = with_name(t(Key::DeleteConfirmHint), DeleteAccountInput::CONFIRM);
    view! {
        <section class="page-section account-form" id="delete-account" aria-labelledby="delete-account-title">
            <h3 id="delete-account-title" class="section-title">{t(Key::DeleteTitle)}</h3>
            <p>{t(Key::DeleteLead)}</p>
            <ul class="delete-consequences">
                <li>{t(Key::DeleteKeepsContributions)}</li>
                <li>{t(Key::DeleteRemovesAccess)}</li>
                <li>{t(Key::DeleteIsFinal)}</li>
            </ul>
            <ErrorSummary error id="delete-account-error" />
            <form method="post" action=DELETE_URL id="delete-account-form" novalidate>
                {has_password.then(|| view! {
                    <div class="form-group">
                        <div class="form-tit"><label for="delete-password">{t(Key::PasswordLabel)}</label></div>
                        <div class="form-conts">
                            <input type="password" id="delete-password" name="password" class="krds-input" autocomplete="current-password" required
                                aria-invalid=move || invalid("password") aria-describedby="delete-password-error" />
                            <FieldMessage error=field_error(error, "password") id="delete-password-error" invalid=Key::ErrWrongPassword />
                        </div>
                    </div>
                })}
                <div class="form-group">
                    <div class="form-tit"><label for="delete-confirm">{t(Key::DeleteConfirmLabel)}</label></div>
                    <div class="form-conts">
                        <p class="form-hint" id="delete-confirm-hint">{confirm_hint}</p>
                        <input type="text" id="delete-confirm" name="confirm" class="krds-input" autocomplete="off" required
                            aria-invalid=move || invalid("confirm") aria-describedby="delete-confirm-hint delete-confirm-error" />
                        <FieldMessage error=field_error(error, "confirm") id="delete-confirm-error" invalid=Key::ErrConfirmWord />
                    </div>
                </div>
                <div class="form-actions">
                    <button type="submit" id="delete-account-submit" class="krds-btn medium primary btn-danger">{t(Key::DeleteSubmit)}</button>
                </div>
            </form>
        </section>
    }
}
