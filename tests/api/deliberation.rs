//! Comments, votes, follows, notifications and moderation over HTTP.

use serde_json::{Value, json};
use tests::{TestApp, session_cookie};

const PASSWORD: &str = "a long enough password";

struct World {
    app: TestApp,
    admin: String,
    author: String,
    b: String,
    c: String,
    proposal: i64,
}

async fn world() -> World {
    let app = TestApp::spawn().await;
    server::services::access::create_admin(&app.db, "admin@example.kr", "관리자", PASSWORD).await.unwrap();
    let admin = session_cookie(&app.sign_in("admin@example.kr", PASSWORD, None).await).unwrap();
    let now = chrono::Utc::now();
    let phases = json!([{ "kind": "intake", "starts_at": (now - chrono::Duration::days(1)).to_rfc3339(), "ends_at": (now + chrono::Duration::days(1)).to_rfc3339() }]);
    let res = app.post("/api/v1/processes", Some(&admin)).json(&json!({ "slug": "gov-2026", "title": "2026 국민제안", "phases": phases })).send().await.unwrap();
    let process: Value = res.json().await.unwrap();
    let author = app.sign_up("author@example.kr", PASSWORD, "제안자").await;
    let b = app.sign_up("b@example.kr", PASSWORD, "반대자").await;
    let c = app.sign_up("c@example.kr", PASSWORD, "답글러").await;
    let body = json!({
        "publish": true, "process_id": process["id"], "title": "청년 교통비 지원", "problem": "청년 교통비 부담이 너무 큽니다. 지원이 필요합니다.",
        "solution": "대중교통 요금을 청년에게 할인해 주는 제도를 만듭니다.", "effect": "부담이 줄어듭니다.", "area_code": "public_service", "region_code": "national",
    });
    let res = app.post("/api/v1/proposals", Some(&author)).json(&body).send().await.unwrap();
    let p: Value = res.json().await.unwrap();
    World { proposal: p["id"].as_i64().unwrap(), app, admin, author, b, c }
}

async fn comment(w: &World, cookie: &str, body: Value) -> reqwest::Response {
    w.app.post(&format!("/api/v1/proposals/{}/comments", w.proposal), Some(cookie)).json(&body).send().await.unwrap()
}

async fn send(app: &TestApp, method: reqwest::Method, path: &str, cookie: &str, body: Value) -> reqwest::Response {
    app.client.request(method, app.url(path)).header("origin", app.base.as_str()).header("cookie", cookie).json(&body).send().await.unwrap()
}

async fn notifications(app: &TestApp, cookie: &str) -> Value {
    app.get_with("/api/v1/me/notifications", cookie).await.json().await.unwrap()
}

