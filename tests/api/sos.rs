//! The collaboration SOS desk (협업SOS, issue 7) over HTTP: who may raise,
//! read and answer requests (private to the task force and the desk), the
//! triage order and the states of a thread, service-level timers in working
//! time on a configured holiday list, overdue notices to the desk lead, the
//! public anonymised statistics, and following a task.
//!
//! Set-up reuses the execution tests' world (an admin, a process, two
//! organisations) and people with API tokens. Times in the past are written
//! straight into the database, so the timers can be checked exactly.

use crate::execution::{Member, World, direct_task, id, notifications, of_kind, people, refused, set_members, task, world, world_with};
use crate::json::{Who, body, delete, get, items, num, post, put};
use serde_json::{Value, json};
use tests::TestApp;

/// Grants `role` globally to `email` (as the world's admin).
async fn grant(w: &World, email: &str, role: &str) {
    let input = json!({ "email": email, "role": role, "scope_kind": "global", "scope_id": 0 });
    body(post(&w.app, "/api/v1/admin/role-grants", w.admin(), input).await, 201).await;
}

/// A direct task whose task force is `members` (ids), all plain members.
async fn task_with(w: &World, title: &str, members: &[&Member]) -> i64 {
    let t = id(&direct_task(w, title, json!({})).await);
    let list: Vec<Value> = members.iter().map(|m| json!({ "user_id": m.id })).collect();
    set_members(w, t, Value::Array(list)).await;
    t
}

fn sos_input(title: &str, category: &str, urgency: &str) -> Value {
    json!({ "title": title, "category": category, "urgency": urgency, "description": "관계 부처와 협의가 3주째 진행되지 않고 있습니다. 조정이 필요합니다.", "organisation_ids": [] })
}

async fn raise(app: &TestApp, task: i64, who: Who<'_>, input: Value) -> Value {
    body(post(app, &format!("/api/v1/tasks/{task}/sos"), who, input).await, 201).await
}

async fn message(app: &TestApp, sos: i64, who: Who<'_>, kind: &str, text: &str) -> Value {
    body(post(app, &format!("/api/v1/sos/{sos}/messages"), who, json!({ "kind": kind, "body": text })).await, 201).await
}

async fn sos(app: &TestApp, sos: i64, who: Who<'_>) -> Value {
    body(get(app, &format!("/api/v1/sos/{sos}"), who).await, 200).await
}

async fn queue(app: &TestApp, query: &str, who: Who<'_>) -> Value {
    body(get(app, &format!("/api/v1/sos{query}"), who).await, 200).await
}

fn ids(list: &Value) -> Vec<i64> {
    items(list).iter().map(id).collect()
}

/// Sets a timestamp column of a request (RFC 3339, UTC).
async fn set_time(app: &TestApp, sos: i64, column: &str, at: &str) {
    let backend = app.db.get_database_backend();
    let sql = format!("UPDATE sos_requests SET {column} = '{at}' WHERE id = {sos}");
    sea_orm::ConnectionTrait::execute_raw(&app.db, sea_orm::Statement::from_string(backend, sql)).await.unwrap();
}

fn unix(rfc3339: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(rfc3339).unwrap().timestamp()
}

// ---------------------------------------------------------------------------

