//! Execution tracking (실행 관리, issue 7 part 1) over HTTP, written against
//! the contract (`/api/v1/tasks/…`) and the math documented in
//! `shared::execution`: tasks made from selected proposals (or directly by a
//! global admin), task forces, milestones and their weighted progress
//! roll-up, progress updates and who is told of them, outcome indicators,
//! the derived and overridden health, and the public portfolio (JSON, CSV,
//! XLSX).
//!
//! Task-force members and other citizens are accounts made straight in the
//! database with a personal API token (`TestApp::users_with_tokens`). Due
//! dates are relative to today in Korea (KST), as the server reads health.

use serde_json::{Value, json};
use crate::json::{Who, arr, assert_close, body, delete, get, items, num, post, put, send};
use tests::{TestApp, session_cookie};

pub(crate) const PASSWORD: &str = "a long enough password";

// ---------------------------------------------------------------------------
// Requests

/// Asserts the error shape with `status` and returns the names of the fields in error.
pub(crate) async fn refused(res: reqwest::Response, status: u16) -> Vec<String> {
    let (_, body) = crate::error_code(res, status).await;
    body["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap_or_default().to_owned()).collect()
}

pub(crate) fn id(v: &Value) -> i64 {
    v["id"].as_i64().unwrap_or_else(|| panic!("no id in {v}"))
}

/// Today's date in Korea moved by `offset` days, as `YYYY-MM-DD`.
fn kst_day(offset: i64) -> String {
    let today = (chrono::Utc::now() + chrono::Duration::hours(9)).date_naive();
    (today + chrono::Duration::days(offset)).format("%Y-%m-%d").to_string()
}

// ---------------------------------------------------------------------------
// The world: an admin, a process, a proposer and a follower, two organisations

pub(crate) struct World {
    pub(crate) app: TestApp,
    pub(crate) admin: String,
    pub(crate) author: String,
    pub(crate) follower: String,
    pub(crate) process: i64,
    /// 행정안전부 (lead) and 국토교통부 (partner).
    pub(crate) lead: i64,
    pub(crate) partner: i64,
}

impl World {
    pub(crate) fn admin(&self) -> Who<'_> {
        Who::Cookie(&self.admin)
    }
}

pub(crate) async fn world() -> World {
    world_with(|_| {}).await
}

/// [`world`] on a server configured by `configure`.
pub(crate) async fn world_with(configure: impl FnOnce(&mut server::Config)) -> World {
    let app = TestApp::spawn_with(configure).await;
    server::services::access::create_admin(&app.db, "admin@example.kr", "관리자", PASSWORD).await.unwrap();
    let admin = session_cookie(&app.sign_in("admin@example.kr", PASSWORD, None).await).unwrap();
    let process = process(&app, &admin, "gov-2026").await;
    let author = app.sign_up("author@example.kr", PASSWORD, "제안자").await;
    let follower = app.sign_up("follower@example.kr", PASSWORD, "구독자").await;
    let lead = organisation(&app, &admin, "행정안전부").await;
    let partner = organisation(&app, &admin, "국토교통부").await;
    World { app, admin, author, follower, process, lead, partner }
}

/// A process taking proposals now.
async fn process(app: &TestApp, admin: &str, slug: &str) -> i64 {
    let now = chrono::Utc::now();
    let phases = json!([{ "kind": "intake", "starts_at": (now - chrono::Duration::days(1)).to_rfc3339(), "ends_at": (now + chrono::Duration::days(7)).to_rfc3339() }]);
    let res = post(app, "/api/v1/processes", Who::Cookie(admin), json!({ "slug": slug, "title": "2026 국민제안 공모", "phases": phases })).await;
    id(&body(res, 201).await)
}

pub(crate) async fn organisation(app: &TestApp, admin: &str, name: &str) -> i64 {
    let res = post(app, "/api/v1/organisations", Who::Cookie(admin), json!({ "name": name, "kind": "central_agency", "region_code": "seoul" })).await;
    id(&body(res, 201).await)
}

/// A published proposal by the world's author, followed by the world's follower.
async fn proposal(w: &World, title: &str) -> i64 {
    let input = json!({
        "publish": true, "process_id": w.process, "title": title,
        "problem": "청년 교통비 부담이 너무 큽니다. 지원이 필요합니다.",
        "solution": "대중교통 요금을 청년에게 할인해 주는 제도를 만듭니다.",
        "effect": "부담이 줄어듭니다.", "area_code": "public_service", "region_code": "national",
    });
    let p = id(&body(post(&w.app, "/api/v1/proposals", Who::Cookie(&w.author), input).await, 201).await);
    let res = send(&w.app, reqwest::Method::PUT, &format!("/api/v1/proposals/{p}/follow"), Who::Cookie(&w.follower), None).await;
    assert_eq!(res.status(), 204);
    p
}

/// A proposal taken along the review path to `selected` by the global admin.
async fn selected(w: &World, title: &str) -> i64 {
    let p = proposal(w, title).await;
    for to in ["under_review", "shortlisted", "selected"] {
        let res = post(&w.app, &format!("/api/v1/proposals/{p}/status"), w.admin(), json!({ "status": to, "answer": "검토 결과를 알려 드립니다." })).await;
        body(res, 200).await;
    }
    p
}

async fn status_of(app: &TestApp, proposal: i64) -> String {
    app.strings(&format!("SELECT status AS v FROM proposals WHERE id = {proposal}")).await.remove(0)
}

/// Signs up `email`, makes it admin of process `scope_id` and signs it in
/// afresh (a role change gives the old session a new id).
async fn process_admin(app: &TestApp, admin: &str, email: &str, scope_id: i64) -> String {
    app.sign_up(email, PASSWORD, "과정 관리자").await;
    let grant = json!({ "email": email, "role": "admin", "scope_kind": "process", "scope_id": scope_id });
    body(post(app, "/api/v1/admin/role-grants", Who::Cookie(admin), grant).await, 201).await;
    session_cookie(&app.sign_in(email, PASSWORD, None).await).unwrap()
}

