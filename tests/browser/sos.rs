//! Browser test of the collaboration SOS desk (협업SOS, issue 7): a task
//! force member posts progress and raises a request from the task's page,
//! the desk finds it in its triage queue (overdue, once its clock is moved
//! back), answers and resolves it, and the requester reads the answer from
//! their notifications; the public page shows the anonymised statistics.
//! Set-up (accounts, an organisation, a task with its task force, the desk
//! role) goes through the REST API, as an admin would do it.

use anyhow::{Result, anyhow};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use tests::browser::{Browser, Js};
use tests::{TestApp, session_cookie};

const ADMIN_PASSWORD: &str = "관리자 비밀번호 충분히 길게";
const PASSWORD: &str = "협업 담당 비밀번호 충분히 길게";
const SOS_TITLE: &str = "협업정원 2명 배정이 필요합니다";
const ANSWER: &str = "행정안전부 조직실과 협의해 다음 달 협업정원 2명을 배정하기로 했습니다.";

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

/// Waits until the element matching `css` reads `want` (after a form post
/// the next page replaces the current one, which may show the same ids).
async fn wait_text(browser: &Browser, css: &str, want: &str) -> Result<()> {
    browser
        .wait_until(&format!("{css} to read {want:?}"), || async {
            Ok(match browser.try_find(css).await? {
                Some(e) => browser.text(&e).await.map(|t| t == want).unwrap_or(false),
                None => false,
            })
        })
        .await
}

/// Hydrates, runs axe-core, then drops the console entries its probes cause (the CSP).
async fn accessible(browser: &Browser) -> Result<()> {
    browser.wait_for_hydration().await?;
    browser.assert_accessible().await?;
    browser.console().await?;
    Ok(())
}

/// The number after `prefix` in the current URL (`/sos/12?raised=1` → 12).
async fn id_in_url(browser: &Browser, prefix: &str) -> Result<i64> {
    let url = browser.current_url().await?;
    let rest = url.split(prefix).nth(1).ok_or_else(|| anyhow!("{url} has no {prefix}"))?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Ok(digits.parse()?)
}

/// `POST` as the admin; the created object.
async fn created(app: &TestApp, admin: &str, path: &str, body: Value) -> Result<Value> {
    let res = app.post(path, Some(admin)).json(&body).send().await?;
    assert_eq!(res.status(), 201, "{path}: {}", res.text().await.unwrap_or_default());
    Ok(res.json().await?)
}