#[tokio::test]
async fn requests_are_private_to_their_task_force_and_the_desk() {
    // Arrange: two task forces, a citizen outside both, a desk responder.
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "sp", 4).await;
    let (a, b, citizen, desk) = (&ps[0], &ps[1], &ps[2], &ps[3]);
    let ta = task_with(&w, "청년 주거 지원 확대", &[a]).await;
    let tb = task_with(&w, "민원 서류 간소화", &[b]).await;
    grant(&w, "sp3@example.kr", "sos_responder").await;

    // Act: only task A's task force (or an admin) raises for task A; input is checked.
    let bad = json!({ "title": "가", "category": "weather", "urgency": "asap", "description": "짧음", "organisation_ids": [999_999] });
    let fields = refused(post(app, &format!("/api/v1/tasks/{ta}/sos"), a.who(), bad).await, 422).await;
    refused(post(app, &format!("/api/v1/tasks/{ta}/sos"), b.who(), sos_input("협업정원 요청", "staffing", "normal")).await, 403).await;
    refused(post(app, &format!("/api/v1/tasks/{ta}/sos"), Who::Nobody, sos_input("협업정원 요청", "staffing", "normal")).await, 401).await;
    refused(post(app, "/api/v1/tasks/999999/sos", a.who(), sos_input("협업정원 요청", "staffing", "normal")).await, 404).await;
    let unknown_org = json!({ "title": "협업정원 요청", "category": "staffing", "description": "협업정원 2명 배정이 필요합니다.", "organisation_ids": [999_999] });
    let org_fields = refused(post(app, &format!("/api/v1/tasks/{ta}/sos"), a.who(), unknown_org).await, 422).await;
    let mut input = sos_input("협업정원 2명 배정 요청", "staffing", "high");
    input["organisation_ids"] = json!([w.partner]);
    let raised = raise(app, ta, a.who(), input).await;
    let s = id(&raised);

    // Assert
    assert_eq!(fields, ["title", "category", "urgency", "description"]);
    assert_eq!(org_fields, ["organisation_ids"]);
    assert_eq!((raised["state"].as_str(), raised["urgency"].as_str(), raised["task_id"].as_i64()), (Some("open"), Some("high"), Some(ta)));
    assert_eq!(raised["organisations"][0]["name"], "국토교통부");
    assert_eq!((raised["can_reply"].as_bool(), raised["can_answer"].as_bool()), (Some(true), Some(false)));
    // The requester, the desk and an admin read it; another task force, a citizen get 404; nobody 401.
    sos(app, s, a.who()).await;
    let seen = sos(app, s, Who::Token(&desk.token)).await;
    assert_eq!(seen["can_answer"], true);
    assert!(seen["desk"].as_array().unwrap().iter().any(|m| m["user_id"] == desk.id), "the desk lists its members for assigning");
    sos(app, s, w.admin()).await;
    for outsider in [b, citizen] {
        refused(get(app, &format!("/api/v1/sos/{s}"), outsider.who()).await, 404).await;
        refused(post(app, &format!("/api/v1/sos/{s}/messages"), outsider.who(), json!({ "body": "저도 궁금합니다" })).await, 404).await;
        assert_eq!(ids(&queue(app, "", outsider.who()).await), Vec::<i64>::new());
    }
    refused(get(app, &format!("/api/v1/sos/{s}"), Who::Nobody).await, 401).await;
    refused(get(app, "/api/v1/sos", Who::Nobody).await, 401).await;
    refused(put(app, &format!("/api/v1/sos/{s}/assignee"), a.who(), json!({ "assignee_id": desk.id })).await, 403).await;
    let mine = queue(app, "", a.who()).await;
    assert_eq!((ids(&mine), mine["desk"].as_bool()), (vec![s], Some(false)));
    let desk_view = queue(app, "", Who::Token(&desk.token)).await;
    assert_eq!((ids(&desk_view), desk_view["desk"].as_bool()), (vec![s], Some(true)));
    assert_eq!(ids(&queue(app, &format!("?task={tb}"), Who::Token(&desk.token)).await), Vec::<i64>::new());
    // The desk was told; the requester was not.
    assert_eq!(of_kind(&notifications(app, Who::Token(&desk.token)).await, "sos_raised").len(), 1);
    assert_eq!(of_kind(&notifications(app, a.who()).await, "sos_raised").len(), 0);
    // The public statistics name no request, task or person.
    let stats = body(get(app, "/api/v1/sos/stats", Who::Nobody).await, 200).await;
    assert_eq!(stats["total"], 1);
    let staffing = stats["by_category"].as_array().unwrap().iter().find(|c| c["key"] == "staffing").unwrap();
    assert_eq!(staffing["count"], 1);
    assert_eq!(stats["by_category"].as_array().unwrap().len(), 5);
    let mut keys: Vec<&str> = stats.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "by_category", "by_urgency", "first_response_on_time", "median_first_response_secs", "median_resolution_secs", "resolution_on_time",
            "resolved", "service_levels", "total", "utc_offset_minutes", "working_hours",
        ],
        "only counts, medians and the published levels"
    );
    let text = stats.to_string();
    for private in ["협업정원 2명", "청년 주거", "sp 0", "관계 부처", "국토교통부"] {
        assert!(!text.contains(private), "the statistics leak {private}: {text}");
    }
}

