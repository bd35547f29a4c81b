//! Browser tests: headless Chromium over WebDriver against the real server.
//! They assert what a person sees: the page hydrates, controls that need the
//! app work, the form works with and without JavaScript, and the console
//! stays free of errors.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod identity;
mod meetings;
mod participation;
mod review;
mod sos;

use anyhow::Result;
use sea_orm::{ConnectionTrait, Statement};
use tests::TestApp;
use tests::browser::{Browser, Js};

async fn stored_receipts(app: &TestApp) -> Vec<String> {
    let backend = app.db.get_database_backend();
    app.db
        .query_all_raw(Statement::from_string(backend, "SELECT receipt FROM site_feedback ORDER BY id".to_owned()))
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.try_get("", "receipt").unwrap())
        .collect()
}

#[tokio::test]
async fn the_home_page_hydrates_and_the_screen_size_control_works() -> Result<()> {
    let app = TestApp::spawn().await;
    let browser = Browser::start(Js::Enabled).await?;
    browser.goto(&app.url("/")).await?;
    browser.wait_for_hydration().await?;

    let html = browser.wait_for("html").await?;
    assert_eq!(browser.attr(&html, "lang").await?.as_deref(), Some("ko"));
    let title = browser.wait_for(".site-name").await?;
    assert_eq!(browser.text(&title).await?, "함께혁신");

    // The screen-size control exists only once the app runs in the browser.
    let toggle = browser.wait_for("#screen-size-toggle").await?;
    assert_eq!(browser.attr(&toggle, "aria-expanded").await?.as_deref(), Some("false"));
    browser.click(&toggle).await?;
    assert_eq!(browser.attr(&toggle, "aria-expanded").await?.as_deref(), Some("true"));
    let larger = browser.wait_for("button[data-zoom='zoom-xlg']").await?;
    assert!(browser.displayed(&larger).await?, "the menu opened");
    browser.click(&larger).await?;
    let wrap = browser.wait_for("#wrap").await?;
    assert_eq!(browser.attr(&wrap, "class").await?.as_deref(), Some("zoom-xlg"));
    assert_eq!(browser.attr(&toggle, "aria-expanded").await?.as_deref(), Some("false"), "the menu closed");

    browser.assert_no_console_errors().await
}

#[tokio::test]
async fn the_feedback_form_checks_input_at_once_and_submits_when_hydrated() -> Result<()> {
    let app = TestApp::spawn().await;
    let browser = Browser::start(Js::Enabled).await?;
    browser.goto(&app.url("/feedback")).await?;
    browser.wait_for_hydration().await?;

    // The character counter follows typing (only the hydrated app does this).
    let message = browser.wait_for("#feedback-message").await?;
    browser.type_text(&message, "버튼이 작아요").await?;
    let count = browser.wait_for("#feedback-message-count .count-now").await?;
    browser.wait_until("the counter to show 7", || async { Ok(browser.text(&count).await? == "7") }).await?;

    // Too short: the shared parser refuses it in the browser; nothing is sent.
    browser.click(&browser.wait_for("#feedback-submit").await?).await?;
    let error = browser.wait_for("#feedback-message-error").await?;
    assert!(browser.text(&error).await?.contains("글자 수가 너무 적습니다"));
    assert!(stored_receipts(&app).await.is_empty());

    browser.type_text(&message, ". 모바일에서 누르기 어렵습니다.").await?;
    browser.click(&browser.wait_for("#feedback-submit").await?).await?;
    let receipt = browser.wait_for("#feedback-receipt").await?;
    let shown = browser.text(&receipt).await?;
    assert!(browser.current_url().await?.contains("/feedback/thanks?receipt="));
    assert_eq!(stored_receipts(&app).await, vec![shown]);

    browser.assert_no_console_errors().await
}

#[tokio::test]
async fn the_feedback_form_works_as_a_plain_post_with_javascript_disabled() -> Result<()> {
    let app = TestApp::spawn().await;
    let browser = Browser::start(Js::Disabled).await?;
    browser.goto(&app.url("/feedback")).await?;
    let form = browser.wait_for("#feedback-form").await?;
    assert!(browser.attr(&form, "action").await?.is_some_and(|a| a.ends_with("/fn/feedback")));
    assert!(browser.try_find("body[data-hydrated]").await?.is_none(), "no JavaScript ran");
    assert!(browser.try_find("#screen-size-toggle").await?.is_none());

    // Invalid first: the server sends the page back with the error and the text kept.
    let message = browser.wait_for("#feedback-message").await?;
    browser.type_text(&message, "짧아요").await?;
    browser.click(&browser.wait_for("#feedback-submit").await?).await?;
    let error = browser.wait_for("#feedback-message-error").await?;
    assert!(browser.text(&error).await?.contains("글자 수가 너무 적습니다"));
    let message = browser.wait_for("#feedback-message").await?;
    assert_eq!(browser.prop(&message, "value").await?.as_deref(), Some("짧아요"));
    assert!(stored_receipts(&app).await.is_empty());

    browser.type_text(&message, " 그리고 자바스크립트 없이도 보내집니다").await?;
    let email = browser.wait_for("#feedback-email").await?;
    browser.type_text(&email, "reply@example.kr").await?;
    browser.click(&browser.wait_for("#feedback-submit").await?).await?;
    let receipt = browser.wait_for("#feedback-receipt").await?;
    assert_eq!(stored_receipts(&app).await, vec![browser.text(&receipt).await?]);
    Ok(())
}

