//! Browser test of a hybrid meeting's live room (issue 6), with two
//! browsers at once: an online participant registers on the meeting's page
//! and opens the live room; the facilitator (the council's chair) prepares
//! and opens a poll on their page, and the participant's page shows it
//! without being reloaded; the participant votes and asks a question, which
//! reaches the facilitator's page the same way; the facilitator closes the
//! poll and the participant's page shows the result, split by provenance.
//! A third visitor without JavaScript reads the same room as a plain page.
//! Set-up (council, members, meeting, agenda) goes through the REST API, as
//! an admin would do it.

use anyhow::Result;
use serde_json::{Value, json};
use tests::browser::{Browser, Js};
use tests::{TestApp, session_cookie};

const ADMIN_PASSWORD: &str = "관리자 비밀번호 충분히 길게";
const PASSWORD: &str = "회의 참가자 비밀번호 충분히 길게";
const POLL: &str = "1호 안건을 중점과제 후보로 올리는 데 찬성하십니까?";
const QUESTION: &str = "예산은 어느 부처가 부담하나요?";

async fn sign_in(browser: &Browser, app: &TestApp, email: &str) -> Result<()> {
    browser.goto(&app.url("/sign-in?next=/")).await?;
    browser
        .type_text(&browser.wait_for("#sign-in-email").await?, email)
        .await?;
    browser
        .type_text(&browser.wait_for("#sign-in-password").await?, PASSWORD)
        .await?;
    browser
        .click(&browser.wait_for("#sign-in-submit").await?)
        .await?;
    browser.wait_for("#account-link").await?;
    Ok(())
}

async fn click(browser: &Browser, css: &str) -> Result<()> {
    browser.click(&browser.wait_for(css).await?).await
}

async fn text_of(browser: &Browser, css: &str) -> Result<String> {
    browser.text(&browser.wait_for(css).await?).await
}

/// Waits until the element matching `css` contains `want`.
async fn wait_contains(browser: &Browser, css: &str, want: &str) -> Result<()> {
    browser
        .wait_until(&format!("{css} to contain {want:?}"), || async {
            Ok(match browser.try_find(css).await? {
                Some(e) => browser
                    .text(&e)
                    .await
                    .map(|t| t.contains(want))
                    .unwrap_or(false),
                None => false,
            })
        })
        .await
}

async fn send(
    app: &TestApp,
    method: reqwest::Method,
    cookie: &str,
    path: &str,
    body: Value,
    want: u16,
) -> Result<Value> {
    let res = app
        .client
        .request(method, app.url(path))
        .header("origin", app.url(""))
        .header("cookie", cookie)
        .json(&body)
        .send()
        .await?;
    let status = res.status().as_u16();
    let text = res.text().await?;
    assert_eq!(status, want, "{path}: {text}");
    Ok(serde_json::from_str(&text)?)
}

/// Marks the page, so a later check can tell it was not loaded again.
async fn mark(browser: &Browser) -> Result<()> {
    browser
        .eval("window.__not_reloaded = 'yes'; return null;")
        .await?;
    Ok(())
}

async fn still_marked(browser: &Browser) -> Result<bool> {
    Ok(browser
        .eval("return window.__not_reloaded || 'reloaded';")
        .await?
        .as_str()
        == Some("yes"))
}