#[tokio::test]
async fn the_desk_triages_by_urgency_then_waiting_and_answers_through_every_state() {
    // Arrange: a task force of two, a responder, a lead.
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "tr", 4).await;
    let (requester, colleague, responder, lead) = (&ps[0], &ps[1], &ps[2], &ps[3]);
    let t = task_with(&w, "기관 간 데이터 공유", &[requester, colleague]).await;
    grant(&w, "tr2@example.kr", "sos_responder").await;
    grant(&w, "tr3@example.kr", "sos_lead").await;
    let normal = id(&raise(app, t, requester.who(), sos_input("예산 전용 협의", "budget", "normal")).await);
    let urgent_late = id(&raise(app, t, requester.who(), sos_input("법령 해석 요청", "law", "urgent")).await);
    let low = id(&raise(app, t, requester.who(), sos_input("회의실 조정", "other", "low")).await);
    let urgent_early = id(&raise(app, t, colleague.who(), sos_input("협업정원 긴급 요청", "staffing", "urgent")).await);
    // Distinct waiting times (the later urgent request waited less), set in
    // the future so that no deadline passes while the test runs.
    for (s, at) in [(normal, "2030-11-29T00:00:00Z"), (urgent_late, "2030-11-29T02:00:00Z"), (low, "2030-11-28T00:00:00Z"), (urgent_early, "2030-11-29T01:00:00Z")] {
        set_time(app, s, "created_at", at).await;
    }

    // Act + Assert: the queue order.
    let desk = Who::Token(&responder.token);
    assert_eq!(ids(&queue(app, "", desk).await), [urgent_early, urgent_late, normal, low]);
    assert_eq!(ids(&queue(app, "?urgency=urgent", desk).await), [urgent_early, urgent_late]);
    assert_eq!(ids(&queue(app, "?category=law", desk).await), [urgent_late]);
    refused(get(app, "/api/v1/sos?state=closed", desk).await, 422).await;
    refused(get(app, "/api/v1/sos?urgency=asap", desk).await, 422).await;

    // Assigning: to a desk member only; the assignee is told.
    let fields = refused(put(app, &format!("/api/v1/sos/{urgent_early}/assignee"), desk, json!({ "assignee_id": colleague.id })).await, 422).await;
    assert_eq!(fields, ["assignee_id"]);
    let assigned = body(put(app, &format!("/api/v1/sos/{urgent_early}/assignee"), desk, json!({ "assignee_id": lead.id })).await, 200).await;
    assert_eq!((assigned["state"].as_str(), assigned["assignee_id"].as_i64(), assigned["first_response_at"].is_null()), (Some("assigned"), Some(lead.id), true));
    assert_eq!(of_kind(&notifications(app, lead.who()).await, "sos_assigned").len(), 1);
    assert_eq!(ids(&queue(app, "?mine=true", lead.who()).await), [urgent_early]);

    // The desk asks for information: first response measured, the task force is told.
    let waiting = message(app, urgent_early, lead.who(), "request_info", "필요 인원과 기간을 알려 주세요.").await;
    assert_eq!(waiting["state"], "waiting_for_info");
    assert!(waiting["first_response_at"].is_string());
    for member in [requester, colleague] {
        let told = notifications(app, member.who()).await;
        assert_eq!(of_kind(&told, "sos_answered").len(), 1, "task-force member {}", member.id);
    }
    // The task force answers (a plain reply only) and the request goes back to its assignee.
    refused(post(app, &format!("/api/v1/sos/{urgent_early}/messages"), colleague.who(), json!({ "kind": "resolve", "body": "해결" })).await, 403).await;
    let back = message(app, urgent_early, colleague.who(), "reply", "2명, 6개월입니다.").await;
    assert_eq!(back["state"], "assigned");
    assert_eq!(of_kind(&notifications(app, lead.who()).await, "sos_message").len(), 1);
    // Escalation tells the lead; resolving closes the thread.
    let escalated = message(app, urgent_early, responder.who(), "escalate", "행정안전부 조직실 검토가 필요합니다.").await;
    assert_eq!(escalated["state"], "escalated");
    assert_eq!(of_kind(&notifications(app, lead.who()).await, "sos_escalated").len(), 1);
    let resolved = message(app, urgent_early, responder.who(), "resolve", "협업정원 2명이 배정되었습니다.").await;
    assert_eq!((resolved["state"].as_str(), resolved["can_reply"].as_bool()), (Some("resolved"), Some(false)));
    assert!(resolved["resolved_at"].is_string());
    let kinds: Vec<(&str, bool)> = resolved["messages"].as_array().unwrap().iter().map(|m| (m["kind"].as_str().unwrap(), m["from_desk"].as_bool().unwrap())).collect();
    assert_eq!(kinds, [("request_info", true), ("reply", false), ("escalate", true), ("resolve", true)]);
    refused(post(app, &format!("/api/v1/sos/{urgent_early}/messages"), requester.who(), json!({ "body": "감사합니다" })).await, 409).await;
    refused(post(app, &format!("/api/v1/sos/{urgent_early}/messages"), desk, json!({ "body": "" })).await, 422).await;

    // Resolved requests leave the active queue and are found by state.
    assert_eq!(ids(&queue(app, "", desk).await), [urgent_late, normal, low]);
    let resolved_list = queue(app, "?state=resolved", desk).await;
    assert_eq!(ids(&resolved_list), [urgent_early]);
    assert_eq!(items(&resolved_list)[0]["messages"], 4, "the thread's length in the list");
    assert_eq!(ids(&queue(app, "?state=all", requester.who()).await), [urgent_late, normal, low, urgent_early]);
    // A plain reply from the desk to an open request answers and assigns it to the replier.
    let answered = message(app, normal, responder.who(), "reply", "예산실과 협의 일정을 잡겠습니다.").await;
    assert_eq!((answered["state"].as_str(), answered["assignee_id"].as_i64()), (Some("assigned"), Some(responder.id)));
    let audit = app.count(&format!("SELECT COUNT(*) AS n FROM audit_log WHERE target_kind = 'sos_request' AND target_id = '{urgent_early}'")).await;
    assert_eq!(audit, 6, "raised, assigned and four messages");
}

