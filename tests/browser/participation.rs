//! Browser tests of the participation pages: propose, discuss, support.

use anyhow::Result;
use serde_json::{Value, json};
use tests::browser::{Browser, Js};
use tests::{TestApp, session_cookie};

const ADMIN_PASSWORD: &str = "관리자 비밀번호 충분히 길게";
const PASSWORD: &str = "시민 비밀번호 충분히 길게";
const EXISTING_TITLE: &str = "청년 일자리 정보를 한곳에 모아 주세요";

/// The first admin, signed in through the API (its cookie).
async fn admin(app: &TestApp) -> String {
    server::services::access::create_admin(&app.db, "admin@example.kr", "관리자", ADMIN_PASSWORD).await.unwrap();
    session_cookie(&app.sign_in("admin@example.kr", ADMIN_PASSWORD, None).await).unwrap()
}

/// A process taking proposals now.
async fn open_process(app: &TestApp, admin: &str) -> i64 {
    let now = chrono::Utc::now();
    let day = chrono::Duration::days(1);
    let body = json!({
        "slug": "2026-national",
        "title": "2026 정부혁신 국민제안",
        "description": "국민 누구나 제안합니다.",
        "phases": [{ "kind": "intake", "starts_at": (now - day).to_rfc3339(), "ends_at": (now + day * 7).to_rfc3339() }],
    });
    let res = app.post("/api/v1/processes", Some(admin)).json(&body).send().await.unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    res.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
}

/// A published proposal, through the API; its id.
async fn published(app: &TestApp, cookie: &str, process_id: i64, title: &str) -> i64 {
    let body = json!({
        "process_id": process_id,
        "title": title,
        "problem": "청년 일자리 정보가 부처마다 흩어져 있어 찾기가 매우 어렵습니다.",
        "solution": "관계 부처가 함께 정보를 모아 한 화면에서 안내하는 서비스를 만듭니다.",
        "effect": "국민이 찾는 시간이 줄어듭니다.",
        "area_code": "public_service",
        "region_code": "national",
        "tags": ["청년"],
        "publish": true,
    });
    let res = app.post("/api/v1/proposals", Some(cookie)).json(&body).send().await.unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    res.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
}

async fn sign_in(browser: &Browser, app: &TestApp, email: &str, password: &str) -> Result<()> {
    browser.goto(&app.url("/sign-in?next=/")).await?;
    browser.type_text(&browser.wait_for("#sign-in-email").await?, email).await?;
    browser.type_text(&browser.wait_for("#sign-in-password").await?, password).await?;
    browser.click(&browser.wait_for("#sign-in-submit").await?).await?;
    browser.wait_for("#account-link").await?;
    Ok(())
}

async fn click(browser: &Browser, css: &str) -> Result<()> {
    browser.click(&browser.wait_for(css).await?).await
}

async fn text_of(browser: &Browser, css: &str) -> Result<String> {
    browser.text(&browser.wait_for(css).await?).await
}

/// Waits until the element's text is `expected` (the page reloads after a post).
async fn wait_text(browser: &Browser, css: &str, expected: &str) -> Result<()> {
    browser
        .wait_until(&format!("{css} = {expected}"), || async {
            Ok(match browser.try_find(css).await? {
                Some(e) => browser.text(&e).await.map(|t| t.trim() == expected).unwrap_or(false),
                None => false,
            })
        })
        .await
}

/// A second citizen comments "against" and supports on the proposal page
/// (plain form posts; the same with and without JavaScript).
async fn comment_against_and_support(browser: &Browser, app: &TestApp, proposal_id: i64) -> Result<()> {
    browser.goto(&app.url(&format!("/proposals/{proposal_id}"))).await?;
    assert_eq!(text_of(browser, "#support-count").await?, "0");
    assert_eq!(text_of(browser, "#count-against").await?, "0");
    // KRDS draws its own radio: the label is what a person clicks.
    click(browser, "label[for='comment-alignment-against']").await?;
    browser.type_text(&browser.wait_for("#comment-body").await?, "예산이 너무 많이 들어서 반대합니다.").await?;
    click(browser, "#comment-submit").await?;
    wait_text(browser, "#count-against", "1").await?;
    assert_eq!(text_of(browser, "#count-for").await?, "0");
    let comments = text_of(browser, ".comment-list").await?;
    assert!(comments.contains("예산이 너무 많이 들어서 반대합니다."), "{comments}");
    assert!(comments.contains("반대"));

    // From the top of the page (the comment's anchor scrolled it under the header).
    browser.goto(&app.url(&format!("/proposals/{proposal_id}"))).await?;
    click(browser, "#support-button").await?;
    wait_text(browser, "#support-count", "1").await?;
    browser.wait_for("#supported-note").await?;
    Ok(())
}