#[tokio::test]
async fn a_discussion_with_alignment_replies_votes_edits_and_deletions() {
    let w = world().await;
    let app = &w.app;
    // Markdown is rendered; raw HTML and script links never pass.
    let res = comment(&w, &w.b, json!({ "body": "**반대**합니다 <script>alert(1)</script> [근거](javascript:alert(1))", "alignment": "against" })).await;
    assert_eq!(res.status(), 201);
    let b_comment: Value = res.json().await.unwrap();
    let html = b_comment["body_html"].as_str().unwrap();
    assert!(html.contains("<strong>반대</strong>") && !html.contains("<script") && !html.contains("javascript:"), "{html}");
    let b_id = b_comment["id"].as_i64().unwrap();

    // Replies three levels deep; a fourth is shown beside the third.
    let r1: Value = comment(&w, &w.c, json!({ "body": "저는 찬성입니다.", "alignment": "for", "parent_id": b_id })).await.json().await.unwrap();
    let r2: Value = comment(&w, &w.b, json!({ "body": "왜 찬성하시나요?", "parent_id": r1["id"] })).await.json().await.unwrap();
    let r3: Value = comment(&w, &w.c, json!({ "body": "부담이 크니까요.", "alignment": "for", "parent_id": r2["id"] })).await.json().await.unwrap();
    assert_eq!((r1["depth"].as_i64(), r2["depth"].as_i64(), r3["depth"].as_i64()), (Some(1), Some(2), Some(2)));
    let thread: Value = app.get(&format!("/api/v1/proposals/{}/comments", w.proposal)).await.json().await.unwrap();
    assert_eq!(thread["counts"], json!({ "for": 2, "neutral": 1, "against": 1 }));
    let level2 = thread["items"][0]["replies"][0]["replies"].as_array().unwrap();
    assert_eq!(level2.len(), 2, "the fourth-level reply sits beside the third: {thread}");

    // Votes: not one's own; the totals follow the rows.
    let path = format!("/api/v1/comments/{b_id}/vote");
    let res = send(app, reqwest::Method::PUT, &path, &w.b, json!({ "value": 1 })).await;
    crate::error_code(res, 409).await;
    let res = send(app, reqwest::Method::PUT, &path, &w.c, json!({ "value": 5 })).await;
    crate::error_code(res, 422).await;
    send(app, reqwest::Method::PUT, &path, &w.c, json!({ "value": 1 })).await;
    send(app, reqwest::Method::PUT, &path, &w.author, json!({ "value": -1 })).await;
    let v: Value = send(app, reqwest::Method::PUT, &path, &w.author, json!({ "value": 1 })).await.json().await.unwrap();
    assert_eq!(v, json!({ "up": 2, "down": 0 }), "changing a vote does not add one");

    // Edit: only the author, marked as edited.
    let res = send(app, reqwest::Method::PUT, &format!("/api/v1/comments/{b_id}"), &w.c, json!({ "body": "바꿔치기" })).await;
    crate::error_code(res, 403).await;
    let res = send(app, reqwest::Method::PUT, &format!("/api/v1/comments/{b_id}"), &w.b, json!({ "body": "근거를 덧붙여 반대합니다." })).await;
    assert_eq!(res.status(), 204);

    // Deleting a comment with replies leaves a placeholder; a leaf disappears.
    let res = send(app, reqwest::Method::DELETE, &format!("/api/v1/comments/{b_id}"), &w.b, json!({})).await;
    assert_eq!(res.status(), 204);
    let res = send(app, reqwest::Method::DELETE, &format!("/api/v1/comments/{}", r3["id"]), &w.c, json!({})).await;
    assert_eq!(res.status(), 204);
    let thread: Value = app.get_with(&format!("/api/v1/proposals/{}/comments?sort=newest", w.proposal), &w.c).await.json().await.unwrap();
    let top = &thread["items"][0];
    assert_eq!((top["deleted"].as_bool(), top["body_html"].as_str(), top["author"].is_null()), (Some(true), Some(""), true));
    assert_eq!(top["replies"][0]["replies"].as_array().unwrap().len(), 1);
    assert_eq!(top["replies"][0]["mine"], true);
    let p: Value = app.get(&format!("/api/v1/proposals/{}", w.proposal)).await.json().await.unwrap();
    assert_eq!(p["comment_count"], 2);

    // Bad input: 422, 401, 404.
    let res = comment(&w, &w.b, json!({ "body": "가", "alignment": "sideways" })).await;
    crate::error_code(res, 422).await;
    let res = comment(&w, &w.b, json!({ "body": "없는 댓글에 답합니다", "parent_id": 9999 })).await;
    crate::error_code(res, 422).await;
    let res = app.post(&format!("/api/v1/proposals/{}/comments", w.proposal), None).json(&json!({ "body": "익명입니다" })).send().await.unwrap();
    crate::error_code(res, 401).await;
    let res = app.post("/api/v1/proposals/9999/comments", Some(&w.b)).json(&json!({ "body": "없는 제안" })).send().await.unwrap();
    crate::error_code(res, 404).await;
    crate::error_code(app.get("/api/v1/proposals/1/comments?sort=loud").await, 422).await;
}