#[tokio::test]
async fn switching_to_english_translates_the_page_and_stays_on_it() -> Result<()> {
    let app = TestApp::spawn().await;
    let browser = Browser::start(Js::Enabled).await?;
    browser.goto(&app.url("/feedback")).await?;
    browser.wait_for_hydration().await?;
    browser.click(&browser.wait_for("a[hreflang='en']").await?).await?;
    browser.wait_for("html[lang='en']").await?;
    browser.wait_for_hydration().await?;
    assert!(browser.current_url().await?.ends_with("/feedback"));
    let title = browser.wait_for(".page-title").await?;
    assert_eq!(browser.text(&title).await?, "Send feedback about the site");
    browser.assert_no_console_errors().await
}

#[tokio::test]
async fn every_page_passes_axe_core_wcag_2_1_aa_checks() -> Result<()> {
    let app = TestApp::spawn().await;
    let receipt: serde_json::Value = app
        .post_json("/api/v1/feedback", &serde_json::json!({ "category": "idea", "message": "접근성 검사를 위한 의견입니다" }))
        .await
        .json()
        .await?;
    let receipt = receipt["receipt"].as_str().unwrap_or_default().to_owned();
    let browser = Browser::start(Js::Enabled).await?;
    for path in ["/", "/feedback", &format!("/feedback/thanks?receipt={receipt}"), "/no/such/page", "/sign-in", "/sign-up"] {
        browser.goto(&app.url(path)).await?;
        browser.wait_for_hydration().await?;
        browser.assert_accessible().await?;
    }
    // The form showing its errors.
    browser.goto(&app.url("/feedback")).await?;
    browser.wait_for_hydration().await?;
    browser.click(&browser.wait_for("#feedback-submit").await?).await?;
    browser.wait_for("#feedback-message-error").await?;
    browser.assert_accessible().await?;
    // And in English.
    browser.click(&browser.wait_for("a[hreflang='en']").await?).await?;
    browser.wait_for("html[lang='en']").await?;
    browser.wait_for_hydration().await?;
    browser.assert_accessible().await
    // (No console check here: axe-core's own probes trip the CSP; the other tests check the console.)
}

#[tokio::test]
async fn a_citizen_signs_up_lands_where_they_came_from_and_signs_out() -> Result<()> {
    let app = TestApp::spawn().await;
    let browser = Browser::start(Js::Enabled).await?;
    browser.goto(&app.url("/feedback")).await?;
    browser.wait_for_hydration().await?;
    browser.click(&browser.wait_for("#sign-in-link").await?).await?;
    browser.wait_for("#sign-in-form").await?;
    assert!(browser.current_url().await?.contains("/sign-in"));

    // No account yet: follow the sign-up link, which keeps where to return.
    browser.click(&browser.wait_for(".form-alt a").await?).await?;
    browser.wait_for("#sign-up-form").await?;
    browser.type_text(&browser.wait_for("#sign-up-email").await?, "citizen@example.kr").await?;
    browser.type_text(&browser.wait_for("#sign-up-name").await?, "홍길동").await?;
    // Too short a password first: the error comes back, nothing is created.
    browser.type_text(&browser.wait_for("#sign-up-password").await?, "짧은암호").await?;
    browser.click(&browser.wait_for("#sign-up-submit").await?).await?;
    let error = browser.wait_for("#sign-up-password-error").await?;
    assert!(browser.text(&error).await?.contains("글자 수가 너무 적습니다"));

    browser.type_text(&browser.wait_for("#sign-up-email").await?, "citizen@example.kr").await?;
    browser.type_text(&browser.wait_for("#sign-up-name").await?, "홍길동").await?;
    browser.type_text(&browser.wait_for("#sign-up-password").await?, "충분히 긴 비밀번호 문장입니다").await?;
    browser.click(&browser.wait_for("#sign-up-submit").await?).await?;
    let account = browser.wait_for("#account-link").await?;
    assert_eq!(browser.text(&account).await?, "홍길동");
    assert!(browser.current_url().await?.ends_with("/feedback"), "back where they came from");

    // Their page, then sign out.
    browser.click(&account).await?;
    let email = browser.wait_for("#account-email").await?;
    assert_eq!(browser.text(&email).await?, "citizen@example.kr");
    browser.wait_for_hydration().await?;
    browser.assert_no_console_errors().await?;
    browser.assert_accessible().await?;
    browser.console().await?; // axe-core's own probes trip the CSP; not the site's errors
    browser.click(&browser.wait_for("#sign-out").await?).await?;
    browser.wait_for("#sign-in-link").await?;
    browser.goto(&app.url("/me")).await?;
    browser.wait_for("#sign-in-form").await?;
    assert!(browser.current_url().await?.contains("/sign-in?next=/me"), "signed out: /me asks to sign in");
    browser.assert_no_console_errors().await
}