#[tokio::test]
async fn a_citizen_proposes_with_similar_hints_and_another_discusses_and_supports_it() -> Result<()> {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let process_id = open_process(&app, &admin).await;
    let existing = published(&app, &admin, process_id, EXISTING_TITLE).await;
    app.sign_up("author@example.kr", PASSWORD, "김제안").await;
    app.sign_up("critic@example.kr", PASSWORD, "박반대").await;

    // The author writes a proposal; a similar one is offered while typing.
    let author = Browser::start(Js::Enabled).await?;
    sign_in(&author, &app, "author@example.kr", PASSWORD).await?;
    author.goto(&app.url("/proposals/new")).await?;
    author.wait_for_hydration().await?;
    author.assert_accessible().await?;
    author.console().await?; // axe-core's own probes trip the CSP
    author.type_text(&author.wait_for("#proposal-title").await?, "청년 일자리 정보를 한눈에").await?;
    author
        .wait_until("a similar proposal is listed", || async {
            Ok(author.try_find(&format!("#similar-proposals a[href='/proposals/{existing}']")).await?.is_some())
        })
        .await?;
    assert!(text_of(&author, "#similar-proposals").await?.contains("비슷한 제안이 있습니다"));
    author
        .type_text(&author.wait_for("#proposal-problem").await?, "청년 일자리 정보가 여러 누리집에 흩어져 있어 비교하기 어렵습니다.")
        .await?;
    author
        .type_text(&author.wait_for("#proposal-solution").await?, "지역별 청년 일자리 정보를 한 화면에서 비교하도록 모아 보여 줍니다.")
        .await?;
    author.type_text(&author.wait_for("#proposal-effect").await?, "일자리를 찾는 시간이 줄어듭니다.").await?;
    click(&author, "#proposal-area option[value='public_service']").await?;
    click(&author, "#proposal-region option[value='national']").await?;
    author.type_text(&author.wait_for("#proposal-tags").await?, "청년, 일자리").await?;
    click(&author, "#proposal-publish").await?;
    author.wait_for("#support-count").await?;
    assert_eq!(text_of(&author, "#proposal-heading").await?, "청년 일자리 정보를 한눈에");
    let url = author.current_url().await?;
    let proposal_id: i64 = url.rsplit('/').next().and_then(|s| s.split(['#', '?']).next()).unwrap().parse()?;
    assert_eq!(text_of(&author, "#proposal-status").await?, "공개");
    assert!(author.try_find("#notification-count").await?.is_none(), "nothing unread yet");
    author.wait_for_hydration().await?;
    author.assert_accessible().await?;
    author.console().await?;

    // Another citizen comments against it and supports it.
    let critic = Browser::start(Js::Enabled).await?;
    sign_in(&critic, &app, "critic@example.kr", PASSWORD).await?;
    comment_against_and_support(&critic, &app, proposal_id).await?;
    critic.wait_for_hydration().await?;
    critic.assert_accessible().await?;
    critic.console().await?;

    // The list shows both proposals; a search finds the new one.
    critic.goto(&app.url("/proposals?q=한눈에")).await?;
    assert_eq!(text_of(&critic, "#result-total").await?, "1");
    assert!(text_of(&critic, "#proposal-list").await?.contains("청년 일자리 정보를 한눈에"));
    critic.goto(&app.url("/proposals")).await?;
    assert_eq!(text_of(&critic, "#result-total").await?, "2");
    critic.wait_for_hydration().await?;
    critic.assert_accessible().await?;
    critic.console().await?;
    critic.assert_no_console_errors().await?;

    // The author is told.
    author.goto(&app.url("/")).await?;
    assert_eq!(text_of(&author, "#notification-count").await?.split_whitespace().next(), Some("1"));
    click(&author, "#notifications-link").await?;
    let list = text_of(&author, "#notification-list").await?;
    assert!(list.contains("박반대님이") && list.contains("청년 일자리 정보를 한눈에"), "{list}");
    author.wait_for_hydration().await?;
    author.assert_accessible().await?;
    author.console().await?;
    click(&author, "#mark-all-read").await?;
    author
        .wait_until("the badge to go", || async { Ok(author.try_find("#notification-count").await?.is_none()) })
        .await?;
    author.assert_no_console_errors().await
}