#[tokio::test]
async fn followers_and_authors_are_notified_and_can_stop() {
    let w = world().await;
    let app = &w.app;
    let first: Value = comment(&w, &w.b, json!({ "body": "좋은 생각입니다.", "alignment": "for" })).await.json().await.unwrap();
    comment(&w, &w.c, json!({ "body": "동의합니다.", "parent_id": first["id"] })).await;

    let a = notifications(app, &w.author).await;
    let kinds: Vec<&str> = a["items"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["comment", "comment"], "the author follows their proposal");
    assert_eq!(a["unread"], 2);
    assert_eq!(a["items"][0]["payload"]["title"], "청년 교통비 지원");
    let b = notifications(app, &w.b).await;
    let kinds: Vec<&str> = b["items"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["reply"], "B gets the reply once, not also as a follower");

    let res = app.post("/api/v1/me/notifications/read", Some(&w.author)).json(&json!({ "ids": [a["items"][0]["id"]] })).send().await.unwrap();
    let left: Value = res.json().await.unwrap();
    assert_eq!(left["unread"], 1);
    let res = app.post("/api/v1/me/notifications/read", Some(&w.author)).json(&json!({})).send().await.unwrap();
    assert_eq!(res.json::<Value>().await.unwrap()["unread"], 0);

    // Unfollowing stops them.
    let res = send(app, reqwest::Method::DELETE, &format!("/api/v1/proposals/{}/follow", w.proposal), &w.author, json!({})).await;
    assert_eq!(res.status(), 204);
    comment(&w, &w.c, json!({ "body": "한 번 더 적습니다." })).await;
    assert_eq!(notifications(app, &w.author).await["unread"], 0);
    crate::error_code(app.get("/api/v1/me/notifications").await, 401).await;
    let _ = &w.admin;
}