#[tokio::test]
async fn service_level_timers_count_working_hours_across_weekends_and_the_configured_holidays() {
    // Arrange: Thursday 19 and Friday 20 November 2026 are holidays here;
    // urgent requests get a first answer within 4 working hours.
    let w = world_with(|c| c.holidays = Some("2026-11-19..2026-11-20".into())).await;
    let app = &w.app;
    let ps = people(app, "sl", 2).await;
    let (member, desk) = (&ps[0], &ps[1]);
    let t = task_with(&w, "규제 샌드박스 협의", &[member]).await;
    grant(&w, "sl1@example.kr", "sos_responder").await;
    let on_time = id(&raise(app, t, member.who(), sos_input("규제 해석 요청", "law", "urgent")).await);
    let late = id(&raise(app, t, member.who(), sos_input("예산 협의 요청", "budget", "urgent")).await);
    // Both raised on Wednesday 18 November at 16:00 KST (07:00 UTC).
    for s in [on_time, late] {
        set_time(app, s, "created_at", "2026-11-18T07:00:00Z").await;
    }

    // Act: the first answers, on Monday 23 November at 10:30 and 11:30 KST.
    message(app, on_time, Who::Token(&desk.token), "reply", "검토 중입니다.").await;
    message(app, late, Who::Token(&desk.token), "reply", "검토 중입니다.").await;
    set_time(app, on_time, "first_response_at", "2026-11-23T01:30:00Z").await;
    set_time(app, late, "first_response_at", "2026-11-23T02:30:00Z").await;
    let a = sos(app, on_time, member.who()).await;
    let b = sos(app, late, member.who()).await;

    // Assert: 2 hours on Wednesday, none on the holidays and the weekend,
    // then Monday from 09:00: the deadline is Monday 11:00 KST (02:00 UTC).
    assert_eq!(a["first_response"]["due"].as_i64(), Some(unix("2026-11-23T02:00:00Z")));
    assert_eq!(a["first_response"]["elapsed_secs"], 2 * 3_600 + 5_400, "16:00–18:00 Wednesday, 09:00–10:30 Monday");
    assert_eq!((a["first_response"]["overdue"].as_bool(), a["first_response"]["remaining_secs"].as_i64()), (Some(false), Some(1_800)));
    assert_eq!(b["first_response"]["elapsed_secs"], 2 * 3_600 + 9_000);
    assert_eq!((b["first_response"]["overdue"].as_bool(), b["first_response"]["remaining_secs"].as_i64()), (Some(true), Some(-1_800)));
    // Resolution within 2 working days (18 hours): Wednesday 2 h, Monday 9 h, Tuesday 7 h → Tuesday 16:00 KST.
    assert_eq!(a["resolution"]["due"].as_i64(), Some(unix("2026-11-24T07:00:00Z")));
    assert_eq!(a["resolution"]["overdue"], true, "still open a week later");
    assert_eq!(a["overdue"], true);
    // The public statistics: medians of the measured working times, the share on time.
    let stats = body(get(app, "/api/v1/sos/stats", Who::Nobody).await, 200).await;
    assert_eq!(num(&stats["median_first_response_secs"]), f64::from(2 * 3_600 + 7_200));
    assert_eq!(num(&stats["first_response_on_time"]), 0.5);
    assert!(stats["median_resolution_secs"].is_null());
    assert_eq!(stats["working_hours"], "09:00–18:00");
    let urgent = stats["service_levels"].as_array().unwrap().iter().find(|l| l["urgency"] == "urgent").unwrap();
    assert_eq!((urgent["first_response_secs"].as_i64(), urgent["resolution_secs"].as_i64()), (Some(4 * 3_600), Some(18 * 3_600)));
}