/// A person with an API token (made in the database: no sign-up throttle).
pub(crate) struct Member {
    pub(crate) id: i64,
    pub(crate) token: String,
}

impl Member {
    pub(crate) fn who(&self) -> Who<'_> {
        Who::Token(&self.token)
    }
}

/// `n` people `{prefix}{i}@example.kr`, named `{prefix} {i}`, in id order.
pub(crate) async fn people(app: &TestApp, prefix: &str, n: usize) -> Vec<Member> {
    let tokens = app.users_with_tokens(prefix, n).await;
    let mut out = Vec::with_capacity(n);
    for (i, token) in tokens.into_iter().enumerate() {
        let id = app.count(&format!("SELECT id AS n FROM users WHERE email = '{prefix}{i}@example.kr'")).await;
        out.push(Member { id, token });
    }
    out
}

pub(crate) async fn notifications(app: &TestApp, who: Who<'_>) -> Vec<Value> {
    let page = body(get(app, "/api/v1/me/notifications?limit=100", who).await, 200).await;
    items(&page).clone()
}

pub(crate) fn of_kind<'a>(items: &'a [Value], kind: &str) -> Vec<&'a Value> {
    items.iter().filter(|n| n["kind"] == kind).collect()
}

// ---------------------------------------------------------------------------
// Tasks, milestones

/// A task input: national, 공공서비스, led by the world's lead organisation.
fn task_input(w: &World, title: &str, kind: &str, proposal: Option<i64>) -> Value {
    json!({
        "title": title, "description": "관계 기관이 함께 제도를 고칩니다.", "kind": kind,
        "area_code": "public_service", "region_code": "national",
        "lead_organisation_id": w.lead, "partner_organisation_ids": [w.partner], "proposal_id": proposal,
    })
}

/// A task made directly by the global admin (201); `extra` overrides input fields.
pub(crate) async fn direct_task(w: &World, title: &str, extra: Value) -> Value {
    let mut input = task_input(w, title, "institution_managed", None);
    for (k, v) in extra.as_object().unwrap() {
        input[k] = v.clone();
    }
    body(post(&w.app, "/api/v1/tasks", w.admin(), input).await, 201).await
}

/// A milestone input due `due` days from today (KST).
fn ms(title: &str, due: i64, weight: u32, parent: Option<i64>, status: &str, percent: Option<u32>) -> Value {
    json!({ "title": title, "due_date": kst_day(due), "weight": weight, "parent_id": parent, "status": status, "progress_percent": percent })
}

/// Adds a milestone as `who` (201) and returns the task.
async fn add_milestone(app: &TestApp, task: i64, who: Who<'_>, input: Value) -> Value {
    body(post(app, &format!("/api/v1/tasks/{task}/milestones"), who, input).await, 201).await
}

fn milestone<'a>(task: &'a Value, title: &str) -> &'a Value {
    arr(&task["milestones"]).iter().find(|m| m["title"] == title).unwrap_or_else(|| panic!("no milestone {title} in {task}"))
}

pub(crate) async fn task(app: &TestApp, task: i64, who: Who<'_>) -> Value {
    body(get(app, &format!("/api/v1/tasks/{task}"), who).await, 200).await
}

/// Sets the task force (200) as the global admin.
pub(crate) async fn set_members(w: &World, task: i64, members: Value) -> Value {
    body(put(&w.app, &format!("/api/v1/tasks/{task}/members"), w.admin(), json!({ "members": members })).await, 200).await
}

// ---------------------------------------------------------------------------
// 1. Tasks from selected proposals, and direct tasks

#[tokio::test]
async fn a_selected_proposal_becomes_a_task_once_and_only_admins_of_its_process_may_make_it() {
    // Arrange
    let w = world().await;
    let app = &w.app;
    let chosen = selected(&w, "청년 교통비 지원").await;
    let plain = proposal(&w, "어르신 디지털 교육").await;
    let other_process = process(app, &w.admin, "other-2026").await;
    let own_admin = process_admin(app, &w.admin, "own-admin@example.kr", w.process).await;
    let other_admin = process_admin(app, &w.admin, "other-admin@example.kr", other_process).await;
    let citizen = people(app, "citizen", 1).await.remove(0);
    let input = task_input(&w, "청년 교통비 지원 과제", "priority", Some(chosen));

    // Act and assert: who may not.
    refused(post(app, "/api/v1/tasks", Who::Nobody, input.clone()).await, 401).await;
    refused(post(app, "/api/v1/tasks", citizen.who(), input.clone()).await, 403).await;
    refused(post(app, "/api/v1/tasks", Who::Cookie(&w.author), input.clone()).await, 403).await;
    refused(post(app, "/api/v1/tasks", Who::Cookie(&other_admin), input.clone()).await, 403).await;
    assert_eq!(status_of(app, chosen).await, "selected", "nothing changed");
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM tasks").await, 0);

    // The process's own admin may.
    let t = body(post(app, "/api/v1/tasks", Who::Cookie(&own_admin), input.clone()).await, 201).await;
    assert_eq!(t["title"], "청년 교통비 지원 과제");
    assert_eq!(t["kind"], "priority");
    assert_eq!(t["proposal_id"], chosen);
    assert_eq!((t["area_code"].as_str(), t["region_code"].as_str()), (Some("public_service"), Some("national")));
    let orgs: Vec<(i64, String, String)> =
        arr(&t["organisations"]).iter().map(|o| (o["id"].as_i64().unwrap(), o["name"].as_str().unwrap().to_owned(), o["role"].as_str().unwrap().to_owned())).collect();
    assert!(orgs.contains(&(w.lead, "행정안전부".into(), "lead".into())), "{orgs:?}");
    assert!(orgs.contains(&(w.partner, "국토교통부".into(), "partner".into())), "{orgs:?}");
    assert_eq!(orgs.len(), 2);
    assert_close(&t["progress"], 0.0, "a task without milestones");
    assert_eq!(t["health"], "on_track");
    assert!(arr(&t["milestones"]).is_empty() && arr(&t["updates"]).is_empty() && arr(&t["indicators"]).is_empty());

    // The proposal is in progress, on its public timeline, and its author and follower are told.
    assert_eq!(status_of(app, chosen).await, "in_progress");
    let timeline = body(get(app, &format!("/api/v1/proposals/{chosen}/timeline"), Who::Nobody).await, 200).await;
    assert!(items(&timeline).iter().any(|e| e["kind"] == "status_changed" && e["from_status"] == "selected" && e["to_status"] == "in_progress"), "{timeline}");
    for who in [Who::Cookie(&w.author), Who::Cookie(&w.follower)] {
        let n = notifications(app, who).await;
        let started: Vec<&Value> = of_kind(&n, "status_changed").into_iter().filter(|x| x["payload"]["to"] == "in_progress").collect();
        assert_eq!(started.len(), 1, "{n:?}");
        assert_eq!(started[0]["proposal_id"], chosen);
    }

    // The task is public; only editors see can_edit.
    let public = task(app, id(&t), Who::Nobody).await;
    assert_eq!(public["can_edit"], false);
    assert_eq!(task(app, id(&t), w.admin()).await["can_edit"], true);
    assert_eq!(task(app, id(&t), citizen.who()).await["can_edit"], false);

    // Once only; and only a selected proposal.
    refused(post(app, "/api/v1/tasks", w.admin(), input.clone()).await, 409).await;
    refused(post(app, "/api/v1/tasks", w.admin(), task_input(&w, "어르신 디지털 교육 과제", "priority", Some(plain))).await, 409).await;
    assert_eq!(status_of(app, plain).await, "published");
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM tasks").await, 1);
}