#[tokio::test]
async fn comments_and_supports_work_without_javascript() -> Result<()> {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let process_id = open_process(&app, &admin).await;
    let proposal_id = published(&app, &admin, process_id, EXISTING_TITLE).await;
    app.sign_up("critic@example.kr", PASSWORD, "박반대").await;

    let browser = Browser::start(Js::Disabled).await?;
    // Signed out: a sign-in link instead of the button.
    browser.goto(&app.url(&format!("/proposals/{proposal_id}"))).await?;
    browser.wait_for("#support-sign-in").await?;
    assert!(browser.try_find("#support-button").await?.is_none());

    sign_in(&browser, &app, "critic@example.kr", PASSWORD).await?;
    assert!(browser.try_find("body[data-hydrated]").await?.is_none(), "no JavaScript ran");
    comment_against_and_support(&browser, &app, proposal_id).await?;
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM supports").await, 1);

    // Withdrawing works the same way.
    browser.goto(&app.url(&format!("/proposals/{proposal_id}"))).await?;
    click(&browser, "#support-button").await?;
    wait_text(&browser, "#support-count", "0").await?;

    // A too-short comment comes back with the error and the text kept.
    browser.type_text(&browser.wait_for("#comment-body").await?, "짧").await?;
    click(&browser, "#comment-submit").await?;
    browser.wait_for("#comment-body-error").await?;
    assert_eq!(browser.prop(&browser.wait_for("#comment-body").await?, "value").await?.as_deref(), Some("짧"));

    // A proposal with errors keeps what was typed, and lists similar proposals.
    browser.goto(&app.url("/proposals/new")).await?;
    browser.type_text(&browser.wait_for("#proposal-title").await?, "청년 일자리 정보 모음").await?;
    click(&browser, "#proposal-publish").await?;
    browser.wait_for("#proposal-problem-error").await?;
    assert_eq!(browser.prop(&browser.wait_for("#proposal-title").await?, "value").await?.as_deref(), Some("청년 일자리 정보 모음"));
    browser.wait_for(&format!("#similar-proposals a[href='/proposals/{proposal_id}']")).await?;
    Ok(())
}

#[tokio::test]
async fn a_moderator_hides_a_reported_proposal_from_the_queue() -> Result<()> {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let process_id = open_process(&app, &admin).await;
    let proposal_id = published(&app, &admin, process_id, EXISTING_TITLE).await;
    let reporter = app.sign_up("reporter@example.kr", PASSWORD, "신고자").await;
    app.sign_up("moderator@example.kr", PASSWORD, "운영자").await;
    let res = app
        .post("/api/v1/admin/role-grants", Some(&admin))
        .json(&json!({ "email": "moderator@example.kr", "role": "moderator", "scope_kind": "global" }))
        .send()
        .await?;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    let res = app.post(&format!("/api/v1/proposals/{proposal_id}/reports"), Some(&reporter)).json(&json!({ "reason": "spam" })).send().await?;
    assert!(res.status().is_success(), "{}", res.text().await.unwrap_or_default());

    let browser = Browser::start(Js::Enabled).await?;
    sign_in(&browser, &app, "moderator@example.kr", PASSWORD).await?;
    browser.goto(&app.url("/moderation")).await?;
    let item = format!("#moderation-proposal-{proposal_id}");
    browser.wait_for(&item).await?;
    browser.wait_for_hydration().await?;
    browser.assert_accessible().await?;
    browser.console().await?;
    browser.type_text(&browser.wait_for(&format!("#moderation-reason-proposal-{proposal_id}")).await?, "광고성 글입니다").await?;
    click(&browser, &format!("{item} button[type='submit']")).await?;
    browser.wait_for("#moderated").await?;
    assert_eq!(app.count(&format!("SELECT COUNT(*) AS n FROM proposals WHERE id = {proposal_id} AND status = 'hidden'")).await, 1);

    // A citizen is kept out.
    let citizen = Browser::start(Js::Disabled).await?;
    sign_in(&citizen, &app, "reporter@example.kr", PASSWORD).await?;
    citizen.goto(&app.url("/moderation")).await?;
    assert!(citizen.try_find(&item).await?.is_none());
    browser.assert_no_console_errors().await
}