#[tokio::test]
async fn a_missed_deadline_is_told_to_the_desk_lead_once_per_timer() {
    // Arrange
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "od", 3).await;
    let (member, responder, lead) = (&ps[0], &ps[1], &ps[2]);
    let t = task_with(&w, "재난 문자 개선", &[member]).await;
    grant(&w, "od1@example.kr", "sos_responder").await;
    grant(&w, "od2@example.kr", "sos_lead").await;
    let old = id(&raise(app, t, member.who(), sos_input("기관 간 조정 요청", "coordination", "urgent")).await);
    let fresh = id(&raise(app, t, member.who(), sos_input("예산 문의", "budget", "low")).await);
    // Raised on Monday 2 November at 09:00 KST: both urgent deadlines long past.
    set_time(app, old, "created_at", "2026-11-02T00:00:00Z").await;

    // Act: the desk opens its queue (the overdue check runs first), twice.
    let first = queue(app, "", Who::Token(&responder.token)).await;
    queue(app, "", Who::Token(&responder.token)).await;

    // Assert
    let overdue: Vec<(i64, bool)> = items(&first).iter().map(|i| (id(i), i["overdue"].as_bool().unwrap())).collect();
    assert_eq!(overdue, [(old, true), (fresh, false)]);
    assert_eq!(ids(&queue(app, "?overdue=true", Who::Token(&responder.token)).await), [old]);
    let told = notifications(app, lead.who()).await;
    let mut timers: Vec<&str> = of_kind(&told, "sos_overdue").iter().map(|n| n["payload"]["timer"].as_str().unwrap()).collect();
    timers.sort_unstable();
    assert_eq!(timers, ["first_response", "resolution"], "once per timer, however often the queue is read");
    assert_eq!(of_kind(&notifications(app, Who::Token(&responder.token)).await, "sos_overdue").len(), 0, "not assigned: only the lead");
    let answered = message(app, old, Who::Token(&responder.token), "reply", "늦어서 죄송합니다. 바로 조정하겠습니다.").await;
    assert_eq!((answered["first_response"]["overdue"].as_bool(), answered["overdue"].as_bool()), (Some(true), Some(true)), "answered late, resolution still overdue");
}

#[tokio::test]
async fn followers_of_a_task_are_told_of_its_progress_updates_until_they_stop() {
    // Arrange
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "fw", 2).await;
    let (member, citizen) = (&ps[0], &ps[1]);
    let t = task_with(&w, "공공데이터 개방 확대", &[member]).await;
    let follow = format!("/api/v1/tasks/{t}/follow");
    let update = format!("/api/v1/tasks/{t}/updates");

    // Act
    refused(put(app, &follow, Who::Nobody, json!({})).await, 401).await;
    refused(put(app, "/api/v1/tasks/999999/follow", citizen.who(), json!({})).await, 404).await;
    assert_eq!(put(app, &follow, citizen.who(), json!({})).await.status(), 204);
    assert_eq!(put(app, &follow, citizen.who(), json!({})).await.status(), 204, "following twice is following");
    let seen = task(app, t, citizen.who()).await;
    body(post(app, &update, member.who(), json!({ "body": "1차 개방 목록을 확정했습니다.", "links": [] })).await, 201).await;
    assert_eq!(delete(app, &follow, citizen.who()).await.status(), 204);
    body(post(app, &update, member.who(), json!({ "body": "2차 개방 목록을 협의 중입니다.", "links": [] })).await, 201).await;

    // Assert
    assert_eq!((seen["following"].as_bool(), seen["followers"].as_u64()), (Some(true), Some(1)));
    let told = notifications(app, citizen.who()).await;
    let updates = of_kind(&told, "task_update");
    assert_eq!(updates.len(), 1, "told of the first update only: {told:?}");
    assert_eq!(updates[0]["payload"]["task_id"], t);
    assert_eq!(updates[0]["payload"]["title"], "", "a task made directly has no proposal title");
    assert_eq!(of_kind(&notifications(app, member.who()).await, "task_update").len(), 0, "not the poster");
    let after = task(app, t, citizen.who()).await;
    assert_eq!((after["following"].as_bool(), after["followers"].as_u64()), (Some(false), Some(0)));
}