#[tokio::test]
async fn only_global_admins_make_tasks_without_a_proposal_and_organisations_must_exist() {
    // Arrange
    let w = world().await;
    let app = &w.app;
    let own_admin = process_admin(app, &w.admin, "own-admin@example.kr", w.process).await;
    let input = task_input(&w, "지방 규제 합리화", "institution_managed", None);

    // Act and assert
    refused(post(app, "/api/v1/tasks", Who::Cookie(&own_admin), input.clone()).await, 403).await;
    let t = body(post(app, "/api/v1/tasks", w.admin(), input.clone()).await, 201).await;
    assert_eq!(t["proposal_id"], Value::Null);
    assert_eq!(t["kind"], "institution_managed");

    let mut unknown_lead = input.clone();
    unknown_lead["lead_organisation_id"] = json!(999_999);
    assert_eq!(refused(post(app, "/api/v1/tasks", w.admin(), unknown_lead).await, 422).await, ["lead_organisation_id"]);
    let mut unknown_partner = input.clone();
    unknown_partner["partner_organisation_ids"] = json!([999_998]);
    assert_eq!(refused(post(app, "/api/v1/tasks", w.admin(), unknown_partner).await, 422).await, ["partner_organisation_ids"]);
    let mut no_title = input.clone();
    no_title["title"] = json!("");
    assert_eq!(refused(post(app, "/api/v1/tasks", w.admin(), no_title).await, 422).await, ["title"]);
    // An unknown proposal: 404 (no such resource) or 422 (a bad field); the contract names neither.
    let status = post(app, "/api/v1/tasks", w.admin(), task_input(&w, "없는 제안의 과제", "priority", Some(999_999))).await.status().as_u16();
    assert!(status == 404 || status == 422, "unknown proposal: {status}");
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM tasks").await, 1);
    refused(get(app, "/api/v1/tasks/999999", Who::Nobody).await, 404).await;
}

// ---------------------------------------------------------------------------
// 2. Milestones and the progress roll-up

#[tokio::test]
async fn milestones_roll_up_by_weight_and_recompute_on_every_change() {
    // Arrange: root A (weight 3) with A1 done and A2 half way (weight 1 each); root B (weight 1) planned.
    let w = world().await;
    let app = &w.app;
    let t = id(&direct_task(&w, "민원 처리 기간 단축", json!({})).await);
    let admin = w.admin();

    // Act
    let a = id(milestone(&add_milestone(app, t, admin, ms("A 제도 개선", 120, 3, None, "planned", None)).await, "A 제도 개선"));
    add_milestone(app, t, admin, ms("A1 법령 검토", 30, 1, Some(a), "done", None)).await;
    let after_a2 = add_milestone(app, t, admin, ms("A2 관계부처 협의", 60, 1, Some(a), "in_progress", Some(50))).await;
    let a2 = id(milestone(&after_a2, "A2 관계부처 협의"));
    let full = add_milestone(app, t, admin, ms("B 시범 운영", 200, 1, None, "planned", None)).await;

    // Assert: A = (1·100 + 1·50)/2 = 75; B = 0; task = (3·75 + 1·0)/4 = 56.25.
    assert_eq!(arr(&full["milestones"]).len(), 4);
    assert_close(&milestone(&full, "A 제도 개선")["progress"], 75.0, "A");
    assert_close(&milestone(&full, "A1 법령 검토")["progress"], 100.0, "A1");
    assert_close(&milestone(&full, "A2 관계부처 협의")["progress"], 50.0, "A2");
    assert_close(&milestone(&full, "B 시범 운영")["progress"], 0.0, "B");
    assert_close(&full["progress"], 56.25, "task");
    assert_eq!(milestone(&full, "A2 관계부처 협의")["parent_id"], a);
    assert_eq!(milestone(&full, "A2 관계부처 협의")["due_date"], kst_day(60));
    assert_close(&task(app, t, Who::Nobody).await["progress"], 56.25, "stored task");

    // A2 done: A = 100, task = (3·100 + 0)/4 = 75.
    let done = body(put(app, &format!("/api/v1/tasks/{t}/milestones/{a2}"), admin, ms("A2 관계부처 협의", 60, 1, Some(a), "done", None)).await, 200).await;
    assert_close(&milestone(&done, "A 제도 개선")["progress"], 100.0, "A after A2 done");
    assert_close(&done["progress"], 75.0, "task after A2 done");
    let portfolio = body(get(app, "/api/v1/tasks", Who::Nobody).await, 200).await;
    assert_close(&items(&portfolio)[0]["progress"], 75.0, "portfolio");

    // Deleting A moves A1 and A2 up: roots A1 100, A2 100, B 0, weight 1 each → 200/3.
    let after = body(delete(app, &format!("/api/v1/tasks/{t}/milestones/{a}"), admin).await, 200).await;
    assert_eq!(arr(&after["milestones"]).len(), 3);
    assert!(arr(&after["milestones"]).iter().all(|m| m["parent_id"].is_null()), "{after}");
    assert!(arr(&after["milestones"]).iter().all(|m| m["title"] != "A 제도 개선"));
    assert_close(&after["progress"], 200.0 / 3.0, "task after deleting A");
    refused(delete(app, &format!("/api/v1/tasks/{t}/milestones/{a}"), admin).await, 404).await;
}