#[tokio::test]
async fn reports_hide_content_moderators_decide_and_blocked_accounts_cannot_post() {
    let w = world().await;
    let app = &w.app;
    let spam: Value = comment(&w, &w.b, json!({ "body": "광고 광고 광고 http://spam.example" })).await.json().await.unwrap();
    let spam_id = spam["id"].as_i64().unwrap();
    let report = |cookie: String| {
        let path = format!("/api/v1/comments/{spam_id}/reports");
        async move { app.post(&path, Some(&cookie)).json(&json!({ "reason": "spam" })).send().await.unwrap() }
    };
    let res = app.post(&format!("/api/v1/comments/{spam_id}/reports"), Some(&w.c)).json(&json!({ "reason": "boring" })).send().await.unwrap();
    crate::error_code(res, 422).await;
    assert_eq!(report(w.c.clone()).await.status(), 201);
    crate::error_code(report(w.c.clone()).await, 409).await;
    crate::error_code(report(w.b.clone()).await, 409).await; // one's own
    assert_eq!(report(w.author.clone()).await.status(), 201);
    let d = app.sign_up("d@example.kr", PASSWORD, "신고자").await;
    assert_eq!(report(d).await.status(), 201);
    // Three open reports hide it until a moderator looks; its author is told.
    let thread: Value = app.get(&format!("/api/v1/proposals/{}/comments", w.proposal)).await.json().await.unwrap();
    assert_eq!(thread["items"][0]["hidden"], true);
    assert_eq!(thread["items"][0]["body_html"], "");
    let b = notifications(app, &w.b).await;
    assert_eq!(b["items"][0]["kind"], "content_hidden");

    // A citizen cannot moderate; a moderator can.
    let res = app.post(&format!("/api/v1/moderation/comments/{spam_id}/restore"), Some(&w.c)).json(&json!({ "reason": "괜찮아 보입니다" })).send().await.unwrap();
    crate::error_code(res, 403).await;
    crate::error_code(app.get_with("/api/v1/moderation/queue", &w.c).await, 403).await;
    let res = app.post("/api/v1/admin/role-grants", Some(&w.admin)).json(&json!({ "email": "c@example.kr", "role": "moderator" })).send().await.unwrap();
    assert_eq!(res.status(), 201);
    let c2 = session_cookie(&app.sign_in("c@example.kr", PASSWORD, None).await).unwrap();
    let queue: Value = app.get_with("/api/v1/moderation/queue", &c2).await.json().await.unwrap();
    assert_eq!(queue["items"][0]["open_reports"], 3);
    assert_eq!(queue["items"][0]["reasons"], json!(["spam"]));
    let res = app.post(&format!("/api/v1/moderation/comments/{spam_id}/restore"), Some(&c2)).json(&json!({ "reason": "" })).send().await.unwrap();
    crate::error_code(res, 422).await;
    let res = app.post(&format!("/api/v1/moderation/comments/{spam_id}/restore"), Some(&c2)).json(&json!({ "reason": "광고가 아니라고 판단했습니다" })).send().await.unwrap();
    assert_eq!(res.status(), 204);
    let queue: Value = app.get_with("/api/v1/moderation/queue", &c2).await.json().await.unwrap();
    assert!(queue["items"].as_array().unwrap().is_empty(), "the reports are resolved");

    // Hiding a proposal takes it out of public view; restoring brings back its status.
    let res = app.post(&format!("/api/v1/moderation/proposals/{}/hide", w.proposal), Some(&c2)).json(&json!({ "reason": "개인정보가 담겨 있습니다" })).send().await.unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(app.get(&format!("/api/v1/proposals/{}", w.proposal)).await.status(), 404);
    assert_eq!(app.get_with(&format!("/api/v1/proposals/{}", w.proposal), &w.author).await.status(), 200, "its author still sees it");
    let list: Value = app.get("/api/v1/proposals").await.json().await.unwrap();
    assert_eq!(list["total"], 0);
    let res = app.post(&format!("/api/v1/moderation/proposals/{}/restore", w.proposal), Some(&c2)).json(&json!({ "reason": "수정되었습니다" })).send().await.unwrap();
    assert_eq!(res.status(), 204);
    let p: Value = app.get(&format!("/api/v1/proposals/{}", w.proposal)).await.json().await.unwrap();
    assert_eq!(p["status"], "published");
    let author_notes = notifications(app, &w.author).await;
    let kinds: Vec<&str> = author_notes["items"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
    assert!(kinds.starts_with(&["content_restored", "content_hidden"]), "{kinds:?}");

    // Blocking: B may no longer post or support.
    let b_id: i64 = app.count("SELECT id AS n FROM users WHERE email = 'b@example.kr'").await;
    let res = send(app, reqwest::Method::PUT, &format!("/api/v1/moderation/users/{b_id}/block"), &c2, json!({ "reason": "반복 광고" })).await;
    assert_eq!(res.status(), 204);
    crate::error_code(comment(&w, &w.b, json!({ "body": "또 광고" })).await, 403).await;
    let res = send(app, reqwest::Method::PUT, &format!("/api/v1/proposals/{}/support", w.proposal), &w.b, json!({})).await;
    crate::error_code(res, 403).await;
    let actions = app.strings("SELECT action AS v FROM audit_log WHERE action LIKE 'moderation.%' ORDER BY id").await;
    assert_eq!(
        actions,
        ["moderation.reported", "moderation.reported", "moderation.reported", "moderation.auto_hidden", "moderation.restored", "moderation.hidden", "moderation.restored", "moderation.user_blocked"]
    );
}

#[tokio::test]
async fn authors_edit_and_delete_their_comments_from_the_proposal_page() {
    let w = world().await;
    let app = &w.app;
    let page = format!("/proposals/{}", w.proposal);
    let mine: Value = comment(&w, &w.b, json!({ "body": "**처음** 쓴 의견입니다.", "alignment": "against" })).await.json().await.unwrap();
    let id = mine["id"].as_i64().unwrap();
    let form = |body: &str| vec![("proposal_id".to_owned(), w.proposal.to_string()), ("comment_id".to_owned(), id.to_string()), ("body".to_owned(), body.to_owned())];

    // Only its author gets the edit box, with the Markdown as written.
    let html = app.get_with(&page, &w.b).await.text().await.unwrap();
    assert!(html.contains(&format!("id=\"edit-body-{id}\"")) && html.contains("**처음** 쓴 의견입니다."), "the edit box holds the source");
    assert!(html.contains(&format!("id=\"delete-submit-{id}\"")));
    let thread: Value = app.get_with(&format!("/api/v1/proposals/{}/comments", w.proposal), &w.c).await.json().await.unwrap();
    assert!(thread["items"][0].get("body").is_none(), "others get no source: {thread}");
    let html = app.get_with(&page, &w.c).await.text().await.unwrap();
    assert!(!html.contains(&format!("id=\"edit-body-{id}\"")));

    // Editing without JavaScript: back to the comment, marked as edited.
    let res = app.post("/fn/edit_comment", Some(&w.b)).header("accept", "text/html").header("referer", app.url(&page)).form(&form("근거를 **덧붙여** 고쳤습니다.")).send().await.unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(res.headers()["location"], format!("{page}#comment-{id}").as_str());
    let thread: Value = app.get(&format!("/api/v1/proposals/{}/comments", w.proposal)).await.json().await.unwrap();
    assert_eq!(thread["items"][0]["edited"], true);
    assert!(thread["items"][0]["body_html"].as_str().unwrap().contains("<strong>덧붙여</strong>"));
    let html = app.get(&page).await.text().await.unwrap();
    assert!(html.contains("수정됨"), "shown as edited");

    // A too-short edit reopens that comment's box with the text and the error.
    let res = app.post("/fn/edit_comment", Some(&w.b)).header("accept", "text/html").header("referer", app.url(&page)).form(&form("짧")).send().await.unwrap();
    let location = res.headers()["location"].to_str().unwrap().replacen(&app.base, "", 1);
    let html = app.get_with(&location, &w.b).await.text().await.unwrap();
    assert!(html.contains(&format!("id=\"edit-body-error-{id}\"")), "the field error is shown at the comment");
    let at = html.find(&format!("id=\"edit-comment-{id}\"")).unwrap();
    let details = &html[html[..at].rfind("<details").unwrap()..at];
    assert!(details.contains(" open"), "its edit box is open: {details}");

    // 401, 403, 404 and 422 for JSON clients.
    let json_post = |path: &'static str, cookie: Option<String>, form: Vec<(String, String)>| async move {
        app.post(path, cookie.as_deref()).header("accept", "application/json").form(&form).send().await.unwrap()
    };
    crate::error_code(json_post("/fn/edit_comment", None, form("익명의 수정")).await, 401).await;
    crate::error_code(json_post("/fn/edit_comment", Some(w.c.clone()), form("남의 의견 수정")).await, 403).await;
    crate::error_code(json_post("/fn/edit_comment", Some(w.b.clone()), form("짧")).await, 422).await;
    let mut missing = form("없는 의견을 고칩니다");
    missing[1].1 = "999999".to_owned();
    crate::error_code(json_post("/fn/edit_comment", Some(w.b.clone()), missing.clone()).await, 404).await;
    missing.pop();
    crate::error_code(json_post("/fn/delete_comment", Some(w.b.clone()), missing).await, 404).await;
    let delete_form = vec![("proposal_id".to_owned(), w.proposal.to_string()), ("comment_id".to_owned(), id.to_string())];
    crate::error_code(json_post("/fn/delete_comment", Some(w.c.clone()), delete_form.clone()).await, 403).await;
    crate::error_code(json_post("/fn/delete_comment", None, delete_form.clone()).await, 401).await;

    // With a reply, deleting leaves a placeholder; the count follows.
    comment(&w, &w.c, json!({ "body": "그래도 찬성합니다.", "alignment": "for", "parent_id": id })).await;
    let res = app.post("/fn/delete_comment", Some(&w.b)).header("accept", "text/html").header("referer", app.url(&page)).form(&delete_form).send().await.unwrap();
    assert_eq!(res.headers()["location"], format!("{page}?comment_deleted=1#discussion").as_str());
    let html = app.get_with(&format!("{page}?comment_deleted=1"), &w.b).await.text().await.unwrap();
    assert!(html.contains("삭제된 의견입니다.") && html.contains("id=\"comment-deleted\""), "placeholder and notice");
    assert!(!html.contains(&format!("id=\"edit-body-{id}\"")), "a deleted comment cannot be edited");
    let p: Value = app.get(&format!("/api/v1/proposals/{}", w.proposal)).await.json().await.unwrap();
    assert_eq!(p["comment_count"], 1);
    crate::error_code(json_post("/fn/delete_comment", Some(w.b.clone()), delete_form).await, 404).await;
}
