//! Browser tests of the identity pages: administration, personal API
//! tokens (shown once), account deletion; accessibility of the new pages.

use anyhow::Result;
use tests::TestApp;
use tests::browser::{Browser, Js};

const ADMIN_PASSWORD: &str = "관리자 비밀번호 충분히 길게";
const PASSWORD: &str = "시민 비밀번호 충분히 길게";

async fn sign_in(browser: &Browser, app: &TestApp, email: &str, password: &str, next: &str) -> Result<()> {
    browser.goto(&app.url(&format!("/sign-in?next={next}"))).await?;
    browser.type_text(&browser.wait_for("#sign-in-email").await?, email).await?;
    browser.type_text(&browser.wait_for("#sign-in-password").await?, password).await?;
    browser.click(&browser.wait_for("#sign-in-submit").await?).await?;
    browser.wait_for("#account-link").await?;
    Ok(())
}

async fn choose(browser: &Browser, css: &str) -> Result<()> {
    browser.click(&browser.wait_for(css).await?).await
}

#[tokio::test]
async fn an_admin_creates_an_organisation_and_grants_a_role_and_a_citizen_is_kept_out() -> Result<()> {
    let app = TestApp::spawn().await;
    server::services::access::create_admin(&app.db, "admin@example.kr", "관리자", ADMIN_PASSWORD).await?;
    app.sign_up("citizen@example.kr", PASSWORD, "김시민").await;

    let browser = Browser::start(Js::Enabled).await?;
    sign_in(&browser, &app, "admin@example.kr", ADMIN_PASSWORD, "/").await?;
    browser.click(&browser.wait_for("#nav-admin").await?).await?;
    browser.click(&browser.wait_for("#admin-organisations-link").await?).await?;
    browser.type_text(&browser.wait_for("#org-name").await?, "행정안전부").await?;
    choose(&browser, "#org-kind option[value='central_agency']").await?;
    browser.click(&browser.wait_for("#org-submit").await?).await?;
    let table = browser.wait_for("#organisation-table").await?;
    assert!(browser.text(&table).await?.contains("행정안전부"));
    browser.wait_for_hydration().await?;
    browser.assert_accessible().await?;
    browser.console().await?; // axe-core's own probes trip the CSP

    browser.goto(&app.url("/admin/users")).await?;
    browser.type_text(&browser.wait_for("#grant-email").await?, "citizen@example.kr").await?;
    choose(&browser, "#grant-role option[value='moderator']").await?;
    choose(&browser, "#grant-scope-kind option[value='global']").await?;
    browser.click(&browser.wait_for("#grant-submit").await?).await?;
    browser.wait_for("#role-granted").await?;
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM role_grants WHERE role = 'moderator'").await, 1);
    browser.wait_for_hydration().await?;
    browser.assert_accessible().await?;
    browser.console().await?;
    browser.goto(&app.url("/admin/audit")).await?;
    let audit = browser.wait_for("#audit-table").await?;
    assert!(browser.text(&audit).await?.contains("role.granted"));

    // A citizen has no admin link and gets the 403 page.
    let citizen = Browser::start(Js::Enabled).await?;
    app.sign_up("plain@example.kr", PASSWORD, "박시민").await;
    sign_in(&citizen, &app, "plain@example.kr", PASSWORD, "/").await?;
    assert!(citizen.try_find("#nav-admin").await?.is_none());
    citizen.goto(&app.url("/admin/organisations")).await?;
    citizen.wait_for("#forbidden").await?;
    // The only console entry is the 403 status itself.
    let entries = citizen.console().await?;
    assert!(entries.iter().all(|e| e.message.contains("403")), "{entries:?}");
    Ok(())
}

#[tokio::test]
async fn a_token_is_shown_once_without_javascript_and_the_account_can_be_deleted() -> Result<()> {
    let app = TestApp::spawn().await;
    app.sign_up("dev@example.kr", PASSWORD, "개발자").await;
    let browser = Browser::start(Js::Disabled).await?;
    sign_in(&browser, &app, "dev@example.kr", PASSWORD, "/me").await?;
    browser.goto(&app.url("/me")).await?;
    browser.type_text(&browser.wait_for("#token-name").await?, "통계 스크립트").await?;
    browser.click(&browser.wait_for("#token-submit").await?).await?;
    let shown = browser.wait_for("#new-token-value").await?;
    let mut token = browser.text(&shown).await?;
    if token.is_empty() {
        token = browser.prop(&shown, "value").await?.unwrap_or_default();
    }
    assert!(token.starts_with("hkt_"), "{token:?}");
    assert!(!browser.current_url().await?.contains("hkt_"), "never in the URL");
    let me = app.client.get(app.url("/api/v1/me")).bearer_auth(&token).send().await?;
    assert_eq!(me.status(), 200);
    // Once only.
    browser.goto(&app.url("/me")).await?;
    browser.wait_for("#token-table").await?;
    assert!(browser.try_find("#new-token").await?.is_none());
    let id = app.count("SELECT id AS n FROM api_tokens").await;
    browser.click(&browser.wait_for(&format!("#revoke-token-{id}")).await?).await?;
    browser.wait_for("#token-revoked").await?;
    assert_eq!(app.client.get(app.url("/api/v1/me")).bearer_auth(&token).send().await?.status(), 401);

    // Deleting the account: the confirmation word is required.
    browser.type_text(&browser.wait_for("#delete-password").await?, PASSWORD).await?;
    browser.type_text(&browser.wait_for("#delete-confirm").await?, "삭제").await?;
    browser.click(&browser.wait_for("#delete-account-submit").await?).await?;
    browser.wait_for("#delete-account-error").await?;
    browser.type_text(&browser.wait_for("#delete-password").await?, PASSWORD).await?;
    browser.type_text(&browser.wait_for("#delete-confirm").await?, "탈퇴").await?;
    browser.click(&browser.wait_for("#delete-account-submit").await?).await?;
    browser.wait_for("#account-deleted").await?;
    assert!(browser.try_find("#account-link").await?.is_none());
    assert_eq!(app.sign_in("dev@example.kr", PASSWORD, None).await.status(), 401);
    Ok(())
}