#[tokio::test]
async fn a_wrong_password_in_the_browser_says_so_without_saying_which_part() -> Result<()> {
    let app = TestApp::spawn().await;
    app.sign_up("known@example.kr", "정확한 비밀번호 문장입니다", "김철수").await;
    let browser = Browser::start(Js::Disabled).await?;
    browser.goto(&app.url("/sign-in")).await?;
    browser.type_text(&browser.wait_for("#sign-in-email").await?, "known@example.kr").await?;
    browser.type_text(&browser.wait_for("#sign-in-password").await?, "틀린 비밀번호 문장입니다").await?;
    browser.click(&browser.wait_for("#sign-in-submit").await?).await?;
    let summary = browser.wait_for("#form-error-summary").await?;
    assert!(browser.text(&summary).await?.contains("이메일 또는 비밀번호가 맞지 않습니다"));
    assert!(browser.try_find("#account-link").await?.is_none());

    browser.type_text(&browser.wait_for("#sign-in-email").await?, "known@example.kr").await?;
    browser.type_text(&browser.wait_for("#sign-in-password").await?, "정확한 비밀번호 문장입니다").await?;
    browser.click(&browser.wait_for("#sign-in-submit").await?).await?;
    let account = browser.wait_for("#account-link").await?;
    assert_eq!(browser.text(&account).await?, "김철수");
    Ok(())
}

#[tokio::test]
async fn a_citizen_signs_in_with_an_openid_provider_in_the_browser_and_signs_out() -> Result<()> {
    let app = TestApp::spawn_with(|c| c.providers = vec![tests::oidc::provider("test", "hamkke")]).await;
    let browser = Browser::start(Js::Enabled).await?;
    browser.goto(&app.url("/feedback")).await?;
    browser.wait_for_hydration().await?;
    browser.click(&browser.wait_for("#sign-in-link").await?).await?;
    // The sign-in page offers the configured provider.
    let button = browser.wait_for("#provider-test").await?;
    assert!(browser.text(&button).await?.contains("테스트 test"));
    browser.click(&button).await?;

    // At the provider (oidc-provider's own login page).
    let login = browser.wait_for("input[name='login']").await?;
    assert!(browser.current_url().await?.starts_with(&tests::oidc::issuer()), "at the provider");
    browser.type_text(&login, "browser-citizen").await?;
    browser.type_text(&browser.wait_for("input[name='password']").await?, "anything").await?;
    browser.console().await?; // the provider's page is not ours to judge
    browser.click(&browser.wait_for("button[type='submit']").await?).await?;

    // Back on the page they came from, signed in under the provider's name.
    let account = browser.wait_for("#account-link").await?;
    assert_eq!(browser.text(&account).await?, "browser-citizen");
    assert!(browser.current_url().await?.ends_with("/feedback"), "back where they came from");
    browser.wait_for_hydration().await?;
    browser.assert_no_console_errors().await?;

    browser.click(&browser.wait_for("#sign-out").await?).await?;
    browser.wait_for("#sign-in-link").await?;
    assert!(browser.try_find("#account-link").await?.is_none());
    let me = app.get("/api/v1/me").await;
    assert_eq!(me.status(), 401);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM identities WHERE subject = 'browser-citizen'").await, 1);
    browser.assert_no_console_errors().await
}

#[tokio::test]
async fn a_failed_provider_sign_in_is_explained_on_the_sign_in_page() -> Result<()> {
    let app = TestApp::spawn_with(|c| c.providers = vec![tests::oidc::provider("test", "hamkke")]).await;
    let browser = Browser::start(Js::Disabled).await?;
    // A callback nobody started (as after a forged or replayed link).
    browser.goto(&app.url("/auth/oidc/test/callback?code=abc&state=forged")).await?;
    let summary = browser.wait_for("#form-error-summary").await?;
    assert!(!browser.text(&summary).await?.is_empty());
    assert!(browser.current_url().await?.contains("/sign-in?error=oidc_state"));
    assert!(browser.try_find("#account-link").await?.is_none());
    Ok(())
}