#[tokio::test]
async fn an_admin_moves_a_phase_and_answers_a_proposal_and_an_author_edits_and_deletes_a_comment() -> Result<()> {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let process_id = open_process(&app, &admin).await;
    let proposal_id = published(&app, &admin, process_id, EXISTING_TITLE).await;
    app.sign_up("author@example.kr", PASSWORD, "김의견").await;

    // The admin moves the end of the intake phase (the form is in KST).
    let browser = Browser::start(Js::Enabled).await?;
    sign_in(&browser, &app, "admin@example.kr", ADMIN_PASSWORD).await?;
    browser.goto(&app.url("/admin")).await?;
    click(&browser, "#admin-processes-link").await?;
    browser.wait_for("#process-table").await?;
    browser.wait_for_hydration().await?;
    browser.assert_accessible().await?;
    browser.console().await?;
    click(&browser, &format!("#process-{process_id}")).await?;
    browser.wait_for("#process-form").await?;
    browser.wait_for_hydration().await?;
    browser.assert_accessible().await?;
    browser.console().await?;
    // A date picker's keyboard input depends on the browser's locale; set the value as the picker does.
    browser.eval("document.getElementById('pf-intake-ends').value = '2099-12-31T18:00';").await?;
    click(&browser, "#pf-submit").await?;
    browser.wait_for("#process-saved").await?;
    assert_eq!(browser.prop(&browser.wait_for("#pf-intake-ends").await?, "value").await?.as_deref(), Some("2099-12-31T18:00"));
    let process: Value = app.get(&format!("/api/v1/processes/{process_id}")).await.json().await?;
    assert_eq!(process["phases"][0]["ends_at"], "2099-12-31T09:00:00Z", "stored in UTC");
    assert_eq!(process["current_phase"], "intake");

    // Then answers the proposal: under review, with an official answer.
    browser.goto(&app.url(&format!("/proposals/{proposal_id}"))).await?;
    click(&browser, "#status-new option[value='under_review']").await?;
    browser.type_text(&browser.wait_for("#status-answer").await?, "관계 부처와 함께 검토를 시작했습니다.").await?;
    click(&browser, "#status-submit").await?;
    browser.wait_for("#status-changed").await?;
    assert_eq!(text_of(&browser, "#proposal-status").await?, "심사 중");
    let timeline = text_of(&browser, "#timeline").await?;
    assert!(timeline.contains("심사 중") && timeline.contains("관계 부처와 함께 검토를 시작했습니다."), "{timeline}");
    browser.wait_for_hydration().await?;
    browser.assert_accessible().await?;
    browser.console().await?;
    browser.assert_no_console_errors().await?;

    // The proposal form offers organisations to name as collaborators.
    let res = app.post("/api/v1/organisations", Some(&admin)).json(&json!({ "name": "행정안전부", "kind": "central_agency" })).send().await?;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    browser.goto(&app.url("/proposals/new")).await?;
    click(&browser, "label[for='proposal-org-1']").await?;
    assert_eq!(browser.eval("return document.getElementById('proposal-org-1').checked;").await?, json!(true), "ticked by its label");
    browser.wait_for_hydration().await?;
    browser.assert_accessible().await?;
    browser.console().await?;

    // An author comments, edits and deletes the comment (plain form posts).
    let author = Browser::start(Js::Enabled).await?;
    sign_in(&author, &app, "author@example.kr", PASSWORD).await?;
    author.goto(&app.url(&format!("/proposals/{proposal_id}"))).await?;
    click(&author, "label[for='comment-alignment-for']").await?;
    author.type_text(&author.wait_for("#comment-body").await?, "검토 결과를 기다리겠습니다.").await?;
    click(&author, "#comment-submit").await?;
    wait_text(&author, "#count-for", "1").await?;
    let comment_id = app.count("SELECT MAX(id) AS n FROM comments").await;
    // From the top of the page (the comment's anchor scrolled it under the header).
    author.goto(&app.url(&format!("/proposals/{proposal_id}"))).await?;
    click(&author, &format!("#edit-comment-{comment_id}")).await?;
    let body = author.wait_for(&format!("#edit-body-{comment_id}")).await?;
    assert_eq!(author.prop(&body, "value").await?.as_deref(), Some("검토 결과를 기다리겠습니다."));
    author.wait_for_hydration().await?;
    author.assert_accessible().await?;
    author.console().await?;
    author.clear(&body).await?;
    author.type_text(&body, "검토 결과를 기대하며 기다리겠습니다.").await?;
    click(&author, &format!("#edit-submit-{comment_id}")).await?;
    author
        .wait_until("the edited text", || async {
            Ok(match author.try_find(&format!("#comment-{comment_id}")).await? {
                // The page may be replaced between the find and the read (the form's redirect).
                Some(e) => author.text(&e).await.is_ok_and(|t| t.contains("검토 결과를 기대하며 기다리겠습니다.")),
                None => false,
            })
        })
        .await?;
    assert!(text_of(&author, &format!("#comment-{comment_id} .comment-meta")).await?.contains("수정됨"));
    author.goto(&app.url(&format!("/proposals/{proposal_id}"))).await?;
    click(&author, &format!("#delete-comment-{comment_id}")).await?;
    click(&author, &format!("#delete-submit-{comment_id}")).await?;
    author.wait_for("#comment-deleted").await?;
    author.wait_for("#no-comments").await?;
    assert!(author.try_find(&format!("#comment-{comment_id}")).await?.is_none());
    assert_eq!(text_of(&author, "#count-for").await?, "0");
    author.assert_no_console_errors().await
}