#[tokio::test]
async fn a_parent_from_another_task_or_a_cycle_is_refused_on_parent_id() {
    // Arrange
    let w = world().await;
    let app = &w.app;
    let admin = w.admin();
    let t = id(&direct_task(&w, "민원 처리 기간 단축", json!({})).await);
    let other = id(&direct_task(&w, "지방 규제 합리화", json!({})).await);
    let x = id(milestone(&add_milestone(app, other, admin, ms("X 다른 과제의 단계", 30, 1, None, "planned", None)).await, "X 다른 과제의 단계"));
    let a = id(milestone(&add_milestone(app, t, admin, ms("A 제도 개선", 90, 1, None, "planned", None)).await, "A 제도 개선"));
    let a1 = id(milestone(&add_milestone(app, t, admin, ms("A1 법령 검토", 30, 1, Some(a), "planned", None)).await, "A1 법령 검토"));
    let a11 = id(milestone(&add_milestone(app, t, admin, ms("A11 초안 작성", 20, 1, Some(a1), "planned", None)).await, "A11 초안 작성"));

    // Act and assert: a parent of another task, on create and on edit.
    let res = post(app, &format!("/api/v1/tasks/{t}/milestones"), admin, ms("B 잘못된 단계", 30, 1, Some(x), "planned", None)).await;
    assert_eq!(refused(res, 422).await, ["parent_id"]);
    let res = put(app, &format!("/api/v1/tasks/{t}/milestones/{a1}"), admin, ms("A1 법령 검토", 30, 1, Some(x), "planned", None)).await;
    assert_eq!(refused(res, 422).await, ["parent_id"]);
    // A cycle: A under its grandchild, A under itself.
    let res = put(app, &format!("/api/v1/tasks/{t}/milestones/{a}"), admin, ms("A 제도 개선", 90, 1, Some(a11), "planned", None)).await;
    assert_eq!(refused(res, 422).await, ["parent_id"]);
    let res = put(app, &format!("/api/v1/tasks/{t}/milestones/{a}"), admin, ms("A 제도 개선", 90, 1, Some(a), "planned", None)).await;
    assert_eq!(refused(res, 422).await, ["parent_id"]);
    // A milestone of another task is not reachable through this one.
    refused(put(app, &format!("/api/v1/tasks/{t}/milestones/{x}"), admin, ms("X 다른 과제의 단계", 30, 1, None, "done", None)).await, 404).await;

    // Nothing changed.
    let now = task(app, t, Who::Nobody).await;
    assert_eq!(arr(&now["milestones"]).len(), 3);
    assert_eq!(milestone(&now, "A 제도 개선")["parent_id"], Value::Null);
    assert_eq!(milestone(&now, "A1 법령 검토")["parent_id"], a);
    assert_eq!(milestone(&now, "A11 초안 작성")["parent_id"], a1);
    assert_eq!(arr(&task(app, other, Who::Nobody).await["milestones"]).len(), 1);
}

// ---------------------------------------------------------------------------
// 3. Health