#[tokio::test]
async fn a_task_force_raises_an_sos_the_desk_answers_it_and_the_requester_reads_the_answer() -> Result<()> {
    // ------------------------------------------------------------ Arrange
    // An admin, an organisation, a task made directly with a task-force
    // member, and a desk responder (the role granted globally).
    let app = TestApp::spawn().await;
    server::services::access::create_admin(&app.db, "admin@example.kr", "관리자", ADMIN_PASSWORD).await?;
    let admin = session_cookie(&app.sign_in("admin@example.kr", ADMIN_PASSWORD, None).await).unwrap();
    let org = created(&app, &admin, "/api/v1/organisations", json!({ "name": "행정안전부", "kind": "central_agency", "region_code": "seoul" })).await?;
    let org_id = org["id"].as_i64().unwrap();
    let task = created(
        &app,
        &admin,
        "/api/v1/tasks",
        json!({
            "title": "민원 서류 한 번에 내기", "description": "기관들이 서류를 함께 씁니다.", "kind": "institution_managed",
            "area_code": "public_service", "region_code": "national", "lead_organisation_id": org_id,
        }),
    )
    .await?;
    let task_id = task["id"].as_i64().unwrap();
    app.sign_up("tf@example.kr", PASSWORD, "김실무").await;
    app.sign_up("desk@example.kr", PASSWORD, "이데스크").await;
    let res = app
        .client
        .put(app.url(&format!("/api/v1/tasks/{task_id}/members")))
        .header("origin", app.url(""))
        .header("cookie", &admin)
        .json(&json!({ "members": [{ "email": "tf@example.kr", "role": "lead" }] }))
        .send()
        .await?;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    created(&app, &admin, "/api/v1/admin/role-grants", json!({ "email": "desk@example.kr", "role": "sos_responder", "scope_kind": "global" })).await?;
    let desk_id = app.count("SELECT id AS n FROM users WHERE email = 'desk@example.kr'").await;

    // ------------------------------------------------------------ Act: the task force member
    let tf = Browser::start(Js::Enabled).await?;
    sign_in(&tf, &app, "tf@example.kr", PASSWORD).await?;
    tf.goto(&app.url(&format!("/tasks/{task_id}"))).await?;
    // A progress update first.
    tf.type_text(&tf.wait_for("#update-body").await?, "관계 기관 첫 회의를 열었습니다.").await?;
    click(&tf, "#update-submit").await?;
    tf.wait_for("#update-posted").await?;
    assert!(text_of(&tf, "#update-list").await?.contains("관계 기관 첫 회의를 열었습니다."));
    // Following the task (from the top of the page: the header stays on top when scrolled).
    tf.goto(&app.url(&format!("/tasks/{task_id}"))).await?;
    assert_eq!(text_of(&tf, "#task-followers").await?, "구독자 0명");
    click(&tf, "#task-follow-button").await?;
    tf.wait_for("#task-followed").await?;
    assert_eq!(text_of(&tf, "#task-followers").await?, "구독자 1명");
    assert_eq!(text_of(&tf, "#task-follow-button").await?, "구독 취소");

    // Then the SOS request: an empty form is refused with the errors shown.
    assert!(tf.try_find("#no-task-sos").await?.is_some());
    click(&tf, "#sos-submit").await?;
    tf.wait_for("#sos-form-error").await?;
    tf.wait_for("#sos-title-error").await?;
    tf.wait_for("#sos-description-error").await?;
    tf.type_text(&tf.wait_for("#sos-title-input").await?, SOS_TITLE).await?;
    click(&tf, "#sos-category-input option[value='staffing']").await?;
    click(&tf, "#sos-urgency-input option[value='urgent']").await?;
    tf.type_text(&tf.wait_for("#sos-description-input").await?, "과제 전담 인력이 없어 일정이 늦어지고 있습니다. 협업정원 지원을 요청합니다.").await?;
    click(&tf, &format!("label[for='sos-org-{org_id}']")).await?;
    click(&tf, "#sos-submit").await?;
    tf.wait_for("#sos-raised").await?;
    let sos_id = id_in_url(&tf, "/sos/").await?;
    assert_eq!(text_of(&tf, "#sos-title").await?, SOS_TITLE);
    assert_eq!(text_of(&tf, "#sos-state").await?, "접수");
    assert_eq!(text_of(&tf, "#sos-urgency").await?, "긴급");
    assert_eq!(text_of(&tf, "#sos-category").await?, "인력(협업정원)");
    assert!(text_of(&tf, "#sos-organisations").await?.contains("행정안전부"));
    assert_eq!(text_of(&tf, "#sos-requester").await?, "김실무");
    assert!(tf.try_find("#sos-kind").await?.is_none(), "the task force only replies");
    assert!(tf.try_find("#sos-assign-form").await?.is_none(), "only the desk assigns");
    tf.wait_for("#sos-first-response-due").await?;
    accessible(&tf).await?;
    // The task's page lists it.
    tf.goto(&app.url(&format!("/tasks/{task_id}"))).await?;
    tf.wait_for(&format!("#task-sos #sos-link-{sos_id}")).await?;
    // As the task force's lead they also set the task force.
    tf.wait_for("#task-force-form #task-force-current").await?;
    accessible(&tf).await?;

    // The request waited a long time: its clock is moved back a month, so
    // both deadlines have passed.
    let month_ago = chrono::Utc::now() - chrono::Duration::days(30);
    server::entities::sos_request::Entity::update_many()
        .col_expr(server::entities::sos_request::Column::CreatedAt, Expr::value(month_ago))
        .filter(server::entities::sos_request::Column::Id.eq(sos_id))
        .exec(&app.db)
        .await?;

    // ------------------------------------------------------------ Act: the desk
    let desk = Browser::start(Js::Enabled).await?;
    sign_in(&desk, &app, "desk@example.kr", PASSWORD).await?;
    desk.goto(&app.url("/sos")).await?;
    desk.wait_for("#sos-filters").await?;
    let row = format!("#sos-row-{sos_id}");
    desk.wait_for(&row).await?;
    assert_eq!(text_of(&desk, &format!("#sos-overdue-{sos_id}")).await?, "기한 초과", "overdue in words, not colour alone");
    assert!(desk.attr(&desk.wait_for(&row).await?, "class").await?.unwrap_or_default().contains("sos-row-overdue"));
    assert!(text_of(&desk, "#sos-overdue-count").await?.contains('1'));
    accessible(&desk).await?;
    // The overdue filter keeps it; another category does not.
    click(&desk, "label[for='sos-filter-overdue']").await?;
    click(&desk, "#sos-filter-submit").await?;
    desk.wait_until("the filtered queue", || async { Ok(desk.current_url().await?.contains("overdue=1")) }).await?;
    desk.wait_for(&row).await?;
    assert_eq!(desk.eval("return document.getElementById('sos-filter-overdue').checked;").await?, json!(true), "the filter stays ticked");
    desk.goto(&app.url("/sos?category=budget")).await?;
    desk.wait_for("#no-sos").await?;
    desk.goto(&app.url("/sos")).await?;
    click(&desk, &format!("#sos-link-{sos_id}")).await?;
    desk.wait_for("#sos-reply-form").await?;
    desk.wait_for("#sos-first-response-overdue").await?;
    assert_eq!(text_of(&desk, "#sos-assignee-name").await?, "미지정(데스크 전체)");
    accessible(&desk).await?;

    // The desk takes it and answers.
    click(&desk, &format!("#sos-assignee-select option[value='{desk_id}']")).await?;
    click(&desk, "#sos-assign-submit").await?;
    desk.wait_for("#sos-assigned").await?;
    assert_eq!(text_of(&desk, "#sos-assignee-name").await?, "이데스크");
    assert_eq!(text_of(&desk, "#sos-state").await?, "담당자 지정");
    // (Each post comes back scrolled to what changed; from the top again, so
    // the sticky header does not cover the next control.)
    let detail = app.url(&format!("/sos/{sos_id}"));
    desk.goto(&detail).await?;
    click(&desk, "label[for='sos-kind-reply']").await?;
    desk.type_text(&desk.wait_for("#sos-reply-body").await?, "확인했습니다. 조직실과 협의하겠습니다.").await?;
    click(&desk, "#sos-reply-submit").await?;
    desk.wait_for("#sos-posted").await?;
    // Then resolves it.
    desk.goto(&detail).await?;
    click(&desk, "label[for='sos-kind-resolve']").await?;
    desk.type_text(&desk.wait_for("#sos-reply-body").await?, ANSWER).await?;
    click(&desk, "#sos-reply-submit").await?;
    wait_text(&desk, "#sos-state", "해결").await?;
    desk.wait_for("#sos-closed").await?;
    assert!(desk.try_find("#sos-reply-form").await?.is_none(), "nobody writes in a resolved request");
    desk.assert_no_console_errors().await?;

    // ------------------------------------------------------------ Assert: the requester reads the answer
    tf.goto(&app.url("/me/notifications")).await?;
    let link = format!("#notification-list a[href='/sos/{sos_id}']");
    tf.wait_for(&link).await?;
    assert!(text_of(&tf, "#notification-list").await?.contains("협업SOS 데스크가 요청"));
    click(&tf, &link).await?;
    tf.wait_for("#sos-messages").await?;
    let thread = text_of(&tf, "#sos-messages").await?;
    assert!(thread.contains(ANSWER) && thread.contains("이데스크"), "{thread}");
    assert!(thread.contains("협업SOS 데스크") && thread.contains("해결"), "desk messages marked with their kind: {thread}");
    assert_eq!(text_of(&tf, "#sos-state").await?, "해결");
    tf.wait_for("#sos-resolution-state").await?;
    tf.wait_for_hydration().await?;
    tf.assert_no_console_errors().await?;

    // The admin's form for new tasks (linked from the portfolio).
    let admin_browser = Browser::start(Js::Enabled).await?;
    sign_in(&admin_browser, &app, "admin@example.kr", ADMIN_PASSWORD).await?;
    admin_browser.goto(&app.url("/tasks")).await?;
    click(&admin_browser, "#new-task-link").await?;
    admin_browser.wait_for(&format!("#task-lead option[value='{org_id}']")).await?;
    accessible(&admin_browser).await?;

    // The public sees only the statistics; the request asks visitors to sign in.
    let visitor = Browser::start(Js::Enabled).await?;
    visitor.goto(&app.url("/sos")).await?;
    assert_eq!(text_of(&visitor, "#sos-total").await?, "1");
    assert_eq!(text_of(&visitor, "#sos-resolved").await?, "1");
    visitor.wait_for("#sos-levels #sos-level-urgent").await?;
    visitor.wait_for("#sos-sign-in").await?;
    assert!(visitor.try_find("#sos-table").await?.is_none());
    assert!(!text_of(&visitor, "#main-content").await?.contains(SOS_TITLE), "anonymised");
    accessible(&visitor).await?;
    visitor.goto(&app.url(&format!("/sos/{sos_id}"))).await?;
    visitor.wait_for("#sign-in-form").await?;
    // Signed in, but neither in the task force nor at the desk: as if it did not exist.
    app.sign_up("other@example.kr", PASSWORD, "박시민").await;
    sign_in(&visitor, &app, "other@example.kr", PASSWORD).await?;
    visitor.goto(&app.url(&format!("/sos/{sos_id}"))).await?;
    wait_text(&visitor, ".page-title", "페이지를 찾을 수 없습니다").await?;
    assert!(!text_of(&visitor, "#main-content").await?.contains(ANSWER));
    Ok(())
}
