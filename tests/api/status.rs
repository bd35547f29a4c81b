//! Official status changes with answers (`POST /api/v1/proposals/{id}/status`
//! and the proposal page's form): the review path, who may change it, the
//! timeline, the notifications and the audit log.

use serde_json::{Value, json};
use tests::{TestApp, session_cookie};

const PASSWORD: &str = "a long enough password";

struct World {
    app: TestApp,
    admin: String,
    author: String,
    follower: String,
    process: i64,
    proposal: i64,
}

/// A process taking proposals now.
async fn process(app: &TestApp, admin: &str, slug: &str) -> i64 {
    let now = chrono::Utc::now();
    let phases = json!([{ "kind": "intake", "starts_at": (now - chrono::Duration::days(1)).to_rfc3339(), "ends_at": (now + chrono::Duration::days(7)).to_rfc3339() }]);
    let res = app.post("/api/v1/processes", Some(admin)).json(&json!({ "slug": slug, "title": "2026 국민제안 공모", "phases": phases })).send().await.unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    res.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
}

/// A proposal by `cookie` in `process`, published unless `draft`.
async fn proposal(app: &TestApp, cookie: &str, process: i64, title: &str, draft: bool) -> i64 {
    let body = json!({
        "publish": !draft, "process_id": process, "title": title, "problem": "청년 교통비 부담이 너무 큽니다. 지원이 필요합니다.",
        "solution": "대중교통 요금을 청년에게 할인해 주는 제도를 만듭니다.", "effect": "부담이 줄어듭니다.", "area_code": "public_service", "region_code": "national",
    });
    let res = app.post("/api/v1/proposals", Some(cookie)).json(&body).send().await.unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    res.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
}

async fn world() -> World {
    let app = TestApp::spawn().await;
    server::services::access::create_admin(&app.db, "admin@example.kr", "관리자", PASSWORD).await.unwrap();
    let admin = session_cookie(&app.sign_in("admin@example.kr", PASSWORD, None).await).unwrap();
    let process = process(&app, &admin, "gov-2026").await;
    let author = app.sign_up("author@example.kr", PASSWORD, "제안자").await;
    let follower = app.sign_up("follower@example.kr", PASSWORD, "구독자").await;
    let proposal = proposal(&app, &author, process, "청년 교통비 지원", false).await;
    let res = app.client.put(app.url(&format!("/api/v1/proposals/{proposal}/follow"))).header("origin", app.base.as_str()).header("cookie", &follower).send().await.unwrap();
    assert_eq!(res.status(), 204);
    World { app, admin, author, follower, process, proposal }
}

