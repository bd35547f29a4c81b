//! Browser test of committee review (심사, issue 5): a two-reviewer blind
//! round from the committee's creation to the published report, through the
//! pages as the admin, two reviewers (one chairing) and an anonymous visitor
//! use them.

use anyhow::{Result, anyhow};
use serde_json::{Value, json};
use tests::browser::{Browser, Js};
use tests::{TestApp, session_cookie};

const ADMIN_PASSWORD: &str = "관리자 비밀번호 충분히 길게";
const PASSWORD: &str = "심사위원 비밀번호 충분히 길게";
/// The proposer's name: a blind round must not show it to reviewers.
const AUTHOR_NAME: &str = "김제안자";
const SHORTLIST_RATIONALE: &str = "실현 가능성이 높아 후보로 올립니다.";
const SELECT_RATIONALE: &str = "두 위원 모두 가장 높게 평가해 최종 선정했습니다.";

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

/// Waits until an element matching `css` shows text containing `needle`
/// (after a form post the next page replaces the current one).
async fn wait_contains(browser: &Browser, css: &str, needle: &str) -> Result<()> {
    browser
        .wait_until(&format!("{css} to contain {needle:?}"), || async {
            Ok(match browser.try_find(css).await? {
                Some(e) => browser.text(&e).await.map(|t| t.contains(needle)).unwrap_or(false),
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

/// The number after `prefix` in the current URL (`/reviews/12?opened=1` → 12).
async fn id_in_url(browser: &Browser, prefix: &str) -> Result<i64> {
    let url = browser.current_url().await?;
    let rest = url.split(prefix).nth(1).ok_or_else(|| anyhow!("{url} has no {prefix}"))?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Ok(digits.parse()?)
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    app.count(&format!("SELECT id AS n FROM users WHERE email = '{email}'")).await
}

/// A published proposal by `cookie`, through the API; its id.
async fn published(app: &TestApp, cookie: &str, process_id: i64, title: &str) -> i64 {
    let body = json!({
        "process_id": process_id,
        "title": title,
        "problem": "민원 처리 과정이 기관마다 달라서 국민이 같은 서류를 여러 번 내야 합니다.",
        "solution": "기관들이 서류를 함께 쓰도록 연계해 한 번만 내면 되게 합니다.",
        "effect": "국민과 공무원의 시간이 줄어듭니다.",
        "area_code": "public_service",
        "region_code": "national",
        "publish": true,
    });
    let res = app.post("/api/v1/proposals", Some(cookie)).json(&body).send().await.unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    res.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
}

/// Chooses score `scores[k]` for criterion `criteria[k]` on the score sheet.
async fn fill_sheet(browser: &Browser, criteria: &[i64], scores: &[i64]) -> Result<()> {
    for (cid, v) in criteria.iter().zip(scores) {
        // KRDS draws its own radio: the label is what a person clicks.
        click(browser, &format!("label[for='score-{cid}-{v}']")).await?;
    }
    Ok(())
}

/// Whether radio `#id` is checked.
async fn checked(browser: &Browser, id: &str) -> Result<bool> {
    Ok(browser.eval(&format!("return document.getElementById('{id}').checked;")).await? == json!(true))
}

#[tokio::test]
async fn a_two_reviewer_round_from_creation_to_the_published_report() -> Result<()> {
    // ------------------------------------------------------------ Arrange
    // An admin, a process taking proposals, three proposals by a citizen,
    // two reviewer accounts (B will chair): all through the API.
    let app = TestApp::spawn().await;
    server::services::access::create_admin(&app.db, "admin@example.kr", "관리자", ADMIN_PASSWORD).await?;
    let admin = session_cookie(&app.sign_in("admin@example.kr", ADMIN_PASSWORD, None).await).unwrap();
    let now = chrono::Utc::now();
    let day = chrono::Duration::days(1);
    let process = json!({
        "slug": "2026-review",
        "title": "2026 정부혁신 국민제안 심사",
        "phases": [{ "kind": "intake", "starts_at": (now - day).to_rfc3339(), "ends_at": (now + day * 7).to_rfc3339() }],
    });
    let res = app.post("/api/v1/processes", Some(&admin)).json(&process).send().await?;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    let process_id = res.json::<Value>().await?["id"].as_i64().unwrap();
    let citizen = app.sign_up("citizen@example.kr", PASSWORD, AUTHOR_NAME).await;
    let top = published(&app, &citizen, process_id, "민원 서류를 한 번만 내게 해 주세요").await;
    let middle = published(&app, &citizen, process_id, "지역 도서관 운영 시간을 늘려 주세요").await;
    let low = published(&app, &citizen, process_id, "공공 와이파이 안내판을 바꿔 주세요").await;
    let proposals = [top, middle, low];
    app.sign_up("reviewer-a@example.kr", PASSWORD, "이심사").await;
    app.sign_up("chair-b@example.kr", PASSWORD, "박위원장").await;
    let (reviewer_a, chair_b) = (user_id(&app, "reviewer-a@example.kr").await, user_id(&app, "chair-b@example.kr").await);

    // ------------------------------------------------------------ Act: the admin sets the round up
    let admin_browser = Browser::start(Js::Enabled).await?;
    sign_in(&admin_browser, &app, "admin@example.kr", ADMIN_PASSWORD).await?;
    admin_browser.goto(&app.url("/admin")).await?;
    click(&admin_browser, "#admin-committees-link").await?;
    admin_browser.wait_for("#committee-form").await?;
    assert!(admin_browser.try_find("#no-committees").await?.is_some(), "no committee yet");
    accessible(&admin_browser).await?;
    click(&admin_browser, &format!("#cf-process option[value='{process_id}']")).await?;
    admin_browser.type_text(&admin_browser.wait_for("#cf-name").await?, "2026 국민제안 심사위원회").await?;
    admin_browser.type_text(&admin_browser.wait_for("#cf-description").await?, "민간 전문가와 공무원이 함께 심사합니다.").await?;
    click(&admin_browser, "#cf-submit").await?;
    admin_browser.wait_for("#committee-created").await?;
    let committee_id = id_in_url(&admin_browser, "/admin/committees/").await?;
    assert_eq!(text_of(&admin_browser, "#committee-heading").await?, "2026 국민제안 심사위원회");
    assert!(admin_browser.try_find("#no-committee-members").await?.is_some());
    // The list links to it.
    admin_browser.goto(&app.url("/admin/committees")).await?;
    click(&admin_browser, &format!("#committee-table #committee-{committee_id}")).await?;
    admin_browser.wait_for("#committee-member-form").await?;
    accessible(&admin_browser).await?;

    // The chair first (a committee with members needs one), then the other reviewer.
    admin_browser.type_text(&admin_browser.wait_for("#cm-user").await?, "chair-b@example.kr").await?;
    click(&admin_browser, "#cm-kind option[value='official']").await?;
    click(&admin_browser, "label[for='cm-chair']").await?;
    click(&admin_browser, "#cm-submit").await?;
    admin_browser.wait_for(&format!("#committee-member-{chair_b}")).await?;
    admin_browser.wait_for(&format!("#committee-chair-{chair_b} .chair-badge")).await?;
    admin_browser.type_text(&admin_browser.wait_for("#cm-user").await?, "reviewer-a@example.kr").await?;
    click(&admin_browser, "#cm-kind option[value='expert']").await?;
    click(&admin_browser, "#cm-submit").await?;
    admin_browser.wait_for(&format!("#committee-member-{reviewer_a}")).await?;
    let members = text_of(&admin_browser, "#committee-members").await?;
    assert!(members.contains("박위원장") && members.contains("이심사"), "{members}");
    assert!(admin_browser.try_find(&format!("#committee-chair-{reviewer_a} .chair-badge")).await?.is_none(), "A does not chair");
    assert!(admin_browser.try_find(&format!("#committee-chair-{chair_b} .chair-badge")).await?.is_some(), "B still chairs");

    // A blind round with the default rubric (four criteria, 1–5), two reviewers per proposal.
    let rubric = [("국민 체감도", "30"), ("실현 가능성", "30"), ("혁신성", "20"), ("협업 필요성", "20")];
    for (i, (name, weight)) in rubric.into_iter().enumerate() {
        assert_eq!(admin_browser.prop(&admin_browser.wait_for(&format!("#rf-crit-name-{i}")).await?, "value").await?.as_deref(), Some(name));
        assert_eq!(admin_browser.prop(&admin_browser.wait_for(&format!("#rf-crit-weight-{i}")).await?, "value").await?.as_deref(), Some(weight));
        assert_eq!(admin_browser.prop(&admin_browser.wait_for(&format!("#rf-crit-min-{i}")).await?, "value").await?.as_deref(), Some("1"));
        assert_eq!(admin_browser.prop(&admin_browser.wait_for(&format!("#rf-crit-max-{i}")).await?, "value").await?.as_deref(), Some("5"));
    }
    assert_eq!(admin_browser.prop(&admin_browser.wait_for("#rf-crit-name-4").await?, "value").await?.as_deref(), Some(""));
    assert!(checked(&admin_browser, "rf-status-published").await? && checked(&admin_browser, "rf-status-under_review").await?);
    admin_browser.type_text(&admin_browser.wait_for("#rf-title").await?, "1차 서면 심사").await?;
    admin_browser.type_text(&admin_browser.wait_for("#rf-reviewers").await?, "2").await?;
    let kst = chrono::FixedOffset::east_opt(9 * 3600).unwrap();
    let deadline_local = (now + day * 14).with_timezone(&kst).format("%Y-%m-%dT%H:%M").to_string();
    // A date picker's keyboard input depends on the browser's locale; set the value as the picker does.
    admin_browser.eval(&format!("document.getElementById('rf-deadline').value = '{deadline_local}';")).await?;
    click(&admin_browser, "label[for='rf-blind']").await?;
    assert!(checked(&admin_browser, "rf-blind").await?, "ticked by its label");
    click(&admin_browser, "#rf-submit").await?;
    admin_browser.wait_for("#round-created").await?;
    let round_id = id_in_url(&admin_browser, "/reviews/").await?;
    assert_eq!(text_of(&admin_browser, "#round-state").await?, "준비 중");
    assert_eq!(text_of(&admin_browser, "#round-blind").await?, "예");
    // (A round in preparation is for its committee and the process's admins only.)
    let round: Value = app.get_with(&format!("/api/v1/rounds/{round_id}"), &admin).await.json().await?;
    assert_eq!(round["blind"], true);
    assert_eq!(round["reviewers_per_proposal"], 2);
    let deadline = chrono::DateTime::parse_from_rfc3339(round["deadline"].as_str().unwrap())?;
    assert_eq!(deadline.with_timezone(&kst).format("%Y-%m-%dT%H:%M").to_string(), deadline_local, "the form's time is KST");
    let criteria: Vec<i64> = round["criteria"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
    assert_eq!(criteria.len(), 4);
    accessible(&admin_browser).await?;

    // The admin opens it: every proposal goes to both reviewers.
    click(&admin_browser, "#round-open").await?;
    admin_browser.wait_for("#round-opened").await?;
    assert_eq!(text_of(&admin_browser, "#round-state").await?, "심사 중");
    assert_eq!(text_of(&admin_browser, "#round-proposal-count").await?, "3");
    assert!(admin_browser.try_find("#round-open").await?.is_none());
    accessible(&admin_browser).await?;

    // Before it closes, the report is not public yet.
    let visitor = Browser::start(Js::Enabled).await?;
    visitor.goto(&app.url(&format!("/reviews/{round_id}/report"))).await?;
    visitor.wait_for("#report-pending").await?;
    assert!(visitor.try_find("#report-table").await?.is_none());

    // ------------------------------------------------------------ Act: reviewer A scores one proposal
    let a = Browser::start(Js::Enabled).await?;
    sign_in(&a, &app, "reviewer-a@example.kr", PASSWORD).await?;
    assert_eq!(text_of(&a, "#notification-count").await?.split_whitespace().next(), Some("1"), "told of the assignment");
    click(&a, "#nav-reviews").await?;
    click(&a, &format!("#my-rounds-table #round-{round_id}")).await?;
    a.wait_for("#my-queue").await?;
    for pid in proposals {
        a.wait_for(&format!("#queue-item-{pid}")).await?;
    }
    assert_eq!(text_of(&a, "#queue-progress-text").await?, "3건 중 0건 제출");
    assert!(a.try_find("#progress").await?.is_none(), "progress is for the chair");
    assert!(a.try_find("#round-close").await?.is_none());
    assert!(a.try_find("#ranking-link").await?.is_none(), "not before A's own sheets are in");
    accessible(&a).await?;
    click(&a, &format!("#queue-item-{top}")).await?;
    a.wait_for("#sheet-form").await?;
    // Blind: who proposed it is nowhere on the page (nor in its serialised data).
    a.wait_for("#blind-notice").await?;
    assert!(a.try_find("#proposal-author").await?.is_none());
    assert!(a.try_find("#public-proposal-link").await?.is_none());
    let html = a.eval("return document.documentElement.outerHTML;").await?;
    assert!(!html.as_str().unwrap_or_default().contains(AUTHOR_NAME), "the author's name is on the blind review page");
    assert_eq!(text_of(&a, "#sheet-state").await?, "시작 전");
    a.wait_for("#peer-sheets-locked").await?;
    accessible(&a).await?;

    // A draft: two criteria and a comment.
    fill_sheet(&a, &criteria[..2], &[4, 4]).await?;
    a.type_text(&a.wait_for(&format!("#comment-{}", criteria[0])).await?, "국민 체감도가 높습니다.").await?;
    click(&a, "#sheet-save").await?;
    a.wait_for("#sheet-saved").await?;
    assert_eq!(text_of(&a, "#sheet-state").await?, "임시 저장");
    assert_eq!(text_of(&a, "#sheet-total").await?, "—", "no total until every criterion is scored");
    assert!(checked(&a, &format!("score-{}-4", criteria[0])).await? && checked(&a, &format!("score-{}-4", criteria[1])).await?, "the draft kept");
    assert_eq!(a.prop(&a.wait_for(&format!("#comment-{}", criteria[0])).await?, "value").await?.as_deref(), Some("국민 체감도가 높습니다."));
    a.wait_for("#peer-sheets-locked").await?;

    // Then the whole sheet: (4, 4, 3, 5) on 1–5 with weights 30/30/20/20 is 75.0.
    fill_sheet(&a, &criteria[2..], &[3, 5]).await?;
    a.type_text(&a.wait_for("#sheet-comment").await?, "서류 연계가 잘 설계되어 있습니다.").await?;
    click(&a, "#sheet-submit").await?;
    a.wait_for("#sheet-submitted").await?;
    assert_eq!(text_of(&a, "#sheet-state").await?, "제출");
    assert_eq!(text_of(&a, "#sheet-total").await?, "75.0");
    a.wait_for("#sheet-history #sheet-version-1").await?;
    // Peers unlock once one's own is in; nobody else has submitted yet.
    a.wait_for("#peer-sheets-empty").await?;
    assert!(a.try_find("#peer-sheets-locked").await?.is_none());
    accessible(&a).await?;

    // ------------------------------------------------------------ Act: chair B scores everything, decides, closes
    let b = Browser::start(Js::Enabled).await?;
    sign_in(&b, &app, "chair-b@example.kr", PASSWORD).await?;
    b.goto(&app.url(&format!("/reviews/{round_id}"))).await?;
    b.wait_for("#my-queue").await?;
    b.wait_for("#progress").await?;
    b.wait_for("#send-reminders").await?;
    assert_eq!(text_of(&b, "#round-progress-text").await?, "6건 중 1건 제출");
    accessible(&b).await?;
    for (pid, v) in [(top, 5), (middle, 3), (low, 2)] {
        b.goto(&app.url(&format!("/reviews/{round_id}/proposals/{pid}"))).await?;
        b.wait_for("#sheet-form").await?;
        b.wait_for("#blind-notice").await?;
        fill_sheet(&b, &criteria, &[v; 4]).await?;
        click(&b, "#sheet-submit").await?;
        b.wait_for("#sheet-submitted").await?;
        assert_eq!(text_of(&b, "#sheet-state").await?, "제출");
    }
    // B sees A's sheet on the proposal both scored.
    b.goto(&app.url(&format!("/reviews/{round_id}/proposals/{top}"))).await?;
    wait_contains(&b, &format!("#peer-sheet-{reviewer_a}"), "75.0").await?;
    accessible(&b).await?;

    // A's locked peers have turned into B's sheet.
    a.goto(&app.url(&format!("/reviews/{round_id}/proposals/{top}"))).await?;
    wait_contains(&a, &format!("#peer-sheet-{chair_b}"), "100.0").await?;
    assert!(a.try_find("#peer-sheets-locked").await?.is_none());
    assert!(text_of(&a, &format!("#peer-sheet-{chair_b}")).await?.contains("박위원장"));

    // The ranking: committee means 87.5, 50.0, 25.0 (no supports, so the public share is level).
    b.goto(&app.url(&format!("/reviews/{round_id}"))).await?;
    assert_eq!(text_of(&b, "#round-progress-text").await?, "6건 중 4건 제출");
    // The chair reminds the one reviewer with sheets still out (A), who is told.
    click(&b, "#send-reminders").await?;
    wait_contains(&b, "#reminders-sent", "1명").await?;
    a.goto(&app.url("/")).await?;
    assert_eq!(text_of(&a, "#notification-count").await?.split_whitespace().next(), Some("2"), "assignment and reminder");
    b.goto(&app.url(&format!("/reviews/{round_id}"))).await?;
    click(&b, "#ranking-link").await?;
    b.wait_for("#ranking-table").await?;
    for (pid, rank) in [(top, "1"), (middle, "2"), (low, "3")] {
        assert_eq!(text_of(&b, &format!("#rank-{pid}")).await?, rank, "rank of {pid}");
    }
    assert_eq!(text_of(&b, &format!("#committee-score-{top}")).await?, "87.5");
    assert_eq!(text_of(&b, &format!("#committee-score-{middle}")).await?, "50.0");
    accessible(&b).await?;
    // Shortlist the top proposal, then select it.
    b.wait_for(&format!("#decision-form-{top}")).await?;
    click(&b, &format!("#decision-{top} option[value='shortlisted']")).await?;
    b.type_text(&b.wait_for(&format!("#rationale-{top}")).await?, SHORTLIST_RATIONALE).await?;
    click(&b, &format!("#decision-submit-{top}")).await?;
    b.wait_for("#decision-saved").await?;
    wait_contains(&b, &format!("#decision-{top}-current"), SHORTLIST_RATIONALE).await?;
    assert!(text_of(&b, &format!("#decision-{top}-current")).await?.starts_with("후보 선정"));
    // Selecting is what comes next: the form offers it.
    let next = b.wait_for(&format!("#decision-{top}")).await?;
    assert_eq!(b.prop(&next, "value").await?.as_deref(), Some("selected"));
    b.type_text(&b.wait_for(&format!("#rationale-{top}")).await?, SELECT_RATIONALE).await?;
    click(&b, &format!("#decision-submit-{top}")).await?;
    wait_contains(&b, &format!("#decision-{top}-current"), SELECT_RATIONALE).await?;
    let current = text_of(&b, &format!("#decision-{top}-current")).await?;
    assert_eq!(current.lines().next().map(str::trim), Some("선정"), "{current}");
    accessible(&b).await?;

    // The chair closes the round.
    // From the top of the round page (the decision's anchor scrolled the ranking under the header).
    b.goto(&app.url(&format!("/reviews/{round_id}"))).await?;
    click(&b, "#round-close").await?;
    b.wait_for("#round-closed").await?;
    assert_eq!(text_of(&b, "#round-state").await?, "마감");
    assert!(b.try_find("#round-close").await?.is_none());
    b.wait_for("#report-link").await?;

    // ------------------------------------------------------------ Assert: the public report
    visitor.goto(&app.url(&format!("/reviews/{round_id}/report"))).await?;
    visitor.wait_for("#report-table").await?;
    assert!(visitor.try_find("#report-pending").await?.is_none());
    let first_row = text_of(&visitor, "#report-table tbody tr:first-child").await?;
    assert_eq!(visitor.attr(&visitor.wait_for("#report-table tbody tr:first-child").await?, "id").await?, Some(format!("report-row-{top}")));
    assert!(first_row.starts_with('1') && first_row.contains("민원 서류를 한 번만 내게 해 주세요") && first_row.contains("선정"), "{first_row}");
    let decision = text_of(&visitor, &format!("#report-decisions #report-decision-{top}")).await?;
    assert!(decision.contains("선정") && decision.contains(SELECT_RATIONALE), "{decision}");
    assert!(visitor.try_find(&format!("#report-decision-{middle}")).await?.is_none(), "only decided proposals are listed");
    // No conflicts were declared or found.
    visitor.wait_for("#report-conflicts-empty").await?;
    // Reviewers' individual scores are not public.
    let page = visitor.eval("return document.body.innerText;").await?;
    assert!(!page.as_str().unwrap_or_default().contains("박위원장"), "a reviewer named on the public report");
    accessible(&visitor).await?;
    // The CSV download answers as CSV.
    let href = visitor.attr(&visitor.wait_for("#report-csv").await?, "href").await?.unwrap_or_default();
    assert_eq!(href, format!("/api/v1/rounds/{round_id}/report.csv"));
    let csv = app.get(&href).await;
    assert_eq!(csv.status(), 200);
    let content_type = csv.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert!(content_type.starts_with("text/csv"), "{content_type}");
    let csv = csv.text().await?;
    let top_line = csv.lines().find(|l| l.contains(&format!(",{top},"))).unwrap_or_default();
    assert!(top_line.starts_with("1,") && top_line.contains("selected") && top_line.contains(SELECT_RATIONALE), "{csv}");

    // The proposal's public page carries the decision and its rationale on its timeline.
    visitor.goto(&app.url(&format!("/proposals/{top}"))).await?;
    assert_eq!(text_of(&visitor, "#proposal-status").await?, "선정");
    let timeline = text_of(&visitor, "#timeline").await?;
    assert!(timeline.contains(SHORTLIST_RATIONALE) && timeline.contains(SELECT_RATIONALE), "{timeline}");

    for browser in [&admin_browser, &a, &b, &visitor] {
        browser.assert_no_console_errors().await?;
    }
    Ok(())
}