#[tokio::test]
async fn health_is_derived_from_the_milestones_and_an_override_with_a_reason_wins_until_removed() {
    // Arrange
    let w = world().await;
    let app = &w.app;
    let admin = w.admin();
    let t = id(&direct_task(&w, "민원 처리 기간 단축", json!({})).await);
    let path = |m: i64| format!("/api/v1/tasks/{t}/milestones/{m}");
    let created = add_milestone(app, t, admin, ms("관계부처 협의", 30, 1, None, "planned", None)).await;
    let m = id(milestone(&created, "관계부처 협의"));

    // Act and assert: due in 30 days, nothing done yet → on track.
    assert_eq!((created["derived_health"].as_str(), created["health"].as_str()), (Some("on_track"), Some("on_track")));
    // Due in 7 days at 30 % → at risk.
    let at_risk = body(put(app, &path(m), admin, ms("관계부처 협의", 7, 1, None, "in_progress", Some(30))).await, 200).await;
    assert_eq!((at_risk["derived_health"].as_str(), at_risk["health"].as_str()), (Some("at_risk"), Some("at_risk")));
    // Due in 14 days (the window's edge) at 30 % → still at risk; in 15 days → on track.
    let edge = body(put(app, &path(m), admin, ms("관계부처 협의", 14, 1, None, "in_progress", Some(30))).await, 200).await;
    assert_eq!(edge["health"], "at_risk");
    let beyond = body(put(app, &path(m), admin, ms("관계부처 협의", 15, 1, None, "in_progress", Some(30))).await, 200).await;
    assert_eq!(beyond["health"], "on_track");
    // Due in 7 days at 50 % → on track.
    let half = body(put(app, &path(m), admin, ms("관계부처 협의", 7, 1, None, "in_progress", Some(50))).await, 200).await;
    assert_eq!(half["health"], "on_track");
    // Due today at 30 % is not late yet → at risk.
    let today = body(put(app, &path(m), admin, ms("관계부처 협의", 0, 1, None, "in_progress", Some(30))).await, 200).await;
    assert_eq!(today["health"], "at_risk");
    // Past due and not done → delayed; done → on track.
    let late = body(put(app, &path(m), admin, ms("관계부처 협의", -1, 1, None, "in_progress", Some(90))).await, 200).await;
    assert_eq!((late["derived_health"].as_str(), late["health"].as_str()), (Some("delayed"), Some("delayed")));
    let finished = body(put(app, &path(m), admin, ms("관계부처 협의", -1, 1, None, "done", None)).await, 200).await;
    assert_eq!(finished["health"], "on_track");
    let late = body(put(app, &path(m), admin, ms("관계부처 협의", -1, 1, None, "planned", None)).await, 200).await;
    assert_eq!(late["health"], "delayed");
    assert_eq!(task(app, t, Who::Nobody).await["health"], "delayed", "read back");

    // An override without a reason is refused.
    let health = format!("/api/v1/tasks/{t}/health");
    assert_eq!(refused(put(app, &health, admin, json!({ "health": "on_track", "reason": "" })).await, 422).await, ["reason"]);
    assert_eq!(refused(put(app, &health, admin, json!({ "health": "green", "reason": "예산 배정 완료로 정상 진행" })).await, 422).await, ["health"]);
    refused(put(app, &health, Who::Nobody, json!({ "health": "on_track", "reason": "예산 배정 완료로 정상 진행" })).await, 401).await;

    // An override with a reason wins; the derived health is kept beside it.
    let over = body(put(app, &health, admin, json!({ "health": "on_track", "reason": "예산 배정 완료로 정상 진행" })).await, 200).await;
    assert_eq!((over["health"].as_str(), over["derived_health"].as_str()), (Some("on_track"), Some("delayed")));
    assert_eq!(over["health_override_reason"], "예산 배정 완료로 정상 진행");
    let read = task(app, t, Who::Nobody).await;
    assert_eq!((read["health"].as_str(), read["derived_health"].as_str()), (Some("on_track"), Some("delayed")));
    let portfolio = body(get(app, "/api/v1/tasks?health=on_track", Who::Nobody).await, 200).await;
    assert_eq!(items(&portfolio).iter().map(id).collect::<Vec<_>>(), [t], "the portfolio shows the override");
    assert!(app.count("SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE '%health%'").await >= 1, "the override is audit-logged");

    // DELETE goes back to the derived health.
    let back = body(delete(app, &health, admin).await, 200).await;
    assert_eq!((back["health"].as_str(), back["derived_health"].as_str()), (Some("delayed"), Some("delayed")));
    assert_eq!(back["health_override_reason"], Value::Null);
    assert_eq!(task(app, t, Who::Nobody).await["health"], "delayed");
}

// ---------------------------------------------------------------------------
// 4. Progress updates

#[tokio::test]
async fn a_member_posts_progress_updates_and_the_proposer_and_followers_are_told_but_not_the_poster() {
    // Arrange: a task from the author's selected proposal; the poster is in the task force and follows the proposal too.
    let w = world().await;
    let app = &w.app;
    let chosen = selected(&w, "청년 교통비 지원").await;
    let t = id(&body(post(app, "/api/v1/tasks", w.admin(), task_input(&w, "청년 교통비 지원 과제", "priority", Some(chosen))).await, 201).await);
    let ps = people(app, "tf", 2).await;
    let (poster, outsider) = (&ps[0], &ps[1]);
    set_members(&w, t, json!([{ "user_id": poster.id, "role": "member" }])).await;
    let res = send(app, reqwest::Method::PUT, &format!("/api/v1/proposals/{chosen}/follow"), poster.who(), None).await;
    assert_eq!(res.status(), 204);
    let path = format!("/api/v1/tasks/{t}/updates");
    let before_author = of_kind(&notifications(app, Who::Cookie(&w.author)).await, "task_update").len();
    assert_eq!(before_author, 0);

    // Act
    let first = body(post(app, &path, poster.who(), json!({ "body": "1차 관계부처 협의회를 열었습니다.", "links": ["https://www.korea.kr/briefing/1"] })).await, 201).await;
    let second = body(post(app, &path, poster.who(), json!({ "body": "시범 지역 두 곳을 정했습니다.", "links": [" https://www.korea.kr/briefing/2 ", ""] })).await, 201).await;

    // Assert: the update as stored, newest first on the task.
    assert_eq!(first["author_id"], poster.id);
    assert_eq!(first["author_name"], "tf 0");
    assert_eq!(first["body"], "1차 관계부처 협의회를 열었습니다.");
    assert_eq!(first["links"], json!(["https://www.korea.kr/briefing/1"]));
    assert_eq!(second["links"], json!(["https://www.korea.kr/briefing/2"]), "trimmed, empty ones dropped");
    let read = task(app, t, Who::Nobody).await;
    let ids: Vec<i64> = arr(&read["updates"]).iter().map(id).collect();
    assert_eq!(ids, [id(&second), id(&first)]);
    assert_eq!(read["updates"][0]["body"], "시범 지역 두 곳을 정했습니다.");

    // The proposer and the follower are told of each update once; the poster is not.
    for who in [Who::Cookie(&w.author), Who::Cookie(&w.follower)] {
        let n = notifications(app, who).await;
        let told = of_kind(&n, "task_update");
        assert_eq!(told.len(), 2, "{n:?}");
        assert_eq!(told[0]["payload"]["task_id"], t);
        assert_eq!(told[0]["payload"]["task_title"], "청년 교통비 지원 과제");
    }
    assert_eq!(of_kind(&notifications(app, poster.who()).await, "task_update").len(), 0);
    assert_eq!(of_kind(&notifications(app, outsider.who()).await, "task_update").len(), 0);

    // Others may not post; a bad link is refused.
    let update = json!({ "body": "제가 대신 진행 상황을 적습니다.", "links": [] });
    refused(post(app, &path, outsider.who(), update.clone()).await, 403).await;
    refused(post(app, &path, Who::Cookie(&w.author), update.clone()).await, 403).await;
    refused(post(app, &path, Who::Nobody, update.clone()).await, 401).await;
    let bad = json!({ "body": "자료를 첨부합니다.", "links": ["javascript:alert(1)"] });
    assert_eq!(refused(post(app, &path, poster.who(), bad).await, 422).await, ["links"]);
    assert_eq!(arr(&task(app, t, Who::Nobody).await["updates"]).len(), 2);
    assert_eq!(of_kind(&notifications(app, Who::Cookie(&w.author)).await, "task_update").len(), 2, "refused posts tell no one");
}