/// Signs up `email`, grants it `role` in process `scope_id` and signs it in
/// afresh (a role change gives the old session a new id).
async fn granted(app: &TestApp, admin: &str, email: &str, role: &str, scope_id: i64) -> String {
    app.sign_up(email, PASSWORD, "역할자").await;
    let res = app
        .post("/api/v1/admin/role-grants", Some(admin))
        .json(&json!({ "email": email, "role": role, "scope_kind": "process", "scope_id": scope_id }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    session_cookie(&app.sign_in(email, PASSWORD, None).await).unwrap()
}

async fn change(app: &TestApp, cookie: Option<&str>, id: i64, body: Value) -> reqwest::Response {
    app.post(&format!("/api/v1/proposals/{id}/status"), cookie).json(&body).send().await.unwrap()
}

async fn status_of(app: &TestApp, id: i64) -> String {
    app.strings(&format!("SELECT status AS v FROM proposals WHERE id = {id}")).await.remove(0)
}

fn field_names(body: &Value) -> Vec<String> {
    body["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn an_admin_moves_a_proposal_along_the_review_path_and_answers_in_public() {
    let w = world().await;
    let app = &w.app;
    let res = change(app, Some(&w.admin), w.proposal, json!({ "status": "under_review", "answer": "  소관 부처와 검토를 시작합니다.\r\n결과는 이곳에 알려 드립니다. " })).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let p: Value = res.json().await.unwrap();
    assert_eq!(p["status"], "under_review");

    // Back to published, then forward to the end, each with or without an answer.
    for (to, answer) in [
        ("published", None),
        ("under_review", Some("다시 검토합니다.")),
        ("shortlisted", Some("후보 과제로 뽑혔습니다.")),
        ("selected", Some("중점과제로 선정되었습니다.")),
        ("in_progress", None),
        ("completed", Some("제도 개선을 마쳤습니다.")),
    ] {
        let res = change(app, Some(&w.admin), w.proposal, json!({ "status": to, "answer": answer })).await;
        assert_eq!(res.status(), 200, "{to}: {}", res.text().await.unwrap_or_default());
        assert_eq!(status_of(app, w.proposal).await, to);
    }

    // The public timeline has every change with its answer, anonymous readers too.
    let timeline: Value = app.get(&format!("/api/v1/proposals/{}/timeline", w.proposal)).await.json().await.unwrap();
    let changes: Vec<(String, String, Option<String>)> = timeline["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "status_changed")
        .map(|e| (e["from_status"].as_str().unwrap().to_owned(), e["to_status"].as_str().unwrap().to_owned(), e["answer"].as_str().map(str::to_owned)))
        .collect();
    assert_eq!(changes.len(), 7);
    assert_eq!(changes[0], ("published".into(), "under_review".into(), Some("소관 부처와 검토를 시작합니다.\n결과는 이곳에 알려 드립니다.".into())), "trimmed, line ends normalised");
    assert_eq!(changes[1], ("under_review".into(), "published".into(), None));
    assert_eq!(changes[6], ("in_progress".into(), "completed".into(), Some("제도 개선을 마쳤습니다.".into())));

    // The author and the follower are told, with the title, the new status and the answer; the admin is not.
    for cookie in [&w.author, &w.follower] {
        let n: Value = app.get_with("/api/v1/me/notifications", cookie).await.json().await.unwrap();
        let changes: Vec<&Value> = n["items"].as_array().unwrap().iter().filter(|i| i["kind"] == "status_changed").collect();
        assert_eq!(changes.len(), 7, "{n}");
        let latest = changes[0];
        assert_eq!(latest["proposal_id"], w.proposal);
        assert_eq!(latest["payload"]["title"], "청년 교통비 지원");
        assert_eq!(latest["payload"]["to"], "completed");
        assert_eq!(latest["payload"]["answer"], "제도 개선을 마쳤습니다.");
    }
    let n: Value = app.get_with("/api/v1/me/notifications", &w.admin).await.json().await.unwrap();
    assert_eq!(n["items"].as_array().unwrap().len(), 0, "{n}");

    // Every change is in the audit log with who, from and to.
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'proposal.status_changed'").await, 7);
    let details = app.strings("SELECT details AS v FROM audit_log WHERE action = 'proposal.status_changed' ORDER BY id").await;
    let first: Value = serde_json::from_str(&details[0]).unwrap();
    assert_eq!((first["from"].as_str(), first["to"].as_str()), (Some("published"), Some("under_review")));

    // At the end of the path nothing more is possible: 409 with a clear message.
    let res = change(app, Some(&w.admin), w.proposal, json!({ "status": "selected" })).await;
    let (code, body) = crate::error_code(res, 409).await;
    assert_eq!(code, "conflict");
    assert!(body["error"]["message"].as_str().unwrap().contains("completed"), "{body}");
}

#[tokio::test]
async fn transitions_off_the_review_path_are_refused_with_409_and_change_nothing() {
    let w = world().await;
    let app = &w.app;
    for to in ["shortlisted", "selected", "in_progress", "completed", "not_selected", "published", "hidden", "withdrawn", "draft"] {
        let res = change(app, Some(&w.admin), w.proposal, json!({ "status": to, "answer": "건너뛰기" })).await;
        let (_, body) = crate::error_code(res, 409).await;
        let message = body["error"]["message"].as_str().unwrap();
        assert!(message.contains(to), "{to}: {message}");
    }
    assert_eq!(status_of(app, w.proposal).await, "published");
    change(app, Some(&w.admin), w.proposal, json!({ "status": "under_review" })).await;
    let res = change(app, Some(&w.admin), w.proposal, json!({ "status": "selected" })).await;
    let (_, body) = crate::error_code(res, 409).await;
    assert!(body["error"]["message"].as_str().unwrap().contains("shortlisted, not_selected, published"), "{body}");
    // Not selected is an end.
    change(app, Some(&w.admin), w.proposal, json!({ "status": "not_selected", "answer": "예산 사정으로 선정하지 못했습니다." })).await;
    let res = change(app, Some(&w.admin), w.proposal, json!({ "status": "shortlisted" })).await;
    crate::error_code(res, 409).await;
    assert_eq!(status_of(app, w.proposal).await, "not_selected");
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM proposal_events WHERE kind = 'status_changed'").await, 2);
}

#[tokio::test]
async fn only_admins_of_the_process_change_statuses_and_bad_input_is_refused() {
    let w = world().await;
    let app = &w.app;
    let other_process = process(app, &w.admin, "other-2026").await;
    let own_admin = granted(app, &w.admin, "process-admin@example.kr", "admin", w.process).await;
    let other_admin = granted(app, &w.admin, "other-admin@example.kr", "admin", other_process).await;
    let moderator = granted(app, &w.admin, "moderator@example.kr", "moderator", w.process).await;
    let body = json!({ "status": "under_review", "answer": "검토합니다." });

    // 401 signed out; 403 for the author, a follower, a moderator and another process's admin.
    crate::error_code(change(app, None, w.proposal, body.clone()).await, 401).await;
    for cookie in [&w.author, &w.follower, &moderator, &other_admin] {
        let (code, _) = crate::error_code(change(app, Some(cookie), w.proposal, body.clone()).await, 403).await;
        assert_eq!(code, "forbidden");
    }
    // 404 for no such proposal, and for a draft the admin of its process may not see.
    crate::error_code(change(app, Some(&w.admin), 999_999, body.clone()).await, 404).await;
    let draft = proposal(app, &w.author, w.process, "아직 쓰는 중인 제안", true).await;
    crate::error_code(change(app, Some(&own_admin), draft, body.clone()).await, 404).await;
    // A global admin sees the draft, but a draft has no official status (409).
    crate::error_code(change(app, Some(&w.admin), draft, body.clone()).await, 409).await;

    // 422: an unknown status, a missing one, a too-long answer; 400: not JSON.
    let (_, b) = crate::error_code(change(app, Some(&own_admin), w.proposal, json!({ "status": "approved", "answer": "가".repeat(5001) })).await, 422).await;
    assert_eq!(field_names(&b), ["status", "answer"]);
    let (_, b) = crate::error_code(change(app, Some(&own_admin), w.proposal, json!({})).await, 422).await;
    assert_eq!(field_names(&b), ["status"]);
    let res = app.post(&format!("/api/v1/proposals/{}/status", w.proposal), Some(&own_admin)).header("content-type", "application/json").body("{nope").send().await.unwrap();
    crate::error_code(res, 400).await;
    crate::error_code(app.post("/api/v1/proposals/abc/status", Some(&own_admin)).json(&body).send().await.unwrap(), 400).await;
    assert_eq!(status_of(app, w.proposal).await, "published", "nothing changed");

    // The process's own admin may; an answer of exactly 5,000 characters is fine.
    let res = change(app, Some(&own_admin), w.proposal, json!({ "status": "under_review", "answer": "가".repeat(5000) })).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    // A personal API token is held to the same policy (a citizen's token: 403).
    let token = app.users_with_tokens("tok", 1).await.remove(0);
    let res = app.client.post(app.url(&format!("/api/v1/proposals/{}/status", w.proposal))).bearer_auth(&token).json(&body).send().await.unwrap();
    crate::error_code(res, 403).await;
}

#[tokio::test]
async fn the_proposal_page_offers_the_form_to_admins_only_and_it_works_without_javascript() {
    let w = world().await;
    let app = &w.app;
    let page = format!("/proposals/{}", w.proposal);
    let html = app.get_with(&page, &w.admin).await.text().await.unwrap();
    assert!(html.contains("id=\"status-form\""), "admins get the form");
    assert!(html.contains("value=\"under_review\""), "with the next status");
    for cookie in [&w.author, &w.follower] {
        let html = app.get_with(&page, cookie).await.text().await.unwrap();
        assert!(!html.contains("status-form"), "others do not");
    }
    assert!(!app.get(&page).await.text().await.unwrap().contains("status-form"));

    // A plain form post: the page comes back with the answer on the timeline.
    let form = |status: &str, answer: &str| vec![("id".to_owned(), w.proposal.to_string()), ("status".to_owned(), status.to_owned()), ("answer".to_owned(), answer.to_owned())];
    let res = app
        .post("/fn/change_status", Some(&w.admin))
        .header("accept", "text/html")
        .header("referer", app.url(&page))
        .form(&form("under_review", "관계 부처와 함께 검토하겠습니다."))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(location, format!("/proposals/{}?status_changed=1#timeline-title", w.proposal));
    let html = app.get(&location).await.text().await.unwrap();
    assert!(html.contains("관계 부처와 함께 검토하겠습니다."), "the answer is on the public timeline");
    let html = app.get_with("/me/notifications", &w.author).await.text().await.unwrap();
    assert!(html.contains("관계 부처와 함께 검토하겠습니다."), "and in the author's notifications");

    // A refused change comes back to the page with the error and the typed answer.
    let res = app
        .post("/fn/change_status", Some(&w.admin))
        .header("accept", "text/html")
        .header("referer", app.url(&page))
        .form(&form("completed", "건너뛰려는 답변"))
        .send()
        .await
        .unwrap();
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.contains("__err="), "{location}");
    let html = app.get_with(&location.replacen(&app.base, "", 1), &w.admin).await.text().await.unwrap();
    assert!(html.contains("id=\"status-error\""), "the error is shown");
    assert!(html.contains("건너뛰려는 답변"), "what was typed is kept");

    // JSON clients of the server function get the error shape.
    let res = app.post("/fn/change_status", Some(&w.follower)).header("accept", "application/json").form(&form("shortlisted", "")).send().await.unwrap();
    crate::error_code(res, 403).await;
    let res = app.post("/fn/change_status", None).header("accept", "application/json").form(&form("shortlisted", "")).send().await.unwrap();
    crate::error_code(res, 401).await;
    let res = app.post("/fn/change_status", Some(&w.admin)).header("accept", "application/json").form(&form("nonsense", "")).send().await.unwrap();
    crate::error_code(res, 422).await;
}

#[tokio::test]
async fn a_broken_database_gives_an_opaque_500_and_leaves_the_status_as_it_was() {
    use sea_orm::ConnectionTrait;
    let w = world().await;
    let app = &w.app;
    app.db.execute_unprepared("DROP TABLE audit_log").await.unwrap();
    let res = change(app, Some(&w.admin), w.proposal, json!({ "status": "under_review", "answer": "검토합니다." })).await;
    let (code, body) = crate::error_code(res, 500).await;
    assert_eq!(code, "internal");
    let text = body.to_string().to_lowercase();
    for leak in ["audit_log", "sql", "table", "no such", "relation"] {
        assert!(!text.contains(leak), "500 body leaks `{leak}`: {body}");
    }
    // One transaction: no status change, no timeline event, no notification.
    assert_eq!(status_of(app, w.proposal).await, "published");
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM proposal_events WHERE kind = 'status_changed'").await, 0);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM notifications WHERE kind = 'status_changed'").await, 0);
}