#[tokio::test]
async fn the_openapi_document_lists_the_sos_paths() {
    let app = TestApp::spawn().await;
    let doc = body(get(&app, "/api/v1/openapi.json", Who::Nobody).await, 200).await;
    let paths = doc["paths"].as_object().unwrap();
    for (path, method) in [
        ("/api/v1/tasks/{id}/sos", "post"),
        ("/api/v1/sos", "get"),
        ("/api/v1/sos/stats", "get"),
        ("/api/v1/sos/{id}", "get"),
        ("/api/v1/sos/{id}/messages", "post"),
        ("/api/v1/sos/{id}/assignee", "put"),
        ("/api/v1/tasks/{id}/follow", "put"),
        ("/api/v1/tasks/{id}/follow", "delete"),
    ] {
        assert!(paths.get(path).is_some_and(|p| p[method].is_object()), "{method} {path} missing");
    }
}

#[tokio::test]
async fn the_desk_member_in_a_task_force_speaks_for_it_and_racing_answers_resolve_once() {
    // Arrange: a task force of two, one of whom also answers for the desk; a
    // second responder; an outsider.
    let w = world().await;
    let app = &w.app;
    let ps = people(app, "dm", 4).await;
    let (member, both, responder, outsider) = (&ps[0], &ps[1], &ps[2], &ps[3]);
    let t = task_with(&w, "지역 돌봄 협업", &[member, both]).await;
    grant(&w, "dm1@example.kr", "sos_responder").await;
    grant(&w, "dm2@example.kr", "sos_responder").await;
    let s = id(&raise(app, t, member.who(), sos_input("돌봄 인력 협의", "staffing", "normal")).await);

    // Act + Assert: the member who is also on the desk writes as the task force.
    let own = message(app, s, both.who(), "reply", "보완 자료를 첨부합니다.").await;
    assert_eq!((own["state"].as_str(), own["first_response_at"].is_null()), (Some("open"), true), "the desk's clock still runs");
    assert_eq!(own["messages"][0]["from_desk"], false);
    refused(post(app, &format!("/api/v1/sos/{s}/messages"), both.who(), json!({ "kind": "resolve", "body": "해결" })).await, 403).await;
    assert_eq!(of_kind(&notifications(app, member.who()).await, "sos_message").len(), 1, "the task force follows its thread");
    // Outsiders learn nothing, not even through the assignee.
    refused(put(app, &format!("/api/v1/sos/{s}/assignee"), outsider.who(), json!({ "assignee_id": responder.id })).await, 404).await;
    // An escalated request asked for information goes back to escalated when answered.
    message(app, s, responder.who(), "escalate", "기관 간 조정이 필요합니다.").await;
    message(app, s, responder.who(), "request_info", "대상 기관을 알려 주세요.").await;
    let back = message(app, s, member.who(), "reply", "보건복지부와 지자체입니다.").await;
    assert_eq!(back["state"], "escalated");
    // Two desk members resolve at once: one does, the other is told it is resolved.
    let path = format!("/api/v1/sos/{s}/messages");
    let (a, b) = tokio::join!(
        post(app, &path, responder.who(), json!({ "kind": "resolve", "body": "조정되었습니다." })),
        post(app, &path, w.admin(), json!({ "kind": "resolve", "body": "해결 처리합니다." })),
    );
    let mut statuses = [a.status().as_u16(), b.status().as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [201, 409]);
    let done = sos(app, s, member.who()).await;
    let resolves = done["messages"].as_array().unwrap().iter().filter(|m| m["kind"] == "resolve").count();
    assert_eq!((done["state"].as_str(), resolves), (Some("resolved"), 1));
}