// ---------------------------------------------------------------------------
// 5. Indicators

#[tokio::test]
async fn indicators_keep_one_value_a_day_and_show_how_far_the_latest_has_gone() {
    // Arrange
    let w = world().await;
    let app = &w.app;
    let admin = w.admin();
    let t = id(&direct_task(&w, "민원 처리 기간 단축", json!({})).await);
    let citizen = people(app, "citizen", 1).await.remove(0);
    let path = format!("/api/v1/tasks/{t}/indicators");

    // Act: more is better (10 → 20), less is better (100 → 50).
    let made = body(post(app, &path, admin, json!({ "name": "온라인 처리 건수", "unit": "건", "baseline": 10.0, "target": 20.0 })).await, 201).await;
    let up = id(&arr(&made["indicators"])[0]);
    let made = body(post(app, &path, admin, json!({ "name": "민원 처리 기간", "unit": "일", "baseline": 100.0, "target": 50.0 })).await, 201).await;
    let down = id(arr(&made["indicators"]).iter().find(|i| i["name"] == "민원 처리 기간").unwrap());
    assert_eq!(arr(&made["indicators"]).len(), 2);
    let fresh = arr(&made["indicators"]).iter().find(|i| i["id"] == up).unwrap();
    assert_eq!(fresh["achieved"], Value::Null, "no value yet");
    assert!(arr(&fresh["values"]).is_empty());

    let value = |i: i64, date: &str, v: f64| (format!("/api/v1/tasks/{t}/indicators/{i}/values"), json!({ "date": date, "value": v }));
    for (date, v) in [("2026-06-30", 12.0), ("2026-09-30", 14.0), ("2026-09-30", 16.0), ("2026-03-31", 11.0)] {
        let (p, b) = value(up, date, v);
        body(post(app, &p, admin, b).await, 200).await;
    }
    let (p, b) = value(down, "2026-09-30", 80.0);
    let last = body(post(app, &p, admin, b).await, 200).await;

    // Assert: one value per date, the later one kept; oldest first; achieved from the latest date.
    let ind = arr(&last["indicators"]).iter().find(|i| i["id"] == up).unwrap();
    let values: Vec<(String, f64)> = arr(&ind["values"]).iter().map(|v| (v["date"].as_str().unwrap().to_owned(), num(&v["value"]))).collect();
    assert_eq!(values, [("2026-03-31".to_owned(), 11.0), ("2026-06-30".to_owned(), 12.0), ("2026-09-30".to_owned(), 16.0)]);
    assert_close(&ind["achieved"], 0.6, "(16 − 10)/(20 − 10)");
    assert_eq!((ind["baseline"].as_f64(), ind["target"].as_f64(), ind["unit"].as_str()), (Some(10.0), Some(20.0), Some("건")));
    let ind = arr(&last["indicators"]).iter().find(|i| i["id"] == down).unwrap();
    assert_close(&ind["achieved"], 0.4, "(80 − 100)/(50 − 100)");
    let read = task(app, t, Who::Nobody).await;
    assert_eq!(arr(&arr(&read["indicators"]).iter().find(|i| i["id"] == up).unwrap()["values"]).len(), 3);

    // Refused: a target equal to the baseline, a date that is not one, a non-member, nobody, an unknown indicator.
    let same = json!({ "name": "만족도", "unit": "%", "baseline": 70.0, "target": 70.0 });
    assert_eq!(refused(post(app, &path, admin, same).await, 422).await, ["target"]);
    let p = format!("/api/v1/tasks/{t}/indicators/{up}/values");
    assert_eq!(refused(post(app, &p, admin, json!({ "date": "2026-02-30", "value": 13.0 })).await, 422).await, ["date"]);
    refused(post(app, &p, citizen.who(), json!({ "date": "2026-10-31", "value": 18.0 })).await, 403).await;
    refused(post(app, &p, Who::Nobody, json!({ "date": "2026-10-31", "value": 18.0 })).await, 401).await;
    refused(post(app, &path, citizen.who(), json!({ "name": "만족도", "unit": "%", "baseline": 70.0, "target": 90.0 })).await, 403).await;
    refused(post(app, &format!("/api/v1/tasks/{t}/indicators/999999/values"), admin, json!({ "date": "2026-10-31", "value": 18.0 })).await, 404).await;
    let read = task(app, t, Who::Nobody).await;
    assert_eq!(arr(&read["indicators"]).len(), 2);
    assert_close(&arr(&read["indicators"]).iter().find(|i| i["id"] == up).unwrap()["achieved"], 0.6, "unchanged");
}

// ---------------------------------------------------------------------------
// 6. Task-force membership