#[tokio::test]
async fn a_poll_opened_by_the_facilitator_reaches_an_online_participant_and_its_result_too_without_a_reload()
-> Result<()> {
    // ------------------------------------------------------------ Arrange
    let app = TestApp::spawn().await;
    server::services::access::create_admin(&app.db, "admin@example.kr", "관리자", ADMIN_PASSWORD)
        .await?;
    let admin =
        session_cookie(&app.sign_in("admin@example.kr", ADMIN_PASSWORD, None).await).unwrap();
    app.sign_up("chair@example.kr", PASSWORD, "박위원장").await;
    app.sign_up("citizen@example.kr", PASSWORD, "최시민").await;
    let chair_id = app
        .count("SELECT id AS n FROM users WHERE email = 'chair@example.kr'")
        .await;
    let council = send(
        &app,
        reqwest::Method::POST,
        &admin,
        "/api/v1/councils",
        json!({ "name": "정부혁신추진협의회", "description": "민관 협의체" }),
        201,
    )
    .await?;
    let council_id = council["id"].as_i64().unwrap();
    let members =
        json!({ "members": [{ "user_id": chair_id, "side": "civilian", "role": "chair" }] });
    send(
        &app,
        reqwest::Method::PUT,
        &admin,
        &format!("/api/v1/councils/{council_id}/members"),
        members,
        200,
    )
    .await?;
    let now = chrono::Utc::now();
    let meeting = send(
        &app,
        reqwest::Method::POST,
        &admin,
        "/api/v1/meetings",
        json!({
            "council_id": council_id, "title": "제3차 정부혁신추진협의회", "description": "중점과제 후보 논의", "kind": "hybrid",
            "starts_at": (now + chrono::Duration::minutes(30)).to_rfc3339(), "ends_at": (now + chrono::Duration::minutes(150)).to_rfc3339(),
            "venue": "정부서울청사 별관 2층 대회의실", "capacity": 30, "online_url": "", "built_in_room": true, "visibility": "public",
        }),
        201,
    )
    .await?;
    let id = meeting["id"].as_i64().unwrap();
    let agenda = json!({ "items": [{ "title": "1호 안건: 민원 서류 한 번에 내기", "description": "발표 10분, 토론 20분", "minutes": 30 }] });
    send(
        &app,
        reqwest::Method::PUT,
        &admin,
        &format!("/api/v1/meetings/{id}/agenda"),
        agenda,
        200,
    )
    .await?;

    // ------------------------------------------------------------ Act: the participant registers online
    let citizen = Browser::start(Js::Enabled).await?;
    sign_in(&citizen, &app, "citizen@example.kr").await?;
    citizen.goto(&app.url(&format!("/meetings/{id}"))).await?;
    assert_eq!(
        text_of(&citizen, "#meeting-title").await?,
        "제3차 정부혁신추진협의회"
    );
    assert!(text_of(&citizen, "#meeting-when").await?.ends_with("(KST)"));
    click(&citizen, "label[for='mode-online']").await?;
    click(&citizen, "#register-button").await?;
    citizen.wait_for("#meeting-registered").await?;
    assert_eq!(
        text_of(&citizen, "#my-registration-mode").await?,
        "온라인 참석"
    );
    assert!(
        citizen.try_find("#my-check-in-qr").await?.is_none(),
        "online participants have no check-in code"
    );
    citizen.wait_for_hydration().await?;
    citizen.assert_accessible().await?;
    citizen.console().await?;

    // The participant enters the live room and stays on the page from here on.
    citizen
        .goto(&app.url(&format!("/meetings/{id}/live")))
        .await?;
    citizen.wait_for_hydration().await?;
    wait_contains(&citizen, "#live-status", "실시간으로 연결").await?;
    assert_eq!(
        text_of(&citizen, "#no-open-poll").await?,
        "진행 중인 투표가 없습니다."
    );
    wait_contains(&citizen, "#attendance-counts", "온라인 1/1명 접속").await?;
    assert!(
        citizen.try_find("#facilitator").await?.is_none(),
        "only the staff get the controls"
    );
    mark(&citizen).await?;

    // ------------------------------------------------------------ The facilitator
    let chair = Browser::start(Js::Enabled).await?;
    sign_in(&chair, &app, "chair@example.kr").await?;
    chair
        .goto(&app.url(&format!("/meetings/{id}/live")))
        .await?;
    chair.wait_for("#facilitator").await?;
    // Moves to the first item: the participant's page follows.
    click(&chair, "#agenda-item option:nth-child(2)").await?;
    click(&chair, "#agenda-button").await?;
    wait_contains(&citizen, "#current-item-name", "1호 안건").await?;
    // Prepares and opens a yes/no/abstain poll.
    chair.wait_for("#poll-form").await?;
    chair
        .type_text(&chair.wait_for("#poll-question").await?, POLL)
        .await?;
    click(&chair, "#poll-kind option[value='yes_no_abstain']").await?;
    click(&chair, "#poll-create-button").await?;
    chair.wait_for("#poll-created-notice").await?;
    click(&chair, "#poll-admin-list button[id$='-open']").await?;
    chair
        .wait_for("#poll-admin-list button[id$='-close']")
        .await?;

    // ------------------------------------------------------------ Assert: it reached the participant without a reload
    wait_contains(&citizen, "#open-poll-question", POLL).await?;
    assert!(
        still_marked(&citizen).await?,
        "the participant's page was not reloaded"
    );
    click(&citizen, "label[for='vote-option-0']").await?;
    click(&citizen, "#vote-button").await?;
    wait_contains(&citizen, "#my-vote", "투표가 반영되었습니다").await?;
    // A question, posted in place, reaches the facilitator's page.
    chair.wait_for_hydration().await?;
    mark(&chair).await?;
    citizen
        .type_text(&citizen.wait_for("#question-body").await?, QUESTION)
        .await?;
    click(&citizen, "#question-button").await?;
    wait_contains(&citizen, "#question-list", QUESTION).await?;
    wait_contains(&chair, "#question-list", QUESTION).await?;
    assert!(
        still_marked(&chair).await?,
        "the facilitator's page was not reloaded"
    );
    // The facilitator sees the live result (one online vote for yes) and closes the poll.
    wait_contains(&chair, "#polls .poll-results", "찬성").await?;
    chair
        .goto(&app.url(&format!("/meetings/{id}/live")))
        .await?;
    click(&chair, "#poll-admin-list button[id$='-close']").await?;
    chair.wait_for("#closed-polls").await?;

    // The participant's page shows the result, still without a reload.
    citizen.wait_for("#last-closed-poll .poll-results").await?;
    let yes_row = text_of(
        &citizen,
        "#last-closed-poll .poll-results tbody tr:first-child",
    )
    .await?;
    assert!(yes_row.starts_with("찬성"), "{yes_row}");
    let cells: Vec<&str> = yes_row.split_whitespace().collect();
    assert_eq!(
        &cells[1..],
        ["1", "0", "1", "0"],
        "total, room, online, hand count: {yes_row}"
    );
    assert_eq!(
        text_of(&citizen, "#no-open-poll").await?,
        "진행 중인 투표가 없습니다."
    );
    assert!(
        still_marked(&citizen).await?,
        "the participant's page was not reloaded"
    );
    citizen.assert_no_console_errors().await?;
    chair.assert_no_console_errors().await?;
    citizen.assert_accessible().await?;
    chair.wait_for_hydration().await?;
    chair.assert_accessible().await?;

    // ------------------------------------------------------------ Without JavaScript: the same room, as a plain page
    let plain = Browser::start(Js::Disabled).await?;
    plain
        .goto(&app.url(&format!("/meetings/{id}/live")))
        .await?;
    assert!(
        text_of(&plain, "#current-item-name")
            .await?
            .contains("1호 안건")
    );
    assert!(text_of(&plain, "#closed-polls").await?.contains(POLL));
    assert!(text_of(&plain, "#question-list").await?.contains(QUESTION));
    assert_eq!(
        text_of(&plain, "#live-status").await?,
        "새로 고쳐야 최신 내용이 보입니다."
    );
    Ok(())
}