#[tokio::test]
async fn the_task_force_is_set_by_email_and_id_and_only_its_members_may_edit() {
    // Arrange
    let w = world().await;
    let app = &w.app;
    let t = id(&direct_task(&w, "민원 처리 기간 단축", json!({})).await);
    let ps = people(app, "tf", 3).await;
    let (lead, member, other) = (&ps[0], &ps[1], &ps[2]);
    let members_path = format!("/api/v1/tasks/{t}/members");
    let milestones = format!("/api/v1/tasks/{t}/milestones");
    refused(post(app, &milestones, member.who(), ms("법령 검토", 30, 1, None, "planned", None)).await, 403).await;

    // Act: the lead by e-mail, the member by id.
    let set = set_members(&w, t, json!([{ "email": "tf0@example.kr", "role": "lead" }, { "user_id": member.id }])).await;

    // Assert
    let mut got: Vec<(i64, String, String)> =
        arr(&set["members"]).iter().map(|m| (m["user_id"].as_i64().unwrap(), m["display_name"].as_str().unwrap().to_owned(), m["role"].as_str().unwrap().to_owned())).collect();
    got.sort();
    assert_eq!(got, [(lead.id, "tf 0".to_owned(), "lead".to_owned()), (member.id, "tf 1".to_owned(), "member".to_owned())]);
    assert_eq!(task(app, t, member.who()).await["can_edit"], true);
    assert_eq!(task(app, t, other.who()).await["can_edit"], false);
    let edited = add_milestone(app, t, member.who(), ms("법령 검토", 30, 1, None, "planned", None)).await;
    assert_eq!(arr(&edited["milestones"]).len(), 1);
    refused(post(app, &milestones, other.who(), ms("시범 운영", 60, 1, None, "planned", None)).await, 403).await;

    // A plain member may not change the task force; its lead may.
    refused(put(app, &members_path, member.who(), json!({ "members": [{ "user_id": member.id, "role": "lead" }] })).await, 403).await;
    refused(put(app, &members_path, Who::Nobody, json!({ "members": [] })).await, 401).await;
    let unknown = json!({ "members": [{ "email": "nobody@example.kr" }] });
    refused(put(app, &members_path, w.admin(), unknown).await, 422).await;
    let set = body(put(app, &members_path, lead.who(), json!({ "members": [{ "user_id": lead.id, "role": "lead" }, { "user_id": other.id, "role": "member" }] })).await, 200).await;
    let mut ids: Vec<i64> = arr(&set["members"]).iter().map(|m| m["user_id"].as_i64().unwrap()).collect();
    ids.sort_unstable();
    assert_eq!(ids, [lead.id, other.id]);

    // The removed member may no longer edit; the new one may.
    refused(post(app, &milestones, member.who(), ms("시범 운영", 60, 1, None, "planned", None)).await, 403).await;
    assert_eq!(task(app, t, member.who()).await["can_edit"], false);
    add_milestone(app, t, other.who(), ms("시범 운영", 60, 1, None, "planned", None)).await;
    let edit = json!({ "title": "민원 처리 기간 단축 (수정)", "description": "", "kind": "institution_managed", "area_code": "public_service", "region_code": "national", "lead_organisation_id": w.lead, "partner_organisation_ids": [] });
    refused(put(app, &format!("/api/v1/tasks/{t}"), member.who(), edit.clone()).await, 403).await;
    let changed = body(put(app, &format!("/api/v1/tasks/{t}"), other.who(), edit).await, 200).await;
    assert_eq!(changed["title"], "민원 처리 기간 단축 (수정)");
    assert_eq!(arr(&changed["organisations"]).len(), 1, "the partner is gone");
    assert_eq!(arr(&changed["milestones"]).len(), 2);
}

// ---------------------------------------------------------------------------
// 7. The public portfolio

#[tokio::test]
async fn the_public_portfolio_filters_counts_and_exports_the_tasks() {
    // Arrange: three tasks.
    //   A: priority, 공공서비스, national, lead 행정안전부, one milestone past due at 30 % → delayed, 30 %.
    //   B: institution managed, 국민참여, seoul, lead 국토교통부, due in 5 days at 45 % → at risk, 45 %.
    //   C: institution managed, 일하는 방식, national, lead 행정안전부, 9:1 done/planned far off → on track, 90 %.
    let w = world().await;
    let app = &w.app;
    let admin = w.admin();
    let chosen = selected(&w, "청년 교통비 지원").await;
    let a = id(&body(post(app, "/api/v1/tasks", admin, task_input(&w, "청년 교통비 지원 과제", "priority", Some(chosen))).await, 201).await);
    let b = id(&direct_task(&w, "주민 참여 예산 확대", json!({ "area_code": "participation", "region_code": "seoul", "lead_organisation_id": w.partner, "partner_organisation_ids": [w.lead] })).await);
    let c = id(&direct_task(&w, "공공기관 협업 방식 개선", json!({ "area_code": "work_practice", "partner_organisation_ids": [] })).await);
    add_milestone(app, a, admin, ms("요금 할인 협의", -3, 1, None, "in_progress", Some(30))).await;
    add_milestone(app, b, admin, ms("참여 예산 공모", 5, 1, None, "in_progress", Some(45))).await;
    add_milestone(app, c, admin, ms("협업 지침 마련", 20, 9, None, "done", None)).await;
    add_milestone(app, c, admin, ms("성과 공유회", 90, 1, None, "planned", None)).await;

    // Act
    let all = body(get(app, "/api/v1/tasks", Who::Nobody).await, 200).await;

    // Assert: everything, sorted by id, with health and progress.
    let ids = |v: &Value| items(v).iter().map(id).collect::<Vec<i64>>();
    assert_eq!(ids(&all), [a, b, c]);
    let health: Vec<&str> = items(&all).iter().map(|t| t["health"].as_str().unwrap()).collect();
    assert_eq!(health, ["delayed", "at_risk", "on_track"]);
    for (t, want) in items(&all).iter().zip([30.0, 45.0, 90.0]) {
        assert_close(&t["progress"], want, "summary progress");
    }
    assert_eq!(items(&all)[0]["proposal_id"], chosen);
    assert_eq!(items(&all)[1]["lead"]["id"], w.partner);
    assert_eq!(items(&all)[1]["lead"]["name"], "국토교통부");
    assert_eq!(items(&all)[1]["kind"], "institution_managed");
    assert_eq!(all["health"], json!({ "on_track": 1, "at_risk": 1, "delayed": 1 }));
    assert_eq!(all["progress_buckets"], json!([0, 1, 1, 0, 1]));

    // Filters.
    let filtered = |q: &'static str| async move { body(get(app, &format!("/api/v1/tasks?{q}"), Who::Nobody).await, 200).await };
    assert_eq!(ids(&filtered("area=participation").await), [b]);
    assert_eq!(ids(&filtered("area=public_service").await), [a]);
    assert_eq!(ids(&filtered("kind=institution_managed").await), [b, c]);
    assert_eq!(ids(&filtered("kind=priority").await), [a]);
    assert_eq!(ids(&filtered("health=delayed").await), [a]);
    assert_eq!(ids(&filtered("health=on_track").await), [c]);
    assert_eq!(ids(&filtered("region=seoul").await), [b]);
    let by_lead = body(get(app, &format!("/api/v1/tasks?lead={}", w.lead), Who::Nobody).await, 200).await;
    assert_eq!(ids(&by_lead), [a, c]);
    assert_eq!(by_lead["health"], json!({ "on_track": 1, "at_risk": 0, "delayed": 1 }));
    assert_eq!(by_lead["progress_buckets"], json!([0, 1, 0, 0, 1]));
    let both = filtered("kind=institution_managed&health=at_risk").await;
    assert_eq!(ids(&both), [b]);
    assert_eq!(both["health"], json!({ "on_track": 0, "at_risk": 1, "delayed": 0 }));
    assert_eq!(both["progress_buckets"], json!([0, 0, 1, 0, 0]));
    let none = filtered("area=participation&kind=priority").await;
    assert!(items(&none).is_empty());
    assert_eq!(none["progress_buckets"], json!([0, 0, 0, 0, 0]));

    // CSV: UTF-8 with a BOM, a header and one row per task, Korean intact; the same filters.
    let res = get(app, "/api/v1/tasks.csv", Who::Nobody).await;
    assert_eq!(res.status(), 200);
    let ct = res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert!(ct.starts_with("text/csv"), "{ct}");
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "a UTF-8 BOM for spreadsheet programs");
    let csv = std::str::from_utf8(&bytes[3..]).expect("UTF-8");
    let lines: Vec<&str> = csv.lines().map(|l| l.trim_end_matches('\r')).filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 4, "a header and three rows: {csv}");
    assert!(lines[1].contains("청년 교통비 지원 과제") && lines[2].contains("주민 참여 예산 확대") && lines[3].contains("공공기관 협업 방식 개선"), "{csv}");
    let res = get(app, &format!("/api/v1/tasks.csv?lead={}", w.lead), Who::Nobody).await;
    let bytes = res.bytes().await.unwrap();
    let csv = String::from_utf8_lossy(&bytes);
    assert_eq!(csv.lines().filter(|l| !l.trim().is_empty()).count(), 3, "a header and two rows: {csv}");
    assert!(!csv.contains("주민 참여 예산 확대"), "{csv}");

    // XLSX: a ZIP file.
    let res = get(app, "/api/v1/tasks.xlsx", Who::Nobody).await;
    assert_eq!(res.status(), 200);
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK"), "ZIP magic bytes");
}

// ---------------------------------------------------------------------------
// 8. OpenAPI

#[tokio::test]
async fn the_openapi_document_lists_the_task_paths() {
    let app = TestApp::spawn().await;
    let doc = body(get(&app, "/api/v1/openapi.json", Who::Nobody).await, 200).await;
    let paths = doc["paths"].as_object().unwrap();
    for p in ["/api/v1/tasks", "/api/v1/tasks/{id}", "/api/v1/tasks/{id}/milestones"] {
        assert!(paths.contains_key(p), "{p} missing");
    }
    assert!(paths["/api/v1/tasks"]["get"].is_object() && paths["/api/v1/tasks"]["post"].is_object());
    assert!(paths["/api/v1/tasks/{id}/milestones"]["post"].is_object());
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for s in ["TaskDto", "TaskInput", "PortfolioDto", "MilestoneInput"] {
        assert!(schemas.contains_key(s), "schema {s} missing");
    }
}

/// A task without milestones has no schedule to hold its indicators to: an
/// indicator still at its baseline does not make it at risk.
#[tokio::test]
async fn indicators_alone_do_not_make_a_task_without_milestones_at_risk() {
    let w = world().await;
    let app = &w.app;
    let t = direct_task(&w, "기관 협업 데이터 공유", json!({})).await;
    let tid = id(&t);
    let with = body(post(app, &format!("/api/v1/tasks/{tid}/indicators"), w.admin(), json!({ "name": "공유 데이터셋", "unit": "건", "baseline": 10.0, "target": 20.0 })).await, 201).await;
    let iid = id(&arr(&with["indicators"])[0]);
    let seen = body(post(app, &format!("/api/v1/tasks/{tid}/indicators/{iid}/values"), w.admin(), json!({ "date": kst_day(0), "value": 10.0 })).await, 200).await;

    assert_eq!((seen["derived_health"].as_str(), seen["health"].as_str()), (Some("on_track"), Some("on_track")), "{seen}");
    assert_close(&arr(&seen["indicators"])[0]["achieved"], 0.0, "still at the baseline");
}