/// Sets a form field's value the way a person's choice would (a select's
/// option, a `datetime-local`, whose typing depends on the browser's locale).
async fn set_value(browser: &Browser, css: &str, value: &str) -> Result<()> {
    browser.wait_for(css).await?;
    let script = format!("document.querySelector({css:?}).value = {value:?}; return null;");
    browser.eval(&script).await?;
    Ok(())
}

#[tokio::test]
async fn an_admin_sets_up_a_council_and_its_secretary_schedules_a_meeting_with_an_agenda_in_the_browser()
-> Result<()> {
    // ------------------------------------------------------------ Arrange: an admin and a future secretary
    let app = TestApp::spawn().await;
    server::services::access::create_admin(&app.db, "admin@example.kr", "관리자", PASSWORD).await?;
    app.sign_up("secretary@example.kr", PASSWORD, "정간사")
        .await;

    // ------------------------------------------------------------ The admin: a council and its secretary
    let admin = Browser::start(Js::Enabled).await?;
    sign_in(&admin, &app, "admin@example.kr").await?;
    admin.goto(&app.url("/councils")).await?;
    click(&admin, "#new-council-link").await?;
    admin
        .type_text(&admin.wait_for("#cf-name").await?, "정부혁신추진협의회")
        .await?;
    admin
        .type_text(
            &admin.wait_for("#cf-description").await?,
            "정부혁신 과제를 민관이 함께 심의합니다.",
        )
        .await?;
    admin.assert_accessible().await?;
    // axe-core\'s own inline styles are refused by the CSP: not the page\'s.
    admin.console().await?;
    click(&admin, "#cf-submit").await?;
    admin.wait_for("#council-created").await?;
    admin
        .type_text(&admin.wait_for("#cm-user").await?, "secretary@example.kr")
        .await?;
    set_value(&admin, "#cm-role", "secretary").await?;
    click(&admin, "#cm-submit").await?;
    admin.wait_for("#council-member-added").await?;
    assert!(
        text_of(&admin, "#council-members-manage")
            .await?
            .contains("정간사")
    );
    admin.assert_accessible().await?;
    // axe-core\'s own inline styles are refused by the CSP: not the page\'s.
    admin.console().await?;
    // The council's page (the link sits at the top, under the site's header).
    let href = admin.attr(&admin.wait_for("#back-to-council").await?, "href").await?.unwrap_or_default();
    admin.goto(&app.url(&href)).await?;
    assert_eq!(
        text_of(&admin, "#council-title").await?,
        "정부혁신추진협의회"
    );
    let council_url = admin.current_url().await?;
    admin.assert_no_console_errors().await?;

    // ------------------------------------------------------------ The secretary: a meeting, then its agenda
    let secretary = Browser::start(Js::Enabled).await?;
    sign_in(&secretary, &app, "secretary@example.kr").await?;
    secretary.goto(&council_url).await?;
    assert!(
        text_of(&secretary, "#council-members")
            .await?
            .contains("간사")
    );
    click(&secretary, "#schedule-meeting-link").await?;
    secretary
        .type_text(
            &secretary.wait_for("#mf-title").await?,
            "제1차 정부혁신추진협의회",
        )
        .await?;
    let day =
        (chrono::Utc::now() + chrono::Duration::hours(9) + chrono::Duration::days(2)).date_naive();
    set_value(&secretary, "#mf-starts", &format!("{day}T10:00")).await?;
    set_value(&secretary, "#mf-ends", &format!("{day}T12:00")).await?;
    secretary
        .type_text(
            &secretary.wait_for("#mf-venue").await?,
            "정부세종청사 6동 대회의실",
        )
        .await?;
    secretary
        .type_text(&secretary.wait_for("#mf-capacity").await?, "40")
        .await?;
    secretary.assert_accessible().await?;
    // axe-core\'s own inline styles are refused by the CSP: not the page\'s.
    secretary.console().await?;
    click(&secretary, "#mf-submit").await?;
    secretary.wait_for("#meeting-created").await?;
    assert_eq!(
        text_of(&secretary, "#meeting-title").await?,
        "제1차 정부혁신추진협의회"
    );
    assert!(
        text_of(&secretary, "#meeting-when")
            .await?
            .contains("10:00"),
        "the time typed in KST is shown in KST"
    );
    click(&secretary, "#meeting-agenda-link").await?;
    secretary
        .type_text(
            &secretary.wait_for("#ag-0-title").await?,
            "개회와 안건 채택",
        )
        .await?;
    secretary
        .type_text(
            &secretary.wait_for("#ag-1-title").await?,
            "청년 교통비 제안 발표",
        )
        .await?;
    // The second row first: the order numbers decide.
    set_value(&secretary, "#ag-0-position", "2").await?;
    set_value(&secretary, "#ag-1-position", "1").await?;
    secretary.assert_accessible().await?;
    // axe-core\'s own inline styles are refused by the CSP: not the page\'s.
    secretary.console().await?;
    click(&secretary, "#agenda-submit").await?;
    secretary.wait_for("#agenda-saved").await?;
    let href = secretary.attr(&secretary.wait_for("#back-to-meeting").await?, "href").await?.unwrap_or_default();
    secretary.goto(&app.url(&href)).await?;
    let agenda = text_of(&secretary, "#meeting-agenda").await?;
    let (first, second) = (
        agenda.find("청년 교통비 제안 발표"),
        agenda.find("개회와 안건 채택"),
    );
    assert!(
        first.is_some() && first < second,
        "the order asked for: {agenda}"
    );
    secretary.assert_no_console_errors().await?;
    Ok(())
}
